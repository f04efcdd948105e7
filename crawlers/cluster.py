"""Distributed crawling on scrapy-redis: any number of workers share one frontier in Redis.

Used only when a Redis URL is configured (`TRACKER_REDIS_URL`, `tracker worker --redis URL`); without one the
crawler runs in one process exactly as before.

Why scrapy-redis and not Scrapyd nodes with sources partitioned by hash: a poll cycle must finish even when a worker
dies, and sources must not wait for one particular machine. With scrapy-redis the frontier (poll jobs and article
requests) lives in Redis, not in a worker, so it survives a worker's death, and any worker takes any source: adding or
losing a worker needs no re-partitioning. Scrapyd would give each node a fixed share that stalls when the node does.

scrapy-redis's known gaps, and what closes them here:
- fingerprints are added before download, so a failed or lost URL is never fetched again (rmax/scrapy-redis#177),
  and they never expire (#84, #144): `ClusterDupeFilter` counts an article as seen only when its record has LANDED
  (written to a landing file) or while a worker CLAIMS it (a key with a TTL, so a dead worker's claim runs out);
- list pages and feeds (and their pagination) are never filtered, so every poll fetches them again;
- popped requests have no acknowledgement: a killed worker's in-flight requests are lost. Each poll's progress is
  recorded in Redis, and `sweep` re-queues every source whose poll is overdue;
- requests are pickled into Redis: request meta holds only picklable values (the source id, not the `Source`;
  `ParsedTime` and `FeedEntry` dataclasses; strings);
- articles are also de-duplicated in the database by (source, URL), so a URL fetched twice is still one document.

Redis keys (Redis >= 6.2):
    tracker:polls                          LIST    poll jobs, JSON {"attempt", "cycle", "source_id"}; LPUSH, RPOP
    tracker:requests                       ZSET    the scrapy-redis scheduler queue (pickled requests)
    tracker:landed                         ZSET    article key -> when its record landed (kept TRACKER_LANDED_DAYS)
    tracker:claim:<key>                    STRING  the claiming worker's id; SET NX EX TRACKER_CLAIM_SECONDS
    tracker:worker:<id>                    STRING  a live worker's heartbeat (expires HEARTBEAT_SECONDS after it dies)
    tracker:cycle:<cycle>:sources          SET     the cycle's source ids
    tracker:cycle:<cycle>:src:<source>     HASH    job, attempts, expected, enqueued_at, taken_at, taken_by, progress_at,
                                                   and the current attempt's poll_attempt, polled_at, answered,
                                                   entry_ok, entry_failed, blocked, error (its poll record)
    tracker:cycle:<cycle>:pages:<source>   HASH    list page / feed URL -> queued | parsed | failed
    tracker:cycle:<cycle>:listed:<source>  SET     article URLs the source's pages listed
    tracker:cycle:<cycle>:failed           SET     article keys that failed or were filtered in this cycle
An article key is the SHA-1 of its canonical URL. Times are Redis server time (seconds), so machines' clocks agree.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import socket
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task
from twisted.python.failure import Failure

from crawlers.landing import OutcomeRecord, PollRecord, QuarantineRecord
from crawlers.links import canonical_url
from crawlers.pipelines import LandingPipeline, Writer
from crawlers.spiders.sources import BLOCKED_MARKERS, SourcesSpider, SourceTally
from pipeline.core.records import ArticleRecord, FetchErrorRecord, ListingRecord
from pipeline.core.sources import Source

logger = logging.getLogger(__name__)

PREFIX = "tracker"
POLLS = f"{PREFIX}:polls"
REQUESTS = f"{PREFIX}:requests"
LANDED = f"{PREFIX}:landed"
DUPEFILTER = f"{PREFIX}:dupefilter"  # scrapy-redis's own fingerprint set: never written by ClusterDupeFilter
CYCLE_TTL_SECONDS = 6 * 3600  # a cycle is swept within its 30 minutes; at 150,000 sources each holds ~300 MB
REDIS_SCHEMES = ("redis", "rediss", "unix")
CYCLE_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
WORKER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.]{0,63}$")
DONE_PAGE_STATES = ("parsed", "failed")
HEARTBEAT_SECONDS = 15  # a worker not heard from for this long is dead: its claims on articles are void


class ClusterError(ValueError):
    """A problem with the cluster's Redis or its arguments; the message is one line."""


