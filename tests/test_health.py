"""Source health: status, failure score, back-off, disabling, and `tracker sources`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from crawlers.landing import LandingWriter, PollRecord
from pipeline.timeliness.health import HealthPolicy, Poll, assess, backoff
from tests.conftest import tracker

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
OK = Poll(NOW - timedelta(hours=1), 1, 0, 0, None)


def failed(hours: float, blocked: int = 0, error: str = "HTTP 500") -> Poll:
    return Poll(NOW - timedelta(hours=hours), 0, 1, blocked, error)


def test_statuses() -> None:
    fresh = NOW - timedelta(days=1)
    assert assess("a", "A", [OK], fresh, NOW).status == "ok"
    assert assess("a", "A", [OK], NOW - timedelta(days=20), NOW).status == "quiet"
    assert assess("a", "A", [], None, NOW).status == "unpolled"
    blocked = assess("a", "A", [failed(0.5, 1, "HTTP 403"), OK], fresh, NOW)
    assert blocked.status == "blocked" and "HTTP 403" in blocked.reason
    failing = assess("a", "A", [failed(0.5), failed(0.7), OK], fresh, NOW)
    assert (failing.status, failing.failure_score, failing.last_success) == ("failing", 2.0, OK.polled_at)


def test_back_off_grows_and_disabling_waits_for_max_failures() -> None:
    policy = HealthPolicy(max_failures=5)
    assert backoff(0, policy) == timedelta(0)
    assert backoff(1, policy) < backoff(2, policy) < backoff(3, policy) <= policy.backoff_max
    four = [failed(h) for h in range(4)]
    assert assess("a", "A", four, None, NOW, policy).status == "failing"  # not disabled before MAX_FAILURES (F2)
    disabled = assess("a", "A", [*four, failed(5)], None, NOW, policy)
    assert disabled.status == "disabled" and "5 failed polls" in disabled.reason
    partial = Poll(NOW, 1, 1, 0, "one column page gone")
    assert assess("a", "A", [partial, *four], NOW, NOW, policy).failure_score == 4.5


def test_tracker_sources_prints_one_line_per_source(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    writer = LandingWriter(landing, "20261126T000000Z", "registry")
    for source_id in ("bad-gov", "good-gov"):
        writer.write({"record_type": "source", "source_id": source_id, "name": source_id, "kind": "official"})
    for n in range(3):
        writer.write(PollRecord("bad-gov", f"r{n}", (NOW - timedelta(hours=n)).isoformat(), 0, 1, 1, 1, 0, 0,
                                "source 'bad-gov': could not fetch http://x/: HTTP 403"))
    writer.write(PollRecord("good-gov", "r0", NOW.isoformat(), 1, 0, 0, 0, 0, 0, None))
    writer.flush()
    result = tracker("sources", "--db", str(tmp_path / "tracker.duckdb"))
    assert result.returncode == 2 and "no database" in result.stderr  # nothing loaded yet: a clear line
    assert tracker("load", "--db", str(tmp_path / "tracker.duckdb")).returncode == 0
    result = tracker("sources", "--db", str(tmp_path / "tracker.duckdb"))
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
    assert " blocked " in lines["bad-gov"] and "HTTP 403" in lines["bad-gov"]
    assert " quiet " in lines["good-gov"]  # fetched fine, but never anything new
