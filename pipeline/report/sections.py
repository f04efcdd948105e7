"""The digest's sections built from the week's figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import db
from pipeline.report.charts import bar_chart, short, stacked_chart, trend_chart
from pipeline.report.figures import (
    CHART_ROWS,
    RULE_STATUS_LABELS,
    RULES,
    SILENT_HOURS,
    WeekData,
    collect,
    rule_checks,
    share_ranking,
    silent_events,
    worst_lags,
)
from pipeline.report.model import Chart, Digest, Section, Table
from pipeline.report.week import WHO_LABELS, Week, format_hours, format_ids, format_share, format_time


def _summary_section(s: dict[str, Any]) -> Section:
    rows = (
        ("事件", str(s["n_events"]), format_ids(s["event_ids"])),
        ("有政府回应的事件", str(s["n_with_official"]), format_ids(s["with_official_ids"])),
        (
            "政府先发（占可判定事件）",
            f"{s['n_official_first']} / {s['n_decided']}（{format_share(s['n_official_first'], s['n_decided'])}）",
            format_ids(s["official_first_ids"]),
        ),
        ("媒体先发", str(s["n_media_first"]), format_ids(s["media_first_ids"])),
        ("先后未定（时间精度不足）", str(s["n_undecided"]), format_ids(s["undecided_ids"])),
        ("无政府回应", str(s["n_no_official"]), format_ids(s["no_official_ids"])),
        (
            "滞后中位数（小时）",
            f"{format_hours(s['median_lag_hours'])}（{s['n_with_lag']} 起事件）",
            format_ids(s["lag_ids"]),
        ),
        (
            "转载回应",
            f"{s['n_repost_responses']} 次，涉及 {s['n_events_with_repost']} 起事件",
            format_ids(s["repost_ids"]),
        ),
    )
    return Section("本周概况", (), (Table(("指标", "数值", "事件编号"), rows),))


def _lag_cells(event: dict[str, Any]) -> tuple[str, str, str, str, str]:
    """Event id, label, first media and first official time, and the lag: the cells every event table starts with."""
    return (
        event["event_id"],
        event["label"],
        format_time(event["first_media_at"], event["first_media_precision"]),
        format_time(event["first_official_at"], event["first_official_precision"]),
        format_hours(event["lag_hours"]),
    )


def _events_section(events: list[dict[str, Any]]) -> Section:
    if not events:
        return Section("事件", ("本周没有事件。",))
    rows = tuple(
        (*_lag_cells(e), WHO_LABELS[e["who"]], str(e["n_media"]), str(e["n_official"]), str(e["n_reposts"]))
        for e in events
    )
    header = (
        "事件编号",
        "事件",
        "媒体首报",
        "政府首发",
        "滞后（小时）",
        "谁先发声",
        "媒体稿件",
        "政府稿件",
        "转载回应",
    )
    note = "按事件首条带时间文档的时间排序；滞后 = 政府首发 − 媒体首报，负数表示政府先发。"
    return Section("事件", (note,), (Table(header, rows),))


def _responses_section(responses: list[dict[str, Any]]) -> Section:
    if not responses:
        return Section("政府回应", ("本周事件没有政府回应。",))
    rows = tuple(
        (
            r["event_id"],
            r["source_name"],
            format_time(r["first_at"], r["first_precision"]),
            format_hours(r["lag_hours"]),
            "转载" if r["is_repost"] else "首发",
            r["declared_source"] or "—",
            r["first_doc_id"],
        )
        for r in responses
    )
    header = ("事件编号", "政府来源", "首次发布", "滞后（小时）", "首发/转载", "声明来源", "文档编号")
    note = "转载：稿件声明的来源是媒体，或正文复制了更早的媒体稿件。"
    return Section("政府回应", (note,), (Table(header, rows),))


def _ranking_table(ranking: list[dict[str, Any]]) -> Table:
    rows = tuple(
        (
            str(rank),
            r["name"],
            r["region"] or "—",
            str(r["n_events"]),
            format_hours(r["median_lag_hours"]),
            f"{r['n_first']} / {r['n_decided']}",
            format_share(r["n_first"], r["n_decided"]),
            str(r["n_undecided"]),
            str(r["n_reposts"]),
            format_ids(r["event_ids"]),
        )
        for rank, r in enumerate(ranking, start=1)
    )
    header = (
        "名次",
        "政府来源",
        "地区",
        "回应事件",
        "滞后中位数（小时）",
        "先发/可判定",
        "先发占比",
        "未定",
        "转载",
        "事件编号",
    )
    return Table(header, rows)


def _ranking_section(ranking: list[dict[str, Any]]) -> Section:
    if not ranking:
        return Section("政府来源排行", ("本周没有政府来源回应事件。",))
    notes = (
        "表一按滞后中位数从短到长排列（并列时先发占比高者在前，再按回应事件数、来源编号）。",
        "表二按先发占比从高到低排列（并列时可判定事件多者在前，再按滞后中位数、来源编号）。",
    )
    return Section("政府来源排行", notes, (_ranking_table(ranking), _ranking_table(share_ranking(ranking))))


def _change(now: float | None, before: float | None, digits: int = 2) -> str:
    if now is None or before is None:
        return "—"
    return f"{now - before:+.{digits}f}"


def _share_value(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def _change_section(data: WeekData, week: Week) -> Section:
    now, before = data.summary, data.previous
    share_now = _share_value(now["n_official_first"], now["n_decided"])
    share_before = _share_value(before["n_official_first"], before["n_decided"])
    rows = (
        ("事件", str(before["n_events"]), str(now["n_events"]), _change(now["n_events"], before["n_events"], 0)),
        (
            "政府先发占比（%）",
            "—" if share_before is None else f"{share_before:.1f}",
            "—" if share_now is None else f"{share_now:.1f}",
            _change(share_now, share_before, 1),
        ),
        (
            "滞后中位数（小时）",
            format_hours(before["median_lag_hours"]),
            format_hours(now["median_lag_hours"]),
            _change(now["median_lag_hours"], before["median_lag_hours"]),
        ),
        (
            "转载回应",
            str(before["n_repost_responses"]),
            str(now["n_repost_responses"]),
            _change(now["n_repost_responses"], before["n_repost_responses"], 0),
        ),
        ("上周事件编号", format_ids(before["event_ids"]), "", ""),
    )
    chart = trend_chart(data.trend, week.label)
    ids = tuple(now["event_ids"]) + tuple(before["event_ids"])
    return Section(
        "与上周相比",
        ("图中为截至本周的最近八周（全部地区）。",),
        (Table(("指标", "上周", "本周", "变化"), rows),),
        (Chart("trend", "每周事件数与滞后中位数", chart, ids),) if chart else (),
    )


def _worst_section(events: list[dict[str, Any]]) -> Section:
    worst = worst_lags(events)
    if not worst:
        return Section("滞后最长的事件", ("本周没有政府晚于媒体的事件。",))
    rows = tuple(_lag_cells(e) for e in worst)
    chart = bar_chart(
        [f"{e['event_id']} {short(e['label'])}" for e in worst], [e["lag_hours"] for e in worst], "滞后（小时）"
    )
    return Section(
        "滞后最长的事件",
        (f"政府首发晚于媒体首报的事件中滞后最长的 {len(worst)} 起。",),
        (Table(("事件编号", "事件", "媒体首报", "政府首发", "滞后（小时）"), rows),),
        (Chart("worst-lags", "滞后最长的事件（小时）", chart, tuple(e["event_id"] for e in worst)),),
    )


def _silent_section(events: list[dict[str, Any]]) -> Section:
    silent = silent_events(events)
    if not silent:
        return Section("沉默事件", (f"本周没有媒体报道后 {SILENT_HOURS} 小时内无政府回应的事件。",))
    rows = tuple(
        (
            e["event_id"],
            e["label"],
            format_time(e["first_media_at"], e["first_media_precision"]),
            str(e["n_media"]),
            format_time(e["first_official_at"], e["first_official_precision"]),
        )
        for e in silent
    )
    ordered = sorted(silent, key=lambda e: (-e["n_media"], e["event_id"]))[:CHART_ROWS]
    chart = bar_chart(
        [f"{e['event_id']} {short(e['label'])}" for e in ordered], [e["n_media"] for e in ordered], "媒体稿件数"
    )
    return Section(
        "沉默事件",
        (f"媒体已报道、{SILENT_HOURS} 小时内没有政府来源发布的事件（政府首发为“—”表示至今没有）。",),
        (Table(("事件编号", "事件", "媒体首报", "媒体稿件", "政府首发"), rows),),
        (Chart("silent", "沉默事件的媒体稿件数", chart, tuple(e["event_id"] for e in silent)),),
    )


def _repost_section(data: WeekData) -> Section:
    reposts = [r for r in data.responses if r["is_repost"]]
    ranking = sorted(data.ranking, key=lambda r: (-r["n_reposts"], r["source_id"]))[:CHART_ROWS]
    paragraphs = (
        (
            f"本周 {len(data.responses)} 次政府回应中转载媒体 {len(reposts)} 次"
            f"（{format_share(len(reposts), len(data.responses))}）。"
        ),
    )
    if not reposts:
        return Section("转载", paragraphs)
    rows = tuple(
        (r["event_id"], r["source_name"], format_time(r["first_at"], r["first_precision"]),
         r["declared_source"] or "—", "是" if r["copies_media_text"] else "否", r["first_doc_id"])
        for r in reposts
    )  # fmt: skip
    chart = stacked_chart(
        [r["name"] for r in ranking],
        [r["n_events"] - r["n_reposts"] for r in ranking],
        [r["n_reposts"] for r in ranking],
        ("首发", "转载媒体"),
    )
    return Section(
        "转载",
        paragraphs,
        (Table(("事件编号", "政府来源", "首次发布", "声明来源", "复制媒体正文", "文档编号"), rows),),
        (Chart("reposts", "各政府来源的首发与转载", chart, tuple(sorted({r["event_id"] for r in reposts}))),),
    )


def _rules_section(data: WeekData, week: Week) -> Section:
    checks = rule_checks(data, week)
    if not checks:
        return Section("规则时限", ("本周没有媒体报道的事件，无需核对时限。",))
    missed = [c for c in checks if c["status"] == "missed"]
    names = [rule.name for rule in RULES]
    counts = {status: [sum(c["rule"] == n and c["status"] == status for c in checks) for n in names] for status in
              RULE_STATUS_LABELS}  # fmt: skip
    chart = stacked_chart(names, counts["met"], counts["missed"], ("达标", "超时"))
    rows = tuple(
        (c["event_id"], c["label"], c["rule"], format_time(c["deadline"], "minute"),
         format_time(c["first_official_at"], c["first_official_precision"]), format_hours(c["lag_hours"]))
        for c in missed
    )  # fmt: skip
    notes = (
        (
            "时限自媒体首报起算。5 小时（80号）和 24 小时（61号）时限只适用于分析员标为重大、特别重大的事件；"
            "48 小时回应时限适用于所有事件。"
        ),
        "；".join(
            f"{n}：达标 {counts['met'][i]}，超时 {counts['missed'][i]}，未到期 {counts['pending'][i]}"
            for i, n in enumerate(names)
        ),
    )
    tables = (Table(("事件编号", "事件", "规则", "截止", "政府首发", "滞后（小时）"), rows),) if rows else ()
    return Section(
        "规则时限",
        notes if rows else (*notes, "本周没有超时的事件。"),
        tables,
        (Chart("rules", "各规则达标与超时的事件数", chart, tuple(sorted({c["event_id"] for c in checks}))),),
    )


def _ranking_chart_section(section: Section, ranking: list[dict[str, Any]]) -> Section:
    timed = [r for r in ranking if r["median_lag_hours"] is not None][:CHART_ROWS]
    if not timed:
        return section
    chart = bar_chart([r["name"] for r in timed], [r["median_lag_hours"] for r in timed], "滞后中位数（小时）")
    ids = tuple(sorted({i for r in timed for i in r["event_ids"]}))
    return Section(
        section.title, section.paragraphs, section.tables, (Chart("ranking", "政府来源滞后中位数", chart, ids),)
    )


def build_digest(db_path: Path, week: Week, wait_seconds: float = db.LOCK_RETRY_SECONDS) -> Digest:
    data = collect(db_path, week, wait_seconds)
    period = (
        f"统计周期：{week.start:%Y-%m-%d %H:%M} 至 {week.end:%Y-%m-%d %H:%M}（北京时间），"
        "事件按其首条带时间文档的发布时间归入本周。"
    )
    sections = (
        _summary_section(data.summary),
        _change_section(data, week),
        _ranking_chart_section(_ranking_section(data.ranking), data.ranking),
        _worst_section(data.events),
        _silent_section(data.events),
        _repost_section(data),
        _rules_section(data, week),
        _events_section(data.events),
        _responses_section(data.responses),
    )
    return Digest(f"谁先发声 · 政务舆情回应时效周报 {week.label}", week.label, period, sections, week.end)