# --- connection and keys -------------------------------------------------------------------------------------------


def display_url(url: str) -> str:
    """The Redis URL with its password hidden."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def check_redis_url(url: str) -> str:
    if not isinstance(url, str) or urlsplit(url).scheme not in REDIS_SCHEMES:
        raise ClusterError(f"redis URL {url!r}: expected redis://HOST:PORT[/DB], rediss://... or unix://PATH")
    return url


def connect(url: str) -> redis.Redis:
    """A client (text replies) for the bookkeeping keys; ClusterError naming the URL when Redis does not answer."""
    check_redis_url(url)
    try:
        client = redis.Redis.from_url(url, decode_responses=True, socket_connect_timeout=5, socket_timeout=30)
        client.ping()
    except (redis.RedisError, ValueError, OSError) as exc:
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise ClusterError(f"redis at {display_url(url)}: cannot connect ({reason})") from None
    return client


@contextmanager
def redis_errors(url: str) -> Iterator[None]:
    """Turn a Redis failure in the middle of a command into one line naming the URL."""
    try:
        yield
    except redis.RedisError as exc:
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise ClusterError(f"redis at {display_url(url)}: {reason}") from None


def redis_now(client: Any) -> float:
    seconds, micros = client.time()
    return float(seconds) + float(micros) / 1e6


def article_key(url: str) -> str:
    return hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()  # a key, not a signature


def claim_key(key: str) -> str:
    return f"{PREFIX}:claim:{key}"


def worker_key(worker_id: str) -> str:
    """Present while the worker is alive: it renews the key every tick, and it expires soon after a kill."""
    return f"{PREFIX}:worker:{worker_id}"


def _cycle(cycle_id: str) -> str:
    return f"{PREFIX}:cycle:{cycle_id}"


def sources_key(cycle_id: str) -> str:
    return f"{_cycle(cycle_id)}:sources"


def source_key(cycle_id: str, source_id: str) -> str:
    return f"{_cycle(cycle_id)}:src:{source_id}"


def pages_key(cycle_id: str, source_id: str) -> str:
    return f"{_cycle(cycle_id)}:pages:{source_id}"


def listed_key(cycle_id: str, source_id: str) -> str:
    return f"{_cycle(cycle_id)}:listed:{source_id}"


def failed_key(cycle_id: str) -> str:
    return f"{_cycle(cycle_id)}:failed"


def new_cycle_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def check_cycle_id(cycle_id: str) -> str:
    if not CYCLE_ID.match(cycle_id or ""):
        raise ClusterError(f"cycle id {cycle_id!r}: use 1-64 letters, digits, '_', '.', ':' or '-'")
    return cycle_id


def default_worker_id() -> str:
    host = re.sub(r"[^A-Za-z0-9]+", "_", socket.gethostname()).strip("_")[:40] or "worker"
    return f"{host}_{os.getpid()}"


def check_worker_id(worker_id: str) -> str:
    if not WORKER_ID.match(worker_id or ""):
        raise ClusterError(f"worker id {worker_id!r}: use 1-64 letters, digits, '_' or '.', starting with a letter or digit")
    return worker_id


# --- poll jobs and progress ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PollJob:
    cycle: str
    source_id: str
    attempt: int

    def encode(self) -> str:
        return json.dumps({"attempt": self.attempt, "cycle": self.cycle, "source_id": self.source_id}, sort_keys=True)

    @staticmethod
    def decode(text: str) -> PollJob:
        data = json.loads(text)
        return PollJob(str(data["cycle"]), str(data["source_id"]), int(data.get("attempt", 1)))


@dataclass(frozen=True)
class Mark:
    """Progress a landing file makes durable: an article landed or failed, a list page or feed parsed or failed."""

    kind: str  # landed | failed | page_parsed | page_failed
    cycle: str | None
    source_id: str
    urls: tuple[str, ...]  # article URLs (as listed and as fetched), or the page URL as queued


@dataclass(frozen=True)
class SourceProgress:
    source_id: str
    attempts: int
    expected_pages: int
    enqueued_at: float | None
    taken_at: float | None
    progress_at: float | None
    job: str | None
    pages: int
    pages_done: int
    listed: int
    landed: int
    failed: int

    @property
    def taken(self) -> bool:
        return self.taken_at is not None and (self.enqueued_at is None or self.taken_at >= self.enqueued_at)

    @property
    def pending(self) -> int:
        return self.listed - self.landed - self.failed

    @property
    def complete(self) -> bool:
        return (self.taken_at is not None and self.pages >= self.expected_pages and self.pages_done == self.pages
                and self.pending == 0)


@dataclass(frozen=True)
class CycleStatus:
    cycle_id: str
    sources_total: int
    sources_complete: int
    articles_listed: int
    articles_landed: int
    articles_failed: int
    articles_pending: int
    incomplete: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return self.sources_total > 0 and self.sources_complete == self.sources_total

    def line(self) -> str:
        return (f"cycle {self.cycle_id}: polled {self.sources_complete}/{self.sources_total} source(s) completely; "
                f"{self.articles_landed} article(s) landed, {self.articles_failed} failed, "
                f"{self.articles_pending} pending")


def entry_urls(source: Source) -> list[str]:
    """A source's list pages and feeds, each once."""
    return list(dict.fromkeys([*source.list_urls, *source.feeds]))


