"""事件详情: every document of one event with its times and precision, the captured page, why it was linked, the
repost evidence side by side, and the analyst's actions (confirm, reject, merge, split, set severity).

Scraped text is shown only with st.text, st.code and dataframes; the captured page is shown as source text, never as
HTML; links are offered only for http/https URLs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import streamlit as st

import db
from dashboard import actions, choose, data, documents, timeline

ACTION_LABELS: dict[str, str] = {
    "confirm": "确认事件",
    "reject": "驳回（不是同一事件或不应统计）",
    "merge": "合并到另一事件",
    "split": "拆分出所选稿件",
    "severity": "设定严重程度",
}
MAX_CAPTURED_PAGES = 30
EXCERPT_CHARS = 400
CORRECTION_COLUMNS: dict[str, str] = {
    "created": "时间",
    "action_label": "操作",
    "target_event_id": "合并到",
    "doc_list": "拆分稿件",
    "severity_label": "严重程度",
    "note": "说明",
    "analyst": "分析员",
}


def pick_event(scope: data.Scope) -> dict[str, Any] | None:
    """The event named in the URL (?event=) or chosen on the Events page, else the newest in scope; a search covers
    every week unless asked otherwise."""
    search = choose.search_box("detail_search", "按标题搜索事件（空格分隔；默认搜索全部周）")
    wanted = st.query_params.get("event") or st.session_state.get("chosen_event")
    rows, total = data.event_page(choose.scope_for(scope, search), search.words, [], choose.MAX_CHOICES)
    if search.words and not rows:
        st.info("没有标题含这些词的事件。")
        return None
    if wanted and wanted not in {r["event_id"] for r in rows} and not search.words:
        rows = data.event_row(wanted) + rows
        total += 1
    from_url = st.query_params.get("event")
    navigated = bool(from_url) and from_url != st.session_state.get("detail_url_event") and not search.words
    event = choose.select(
        rows, "detail_event", "事件（标题 · 日期 · 地区）", None if search.words else wanted, force=navigated,
        total=total,
    )
    if event is not None:
        st.query_params["event"] = st.session_state["detail_url_event"] = event["event_id"]
    return event


def unique_documents(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per document; the media documents it copies gathered into `copies`."""
    docs: dict[str, dict[str, Any]] = {}
    for row in rows:
        doc = docs.setdefault(row["doc_id"], {**row, "copies": []})
        if row["copied_doc_id"]:
            doc["copies"].append((row["copied_doc_id"], row["copy_similarity"]))
    return list(docs.values())


# The link decision's features (pipeline.match.features), as an analyst reads them.
FEATURE_LABELS: dict[str, str] = {
    "text": "与最相近稿件的文本相似度",
    "text_min": "与最不相近稿件的文本相似度",
    "event_containment": "与整个事件的用词重合",
    "title": "标题相似（数字不计）",
    "repeat_other_day": "同一来源隔日发布相似标题",
    "figures": "共同的关键数字",
    "cutoff": "相同的统计截止时间",
    "hours_single": "时间间隔（单次事件）",
    "hours_series": "时间间隔（例行发布的一期）",
    "same_source": "同一来源",
    "conflict_share": "存在矛盾的稿件占比",
    "c_place": "地点不符",
    "c_period": "统计时段不符",
    "c_ordinal": "期次不符",
    "c_date": "日期不符",
    "c_correction": "更正稿",
    "c_roundup": "综述稿",
    "c_figures": "数字不符",
    "c_unanchored": "一方未写明时间地点数字",
    "c_recurrence": "同一来源隔日同一标题模板（下一期）",
}


def feature_text(stored: str) -> str:
    """'text +1.647' as stored on the link -> '与最相近稿件的文本相似度 +1.65'."""
    name, _, part = stored.partition(" ")
    try:
        shown = f"{float(part):+.2f}"
    except ValueError:
        shown = part
    return f"{FEATURE_LABELS.get(name, name)} {shown}".strip()


