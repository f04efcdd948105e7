"""Crash tests (F4, F5, F6, F8): kill the crawler and the loader mid-way; a re-run gives the clean run's database."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import db
from tests.conftest import FAST_CRAWL, tracker
from tests.loopback import LoopbackServer, Reply, article_page, list_page
from tests.test_bad_inputs import LONG, src, write_toml

pytestmark = pytest.mark.timeout(300)
N_ARTICLES = 24
SLOW = ["-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]


def slow_site(delay: float) -> dict[str, Reply]:
    links = [(f"/gov/t202605{i:02d}_{i}.html", f"市政府第{i}次新闻发布会通报情况", f"2026-05-{i:02d}")
             for i in range(1, N_ARTICLES + 1)]
    routes = {"/gov/index.html": Reply(body=list_page("gov", links).encode())}
    for href, title, date in links:
        routes[href] = Reply(body=article_page(title, LONG, f"{date} 10:00").encode(), delay=delay)
    return routes


def documents(database: Path) -> list[tuple]:
    with db.reader(database) as con:
        return con.execute("select doc_id, title, published_at from documents order by doc_id").fetchall()


def table(database: Path, sql: str) -> list[tuple]:
    with db.reader(database) as con:
        return con.execute(sql).fetchall()


def written(landing: Path) -> int:
    """Lines in unfinished landing chunks."""
    return sum(path.read_bytes().count(b"\n") for path in landing.glob(".*.tmp")) if landing.exists() else 0


def crawl_command(sources: Path, database: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "crawl", "--sources", str(sources), "--db", str(database),
            *FAST_CRAWL, *SLOW]


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Any:
    work = tmp_path_factory.mktemp("crash")
    with LoopbackServer(slow_site(0.15)) as server:
        write_toml([src("lj-gov", "official", lists=[server.url("/gov/index.html")])], work / "sources.toml")
        database = work / "clean" / "tracker.duckdb"
        result = tracker("crawl", "--sources", str(work / "sources.toml"), "--db", str(database), *FAST_CRAWL, *SLOW)
        assert result.returncode == 0, result.stderr[-2000:]
        yield work, server, database


def test_f4_crawler_killed_mid_crawl_loses_nothing_and_keeps_first_seen(clean: Any) -> None:
    work, server, clean_db = clean
    database = work / "killed" / "tracker.duckdb"

    def article_hits() -> int:
        return sum(1 for h in server.hits if h.path.startswith("/gov/t"))

    before = article_hits()
    proc = subprocess.Popen(crawl_command(work / "sources.toml", database), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    landing = database.parent / "landing"
    deadline = time.monotonic() + 60
    while written(landing) < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert article_hits() < before + N_ARTICLES, "the kill should land before the crawl ends"
    orphans = list(landing.glob(".*.tmp"))
    assert orphans, "the kill should land mid-crawl, with an unfinished landing chunk"
    rerun_started = time.time()
    rerun = tracker("crawl", "--sources", str(work / "sources.toml"), "--db", str(database), *FAST_CRAWL, *SLOW)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert documents(database) == documents(clean_db)
    salvaged = list(landing.glob("*salvaged*.jsonl"))
    assert salvaged and not list(landing.glob(".*.tmp"))
    with db.reader(database) as con:
        kept = con.execute("select count(*) from documents where epoch(first_seen_at) < $t",
                           {"t": rerun_started}).fetchone()[0]
    salvaged_articles = sum(path.read_text(encoding="utf-8").count('"record_type": "article"') for path in salvaged)
    assert salvaged_articles >= 1 and kept == salvaged_articles  # what the killed crawl saw keeps its first_seen_at


@pytest.mark.parametrize("failpoint", ["load-before-commit:1", "load-after-commit:1", "load-after-commit:0"])
def test_f5_loader_killed_at_each_point_then_rerun_equals_a_clean_load(clean: Any, tmp_path: Path,
                                                                     failpoint: str) -> None:
    _work, _server, clean_db = clean
    shutil.copytree(clean_db.parent / "landing", tmp_path / "landing")
    shutil.copytree(clean_db.parent / "raw", tmp_path / "raw")
    database = tmp_path / "tracker.duckdb"
    killed = subprocess.run([sys.executable, "-m", "pipeline.cli", "load", "--db", str(database)],
                            env={**os.environ, "TRACKER_FAILPOINT": failpoint}, capture_output=True, timeout=120,
                            check=False)
    assert killed.returncode == -signal.SIGKILL
    result = tracker("load", "--db", str(database))
    assert result.returncode == 0, result.stderr
    assert documents(database) == documents(clean_db)
    for sql in ("select doc_id, first_seen_at, last_seen_at from documents order by 1",
                "select count(*) from listings", "select source_id, entry_ok, articles from source_polls",
                "select source_id, url, outcome from item_outcomes order by 1, 2", "select count(*) from loaded_files"):
        assert table(database, sql) == table(clean_db, sql), sql


def test_f6_two_loaders_at_once_and_twice_change_nothing(clean: Any, tmp_path: Path) -> None:
    _work, _server, clean_db = clean
    shutil.copytree(clean_db.parent / "landing", tmp_path / "landing")
    database = tmp_path / "tracker.duckdb"
    command = [sys.executable, "-m", "pipeline.cli", "load", "--db", str(database)]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    for status, err in results:
        assert status == 0 or (status == 2 and "locked" in err and len(err.strip().splitlines()) == 1), err
        assert "Traceback" not in err
    again = tracker("load", "--db", str(database))
    assert "loaded 0 landing file(s)" in again.stdout
    assert documents(database) == documents(clean_db)


def test_f8_disk_full_during_load_rolls_back_and_the_next_load_succeeds(clean: Any, tmp_path: Path) -> None:
    _work, _server, clean_db = clean
    shutil.copytree(clean_db.parent / "landing", tmp_path / "landing")
    database = tmp_path / "tracker.duckdb"
    full = subprocess.run([sys.executable, "-m", "pipeline.cli", "load", "--db", str(database)],
                          env={**os.environ, "TRACKER_FAILPOINT": "load-disk-full:0"}, capture_output=True,
                          text=True, timeout=120, check=False)
    assert "No space left on device" in full.stderr and "will be retried" in full.stderr
    assert "Traceback" not in full.stderr
    result = tracker("load", "--db", str(database))
    assert result.returncode == 0 and "loaded 1 landing file(s)" in result.stdout, result.stdout
    assert documents(database) == documents(clean_db)
