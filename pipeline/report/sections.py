"""The digest's sections built from the week's figures, in the order a leader reads them.

Events are named by their title (figures.event_names) everywhere; their ids appear only in the appendix, which maps
each title to its id and its page on the dashboard.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

import db
from pipeline.report.charts import bar_chart, stacked_chart, trend_chart
from pipeline.report.figures import (
    CHART_ROWS,
    RULE_STATUS_LABELS,
    RULES,
    WeekData,
    collect,
    event_names,
    missed_checks,
    rule_checks,
    share_ranking,
    silent_window_hours,
    worst_lags,
)
from pipeline.report.model import Chart, Digest, Section, Table
from pipeline.report.prose import case_account, summary_paragraph, typical_cases
from pipeline.report.week import WHO_LABELS, Week, format_hours, format_share, format_time

DASHBOARD_URL_ENV = "TRACKER_DASHBOARD_URL"
DEFAULT_DASHBOARD_URL = "http://localhost:8501"
APPENDIX_TITLE = "附录：事件编号与仪表盘链接"
Names = dict[str, str]


def dashboard_link(base: str, event_id: str) -> str:
    return f"{base.rstrip('/')}/event?event={quote(event_id, safe='')}"


def _region(data: WeekData, event_id: str) -> str:
    return data.places.get(event_id, {}).get("region") or "—"


def _change(now: float | None, before: float | None, digits: int = 2) -> str:
    return "—" if now is None or before is None else f"{now - before:+.{digits}f}"


def _share_value(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def _count_row(label: str, key: str, now: dict[str, Any], before: dict[str, Any]) -> tuple[str, str, str, str]:
    return (label, str(now[key]), str(before[key]), _change(now[key], before[key], 0))


def _figures_section(data: WeekData, week: Week) -> Section:
    now, before = data.summary, data.previous
    share_now = _share_value(now["n_official_first"], now["n_decided"])
    share_before = _share_value(before["n_official_first"], before["n_decided"])
    rows = (
        _count_row("事件", "n_events", now, before),
        _count_row("有政府发布的事件", "n_with_official", now, before),
        _count_row("可判定先后的事件", "n_decided", now, before),
        _count_row("政府先发", "n_official_first", now, before),
        _count_row("媒体先发", "n_media_first", now, before),
        _count_row("先后未定（时间精度不足）", "n_undecided", now, before),
        _count_row("无政府发布", "n_no_official", now, before),
        (
            "政府先发占比（%）",
            "—" if share_now is None else f"{share_now:.1f}",
            "—" if share_before is None else f"{share_before:.1f}",
            _change(share_now, share_before, 1),
        ),
        (
            "滞后中位数（小时）",
            format_hours(now["median_lag_hours"]),
            format_hours(before["median_lag_hours"]),
            _change(now["median_lag_hours"], before["median_lag_hours"]),
        ),
        _count_row("转载媒体的政府回应（次）", "n_repost_responses", now, before),
    )
    chart = trend_chart(data.trend, week.label)
    return Section(
        "主要数据",
        ("滞后 = 政府首发 − 媒体首报，负数表示政府先发。图为截至本周的最近八周（全部地区）。",),
        (Table(("指标", "本周", "上周", "变化"), rows),),
        (Chart("trend", "每周事件数与滞后中位数", chart),) if chart else (),
    )


def _ranking_section(ranking: list[dict[str, Any]]) -> Section:
    if not ranking:
        return Section("政府来源排行", ("本周没有政府来源发布事件。",))
    by_share = {r["source_id"]: n for n, r in enumerate(share_ranking(ranking), start=1)}
    rows = tuple(
        (
            str(rank), str(by_share[r["source_id"]]), r["name"], r["region"] or "—", str(r["n_events"]),
            format_hours(r["median_lag_hours"]), f"{r['n_first']} / {r['n_decided']}",
            format_share(r["n_first"], r["n_decided"]), str(r["n_undecided"]), str(r["n_reposts"]),
        )
        for rank, r in enumerate(ranking, start=1)
    )  # fmt: skip
    header = ("滞后名次", "先发名次", "政府来源", "地区", "回应事件", "滞后中位数（小时）", "先发/可判定", "先发占比",
              "未定", "转载")  # fmt: skip
    note = (
        "按滞后中位数从短到长排列（并列时先发占比高者在前）；“先发名次”按先发占比从高到低"
        "（并列时可判定事件多者在前，再按滞后中位数）。"
    )
    timed = [r for r in ranking if r["median_lag_hours"] is not None][:CHART_ROWS]
    charts = ()
    if timed:
        png = bar_chart([r["name"] for r in timed], [r["median_lag_hours"] for r in timed], "滞后中位数（小时）")
        charts = (Chart("ranking", "各政府来源的滞后中位数（小时）", png),)
    return Section("政府来源排行", (note,), (Table(header, rows),), charts)


def _cases_section(data: WeekData, names: Names, checks: list[dict[str, Any]]) -> Section:
    cases = typical_cases(data, checks)
    if not cases:
        return Section("典型案例", ("本周没有事件。",))
    note = "优先列出超过时限、政府晚于媒体或至今没有政府发布的事件，其次是政府先于媒体发声的事件。"
    subsections = tuple(Section(names[e["event_id"]], (case_account(data, e, checks),)) for e in cases)
    return Section("典型案例", (note,), subsections=subsections)


def _rules_section(data: WeekData, names: Names, checks: list[dict[str, Any]]) -> Section:
    if not checks:
        return Section("规则时限", ("本周没有媒体报道的事件，无需核对时限。",))
    rule_names = [rule.name for rule in RULES]
    counts = {status: [sum(c["rule"] == n and c["status"] == status for c in checks) for n in rule_names]
              for status in RULE_STATUS_LABELS}  # fmt: skip
    chart = stacked_chart(rule_names, counts["met"], counts["missed"], ("达标", "超时"))
    rows = tuple(
        (names[c["event_id"]], c["rule"], format_time(c["deadline"], "minute"),
         format_time(c["first_official_at"], c["first_official_precision"]), format_hours(c["lag_hours"]))
        for c in missed_checks(checks)
    )  # fmt: skip
    notes = (
        (
            "时限自媒体首报起算。5 小时（80号）和 24 小时（61号）时限只适用于分析员标为重大、特别重大的事件；"
            "48 小时回应时限适用于所有事件。"
        ),
        "；".join(
            f"{n}：达标 {counts['met'][i]}，超时 {counts['missed'][i]}，未到期 {counts['pending'][i]}"
            for i, n in enumerate(rule_names)
        ),
    )
    tables = (Table(("事件", "规则", "截止", "政府首发", "滞后（小时）"), rows),) if rows else ()
    return Section(
        "规则时限",
        notes if rows else (*notes, "本周没有超时的事件。"),
        tables,
        (Chart("rules", "各规则达标与超时的事件数", chart),),
    )


def _silent_section(data: WeekData, names: Names) -> Section:
    """Silent events as the silent_events view (and the dashboard) has them."""
    if not data.silent:
        return Section("沉默事件", ("本周没有沉默事件（媒体已报道、责任政府来源在时限内没有发布）。",))
    hours = silent_window_hours(data.silent)
    rows = tuple(
        (names.get(e["event_id"], e["label"]), _region(data, e["event_id"]), format_time(e["first_media_at"], "minute"),
         str(e["n_media"]), format_time(e["deadline"], "minute"), format_time(e["first_response_at"], "minute"),
         "责任网站故障，无法判断" if e["unobservable"] else "")
        for e in data.silent
    )  # fmt: skip
    ordered = sorted(data.silent, key=lambda e: (-e["n_media"], e["event_id"]))[:CHART_ROWS]
    chart = bar_chart(
        [names.get(e["event_id"], e["label"]) for e in ordered], [e["n_media"] for e in ordered], "媒体稿件数"
    )
    note = (
        f"媒体已报道、{hours:g} 小时内没有责任政府来源发布的事件（“责任来源首发”为“—”表示至今没有），"
        "与仪表盘“沉默事件”相同；按媒体首报归入本周。"
    )
    return Section(
        "沉默事件",
        (note,),
        (Table(("事件", "地区", "媒体首报", "媒体稿件", "截止", "责任来源首发", "备注"), rows),),
        (Chart("silent", "沉默事件的媒体稿件数", chart),),
    )


def _lag_cells(data: WeekData, names: Names, e: dict[str, Any]) -> tuple[str, ...]:
    return (
        names[e["event_id"]],
        _region(data, e["event_id"]),
        format_time(e["first_media_at"], e["first_media_precision"]),
        format_time(e["first_official_at"], e["first_official_precision"]),
        format_hours(e["lag_hours"]),
    )


def _worst_section(data: WeekData, names: Names) -> Section:
    worst = worst_lags(data.events)
    if not worst:
        return Section("滞后最长的事件", ("本周没有政府晚于媒体的事件。",))
    chart = bar_chart([names[e["event_id"]] for e in worst], [e["lag_hours"] for e in worst], "滞后（小时）")
    return Section(
        "滞后最长的事件",
        (f"政府首发晚于媒体首报的事件中滞后最长的 {len(worst)} 起。",),
        (
            Table(
                ("事件", "地区", "媒体首报", "政府首发", "滞后（小时）"),
                tuple(_lag_cells(data, names, e) for e in worst),
            ),
        ),
        (Chart("worst-lags", "滞后最长的事件（小时）", chart),),
    )


def _repost_section(data: WeekData, names: Names) -> Section:
    reposts = [r for r in data.responses if r["is_repost"]]
    paragraphs = (
        (
            f"本周 {len(data.responses)} 次政府发布中转载媒体 {len(reposts)} 次"
            f"（{format_share(len(reposts), len(data.responses))}）。转载：稿件声明的来源是媒体，或正文复制了更早的媒体稿件。"
        ),
    )
    if not reposts:
        return Section("转载", paragraphs)
    rows = tuple(
        (names[r["event_id"]], r["source_name"], format_time(r["first_at"], r["first_precision"]),
         r["declared_source"] or "—", "是" if r["copies_media_text"] else "否")
        for r in reposts
    )  # fmt: skip
    ranking = sorted(data.ranking, key=lambda r: (-r["n_reposts"], r["source_id"]))[:CHART_ROWS]
    chart = stacked_chart(
        [r["name"] for r in ranking],
        [r["n_events"] - r["n_reposts"] for r in ranking],
        [r["n_reposts"] for r in ranking],
        ("首发", "转载媒体"),
    )
    return Section(
        "转载",
        paragraphs,
        (Table(("事件", "政府来源", "首次发布", "声明来源", "复制媒体正文"), rows),),
        (Chart("reposts", "各政府来源的首发与转载", chart),),
    )


def _events_section(data: WeekData, names: Names) -> Section:
    if not data.events:
        return Section("本周事件一览", ("本周没有事件。",))
    rows = tuple(
        (*_lag_cells(data, names, e), WHO_LABELS[e["who"]], str(e["n_media"]), str(e["n_official"]))
        for e in data.events
    )
    header = ("事件", "地区", "媒体首报", "政府首发", "滞后（小时）", "谁先发声", "媒体稿件", "政府稿件")
    return Section("本周事件一览", ("按事件首条带时间稿件的时间排序。",), (Table(header, rows),))


def _appendix_section(data: WeekData, names: Names, dashboard_url: str) -> Section:
    listed = {e["event_id"] for e in data.events}
    named = [(e["event_id"], names[e["event_id"]]) for e in data.events]
    named += [(e["event_id"], e["label"]) for e in data.silent if e["event_id"] not in listed]  # first seen earlier
    if not named:
        return Section(APPENDIX_TITLE, ("本周没有事件。",))
    rows = tuple((name, event_id, dashboard_link(dashboard_url, event_id)) for event_id, name in named)
    note = "事件编号供分析员在仪表盘和数据库中查找；链接打开该事件的详情页。"
    return Section(APPENDIX_TITLE, (note,), (Table(("事件", "事件编号", "仪表盘链接"), rows, link_column=2),))


def build_digest(
    db_path: Path, week: Week, wait_seconds: float = db.LOCK_RETRY_SECONDS, dashboard_url: str | None = None
) -> Digest:
    data = collect(db_path, week, wait_seconds)
    names = event_names(data.events, data.places)
    checks = rule_checks(data, week)
    url = dashboard_url or os.environ.get(DASHBOARD_URL_ENV) or DEFAULT_DASHBOARD_URL
    period = (
        f"统计周期：{week.start:%Y-%m-%d %H:%M} 至 {week.end:%Y-%m-%d %H:%M}（北京时间），"
        "事件按其首条带时间稿件的发布时间归入本周。"
    )
    sections = (
        Section("本周概要", (summary_paragraph(data, names, checks),)),
        _figures_section(data, week),
        _ranking_section(data.ranking),
        _cases_section(data, names, checks),
        _rules_section(data, names, checks),
        _silent_section(data, names),
        _worst_section(data, names),
        _repost_section(data, names),
        _events_section(data, names),
        _appendix_section(data, names, url),
    )
    return Digest(f"谁先发声 · 政务舆情回应时效周报 {week.label}", week.label, period, sections, week.end)
