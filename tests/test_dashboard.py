"""The dashboard's views on a small hand-built database, run through Streamlit's AppTest."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, time
from pathlib import Path

import dbfactory
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

import db
from dashboard import actions

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
VIEWS = (
    "views/events.py",
    "views/event_detail.py",
    "views/sources.py",
    "views/press.py",
    "views/digest.py",
)


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
        "政府稿件转载占比": "33.3%（2/6）",  # repost_shares: js-gov's post and one of lyg-gov's three in W10
        "转载媒体占比": "33.3%（2/6）",
        "沉默事件": "0",
    }
    assert any("政府先发 1 起 / 先后可判定 4 起" in c.value for c in at.caption)
    by_lag, by_share = at.dataframe[0].value, at.dataframe[1].value
    assert column(by_lag, "政府来源") == ["南京市人民政府", "连云港市人民政府", "江苏省人民政府"]
    assert column(by_lag, "滞后中位数（小时）") == ["0.88", "6.50", "48.00"]
    assert column(by_share, "政府来源") == ["连云港市人民政府", "南京市人民政府", "江苏省人民政府"]
    assert column(by_share, "先发占比")[0] == "33.3%（1/3）"
    assert column(by_share, "事件编号")[0] == "ev-1、ev-2、ev-5"
    reposts = at.dataframe[2].value.set_index("政府来源")
    assert reposts.loc["江苏省人民政府", "转载媒体"] == 1 and reposts.loc["江苏省人民政府", "转载占比"] == "100.0%（1/1）"
    assert reposts.loc["连云港市人民政府", "首发"] == 2 and reposts.loc["连云港市人民政府", "转载占比"] == "33.3%（1/3）"
    assert any("所选范围内没有沉默事件" in i.value for i in at.info)


def test_overview_counts_silent_events_and_upper_reposts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    world = dbfactory.default_world()
    # ev-8: three media reports on 2024-03-05 and no post by a responsible government (lyg-gov, js-gov) within 48 h.
    world.documents += [
        dbfactory.Document("d8a", "lyg-daily", "连云港海滨小区停水三天", "2024-03-05T08:00:00+08:00"),
        dbfactory.Document("d8b", "xinhua", "连云港一小区停水 居民排队接水", "2024-03-05T12:00:00+08:00"),
        dbfactory.Document("d8c", "lyg-daily", "海滨小区停水续：抢修仍在进行", "2024-03-06T08:00:00+08:00"),
        # a city post that reprints the province's notice (declares 江苏省人民政府): 转载上级
        dbfactory.Document("d9g", "lyg-gov", "江苏省人民政府关于调整最低工资标准的通知", "2024-03-07T09:00:00+08:00",
                           declared_source="江苏省人民政府", declared_source_kind="official"),
    ]
    world.events += [dbfactory.Event("ev-8", "连云港 停水", ("d8a", "d8b", "d8c")),
                     dbfactory.Event("ev-9", "江苏 最低工资", ("d9g",))]
    monkeypatch.setenv("TRACKER_DB", str(dbfactory.build(tmp_path / "tracker.duckdb", world)))
    at = run_app()
    assert metrics(at)["沉默事件"] == "1"
    assert metrics(at)["政府稿件转载占比"] == "42.9%（3/7）"
    assert metrics(at)["转载媒体占比"] == "28.6%（2/7）"
    reposts = at.dataframe[2].value.set_index("政府来源")
    assert reposts.loc["连云港市人民政府", "转载上级"] == 1
    silent = at.dataframe[3].value
    assert column(silent, "事件编号") == ["ev-8"]
    assert column(silent, "媒体稿件") == [3]
    assert column(silent, "48 小时截止") == ["2024-03-07 08:00"]
    assert column(silent, "之后的首次回应") == ["没有"]


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
    documents, responses = at.dataframe[1].value, at.dataframe[3].value
    assert column(documents, "发布来源") == ["连云港日报", "连云港市人民政府", "江苏省人民政府"]
    assert column(documents, "声明来源（来源）")[2] == "连云港日报"
    assert column(responses, "政府来源") == ["连云港市人民政府", "江苏省人民政府"]
    assert column(responses, "滞后（小时）") == [20.0, 48.0]
    assert column(responses, "首发/转载") == ["转载媒体", "转载媒体"]
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    points = json.loads(charts[0].proto.spec)["layer"][1]["encoding"]
    assert points["y"]["sort"] == ["连云港日报", "连云港市人民政府", "江苏省人民政府"]
    assert {"来源", "标题", "时间", "精度"} <= {t["field"] for t in points["tooltip"]}

    rules = at.dataframe[2].value  # ev-5 is a major emergency by its keywords (倒塌, 事故): the 5 h and 24 h clocks
    assert column(rules, "责任来源") == ["连云港市人民政府", "连云港市人民政府", "江苏省人民政府", "江苏省人民政府"]
    assert column(rules, "规则") == ["61号 新闻发布会 24 小时", "80号 权威信息 5 小时"] * 2
    assert column(rules, "截止") == ["2024-03-09 12:00", "2024-03-08 17:00"] * 2
    assert column(rules, "结果") == ["超时"] * 4
    assert column(rules, "属地/上级") == ["属地", "属地", "上级", "上级"]
    assert "严重程度：重大突发事件（关键词提示：事故、倒塌）" in [t.value for t in at.text]

    at.selectbox(key="event_id").set_value("ev-3").run()
    assert metrics(at)["谁先发声"] == "未定"
    assert "媒体首报：2024-03-07 10:15　　政府首发：2024-03-07" in [t.value for t in at.text]  # no invented hour
    rules = at.dataframe[2].value.set_index("责任来源")
    assert rules.loc["南京市人民政府", "结果"] == "达标"  # its date-only post lies in day 1 of the 48 h clock
    assert rules.loc["南京市人民政府", "回应时间（小时，区间）"] == "-10.25 ~ 13.75"
    assert rules.loc["江苏省人民政府", "结果"] == "超时" and rules.loc["江苏省人民政府", "回应时间（小时，区间）"] == "未回应"
    assert column(at.dataframe[3].value, "首发/转载") == ["首发"]


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
    assert metrics(at) == {
        "政府来源": "3",
        "媒体来源": "2",
        "有抓取错误的来源": "1",
        "两周未更新的政府来源": "0",
        "健康正常": "1",
        "抓取失败或被拦截": "2",
        "两周无新稿": "0",
    }
    table = at.dataframe[0].value.set_index("来源编号")
    assert table.loc["nj-gov", "抓取错误"] == 2
    assert table.loc["nj-gov", "稿件数"] == 3
    assert table.loc["nj-gov", "最近发布时间"] == "2024-03-07"  # the flagged 2030 post is left out
    assert table.loc["lyg-daily", "类型"] == "媒体"
    assert table.loc["js-gov", "层级"] == "省级"
    assert table.loc["nj-gov", "距最近发布（天）"] == 13  # 2024-03-07 to the latest capture, 2024-03-20
    health = at.dataframe[1].value.set_index("来源编号")
    assert health.loc["lyg-gov", "状态"] == "正常" and health.loc["lyg-gov", "失败分"] == 0
    assert health.loc["nj-gov", "状态"] == "抓取失败" and health.loc["nj-gov", "失败分"] == 2
    assert health.loc["nj-gov", "最近成功抓取"] == "2024-03-18 02:00"
    assert health.loc["nj-gov", "原因"] == "failing since 2024-03-18 02:00: timeout"
    assert health.loc["js-gov", "状态"] == "被拦截"
    assert health.loc["xinhua", "状态"] == "尚未抓取"
    assert health.loc["lyg-gov", "最近发现新稿"] == "2024-03-20 00:00"
    weekly = at.dataframe[2].value.set_index("来源")
    assert weekly.loc["南京市人民政府", "失败占比"] == "20.0%"
    assert weekly.loc["南京市人民政府", "失败≥5%（不合格）"] == "是"
    assert weekly.loc["南京市人民政府", "中断时长（小时）"] == 6.0
    assert weekly.loc["连云港市人民政府", "失败≥5%（不合格）"] == "否"
    assert weekly.loc["连云港市人民政府", "两周未更新"] == "否"
    outages = at.dataframe[3].value
    assert column(outages, "来源") == ["南京市人民政府"]
    assert column(outages, "开始（首次失败）") == ["2024-03-08 03:00:00"]
    assert column(outages, "结束（再次成功）") == ["2024-03-08 09:00:00"]
    assert column(outages, "时长（小时）") == [6.0]
    errors = at.dataframe[4].value
    assert column(errors, "错误") == ["timeout", "HTTP 503"]


def test_missing_database_gives_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "none.duckdb"))
    for page in (None, *VIEWS):
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


def test_overview_trend_chart(tracker_db: Path) -> None:
    at = run_app()
    (chart,) = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    assert [part.get("title") for part in spec["hconcat"]] == [None, "滞后中位数（小时）"]
    assert any("深色：政府先发的事件" in c.value for c in at.caption)


def test_events_filters_by_level_severity_and_status(tracker_db: Path) -> None:
    actions.record(tracker_db, actions.Correction("severity", "ev-5", severity="major"))
    actions.record(tracker_db, actions.Correction("reject", "ev-4", note="不是事件"))
    at = run_app("views/events.py")
    listed = at.dataframe[0].value.set_index("事件编号")
    assert listed.loc["ev-5", "严重程度"] == "重大突发事件" and listed.loc["ev-4", "审核"] == "已驳回"
    assert listed.loc["ev-5", "严重程度依据"] == "分析员设定"  # the dashboard's severity action feeds event_severity
    assert listed.loc["ev-1", "严重程度"] == "其他舆情事件" and listed.loc["ev-1", "严重程度依据"] == "默认"
    assert listed.loc["ev-5", "规则结果"] == "超时 4"
    assert listed.loc["ev-1", "规则结果"] == "超时 1 · 达标 1"
    at.multiselect(key="event_severity").set_value(["major"]).run()
    assert column(at.dataframe[0].value, "事件编号") == ["ev-5"]
    at.multiselect(key="event_severity").set_value(["other"]).run()
    assert "ev-5" not in column(at.dataframe[0].value, "事件编号")
    at.multiselect(key="event_severity").set_value([]).run()
    at.multiselect(key="event_status").set_value(["rejected"]).run()
    assert column(at.dataframe[0].value, "事件编号") == ["ev-4"]
    at.multiselect(key="event_status").set_value([]).run()
    at.multiselect(key="event_level").set_value(["province"]).run()
    assert column(at.dataframe[0].value, "事件编号") == ["ev-5"]  # only ev-5 has a provincial source
    at.multiselect(key="event_level").set_value([]).run()
    at.multiselect(key="event_rule").set_value(["met"]).run()
    assert column(at.dataframe[0].value, "事件编号") == ["ev-3", "ev-2", "ev-6", "ev-1"]  # ev-3: nj-gov on day 1 of 48 h


def test_event_timeline_draws_rule_deadlines(tracker_db: Path) -> None:
    at = run_app("views/events.py")
    at.selectbox(key="event_id").set_value("ev-1").run()
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["bar", "point", "rule", "text"]  # spans, posts, each rule's deadline and its name
    assert spec["layer"][3]["encoding"]["text"]["field"] == "规则"
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in at.get("vega_lite_chart")[0].proto.datasets]
    (deadlines,) = [f for f in frames if "规则" in f.columns]
    assert [(r["规则"], str(r["截止"]), r["结果"]) for r in deadlines.to_dict("records")] == [
        ("61号 回应 48 小时", "2024-03-06 08:00:00", "连云港市人民政府：达标；江苏省人民政府：超时")
    ]  # ev-1 is not a major emergency: only the 48 h clock, from event_rule_status
    (link,) = at.get("page_link")
    assert link.proto.query_string == "event=ev-1"


def detail(event_id: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["event"] = event_id
    at.run()
    at.switch_page("views/event_detail.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_event_detail_chooses_by_title_searches_every_week_and_draws_the_timeline(tracker_db: Path) -> None:
    at = detail("ev-1")
    chooser = at.selectbox(key="detail_event")
    assert chooser.options[0] == "连云港 港口 集装箱 · 2024-03-08 · 江苏省连云港市"  # newest first
    assert "连云港 核循环项目 聚集 · 2024-03-04 · 江苏省连云港市" in chooser.options
    assert not any(o.startswith("ev-") for o in chooser.options)

    (chart,) = at.get("vega_lite_chart")  # above the documents: media, official, press, deadlines
    spec = json.loads(chart.proto.spec)
    points = spec["layer"][1]["encoding"]
    assert points["y"]["sort"] == ["连云港日报", "发布会 · 连云港市人民政府", "连云港市人民政府"]
    assert points["x"]["title"] == "时间（北京时间）"
    assert points["shape"]["scale"]["domain"] == ["媒体稿件", "政府稿件", "新闻发布会"]
    assert any(layer.get("mark", {}).get("type") == "rule" for layer in spec["layer"])  # a rule's deadline
    headers = [h.value for h in at.subheader]
    assert headers.index("时间轴") < headers.index("稿件")

    at.text_input(key="detail_search").set_value("旧城改造").run()  # sidebar week 2024-W10, the event in W09
    assert at.selectbox(key="detail_event").options == ["连云港 旧城改造 · 2024-02-28 · 江苏省连云港市"]
    assert at.selectbox(key="detail_event").value == "ev-7"
    at.checkbox(key="detail_search_week_only").check().run()
    assert any("没有标题含这些词的事件" in i.value for i in at.info)


def test_events_search_covers_every_week_by_default(tracker_db: Path) -> None:
    at = run_app("views/events.py")
    at.text_input(key="event_search").set_value("旧城改造").run()
    assert column(at.dataframe[0].value, "事件编号") == ["ev-7"]
    assert column(at.dataframe[0].value, "事件") == ["连云港 旧城改造"]
    at.checkbox(key="event_search_week_only").check().run()
    assert any("没有符合条件的事件" in i.value for i in at.info)


def test_event_detail_documents_capture_and_links(tracker_db: Path) -> None:
    at = detail("ev-1")
    assert at.selectbox(key="detail_event").value == "ev-1"
    texts = [t.value for t in at.text]
    assert "标题：连云港市政府就核循环项目答记者问" in texts
    assert any(t.startswith("发布时间：2024-03-04 14:30（精度：分钟") for t in texts)
    assert "关联依据：得分 0.80；经由稿件 d1m；共同词：连云港、核循环项目" in texts
    assert "关联依据：得分 1.00；经由稿件 （本事件的首篇稿件）；共同词：—" in texts
    codes = [c.value for c in at.code]
    assert any("<title>答记者问</title>" in c for c in codes)  # the captured page, as source text
    assert [b.proto.url for b in at.get("link_button")] == [
        "https://example.cn/lyg-daily/d1m.html",
        "https://example.cn/lyg-gov/d1g.html",
    ]


def test_event_detail_shows_scraped_markup_as_text(tracker_db: Path) -> None:
    at = detail("ev-6")
    texts = [t.value for t in at.text]
    assert f"标题：{dbfactory.XSS_TITLE}" in texts
    assert "原文地址（非 http/https，不提供链接）：javascript:alert(1)" in texts
    assert any(dbfactory.XSS_PAGE in c.value for c in at.code)
    assert [b.proto.url for b in at.get("link_button")] == [
        "https://example.cn/nj-gov/d6g.html",
        "https://example.cn/nj-gov/d6f.html",
    ]


def test_event_detail_repost_evidence_side_by_side(tracker_db: Path) -> None:
    at = detail("ev-5")
    texts = [t.value for t in at.text]
    assert "政府稿件 · 连云港市人民政府 · 2024-03-09 08:00" in texts
    assert "媒体稿件 · 连云港日报 · 2024-03-08 12:00 · 正文相似度 0.90" in texts
    assert "政府稿件 · 江苏省人民政府 · 2024-03-10 12:00" in texts
    assert "媒体稿件 · 连云港日报 · 2024-03-08 12:00 · 声明来源" in texts


@pytest.mark.parametrize(
    ("action", "fields", "status", "severity"),
    [
        ("confirm", {}, "已确认", "未设定"),
        ("reject", {"note": "两件事"}, "已驳回", "未设定"),
        ("merge", {"merge_target": "ev-2"}, "已合并", "未设定"),
        ("split", {"split_docs": ["d5p"]}, "未审核", "未设定"),
        ("severity", {"severity": "especially_major"}, "未审核", "特别重大"),
    ],
)
def test_analyst_actions_are_stored(
    tracker_db: Path, action: str, fields: dict[str, object], status: str, severity: str
) -> None:
    at = detail("ev-5")
    at.radio(key="action").set_value(action)
    for key, value in fields.items():
        if key == "split_docs":
            at.multiselect(key=key).set_value(value)
        elif key in ("merge_target", "severity"):
            at.selectbox(key=key).set_value(value)
        else:
            at.text_input(key=key).set_value(value)
    at.text_input(key="analyst").set_value("王分析")
    at.button(key="save_correction").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success] and not at.error
    assert metrics(at)["审核"] == status and metrics(at)["严重程度"] == severity
    with db.reader(tracker_db) as con:
        row = con.execute(
            "select action, event_id, target_event_id, doc_ids, severity, analyst from corrections"
        ).fetchall()
    expected_target = fields.get("merge_target")
    expected_docs = fields.get("split_docs")
    assert row == [(action, "ev-5", expected_target, expected_docs, fields.get("severity"), "王分析")]
    history = at.dataframe[-1].value
    assert column(history, "分析员") == ["王分析"]


def test_incomplete_action_is_refused(tracker_db: Path) -> None:
    at = detail("ev-5")
    at.radio(key="action").set_value("merge")
    at.button(key="save_correction").click().run()
    assert any("合并需要选择另一个事件" in e.value for e in at.error)
    with db.reader(tracker_db) as con:
        assert con.execute("select count(*) from corrections").fetchone() == (0,)


def test_press_check_of_recorded_press_event(tracker_db: Path) -> None:
    at = run_app("views/press.py")
    assert at.selectbox(key="press_event").value == "pr-ev1"
    texts = [t.value for t in at.text]
    assert "发布会：连云港市核循环项目新闻发布会" in texts
    assert "举办：连云港市人民政府 · 2024-03-04 10:00 · 关联事件：ev-1" in texts
    got = metrics(at)
    assert (got["发布会后已发布的网站"], got["最长滞后（小时）"], got["尚未发布的网站"]) == ("1/2", "4.50", "1")
    table = at.dataframe[0].value
    assert column(table, "责任网站") == ["连云港市人民政府", "江苏省人民政府"]
    assert column(table, "是否发布") == ["已发布", "未发布"]
    assert column(table, "发布会后（小时）") == ["4.50", "—"]
    assert column(table, "滞后区间（小时）") == ["4.50 ~ 4.52", "—"]
    assert column(table, "发布会至今（小时）") == ["386.00", "386.00"]  # to as_of, 2024-03-20 12:00


def test_press_check(tracker_db: Path) -> None:
    at = run_app("views/press.py")
    at.selectbox(key="press_region").set_value("江苏省连云港市")
    at.date_input(key="press_date").set_value(date(2024, 3, 4))
    at.time_input(key="press_time").set_value(time(10, 0))
    at.text_input(key="press_words").set_value("核循环")
    at.button(key="press_submit").click().run()
    assert not at.exception
    got = metrics(at)
    assert (got["责任网站"], got["已发布"], got["最慢（小时）"]) == ("1", "1", "4.50")
    table = at.dataframe[1].value
    assert column(table, "政府来源") == ["连云港市人民政府"]
    assert column(table, "首次发布") == ["2024-03-04 14:30"]
    at.text_input(key="press_words").set_value("x' OR '1'='1")
    at.button(key="press_submit").click().run()
    assert column(at.dataframe[1].value, "首次发布") == ["未发布"]


def test_digest_view_preview_and_downloads(tracker_db: Path) -> None:
    at = run_app("views/digest.py")
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["下载 Word", "下载 PDF", "下载 HTML", "下载 Markdown"]
    assert any("谁先发声 · 政务舆情回应时效周报 2024-W10" in m.value for m in at.markdown)
    assert len(at.get("image")) == 5  # every chart shown in the preview (no silent event that week)


def test_password_login(tracker_db: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets["auth"] = {"password": "s3cret"}
    at.run()
    assert not at.metric and not at.dataframe  # nothing shown before login
    at.text_input(key="auth_password").set_value("wrong")
    at.button[0].click().run()
    assert any("密码不正确" in e.value for e in at.error) and not at.metric
    at.text_input(key="auth_password").set_value("s3cret")
    at.button[0].click().run()
    assert metrics(at)["事件数"] == "6"


LOADER = """
import pathlib, sys, time
from datetime import datetime, UTC
import db
path = pathlib.Path(sys.argv[1])
for n in range(int(sys.argv[2])):
    with db.writer(path, wait_seconds=30) as con:
        con.execute("insert into fetch_errors values ('nj-gov', ?, ?, 'load test')", [f"https://x/{n}", datetime.now(UTC)])
        time.sleep(0.2)
print("done", flush=True)
"""


def test_dashboard_keeps_working_during_loads(tracker_db: Path) -> None:
    loader = subprocess.Popen([sys.executable, "-c", LOADER, str(tracker_db), "50"], stdout=subprocess.PIPE, text=True)
    try:
        outcomes = []
        while loader.poll() is None:
            at = AppTest.from_file(str(APP), default_timeout=60).run()
            assert not at.exception, [e.value for e in at.exception]
            outcomes.append("data" if at.metric else "busy" if any("占用" in e.value for e in at.error) else "?")
        assert loader.wait(60) == 0 and loader.stdout is not None and "done" in loader.stdout.read()
    finally:
        loader.kill()
        loader.wait()
    assert outcomes and "?" not in outcomes
    with db.reader(tracker_db) as con:
        assert con.execute("select count(*) from fetch_errors where error = 'load test'").fetchone() == (50,)
