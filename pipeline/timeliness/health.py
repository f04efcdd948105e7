"""Source health: ok, blocked, failing, quiet or disabled, with the evidence and the reason.

A poll is one crawl run of a source (`source_polls`). A poll whose list pages and feeds all failed
counts 1 towards the failure score, a poll where only some failed counts 0.5; the score is summed
over the polls since the last clean one. The score sets the back-off before the next poll, and a
source whose score reaches `max_failures` is disabled (still probed at the longest back-off, since
sites do come back).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import db

STATUSES = ("ok", "blocked", "failing", "quiet", "disabled", "unpolled")


@dataclass(frozen=True)
class HealthPolicy:
    max_failures: float = 30.0
    quiet_after: timedelta = timedelta(days=14)  # the site census: home page updated within two weeks
    backoff_base: timedelta = timedelta(minutes=30)
    backoff_max: timedelta = timedelta(hours=24)
    polls_considered: int = 60


@dataclass(frozen=True)
class Poll:
    polled_at: datetime
    entry_ok: int
    entry_failed: int
    blocked: int
    error: str | None


@dataclass(frozen=True)
class SourceHealth:
    source_id: str
    name: str
    status: str
    last_success: datetime | None
    last_new_item: datetime | None
    failure_score: float
    backoff: timedelta  # wait at least this long after the last poll (zero when healthy)
    reason: str


def poll_failure(poll: Poll) -> float:
    if poll.entry_failed and not poll.entry_ok:
        return 1.0
    if poll.entry_failed:
        return 0.5
    return 0.0 if poll.entry_ok else 1.0


def failure_score(polls: Sequence[Poll]) -> float:
    """Failures summed over the polls (newest first) since the last clean one."""
    score = 0.0
    for poll in polls:
        failed = poll_failure(poll)
        if not failed:
            break
        score += failed
    return score


def backoff(score: float, policy: HealthPolicy) -> timedelta:
    if score <= 0:
        return timedelta(0)
    return min(policy.backoff_base * (2 ** min(score - 1, 16)), policy.backoff_max)


def assess(source_id: str, name: str, polls: Sequence[Poll], last_new_item: datetime | None, now: datetime,
           policy: HealthPolicy = HealthPolicy()) -> SourceHealth:
    """The health of one source from its polls (newest first)."""
    score = failure_score(polls)
    last_success = next((p.polled_at for p in polls if p.entry_ok), None)
    since = last_success.strftime("%Y-%m-%d %H:%M") if last_success else "never"

    def health(status: str, reason: str) -> SourceHealth:
        return SourceHealth(source_id, name, status, last_success, last_new_item, score, backoff(score, policy),
                            reason)

    if not polls:
        return health("unpolled", "not polled yet")
    newest = polls[0]
    if score >= policy.max_failures:
        return health("disabled", f"{score:g} failed polls since the last success ({since}): {newest.error or '-'}")
    if poll_failure(newest) >= 1.0:
        if newest.blocked and newest.blocked >= newest.entry_failed:
            return health("blocked", f"blocked (403/robots.txt/refused) since {since}: {newest.error or '-'}")
        return health("failing", f"failing since {since}: {newest.error or 'no list page or feed answered'}")
    if last_new_item is None or now - last_new_item > policy.quiet_after:
        seen = last_new_item.strftime("%Y-%m-%d") if last_new_item else "never"
        return health("quiet", f"no new item since {seen}")
    reason = f"some pages failed: {newest.error}" if poll_failure(newest) else "ok"
    return health("ok", reason)


def source_health(db_path: Path, now: datetime, policy: HealthPolicy = HealthPolicy()) -> list[SourceHealth]:
    """Health of every source in the database."""
    with db.reader(db_path) as con:
        sources = db.query(con, "reliability_source_health")
        rows = db.query(con, "reliability_recent_polls", {"max_polls": policy.polls_considered})
    polls: dict[str, list[Poll]] = {}
    for row in rows:
        polls.setdefault(row["source_id"], []).append(
            Poll(row["polled_at"], row["entry_ok"], row["entry_failed"], row["blocked"], row["error"]))
    return [assess(s["source_id"], s["name"], polls.get(s["source_id"], []), s["last_new_item"], now, policy)
            for s in sources]


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"


def format_table(rows: Sequence[SourceHealth]) -> list[str]:
    lines = [f"{'source':<24} {'status':<9} {'last success':<16} {'last new item':<16} {'score':>5}  reason"]
    for h in rows:
        lines.append(f"{h.source_id:<24} {h.status:<9} {_when(h.last_success):<16} {_when(h.last_new_item):<16} "
                     f"{h.failure_score:>5g}  {h.reason[:160]}")
    return lines
