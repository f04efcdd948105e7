"""Distributed crawling through a real Redis server on 127.0.0.1: workers share the demo world's sources, a killed
worker's lost requests are re-polled by the sweeper, the duplicate filter never drops entry pages, and Parquet landing
files load exactly like JSONL ones.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
import redis
from scrapy import Request

import db
from crawlers.cluster.claims import ClusterDupeFilter
from crawlers.cluster.jobs import Mark, apply_marks, enqueue_cycle
from crawlers.cluster.keys import DUPEFILTER, REQUESTS, article_key, connect, worker_key
from crawlers.cluster.progress import cycle_status
from crawlers.feeds import FeedEntry
from crawlers.landing import LandingWriter, ParquetLandingWriter, landing_files, read_landing_records
from demo.sources import write_sources_toml
from pipeline.core.records import ArticleRecord, ListingRecord, ParsedTime
from pipeline.core.sources import Source, load_sources
from tests.conftest import FAST_CRAWL, tracker

pytestmark = pytest.mark.timeout(240)
ROOT = Path(__file__).resolve().parents[1]
DOCUMENT_COLUMNS = ("doc_id, source_id, url, title, body, published_at, published_precision, published_raw, "
                    "declared_source, written_at")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RedisServer:
    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, decode_responses=True)


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A real redis-server on a free loopback port, AOF on, in a temporary folder; stopped after the module."""
    executable = shutil.which("redis-server") or "/usr/bin/redis-server"
    folder = tmp_path_factory.mktemp("redis")
    port = free_port()
    process = subprocess.Popen(
        [executable, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder), "--appendonly", "yes",
         "--save", ""],
        stdout=(folder / "redis.log").open("wb"), stderr=subprocess.STDOUT,
    )
    server = RedisServer(port, process)
    deadline = time.monotonic() + 15
    while True:
        try:
            server.client().ping()
            break
        except redis.ConnectionError:
            assert process.poll() is None and time.monotonic() < deadline, (folder / "redis.log").read_text()
            time.sleep(0.1)
    try:
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def fresh_redis(redis_server: RedisServer) -> RedisServer:
    redis_server.client().flushdb()
    return redis_server