def _expire(pipe: Any, *keys: str) -> None:
    for key in keys:
        pipe.expire(key, CYCLE_TTL_SECONDS)


def enqueue_cycle(client: redis.Redis, sources: Iterable[Source], cycle_id: str) -> list[str]:
    """Push one poll job per source of the cycle; sources already in the cycle are left alone. Returns the ids pushed."""
    check_cycle_id(cycle_id)
    now = redis_now(client)
    pushed: list[str] = []
    for source in sources:
        if not client.sadd(sources_key(cycle_id), source.source_id):
            continue
        job = PollJob(cycle_id, source.source_id, 1).encode()
        pipe = client.pipeline(transaction=True)
        pipe.hset(source_key(cycle_id, source.source_id), mapping={
            "job": job, "attempts": 1, "expected": len(entry_urls(source)), "enqueued_at": now})
        pipe.lpush(POLLS, job)
        _expire(pipe, sources_key(cycle_id), source_key(cycle_id, source.source_id))
        pipe.execute()
        pushed.append(source.source_id)
    return pushed


def take_poll_jobs(client: redis.Redis, count: int, worker_id: str) -> list[PollJob]:
    """Pop up to `count` poll jobs and record who took them and when."""
    if count <= 0:
        return []
    raw = client.rpop(POLLS, count) or []
    now = redis_now(client)
    jobs: list[PollJob] = []
    for text in raw:
        try:
            job = PollJob.decode(text)
        except (ValueError, KeyError, TypeError):
            logger.error("worker %s: dropped a malformed poll job %r", worker_id, text[:200])
            continue
        client.hset(source_key(job.cycle, job.source_id), mapping={"taken_at": now, "taken_by": worker_id})
        jobs.append(job)
    return jobs


def start_poll(client: redis.Redis, job: PollJob, entry_urls: Iterable[str]) -> None:
    """A worker begins a source's poll: its entry pages are queued (progress of an earlier attempt is reset)."""
    urls = list(entry_urls)
    now = redis_now(client)
    cycle_id, source_id = job.cycle, job.source_id
    pipe = client.pipeline(transaction=True)
    pipe.delete(pages_key(cycle_id, source_id))
    if urls:
        pipe.hset(pages_key(cycle_id, source_id), mapping=dict.fromkeys(urls, "queued"))
    pipe.hdel(source_key(cycle_id, source_id), "error")
    pipe.hset(source_key(cycle_id, source_id), mapping={
        "progress_at": now, "poll_attempt": job.attempt, "polled_at": datetime.fromtimestamp(now, UTC).isoformat(),
        "answered": 0, "entry_ok": 0, "entry_failed": 0, "blocked": 0, "expected": len(urls)})
    _expire(pipe, pages_key(cycle_id, source_id), source_key(cycle_id, source_id))
    pipe.execute()


