"""Scoring event links against hand labels: pairwise P/R/F1, B-cubed, and official↔media links.

Also loads the labelled set (`fixtures/events/events_dev.jsonl` format) into `MatchDoc`s in feeding order, and
writes synthetic streams (for speed and memory benchmarks, and tests of partitioned matching).
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from itertools import combinations
from pathlib import Path

import jieba

from pipeline.match.baseline import BaselineMatcher
from pipeline.match.gazetteer import PREFECTURES, Gazetteer
from pipeline.match.matcher import Matcher
from pipeline.match.records import MatchDoc


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float
    predicted: int = 0  # predicted positives (pairs), or documents for B-cubed
    true: int = 0  # gold positives
    correct: int = 0  # predicted positives that are gold (pairs; 0 for B-cubed)

    def __str__(self) -> str:
        return f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f}"


@dataclass(frozen=True)
class Scores:
    pairwise: PRF
    bcubed: PRF
    cross_kind: PRF  # pairs of one official and one media document
    events: int


@dataclass(frozen=True)
class LabelledDoc:
    doc: MatchDoc
    event_id: str  # gold


def _prf(tp: int, predicted: int, true: int) -> PRF:
    p = tp / predicted if predicted else 1.0
    r = tp / true if true else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f, predicted, true, tp)


def pooled(scores: Sequence[PRF]) -> PRF:
    """Pairwise figures over several sets taken as one: their pairs counted together (a micro-average), so that a
    set with 4 official↔media pairs moves the recall by its 4 pairs, not by a quarter."""
    return _prf(sum(s.correct for s in scores), sum(s.predicted for s in scores), sum(s.true for s in scores))


def _pairs(assignment: Mapping[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for doc_id, event in assignment.items():
        groups[event].append(doc_id)
    return {tuple(sorted(p)) for members in groups.values() for p in combinations(members, 2)}  # type: ignore[misc]


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str]) -> PRF:
    pred, true = _pairs(predicted), _pairs(gold)
    return _prf(len(pred & true), len(pred), len(true))


def cross_kind(predicted: Mapping[str, str], gold: Mapping[str, str], kinds: Mapping[str, str]) -> PRF:
    def mixed(pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
        return {p for p in pairs if {kinds[p[0]], kinds[p[1]]} == {"official", "media"}}

    pred, true = mixed(_pairs(predicted)), mixed(_pairs(gold))
    return _prf(len(pred & true), len(pred), len(true))


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> PRF:
    pred_groups: dict[str, set[str]] = defaultdict(set)
    gold_groups: dict[str, set[str]] = defaultdict(set)
    for doc_id, event in predicted.items():
        pred_groups[event].add(doc_id)
    for doc_id, event in gold.items():
        gold_groups[event].add(doc_id)
    p_sum = r_sum = 0.0
    for doc_id in gold:
        mine, truth = pred_groups[predicted[doc_id]], gold_groups[gold[doc_id]]
        both = len(mine & truth)
        p_sum += both / len(mine)
        r_sum += both / len(truth)
    n = len(gold)
    p, r = (p_sum / n, r_sum / n) if n else (1.0, 1.0)
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0, n, n)


def score(predicted: Mapping[str, str], gold: Mapping[str, str], kinds: Mapping[str, str]) -> Scores:
    return Scores(
        pairwise=pairwise(predicted, gold),
        bcubed=bcubed(predicted, gold),
        cross_kind=cross_kind(predicted, gold, kinds),
        events=len(set(predicted.values())),
    )


def load_labelled(path: Path) -> list[LabelledDoc]:
    """Documents in feeding order: by (published_at, doc_key); those without a time last, by doc_key.

    Items with a null `published_at` (date-only midnight stamps in the source) keep `at=None`: the matcher then
    applies no time window to them, so they are compared with every document it still holds — the harder case.
    """
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gazetteer = Gazetteer()
    out = [
        LabelledDoc(
            MatchDoc(
                doc_id=row["doc_key"],
                source_id=row["source_id"],
                kind=row["kind"],
                region=row["region"] if "region" in row else source_region(row["source_name"], gazetteer),
                title=row["title"] or "",
                body=row["body"] or "",
                at=datetime.fromisoformat(row["published_at"]) if row["published_at"] else None,
            ),
            row["event_id"],
        )
        for row in rows
    ]
    timed = sorted((d for d in out if d.doc.at is not None), key=lambda d: (d.doc.at, d.doc.doc_id))
    untimed = sorted((d for d in out if d.doc.at is None), key=lambda d: d.doc.doc_id)
    return timed + untimed


def registry_regions(labelled: list[LabelledDoc]) -> list[str]:
    """The source regions of a labelled set, as the match stage reads them from the source registry."""
    return sorted({item.doc.region for item in labelled if item.doc.region})


def source_region(source_name: str, gazetteer: Gazetteer) -> str | None:
    """The registry-style region of a labelled item's source, read from its name (云南卫健委 → 云南省)."""
    places = [p for p in gazetteer.find(source_name) if p.region[0] not in {"全国", "国外"}]
    return "".join(places[0].region) if places else None


def run(matcher: Matcher | BaselineMatcher, labelled: list[LabelledDoc]) -> dict[str, str]:
    return {item.doc.doc_id: matcher.add(item.doc).event_id for item in labelled}


def evaluate(matcher: Matcher | BaselineMatcher, labelled: list[LabelledDoc]) -> Scores:
    predicted = run(matcher, labelled)
    gold = {item.doc.doc_id: item.event_id for item in labelled}
    kinds = {item.doc.doc_id: item.doc.kind for item in labelled}
    return score(predicted, gold, kinds)


@lru_cache(maxsize=4)
def vocabulary(size: int = 6000, seed: int = 7) -> tuple[str, ...]:
    """Two- to four-character words from jieba's dictionary, a fixed random sample."""
    words: list[str] = []
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            word, freq, _ = line.split(" ", 2)
            if int(freq) >= 50 and 2 <= len(word) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in word):
                words.append(word)
    return tuple(random.Random(seed).sample(sorted(words), size))


def synthetic(count: int, start: datetime, span: timedelta, seed: int, prefix: str) -> Iterator[MatchDoc]:
    """`count` documents spread evenly over `span` from `start`, generated one at a time: events of one to three
    documents about a topic (8 words), a place, a date and a figure."""
    for doc, _ in synthetic_events(count, start, span, seed, prefix):
        yield doc


def synthetic_events(
    count: int, start: datetime, span: timedelta, seed: int, prefix: str
) -> Iterator[tuple[MatchDoc, str]]:
    """`synthetic`'s documents, each with the id of the event it tells."""
    rng = random.Random(seed)
    words = list(vocabulary())
    cities = [c for cities in PREFECTURES.values() for c in cities.split()]
    step = span / max(count, 1)
    i = 0
    while i < count:
        event_id = f"ev-{prefix}{i}"
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
            doc = MatchDoc(
                f"{prefix}{i}",
                f"src{rng.randint(0, 500)}",
                rng.choice(("media", "official")),
                None,
                title,
                body,
                when + timedelta(minutes=rng.randint(0, 600)),
            )
            yield doc, event_id
            i += 1
