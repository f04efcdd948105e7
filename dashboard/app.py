"""Entrypoint: page frame, optional login, navigation and the sidebar filters every view shares.

Run with `streamlit run dashboard/app.py` (or `tracker dashboard`); the database path comes from TRACKER_DB.
"""

from __future__ import annotations

import streamlit as st

from dashboard import auth, data

TITLE = "谁先发声 · 政务舆情回应时效"


def sidebar_filters() -> None:
    """Week and region selectors; their values live in session state under `week` and `region`."""
    try:
        weeks = data.weeks()
        regions = data.regions()
    except data.DataUnavailable as exc:
        data.show_unavailable(exc)
        return
    with st.sidebar:
        st.header("筛选")
        st.selectbox("ISO 周（北京时间）", [data.ALL, *weeks], index=1 if weeks else 0, key="week")
        st.selectbox("地区", [data.ALL, *regions], key="region", help="选中地区及其下辖地区的来源")
        st.caption(f"数据库：{data.escape_markdown(str(data.db_path()))}")


def main() -> None:
    st.set_page_config(page_title=TITLE, layout="wide")
    if not auth.allowed():
        st.stop()
    pages = [
        st.Page("views/overview.py", title="总览", url_path="overview", default=True),
        st.Page("views/events.py", title="事件", url_path="events"),
        st.Page("views/event_detail.py", title="事件详情", url_path="event"),
        st.Page("views/sources.py", title="来源", url_path="sources"),
        st.Page("views/press.py", title="发布会核查", url_path="press"),
        st.Page("views/digest.py", title="周报", url_path="digest"),
    ]
    navigation = st.navigation(pages)
    st.title(TITLE)
    sidebar_filters()
    navigation.run()


main()
