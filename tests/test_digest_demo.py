"""The digest of every demo week in every format, read as its reader would: events by title, ids only in the
appendix, one ranking table, a summary whose numbers are the views' numbers, and a Word file with real headings,
tables and pictures (read back with python-docx)."""

from __future__ import annotations

import html
import re
import subprocess
from typing import Any

import docx
import pytest

import db
from pipeline.report.render import escape_markdown
from pipeline.report.sections import APPENDIX_TITLE
from pipeline.report.week import parse_week
from tests.conftest import tracker

SECTIONS = ("本周概要", "主要数据", "政府来源排行", "典型案例", "规则时限", "沉默事件", "滞后最长的事件", "转载",
            "本周事件一览", APPENDIX_TITLE)  # fmt: skip
RANKING_HEADER = ("滞后名次", "先发名次", "政府来源")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("digest-demo")
    database = work / "data" / "tracker.duckdb"
    result = tracker("demo", "--no-serve", "--db", str(database), "--out", str(work / "digests"))
    assert result.returncode == 0, result.stderr[-3000:]
    weeks = sorted(p.name.removeprefix("digest-").removesuffix(".md") for p in (work / "digests").glob("digest-*.md"))
    with db.reader(database) as con:
        all_ids = [
            r["event_id"]
            for r in db.query(
                con, "event_list", {"week_start": None, "week_end": None, "region": None, "who": None, "words": None,
                     "page": None}
            )
        ]
        views = {}
        for label in weeks:
            week = parse_week(label)
            scope = {"week_start": week.start, "week_end": week.end, "region": None}
            views[label] = {
                "summary": db.query(con, "week_summary", scope)[0],
                "events": db.query(con, "event_list", {**scope, "who": None, "words": None, "page": None}),
                "silent": db.query(con, "dash_silent_events", scope),
            }
    return {"out": work / "digests", "weeks": weeks, "all_ids": all_ids, "views": views}


