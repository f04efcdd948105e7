"""Catalogue B14 and B15: hostile filter values are bound parameters, and path-like scraped text stays text."""

from pathlib import Path

import pytest

import db
from tests.test_dashboard import run_app, tracker_db  # noqa: F401 - the fixture is used by name

HOSTILE = ["x' OR '1'='1", "'; DROP TABLE documents; --", "read_text('/etc/passwd')"]


def table_counts(path: Path) -> tuple[int, int, int]:
    with db.reader(path) as con:
        counts = con.execute(
            "select (select count(*) from documents), (select count(*) from events), (select count(*) from sources)"
        ).fetchone()
    assert counts is not None
    return counts


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_search_finds_nothing_and_changes_nothing(tracker_db: Path, value: str) -> None:  # noqa: F811
    before = table_counts(tracker_db)
    at = run_app("views/events.py")
    at.text_input(key="event_search").set_value(value).run()
    assert not at.exception
    assert any("没有符合条件的事件" in i.value for i in at.info)
    assert table_counts(tracker_db) == before


def test_path_like_scraped_title_is_shown_as_text_and_never_read(tracker_db: Path) -> None:  # noqa: F811
    hostname = Path("/etc/hostname")
    with db.writer(tracker_db) as con:
        con.execute("update documents set title = '/etc/hostname' where doc_id = (select min(doc_id) from documents)")
        con.execute("update events set label = '/etc/hostname' where event_id = 'ev-1'")
    at = run_app("views/events.py")
    at.selectbox(key="event_id").set_value("ev-1").run()
    assert not at.exception
    shown = [t.value for t in at.text] + [str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel()]
    assert any("/etc/hostname" in value for value in shown)
    secret = hostname.read_text(encoding="utf-8").strip() if hostname.exists() else ""
    if secret:
        assert not any(secret == value.strip() for value in shown)


def test_corrupt_database_file_gives_a_message_not_a_traceback(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "tracker.duckdb"
    broken.write_bytes(b"DUCK" + bytes(range(256)) * 64)  # catalogue F9: a damaged file
    monkeypatch.setenv("TRACKER_DB", str(broken))
    from streamlit.testing.v1 import AppTest

    from tests.test_dashboard import APP

    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error, "a damaged database must be reported on the page"
