"""Train the link decision on labelled sets and write its coefficients (`pipeline/data/link_model.json`).

    python -m pipeline.match.train [--out PATH] [LABELLED.jsonl ...]

By default it trains on the two labelled windows in `../shared/fixtures/events/` and nothing else. Rows come from
feeding each set in time order to a matcher that files every document in its true event (teacher forcing): one row
per (document, candidate event), labelled by whether the event is the document's own. The cutoff is then tuned on
the same training sets (never on a set it is scored on: see bench/bench_match_quality.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import product
from pathlib import Path

from pipeline.match.evaluate import LabelledDoc, evaluate, load_labelled, registry_regions
from pipeline.match.features import FEATURES
from pipeline.match.learned import MODEL_PATH, LinkModel
from pipeline.match.matcher import Matcher
from pipeline.match.records import BEIJING, MatchConfig

EVENTS = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "events"
WINDOWS = (EVENTS / "events_dev.jsonl", EVENTS / "events_dev_0207.jsonl")
# L2 strengths tried (scikit-learn's C, inverse), chosen with the cutoff by cross-validation on the training sets.
# Only scikit-learn's default: with 18 true pairs in one window, two-fold cross-validation over several strengths
# picked the weakest, which then did worse on the other window.
REGULARISATIONS = (1.0,)
CUTOFF = 0.5
# Cutoffs tried when tuning on the training sets: the one with the best pairwise F1 of a matching run is kept.
CUTOFFS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)


def _untrained() -> LinkModel:
    return LinkModel(FEATURES, (0.0,) * len(FEATURES), 0.0, CUTOFF)


def training_rows(labelled: Sequence[LabelledDoc], config: MatchConfig) -> tuple[list[list[float]], list[int]]:
    matcher = Matcher(config, regions=registry_regions(list(labelled)), model=_untrained())
    rows: list[list[float]] = []
    labels: list[int] = []
    for item in labelled:
        for evidence in matcher.observe(item.doc, item.event_id):
            rows.append([evidence.values[name] for name in FEATURES])
            labels.append(int(evidence.event_id == item.event_id))
    return rows, labels


def _regression(
    rows: Sequence[Sequence[float]], labels: Sequence[int], names: Sequence[str], strength: float
) -> LinkModel:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=strength, max_iter=5000)
    model.fit(rows, labels)
    coef = tuple(float(c) for c in model.coef_[0])
    return LinkModel(FEATURES, coef, float(model.intercept_[0]), CUTOFF, tuple(names))


def _rows(sets: Sequence[Sequence[LabelledDoc]], config: MatchConfig) -> tuple[list[list[float]], list[int]]:
    rows: list[list[float]] = []
    labels: list[int] = []
    for labelled in sets:
        more_rows, more_labels = training_rows(labelled, config)
        rows += more_rows
        labels += more_labels
    return rows, labels


def fit(sets: Sequence[Sequence[LabelledDoc]], names: Sequence[str] = (), config: MatchConfig | None = None) -> LinkModel:
    """A logistic regression over the rows of every set, its strength and cutoff tuned by cross-validation on them."""
    config = config or MatchConfig()
    strength, cutoff = tune(sets, config)
    return replace(_regression(*_rows(sets, config), names, strength), cutoff=cutoff)


def halves(labelled: Sequence[LabelledDoc]) -> tuple[list[LabelledDoc], list[LabelledDoc]]:
    """The earlier and the later half of a set's days (Beijing time); untimed documents go with the later half."""
    days = sorted({item.doc.at.astimezone(BEIJING).date() for item in labelled if item.doc.at is not None})
    middle = days[len(days) // 2] if days else None
    early = [item for item in labelled if item.doc.at is not None and item.doc.at.astimezone(BEIJING).date() < middle]
    late = [item for item in labelled if item not in early]
    return early, late


def tune(sets: Sequence[Sequence[LabelledDoc]], config: MatchConfig) -> tuple[float, float]:
    """The (strength, cutoff) of `REGULARISATIONS` x `CUTOFFS` that `choose` picks from their pairwise F1 over two
    folds of the training sets, pooled: each set is cut into its earlier and later days, and a model fitted on one
    half of every set links the other half."""
    folds = [halves(labelled) for labelled in sets]
    grid = [(strength, cutoff) for strength in REGULARISATIONS for cutoff in CUTOFFS]
    counts = {key: [0, 0, 0] for key in grid}  # true pairs found, pairs made, true pairs
    for side in (0, 1):
        rows, labels = _rows([fold[1 - side] for fold in folds], config)
        for strength in REGULARISATIONS:
            model = _regression(rows, labels, (), strength)
            for fold, cutoff in product(folds, CUTOFFS):
                held_out = fold[side]
                matcher = Matcher(config, registry_regions(held_out), replace(model, cutoff=cutoff))
                pairs = evaluate(matcher, held_out).pairwise
                found = round(pairs.precision * pairs.predicted)
                for k, n in enumerate((found, pairs.predicted, pairs.true)):
                    counts[strength, cutoff][k] += n

    return choose(counts)


Key = tuple[float, float]  # (strength, cutoff)


def choose(counts: Mapping[Key, Sequence[int]]) -> Key:
    """The (strength, cutoff) to ship, from each one's pooled (true pairs found, pairs made, true pairs) in the folds.

    A cutoff is judged by its F1 averaged with its neighbours' in `CUTOFFS` (over a flat stretch, where a pair or
    two decides the order, the middle of it rather than whichever end the folds' noise favours). Keys within half a
    pair's worth of F1 of the best are tied; ties go to the stronger regularisation, then the higher cutoff: fewer,
    surer links, each of which costs a comparison when linking."""

    def f1(key: Key) -> float:
        found, made, true = counts[key]
        return 2 * found / (made + true) if made + true else 0.0

    def plateau(key: Key) -> float:
        strength, cutoff = key
        at = CUTOFFS.index(cutoff)
        around = [(strength, c) for c in CUTOFFS[max(0, at - 1) : at + 2] if (strength, c) in counts]
        return sum(f1(k) for k in around) / len(around)

    judged = {key: plateau(key) for key in counts}
    best = max(counts, key=lambda key: (judged[key], -key[0], key[1]))
    _, made, true = counts[best]
    half_pair = 1.0 / (made + true) if made + true else 0.0
    tied = [key for key in counts if judged[key] >= judged[best] - half_pair]
    return max(tied, key=lambda key: (-key[0], key[1]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", type=Path, default=list(WINDOWS))
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.sets if not p.exists()]
    if missing:
        print(f"labelled set not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    model = fit([load_labelled(p) for p in args.sets], [p.name for p in args.sets])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(model.to_json(), encoding="utf-8")
    for name, w in zip(model.names, model.coef, strict=True):
        print(f"{name:>18} {w:+.3f}")
    print(f"{'intercept':>18} {model.intercept:+.3f}  -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
