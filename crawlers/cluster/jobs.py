"""Poll jobs: enqueueing a cycle, taking jobs, and recording each poll's progress as its records land."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import redis

from crawlers.cluster.keys import (
    CYCLE_TTL_SECONDS,
    LANDED,
    POLLS,
    article_key,
    check_cycle_id,
    claim_key,
    failed_key,
    listed_key,
    pages_key,
    redis_now,
    source_key,
    sources_key,
)
from crawlers.landing import PollRecord
from crawlers.links import canonical_url
from crawlers.spiders.sources import BLOCKED_MARKERS
from pipeline.core.sources import Source

logger = logging.getLogger(__name__)


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

