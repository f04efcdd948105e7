"""The weekly digest on the hand-built database: deterministic bytes, ranking order, lags, escaping, the PDF."""

from __future__ import annotations

import re
import subprocess
from datetime import datetime
from pathlib import Path

import dbfactory
import pytest

from dashboard import actions
from pipeline.report.digest import write_digest
from pipeline.report.week import parse_week

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHARTS = ["ranking", "reposts", "rules", "silent", "trend", "worst-lags"]


@pytest.fixture
def tracker_db(tmp_path: Path) -> Path:
    return dbfactory.build(tmp_path / "tracker.duckdb")


def table_rows(markdown: str, heading: str) -> list[list[list[str]]]:
    """The tables under a `## heading`, each as rows of cells (header and rule left out)."""
    section = markdown.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    tables: list[list[list[str]]] = []
    for block in section.split("\n\n"):
        lines = [line for line in block.splitlines() if line.startswith("|")]
        if lines:
            tables.append([[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines[2:]])
    return tables


def test_same_database_gives_the_same_bytes(tmp_path: Path) -> None:
    first = write_digest(dbfactory.build(tmp_path / "a.duckdb"), "2024-W10", tmp_path / "one")
    again = write_digest(tmp_path / "a.duckdb", "2024-W10", tmp_path / "two")
    rebuilt = write_digest(dbfactory.build(tmp_path / "b.duckdb"), "2024-W10", tmp_path / "three")
    assert [p.name for p in first] == [
        "digest-2024-W10.md",
        "digest-2024-W10.html",
        "digest-2024-W10.pdf",
        *[f"digest-2024-W10-{name}.png" for name in CHARTS],
    ]
    for a, b, c in zip(first, again, rebuilt, strict=True):
        assert a.read_bytes() == b.read_bytes() == c.read_bytes(), a.name


def test_pdf_renders_with_its_title(tracker_db: Path, tmp_path: Path) -> None:
    pdf = write_digest(tracker_db, "2024-W10", tmp_path)[2]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "谁先发声 · 政务舆情回应时效周报 2024-W10" in text
    assert "滞后最长的事件" in text and "沉默事件" in text and "规则时限" in text
    assert "<img src=x onerror=alert(1)>" in text or "ev-6" in text
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(ARTIFACTS / "digest-page")], check=True
    )
    page = ARTIFACTS / "digest-page-1.png"
    assert page.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert page.stat().st_size > 10_000  # a page with drawn text and a chart, not a blank sheet
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "CreationDate:    Sun Mar 10 16:00:00 2024 UTC" in info  # the week's end, not the time of rendering


def test_worst_silent_reposts_and_rules(tracker_db: Path, tmp_path: Path) -> None:
    markdown = write_digest(tracker_db, "2024-W10", tmp_path)[0].read_text(encoding="utf-8")
    (worst,) = table_rows(markdown, "滞后最长的事件")
    assert [(row[0], row[4]) for row in worst] == [("ev-5", "20.00"), ("ev-6", "12.00"), ("ev-1", "6.50")]
    (silent,) = table_rows(markdown, "沉默事件")
    assert [row[0] for row in silent] == ["ev-4"]
    (reposts,) = table_rows(markdown, "转载")
    assert [(row[0], row[1], row[4]) for row in reposts] == [
        ("ev-5", "连云港市人民政府", "是"),
        ("ev-5", "江苏省人民政府", "否"),
    ]
    (misses,) = table_rows(markdown, "规则时限")
    assert [(row[0], row[2]) for row in misses] == [("ev-4", "61号 回应 48 小时")]
    assert "61号 回应 48 小时：达标 5，超时 1，未到期 0" in markdown
    (change,) = table_rows(markdown, "与上周相比")
    assert change[0] == ["事件", "1", "6", "+5"]
    assert change[2] == ["滞后中位数（小时）", "1.00", "6.50", "+5.50"]
    assert "](digest-2024-W10-worst-lags.png)" in markdown
    assert "图中事件：ev-5、ev-6、ev-1" in markdown


def test_analyst_severity_brings_in_the_short_clocks(tracker_db: Path, tmp_path: Path) -> None:
    actions.record(tracker_db, actions.Correction("severity", "ev-1", severity="major"))
    markdown = write_digest(tracker_db, "2024-W10", tmp_path)[0].read_text(encoding="utf-8")
    (misses,) = table_rows(markdown, "规则时限")
    assert [(row[0], row[2]) for row in misses] == [("ev-1", "80号 权威信息 5 小时"), ("ev-4", "61号 回应 48 小时")]
    assert "61号 发布会 24 小时：达标 1，超时 0" in markdown


