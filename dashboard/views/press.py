"""发布会核查: the press events recorded with `tracker press add`, and per responsible official website (press_event_responses)
when it first posted on the linked event and how many hours after the press event; below, a quick check of a press
event that was not recorded (region, time, key words)."""

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
RECORDED_COLUMNS: dict[str, str] = {
    "source_name": "责任网站",
    "level_label": "层级",
    "posted_label": "是否发布",
    "first": "首次发布",
    "lag": "发布会后（小时）",
    "bounds": "滞后区间（小时）",
    "since": "发布会至今（小时）",
}
LOOKBACK = timedelta(hours=12)


def recorded_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def bounds(r: dict[str, Any]) -> str:
        if not r["posted"]:
            return "—"
        return f"{data.hours(r['lag_hours_min'])} ~ {data.hours(r['lag_hours_max'])}"

    return [
        {
            **r,
            "level_label": data.LEVEL_LABELS.get(r["level"] or "", r["level"]),
            "posted_label": "已发布" if r["posted"] else "未发布",
            "first": data.when(r["first_at"], None) if r["posted"] else "—",
            "lag": data.hours(r["lag_hours"]),
            "bounds": bounds(r),
            "since": data.hours(r["hours_since_press"]),
        }
        for r in rows
    ]


def recorded() -> None:
    """Press events recorded with `tracker press add`, and each responsible website's lag after the chosen one."""
    st.subheader("已登记的发布会")
    try:
        events = data.press_events()
    except data.DataUnavailable as exc:
        data.show_unavailable(exc)
        return
    if not events:
        st.info("还没有登记发布会。用 tracker press add --source 来源 --at 时间 --title 标题 登记。")
        return
    by_id = {e["press_id"]: e for e in events}
    chosen = st.selectbox(
        "发布会",
        list(by_id),
        format_func=lambda i: f"{data.when(by_id[i]['held_at'], by_id[i]['held_precision'])} · {by_id[i]['source_name']}"
        f" · {by_id[i]['title']}",
        key="press_event",
    )
    event = by_id[chosen]
    st.text(f"发布会：{event['title']}")
    linked = event["event_id"] or "未关联到事件（标题与附近稿件重合不足）"
    st.text(f"举办：{event['source_name']} · {data.when(event['held_at'], event['held_precision'])} · 关联事件：{linked}")
    try:
        rows = data.press_responses(chosen)
    except data.DataUnavailable as exc:
        data.show_unavailable(exc)
        return
    posted = [r for r in rows if r["posted"]]
    lags = [r["lag_hours"] for r in posted if r["lag_hours"] is not None]
    columns = st.columns(3)
    columns[0].metric("发布会后已发布的网站", f"{len(posted)}/{len(rows)}")
    columns[1].metric("最长滞后（小时）", data.hours(max(lags) if lags else None))
    columns[2].metric("尚未发布的网站", len(rows) - len(posted))
    st.dataframe(data.frame(recorded_rows(rows), RECORDED_COLUMNS), hide_index=True, width="stretch")
    st.caption("滞后 = 网站首次发布该事件稿件的时间 − 发布会时间；区间来自发布时间精度和本系统的抓取观察。")


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
    recorded()
    st.subheader("临时核查（未登记的发布会）")
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
    window = f"、后 {rows[0]['window_hours']:g} 小时（最长的规则时限）内" if rows else ""
    st.caption(f"只看发布会前 {LOOKBACK.seconds // 3600} 小时起{window}的稿件；负数表示在发布会之前已发布。")


main()