def note_entry_answer(client: redis.Redis, cycle_id: str, source_id: str, attempt: int,
                      error: str | None) -> PollRecord | None:
    """Count one entry page's answer (an error message when it failed). The answer that completes the poll's entry
    pages, whichever worker gives it, returns the poll's record for source health (`articles` = URLs it listed).
    """
    key = source_key(cycle_id, source_id)
    if client.hget(key, "poll_attempt") != str(attempt):
        return None  # a late answer of an earlier attempt
    pipe = client.pipeline(transaction=True)
    pipe.hincrby(key, "answered", 1)
    pipe.hincrby(key, "entry_ok" if error is None else "entry_failed", 1)
    if error is not None:
        pipe.hincrby(key, "blocked", int(any(marker in error for marker in BLOCKED_MARKERS)))
        pipe.hsetnx(key, "error", error[:500])
    answered = pipe.execute()[0]
    state = client.hgetall(key)
    if answered != int(state.get("expected") or 0):
        return None
    return PollRecord(
        source_id=source_id, run_id=f"{cycle_id}:{attempt}", polled_at=state["polled_at"],
        entry_ok=int(state["entry_ok"]), entry_failed=int(state["entry_failed"]), blocked=int(state["blocked"]),
        fetch_failed=int(state["entry_failed"]), articles=int(client.scard(listed_key(cycle_id, source_id))),
        quarantined=0, error=state.get("error"),
    )


def note_page_queued(client: redis.Redis, cycle_id: str, source_id: str, url: str) -> bool:
    """A further list page (pagination) belongs to the poll; False when this poll already has it."""
    pipe = client.pipeline(transaction=False)
    pipe.hsetnx(pages_key(cycle_id, source_id), url, "queued")
    _expire(pipe, pages_key(cycle_id, source_id))
    added, _ = pipe.execute()
    return bool(added)


def note_listed(client: redis.Redis, cycle_id: str, source_id: str, urls: Iterable[str]) -> None:
    """The article URLs a list page or feed showed: the poll is complete when each has landed or failed."""
    urls = [canonical_url(url) for url in urls]
    if not urls:
        return
    pipe = client.pipeline(transaction=False)
    pipe.sadd(listed_key(cycle_id, source_id), *urls)
    _expire(pipe, listed_key(cycle_id, source_id))
    pipe.execute()


def apply_marks(client: Any, marks: Iterable[Mark]) -> None:
    """Record progress once the records behind it are in a landing file."""
    marks = list(marks)
    if not marks:
        return
    now = redis_now(client)
    pipe = client.pipeline(transaction=False)
    for mark in marks:
        if mark.kind == "landed":
            pipe.zadd(LANDED, {article_key(url): now for url in mark.urls})
        elif mark.kind == "failed":
            keys = [article_key(url) for url in mark.urls]
            pipe.delete(*(claim_key(key) for key in keys))  # the next poll may try again (scrapy-redis #177)
            if mark.cycle:
                pipe.sadd(failed_key(mark.cycle), *keys)
                _expire(pipe, failed_key(mark.cycle))
        elif mark.kind in ("page_parsed", "page_failed") and mark.cycle:
            state = "parsed" if mark.kind == "page_parsed" else "failed"
            pipe.hset(pages_key(mark.cycle, mark.source_id), mapping=dict.fromkeys(mark.urls, state))
        if mark.cycle:
            pipe.hset(source_key(mark.cycle, mark.source_id), "progress_at", now)
            _expire(pipe, source_key(mark.cycle, mark.source_id), pages_key(mark.cycle, mark.source_id))
    pipe.execute()


def _float(value: Any) -> float | None:
    return float(value) if value not in (None, "") else None


def source_progress(client: redis.Redis, cycle_id: str, source_id: str) -> SourceProgress:
    state = client.hgetall(source_key(cycle_id, source_id))
    pages = client.hgetall(pages_key(cycle_id, source_id))
    listed = sorted(client.smembers(listed_key(cycle_id, source_id)))
    keys = [article_key(url) for url in listed]
    landed = [score is not None for score in client.zmscore(LANDED, keys)] if keys else []
    failed = client.smismember(failed_key(cycle_id), keys) if keys else []
    return SourceProgress(
        source_id=source_id,
        attempts=int(state.get("attempts") or 0),
        expected_pages=int(state.get("expected") or 0),
        enqueued_at=_float(state.get("enqueued_at")),
        taken_at=_float(state.get("taken_at")),
        progress_at=_float(state.get("progress_at")),
        job=state.get("job"),
        pages=len(pages),
        pages_done=sum(1 for value in pages.values() if value in DONE_PAGE_STATES),
        listed=len(listed),
        landed=sum(landed),
        failed=sum(1 for is_landed, is_failed in zip(landed, failed, strict=True) if is_failed and not is_landed),
    )


