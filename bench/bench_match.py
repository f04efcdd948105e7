"""Event-linking benchmark: quality on the written corpus (bench/corpus; the real windows' cross-window figures are in
bench/bench_match_quality.py), and speed on synthetic streams, ours vs the baseline, with a throughput floor.

    python bench/bench_match.py [--history 100000] [--new 2000] [--days 30] [--skip-quality] [--skip-baseline]
                                [--floor 1000]
    python bench/bench_match.py --stream --docs 1000000 10000000 [--per-day 33333] [--stream-budget 900]
    python bench/bench_match.py --partitioned --docs 200000 --per-day 5000 [--processes 2] [--slices 4]

Speed: each matcher runs in its own forked process, which first restores `--history` synthetic documents spread
evenly over `--days` days, each as an event of its own (the shape the floor has always been measured on;
`--grouped-history`: in the events they tell, one to three documents each, as a real history is), then adds `--new`
documents that follow them in time; it reports documents/second for
both phases, its own peak RSS and a digest of the links it made (equal digests: equal links). As `tracker match`
does, the restored history is kept out of the garbage collector's full passes (`pipeline.match.heap`). Ours must add at
least `--floor` documents per CPU-second (1,000 at 1,000,000 of history: `--history 1000000 --skip-baseline`),
or the run exits 1. Synthetic documents
are generated inside the child, one at a time, so RSS is the index's, not the input's.

Streaming (`--stream`): for each of `--docs`, a forked process adds that many synthetic documents in time order,
`--per-day` a day (by default the density of the speed test's history), and prints documents/second, its RSS
every 100,000 documents and its peak RSS: the matcher keeps only the last `kept_hours` (window plus retention) of
documents, so memory levels off once that much is indexed (about 8 days, 270,000 documents by default) whatever N
is. A run stops after `--stream-budget` seconds and reports what it did and the time the whole N would take.
(Ours only: the baseline keeps every document, 5.6 GB at 1,000,000.)

Partitioned (`--partitioned`): links `--docs` synthetic documents with one matcher, then with
`pipeline.match.partition` on `--processes` processes and `--slices` slices, and checks the links are the same.
Each slice also links the `kept_hours` before it (its warm-up), so slices should be much longer than that.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing as mp
import resource
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.match.baseline import BaselineMatcher
from pipeline.match.evaluate import Scores, evaluate, load_labelled, registry_regions, synthetic, synthetic_events
from pipeline.match.heap import history_kept_out_of_gc
from pipeline.match.matcher import Matcher
from pipeline.match.partition import run_partitioned
from pipeline.match.records import Link
from pipeline.match.tokenize import get_tokenizer

WRITTEN = Path(__file__).resolve().parent / "corpus" / "written_events.jsonl"
CST = timezone(timedelta(hours=8))
START = datetime(2024, 1, 1, tzinfo=CST)


@dataclass(frozen=True)
class SpeedResult:
    name: str
    restore_per_s: float
    add_per_s: float
    add_per_cpu_s: float  # documents per second of this process's CPU time (one core, whatever else runs)
    peak_rss_mb: float
    added: int  # new documents added before the time budget ran out
    new_events: int
    digest: str  # of the links made, see `links_digest`


@dataclass(frozen=True)
class StreamResult:
    target: int
    done: int
    per_s: float
    per_cpu_s: float
    rss_mb: list[tuple[int, float]]  # (documents added, RSS in MB) every 100,000 (or tenth of the way)
    peak_rss_mb: float
    start_rss_mb: float  # before the first document
    live: int  # documents in memory at the end
    digest: str


def links_digest(links: list[Link]) -> str:
    """A short fingerprint of links: document, event, score and matched document of each."""
    h = hashlib.sha256()
    for link in links:
        h.update(digest_line(link))
    return h.hexdigest()[:16]


def digest_line(link: Link) -> bytes:
    return f"{link.doc_id}\t{link.event_id}\t{link.score}\t{link.matched_doc_id}\n".encode()


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def speed_child(
    name: str, history: int, new: int, days: float, budget_s: float, grouped: bool, out: mp.Queue
) -> None:
    matcher: Matcher | BaselineMatcher = Matcher() if name == "ours" else BaselineMatcher()
    get_tokenizer().cut("预热")
    span = timedelta(days=days)
    with history_kept_out_of_gc() as freezer:  # as `tracker match` restores and adds (pipeline.match.linking)
        t0 = time.perf_counter()
        for doc, event_id in synthetic_events(history, START, span, seed=1, prefix="h"):
            matcher.restore(doc, event_id if grouped else "ev-" + doc.doc_id)
            freezer.restored()
        restore_s = time.perf_counter() - t0
        freezer.settled()
        fresh = list(synthetic(new, START + span, timedelta(hours=12), seed=2, prefix="n"))
        links: list[Link] = []
        t0 = time.perf_counter()
        c0 = time.process_time()
        for doc in fresh:
            links.append(matcher.add(doc))
            if time.perf_counter() - t0 > budget_s:
                break
        add_s = time.perf_counter() - t0
        add_cpu_s = time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    added = len(links)
    out.put(
        SpeedResult(
            name,
            history / restore_s if restore_s else 0.0,
            added / add_s,
            added / add_cpu_s,
            peak,
            added,
            len({link.event_id for link in links}),
            links_digest(links),
        )
    )


def stream_child(target: int, per_day: float, budget_s: float, out: mp.Queue) -> None:
    matcher = Matcher()
    get_tokenizer().cut("预热")
    start_rss = rss_mb()
    every = max(1, min(target // 10, 100_000))
    rss: list[tuple[int, float]] = []
    h = hashlib.sha256()
    done = 0
    t0 = time.perf_counter()
    c0 = time.process_time()
    for doc in synthetic(target, START, timedelta(days=target / per_day), seed=1, prefix="s"):
        link = matcher.add(doc)
        h.update(digest_line(link))
        done += 1
        if done % every == 0:
            rss.append((done, rss_mb()))
        if done % 1000 == 0 and time.perf_counter() - t0 > budget_s:
            if done % every:
                rss.append((done, rss_mb()))
            break
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.put(StreamResult(target, done, done / wall, done / cpu, rss, peak, start_rss, matcher.documents_held(),
                         h.hexdigest()[:16]))


def in_child(target: object, *args: object) -> object:
    ctx = mp.get_context("fork")
    queue: mp.Queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def run_speed(name: str, history: int, new: int, days: float, budget_s: float, grouped: bool) -> SpeedResult:
    result = in_child(speed_child, name, history, new, days, budget_s, grouped)
    assert isinstance(result, SpeedResult)
    return result


def run_stream(target: int, per_day: float, budget_s: float) -> StreamResult:
    result = in_child(stream_child, target, per_day, budget_s)
    assert isinstance(result, StreamResult)
    return result


def show_quality(name: str, scores: Scores) -> None:
    print(
        f"{name:<18} pairwise {scores.pairwise} ({scores.pairwise.predicted} pairs / {scores.pairwise.true} gold)  "
        f"B-cubed F1={scores.bcubed.f1:.3f}  official↔media {scores.cross_kind}  events={scores.events}"
    )


def show_set(path: Path) -> None:
    """Ours, the baseline at its default threshold, and the baseline at its best threshold on this same set."""
    labelled = load_labelled(path)
    print(f"quality on {path.name} ({len(labelled)} documents, {len({d.event_id for d in labelled})} events)")
    show_quality("ours", evaluate(Matcher(regions=registry_regions(labelled)), labelled))
    show_quality("baseline @0.50", evaluate(BaselineMatcher(0.5), labelled))
    best = max(
        ((t, evaluate(BaselineMatcher(t), labelled)) for t in (0.3, 0.4, 0.6, 0.7, 0.8, 0.9, 0.95)),
        key=lambda p: p[1].bcubed.f1,
    )
    show_quality(f"baseline @{best[0]:.2f}", best[1])
    print("(baseline's best threshold, by B-cubed F1, chosen on this same set)\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--history", type=int, default=100_000, help="documents already in the index")
    parser.add_argument("--new", type=int, default=2_000, help="documents added and timed")
    parser.add_argument("--days", type=float, default=30.0, help="time span of the history")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds of adding after which the rate is taken")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-baseline", action="store_true", help="time ours only (the baseline is slow at 1M)")
    parser.add_argument("--grouped-history", action="store_true", help="restore the history in events of one to three")
    parser.add_argument("--floor", type=float, default=1000.0, help="docs/s (CPU time) ours must add; exit 1 below")
    parser.add_argument("--stream", action="store_true", help="stream --docs documents instead (ours only)")
    parser.add_argument("--docs", type=int, nargs="+", default=[1_000_000, 10_000_000], help="documents streamed")
    parser.add_argument("--per-day", type=float, default=1_000_000 / 30, help="streamed documents a day")
    parser.add_argument("--stream-budget", type=float, default=900.0, help="seconds after which a stream stops")
    parser.add_argument("--partitioned", action="store_true", help="one process vs partitioned, on --docs[0]")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--slices", type=int, default=None, help="default: one per process")
    args = parser.parse_args()

    if args.stream:
        show_streams(args.docs, args.per_day, args.stream_budget)
        return
    if args.partitioned:
        show_partitioned(args.docs[0], args.per_day, args.processes, args.slices)
        return

    if not args.skip_quality:
        # The real windows train the shipped decision: their honest figures are cross-window, in
        # bench/bench_match_quality.py. The written corpus is held out from it.
        show_set(WRITTEN)

    shape = "in events of one to three" if args.grouped_history else "each its own event"
    print(f"\nspeed: add {args.new} to an index holding {args.history} documents over {args.days:g} days ({shape})")
    names = ("ours",) if args.skip_baseline else ("ours", "baseline")
    results = [run_speed(name, args.history, args.new, args.days, args.budget, args.grouped_history) for name in names]
    for r in results:
        print(
            f"{r.name:<9} restore {r.restore_per_s:8.0f} docs/s   add {r.add_per_s:8.1f} docs/s "
            f"(CPU time: {r.add_per_cpu_s:8.1f} docs/s) "
            f"({r.added} added, {r.new_events} events, links {r.digest})   peak RSS {r.peak_rss_mb:7.0f} MB"
        )
    ours = results[0]
    if not args.skip_baseline:
        base = results[1]
        print(
            f"ratio ours/baseline: add {ours.add_per_s / base.add_per_s:.2f}x (CPU time "
            f"{ours.add_per_cpu_s / base.add_per_cpu_s:.2f}x), restore {ours.restore_per_s / base.restore_per_s:.2f}x"
        )
    # CPU time, not wall time: on a shared machine the wall-clock rate says more about the neighbours.
    met = ours.add_per_cpu_s >= args.floor
    print(f"floor: ours adds {ours.add_per_cpu_s:.0f} docs per CPU-second, floor {args.floor:.0f}: "
          + ("met" if met else "NOT MET"))
    if not met:
        raise SystemExit(1)


def show_streams(targets: list[int], per_day: float, budget_s: float) -> None:
    print(f"streaming: documents added in time order, {per_day:.0f} a day; at most {budget_s:.0f} s a run")
    for target in targets:
        r = run_stream(target, per_day, budget_s)
        whole = f"all {r.target}" if r.done == r.target else f"{r.done} of {r.target} (budget)"
        print(
            f"N={r.target:<9} {whole}: {r.per_s:7.1f} docs/s (CPU time: {r.per_cpu_s:7.1f} docs/s)   "
            f"RSS {r.start_rss_mb:.0f} MB before, peak {r.peak_rss_mb:.0f} MB, {r.live} documents in memory at the end, "
            f"links {r.digest}"
        )
        print("    RSS MB by documents added: " + ", ".join(f"{n}: {mb:.0f}" for n, mb in r.rss_mb))
        if r.done < r.target:
            minutes = r.target / r.per_s / 60
            print(f"    the whole {r.target} would take about {minutes:.0f} min ({minutes / 60:.1f} h) at this rate")


def show_partitioned(count: int, per_day: float, processes: int, slices: int | None) -> None:
    docs = list(synthetic(count, START, timedelta(days=count / per_day), seed=1, prefix="s"))
    print(f"partitioned: {count} documents, {per_day:.0f} a day, {processes} processes, {slices or processes} slices")
    matcher = Matcher()
    t0 = time.perf_counter()
    single = [matcher.add(doc) for doc in docs]
    single_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    run = run_partitioned(docs, processes=processes, slices=slices)
    part_s = time.perf_counter() - t0
    print(f"one process  {count / single_s:8.1f} docs/s   links {links_digest(single)}")
    print(
        f"partitioned  {count / part_s:8.1f} docs/s   links {links_digest(run.links)}   "
        f"({run.relinked} linked again while stitching)"
    )
    print("same links and events:", run.links == single)


if __name__ == "__main__":
    main()
