"""来源: every source with its kind, region, level, documents held and freshness; its health from the crawler's polls
(ok, blocked, failing, quiet, disabled); site health per week in the terms of the 2019 check rules (share of failed
fetches, ≥5% fails the site, no new post for 14 days is stale); outage windows; and the latest failed fetches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from dashboard import data
from pipeline.report.week import week_label

SOURCE_COLUMNS: dict[str, str] = {
    "source_id": "来源编号",
    "name": "名称",
    "kind_label": "类型",
    "channel_label": "渠道",
    "region": "地区",
    "level_label": "层级",
    "n_documents": "稿件数",
    "last_published": "最近发布时间",
    "last_seen": "最近抓到",
    "days_since_publish": "距最近发布（天）",
    "stale_label": "两周未更新",
    "n_fetch_errors": "抓取错误",
    "last_error": "最近错误时间",
}
HEALTH_COLUMNS: dict[str, str] = {
    "source_id": "来源编号",
    "name": "名称",
    "status_label": "状态",
    "last_success_shown": "最近成功抓取",
    "last_new_item_shown": "最近发现新稿",
    "failure_score": "失败分",
    "backoff_shown": "退避（小时）",
    "reason": "原因",
}
WEEKLY_COLUMNS: dict[str, str] = {
    "week": "ISO 周",
    "name": "来源",
    "n_fetches": "抓取次数",
    "n_failed": "失败次数",
    "fail_share_shown": "失败占比",
    "fails_label": "失败≥5%（不合格）",
    "last_published": "截至周末最近发布",
    "days_since_published": "距最近发布（天）",
    "stale_label": "两周未更新",
    "n_outages": "中断次数",
    "outage_hours": "中断时长（小时）",
}
OUTAGE_COLUMNS: dict[str, str] = {
    "name": "来源",
    "start": "开始（首次失败）",
    "end": "结束（再次成功）",
    "n_failures": "失败次数",
    "hours": "时长（小时）",
}
ERROR_COLUMNS: dict[str, str] = {"at": "时间", "name": "来源", "url": "地址", "error": "错误"}


def yes_no(value: bool | None) -> str:
    return "是" if value else "否"


def source_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **r,
            "kind_label": data.KIND_LABELS.get(r["kind"], r["kind"]),
            "channel_label": data.CHANNEL_LABELS.get(r["channel"], r["channel"]),
            "level_label": data.LEVEL_LABELS.get(r["level"] or "", r["level"]),
            "last_published": data.when(r["last_published_at"], r["last_published_precision"]),
            "last_seen": data.when(r["last_seen_at"], None),
            "last_error": data.when(r["last_error_at"], None),
            "stale_label": yes_no(r["stale"]),
        }
        for r in rows
    ]


def health_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **r,
            "status_label": data.HEALTH_LABELS.get(r["status"], r["status"]),
            "last_success_shown": data.when(r["last_success"], None),
            "last_new_item_shown": data.when(r["last_new_item"], None),
            "backoff_shown": round(r["backoff"].total_seconds() / 3600, 2),
        }
        for r in rows
    ]


def weekly_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **r,
            "week": week_label(r["iso_year"], r["iso_week"]),
            "fail_share_shown": data.percent(r["n_failed"], r["n_fetches"]),
            "fails_label": yes_no(r["fails_connectivity"]),
            "last_published": data.when(r["last_published_at"], None),
            "stale_label": yes_no(r["stale"]),
        }
        for r in rows
    ]


def outage_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **r,
            "start": data.when(r["outage_start"], "second"),
            "end": "仍在中断" if r["ongoing"] else data.when(r["outage_end"], "second"),
        }
        for r in rows
    ]


def health(scope: data.Scope) -> None:
    st.subheader("来源健康")
    try:
        rows = data.source_health(scope)
    except data.DataUnavailable as exc:
        data.show_unavailable(exc)
        return
    counts = {status: sum(r["status"] == status for r in rows) for status in data.HEALTH_LABELS}
    columns = st.columns(3)
    columns[0].metric("健康正常", counts["ok"])
    columns[1].metric("抓取失败或被拦截", counts["failing"] + counts["blocked"] + counts["disabled"])
    columns[2].metric("两周无新稿", counts["quiet"])
    st.dataframe(data.frame(health_rows(rows), HEALTH_COLUMNS), hide_index=True, width="stretch")
    st.caption("失败分：自最近一次完全成功以来，全部失败的抓取轮次记 1，部分失败记 0.5；分数越高，下次抓取前退避越久。")


def _hours_table(title: str, load: Callable[[], list[dict[str, Any]]], empty: str,
                 shown: Callable[[list[dict[str, Any]]], list[dict[str, Any]]], columns: dict[str, str],
                 hours_column: str, caption: str) -> None:
    """A titled table whose hours column shows two decimals, with its caption; a notice when there are no rows."""
    st.subheader(title)
    rows = data.rows_or_notice(load, empty)
    if rows is None:
        return
    st.dataframe(
        data.frame(shown(rows), columns),
        hide_index=True,
        width="stretch",
        column_config={hours_column: st.column_config.NumberColumn(format="%.2f")},
    )
    st.caption(caption)


def site_health(scope: data.Scope) -> None:
    _hours_table("网站健康（按周，普查口径）", lambda: data.site_health(scope), "所选周和地区没有抓取记录。",
                 weekly_rows, WEEKLY_COLUMNS, "中断时长（小时）",
                 "一周内抓取失败占比达到 5% 的网站按普查规则判为不合格；截至周末两周以上没有新稿的网站计为未更新。")


def outages(scope: data.Scope) -> None:
    _hours_table("中断时段", lambda: data.source_outages(scope), "所选地区的来源没有中断记录。",
                 outage_rows, OUTAGE_COLUMNS, "时长（小时）",
                 "中断从一次抓取失败开始，到下一次成功抓取结束；规则时限内有中断的来源，其结果记为“无法判断”。")


def fetch_errors(scope: data.Scope) -> None:
    st.subheader("最近的抓取失败")
    rows = data.rows_or_notice(lambda: data.fetch_errors(scope), "所选地区的来源没有抓取失败记录。")
    if rows is None:
        return
    shown = [{**r, "at": data.when(r["fetched_at"], "second")} for r in rows]
    st.dataframe(data.frame(shown, ERROR_COLUMNS), hide_index=True, width="stretch")


def main() -> None:
    scope = data.current_scope()
    try:
        rows = data.sources(scope)
    except data.DataUnavailable as exc:
        data.show_unavailable(exc)
        return
    columns = st.columns(4)
    columns[0].metric("政府来源", sum(r["kind"] == "official" for r in rows))
    columns[1].metric("媒体来源", sum(r["kind"] == "media" for r in rows))
    columns[2].metric("有抓取错误的来源", sum(r["n_fetch_errors"] > 0 for r in rows))
    columns[3].metric("两周未更新的政府来源", sum(r["kind"] == "official" and r["stale"] for r in rows))
    if not rows:
        st.info("所选地区没有来源。")
        return
    st.dataframe(data.frame(source_rows(rows), SOURCE_COLUMNS), hide_index=True, width="stretch")
    st.caption(
        "最近发布时间不含时间异常（晚于抓取时间等）的稿件；距最近发布从本库最近一次抓取起算；"
        "抓取错误说明该来源的空白可能是漏抓而非沉默。"
    )
    health(scope)
    site_health(scope)
    outages(scope)
    fetch_errors(scope)


main()
