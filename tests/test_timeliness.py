"""Lag intervals, backdating, rule clocks, repost classes, silent events and site health on a hand-built
database, with exact expected values. `build_world` is shared with tests/test_scorecards.py."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pytest

import db

CST = ZoneInfo("Asia/Shanghai")
AS_OF = "2026-11-01 12:00"
CITY_LIST = "http://city/list"


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CST)


SOURCES = [
    ("prov-gov", "江南省人民政府", "official", "website", "江南省", "province"),
    ("city-gov", "临江市人民政府", "official", "website", "江南省临江市", "city"),
    ("county-gov", "青河县人民政府", "official", "website", "江南省临江市青河县", "county"),
    ("city-weibo", "临江发布", "official", "weibo", "江南省临江市", "city"),
    ("daily", "临江日报", "media", "news", "江南省临江市", "city"),
    ("wire", "江南新闻网", "media", "news", "江南省", "province"),
    ("county-paper", "青河报", "media", "news", "江南省临江市青河县", "county"),
]

# doc_id, source, event (None: not linked), title, published, precision, first_seen, found_on,
# declared_source, declared_source_kind
DOCS: list[tuple[Any, ...]] = [
    # e-list: a date-only city post, its list page fetched at 09:00 without it: [09:00, 15:00].
    ("m-list", "daily", "e-list", "临江市公交线路调整", "2026-10-12 08:00", "minute", "2026-10-12 08:10", None, None, None),
    ("o-list", "city-gov", "e-list", "关于公交线路调整的通知", "2026-10-12 00:00", "day", "2026-10-12 15:00", CITY_LIST,
     None, None),
    # e-day: a date-only county post against a minute-precision media report, no listing: undecided.
    ("m-day", "county-paper", "e-day", "青河县自来水停水", "2026-10-13 08:00", "minute", "2026-10-13 08:05", None, None,
     None),
    ("o-day", "county-gov", "e-day", "青河县停水通知", "2026-10-13 00:00", "day", "2026-10-13 20:00", None, None, None),
    # e-early: a city post seen at 09:30 that claims 12:00.
    ("m-early", "daily", "e-early", "临江市图书馆闭馆", "2026-10-14 10:00", "minute", "2026-10-14 10:02", None, None, None),
    ("o-early", "city-gov", "e-early", "图书馆闭馆公告", "2026-10-14 12:00", "minute", "2026-10-14 09:30",
     "http://city/news", None, None),
    # e-back: a city post claiming 10-15, absent from its list page on 10-16 09:00: backdated.
    ("m-back", "daily", "e-back", "临江市菜价上涨", "2026-10-15 15:00", "minute", "2026-10-15 15:05", None, None, None),
    ("o-back", "city-gov", "e-back", "关于菜价的说明", "2026-10-15 00:00", "day", "2026-10-16 10:00", CITY_LIST, None, None),
    # e-major: 爆炸 makes it major; the city posts 2 h after the media, and holds a press conference at 16:00.
    ("m-major", "daily", "e-major", "临江市化工厂爆炸", "2026-10-20 08:00", "minute", "2026-10-20 08:05", None, None, None),
    ("o-major", "city-gov", "e-major", "化工厂爆炸情况通报", "2026-10-20 10:00", "minute", "2026-10-20 10:05", None, None,
     None),
    # e-miss: other event, the city responds after 72 h.
    ("m-miss", "daily", "e-miss", "临江市道路施工扰民", "2026-10-22 08:00", "minute", "2026-10-22 08:05", None, None,
     None),
    ("o-miss", "city-gov", "e-miss", "道路施工情况说明", "2026-10-25 08:00", "minute", "2026-10-25 08:30", None, None,
     None),
    # e-outage: no city response, but the city site was down 10-26 20:00 to 10-27 06:00.
    ("m-outage", "daily", "e-outage", "临江市停车收费争议", "2026-10-26 08:00", "minute", "2026-10-26 08:05", None, None,
     None),
    # e-und: the city's date-only post on the deadline's day: undecided.
    ("m-und", "daily", "e-und", "临江市学校食堂问题", "2026-10-28 08:00", "minute", "2026-10-28 08:05", None, None, None),
    ("o-und", "city-gov", "e-und", "学校食堂问题调查", "2026-10-30 00:00", "day", "2026-10-30 20:00", None, None, None),
    # e-pending: media 10 h before as_of, no response yet.
    ("m-pend", "daily", "e-pending", "临江市噪音投诉", "2026-11-01 02:00", "minute", "2026-11-01 02:05", None, None, None),
    # e-silent: three media reports, no official post.
    ("m-s1", "daily", "e-silent", "临江市小区物业纠纷", "2026-10-24 09:00", "minute", "2026-10-24 09:05", None, None, None),
    ("m-s2", "wire", "e-silent", "临江小区物业纠纷升级", "2026-10-24 12:00", "minute", "2026-10-24 12:05", None, None,
     None),
    ("m-s3", "daily", "e-silent", "物业纠纷追踪", "2026-10-25 09:00", "minute", "2026-10-25 09:05", None, None, None),
    # e-2016: 爆炸 on 2016-11-09 22:00, the city posts 7 h later: the 5 h clock straddles 80号's start.
    ("m-2016", "daily", "e-2016", "临江市仓库爆炸", "2016-11-09 22:00", "minute", "2016-11-09 22:05", None, None, None),
    ("o-2016", "city-gov", "e-2016", "仓库爆炸处置通报", "2016-11-10 05:00", "minute", "2016-11-10 05:05", None, None,
     None),
    # e-lyg: other event 2016-08-06, the city reposts the paper 3 days later, before 61号 was published.
    ("m-lyg", "daily", "e-lyg", "临江市项目引发聚集", "2016-08-06 10:00", "minute", "2016-08-06 10:05", None, None, None),
    ("o-lyg", "city-gov", "e-lyg", "项目有关情况", "2016-08-09 10:00", "minute", "2016-08-09 10:05", None, "临江日报",
     "media"),
    # Official posts outside events, for the repost classes (week of 2026-10-05).
    ("c-media", "city-gov", None, "转载一", "2026-10-05 09:00", "minute", "2026-10-05 09:05", None, "临江日报", "media"),
    ("c-upper", "county-gov", None, "转载二", "2026-10-05 09:00", "minute", "2026-10-05 09:05", None, "江南省人民政府",
     "official"),
    ("c-city", "county-gov", None, "转载三", "2026-10-06 09:00", "minute", "2026-10-06 09:05", None, "临江市人民政府",
     "official"),
    ("c-name", "city-gov", None, "转载四", "2026-10-06 09:00", "minute", "2026-10-06 09:05", None, "江南省应急管理厅",
     "official"),
    ("c-self", "city-gov", None, "首发五", "2026-10-07 09:00", "minute", "2026-10-07 09:05", None, "临江市人民政府",
     "official"),
]

LABELS = {"e-major": "临江市化工厂爆炸", "e-2016": "临江市仓库爆炸"}


def _listings() -> list[tuple[str, str, datetime, list[str]]]:
    rows = [
        ("city-gov", CITY_LIST, t("2026-10-12 09:00"), ["http://x/other-1"]),
        ("city-gov", CITY_LIST, t("2026-10-16 09:00"), ["http://x/other-2"]),
    ]
    # 19 good fetches on 10-27 06:00 .. 10-28 00:00 and one failure on 10-26 20:00: 5% failed in 2026-W44.
    start = t("2026-10-27 06:00")
    rows += [("city-gov", CITY_LIST, start + timedelta(hours=h), ["http://x/other-3"]) for h in range(19)]
    rows.append(("county-gov", "http://county/list", t("2026-10-28 10:00"), ["http://x/other-4"]))
    return rows


def build_world(path: Path, docs: list[tuple[Any, ...]] = DOCS) -> Path:
    with db.writer(path) as con:
        for row in SOURCES:
            con.execute("insert into sources (source_id, name, kind, channel, region, level) values (?, ?, ?, ?, ?, ?)",
                        row)
        for doc_id, source, event, title, published, precision, seen, found_on, declared, declared_kind in docs:
            con.execute(
                "insert into documents (doc_id, source_id, url, title, body, published_at, published_precision,"
                " declared_source, declared_source_kind, first_seen_at, last_seen_at, via, found_on)"
                " values (?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, 'list', ?)",
                [doc_id, source, f"http://x/{doc_id}", title, t(published), precision, declared, declared_kind,
                 t(seen), t(seen), found_on],
            )
            if event is not None:
                con.execute("insert into events values (?, ?, ?) on conflict do nothing",
                            [event, LABELS.get(event, event), t(published)])
                con.execute(
                    "insert into event_documents (doc_id, event_id, score, matched_doc_id, shared_terms, linked_at)"
                    " values (?, ?, 1.0, null, [], ?)",
                    [doc_id, event, t(seen)],
                )
        for row in _listings():
            con.execute("insert into listings values (?, ?, ?, ?)", row)
        con.execute("insert into fetch_errors values ('city-gov', ?, ?, 'HTTP 503')", [CITY_LIST, t("2026-10-26 20:00")])
        con.execute("insert into press_events (press_id, source_id, held_at, title) values"
                    " ('pr-1', 'city-gov', ?, '临江市化工厂爆炸事故新闻发布会')", [t("2026-10-20 16:00")])
        con.execute("update analysis_settings set value_time = ? where name = 'as_of'", [t(AS_OF)])
    return path


@pytest.fixture
def world(tmp_path: Path) -> Path:
    return build_world(tmp_path / "timeliness.duckdb")


def rows(path: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with db.reader(path) as con:
        return con.execute(sql, params or []).fetchall()


def timeliness(path: Path) -> dict[str, tuple[Any, ...]]:
    found = rows(path, "select event_id, lag_hours, lag_hours_min, lag_hours_max, official_first,"
                       " official_first_observed from event_timeliness")
    return {r[0]: tuple(None if v is None else (round(v, 4) if isinstance(v, float) else v) for v in r[1:])
            for r in found}


def test_lag_interval_from_a_listing_that_did_not_show_the_post(world: Path) -> None:
    # official [09:00, 15:00] on 10-12 against media [08:00, 08:01]; claimed: the whole day against 08:00.
    assert timeliness(world)["e-list"] == (-8.0, 0.9833, 7.0, None, False)


def test_date_only_post_against_minute_report_is_undecided(world: Path) -> None:
    # official [00:00, 20:00] (seen at 20:00) against media [08:00, 08:01].
    assert timeliness(world)["e-day"] == (-8.0, -8.0167, 12.0, None, None)


def test_post_seen_before_its_claimed_time(world: Path) -> None:
    # claims 12:00 (2 h after the media) but was seen at 09:30: no lower bound, at most 0.5 h before the media.
    assert timeliness(world)["e-early"] == (2.0, None, -0.5, None, True)
    flags = rows(world, "select seen_before_claimed, earliest_at, latest_at from document_bounds where doc_id = 'o-early'")
    assert flags == [(True, None, t("2026-10-14 09:30"))]


def test_backdated_post(world: Path) -> None:
    # claims 10-15 but its list page did not show it on 10-16 09:00; seen 10:00: [17.98 h, 19 h] after the media.
    assert timeliness(world)["e-back"] == (-15.0, 17.9833, 19.0, None, False)
    assert rows(world, "select doc_id, absent_at from backdated_documents") == [("o-back", t("2026-10-16 09:00"))]


def test_point_lags_are_unchanged(world: Path) -> None:
    found = timeliness(world)
    assert found["e-major"] == (2.0, 1.9833, 2.0167, False, False)
    assert found["e-miss"][:1] == (72.0,)
    assert found["e-outage"] == (None, None, None, None, None)


def test_official_response_intervals(world: Path) -> None:
    found = rows(world, "select event_id, source_id, lag_hours, lag_hours_min, lag_hours_max, spoke_first, backdated,"
                        " seen_before_claimed from event_official_responses where event_id in ('e-list', 'e-back',"
                        " 'e-early') order by event_id")
    assert found == [
        ("e-back", "city-gov", -15.0, 17.9833, 19.0, None, True, False),
        ("e-early", "city-gov", 2.0, None, -0.5, None, False, True),
        ("e-list", "city-gov", -8.0, 0.9833, 7.0, None, False, False),
    ]


def status(path: Path) -> dict[tuple[str, str, str], str]:
    found = rows(path, "select event_id, source_id, rule_id, status from event_rule_status")
    return {(e, s, r): st for e, s, r, st in found}


def test_rule_clocks(world: Path) -> None:
    found = status(world)
    expected = {
        # major: 5 h authoritative information (80号) and 24 h press conference (61号).
        ("e-major", "city-gov", "80-authoritative-5h"): "met",
        ("e-major", "city-gov", "61-press-24h"): "met",  # the city's press conference at 16:00
        ("e-major", "city-weibo", "80-authoritative-5h"): "missed",
        ("e-major", "city-weibo", "61-press-24h"): "met",  # same government held it
        ("e-major", "prov-gov", "80-authoritative-5h"): "missed",
        ("e-major", "prov-gov", "61-press-24h"): "missed",
        # other: 48 h response (61号).
        ("e-miss", "city-gov", "61-response-48h"): "missed",
        ("e-outage", "city-gov", "61-response-48h"): "unobservable",
        ("e-outage", "city-weibo", "61-response-48h"): "missed",
        ("e-und", "city-gov", "61-response-48h"): "undecided",
        ("e-pending", "city-gov", "61-response-48h"): "pending",
        ("e-day", "county-gov", "61-response-48h"): "met",
        # before the rules: the 5 h clock straddles 80号's start (2016-11-10) but started before it.
        ("e-2016", "city-gov", "80-authoritative-5h"): "would-have-missed",
        ("e-2016", "city-gov", "61-press-24h"): "missed",  # 61号 was in force since 2016-08-12
        ("e-lyg", "city-gov", "61-response-48h"): "would-have-missed",
    }
    assert {k: found.get(k) for k in expected} == expected


def test_severity_from_keywords_and_analyst(world: Path) -> None:
    found = dict(rows(world, "select event_id, severity from event_severities where severity = 'major'"))
    assert found == {"e-major": "major", "e-2016": "major"}
    with db.writer(world) as con:
        con.execute("insert into event_severity (event_id, severity, set_by) values ('e-miss', 'major', 'analyst')")
    found = status(world)
    assert found[("e-miss", "city-gov", "80-authoritative-5h")] == "missed"
    assert ("e-miss", "city-gov", "61-response-48h") not in found


def test_user_defined_rule(world: Path) -> None:
    with db.writer(world) as con:
        con.execute("insert into rules (rule_id, document, obligation, applies_to, clock_hours, effective_from)"
                    " values ('local-12h', '临江市办法', 'response', 'all', 12, ?)", [t("2026-10-21 00:00")])
    found = status(world)
    assert found[("e-major", "city-gov", "local-12h")] == "would-have-met"
    assert found[("e-miss", "city-gov", "local-12h")] == "missed"
    assert found[("e-day", "county-gov", "local-12h")] == "would-have-met"


def test_responsible_sources(world: Path) -> None:
    found = rows(world, "select source_id, role from event_responsible_sources where event_id = 'e-day'"
                        " order by source_id")
    assert found == [("city-gov", "upper"), ("city-weibo", "upper"), ("county-gov", "first"), ("prov-gov", "upper")]
    with db.writer(world) as con:
        con.execute("insert into event_regions values ('e-day', '江南省临江市')")
    found = rows(world, "select source_id, role from event_responsible_sources where event_id = 'e-day'"
                        " order by source_id")
    assert found == [("city-gov", "first"), ("city-weibo", "first"), ("prov-gov", "upper")]


def test_repost_classes(world: Path) -> None:
    found = dict(rows(world, "select doc_id, repost_class from official_post_classes where doc_id like 'c-%'"))
    assert found == {"c-media": "转载媒体", "c-upper": "转载上级", "c-city": "转载上级", "c-name": "转载上级",
                     "c-self": "首发"}
    shares = rows(world, "select source_id, n_posts, n_original, n_repost_media, n_repost_upper, repost_share"
                         " from repost_shares where iso_year = 2026 and iso_week = 41 order by source_id")
    assert shares == [("city-gov", 3, 1, 1, 1, 0.6667), ("county-gov", 2, 0, 0, 2, 1.0)]


def test_silent_events(world: Path) -> None:
    found = rows(world, "select event_id, n_media, n_responsible, first_response_at, unobservable from silent_events")
    assert found == [("e-silent", 3, 3, None, False)]


def test_outages_and_site_health(world: Path) -> None:
    assert rows(world, "select source_id, outage_start, outage_end, n_failures from source_outages") == [
        ("city-gov", t("2026-10-26 20:00"), t("2026-10-27 06:00"), 1)
    ]
    health = rows(world, "select n_fetches, n_failed, fail_share, fails_connectivity, stale, outage_hours"
                         " from site_health_weekly where source_id = 'city-gov' and iso_week = 44")
    assert health == [(20, 1, 0.05, True, False, 10.0)]
    stale = rows(world, "select iso_week, stale, days_since_published from site_health_weekly"
                        " where source_id = 'city-gov' and iso_week = 42")
    assert stale == [(42, False, 4.0)]
    stale = rows(world, "select iso_week, stale, days_since_published from site_health_weekly"
                        " where source_id = 'county-gov'")
    assert stale == [(44, True, 19.5)]  # last claimed publish time 10-13, checked at as_of 11-01 12:00


def test_settings_change_thresholds(world: Path) -> None:
    with db.writer(world) as con:
        con.execute("update analysis_settings set value_number = 4 where name = 'silent_min_media'")
    assert rows(world, "select event_id from silent_events") == []


def test_views_run_on_an_empty_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    with db.writer(path):
        pass
    con = duckdb.connect(str(path), read_only=True)
    try:
        for view in ("event_timeliness", "event_official_responses", "event_rule_status", "silent_events",
                     "official_scorecards", "region_scorecards", "site_health_weekly", "press_event_responses"):
            assert con.execute(f"select count(*) from {view}").fetchone() == (0,)  # noqa: S608
    finally:
        con.close()


def test_rules_module(world: Path) -> None:
    from pipeline.timeliness.rules import Rule, add_rule, rule_status, set_severity

    with db.writer(world) as con:
        add_rule(con, Rule("local-24h", "临江市办法", "response", "other", 24, t("2026-01-01 00:00")))
        set_severity(con, "e-und", "other", set_by="analyst")
        with pytest.raises(ValueError, match="obligation"):
            add_rule(con, Rule("bad", "x", "tweet", "all", 1, t("2026-01-01 00:00")))
        found = {(r["source_id"], r["rule_id"]): r["status"] for r in rule_status(con, ["e-miss"])}
    assert found[("city-gov", "local-24h")] == "missed"
    assert found[("city-gov", "61-response-48h")] == "missed"
