"""The weekly digest on the hand-built database: deterministic bytes, ranking order, lags, escaping, the PDF."""

from __future__ import annotations

import copy
import re
import subprocess
import warnings
from datetime import datetime
from pathlib import Path

import dbfactory
import pytest

from dashboard import actions
from pipeline.report.digest import write_digest
from pipeline.report.week import parse_week

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHARTS = ["ranking", "reposts", "rules", "trend", "worst-lags"]  # no silent event: 北京 has no responsible source


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
        "digest-2024-W10.docx",
        *[f"digest-2024-W10-{name}.png" for name in CHARTS],
    ]
    for a, b, c in zip(first, again, rebuilt, strict=True):
        assert a.read_bytes() == b.read_bytes() == c.read_bytes(), a.name


def test_pdf_renders_with_its_title(tracker_db: Path, tmp_path: Path) -> None:
    pdf = write_digest(tracker_db, "2024-W10", tmp_path)[2]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "谁先发声 · 政务舆情回应时效周报 2024-W10" in text
    assert "滞后最长的事件" in text and "沉默事件" in text and "规则时限" in text and "典型案例" in text
    assert "北京 沙尘" in text  # events by title
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(ARTIFACTS / "digest-page")], check=True
    )
    page = ARTIFACTS / "digest-page-1.png"
    assert page.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert page.stat().st_size > 10_000  # a page with drawn text and a chart, not a blank sheet
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "CreationDate:    Sun Mar 10 16:00:00 2024 UTC" in info  # the week's end, not the time of rendering


XSS_NAME = r"南京 网传 \*\*bold\*\* \<b\>信息\</b\>"  # the event label as the Markdown shows it


def test_worst_silent_reposts_and_rules(tracker_db: Path, tmp_path: Path) -> None:
    markdown = write_digest(tracker_db, "2024-W10", tmp_path)[0].read_text(encoding="utf-8")
    (worst,) = table_rows(markdown, "滞后最长的事件")
    assert [(row[0], row[4]) for row in worst] == [
        ("连云港 港口 集装箱", "20.00"),
        (XSS_NAME, "12.00"),
        ("连云港 核循环项目 聚集", "6.50"),
    ]
    assert "本周没有沉默事件" in markdown  # as the silent_events view says: no responsible source for 北京
    (reposts,) = table_rows(markdown, "转载")
    assert [(row[0], row[1], row[4]) for row in reposts] == [
        ("连云港 港口 集装箱", "连云港市人民政府", "是"),
        ("连云港 港口 集装箱", "江苏省人民政府", "否"),
    ]
    (misses,) = table_rows(markdown, "规则时限")
    assert [(row[0], row[1]) for row in misses] == [("北京 沙尘", "61号 回应 48 小时")]
    assert "61号 回应 48 小时：达标 5，超时 1，未到期 0" in markdown
    (figures,) = table_rows(markdown, "主要数据")
    by_name = {row[0]: row[1:] for row in figures}
    assert by_name["事件"] == ["6", "1", "+5"]
    assert by_name["滞后中位数（小时）"] == ["6.50", "1.00", "+5.50"]
    assert "](digest-2024-W10-worst-lags.png)" in markdown


def test_analyst_severity_brings_in_the_short_clocks(tracker_db: Path, tmp_path: Path) -> None:
    actions.record(tracker_db, actions.Correction("severity", "ev-1", severity="major"))
    markdown = write_digest(tracker_db, "2024-W10", tmp_path)[0].read_text(encoding="utf-8")
    (misses,) = table_rows(markdown, "规则时限")
    assert [(row[0], row[1]) for row in misses] == [
        ("连云港 核循环项目 聚集", "80号 权威信息 5 小时"),
        ("北京 沙尘", "61号 回应 48 小时"),
    ]
    assert "61号 发布会 24 小时：达标 1，超时 0" in markdown


def test_ranking_order_and_lags(tracker_db: Path, tmp_path: Path) -> None:
    md_path, html_path = write_digest(tracker_db, "2024-W10", tmp_path)[:2]
    markdown = md_path.read_text(encoding="utf-8")

    (ranking,) = table_rows(markdown, "政府来源排行")  # one table: the order by lag, the share's rank as a column
    assert [row[2] for row in ranking] == ["南京市人民政府", "连云港市人民政府", "江苏省人民政府"]
    assert [row[5] for row in ranking] == ["0.88", "6.50", "48.00"]
    assert [row[1] for row in ranking] == ["2", "1", "3"]
    assert ranking[1][6:8] == ["1 / 3", "33.3%"]

    (events,) = table_rows(markdown, "本周事件一览")
    assert [row[0] for row in events] == [
        "连云港 核循环项目 聚集", XSS_NAME, "连云港 暴雨 预警", "南京 地铁 故障", "北京 沙尘", "连云港 港口 集装箱",
    ]  # fmt: skip
    ev1 = events[0]
    assert ev1[2:6] == ["2024-03-04 08:00", "2024-03-04 14:30", "6.50", "媒体先发"]
    assert events[3][3:6] == ["2024-03-07", "-10.25", "未定"]

    summary = markdown.split("## 本周概要\n\n", 1)[1].split("\n", 1)[0]
    assert "政府先于媒体发声1起（25.0%）" in summary
    assert "滞后中位数为6.50小时（5起事件）" in summary
    assert "滞后最长的是“连云港 港口 集装箱”（江苏省连云港市），政府首发晚于媒体首报20.00小时" in summary

    html = html_path.read_text(encoding="utf-8")
    assert "<td>6.50</td>" in html
    body = markdown.split("## 附录", 1)[0]
    assert "ev-" not in body and "ev-" not in html.split("<h2>附录", 1)[0]


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
    (events,) = table_rows(md_path.read_text(encoding="utf-8"), "本周事件一览")
    assert [row[0] for row in events] == ["连云港 旧城改造"]
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


def test_a_cjk_font_installed_after_matplotlib_listed_the_fonts_is_found(
    tracker_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """matplotlib writes its list of the system's fonts once and never renews it: on a machine where fonts-noto-cjk
    came after the first digest, the list holds no CJK font. The digest must still find it, for the PDF and the
    charts, not write Chinese as boxes or drop the PDF."""
    from matplotlib import font_manager

    stale = copy.copy(font_manager.fontManager)
    stale.ttflist = [font for font in font_manager.fontManager.ttflist if "CJK" not in font.name]
    monkeypatch.setattr(font_manager, "fontManager", stale)
    assert not any("CJK" in font.name for font in font_manager.fontManager.ttflist)
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        written = write_digest(tracker_db, "2024-W10", tmp_path / "out")
    assert not [w for w in warned if "missing from font" in str(w.message)]
    assert "digest-2024-W10.pdf" in [p.name for p in written]
    assert any("CJK" in font.name for font in stale.ttflist)
