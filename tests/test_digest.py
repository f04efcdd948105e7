"""The weekly digest on the hand-built database: deterministic bytes, ranking order, lags, escaping."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import dbfactory
import pytest

from pipeline.digest import parse_week, write_digest


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
    assert [p.name for p in first] == ["digest-2024-W10.md", "digest-2024-W10.html"]
    for a, b, c in zip(first, again, rebuilt, strict=True):
        assert a.read_bytes() == b.read_bytes() == c.read_bytes()


def test_ranking_order_and_lags(tracker_db: Path, tmp_path: Path) -> None:
    md_path, html_path = write_digest(tracker_db, "2024-W10", tmp_path)
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
    assert "ev-7" not in markdown and "ev-7" not in html  # the week before


def test_scraped_text_is_escaped(tracker_db: Path, tmp_path: Path) -> None:
    md_path, html_path = write_digest(tracker_db, "2024-W10", tmp_path)
    markdown, html = md_path.read_text(encoding="utf-8"), html_path.read_text(encoding="utf-8")
    assert "<b>" not in markdown and "**bold**" not in markdown
    assert r"南京 网传 \*\*bold\*\* \<b\>信息\</b\>" in markdown
    assert "<b>" not in html
    assert "南京 网传 **bold** &lt;b&gt;信息&lt;/b&gt;" in html


def test_week_before_and_empty_week(tracker_db: Path, tmp_path: Path) -> None:
    md_path, _ = write_digest(tracker_db, "2024-W09", tmp_path)
    (events,) = table_rows(md_path.read_text(encoding="utf-8"), "事件")
    assert [row[0] for row in events] == ["ev-7"]
    assert events[0][4] == "1.00"

    empty, _ = write_digest(tracker_db, "2025-W01", tmp_path)
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
