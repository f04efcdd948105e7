"""来源: every source with its kind, region, level, documents held, freshness (days since its latest post, stale
after 14 days as in the 2019 check rules), fetch errors, and the latest failed fetches (outages)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import data

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
ERROR_COLUMNS: dict[str, str] = {"at": "时间", "name": "来源", "url": "地址", "error": "错误"}


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
            "stale_label": "是" if r["stale"] else "否",
        }
        for r in rows
    ]


def outages(scope: data.Scope) -> None:
    st.subheader("最近的抓取失败")
    try:
        rows = data.fetch_errors(scope)
    except data.DataUnavailable as exc:
        data.show_unavailable(exc)
        return
    if not rows:
        st.info("所选地区的来源没有抓取失败记录。")
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
    outages(scope)


main()
