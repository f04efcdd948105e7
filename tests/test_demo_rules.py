"""`tracker demo` end to end: its crawl rounds, live documents and rule show every issue-5 case, in the database and
in the dashboard, with the values demo/expected.json gives ("demo" for the cases, "events" for everything else)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from streamlit.testing.v1 import AppTest

import db
from tests.conftest import tracker

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = json.loads((ROOT / "demo" / "expected.json").read_text(encoding="utf-8"))
EVENTS = {event["key"]: event for event in EXPECTED["events"]}
DEMO = EXPECTED["demo"]
CASES = {case["key"]: case for case in DEMO["events"]}
APP = ROOT / "dashboard" / "app.py"
NAMES = {"jn-gov": "江南省人民政府", "lj-gov": "临江市人民政府", "qh-gov": "青河县人民政府"}


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def at(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def rows(con: Any, sql: str) -> list[dict[str, Any]]:
    cursor = con.execute(sql)
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("demo-rounds")
    database = work / "data" / "tracker.duckdb"
    before = datetime.now(UTC)
    result = tracker("demo", "--no-serve", "--db", str(database), "--out", str(work / "digests"))
    assert result.returncode == 0, result.stderr[-3000:]
    return {"db": database, "before": before, "after": datetime.now(UTC), "stdout": result.stdout}


@pytest.fixture(scope="module")
def state(demo: dict[str, Any]) -> dict[str, Any]:
    with db.reader(demo["db"]) as con:
        docs = {
            path_of(r["url"]): r
            for r in rows(con, "select d.*, ed.event_id from documents d left join event_documents ed using (doc_id)")
        }
        return {
            "docs": docs,
            "timeliness": {r["event_id"]: r for r in rows(con, "select * from event_timeliness")},
            "rules": {(r["event_id"], r["source_id"], r["rule_id"]): r
                      for r in rows(con, "select * from event_rule_status")},
            "severity": {r["event_id"]: r["severity"] for r in rows(con, "select * from event_severities")},
            "bounds": {r["doc_id"]: r for r in rows(con, "select * from document_bounds")},
            "backdated": rows(con, "select * from backdated_documents"),
            "outages": rows(con, "select * from source_outages"),
            "fetch_errors": rows(con, "select * from fetch_errors"),
            "listings": rows(con, "select source_id, page_url, fetched_at, article_urls from listings"),
            "rule_rows": rows(con, "select * from rules"),
        }


def event_id(state: dict[str, Any], key: str) -> str:
    """The demo database's event of a labelled event (its first document) or of a live case (its first url_end)."""
    if key in EVENTS:
        return state["docs"][EVENTS[key]["documents"][0]["url"]]["event_id"]
    end = CASES[key]["documents"][0]["url_end"]
    (doc,) = [d for path, d in state["docs"].items() if path.endswith(end)]
    return doc["event_id"]


def live_doc(state: dict[str, Any], url_end: str) -> dict[str, Any]:
    (doc,) = [d for path, d in state["docs"].items() if path.endswith(url_end)]
    return doc


def live_start(state: dict[str, Any]) -> datetime:
    """S: the demo's start floored to the minute, from the live media report's claimed time (S - 3 h)."""
    first = CASES["l01-old-bridge-cracks"]["documents"][0]
    return live_doc(state, first["url_end"])["published_at"] - timedelta(minutes=first["offset_minutes"])


# ---------------------------------------------------------------- the database


def test_every_labelled_event_keeps_its_links_and_values_through_the_rounds(state: dict[str, Any]) -> None:
    """The rounds change what is observed, never what is linked or claimed: events[] holds in the demo too."""
    problems = []
    for key, event in EVENTS.items():
        ids = {state["docs"][d["url"]]["event_id"] for d in event["documents"]}
        members = {p for p, d in state["docs"].items() if d["event_id"] in ids}
        if len(ids) != 1 or members != {d["url"] for d in event["documents"]}:
            problems.append(f"{key}: linked as {sorted(members)}")
            continue
        got = state["timeliness"][ids.pop()]
        lag = None if got["lag_hours"] is None else round(got["lag_hours"], 2)
        if (got["official_first"], lag, got["n_media"], got["n_official"]) != (
            event["official_first"], event["lag_hours"], event["n_media"], event["n_official"]
        ):
            problems.append(f"{key}: {got['official_first']}, {lag}, {got['n_media']}, {got['n_official']}")
    assert not problems, "\n".join(problems)
    live = {p for p, d in state["docs"].items() if p not in {d["url"] for e in EVENTS.values() for d in e["documents"]}}
    assert {p.rsplit("/", 1)[1] for p in live} == {"8811.html", "art_1875_60022.html"}


