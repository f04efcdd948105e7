"""The weekly timeliness digest: Markdown, HTML and PDF per ISO week, with charts as PNG images.

The same database gives byte-identical files: no generation time is written, every list has a total order, the
PDF's dates are fixed to the week and its font subset is named deterministically, and PNGs carry no metadata.
Scraped text (labels, titles, declared sources) is escaped for each format; the HTML comes from an autoescaping
Jinja2 template, never from converting Markdown; chart labels are drawn with mathtext off.
"""

from __future__ import annotations

import base64
import io
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2

import db

SHANGHAI = ZoneInfo("Asia/Shanghai")
WEEK_PATTERN = re.compile(r"(\d{4})-W(\d{2})")

WHO_LABELS: dict[str, str] = {
    "official_first": "政府先发",
    "media_first": "媒体先发",
    "undecided": "未定",
    "no_official": "无政府回应",
    "no_media": "无媒体报道",
}

_TIME_FORMATS: dict[str, str] = {
    "year": "%Y",
    "month": "%Y-%m",
    "day": "%Y-%m-%d",
    "hour": "%Y-%m-%d %H时",
    "second": "%Y-%m-%d %H:%M:%S",
}


@dataclass(frozen=True)
class Week:
    """An ISO week in Asia/Shanghai: [start, end), Monday 00:00 to the next Monday 00:00."""

    label: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """A figure and the events behind it, so every bar can be traced back."""

    name: str
    title: str
    png: bytes
    event_ids: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: tuple[str, ...]
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()


@dataclass(frozen=True)
class Digest:
    title: str
    label: str
    period: str
    sections: tuple[Section, ...]
    created: datetime = field(default=datetime(2016, 8, 6, tzinfo=ZoneInfo("Asia/Shanghai")))


@dataclass(frozen=True)
class Rule:
    """A response clock counted from the first media report; `severities` None means every event."""

    name: str
    hours: int
    since: datetime
    severities: frozenset[str] | None


MAJOR_SEVERITIES: frozenset[str] = frozenset({"especially_major", "major"})
RULES: tuple[Rule, ...] = (
    Rule("80号 权威信息 5 小时", 5, datetime(2016, 11, 10, tzinfo=SHANGHAI), MAJOR_SEVERITIES),
    Rule("61号 发布会 24 小时", 24, datetime(2016, 8, 1, tzinfo=SHANGHAI), MAJOR_SEVERITIES),
    Rule("61号 回应 48 小时", 48, datetime(2016, 8, 1, tzinfo=SHANGHAI), None),
)
SILENT_HOURS = 48
SILENT_MIN_MEDIA = 1
WORST_LAGS = 10
CHART_ROWS = 15


def parse_week(week: str) -> Week:
    """`YYYY-Www` to its bounds; ValueError with a one-line message on anything else."""
    match = WEEK_PATTERN.fullmatch(week.strip()) if isinstance(week, str) else None
    if match is None:
        raise ValueError(f"bad week {week!r}: expected YYYY-Www, for example 2024-W10")
    year, number = int(match.group(1)), int(match.group(2))
    try:
        monday = date.fromisocalendar(year, number, 1)
    except ValueError:
        raise ValueError(f"bad week {week!r}: {year} has no ISO week {number}") from None
    start = datetime(monday.year, monday.month, monday.day, tzinfo=SHANGHAI)
    return Week(f"{year:04d}-W{number:02d}", start, start + timedelta(days=7))


def format_time(at: datetime | None, precision: str | None) -> str:
    """A publish time in Beijing time, shown only as precisely as it is known."""
    if at is None:
        return "—"
    return at.astimezone(SHANGHAI).strftime(_TIME_FORMATS.get(precision or "minute", "%Y-%m-%d %H:%M"))


def format_hours(hours: float | None) -> str:
    return "—" if hours is None else f"{hours:.2f}"


def format_share(part: int, whole: int) -> str:
    return "—" if whole == 0 else f"{100 * part / whole:.1f}%"


def format_ids(ids: list[str] | None) -> str:
    return "、".join(ids) if ids else "—"