def texts(demo: dict[str, Any], week: str) -> dict[str, str]:
    """Each format's text, cut at the appendix: Markdown, HTML, the PDF's text and the Word document's text."""
    stem = demo["out"] / f"digest-{week}"
    pdf = subprocess.run(["pdftotext", "-raw", str(stem.with_suffix(".pdf")), "-"],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    return {
        "md": stem.with_suffix(".md").read_text(encoding="utf-8"),
        "html": stem.with_suffix(".html").read_text(encoding="utf-8"),
        "pdf": pdf,
        "docx": "\n".join(word_text(docx.Document(str(stem.with_suffix(".docx"))))),
    }


def word_text(document: Any) -> list[str]:
    """Paragraphs and table cells in document order."""
    out: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            out.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
        elif block.tag.endswith("}tbl"):
            out += ["".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                    for cell in block.iter() if cell.tag.endswith("}tc")]  # fmt: skip
    return out


def before_appendix(text: str) -> str:
    head, found, _ = text.partition(APPENDIX_TITLE)
    assert found, "the appendix is missing"
    return head


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_demo_has_weeks_with_events(demo: dict[str, Any]) -> None:
    assert len(demo["weeks"]) >= 2
    assert all(demo["views"][w]["events"] for w in demo["weeks"])
    assert any(demo["views"][w]["silent"] for w in demo["weeks"])  # the silent-events table is exercised


def test_no_event_id_outside_the_appendix(demo: dict[str, Any]) -> None:
    for week in demo["weeks"]:
        for fmt, text in texts(demo, week).items():
            body = before_appendix(text)
            assert "ev-" not in body, (week, fmt)
            assert not [i for i in demo["all_ids"] if i.removeprefix("ev-") in body], (week, fmt)
            appendix = text.split(APPENDIX_TITLE, 1)[1]
            for event in demo["views"][week]["events"]:
                assert event["event_id"] in appendix, (week, fmt, event["event_id"])


def test_every_event_is_named_by_its_title(demo: dict[str, Any]) -> None:
    for week in demo["weeks"]:
        found = texts(demo, week)
        for event in demo["views"][week]["events"]:
            title = " ".join(event["label"].split())
            assert escape_markdown(title) in before_appendix(found["md"]), (week, title)
            assert html.escape(title, quote=False) in before_appendix(found["html"]), (week, title)
            assert title in before_appendix(found["docx"]), (week, title)
            assert squeeze(title) in squeeze(before_appendix(found["pdf"])), (week, title)


def test_one_ranking_table(demo: dict[str, Any]) -> None:
    for week in demo["weeks"]:
        found = texts(demo, week)
        assert found["md"].count("| 滞后名次 | 先发名次 | 政府来源 |") == 1
        assert found["html"].count("<th>滞后名次</th>") == 1
        document = docx.Document(str(demo["out"] / f"digest-{week}.docx"))
        headers = [tuple(c.text for c in t.rows[0].cells[:3]) for t in document.tables]
        assert headers.count(RANKING_HEADER) == 1
        assert found["pdf"].count("政府来源排行") == 1  # a table crossing a page repeats its header row there


def table_lines(markdown: str, heading: str) -> list[str]:
    """The body rows of the (one) table under `## heading`."""
    section = markdown.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| ")][1:]


def number(pattern: str, text: str) -> str | None:
    match = re.search(pattern, text)
    return match.group(1) if match else None


def test_summary_numbers_are_the_views_numbers(demo: dict[str, Any]) -> None:
    for week in demo["weeks"]:
        md = texts(demo, week)["md"]
        summary = md.split("## 本周概要\n\n", 1)[1].split("\n", 1)[0]
        s, events = demo["views"][week]["summary"], demo["views"][week]["events"]
        assert number(r"本周共监测到(\d+)起事件", summary) == str(s["n_events"])
        assert number(r"其中(\d+)起有政府发布", summary) == str(s["n_with_official"])
        assert number(r"在能判定先后的(\d+)起事件中", summary) == str(s["n_decided"])
        assert number(r"政府先于媒体发声(\d+)起", summary) == str(s["n_official_first"])
        assert number(r"媒体先报道(\d+)起", summary) == str(s["n_media_first"])
        assert number(r"另有(\d+)起因发布时间精度不足", summary) == (
            str(s["n_undecided"]) if s["n_undecided"] else None
        )
        assert number(r"(\d+)起事件没有政府发布", summary) == (str(s["n_no_official"]) if s["n_no_official"] else None)
        assert number(r"滞后中位数为(-?[\d.]+)小时", summary) == f"{s['median_lag_hours']:.2f}"
        assert number(r"小时（(\d+)起事件", summary) == str(s["n_with_lag"])
        late = [e["lag_hours"] for e in events if e["lag_hours"] is not None and e["lag_hours"] > 0]
        assert number(r"政府首发晚于媒体首报([\d.]+)小时", summary) == (f"{max(late):.2f}" if late else None)
        silent = demo["views"][week]["silent"]
        assert number(r"沉默事件(\d+)起", summary) == str(len(silent))
        assert len(table_lines(md, "沉默事件")) == len(silent)


def test_rules_missed_in_the_summary_are_the_rules_table(demo: dict[str, Any]) -> None:
    for week in demo["weeks"]:
        md = texts(demo, week)["md"]
        summary = md.split("## 本周概要\n\n", 1)[1].split("\n", 1)[0]
        missed_rows = table_lines(md, "规则时限")
        told = number(r"(\d+)起事件超过时限", summary)
        assert (told is None) == (not missed_rows)
        if told is not None:
            assert int(told) == len({row.split(" | ")[0] for row in missed_rows})


def test_word_document_has_headings_tables_and_pictures(demo: dict[str, Any]) -> None:
    for week in demo["weeks"]:
        document = docx.Document(str(demo["out"] / f"digest-{week}.docx"))
        styles = [(p.style.name, p.text) for p in document.paragraphs]
        assert styles[0] == ("Title", f"谁先发声 · 政务舆情回应时效周报 {week}")
        assert [text for style, text in styles if style == "Heading 1"] == list(SECTIONS)
        cases = [text for style, text in styles if style == "Heading 2"]
        assert min(3, len(demo["views"][week]["events"])) <= len(cases) <= 5
        names = {" ".join(e["label"].split()) for e in demo["views"][week]["events"]}
        assert set(cases) <= names
        charts = sorted(demo["out"].glob(f"digest-{week}-*.png"))
        assert len(document.inline_shapes) == len(charts) >= 3
        markdown = (demo["out"] / f"digest-{week}.md").read_text(encoding="utf-8")
        assert len(document.tables) == sum(line.startswith("|---") for line in markdown.splitlines()) >= 4
        appendix = document.tables[-1]
        assert [c.text for c in appendix.rows[0].cells] == ["事件", "事件编号", "仪表盘链接"]
        assert len(appendix.rows) == 1 + len(demo["views"][week]["events"])
        assert document.core_properties.title == f"谁先发声 · 政务舆情回应时效周报 {week}"
