"""发布会核查: enter a press event (region, time, key words) and see, per responsible official source, when it
first posted about it and how many hours after the press event."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import streamlit as st

from dashboard import data

RESULT_COLUMNS: dict[str, str] = {
    "name": "政府来源",
    "region": "地区",
    "level_label": "层级",
    "channel_label": "渠道",
    "posted": "首次发布",
    "lag": "发布会后（小时）",
    "title": "标题",
    "link": "链接",
}
LOOKBACK = timedelta(hours=12)


def press_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **r,
            "level_label": data.LEVEL_LABELS.get(r["level"] or "", r["level"]),
            "channel_label": data.CHANNEL_LABELS.get(r["channel"], r["channel"]),
            "posted": data.when(r["published_at"], r["published_precision"]) if r["doc_id"] else "未发布",
            "lag": data.hours(r["lag_hours"]),
            "title": r["title"] or "",
            "link": data.safe_url(r["url"]),
        }
        for r in rows
    ]


def main() -> None:
    try:
        regions = data.regions()
    except data.DataUnavailable as exc:
        data.show_unavailable(exc)
        return
    if not regions:
        st.info("还没有来源。")
        return
    st.caption("发布会或通气会后，各责任网站何时发布、晚了多久。标题须包含全部关键词（空格分隔）。")
    with st.form("press"):
        left, middle, right = st.columns(3)
        region = left.selectbox("责任地区", regions, key="press_region")
        day = middle.date_input("发布会日期", value=datetime.now(data.SHANGHAI).date(), key="press_date")
        at_time = right.time_input("发布会时间（北京时间）", value=time(10, 0), key="press_time")
        words = st.text_input("关键词", key="press_words")
        st.form_submit_button("核查", key="press_submit")
    at = datetime.combine(day, at_time, tzinfo=data.SHANGHAI)
    try:
        rows = data.press_check(region, at, at - LOOKBACK, words.split())
    except data.DataUnavailable as exc:
        data.show_unavailable(exc)
        return
    posted = [r for r in rows if r["doc_id"]]
    columns = st.columns(3)
    columns[0].metric("责任网站", len(rows))
    columns[1].metric("已发布", len(posted))
    late = [r["lag_hours"] for r in posted if r["lag_hours"] is not None]
    columns[2].metric("最慢（小时）", data.hours(max(late) if late else None))
    st.dataframe(
        data.frame(press_rows(rows), RESULT_COLUMNS),
        hide_index=True,
        width="stretch",
        column_config={"链接": st.column_config.LinkColumn("链接", help="仅显示 http/https 链接")},
    )
    st.caption(f"只看发布会前 {LOOKBACK.seconds // 3600} 小时起的稿件；负数表示在发布会之前已发布。")


main()
