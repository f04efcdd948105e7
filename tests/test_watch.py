"""`tracker watch`: conditional GET, adaptive intervals, surges, SIGTERM and resume, against 127.0.0.1."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.cli.watch import SourceState, WatchConfig, adapted_interval, regions_overlap, schedule
from pipeline.core.sources import Source
from pipeline.timeliness.health import HealthPolicy, SourceHealth
from tests.conftest import FAST_CRAWL, tracker
from tests.loopback import LoopbackServer, Reply, article_page, list_page
from tests.test_bad_inputs import LONG, src, write_toml

pytestmark = pytest.mark.timeout(240)


def site(etag: str) -> dict[str, Reply]:
    links = [("/gov/t20260501_1.html", "市政府召开防汛工作新闻发布会", "2026-05-01")]
    return {
        "/gov/index.html": Reply(body=list_page("gov", links).encode(), etag=etag),
        "/gov/t20260501_1.html": Reply(body=article_page(links[0][1], LONG, "2026-05-01 10:00").encode()),
    }


def test_two_cycles_use_conditional_get_and_keep_state(tmp_path: Path) -> None:
    with LoopbackServer(site('"v1"')) as server:
        write_toml([src("lj-gov", "official", lists=[server.url("/gov/index.html")])], tmp_path / "sources.toml")
        database = tmp_path / "data" / "tracker.duckdb"
        result = tracker("watch", "--sources", str(tmp_path / "sources.toml"), "--db", str(database),
                         "--cycles", "2", "--min-interval", "0", "--interval", "0", *FAST_CRAWL, timeout=200)
        assert result.returncode == 0, result.stderr[-2000:]
        hits = server.hits_for("/gov/index.html")
    assert len(hits) == 2
    assert "if-none-match" not in hits[0].headers and hits[1].headers["if-none-match"] == '"v1"'
    assert len(server.hits_for("/gov/t20260501_1.html")) == 1  # unchanged page: its articles are not re-fetched
    assert "watch cycle 2: polled 1 source(s)" in result.stdout
    state = json.loads((database.parent / "watch" / "state.json").read_text())
    assert state["sources"]["lj-gov"]["polls"] == 2


def test_sigterm_stops_cleanly_and_a_restart_resumes(tmp_path: Path) -> None:
    routes = site('"v1"')
    routes["/gov/t20260501_1.html"] = Reply(body=routes["/gov/t20260501_1.html"].body, delay=1.5)
    with LoopbackServer(routes) as server:
        write_toml([src("lj-gov", "official", lists=[server.url("/gov/index.html")])], tmp_path / "sources.toml")
        database = tmp_path / "data" / "tracker.duckdb"
        command = [sys.executable, "-m", "pipeline.cli", "watch", "--sources", str(tmp_path / "sources.toml"),
                   "--db", str(database), "--min-interval", "3600", "--interval", "3600", *FAST_CRAWL]
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while not server.hits_for("/gov/t20260501_1.html") and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)  # mid-crawl: the page is being served slowly
        out, err = proc.communicate(timeout=90)
        assert proc.returncode == 0, err[-2000:]
        assert "stopped by signal" in out
        state = json.loads((database.parent / "watch" / "state.json").read_text())["sources"]["lj-gov"]
        assert state["interval"] == 3600 and state["next_due"] > time.time() + 3000
        hits_before = len(server.hits)
        resumed = subprocess.Popen([*command[:-len(FAST_CRAWL)], *FAST_CRAWL], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(4)  # nothing is due for an hour: the resumed watcher must wait, not re-poll
        resumed.send_signal(signal.SIGTERM)
        out, err = resumed.communicate(timeout=30)
        assert resumed.returncode == 0, err[-2000:]
        assert len(server.hits) == hits_before
        assert json.loads((database.parent / "watch" / "state.json").read_text())["sources"]["lj-gov"] == state


def test_interval_adapts_and_surges_reach_the_region() -> None:
    config = WatchConfig(Path("s.toml"), Path("d.duckdb"), Path("w"), min_interval=60, max_interval=3600,
                         surge_interval=120, surge_seconds=6 * 3600)
    assert adapted_interval(600, 3, config) == 300 and adapted_interval(600, 0, config) == 900
    assert adapted_interval(3000, 0, config) == 3600 and adapted_interval(100, 1, config) == 60
    assert regions_overlap("江苏省连云港市", "江苏省") and not regions_overlap("江苏省", "浙江省")
    sources = [Source("lyg-gov", "连云港市政府", "official", "website", region="江苏省连云港市"),
               Source("js-gov", "江苏省政府", "official", "website", region="江苏省"),
               Source("zj-gov", "浙江省政府", "official", "website", region="浙江省"),
               Source("lygrb", "连云港日报", "media", "news", region="江苏省连云港市")]
    state = {s.source_id: SourceState(interval=3600, next_due=10_000) for s in sources}
    failing = SourceHealth("zj-gov", "", "failing", None, None, 3, __import__("datetime").timedelta(hours=2), "")
    surging = schedule(state, sources, ["lygrb", "zj-gov"], {"lygrb": 2}, {"zj-gov": failing},
                       ["江苏省连云港市"], now=1000, config=config)
    assert surging == ["lyg-gov", "js-gov"]
    assert state["lyg-gov"].next_due == 1000 + 120 and state["js-gov"].surge_until == 1000 + 6 * 3600
    assert state["zj-gov"].next_due == 1000 + 7200  # back-off beats the interval
    assert state["lygrb"].interval == 1800
    assert HealthPolicy().max_failures == 30


def test_watch_alerts_after_each_poll(tmp_path: Path) -> None:
    """A media report of an explosion 4.5 h ago, the city site silent on it: after the poll, the alerts round tells
    the office that the 5 h clock is about to end; a second watch run sends nothing twice."""
    from datetime import datetime, timedelta

    from demo.receiver import Receiver
    from pipeline.alerts.messages import BEIJING

    reported = (datetime.now(BEIJING) - timedelta(minutes=270)).strftime("%Y-%m-%d %H:%M")
    title = "临江港区仓库发生爆炸 消防全力处置"
    routes = {
        "/news/index.html": Reply(body=list_page("news", [("/news/a1.html", title, reported[:10])]).encode()),
        "/news/a1.html": Reply(body=article_page(title, LONG, reported, source="临江日报").encode()),
        **site('"v1"'),
    }
    with LoopbackServer(routes) as server, Receiver() as receiver:
        write_toml([src("lj-gov", "official", lists=[server.url("/gov/index.html")]),
                    src("ljrb", "media", lists=[server.url("/news/index.html")])], tmp_path / "sources.toml")
        (tmp_path / "alerts.toml").write_text(
            f'[[route]]\nregion = "江南省临江市"\nresponsible = "临江市政府新闻办"\nchannels = ["hook"]\n'
            f'[channel.hook]\nkind = "webhook"\nurl = "{receiver.url("/hook")}"\n', encoding="utf-8")
        database = tmp_path / "data" / "tracker.duckdb"
        command = ["watch", "--sources", str(tmp_path / "sources.toml"), "--db", str(database), "--cycles", "1",
                   "--min-interval", "0", "--interval", "0", "--alerts", str(tmp_path / "alerts.toml"), *FAST_CRAWL]
        first = tracker(*command, timeout=200)
        second = tracker(*command, timeout=200)
        posts = list(receiver.received)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "watch cycle 1: polled 2 source(s)" in first.stdout and "; alerts: round started" in first.stdout
    assert "alerts: 1 new; 1 delivered, 0 failed, 0 waiting in the outbox" in first.stdout
    (post,) = posts
    assert post.body["kind"] == "due_soon" and post.body["source_id"] == "lj-gov"
    assert post.body["rule_id"] == "80-authoritative-5h" and post.body["event_title"] == title
    assert "alerts: 0 new; 0 delivered" in second.stdout
    assert (database.parent / "watch" / "alerts.log").exists()


def test_watch_stops_on_a_bad_alerts_file_before_polling(tmp_path: Path) -> None:
    write_toml([src("lj-gov", "official", lists=["http://127.0.0.1:9/gov/index.html"])], tmp_path / "sources.toml")
    (tmp_path / "alerts.toml").write_text('[[route]]\nsource = "lj-gov"\nresponsible = "x"\nchannels = ["gone"]\n')
    result = tracker("watch", "--sources", str(tmp_path / "sources.toml"), "--db", str(tmp_path / "t.duckdb"),
                     "--cycles", "1", "--alerts", str(tmp_path / "alerts.toml"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "[[route]] #1 (lj-gov): channel 'gone' is not defined" in result.stderr
    assert not (tmp_path / "watch").exists()
