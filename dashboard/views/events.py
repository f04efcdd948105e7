"""事件: the filterable event list, and for the chosen event its timeline with the rules' deadlines, its documents
and official responses, and a link to its detail page.

Scraped text (labels, titles, declared sources, URLs) is only ever shown through st.text, dataframes and chart
tooltips, which display it as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from dashboard import choose, data, documents, timeline

WHO_CHOICES: list[str] = ["official_first", "media_first", "undecided", "no_official", "no_media"]
LEVEL_CHOICES: list[str] = list(data.LEVEL_LABELS)
SEVERITY_CHOICES: list[str] = list(data.RULE_SEVERITY_LABELS)
STATUS_CHOICES: list[str] = list(data.REVIEW_LABELS)
RULE_CHOICES: list[str] = ["missed", "met", "pending", "unobservable", "undecided"]
PAGE_SIZE = choose.MAX_CHOICES  # events listed (newest first), as many as the picker offers

EVENT_COLUMNS: dict[str, str] = {
    "label": "事件",
    "day": "日期",
    "region": "地区",
    "first_media": "媒体首报",
    "first_official": "政府首发",
    "lag_hours": "滞后（小时）",
    "who_label": "谁先发声",
    "n_media": "媒体稿件",
    "n_official": "政府稿件",
    "n_reposts": "转载回应",
    "severity_label": "严重程度",
    "severity_from": "严重程度依据",
    "rules_label": "规则结果",
    "status_label": "审核",
    "event_id": "事件编号",
}
DOCUMENT_COLUMNS: dict[str, str] = {
    "source_name": "发布来源",
    "kind_label": "类型",
    "title": "标题",
    "published": "发布时间",
    "precision_label": "时间精度",
    "declared_source": "声明来源（来源）",
    "link": "链接",
    "note": "备注",
}
RESPONSE_COLUMNS: dict[str, str] = {
    "source_name": "政府来源",
    "first": "首次发布",
    "precision_label": "时间精度",
    "lag_hours": "滞后（小时）",
    "repost_label": "首发/转载",
    "declared_source": "声明来源",
    "copies_label": "复制媒体正文",
    "first_doc_id": "文档编号",
}
RULE_COLUMNS: dict[str, str] = {
    "source_name": "责任来源",
    "role_label": "属地/上级",
    "rule": "规则",
    "severity_label": "适用事件",
    "start": "起算（媒体首报）",
    "due": "截止",
    "response": "回应时间（小时，区间）",
    "status_label": "结果",
}
FLAG_NOTES: dict[str, str] = {"future": "时间晚于抓取时间，未计入", "before-web": "时间早于网站时代，未计入"}


def observed_note(d: dict[str, Any]) -> str:
    """What our own fetches say against the claimed time (document_bounds): backdated, or seen before it."""
    if d.get("backdated"):
        return f"疑似倒填日期：{data.when(d['absent_at'], 'second')} 抓取的列表页未列出此稿，按观测时间计"
    if d.get("seen_before_claimed"):
        return f"首次抓到（{data.when(d['first_seen_at'], 'second')}）早于声称的发布时间，按抓到时间计"
    return ""


@dataclass(frozen=True)
class Filters:
    words: list[str]
    all_weeks: bool
    who: list[str]
    levels: list[str]
    severities: list[str]
    statuses: list[str]
    rule_statuses: list[str]


def filters() -> Filters:
    left, right = st.columns([2, 3])
    search = choose.search_box("event_search", "搜索（事件标题或稿件标题中的词，空格分隔；默认搜索全部周）", left)
    who = right.multiselect("谁先发声", WHO_CHOICES, default=WHO_CHOICES, format_func=data.who_label, key="event_who")
    level, severity, rule, status = st.columns(4)
    levels = level.multiselect(
        "来源层级", LEVEL_CHOICES, format_func=lambda c: data.LEVEL_LABELS[c], key="event_level", placeholder="全部"
    )
    severities = severity.multiselect(
        "严重程度",
        SEVERITY_CHOICES,
        format_func=lambda c: data.RULE_SEVERITY_LABELS[c],
        key="event_severity",
        placeholder="全部",
    )
    rule_statuses = rule.multiselect(
        "规则结果（任一责任来源）",
        RULE_CHOICES,
        format_func=lambda c: data.RULE_STATUS_LABELS[c],
        key="event_rule",
        placeholder="全部",
    )
    statuses = status.multiselect(
        "审核状态", STATUS_CHOICES, format_func=lambda c: data.REVIEW_LABELS[c], key="event_status", placeholder="全部"
    )
    return Filters(search.words, search.all_weeks, who or WHO_CHOICES, levels, severities, statuses, rule_statuses)


def rules_label(summary: dict[str, Any] | None) -> str:
    if not summary:
        return "—"
    parts = [
        (summary["n_missed"], "超时"),
        (summary["n_met"], "达标"),
        (summary["n_pending"], "计时中"),
        (summary["n_unobservable"], "无法判断"),
        (summary["n_undecided"], "未定"),
        (summary["n_before_rule"], "规则生效前"),
    ]
    return " · ".join(f"{label} {n}" for n, label in parts if n) or "—"


def with_reviews(rows: list[dict[str, Any]], chosen: Filters) -> list[dict[str, Any]]:
    """Rows with severity (as the rule clocks use it), rule results and review status, kept when they pass the level,
    severity, rule and status filters."""
    ids = [r["event_id"] for r in rows]
    reviews = data.reviews(ids)
    severities = data.severities(ids)
    summaries = data.rule_summary(rows)
    levels = data.event_levels(ids) if chosen.levels else {}
    kept = []
    for r in rows:
        review = reviews.get(r["event_id"], {"status": "unreviewed", "severity": None})
        severity = severities.get(r["event_id"], {})
        summary = summaries.get(r["event_id"])
        if chosen.levels and not set(levels.get(r["event_id"], [])) & set(chosen.levels):
            continue
        if (chosen.severities and severity.get("severity") not in chosen.severities) or (
            chosen.statuses and review["status"] not in chosen.statuses
        ):
            continue
        if chosen.rule_statuses and not set((summary or {}).get("statuses") or []) & set(chosen.rule_statuses):
            continue
        kept.append(
            {
                **r,
                "severity": severity.get("severity"),
                "severity_source": severity.get("severity_source"),
                "matched_keywords": severity.get("matched_keywords") or [],
                "rule_summary": summary,
                "status": review["status"],
            }
        )
    return kept


def severity_from(r: dict[str, Any]) -> str:
    source = data.SEVERITY_SOURCE_LABELS.get(r.get("severity_source") or "", "—")
    if r.get("severity_source") == "keywords" and r.get("matched_keywords"):
        return f"{source}：{'、'.join(r['matched_keywords'])}"
    return source


def event_rows(rows: list[dict[str, Any]], regions: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **r,
            "day": data.local_naive(r["first_at"]).strftime("%Y-%m-%d") if r["first_at"] else "—",
            "region": regions.get(r["event_id"], {}).get("region") or "—",
            "first_media": data.when(r["first_media_at"], r["first_media_precision"]),
            "first_official": data.when(r["first_official_at"], r["first_official_precision"]),
            "who_label": data.who_label(r["who"]),
            "severity_label": data.RULE_SEVERITY_LABELS.get(r.get("severity") or "", "—"),
            "severity_from": severity_from(r),
            "rules_label": rules_label(r.get("rule_summary")),
            "status_label": data.REVIEW_LABELS.get(r.get("status") or "unreviewed", "未审核"),
        }
        for r in rows
    ]


def rule_rows(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def span(r: dict[str, Any]) -> str:
        low, high = r["response_hours_min"], r["response_hours_max"]
        if low is None and high is None:
            return "未回应"
        if low is not None and high is not None and abs(high - low) < 0.02:
            return data.hours(low)
        return f"{data.hours(low)} ~ {data.hours(high)}"

    return [
        {
            **r,
            "role_label": data.ROLE_LABELS.get(r["role"], r["role"]),
            "rule": data.rule_name(r),
            "severity_label": data.RULE_SEVERITY_LABELS.get(r["severity"], r["severity"]),
            "start": data.when(r["clock_start"], "minute"),
            "due": data.when(r["deadline"], "minute"),
            "response": span(r),
            "status_label": data.RULE_STATUS_LABELS.get(r["status"], r["status"]),
        }
        for r in rules
    ]


def document_rows(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **d,
            "kind_label": data.KIND_LABELS.get(d["kind"], d["kind"]),
            "published": data.when(d["published_at"], d["published_precision"]),
            "precision_label": data.PRECISION_LABELS.get(d["published_precision"] or "", "—"),
            "declared_source": d["declared_source"] or "—",
            "link": data.safe_url(d["url"]),
            "note": FLAG_NOTES.get(d["published_flag"] or "", d["published_flag"] or "") or observed_note(d),
        }
        for d in docs
    ]


def response_rows(responses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **r,
            "first": data.when(r["first_at"], r["first_precision"]),
            "precision_label": data.PRECISION_LABELS.get(r["first_precision"] or "", "—"),
            "repost_label": r.get("repost_class") or ("转载媒体" if r["is_repost"] else "首发"),
            "declared_source": r["declared_source"] or "—",
            "copies_label": "是" if r["copies_media_text"] else "否",
        }
        for r in responses
    ]


def event_detail(event: dict[str, Any]) -> None:
    st.subheader("所选事件")
    st.text(f"事件标签：{event['label']}")
    st.caption(f"事件编号：{data.escape_markdown(event['event_id'])}")
    first_media = data.when(event["first_media_at"], event["first_media_precision"])
    first_official = data.when(event["first_official_at"], event["first_official_precision"])
    st.text(f"媒体首报：{first_media}　　政府首发：{first_official}")
    columns = st.columns(4)
    columns[0].metric("滞后（小时）", data.hours(event["lag_hours"]))
    columns[1].metric("谁先发声", data.who_label(event["who"]))
    columns[2].metric("媒体稿件", event["n_media"])
    columns[3].metric("政府稿件", event["n_official"])
    st.text(f"严重程度：{data.RULE_SEVERITY_LABELS.get(event.get('severity') or '', '—')}（{severity_from(event)}）")
    try:
        docs = documents.event_documents(event["event_id"])
        responses = data.official_responses([event["event_id"]])
        rules = timeline.rules(event["event_id"])
        press = timeline.press_events(event["event_id"])
    except data.DataUnavailable as exc:
        data.show_unavailable(exc)
        return
    timeline.show(docs, press, rules)
    st.page_link(
        "views/event_detail.py",
        label="打开事件详情（原始页面、关联依据、审核操作）",
        icon="🔎",
        query_params={"event": event["event_id"]},
    )
    st.markdown("**稿件**")
    st.dataframe(
        data.frame(document_rows(docs), DOCUMENT_COLUMNS),
        hide_index=True,
        width="stretch",
        column_config={"链接": st.column_config.LinkColumn("链接", help="仅显示 http/https 链接")},
    )
    st.markdown("**规则时限**")
    if rules:
        st.dataframe(data.frame(rule_rows(rules), RULE_COLUMNS), hide_index=True, width="stretch")
    else:
        st.info("没有适用的规则或责任来源。")
    st.markdown("**政府回应**")
    if responses:
        st.dataframe(
            data.frame(response_rows(responses), RESPONSE_COLUMNS),
            hide_index=True,
            width="stretch",
            column_config={"滞后（小时）": st.column_config.NumberColumn(format="%.2f")},
        )
    else:
        st.info("没有政府来源发布这一事件。")


def filtered_page(scope: data.Scope, chosen: Filters) -> tuple[list[dict[str, Any]], int]:
    """The newest PAGE_SIZE events with their reviews and rule results, and how many events pass the filters. Without
    a level, severity, rule or review filter only the page is read, counted and cut in SQL (a week can hold tens of
    thousands of events)."""
    if chosen.levels or chosen.severities or chosen.rule_statuses or chosen.statuses:
        kept = with_reviews(data.events(scope, chosen.words, chosen.who), chosen)
        return kept[:PAGE_SIZE], len(kept)
    page, total = data.event_page(scope, chosen.words, chosen.who, PAGE_SIZE)
    return with_reviews(page, chosen), total


def main() -> None:
    scope = data.current_scope()
    chosen = filters()
    try:
        searched = choose.scope_for(scope, choose.Search(chosen.words, chosen.all_weeks))
        rows, total = filtered_page(searched, chosen)
        regions = choose.places([r["event_id"] for r in rows])
    except data.DataUnavailable as exc:
        data.show_unavailable(exc)
        return
    weeks = "全部周" if searched.week is None else f"{searched.week} 周"
    st.caption(f"{weeks}共 {total} 起事件（滞后 = 政府首发 − 媒体首报，负数表示政府先发）")
    if not rows:
        st.info("没有符合条件的事件。")
        return
    if total > len(rows):
        st.caption(f"列出最新的 {len(rows)} 起；请用搜索或筛选缩小范围。")
    st.dataframe(
        data.frame(event_rows(rows, regions), EVENT_COLUMNS),
        hide_index=True,
        width="stretch",
        column_config={"滞后（小时）": st.column_config.NumberColumn(format="%.2f")},
    )
    picked = choose.select(rows, "event_id", "选择事件查看详情（标题 · 日期 · 地区）")
    if picked is not None:
        st.session_state["chosen_event"] = picked["event_id"]
        event_detail(picked)


main()
