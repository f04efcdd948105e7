"""Scorecards per official source and ISO week, and their region roll-ups, on the hand-built database of
tests/test_timeliness.py, with exact expected values."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_timeliness import build_world, rows, t


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_world(tmp_path_factory.mktemp("scorecards") / "scorecards.duckdb")


def test_source_scorecard_per_week(world: Path) -> None:
    found = rows(world, "select iso_year, iso_week, n_events, n_responded, median_lag_hours, p90_lag_hours,"
                        " share_first, share_reposted, n_rule_met, n_rule_missed, n_rule_pending, n_rule_unobservable,"
                        " n_rule_undecided, rule_compliance, uptime, median_lag_change, rule_compliance_change"
                        " from official_scorecards where source_id = 'city-gov' order by week_start")
    assert found == [
        # e-lyg: a media repost 72 h later, before 61号: no rule in force.
        (2016, 31, 1, 1, 72.0, 72.0, 0.0, 1.0, 0, 0, 0, 0, 0, None, None, None, None),
        # e-2016: 80号 not yet in force; 61号's press conference clock was, and no press conference was recorded.
        (2016, 45, 1, 1, 7.0, 7.0, 0.0, 0.0, 0, 1, 0, 0, 0, 0.0, None, None, None),
        # e-list, e-early, e-back: lags -8, 2, -15; each order undecided; three 48 h responses met.
        (2026, 42, 3, 3, -8.0, 0.0, None, 0.0, 3, 0, 0, 0, 0, 1.0, 1.0, None, None),
        # e-major (2 h, both major clocks met), e-miss (72 h, missed), e-silent (no response, missed).
        (2026, 43, 3, 2, 37.0, 65.0, 0.0, 0.0, 2, 2, 0, 0, 0, 0.5, None, 45.0, -0.5),
        # e-outage (unobservable), e-und (40 h, undecided), e-pending; 19 of 20 fetches succeeded.
        (2026, 44, 3, 1, 40.0, 40.0, 0.0, 0.0, 0, 0, 1, 1, 1, None, 0.95, 3.0, None),
    ]


def test_region_roll_ups(world: Path) -> None:
    found = rows(world, "select region, level, parent_region, iso_week, n_sources, n_events, n_responses,"
                        " median_lag_hours, rule_compliance, uptime from region_scorecards where iso_year = 2026"
                        " order by region, week_start")
    assert found == [
        ("江南省", "province", None, 42, 3, 4, 4, -8.0, 0.5714, 1.0),
        ("江南省", "province", None, 43, 2, 3, 2, 37.0, 0.375, None),
        ("江南省", "province", None, 44, 2, 3, 1, 40.0, 0.0, 0.9524),
        ("江南省临江市", "city", "江南省", 42, 3, 4, 4, -8.0, 0.5714, 1.0),
        ("江南省临江市", "city", "江南省", 43, 2, 3, 2, 37.0, 0.375, None),
        ("江南省临江市", "city", "江南省", 44, 2, 3, 1, 40.0, 0.0, 0.9524),
        ("江南省临江市青河县", "county", "江南省临江市", 42, 1, 1, 1, -8.0, 1.0, None),
    ]


def test_website_lag_behind_first_official_voice(tmp_path: Path) -> None:
    docs = [
        ("m-v", "daily", "e-voice", "临江市暴雨", "2026-10-20 08:00", "minute", "2026-10-20 08:05", None, None, None),
        ("w-v", "city-weibo", "e-voice", "临江发布：暴雨预警", "2026-10-20 07:00", "minute", "2026-10-20 07:05", None,
         None, None),
        ("o-v", "city-gov", "e-voice", "暴雨预警", "2026-10-20 13:30", "minute", "2026-10-20 13:35", None, None, None),
    ]
    path = build_world(tmp_path / "voice.duckdb", docs)
    found = rows(path, "select first_official_voice_at, first_official_website_at, website_lag_behind_voice_hours,"
                       " lag_hours, official_first from event_timeliness")

    assert found == [(t("2026-10-20 07:00"), t("2026-10-20 13:30"), 6.5, -1.0, True)]


def test_csv_import_carries_the_channel(tmp_path: Path) -> None:
    from pipeline.load.importer import import_file
    from pipeline.load.loader import load_files

    csv_file = tmp_path / "weibo.csv"
    csv_file.write_text(
        "source_id,source_name,kind,channel,region,url,title,body,published_at,declared_source\n"
        "lj-weibo,临江发布,official,weibo,江南省临江市,https://weibo.example/1,暴雨预警,,2026-10-20 07:00,\n"
        "lj-weibo,临江发布,official,weibo,江南省临江市,https://weibo.example/2,,,2026-10-20 08:00,\n",
        encoding="utf-8",
    )
    result = import_file(csv_file, tmp_path / "landing")
    assert result.n_documents == 1
    assert result.problems == ["weibo.csv:3: source 'lj-weibo': missing title"]
    load_files(tmp_path / "csv.duckdb", result.landing_files)
    found = rows(tmp_path / "csv.duckdb", "select s.channel, d.title, d.published_at, d.published_precision"
                                          " from documents d join sources s using (source_id)")
    assert found == [("weibo", "暴雨预警", t("2026-10-20 07:00"), "minute")]
