"""The dashboard's views on a small hand-built database, run through Streamlit's AppTest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import dbfactory
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"


@pytest.fixture
def tracker_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = dbfactory.build(tmp_path / "tracker.duckdb")
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path


def run_app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def column(frame: pd.DataFrame, header: str) -> list:
    return frame[header].tolist()


def test_overview_figures_and_rankings(tracker_db: Path) -> None:
    at = run_app()
    assert at.selectbox(key="week").value == "2024-W10"
    assert metrics(at) == {
        "事件数": "6",
        "有政府回应": "5",
        "政府先发占比": "25.0%",
        "滞后中位数（小时）": "6.50",
        "转载回应": "2",
    }
    assert any("政府先发 1 起 / 先后可判定 4 起" in c.value for c in at.caption)
    by_lag, by_share = at.dataframe[0].value, at.dataframe[1].value
    assert column(by_lag, "政府来源") == ["南京市人民政府", "连云港市人民政府", "江苏省人民政府"]
    assert column(by_lag, "滞后中位数（小时）") == ["0.88", "6.50", "48.00"]
    assert column(by_share, "政府来源") == ["连云港市人民政府", "南京市人民政府", "江苏省人民政府"]
    assert column(by_share, "先发占比")[0] == "33.3%（1/3）"
    assert column(by_share, "事件编号")[0] == "ev-1、ev-2、ev-5"


def test_overview_week_and_region_filters(tracker_db: Path) -> None:
    at = run_app()
    at.selectbox(key="week").set_value("2024-W09").run()
    assert not at.exception
    assert metrics(at)["事件数"] == "1"
    assert metrics(at)["滞后中位数（小时）"] == "1.00"

    at.selectbox(key="week").set_value("2024-W10").run()
    at.selectbox(key="region").set_value("江苏省连云港市").run()
    assert not at.exception
    assert metrics(at)["事件数"] == "4"  # ev-1, ev-2, ev-3 (its media source is in the city), ev-5
    assert column(at.dataframe[0].value, "政府来源") == ["连云港市人民政府"]


def test_events_list_filters(tracker_db: Path) -> None:
    at = run_app("views/events.py")
    listed = at.dataframe[0].value
    assert column(listed, "事件编号") == ["ev-5", "ev-4", "ev-3", "ev-2", "ev-6", "ev-1"]
    assert dict(zip(listed["事件编号"], listed["谁先发声"], strict=True)) == {
        "ev-1": "媒体先发",
        "ev-2": "政府先发",
        "ev-3": "未定",
        "ev-4": "无政府回应",
        "ev-5": "媒体先发",
        "ev-6": "媒体先发",
    }

    at.text_input(key="event_search").set_value("暴雨 预警").run()
    assert column(at.dataframe[0].value, "事件编号") == ["ev-2"]

    at.text_input(key="event_search").set_value("").run()
    at.multiselect(key="event_who").set_value(["no_official", "undecided"]).run()
    assert column(at.dataframe[0].value, "事件编号") == ["ev-4", "ev-3"]

    at.multiselect(key="event_who").set_value(["official_first", "media_first", "undecided", "no_official"]).run()
    at.text_input(key="event_search").set_value("x' OR '1'='1").run()
    assert not at.exception
    assert any("没有符合条件的事件" in i.value for i in at.info)


def test_event_detail_lags_and_reposts(tracker_db: Path) -> None:
    at = run_app("views/events.py")
    at.selectbox(key="event_id").set_value("ev-5").run()
    assert not at.exception
    assert metrics(at) == {"滞后（小时）": "20.00", "谁先发声": "媒体先发", "媒体稿件": "1", "政府稿件": "2"}
    documents, responses = at.dataframe[1].value, at.dataframe[2].value
    assert column(documents, "发布来源") == ["连云港日报", "连云港市人民政府", "江苏省人民政府"]
    assert column(documents, "声明来源（来源）")[2] == "连云港日报"
    assert column(responses, "政府来源") == ["连云港市人民政府", "江苏省人民政府"]
    assert column(responses, "滞后（小时）") == [20.0, 48.0]
    assert column(responses, "首发/转载") == ["转载", "转载"]
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    points = json.loads(charts[0].proto.spec)["layer"][1]["encoding"]
    assert points["y"]["sort"] == ["连云港日报", "连云港市人民政府", "江苏省人民政府"]
    assert {"来源", "标题", "时间", "精度"} <= {t["field"] for t in points["tooltip"]}

    at.selectbox(key="event_id").set_value("ev-3").run()
    assert metrics(at)["谁先发声"] == "未定"
    assert "媒体首报：2024-03-07 10:15　　政府首发：2024-03-07" in [t.value for t in at.text]  # no invented hour
    assert column(at.dataframe[2].value, "首发/转载") == ["首发"]


def test_scraped_text_is_shown_literally(tracker_db: Path) -> None:
    at = run_app("views/events.py")
    at.selectbox(key="event_id").set_value("ev-6").run()
    assert not at.exception
    assert f"事件标签：{dbfactory.XSS_LABEL}" in [t.value for t in at.text]
    documents = at.dataframe[1].value
    assert dbfactory.XSS_TITLE in column(documents, "标题")
    links = dict(zip(documents["标题"], documents["链接"], strict=True))
    assert pd.isna(links[dbfactory.XSS_TITLE])  # javascript: URL is not offered as a link
    assert links["南京市关于网传信息的说明"] == "https://example.cn/nj-gov/d6g.html"
    assert "时间晚于抓取时间，未计入" in column(documents, "备注")
    rendered = [
        e.value
        for kind in ("markdown", "caption", "subheader", "title", "header", "error", "info")
        for e in at.get(kind)
    ]
    assert not [v for v in rendered if "<img" in v or "**bold**" in v or "<b>" in v]


def test_sources_view(tracker_db: Path) -> None:
    at = run_app("views/sources.py")
    assert metrics(at) == {"政府来源": "3", "媒体来源": "2", "有抓取错误的来源": "1"}
    table = at.dataframe[0].value.set_index("来源编号")
    assert table.loc["nj-gov", "抓取错误"] == 2
    assert table.loc["nj-gov", "稿件数"] == 3
    assert table.loc["nj-gov", "最近发布时间"] == "2024-03-07"  # the flagged 2030 post is left out
    assert table.loc["lyg-daily", "类型"] == "媒体"
    assert table.loc["js-gov", "层级"] == "省级"


def test_missing_database_gives_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "none.duckdb"))
    for page in (None, "views/events.py", "views/sources.py"):
        at = run_app(page)
        assert any("找不到数据库文件" in e.value for e in at.error)


HOLD_WRITE_LOCK = """
import pathlib, sys, time
import db
with db.writer(pathlib.Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


def test_locked_database_gives_a_message(tracker_db: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITE_LOCK, str(tracker_db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        at = run_app()
        assert any("占用" in e.value for e in at.error)
    finally:
        holder.kill()
        holder.wait()
