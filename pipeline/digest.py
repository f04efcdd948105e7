"""The weekly timeliness digest: one Markdown and one HTML file per ISO week.

The same database gives byte-identical files: no generation time is written and every list has a total order.
Scraped text (labels, titles, declared sources) is escaped for each format; the HTML comes from an autoescaping
Jinja2 template, never from converting Markdown.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
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
class Section:
    title: str
    paragraphs: tuple[str, ...]
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Digest:
    title: str
    period: str
    sections: tuple[Section, ...]


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


def _collect(db_path: Path, week: Week) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], list]:
    with db.reader(db_path) as con:
        summary = db.query(con, "week_summary", _scope(week))[0]
        events = db.query(con, "event_list", {**_scope(week), "who": None, "words": None})
        responses = db.query(con, "official_responses", {"event_ids": [e["event_id"] for e in events]})
        ranking = db.query(con, "official_ranking", _scope(week))
    return summary, events, responses, ranking


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


def _events_section(events: list[dict[str, Any]]) -> Section:
    if not events:
        return Section("事件", ("本周没有事件。",))
    rows = tuple(
        (
            e["event_id"],
            e["label"],
            format_time(e["first_media_at"], e["first_media_precision"]),
            format_time(e["first_official_at"], e["first_official_precision"]),
            format_hours(e["lag_hours"]),
            WHO_LABELS[e["who"]],
            str(e["n_media"]),
            str(e["n_official"]),
            str(e["n_reposts"]),
        )
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


def build_digest(db_path: Path, week: Week) -> Digest:
    summary, events, responses, ranking = _collect(db_path, week)
    period = (
        f"统计周期：{week.start:%Y-%m-%d %H:%M} 至 {week.end:%Y-%m-%d %H:%M}（北京时间），"
        "事件按其首条带时间文档的发布时间归入本周。"
    )
    sections = (
        _summary_section(summary),
        _events_section(events),
        _responses_section(responses),
        _ranking_section(ranking),
    )
    return Digest(f"谁先发声 · 政务舆情回应时效周报 {week.label}", period, sections)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|<>~&$])")
_MD_LIST_MARK = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+=])(?=[\s=-]*$|\s)")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown and HTML metacharacters; newlines become spaces so table rows stay whole."""
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _MD_LIST_MARK.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def render_markdown(digest: Digest) -> str:
    lines = [f"# {escape_markdown(digest.title)}", "", escape_markdown(digest.period), ""]
    for section in digest.sections:
        lines += [f"## {escape_markdown(section.title)}", ""]
        for paragraph in section.paragraphs:
            lines += [escape_markdown(paragraph), ""]
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
body { font-family: sans-serif; max-width: 70em; margin: 2em auto; padding: 0 1em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
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


def render_html(digest: Digest) -> str:
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env.from_string(_HTML_TEMPLATE).render(digest=digest)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, path)


def write_digest(db_path: Path, week: str, out_dir: Path) -> list[Path]:
    """Write `digest-YYYY-Www.md` and `.html` for the ISO week into `out_dir`; return their paths."""
    parsed = parse_week(week)
    digest = build_digest(Path(db_path), parsed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    md_path = out_dir / f"digest-{parsed.label}.md"
    html_path = out_dir / f"digest-{parsed.label}.html"
    _write_atomic(md_path, render_markdown(digest))
    _write_atomic(html_path, render_html(digest))
    return [md_path, html_path]
