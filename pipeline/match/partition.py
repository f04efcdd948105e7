"""Event linking on several processes, with exactly the links one `Matcher` gives the same documents in order.

A document's link depends on more than the documents of its time window: on the document frequencies learned from
every earlier document, on the regions learned from earlier official sources, and on the events the documents of
its window were put in, which depend on earlier documents in turn. So the stream is cut into consecutive slices
and each is matched in its own process by a matcher set up to stand where one process would stand at its start:

1. Counting (in parallel): the documents are cut into chunks and each process counts the terms of its chunks (as
   indexing would, `Matcher.count_terms`). Summed in order, the counts give the exact document frequencies (and
   term numbering) before any document; the regions and the newest publish time are read off the documents.
2. Matching (in parallel): for each slice, a matcher starts from the counts before its warm-up (`start_after`) and
   links the warm-up, then the slice. The warm-up is what one process would still hold in memory when the slice
   starts (the documents of the last `kept_hours`), so the slice's documents meet the same candidates.
3. Stitching (in order): the slice's links are right if the warm-up documents its documents can be compared with
   (those within `window_hours` of one of them) got the event ids they have in the links of the slices before.
   They usually do: a warm-up document only goes wrong when its event started before the warm-up. If some did
   not, the slice is linked again from the right state (the warm-up restored with its final event ids) until the
   documents still to come can no longer be compared with any document whose event id differs between the two
   runs; from there on, the first run's links are right.

Step 3 makes the result exact whatever the data; steps 1 and 2 do the work in parallel. The result does not depend
on the number of processes or slices, or on their timing.
"""

from __future__ import annotations

import math
import multiprocessing as mp
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.match.index import NO_TERMS, TermCounts
from pipeline.match.matcher import Matcher
from pipeline.match.records import Link, MatchConfig, MatchDoc


@dataclass(frozen=True)
class PartitionedRun:
    links: list[Link]  # one per document, in input order
    slices: int
    relinked: int  # documents linked a second time in the stitching step


@dataclass(frozen=True)
class _Job:
    docs: Sequence[MatchDoc]
    config: MatchConfig
    regions: tuple[str, ...]
    official: list[tuple[int, str]]  # (index of the first official document from it, region), in order
    newest: list[float | None]  # newest publish time among docs[:i], for i in 0..len(docs)


_job: _Job | None = None  # the job of the forked workers (inherited, not pickled)


def match_partitioned(
    docs: Sequence[MatchDoc],
    config: MatchConfig | None = None,
    regions: Iterable[str] = (),
    processes: int = 2,
    slices: int | None = None,
) -> list[Link]:
    """`[Matcher(config, regions).add(doc) for doc in docs]`, computed on `processes` processes."""
    return run_partitioned(docs, config, regions, processes, slices).links


