"""Entrypoint: page frame, navigation and the sidebar filters every view shares.

Run with `streamlit run dashboard/app.py` (or `tracker dashboard`); the database path comes from TRACKER_DB.
"""

from __future__ import annotations

import streamlit as st

from dashboard import data

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
    pages = [
        st.Page("views/overview.py", title="总览", default=True),
        st.Page("views/events.py", title="事件"),
        st.Page("views/sources.py", title="来源"),
    ]
    navigation = st.navigation(pages)
    st.title(TITLE)
    sidebar_filters()
    navigation.run()


main()