def link_explanation(doc: dict[str, Any]) -> str:
    terms = "、".join(doc["shared_terms"] or []) or "—"
    through = doc["matched_doc_id"] or "（本事件的首篇稿件）"
    text = f"关联依据：得分 {doc['score']:.2f}；经由稿件 {through}；共同词：{terms}"
    features = doc.get("deciding_features")
    return text + f"；决定因素：{'、'.join(map(feature_text, features))}" if features else text


def observed_text(bounds: dict[str, Any] | None) -> str | None:
    """Our own fetches against the claimed time (document_bounds), as the events page's 备注 says it."""
    if not bounds:
        return None
    if bounds["backdated"]:
        return (
            f"疑似倒填日期：{data.when(bounds['absent_at'], 'second')} 抓取的列表页未列出此稿，"
            "声称的发布时间早于这次抓取；时效按观测时间计"
        )
    if bounds["seen_before_claimed"]:
        return "首次抓到的时间早于声称的发布时间；时效按抓到时间计"
    return None


def document_card(doc: dict[str, Any], show_capture: bool, bounds: dict[str, Any] | None = None) -> None:
    with st.container(border=True):
        kind = data.KIND_LABELS.get(doc["kind"], doc["kind"])
        st.text(f"{doc['source_name']}（{kind}） · 稿件 {doc['doc_id']}")
        st.text(f"标题：{doc['title']}")
        precision = data.PRECISION_LABELS.get(doc["published_precision"] or "", "—")
        st.text(
            f"发布时间：{data.when(doc['published_at'], doc['published_precision'])}（精度：{precision}；"
            f"页面原文：{doc['published_raw'] or '—'}） · 首次抓到：{data.when(doc['first_seen_at'], None)}"
        )
        if doc["published_flag"]:
            st.text(f"时间异常：{doc['published_flag']}，未计入时效")
        if observed := observed_text(bounds):
            st.text(observed)
        if doc["declared_source"]:
            st.text(f"声明来源：{doc['declared_source']}（{doc['declared_source_kind'] or 'unknown'}）")
        st.text(link_explanation(doc))
        url = data.safe_url(doc["url"])
        if url:
            st.link_button("打开原文", url)
        else:
            st.text(f"原文地址（非 http/https，不提供链接）：{doc['url']}")
        if show_capture:
            page = documents.raw_page(doc["raw_sha256"], doc["encoding"])
            with st.expander("抓取的原始页面（源代码，按纯文本显示）"):
                if page is None:
                    st.text("没有保存这篇稿件的原始页面（例如来自导入）。")
                else:
                    st.code(page, language=None, wrap_lines=True)


def excerpt(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "……"


def repost_evidence(docs: list[dict[str, Any]]) -> None:
    """Each official repost beside the media document it copies or names as its source."""
    by_id = {d["doc_id"]: d for d in docs}
    media = [d for d in docs if d["kind"] == "media"]
    reposts = [d for d in docs if d["kind"] == "official" and (d["copies"] or d["declared_source_kind"] == "media")]
    if not reposts:
        st.info("本事件没有转载媒体的政府稿件。")
        return
    for post in reposts:
        originals = [by_id[c] for c, _ in post["copies"] if c in by_id]
        originals += [m for m in media if post["declared_source"] and m["source_name"] == post["declared_source"]]
        left, right = st.columns(2)
        with left.container(border=True):
            st.text(
                f"政府稿件 · {post['source_name']} · {data.when(post['published_at'], post['published_precision'])}"
            )
            st.text(f"标题：{post['title']}")
            st.text(f"声明来源：{post['declared_source'] or '—'}")
            st.text(excerpt(post["body"]))
        with right.container(border=True):
            if not originals:
                st.text(f"声明来源“{post['declared_source']}”的稿件不在本事件中。")
            for original in dict.fromkeys(o["doc_id"] for o in originals):
                o = by_id[original]
                similarity = next((s for c, s in post["copies"] if c == original), None)
                note = f" · 正文相似度 {similarity:.2f}" if similarity is not None else " · 声明来源"
                st.text(
                    f"媒体稿件 · {o['source_name']} · {data.when(o['published_at'], o['published_precision'])}{note}"
                )
                st.text(f"标题：{o['title']}")
                st.text(excerpt(o["body"]))


def correction_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **r,
            "created": data.when(r["created_at"], "second"),
            "action_label": ACTION_LABELS.get(r["action"], r["action"]),
            "doc_list": "、".join(r["doc_ids"] or []),
            "severity_label": data.SEVERITY_LABELS.get(r["severity"] or "", ""),
        }
        for r in rows
    ]