def cycle_status(client: redis.Redis, cycle_id: str) -> CycleStatus:
    """How far a cycle is: sources whose poll is complete, and its listed articles landed, failed and pending."""
    progress = [source_progress(client, cycle_id, sid) for sid in sorted(client.smembers(sources_key(cycle_id)))]
    return CycleStatus(
        cycle_id=cycle_id,
        sources_total=len(progress),
        sources_complete=sum(p.complete for p in progress),
        articles_listed=sum(p.listed for p in progress),
        articles_landed=sum(p.landed for p in progress),
        articles_failed=sum(p.failed for p in progress),
        articles_pending=sum(p.pending for p in progress),
        incomplete=tuple(p.source_id for p in progress if not p.complete),
    )


def _overdue(client: redis.Redis, progress: SourceProgress, now: float, grace_seconds: float) -> bool:
    if progress.complete:
        return False
    if not progress.taken:  # waiting in the poll list, unless its job was popped by a worker that died at once
        waited = now - (progress.enqueued_at or now)
        return waited > grace_seconds and (progress.job is None or client.lpos(POLLS, progress.job) is None)
    last = max(progress.taken_at or 0.0, progress.progress_at or 0.0)
    return now - last > grace_seconds


def sweep(client: redis.Redis, sources: Iterable[Source], cycle_id: str, grace_seconds: float,
          max_attempts: int = 5, landed_days: float = 90.0) -> list[str]:
    """Re-queue every source of the cycle whose poll is overdue; returns their ids.

    Overdue: taken by a worker, not complete, and nothing landed, failed or was parsed for it within `grace_seconds`
    (its entry page was not parsed, or articles it listed neither landed nor failed) — a killed worker's in-flight
    requests are lost, and this is what repairs them. A source is re-queued at most `max_attempts` times a cycle.
    Landed marks older than `landed_days` are dropped.
    """
    check_cycle_id(cycle_id)
    now = redis_now(client)
    client.zremrangebyscore(LANDED, 0, now - landed_days * 86400)
    members = client.smembers(sources_key(cycle_id))
    requeued: list[str] = []
    for source in sources:
        if source.source_id not in members:
            continue
        progress = source_progress(client, cycle_id, source.source_id)
        if progress.attempts >= max_attempts or not _overdue(client, progress, now, grace_seconds):
            continue
        job = PollJob(cycle_id, source.source_id, progress.attempts + 1).encode()
        pipe = client.pipeline(transaction=True)
        pipe.hset(source_key(cycle_id, source.source_id), mapping={
            "job": job, "attempts": progress.attempts + 1, "enqueued_at": now})
        pipe.rpush(POLLS, job)  # the end workers pop from: a re-poll goes first
        pipe.execute()
        requeued.append(source.source_id)
    return requeued


def queues_empty(client: Any) -> bool:
    return not client.llen(POLLS) and not client.zcard(REQUESTS)


# --- Scrapy components ---------------------------------------------------------------------------------------------


def is_entry(request: Request) -> bool:
    """List pages (with their pagination) and feeds: never filtered as duplicates."""
    meta = request.meta
    return bool(meta.get("entry")) or "page" in meta or "poll_page" in meta


class ClusterDupeFilter(RFPDupeFilter):
    """scrapy-redis's duplicate filter, fixed: entry pages always pass; an article is seen only if it has landed or
    is claimed by a live worker (a claim is `SET NX EX`, so a dead worker's claim expires and the URL is tried again).
    """

    def __init__(self, server: Any, key: str, debug: bool = False, claim_seconds: int = 1800,
                 worker_id: str = "w0") -> None:
        super().__init__(server, key, debug)
        self.claim_seconds = claim_seconds
        self.worker_id = worker_id

    @classmethod
    def from_spider(cls, spider: Spider) -> ClusterDupeFilter:
        from scrapy_redis.connection import get_redis_from_settings

        settings = spider.settings
        return cls(get_redis_from_settings(settings), DUPEFILTER, settings.getbool("DUPEFILTER_DEBUG"),
                   claim_seconds=settings.getint("TRACKER_CLAIM_SECONDS", 1800),
                   worker_id=settings.get("TRACKER_WORKER_ID") or "w0")

    def request_seen(self, request: Request) -> bool:
        if is_entry(request):
            return False
        key = article_key(request.url)
        if self.server.zscore(LANDED, key) is not None:
            return True
        if self.server.set(claim_key(key), self.worker_id, nx=True, ex=self.claim_seconds):
            return False
        return not self._take_over_from_dead(key)

    def _take_over_from_dead(self, key: str) -> bool:
        """A claim whose worker has died (no heartbeat) is taken over, so a re-poll fetches what it had in flight."""
        holder = self.server.get(claim_key(key))
        holder = holder.decode() if isinstance(holder, bytes) else holder
        if holder is None or (holder != self.worker_id and not self.server.exists(worker_key(holder))):
            self.server.set(claim_key(key), self.worker_id, ex=self.claim_seconds)
            return True
        return False

    def clear(self) -> None:
        """Shared state is never deleted by one worker: claims expire, landed marks are trimmed by `sweep`."""

    def close(self, reason: str = "") -> None:
        pass


