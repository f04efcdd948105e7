"""Press events: recording them (`tracker press add/list`), linking them to events, and each responsible
website's lag after them, on the hand-built database of tests/test_timeliness.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_timeliness import build_world, rows, t

from pipeline.cli.main import main
from pipeline.timeliness.press import PressError, make_press_event, press_responses


@pytest.fixture
def world(tmp_path: Path) -> Path:
    return build_world(tmp_path / "press.duckdb")


def test_press_event_is_linked_by_time_and_title(world: Path) -> None:
    assert rows(world, "select press_id, event_id, linked_by, title_overlap from press_event_links") == [
        ("pr-1", "e-major", "title", 0.5)  # 7 of the 14 character pairs in 临江市化工厂爆炸
    ]


def test_lag_of_each_responsible_website_after_the_press_event(world: Path) -> None:
    found = [(r["source_id"], r["posted"], r["lag_hours"], r["lag_hours_min"], r["lag_hours_max"],
              r["hours_since_press"]) for r in press_responses(world, "pr-1")]
    assert found == [
        ("city-gov", True, -6.0, -6.0, -5.9833, 284.0),  # the city had posted at 10:00, before its 16:00 briefing
        ("prov-gov", False, None, None, None, 284.0),  # the province has not posted on it
    ]


def test_press_add_and_list_from_the_command_line(world: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["press", "add", "--source", "city-gov", "--at", "2026年10月25日 15:00", "--title", "道路施工情况新闻发布会",
            "--db", str(world)]
    assert main(argv) == 0
    assert main(argv) == 0  # recording it again changes nothing
    added = capsys.readouterr().out.splitlines()
    assert len(added) == 2 and added[0] == added[1]
    press_id = added[0].split("\t")[0]
    assert added[0].split("\t")[2:] == ["2026-10-25T15:00:00+08:00", "minute", "道路施工情况新闻发布会"]
    assert main(["press", "list", "--db", str(world)]) == 0
    listed = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [(r[0], r[3]) for r in listed] == [(press_id, "e-miss"), ("pr-1", "e-major")]
    found = {r["source_id"]: r["lag_hours"] for r in press_responses(world, press_id)}
    assert found == {"prov-gov": None, "city-gov": -7.0}  # its post of 08:00 the same day


def test_press_add_refuses_bad_input(world: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["press", "add", "--db", str(world), "--title", "发布会"]
    assert main([*base, "--source", "nobody", "--at", "2026-10-25 15:00"]) == 2
    assert main([*base, "--source", "daily", "--at", "2026-10-25 15:00"]) == 2
    assert main([*base, "--source", "city-gov", "--at", "soon"]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        "tracker press: source 'nobody' is not in the database",
        "tracker press: source 'daily' is not an official source",
        "tracker press: --at 'soon': cannot read a date and time",
    ]


def test_pinned_event_wins(world: Path) -> None:
    assert main(["press", "add", "--db", str(world), "--source", "city-gov", "--at", "2026-10-20 18:00",
                 "--title", "临江市化工厂爆炸事故新闻发布会（第二场）", "--event", "e-miss"]) == 0
    found = rows(world, "select event_id, linked_by from press_event_links where press_id <> 'pr-1'")
    assert found == [("e-miss", "pinned")]


def test_press_event_id_is_stable() -> None:
    first = make_press_event("city-gov", "2026-10-20 16:00", "发布会")
    assert first.press_id == make_press_event("city-gov", "2026年10月20日 16:00", " 发布会 ").press_id
    assert first.held_at == t("2026-10-20 16:00")
    with pytest.raises(PressError):
        make_press_event("city-gov", "2026-10-20 16:00", "  ")
