"""Event-linking benchmark: quality on the real labelled set and on the written corpus (bench/corpus), and speed on
synthetic streams, ours vs the baseline.

    python bench/bench_match.py [--history 100000] [--new 2000] [--days 30] [--skip-quality]

Speed: each matcher runs in its own forked process, which first restores `--history` synthetic documents spread
evenly over `--days` days, then adds `--new` documents that follow them in time; it reports documents/second for
both phases and its own peak RSS. Synthetic documents are generated inside the child, one at a time, so RSS is
the index's, not the input's.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import resource
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import jieba

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.gazetteer import PREFECTURES
from pipeline.match import BaselineMatcher, MatchDoc, Matcher
from pipeline.match_eval import Scores, evaluate, load_labelled, registry_regions
from pipeline.tokenize import get_tokenizer

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "events" / "events_dev.jsonl"
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


def vocabulary(size: int = 6000, seed: int = 7) -> list[str]:
    """Two- to four-character words from jieba's dictionary, a fixed random sample."""
    words: list[str] = []
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            word, freq, _ = line.split(" ", 2)
            if int(freq) >= 50 and 2 <= len(word) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in word):
                words.append(word)
    return random.Random(seed).sample(sorted(words), size)


def synthetic(count: int, start: datetime, span: timedelta, seed: int, prefix: str) -> Iterator[MatchDoc]:
    """Events of one to three documents about a topic (8 words), a place, a date and a figure."""
    rng = random.Random(seed)
    words = vocabulary()
    cities = [c for cities in PREFECTURES.values() for c in cities.split()]
    step = span / max(count, 1)
    i = 0
    while i < count:
        topic = rng.sample(words, 8)
        city = rng.choice(cities)
        figure = rng.randint(100, 99999)
        when = start + step * i
        for _ in range(min(rng.choice((1, 1, 2, 3)), count - i)):
            title = city + "".join(rng.sample(topic, 4)) + f"{figure}例"
            body_words = rng.sample(topic, 6) + rng.sample(words, 24)
            rng.shuffle(body_words)
            body = (
                f"{when.month}月{when.day}日，{city}"
                + "，".join("".join(body_words[k : k + 5]) for k in range(0, 30, 5))
                + f"，累计{figure}例。"
            )
            yield MatchDoc(
                f"{prefix}{i}",
                f"src{rng.randint(0, 500)}",
                rng.choice(("media", "official")),
                None,
                title,
                body,
                when + timedelta(minutes=rng.randint(0, 600)),
            )
            i += 1


def speed_child(name: str, history: int, new: int, days: float, budget_s: float, out: mp.Queue) -> None:
    matcher: Matcher | BaselineMatcher = Matcher() if name == "ours" else BaselineMatcher()
    get_tokenizer().cut("预热")
    span = timedelta(days=days)
    t0 = time.perf_counter()
    for doc in synthetic(history, START, span, seed=1, prefix="h"):
        matcher.restore(doc, "ev-" + doc.doc_id)
    restore_s = time.perf_counter() - t0
    fresh = list(synthetic(new, START + span, timedelta(hours=12), seed=2, prefix="n"))
    events: set[str] = set()
    t0 = time.perf_counter()
    c0 = time.process_time()
    added = 0
    for doc in fresh:
        events.add(matcher.add(doc).event_id)
        added += 1
        if time.perf_counter() - t0 > budget_s:
            break
    add_s = time.perf_counter() - t0
    add_cpu_s = time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.put(
        SpeedResult(
            name, history / restore_s if restore_s else 0.0, added / add_s, added / add_cpu_s, peak, added, len(events)
        )
    )


def run_speed(name: str, history: int, new: int, days: float, budget_s: float) -> SpeedResult:
    ctx = mp.get_context("fork")
    queue: mp.Queue = ctx.Queue()
    proc = ctx.Process(target=speed_child, args=(name, history, new, days, budget_s, queue))
    proc.start()
    result = queue.get()
    proc.join()
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
    args = parser.parse_args()

    if not args.skip_quality:
        for path in (DEV, WRITTEN):
            if path.exists():
                show_set(path)

    print(f"\nspeed: add {args.new} to an index holding {args.history} documents over {args.days:g} days")
    results = [run_speed(name, args.history, args.new, args.days, args.budget) for name in ("ours", "baseline")]
    for r in results:
        print(
            f"{r.name:<9} restore {r.restore_per_s:8.0f} docs/s   add {r.add_per_s:8.1f} docs/s "
            f"(CPU time: {r.add_per_cpu_s:8.1f} docs/s) "
            f"({r.added} added, {r.new_events} events)   peak RSS {r.peak_rss_mb:7.0f} MB"
        )
    ours, base = results
    print(
        f"ratio ours/baseline: add {ours.add_per_s / base.add_per_s:.2f}x "
        f"(CPU time {ours.add_per_cpu_s / base.add_per_cpu_s:.2f}x), restore {ours.restore_per_s / base.restore_per_s:.2f}x"
    )


if __name__ == "__main__":
    main()