def run_partitioned(
    docs: Sequence[MatchDoc],
    config: MatchConfig | None = None,
    regions: Iterable[str] = (),
    processes: int = 2,
    slices: int | None = None,
) -> PartitionedRun:
    """`match_partitioned`, with how it went: `slices` slices (one per process unless given)."""
    config = config or MatchConfig()
    n = len(docs)
    count = max(1, min(slices or processes, n))
    if count == 1:
        matcher = Matcher(config, regions)
        return PartitionedRun([matcher.add(doc) for doc in docs], 1, 0)
    starts = [n * k // count for k in range(count + 1)]
    ts = [doc.at.timestamp() if doc.at is not None else None for doc in docs]
    newest, first_live = _replay_clock(ts, config.kept_hours * 3600.0)
    warm = [first_live[start] for start in starts[:-1]]
    job = _Job(docs, config, tuple(regions), _official_regions(docs), newest)

    global _job
    _job = job
    try:
        with mp.get_context("fork").Pool(processes) as pool:
            # The term counts before each warm-up: chunks up to the last one, counted in parallel, summed in order.
            last = max(warm)
            bounds = sorted({*warm, *(last * k // (2 * processes) for k in range(2 * processes))} - {last})
            ends = [*bounds[1:], last] if last else []
            chunks = pool.starmap(_count_chunk, zip(bounds, ends, strict=True))
            before = {0: NO_TERMS}
            counts = NO_TERMS
            for end, chunk in zip(ends, chunks, strict=True):
                counts = counts.then(chunk)
                before[end] = counts
            firsts = pool.starmap(_link_slice, [(warm[k], starts[k + 1], before[warm[k]]) for k in range(count)])
    finally:
        _job = None

    links: list[Link] = []
    relinked = 0
    for k in range(count):
        warm_links, slice_links = firsts[k][: starts[k] - warm[k]], firsts[k][starts[k] - warm[k] :]
        wrong = [i for i, link in enumerate(warm_links, warm[k]) if link.event_id != links[i].event_id]
        if wrong:
            redone = _relink(job, warm[k], starts[k], starts[k + 1], before[warm[k]], links, slice_links, wrong, ts)
            relinked += len(redone)
            slice_links = redone + slice_links[len(redone) :]
        links.extend(slice_links)
    return PartitionedRun(links, count, relinked)


def _replay_clock(ts: list[float | None], kept_seconds: float) -> tuple[list[float | None], list[int]]:
    """As `Matcher` keeps them: the newest publish time before each document, and for each document the first one
    still in memory when it comes (`first_live[i]`; `first_live[len(ts)]` after the last one)."""
    newest: list[float | None] = [None]
    first_live = [0]
    clock: list[float] = []
    latest: float | None = None
    live = 0
    for t in ts:
        if t is not None and (latest is None or t > latest):
            latest = t
        clock.append(latest if latest is not None else 0.0)
        if latest is not None:
            while live < len(clock) and clock[live] < latest - kept_seconds:
                live += 1
        newest.append(latest)
        first_live.append(live)
    return newest, first_live


def _official_regions(docs: Sequence[MatchDoc]) -> list[tuple[int, str]]:
    seen: dict[str, int] = {}
    for i, doc in enumerate(docs):
        if doc.kind == "official" and doc.region and doc.region not in seen:
            seen[doc.region] = i
    return [(i, region) for region, i in seen.items()]


def _matcher_at(job: _Job, start: int, counts: TermCounts) -> Matcher:
    """A matcher standing where one fed docs[:start] would, before it holds any of them."""
    matcher = Matcher(job.config, job.regions)
    if start:
        cut = bisect_left(job.official, start, key=lambda pair: pair[0])
        matcher.start_after(counts, job.newest[start], [region for _, region in job.official[:cut]])
    return matcher


def _count_chunk(start: int, end: int) -> TermCounts:
    assert _job is not None
    matcher = _matcher_at(_job, start, NO_TERMS)
    for doc in _job.docs[start:end]:
        matcher.count_terms(doc)
    return matcher.term_counts()


def _link_slice(start: int, end: int, counts: TermCounts) -> list[Link]:
    assert _job is not None
    matcher = _matcher_at(_job, start, counts)
    return [matcher.add(doc) for doc in _job.docs[start:end]]


def _relink(
    job: _Job,
    warm: int,
    start: int,
    end: int,
    counts: TermCounts,
    links: list[Link],
    first: list[Link],
    wrong: list[int],
    ts: list[float | None],
) -> list[Link]:
    """Link docs[start:end] again from the right state, until the first run's links (`first`) are right again.

    `wrong` are the warm-up documents whose event id in the first run differs from their final one (`links`); a
    document of the slice is added to them when its event id differs between the two runs. Once none of them can
    be compared with a document still to come (all are more than `window_hours` before the earliest of those, and
    timed), the two runs stay the same: the rest of `first` is returned as it is."""
    window = job.config.window_hours * 3600.0
    earliest = _suffix_min(ts[start:end])
    differ = [(ts[i], i) for i in wrong]
    matcher: Matcher | None = None
    redone: list[Link] = []
    for j in range(end - start):
        horizon = earliest[j] - window
        differ = [(t, i) for t, i in differ if t is None or t >= horizon]
        if not differ:
            break
        if matcher is None:
            matcher = _matcher_at(job, warm, counts)
            for i in range(warm, start):
                matcher.restore(job.docs[i], links[i].event_id)
        link = matcher.add(job.docs[start + j])
        if link.event_id != first[j].event_id:
            differ.append((ts[start + j], start + j))
        redone.append(link)
    return redone


def _suffix_min(ts: list[float | None]) -> list[float]:
    """For each position, the earliest time from it on; -inf from an untimed document back (it meets everything)."""
    out = [math.inf] * len(ts)
    low = math.inf
    for i in range(len(ts) - 1, -1, -1):
        t = ts[i]
        low = -math.inf if t is None else min(low, t)
        out[i] = low
    return out