def test_the_analysts_rule_is_stored_with_its_effective_date(state: dict[str, Any]) -> None:
    (wanted,) = DEMO["rules_added"]
    (rule,) = [r for r in state["rule_rows"] if r["rule_id"] == wanted["rule_id"]]
    assert (rule["document"], rule["obligation"], rule["applies_to"], rule["clock_hours"]) == (
        wanted["document"], wanted["obligation"], wanted["applies_to"], wanted["clock_hours"]
    )
    assert rule["effective_from"] == at(wanted["effective_from"]) and rule["user_defined"] is True


@pytest.mark.parametrize(
    "key",
    sorted(CASES),
)
def test_demo_case_per_event(state: dict[str, Any], key: str) -> None:
    case = CASES[key]
    eid = event_id(state, key)
    got = state["timeliness"][eid]
    for field in ("official_first", "official_first_claimed", "n_media", "n_official"):
        if field in case:
            assert got[field] == case[field], (key, field)
    for field in ("lag_hours", "lag_hours_min", "lag_hours_max"):
        if field in case:
            expected = case[field]
            assert (got[field] is None) if expected is None else got[field] == pytest.approx(expected, abs=0.01), field
    if "severity" in case:
        assert state["severity"][eid] == case["severity"]
    start = live_start(state) if case.get("live") else None
    for row in case.get("rule_status", []):
        status = state["rules"][(eid, row["source_id"], row["rule_id"])]
        assert (status["role"], status["status"]) == (row["role"], row["status"]), (key, row, status["status"])
        deadline = at(row["deadline"]) if "deadline" in row else start + timedelta(minutes=row["deadline_offset_minutes"])
        assert status["deadline"] == deadline, (key, row)
    # every responsible source's result under every applicable rule is listed
    listed = {(r["source_id"], r["rule_id"]) for r in case.get("rule_status", [])}
    if listed:
        assert {(s, r) for (e, s, r) in state["rules"] if e == eid} == listed, key


def test_straddling_event_is_judged_by_the_rule_version_in_force_at_its_clock_start(state: dict[str, Any]) -> None:
    (rule,) = DEMO["rules_added"]
    eid = event_id(state, "e01-project-protest")
    status = state["rules"][(eid, "lj-gov", rule["rule_id"])]
    assert status["clock_start"] < at(rule["effective_from"]) < status["deadline"]  # the effective date is inside
    assert status["rule_in_force"] is False and status["status"] == "would-have-missed"
    assert state["rules"][(eid, "lj-gov", "61-response-48h")]["status"] == "missed"
    later = event_id(state, "e17-elevator-subsidy")  # a clock that starts after the effective date: in force
    assert state["rules"][(later, "lj-gov", rule["rule_id"])]["rule_in_force"] is True


def test_date_only_post_against_a_minute_report_is_undecided(state: dict[str, Any]) -> None:
    eid = event_id(state, "e07-bridge-opening")
    got = state["timeliness"][eid]
    assert got["official_first"] is None and got["official_first_claimed"] is None
    assert got["lag_hours_min"] < 0 < got["lag_hours_max"]


def test_backdated_post_is_flagged_against_round_one(state: dict[str, Any]) -> None:
    (wanted,) = CASES["e17-elevator-subsidy"]["backdated"]
    (row,) = state["backdated"]
    assert path_of(row["url"]) == wanted["url"] and path_of(row["found_on"]) == wanted["found_on"]
    assert row["published_at"] == at("2026-10-21T09:00:00+08:00") and row["source_id"] == "lj-gov"
    page = [r for r in state["listings"] if r["page_url"] == row["found_on"]]
    round_one, round_two = sorted(page, key=lambda r: r["fetched_at"])  # the column's first page, once a round
    assert row["url"] not in round_one["article_urls"] and row["url"] in round_two["article_urls"]
    assert row["absent_at"] == round_one["fetched_at"] < row["first_seen_at"]
    assert row["hours_backdated_min"] > 0
    bounds = state["bounds"][row["doc_id"]]
    assert (bounds["earliest_at"], bounds["latest_at"]) == (row["absent_at"], row["first_seen_at"])
    response = state["rules"][(event_id(state, "e17-elevator-subsidy"), "lj-gov", "61-response-48h")]
    assert response["response_earliest"] == row["absent_at"]  # judged by the observation, not the claim: missed


