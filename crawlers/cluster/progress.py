"""How far a cycle's polls are: per source and for the whole cycle."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import redis

from crawlers.cluster.keys import (
    DONE_PAGE_STATES,
    LANDED,
    article_key,
    failed_key,
    listed_key,
    pages_key,
    source_key,
    sources_key,
)


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