def share_ranking(ranking: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Official sources by share of decided events where they spoke first; ties by more decided events, then lag."""

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        share = row["first_share"]
        lag = row["median_lag_hours"]
        return (share is None, -(share or 0), -row["n_decided"], lag is None, lag or 0, row["source_id"])

    return sorted(ranking, key=key)


def _scope(week: Week) -> dict[str, Any]:
    return {"week_start": week.start, "week_end": week.end, "region": None}


@dataclass(frozen=True)
class WeekData:
    summary: dict[str, Any]
    previous: dict[str, Any]
    events: list[dict[str, Any]]
    responses: list[dict[str, Any]]
    ranking: list[dict[str, Any]]
    trend: list[dict[str, Any]]
    severities: dict[str, str]


def _severities(con: Any, event_ids: list[str]) -> dict[str, str]:
    """The analysts' latest severity per event, from `corrections` when the database has it."""
    if not db.query(con, "dash_has_table", {"table": "corrections"})[0]["present"]:
        return {}
    rows = db.query(con, "dash_corrections", {"event_ids": event_ids})
    found: dict[str, str] = {}
    for row in reversed(rows):
        if row["action"] == "severity" and row["severity"]:
            found[row["event_id"]] = row["severity"]
    return found


def _collect(db_path: Path, week: Week, wait_seconds: float = db.LOCK_RETRY_SECONDS) -> WeekData:
    before = Week("", week.start - timedelta(days=7), week.start)
    with db.reader(db_path, wait_seconds=wait_seconds) as con:
        summary = db.query(con, "week_summary", _scope(week))[0]
        previous = db.query(con, "week_summary", _scope(before))[0]
        events = db.query(con, "event_list", {**_scope(week), "who": None, "words": None})
        ids = [e["event_id"] for e in events]
        responses = db.query(con, "official_responses", {"event_ids": ids})
        ranking = db.query(con, "official_ranking", _scope(week))
        trend = [r for r in db.query(con, "dash_week_trend", {"region": None}) if r["week"] <= week.label][-8:]
        severities = _severities(con, ids)
    return WeekData(summary, previous, events, responses, ranking, trend, severities)


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


def _worst_lags(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    late = [e for e in events if e["lag_hours"] is not None and e["lag_hours"] > 0]
    return sorted(late, key=lambda e: (-e["lag_hours"], e["event_id"]))[:WORST_LAGS]


def _worst_section(events: list[dict[str, Any]]) -> Section:
    worst = _worst_lags(events)
    if not worst:
        return Section("滞后最长的事件", ("本周没有政府晚于媒体的事件。",))
    rows = tuple(_lag_cells(e) for e in worst)
    chart = bar_chart(
        [f"{e['event_id']} {_short(e['label'])}" for e in worst], [e["lag_hours"] for e in worst], "滞后（小时）"
    )
    return Section(
        "滞后最长的事件",
        (f"政府首发晚于媒体首报的事件中滞后最长的 {len(worst)} 起。",),
        (Table(("事件编号", "事件", "媒体首报", "政府首发", "滞后（小时）"), rows),),
        (Chart("worst-lags", "滞后最长的事件（小时）", chart, tuple(e["event_id"] for e in worst)),),
    )


def silent_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events with media coverage and no official post within SILENT_HOURS of the first media report."""
    return [
        e
        for e in events
        if e["n_media"] >= SILENT_MIN_MEDIA
        and e["first_media_at"] is not None
        and (e["lag_hours"] is None or e["lag_hours"] > SILENT_HOURS)
    ]


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
        [f"{e['event_id']} {_short(e['label'])}" for e in ordered], [e["n_media"] for e in ordered], "媒体稿件数"
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


def rule_checks(data: WeekData, week: Week) -> list[dict[str, Any]]:
    """Per event with a media report and per rule that applies to it: met, missed or pending at the week's end.

    The 5 h and 24 h clocks apply only to events an analyst marked major; the 48 h clock to every event.
    """
    checks = []
    for e in data.events:
        start = e["first_media_at"]
        if start is None:
            continue
        severity = data.severities.get(e["event_id"])
        for rule in RULES:
            if start < rule.since or (rule.severities is not None and severity not in rule.severities):
                continue
            deadline = start + timedelta(hours=rule.hours)
            if e["lag_hours"] is not None and e["first_official_at"] is not None:
                status = "met" if e["lag_hours"] <= rule.hours else "missed"
            else:
                status = "missed" if deadline <= week.end else "pending"
            checks.append({**e, "rule": rule.name, "deadline": deadline, "status": status})
    return checks


RULE_STATUS_LABELS: dict[str, str] = {"met": "达标", "missed": "超时", "pending": "未到期"}


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
    data = _collect(db_path, week, wait_seconds)
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


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|<>~&$])")
_MD_LIST_MARK = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+=])(?=[\s=-]*$|\s)")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown and HTML metacharacters; newlines become spaces so table rows stay whole."""
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _MD_LIST_MARK.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def chart_file(digest: Digest, chart: Chart) -> str:
    return f"digest-{digest.label}-{chart.name}.png"


def render_markdown(digest: Digest) -> str:
    lines = [f"# {escape_markdown(digest.title)}", "", escape_markdown(digest.period), ""]
    for section in digest.sections:
        lines += [f"## {escape_markdown(section.title)}", ""]
        for paragraph in section.paragraphs:
            lines += [escape_markdown(paragraph), ""]
        for chart in section.charts:
            lines += [f"![{escape_markdown(chart.title)}]({chart_file(digest, chart)})", ""]
            lines += [escape_markdown(f"图中事件：{format_ids(list(chart.event_ids))}"), ""]
        for table in section.tables:
            lines.append("| " + " | ".join(escape_markdown(h) for h in table.header) + " |")
            lines.append("|" + "---|" * len(table.header))
            lines += ["| " + " | ".join(escape_markdown(c) for c in row) + " |" for row in table.rows]
            lines.append("")
    return "\n".join(lines)


_HTML_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{ digest.title }}</title>
<style>
body { font-family: "Noto Sans CJK SC", sans-serif; max-width: 70em; margin: 2em auto; padding: 0 1em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
figure { margin: 1em 0; }
figure img { max-width: 100%; }
figcaption { color: #555; font-size: 0.9em; }
</style>
</head>
<body>
<h1>{{ digest.title }}</h1>
<p>{{ digest.period }}</p>
{% for section in digest.sections %}
<h2>{{ section.title }}</h2>
{% for paragraph in section.paragraphs %}
<p>{{ paragraph }}</p>
{% endfor %}
{% for chart in section.charts %}
<figure>
<img alt="{{ chart.title }}" src="data:image/png;base64,{{ b64(chart.png) }}">
<figcaption>{{ chart.title }} · 图中事件：{{ chart.event_ids | join("、") }}</figcaption>
</figure>
{% endfor %}
{% for table in section.tables %}
<table>
<thead><tr>{% for h in table.header %}<th>{{ h }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in table.rows %}
<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>
{% endfor %}
</tbody>
</table>
{% endfor %}
{% endfor %}
</body>
</html>
"""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def render_html(digest: Digest) -> str:
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env.from_string(_HTML_TEMPLATE).render(digest=digest, b64=_b64)


# Charts: matplotlib's object API (no pyplot state), a CJK font, mathtext off so a `$` in a label stays a `$`.
CJK_FAMILIES: tuple[str, ...] = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei")
CHART_DPI = 110
COLOURS: tuple[str, str] = ("#1b9e77", "#d95f02")


class MissingFont(RuntimeError):
    """No font with Chinese glyphs is installed (Debian: fonts-noto-cjk)."""


def _short(text: str, width: int = 14) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _chart_style() -> dict[str, Any]:
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [*CJK_FAMILIES, "DejaVu Sans"],
        "text.parse_math": False,
        "axes.unicode_minus": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "font.size": 9,
    }


def _png(figure: Any) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=CHART_DPI, metadata={"Software": None})
    return buffer.getvalue()


def _figure(n_rows: int) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(7.5, 1.2 + 0.32 * max(n_rows, 1)), layout="constrained")


def bar_chart(labels: Sequence[str], values: Sequence[float], axis_label: str) -> bytes:
    """Horizontal bars, first label on top, each bar's value written beside it."""
    import matplotlib

    with matplotlib.rc_context(_chart_style()):
        figure = _figure(len(labels))
        axes = figure.add_subplot()
        positions = range(len(labels))
        bars = axes.barh(list(positions), list(values), color=COLOURS[1])
        axes.bar_label(bars, fmt="%.2f" if any(v != int(v) for v in values) else "%d", padding=2)
        axes.set_yticks(list(positions), [_short(label, 24) for label in labels])
        axes.invert_yaxis()
        axes.set_xlabel(axis_label)
        return _png(figure)


def stacked_chart(labels: Sequence[str], first: Sequence[int], second: Sequence[int], names: tuple[str, str]) -> bytes:
    import matplotlib

    with matplotlib.rc_context(_chart_style()):
        figure = _figure(len(labels))
        axes = figure.add_subplot()
        positions = list(range(len(labels)))
        axes.barh(positions, list(first), color=COLOURS[0], label=names[0])
        axes.barh(positions, list(second), left=list(first), color=COLOURS[1], label=names[1])
        axes.set_yticks(positions, [_short(label, 24) for label in labels])
        axes.invert_yaxis()
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, frameon=False)
        return _png(figure)


def trend_chart(rows: list[dict[str, Any]], current: str) -> bytes | None:
    """Events per week (bars; this week darker) and the weekly median lag (line, right axis)."""
    if not rows:
        return None
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_chart_style()):
        figure = Figure(figsize=(7.5, 2.8), layout="constrained")
        axes = figure.add_subplot()
        weeks = [r["week"] for r in rows]
        colours = [COLOURS[1] if w == current else "#9ecae1" for w in weeks]
        axes.bar(weeks, [r["n_events"] for r in rows], color=colours)
        axes.set_ylabel("事件数")
        axes.yaxis.get_major_locator().set_params(integer=True)
        lag = axes.twinx()
        lag.plot(weeks, [r["median_lag_hours"] for r in rows], marker="o", color="#333333")
        lag.set_ylabel("滞后中位数（小时）")
        axes.tick_params(axis="x", labelrotation=30)
        return _png(figure)


def cjk_font() -> tuple[Path, int]:
    """A font file with Chinese glyphs and its index in a collection; TRACKER_CJK_FONT overrides the search."""
    from matplotlib import font_manager

    override = os.environ.get("TRACKER_CJK_FONT")
    candidates = [(Path(override), None)] if override else []
    for family in CJK_FAMILIES:
        try:
            found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        except ValueError:
            continue
        candidates.append((Path(found), family))
    for path, family in candidates:
        if path.is_file():
            return path, _collection_index(path, family)
    raise MissingFont("no CJK font installed for the PDF digest: install Debian's fonts-noto-cjk")


def _collection_index(path: Path, family: str | None) -> int:
    if path.suffix.lower() != ".ttc" or family is None:
        return 0
    from fontTools.ttLib import TTCollection

    with TTCollection(str(path), lazy=True) as collection:
        names = [font["name"].getDebugName(1) for font in collection.fonts]
    return names.index(family) if family in names else 0


def _column_widths(table: Table) -> list[float]:
    columns = list(zip(table.header, *table.rows, strict=True))
    return [min(max(len(str(cell)) for cell in column), 24) + 2 for column in columns]


def render_pdf(digest: Digest) -> bytes:
    """A4 landscape PDF; byte-identical for the same digest (dates fixed to the week, no random ids)."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    path, index = cjk_font()
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_creation_date(digest.created)
    pdf.set_title(digest.title)
    pdf.set_author("谁先发声 who-spoke-first")
    pdf.set_creator("who-spoke-first")
    pdf.set_lang("zh-CN")
    pdf.add_font("cjk", fname=str(path), collection_font_number=index)
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_page()
    pdf.set_font("cjk", size=16)
    pdf.multi_cell(0, 9, digest.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=9)
    pdf.multi_cell(0, 5, digest.period, new_x="LMARGIN", new_y="NEXT")
    heading = FontFace(fill_color=(243, 243, 243))
    for section in digest.sections:
        pdf.ln(3)
        pdf.set_font("cjk", size=13)
        pdf.multi_cell(0, 7, section.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("cjk", size=9)
        for paragraph in section.paragraphs:
            pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
        for chart in section.charts:
            pdf.image(io.BytesIO(chart.png), w=170)
            pdf.multi_cell(0, 5, f"{chart.title} · 图中事件：{format_ids(list(chart.event_ids))}",
                           new_x="LMARGIN", new_y="NEXT")  # fmt: skip
        pdf.set_font("cjk", size=7.5)
        for table in section.tables:
            with pdf.table(
                col_widths=_column_widths(table), text_align="LEFT", headings_style=heading, line_height=4.2
            ) as grid:
                for row in (table.header, *table.rows):
                    cells = grid.row()
                    for cell in row:
                        cells.cell(cell)
            pdf.ln(2)
    return bytes(pdf.output())


@dataclass(frozen=True)
class Rendered:
    markdown: str
    html: str
    pdf: bytes | None
    charts: dict[str, bytes]


def render_all(digest: Digest, pdf: bool = True) -> Rendered:
    """Every format of one digest; `pdf` None when no CJK font is installed."""
    charts = {chart_file(digest, c): c.png for section in digest.sections for c in section.charts}
    document: bytes | None = None
    if pdf:
        try:
            document = render_pdf(digest)
        except MissingFont as exc:
            print(f"tracker digest: {exc}; writing Markdown and HTML only", file=sys.stderr)
    return Rendered(render_markdown(digest), render_html(digest), document, charts)


def _write_atomic(path: Path, content: str | bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    if isinstance(content, str):
        tmp.write_text(content, encoding="utf-8", newline="\n")
    else:
        tmp.write_bytes(content)
    os.replace(tmp, path)


def write_digest(db_path: Path, week: str, out_dir: Path) -> list[Path]:
    """Write `digest-YYYY-Www.md`, `.html`, `.pdf` and the chart PNGs into `out_dir`; return their paths."""
    parsed = parse_week(week)
    rendered = render_all(build_digest(Path(db_path), parsed))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = out_dir / f"digest-{parsed.label}"
    outputs: list[tuple[Path, str | bytes]] = [
        (stem.with_suffix(".md"), rendered.markdown),
        (stem.with_suffix(".html"), rendered.html),
    ]
    if rendered.pdf is not None:
        outputs.append((stem.with_suffix(".pdf"), rendered.pdf))
    outputs += [(out_dir / name, png) for name, png in sorted(rendered.charts.items())]
    for path, content in outputs:
        _write_atomic(path, content)
    return [path for path, _ in outputs]