def test_outage_of_the_county_site_covers_round_one_only(state: dict[str, Any], demo: dict[str, Any]) -> None:
    (outage,) = state["outages"]
    assert outage["source_id"] == "qh-gov" and outage["n_failures"] == 1 and outage["ongoing"] is False
    (error,) = state["fetch_errors"]
    assert error["source_id"] == "qh-gov" and "503" in error["error"]
    assert demo["before"] < outage["outage_start"] < outage["outage_end"] < demo["after"]
    county = [r for r in state["listings"] if r["source_id"] == "qh-gov"]
    assert county and min(r["fetched_at"] for r in county) == outage["outage_end"]  # round 2 answered
    eid = event_id(state, "l01-old-bridge-cracks")
    clock = state["rules"][(eid, "qh-gov", "61-response-48h")]
    assert clock["clock_start"] < outage["outage_start"] < clock["deadline"] and clock["outage_during_clock"]


def test_live_documents_are_dated_from_the_demo_start_and_one_is_seen_before_its_claim(
    state: dict[str, Any], demo: dict[str, Any]
) -> None:
    start = live_start(state)
    assert demo["before"] - timedelta(minutes=1) < start <= demo["after"]
    for wanted in CASES["l01-old-bridge-cracks"]["documents"]:
        doc = live_doc(state, wanted["url_end"])
        assert doc["source_id"] == wanted["source_id"] and doc["title"] == wanted["title"]
        assert doc["published_at"] == start + timedelta(minutes=wanted["offset_minutes"])
        assert doc["published_precision"] == wanted["precision"]
        bounds = state["bounds"][doc["doc_id"]]
        assert bounds["seen_before_claimed"] is bool(wanted.get("seen_before_claimed"))
        if wanted.get("seen_before_claimed"):
            assert doc["first_seen_at"] < doc["published_at"]
            assert bounds["earliest_at"] is None and bounds["latest_at"] == doc["first_seen_at"]


def test_demo_prints_the_cases(demo: dict[str, Any]) -> None:
    out = demo["stdout"]
    assert "crawl round 1:" in out and "crawl round 2:" in out
    assert "backdated: lj-gov" in out and "outage: qh-gov" in out
    assert "unobservable" in out and "would-have-missed" in out


# ---------------------------------------------------------------- the dashboard


