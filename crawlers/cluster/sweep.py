"""The sweeper: re-queues every source whose poll is overdue (a killed worker's in-flight requests are lost)."""

from __future__ import annotations

from collections.abc import Iterable

import redis

from crawlers.cluster.jobs import PollJob
from crawlers.cluster.keys import LANDED, POLLS, check_cycle_id, redis_now, source_key, sources_key
from crawlers.cluster.progress import SourceProgress, source_progress
from pipeline.core.sources import Source


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