@pytest.fixture(scope="module")
def world(demo_site: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    sources = tmp_path_factory.mktemp("cluster-world") / "sources.toml"
    write_sources_toml(demo_site, sources)
    return sources


@pytest.fixture(scope="module")
def single(world: Path, tmp_path_factory: pytest.TempPathFactory) -> list[tuple]:
    """The documents of a single-process crawl of the same demo world."""
    database = tmp_path_factory.mktemp("single") / "data" / "tracker.duckdb"
    result = tracker("crawl", "--sources", str(world), "--db", str(database), *FAST_CRAWL, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return documents(database)


def documents(database: Path) -> list[tuple]:
    with db.reader(database) as con:
        return con.execute(f"select {DOCUMENT_COLUMNS} from documents order by doc_id").fetchall()  # noqa: S608


def worker(sources: Path, work: Path, url: str, worker_id: str, *settings: str, idle_exit: float = 3.0,
           ) -> subprocess.Popen[bytes]:
    log = (work / f"{worker_id}.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "worker", "--sources", str(sources), "--landing", str(work / "landing"),
         "--raw", str(work / "raw"), "--redis", url, "--worker-id", worker_id, "--idle-exit", str(idle_exit),
         *FAST_CRAWL, "-s", "TRACKER_LANDING_FLUSH_SECONDS=0.5", "-s", "TRACKER_PROGRESS_SECONDS=0", *settings],
        stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
    )


def finish(process: subprocess.Popen[bytes], work: Path, worker_id: str, timeout: float = 90) -> str:
    try:
        process.wait(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    output = (work / f"{worker_id}.log").read_text(encoding="utf-8", errors="replace")
    assert process.returncode == 0, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    return output


def load(work: Path) -> Path:
    database = work / "db" / "tracker.duckdb"
    result = tracker("load", "--db", str(database), "--landing", str(work / "landing"), timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return database


def landed_article_urls(landing: Path) -> Counter[str]:
    return Counter(r["url"] for path in landing_files(landing) for r in read_landing_records(path)
                   if r.get("record_type") == "article")


def test_two_workers_share_the_demo_world_and_load_the_same_documents_as_one_process(
    fresh_redis: RedisServer, world: Path, single: list[tuple], tmp_path: Path
) -> None:
    enqueue = tracker("enqueue", "--sources", str(world), "--redis", fresh_redis.url, "--cycle", "two")
    assert enqueue.returncode == 0 and "enqueued 7 poll job(s)" in enqueue.stdout, enqueue.stderr
    # Spread the work: few polls at a time, a short backlog, and a small delay so that neither worker does it all.
    spread = ("-s", "TRACKER_POLL_BATCH=1", "-s", "TRACKER_POLL_BACKLOG=1", "-s", "DOWNLOAD_DELAY=0.03",
              "-s", "TRACKER_LANDING_CHUNK=5")
    workers = {name: worker(world, tmp_path, fresh_redis.url, name, *spread) for name in ("w1", "w2")}
    for name, process in workers.items():
        finish(process, tmp_path, name)

    status = cycle_status(connect(fresh_redis.url), "two")
    assert status.complete and status.sources_total == 7 and status.articles_pending == 0, status
    sweep = tracker("sweep", "--sources", str(world), "--redis", fresh_redis.url, "--cycle", "two", "--grace", "60")
    assert sweep.returncode == 0 and "polled 7/7 source(s)" in sweep.stdout and "re-queued 0" in sweep.stdout

    files = landing_files(tmp_path / "landing")
    assert files and all(p.suffix == ".parquet" for p in files)
    assert {p.name.split("-")[1] for p in files} == {"w1", "w2"}, "both workers landed records"
    database = load(tmp_path)
    assert documents(database) == single
    with db.reader(database) as con:
        polls = con.execute("select source_id, entry_ok, entry_failed from source_polls").fetchall()
        registered = {row[0] for row in con.execute("select source_id from sources").fetchall()}
    every = {s.source_id for s in load_sources(world)}
    assert sorted(polls) == sorted((source_id, 1, 0) for source_id in every), "one clean poll record a source"
    assert registered == every
    twice = [url for url, n in landed_article_urls(tmp_path / "landing").items() if n > 1]
    assert not twice, [(p.parent.name, p.name, r.get("via"), r.get("found_on"), r["first_seen_at"])
                       for p in landing_files(tmp_path / "landing") for r in read_landing_records(p)
                       if r.get("url") in twice]

    # The next cycle (here through `tracker crawl` with a Redis URL) polls every list page and feed again, and
    # fetches no article that already landed.
    again = tmp_path / "again" / "tracker.duckdb"
    crawl = tracker("crawl", "--sources", str(world), "--db", str(again), *FAST_CRAWL, "-s",
                    f"TRACKER_REDIS_URL={fresh_redis.url}", "-s", "TRACKER_IDLE_EXIT=1", timeout=120)
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    records = [r for path in landing_files(again.parent / "landing") for r in read_landing_records(path)]
    assert {r["source_id"] for r in records if r["record_type"] == "listing"} == every
    assert not [r for r in records if r["record_type"] == "article"]


def test_a_killed_worker_is_repaired_by_the_sweeper_without_loss_or_duplicates(
    fresh_redis: RedisServer, world: Path, single: list[tuple], tmp_path: Path
) -> None:
    client = connect(fresh_redis.url)
    assert len(enqueue_cycle(client, load_sources(world), "kill")) == 7
    slow = ("-s", "DOWNLOAD_DELAY=0.15", "-s", "TRACKER_CLAIM_SECONDS=4", "-s", "TRACKER_LANDING_CHUNK=3",
            "-s", "TRACKER_POLL_BATCH=2")
    victim = worker(world, tmp_path, fresh_redis.url, "victim", *slow, idle_exit=30)
    deadline = time.monotonic() + 60
    while cycle_status(client, "kill").articles_landed < 6:
        assert victim.poll() is None and time.monotonic() < deadline, "the worker made no progress"
        time.sleep(0.1)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    before = cycle_status(client, "kill")
    assert not before.complete, before

    rescuer = worker(world, tmp_path, fresh_redis.url, "rescuer", "-s", "TRACKER_CLAIM_SECONDS=4", idle_exit=6)
    sweep = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "sweep", "--sources", str(world), "--redis", fresh_redis.url,
         "--cycle", "kill", "--grace", "2", "--until-complete", "--timeout", "60"],
        capture_output=True, text=True, timeout=90, cwd=ROOT, check=False,
    )
    finish(rescuer, tmp_path, "rescuer")
    assert sweep.returncode == 0, sweep.stdout + sweep.stderr
    assert "polled 7/7 source(s)" in sweep.stdout and "0 pending" in sweep.stdout, sweep.stdout
    requeued = int(sweep.stdout.split("re-queued ")[1].split(" ")[0])
    assert requeued >= 1, sweep.stdout

    database = load(tmp_path)
    got = documents(database)
    assert got == single, f"lost {len(set(single) - set(got))}, unexpected {len(set(got) - set(single))}"
    with db.reader(database) as con:
        duplicated = con.execute("select url from documents group by url having count(*) > 1").fetchall()
        polled = {row[0] for row in con.execute("select source_id from source_polls where entry_ok > 0").fetchall()}
    assert not duplicated
    assert polled == {s.source_id for s in load_sources(world)}


def entry(url: str, **meta: Any) -> Request:
    return Request(url, meta={"source_id": "s", **meta}, dont_filter=False)


def test_the_dupefilter_never_filters_entry_pages_and_refetches_an_article_whose_claim_expired(
    fresh_redis: RedisServer,
) -> None:
    server = redis.Redis.from_url(fresh_redis.url)
    dupes = ClusterDupeFilter(server, DUPEFILTER, claim_seconds=1, worker_id="w1")
    pages = [entry("http://gov.example/list/index.html", entry=True, page=1),
             entry("http://gov.example/list/index_1.html", page=2, poll_page="http://gov.example/list/index_1.html"),
             entry("http://gov.example/feed.xml", entry=True)]
    for _ in range(3):
        assert not any(dupes.request_seen(page) for page in pages)

    article = Request("http://gov.example/art/t20260511_1.html", meta={"source_id": "s"})
    same = Request("http://GOV.example/art/t20260511_1.html#top", meta={"source_id": "s"})
    assert not dupes.request_seen(article), "first sight: claimed"
    assert dupes.request_seen(same), "claimed by a live worker: filtered"
    time.sleep(1.3)  # the claim's TTL ran out without the article landing (its worker died)
    assert not dupes.request_seen(article), "claim expired without landing: fetched again"
    apply_marks(fresh_redis.client(), [Mark("landed", None, "s", (article.url,))])
    time.sleep(1.3)
    assert dupes.request_seen(article), "landed: filtered even after the claim expired"
    dupes.clear()  # one worker closing never clears the shared state
    assert dupes.request_seen(article)

    other = Request("http://gov.example/art/t20260511_2.html", meta={"source_id": "s"})
    assert not dupes.request_seen(other)
    apply_marks(fresh_redis.client(), [Mark("failed", "c", "s", (other.url,))])
    assert not dupes.request_seen(other), "a failed article is tried again by the next poll (scrapy-redis #177)"


def test_a_re_poll_takes_over_a_live_workers_claim_once(fresh_redis: RedisServer) -> None:
    """A request popped by a worker killed before it renewed the claim keeps its enqueuer's claim, and that worker is
    alive: only the re-poll the sweeper queued can fetch it again, and each worker fetches it once for re-polls."""
    server = redis.Redis.from_url(fresh_redis.url)
    enqueuer = ClusterDupeFilter(server, DUPEFILTER, worker_id="w1")
    other = ClusterDupeFilter(server, DUPEFILTER, worker_id="w2")
    for worker_id in ("w1", "w2"):
        server.set(worker_key(worker_id), "alive", ex=60)
    url = "http://gov.example/art/t20260511_9.html"
    first = Request(url, meta={"source_id": "s", "cycle": "c", "attempt": 1})
    assert not enqueuer.request_seen(first), "first sight: claimed by w1"
    assert other.request_seen(first) and enqueuer.request_seen(first), "claimed by a live worker: filtered"
    repoll = Request(url, meta={"source_id": "s", "cycle": "c", "attempt": 2})
    assert not enqueuer.request_seen(repoll), "a re-poll fetches it even though its own claim stands"
    assert enqueuer.request_seen(repoll), "but only once per worker"
    assert not other.request_seen(Request(url, meta={"source_id": "s", "cycle": "c", "attempt": 3}))
    assert server.get(f"tracker:claim:{article_key(url)}") == b"w2"
    apply_marks(fresh_redis.client(), [Mark("landed", "c", "s", (url,))])
    assert ClusterDupeFilter(server, DUPEFILTER, worker_id="w3").request_seen(repoll), "landed: never again"


def test_requests_with_python_objects_in_meta_survive_the_redis_queue(fresh_redis: RedisServer, tmp_path: Path) -> None:
    from scrapy_redis.queue import PriorityQueue

    from crawlers.cluster.spider import ClusterSpider

    source = Source("s", "名", "official", "website", list_urls=("http://gov.example/list/index.html",))
    spider = ClusterSpider([source], str(tmp_path), redis_url=fresh_redis.url, worker_id="w1")
    at = ParsedTime(datetime(2026, 5, 11, 2, 0, tzinfo=UTC), "minute", "2026-05-11 10:00")
    feed_entry = FeedEntry("http://gov.example/a.html", "标题", "摘要", "", at, "g1")
    request = spider._request("http://gov.example/a.html", spider.parse_article, source, via="feed",
                              listed_time=at, feed_entry=feed_entry, cycle="c")
    queue = PriorityQueue(redis.Redis.from_url(fresh_redis.url), spider, REQUESTS)
    queue.push(request)
    back = queue.pop()
    assert back is not None and back.url == request.url and back.callback == spider.parse_article
    assert back.meta["listed_time"] == at and back.meta["feed_entry"] == feed_entry
    assert back.meta["listed_url"] == "http://gov.example/a.html" and back.meta["cycle"] == "c"


@pytest.mark.parametrize("command", ["worker", "enqueue", "sweep"])
def test_redis_down_is_one_line_naming_the_url(command: str, world: Path, tmp_path: Path) -> None:
    url = f"redis://:secret@127.0.0.1:{free_port()}/0"  # nothing listens there
    extra = {"worker": ["--landing", str(tmp_path / "l"), "--raw", str(tmp_path / "r")],
             "enqueue": [], "sweep": ["--cycle", "c1"]}[command]
    result = tracker(command, "--sources", str(world), "--redis", url, *extra, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"redis at redis://:***@127.0.0.1:{url.split(':')[3]}" in lines[0] and "secret" not in lines[0], lines[0]


def sample_records() -> list[Any]:
    seen = "2026-05-11T02:00:00+00:00"
    return [
        {"record_type": "source", "source_id": "lj-gov", "name": "连云港市人民政府", "kind": "official",
         "channel": "website", "region": "江苏省连云港市", "level": "city", "list_urls": ["http://gov.example/l/"],
         "feeds": [], "timezone": "Asia/Shanghai"},
        ListingRecord("lj-gov", "http://gov.example/l/", seen, ("http://gov.example/a/t20260511_1.html",)),
        ArticleRecord("lj-gov", "http://gov.example/a/t20260511_1.html", "市政府新闻发布会", "正文" * 50,
                      "2026-05-11T10:00:00+08:00", "minute", "2026-05-11 10:00", None, "连云港日报", seen, None,
                      "list", "http://gov.example/l/", "utf-8", {"published": "meta"}),
        ArticleRecord("lj-gov", "http://gov.example/a/t20260511_2.html", "第二篇", "正文二" * 50, None, None, None,
                      None, None, seen, None, "list", None),
    ]


def test_parquet_landing_keeps_the_contract_and_loads_like_jsonl(tmp_path: Path) -> None:
    jsonl, parquet = tmp_path / "jsonl", tmp_path / "parquet"
    plain = LandingWriter(jsonl, "20260511T020000000000Z", "lj-gov")
    columnar = ParquetLandingWriter(parquet, "20260511T020000000000Z", "lj-gov", chunk_size=3, worker_id="w1")
    for record in sample_records():
        plain.write(record)
        columnar.write(record)
    plain.flush()
    assert columnar.flush() is not None
    files = landing_files(parquet)
    day = time.strftime("%Y-%m-%d", time.gmtime())
    assert [p.relative_to(parquet).as_posix() for p in files] == [
        f"day={day}/source=lj-gov/20260511T020000000000Z-w1-0000.parquet",
        f"day={day}/source=lj-gov/20260511T020000000000Z-w1-0001.parquet",
    ]
    assert not [p for p in parquet.rglob("*") if p.name.startswith(".")], "no .tmp file is left behind"
    table = pq.read_table(files[0])
    assert table.schema.names == ["record_type", "source_id", "url", "at", "record"]
    assert all(str(t) == "string" for t in table.schema.types)
    rows = table.to_pylist()
    assert [r["record_type"] for r in rows] == ["source", "listing", "article"]
    assert rows[0]["url"] is None and rows[1]["url"] == "http://gov.example/l/"
    assert rows[2]["at"] == "2026-05-11T02:00:00+00:00"
    lines = (landing_files(jsonl)[0]).read_text(encoding="utf-8").splitlines()
    records = [r for path in files for r in read_landing_records(path)]
    assert [row["record"] for path in files for row in pq.read_table(path).to_pylist()] == lines
    assert records == read_landing_records(landing_files(jsonl)[0])

    answers = {}
    for name, folder in (("jsonl", jsonl), ("parquet", parquet)):
        database = tmp_path / f"{name}.duckdb"
        result = tracker("load", "--db", str(database), "--landing", str(folder))
        assert result.returncode == 0, result.stderr
        with db.reader(database) as con:
            answers[name] = (
                con.execute(f"select {DOCUMENT_COLUMNS} from documents order by doc_id").fetchall()  # noqa: S608
                + con.execute("select source_id, page_url, article_urls from listings").fetchall()
                + con.execute("select source_id, name, kind, region from sources").fetchall()
            )
    assert answers["parquet"] == answers["jsonl"] and len(answers["jsonl"]) == 4


def test_without_redis_the_settings_are_those_of_one_process() -> None:
    from crawlers import settings

    assert settings.TRACKER_REDIS_URL == "" and settings.TRACKER_LANDING_FORMAT == "jsonl"
    assert "SCHEDULER" not in vars(settings) and "DUPEFILTER_CLASS" not in vars(settings)