class ClusterScheduler(Scheduler):
    """The scrapy-redis scheduler; popping an article renews its claim for the worker that will fetch it."""

    claim_seconds = 1800
    worker_id = "w0"

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClusterScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.claim_seconds = crawler.settings.getint("TRACKER_CLAIM_SECONDS", 1800)
        scheduler.worker_id = crawler.settings.get("TRACKER_WORKER_ID") or "w0"
        return scheduler

    def next_request(self) -> Request | None:
        request = super().next_request()
        if request is not None and not is_entry(request):
            self.server.set(claim_key(article_key(request.url)), self.worker_id, ex=self.claim_seconds)
        return request


class ClusterSpider(SourcesSpider):
    """The generic spider, fed by poll jobs from Redis; records each poll's progress for the sweeper."""

    name = "cluster"
    tick_seconds = 0.5

    def __init__(self, sources: list[Source], raw_dir: str, max_list_pages: int = 5, redis_url: str = "",
                 worker_id: str = "w0", poll_batch: int = 4, poll_backlog: int = 64, idle_exit: float = 0.0,
                 **kwargs: Any) -> None:
        super().__init__(sources, raw_dir, max_list_pages, **kwargs)
        self.tally: dict[str, SourceTally] = defaultdict(SourceTally)  # only the sources this worker touched
        self.redis = connect(redis_url)
        self.worker_id = worker_id
        self.poll_batch = poll_batch
        self.poll_backlog = poll_backlog
        self.idle_exit = idle_exit
        self.marks: dict[int, tuple[Any, Mark]] = {}  # id(record) -> (record, mark), taken by the landing pipeline
        self.last_busy = time.monotonic()
        self.loop: task.LoopingCall | None = None
        self.redis_failed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ClusterSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_opened, signal=signals.spider_opened)
        crawler.signals.connect(spider.on_closed, signal=signals.spider_closed)
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        return spider

    # poll jobs

    async def start(self) -> Any:
        for request in self._take_polls():
            yield request

    def on_opened(self, spider: Spider) -> None:
        self.loop = task.LoopingCall(self._tick)
        self.loop.start(self.tick_seconds, now=False)

    def on_closed(self, spider: Spider) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        with contextlib.suppress(redis.RedisError):
            self.redis.delete(worker_key(self.worker_id))

    def _tick(self) -> None:
        try:
            self.redis.set(worker_key(self.worker_id), "alive", ex=HEARTBEAT_SECONDS)
            if not queues_empty(self.redis) or self.crawler.engine.downloader.active:
                self.last_busy = time.monotonic()
            for request in self._take_polls():
                self.crawler.engine.crawl(request)
            self.redis_failed = False
        except redis.RedisError as exc:
            if not self.redis_failed:
                logger.error("worker %s: redis: %s", self.worker_id, (str(exc).splitlines() or ["error"])[0])
            self.redis_failed = True

    def _take_polls(self) -> list[Request]:
        if self.redis.zcard(REQUESTS) >= self.poll_backlog:
            return []  # help with the shared backlog before starting new polls
        requests: list[Request] = []
        for job in take_poll_jobs(self.redis, self.poll_batch, self.worker_id):
            source = self.sources.get(job.source_id)
            if source is None:
                logger.error("worker %s: poll job for unknown source %r (not in this worker's sources file)",
                             self.worker_id, job.source_id)
                continue
            urls = entry_urls(source)
            start_poll(self.redis, job, urls)
            context = {"entry": True, "cycle": job.cycle, "attempt": job.attempt}
            for url in urls:
                if url in source.list_urls:
                    requests.append(self._request(url, self.parse_list, source, page=1, **context))
                else:
                    requests.append(self._request(url, self.parse_feed, source, **context))
        if requests:
            self.last_busy = time.monotonic()
        return requests

    def on_idle(self, spider: Spider) -> None:
        """Take more poll jobs; close once both queues have been empty for `idle_exit` seconds (0: never).

        While Redis does not answer the worker waits for it instead of closing (scrapy-redis #108).
        """
        self._tick()
        if self.redis_failed or self.idle_exit <= 0 or time.monotonic() - self.last_busy < self.idle_exit:
            raise DontCloseSpider
        try:
            if queues_empty(self.redis):
                return
        except redis.RedisError:
            pass
        raise DontCloseSpider

    # requests and records

    def _request(self, url: str, callback: Any, source: Source, **meta: Any) -> Request:
        if meta.get("entry") or "page" in meta:
            meta.setdefault("poll_page", url)
        else:
            meta.setdefault("listed_url", canonical_url(url))
        return super()._request(url, callback, source, **meta)

    def _carry(self, response: Response) -> dict[str, Any]:
        return {"cycle": response.meta.get("cycle")}

    def parse_list(self, response: Response) -> Iterator[Any]:
        yield from self._noted(super().parse_list(response), response.meta, response.status)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        yield from self._noted(super().parse_feed(response), response.meta, response.status)

    def parse_article(self, response: Response) -> Iterator[Any]:
        yield from self._noted(super().parse_article(response), response.meta, response.status)

    def on_error(self, failure: Failure) -> Iterator[FetchErrorRecord]:
        meta = failure.request.meta  # type: ignore[attr-defined]
        yield from self._noted(super().on_error(failure), meta, None)

    def _noted(self, outputs: Iterable[Any], meta: dict[str, Any], status: int | None) -> Iterator[Any]:
        cycle, source_id = meta.get("cycle"), meta["source_id"]
        if status == 304 and "poll_page" in meta:  # not modified: nothing to land, the page is done
            apply_marks(self.redis, [Mark("page_parsed", cycle, source_id, (meta["poll_page"],))])
            yield from self._entry_answered(meta, None)
        for out in outputs:
            mark = self._mark_for(out, meta)
            if mark is not None:
                self.marks[id(out)] = (out, mark)
            if cycle and isinstance(out, ListingRecord):
                note_listed(self.redis, cycle, source_id, out.article_urls)
            elif cycle and self._is_pagination(out) and not note_page_queued(self.redis, cycle, source_id,
                                                                             out.meta["poll_page"]):
                continue  # pagination is fetched once a poll (entry pages are never filtered)
            if isinstance(out, ListingRecord | FetchErrorRecord):  # the poll record goes first: the page's mark
                yield from self._entry_answered(meta, out.error if isinstance(out, FetchErrorRecord) else None,
                                                _no_links(out, meta))
            yield out

    def _entry_answered(self, meta: dict[str, Any], error: str | None,
                        problem: str | None = None) -> Iterator[PollRecord]:
        """Count an entry page's answer; whichever worker answers a poll's last entry page lands its poll record.
        ``problem`` fails an entry page that was fetched but gave nothing (a column page with no article link)."""
        if not meta.get("entry") or not meta.get("cycle"):
            return
        message = f"source {meta['source_id']!r}: could not fetch {meta.get('poll_page')}: {error}" if error else problem
        poll = note_entry_answer(self.redis, meta["cycle"], meta["source_id"], int(meta.get("attempt") or 1), message)
        if poll is not None:
            yield poll

    @staticmethod
    def _is_pagination(out: Any) -> bool:
        return isinstance(out, Request) and "poll_page" in out.meta and not out.meta.get("entry")

    def _mark_for(self, out: Any, meta: dict[str, Any]) -> Mark | None:
        cycle, source_id = meta.get("cycle"), meta["source_id"]
        page = meta.get("poll_page")
        article_urls = tuple(dict.fromkeys(u for u in (getattr(out, "url", None), meta.get("listed_url")) if u))
        if isinstance(out, ListingRecord) and page:
            return Mark("page_parsed", cycle, source_id, (page,))
        if isinstance(out, ArticleRecord):
            return Mark("landed", cycle, source_id, article_urls)
        if isinstance(out, FetchErrorRecord) and page:
            return Mark("page_failed", cycle, source_id, (page,))
        if isinstance(out, OutcomeRecord | QuarantineRecord | FetchErrorRecord) and article_urls:
            return Mark("failed", cycle, source_id, article_urls)
        return None

    def take_mark(self, item: Any) -> Mark | None:
        held = self.marks.pop(id(item), None)
        return held[1] if held is not None and held[0] is item else None