def analyst_actions(event: dict[str, Any], docs: list[dict[str, Any]], others: list[str]) -> None:
    st.subheader("审核操作")
    if reason := actions.unavailable(data.db_path()):
        st.info(reason)
        return
    with st.form("correction", clear_on_submit=False):
        action = st.radio("操作", list(ACTION_LABELS), format_func=ACTION_LABELS.__getitem__, key="action")
        target = st.selectbox("合并到（合并时）", [None, *others], key="merge_target", placeholder="选择事件")
        split = st.multiselect("拆分出的稿件（拆分时）", [d["doc_id"] for d in docs], key="split_docs")
        severity = st.selectbox(
            "严重程度（设定时）",
            [None, *actions.SEVERITIES],
            format_func=lambda c: "—" if c is None else data.SEVERITY_LABELS[c],
            key="severity",
        )
        note = st.text_input("说明", key="note")
        analyst = st.text_input("分析员", key="analyst")
        submitted = st.form_submit_button("保存更正", key="save_correction")
    if not submitted:
        return
    correction = actions.Correction(
        action, event["event_id"], target, tuple(split) or None, severity, note.strip(), analyst.strip()
    )
    try:
        actions.record(data.db_path(), correction)
    except actions.ActionRefused as exc:
        st.error(str(exc))
        return
    except db.DatabaseBusy:
        st.warning("数据库正在加载数据，更正未保存，请稍后再试。")
        return
    st.session_state["saved_correction"] = f"已保存：{ACTION_LABELS[action]}。tracker match 下次运行时会采用这条更正。"
    st.rerun()


def main() -> None:
    scope = data.current_scope()
    try:
        event = pick_event(scope)
        if event is None:
            st.info("所选范围内没有事件。")
            return
        docs = unique_documents(documents.evidence(event["event_id"]))  # also the timeline's documents, in its order
        bounds = {d["doc_id"]: d for d in docs}
        press = timeline.press_events(event["event_id"])
        rules = timeline.rules(event["event_id"])
        history = data.corrections([event["event_id"]])
        review = data.reviews([event["event_id"]]).get(event["event_id"], {"status": "unreviewed", "severity": None})
        newest, _ = data.event_page(scope, [], [], choose.MAX_CHOICES)  # merge targets: the scope's newest events
        others = [r["event_id"] for r in newest if r["event_id"] != event["event_id"]]
    except data.DataUnavailable as exc:
        data.show_unavailable(exc)
        return
    if saved := st.session_state.pop("saved_correction", None):
        st.success(saved)
    st.text(f"事件标签：{event['label']}")
    st.caption(f"事件编号：{data.escape_markdown(event['event_id'])}")
    columns = st.columns(5)
    columns[0].metric("滞后（小时）", data.hours(event["lag_hours"]))
    columns[1].metric("谁先发声", data.who_label(event["who"]))
    columns[2].metric("稿件", len(docs))
    columns[3].metric("审核", data.REVIEW_LABELS[review["status"] or "unreviewed"])
    columns[4].metric("严重程度", data.SEVERITY_LABELS.get(review["severity"] or "", "未设定"))
    st.subheader("时间轴")
    timeline.show(docs, press, rules)
    st.subheader("稿件")
    for n, doc in enumerate(docs):
        document_card(doc, show_capture=n < MAX_CAPTURED_PAGES, bounds=bounds.get(doc["doc_id"]))
    st.subheader("转载证据")
    repost_evidence(docs)
    analyst_actions(event, docs, others)
    if history:
        st.markdown("**更正记录**")
        st.dataframe(data.frame(correction_rows(history), CORRECTION_COLUMNS), hide_index=True, width="stretch")


main()