@pytest.fixture
def dashboard(demo: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRACKER_DB", str(demo["db"]))
    return demo["db"]


def events_page() -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    app.switch_page("views/events.py").run()
    app.selectbox(key="week").set_value("全部").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def show(app: AppTest, eid: str) -> dict[str, Any]:
    """Pick the event on the events page; its metrics, documents and rule results."""
    app.selectbox(key="event_id").set_value(eid).run()
    assert not app.exception, [e.value for e in app.exception]
    return {
        "metrics": {m.label: m.value for m in app.metric},
        "documents": app.dataframe[1].value,
        "rules": app.dataframe[2].value,
    }


def results(shown: dict[str, Any]) -> dict[tuple[str, str], str]:
    frame = shown["rules"]
    return dict(zip(zip(frame["责任来源"], frame["规则"], strict=True), frame["结果"], strict=True))


def test_dashboard_events_page_shows_each_case(dashboard: Path, state: dict[str, Any]) -> None:
    app = events_page()

    protest = results(show(app, event_id(state, "e01-project-protest")))
    assert protest[(NAMES["lj-gov"], "45号 回应 24 小时")] == "规则生效前·本会超时"
    assert protest[(NAMES["lj-gov"], "61号 回应 48 小时")] == "超时"

    bridge = show(app, event_id(state, "e07-bridge-opening"))
    assert bridge["metrics"]["谁先发声"] == "未定"
    assert list(bridge["documents"]["时间精度"]) == ["日", "秒"]  # the county prints a date; 临江日报's RSS seconds

    subsidy = show(app, event_id(state, "e17-elevator-subsidy"))
    notes = dict(zip(subsidy["documents"]["发布来源"], subsidy["documents"]["备注"], strict=True))
    assert notes[NAMES["lj-gov"]].startswith("疑似倒填日期：") and notes["临江晚报"] == ""
    assert results(subsidy)[(NAMES["lj-gov"], "61号 回应 48 小时")] == "超时"

    live = show(app, event_id(state, "l01-old-bridge-cracks"))
    assert live["metrics"]["谁先发声"] == "未定"
    rules = results(live)
    assert rules[(NAMES["qh-gov"], "61号 回应 48 小时")] == "无法判断（网站故障）"
    assert rules[(NAMES["qh-gov"], "45号 回应 24 小时")] == "无法判断（网站故障）"
    assert rules[(NAMES["lj-gov"], "61号 回应 48 小时")] == "达标"
    assert rules[(NAMES["jn-gov"], "61号 回应 48 小时")] == "计时中"
    notes = dict(zip(live["documents"]["发布来源"], live["documents"]["备注"], strict=True))
    assert "早于声称的发布时间" in notes[NAMES["lj-gov"]]


def test_dashboard_event_detail_shows_the_observed_times(dashboard: Path, state: dict[str, Any]) -> None:
    def detail(key: str) -> AppTest:
        app = AppTest.from_file(str(APP), default_timeout=60)
        app.query_params["event"] = event_id(state, key)
        app.run()
        app.switch_page("views/event_detail.py").run()
        assert not app.exception, [e.value for e in app.exception]
        return app

    subsidy = [t.value for t in detail("e17-elevator-subsidy").text]
    assert any(t.startswith("疑似倒填日期：") for t in subsidy)
    live = detail("l01-old-bridge-cracks")
    assert "首次抓到的时间早于声称的发布时间；时效按抓到时间计" in [t.value for t in live.text]
    assert {m.label: m.value for m in live.metric}["谁先发声"] == "未定"
    assert {m.label: m.value for m in detail("e07-bridge-opening").metric}["谁先发声"] == "未定"


def table_with(app: AppTest, *columns: str) -> Any:
    """The page's one table that has `columns` (tables above it come and go with the selected week)."""
    (found,) = [f.value for f in app.dataframe if set(columns) <= set(f.value.columns)]
    return found


def test_dashboard_sources_page_lists_the_outage(dashboard: Path) -> None:
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    app.switch_page("views/sources.py").run()
    assert not app.exception, [e.value for e in app.exception]
    outages = table_with(app, "开始（首次失败）", "结束（再次成功）")
    assert list(outages["来源"]) == [NAMES["qh-gov"]] and list(outages["失败次数"]) == [1]
    assert list(table_with(app, "地址", "错误")["错误"]) == ["HTTP 503"]


def test_dashboard_every_page_runs_on_the_demo_database(dashboard: Path) -> None:
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not app.exception, [e.value for e in app.exception]
    for page in ("views/events.py", "views/event_detail.py", "views/sources.py", "views/press.py", "views/digest.py"):
        app.switch_page(page).run()
        assert not app.exception, (page, [e.value for e in app.exception])


# ---------------------------------------------------------------- the alerts round


def test_demo_alerts_round_lands_in_the_local_receiver(demo: dict[str, Any], state: dict[str, Any]) -> None:
    """The live event's provincial 24 h clock (jn-gov has not posted) is about to end when the round reads it: one
    alert, delivered to the local DingTalk robot and Feishu bot with valid signatures, kept in the database."""
    out = demo["stdout"]
    label = state["timeliness"][event_id(state, "l01-old-bridge-cracks")]["label"]
    assert "alerts round: clocks read at" in out and "4 h before the first running deadline" in out
    assert "alerts: 1 new; 2 delivered, 0 failed, 0 waiting in the outbox" in out
    for service in ("钉钉群机器人", "飞书机器人"):
        assert f"received by the local {service} (accepted, signature checked):" in out
    assert out.count(f"  【时钟即将到期】{label}\n") == 2
    assert "  责任来源：江南省人民政府（尚未发布）" in out and "还剩 4 小时 0 分" in out
    assert "  规则：江政办发〔2026〕45号：其他政务舆情 24 小时内回应" in out
    with db.reader(demo["db"]) as con:
        alerts = con.execute("select event_id, source_id, rule_id, kind from alerts").fetchall()
        outbox = con.execute("select channel, status from alert_outbox order by channel").fetchall()
    assert alerts == [(event_id(state, "l01-old-bridge-cracks"), "jn-gov", "jn-response-24h", "due_soon")]
    assert outbox == [("jn-dingtalk", "sent"), ("jn-feishu", "sent")]


def test_dashboard_overview_shows_the_running_clocks(dashboard: Path, state: dict[str, Any]) -> None:
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.subheader[0].value == "进行中的时钟"
    clocks = app.dataframe[0].value
    rows = {(r["责任来源"], r["规则"]): r["已发提醒"] for r in clocks.to_dict("records")}
    assert set(rows) == {(NAMES["jn-gov"], "45号 回应 24 小时"), (NAMES["jn-gov"], "61号 回应 48 小时")}
    assert rows[(NAMES["jn-gov"], "45号 回应 24 小时")].startswith("即将到期 ")
    assert rows[(NAMES["jn-gov"], "61号 回应 48 小时")] == "未发"