class ClusterLandingPipeline(LandingPipeline):
    """The landing pipeline of a worker: marks progress in Redis only after the records behind it are in a landing
    file; flushes every `TRACKER_LANDING_FLUSH_SECONDS` and whenever the worker goes idle, so a killed worker loses
    only a short buffer. Each source's files start with its registry record, so the loader knows the source.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pending: dict[str, list[Mark]] = defaultdict(list)
        self.flush_seconds = 10.0
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClusterLandingPipeline:
        pipeline = super().from_crawler(crawler)
        assert isinstance(pipeline, ClusterLandingPipeline)
        pipeline.flush_seconds = crawler.settings.getfloat("TRACKER_LANDING_FLUSH_SECONDS", 10.0)
        crawler.signals.connect(pipeline.flush_all, signal=signals.spider_idle)
        return pipeline

    def open_spider(self, spider: Spider | None = None) -> None:
        if self.flush_seconds > 0:
            self.loop = task.LoopingCall(self.flush_all)
            self.loop.start(self.flush_seconds, now=False)

    def _spider(self) -> ClusterSpider | None:
        spider = self.crawler.spider if self.crawler else None
        return spider if isinstance(spider, ClusterSpider) else None

    def _writer(self, source_id: str) -> Writer:
        fresh = source_id not in self.writers
        writer = super()._writer(source_id)
        spider = self._spider()
        if fresh and spider is not None and source_id in spider.sources:
            from pipeline.load.importer import source_record

            if writer.write(source_record(spider.sources[source_id])) is not None:
                self.flushed(source_id)
        return writer

    def process_item(self, item: Any) -> Any:
        spider = self._spider()
        mark = spider.take_mark(item) if spider is not None else None
        if mark is not None:
            self.pending[mark.source_id].append(mark)  # before the write: the write may complete a file
        return super().process_item(item)

    def flushed(self, source_id: str) -> None:
        marks, self.pending[source_id] = self.pending[source_id], []
        spider = self._spider()
        if marks and spider is not None:
            try:
                apply_marks(spider.redis, marks)
            except redis.RedisError as exc:  # the records are on disk; the sweeper will poll the source again
                logger.error("worker %s: source %r: could not record progress in redis: %s", spider.worker_id,
                             source_id, (str(exc).splitlines() or ["error"])[0])

    def flush_all(self, spider: Spider | None = None) -> None:
        for source_id in list(self.writers):
            self.flush(source_id)

    def polled(self, spider: Spider | None) -> dict[str, SourceTally]:
        """None at close: a worker lands one poll record per poll job, when the job's entry pages have answered."""
        return {}

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        super().close_spider(spider)