def test_ranking_order_and_lags(tracker_db: Path, tmp_path: Path) -> None:
    md_path, html_path = write_digest(tracker_db, "2024-W10", tmp_path)[:2]
    markdown = md_path.read_text(encoding="utf-8")

    by_lag, by_share = table_rows(markdown, "政府来源排行")
    assert [row[1] for row in by_lag] == ["南京市人民政府", "连云港市人民政府", "江苏省人民政府"]
    assert [row[4] for row in by_lag] == ["0.88", "6.50", "48.00"]
    assert [row[1] for row in by_share] == ["连云港市人民政府", "南京市人民政府", "江苏省人民政府"]
    assert by_share[0][5:7] == ["1 / 3", "33.3%"]
    assert by_share[0][9] == "ev-1、ev-2、ev-5"

    (events,) = table_rows(markdown, "事件")
    assert [row[0] for row in events] == ["ev-1", "ev-6", "ev-2", "ev-3", "ev-4", "ev-5"]
    ev1 = events[0]
    assert ev1[2:6] == ["2024-03-04 08:00", "2024-03-04 14:30", "6.50", "媒体先发"]
    assert events[3][3:6] == ["2024-03-07", "-10.25", "未定"]

    (responses,) = table_rows(markdown, "政府回应")
    reposts = [row for row in responses if row[4] == "转载"]
    assert [(row[0], row[1], row[3]) for row in reposts] == [
        ("ev-5", "连云港市人民政府", "20.00"),
        ("ev-5", "江苏省人民政府", "48.00"),
    ]

    (summary,) = table_rows(markdown, "本周概况")
    figures = {row[0]: row[1:] for row in summary}
    assert figures["政府先发（占可判定事件）"] == ["1 / 4（25.0%）", "ev-2"]
    assert figures["滞后中位数（小时）"][0] == "6.50（5 起事件）"
    assert figures["转载回应"] == ["2 次，涉及 1 起事件", "ev-5"]

    html = html_path.read_text(encoding="utf-8")
    assert "<td>6.50</td>" in html
    assert "ev-7" not in html.split("<h2>政府来源排行</h2>", 1)[1]  # the week before: only in week-over-week
    assert "ev-7" not in markdown.split("## 政府来源排行", 1)[1]


def test_scraped_text_is_escaped(tracker_db: Path, tmp_path: Path) -> None:
    md_path, html_path = write_digest(tracker_db, "2024-W10", tmp_path)[:2]
    markdown, html = md_path.read_text(encoding="utf-8"), html_path.read_text(encoding="utf-8")
    assert "<b>" not in markdown and "**bold**" not in markdown
    assert r"南京 网传 \*\*bold\*\* \<b\>信息\</b\>" in markdown
    assert "<b>" not in html
    assert "南京 网传 **bold** &lt;b&gt;信息&lt;/b&gt;" in html
    assert "<img src=x" not in html
    assert html.count("<img ") == len(CHARTS) and html.count('src="data:image/png;base64,') == len(CHARTS)


def test_week_before_and_empty_week(tracker_db: Path, tmp_path: Path) -> None:
    md_path = write_digest(tracker_db, "2024-W09", tmp_path)[0]
    (events,) = table_rows(md_path.read_text(encoding="utf-8"), "事件")
    assert [row[0] for row in events] == ["ev-7"]
    assert events[0][4] == "1.00"

    empty = write_digest(tracker_db, "2025-W01", tmp_path)[0]
    assert "本周没有事件。" in empty.read_text(encoding="utf-8")


def test_week_bounds() -> None:
    week = parse_week("2024-W10")
    assert week.start == datetime.fromisoformat("2024-03-04T00:00:00+08:00")
    assert week.end == datetime.fromisoformat("2024-03-11T00:00:00+08:00")
    assert parse_week("2020-W53").start == datetime.fromisoformat("2020-12-28T00:00:00+08:00")


@pytest.mark.parametrize("bad", ["2024-10", "2024-W1", "2024-W54", "2023-W53", "2024-W00", "W10", "", "2024-W10\nx"])
def test_bad_week_string(bad: str, tracker_db: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError) as caught:
        write_digest(tracker_db, bad, tmp_path / "out")
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "out").exists()