def cluster_settings(redis_url: str, worker_id: str, idle_exit: float) -> dict[str, Any]:
    """Scrapy settings that turn a crawl into a cluster worker (the caller's `-s` overrides still win)."""
    return {
        "TRACKER_REDIS_URL": redis_url,
        "TRACKER_WORKER_ID": worker_id,
        "TRACKER_IDLE_EXIT": idle_exit,
        "REDIS_URL": redis_url,
        "SCHEDULER": "crawlers.cluster.ClusterScheduler",
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_KEY": REQUESTS,
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_DUPEFILTER_KEY": DUPEFILTER,
        "DUPEFILTER_CLASS": "crawlers.cluster.ClusterDupeFilter",
        "ITEM_PIPELINES": {"crawlers.cluster.ClusterLandingPipeline": 500},
        "TRACKER_LANDING_FORMAT": "parquet",
        "CLOSESPIDER_TIMEOUT": 0,  # a worker runs until its queues stay empty (or it is stopped)
    }


def _no_links(out: ListingRecord | FetchErrorRecord, meta: dict[str, Any]) -> str | None:
    """The problem of an entry column page that listed no article link (feeds without entries are fetch errors)."""
    if isinstance(out, ListingRecord) and meta.get("entry") and not out.article_urls:
        return f"no article links found on {out.page_url}"
    return None
