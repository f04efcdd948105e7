"""Event-linking quality on every labelled set, ours against the plain TF-IDF baseline, never tuned and scored on
the same set.

    python bench/bench_match_quality.py

For each set: pairwise P/R/F1, B-cubed F1 and official↔media P/R. Ours is scored with a decision that never saw the
set: on each real window, the one trained (and its cutoff tuned) on the other window (the cross-window figure, both
directions); on the written corpus (bench/corpus), the shipped one, trained on both windows, and each window's.
The baseline has no training: its threshold is its default.

Last, the cross-window figure of both directions pooled: the pairs of both windows counted together. One window
holds only 4 official↔media pairs, so its recall alone moves by 0.25 a pair; the pooled figure is the steadier
estimate of what users get, and the one the targets (pairwise F1 >= 0.80, official↔media P >= 0.95, R >= 0.80)
are checked against, beside each direction's own.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.match import train
from pipeline.match.baseline import BaselineMatcher
from pipeline.match.evaluate import PRF, LabelledDoc, Scores, evaluate, load_labelled, pooled, registry_regions
from pipeline.match.learned import LinkModel, load_model
from pipeline.match.matcher import Matcher

WRITTEN = Path(__file__).resolve().parent / "corpus" / "written_events.jsonl"


@dataclass(frozen=True)
class Row:
    scored_on: str
    matcher: str
    scores: Scores


def ours(model: LinkModel, labelled: list[LabelledDoc]) -> Scores:
    return evaluate(Matcher(regions=registry_regions(labelled), model=model), labelled)


def line(row: Row) -> str:
    s = row.scores
    return (
        f"{row.scored_on:<24} {row.matcher:<48} P={s.pairwise.precision:.3f} R={s.pairwise.recall:.3f} "
        f"F1={s.pairwise.f1:.3f}  B3={s.bcubed.f1:.3f}  O↔M P={s.cross_kind.precision:.3f} "
        f"R={s.cross_kind.recall:.3f} ({s.cross_kind.true} pairs)"
    )


def pooled_line(cross_window: list[Scores]) -> str:
    pairs = pooled([s.pairwise for s in cross_window])
    mixed = pooled([s.cross_kind for s in cross_window])
    return (
        f"{'both windows, pooled':<24} {'ours, each by the model of the other window':<48} {_counts(pairs)}  "
        f"O↔M P={mixed.precision:.3f} R={mixed.recall:.3f} ({mixed.correct} of {mixed.true} pairs found, "
        f"{mixed.predicted - mixed.correct} wrong)"
    )


def _counts(prf: PRF) -> str:
    return (
        f"P={prf.precision:.3f} R={prf.recall:.3f} F1={prf.f1:.3f}  ({prf.correct} of {prf.true} pairs found, "
        f"{prf.predicted - prf.correct} wrong)"
    )


def rows() -> list[Row]:
    windows = {path.name: load_labelled(path) for path in train.WINDOWS}
    models = {name: train.fit([labelled], [name]) for name, labelled in windows.items()}
    out: list[Row] = []
    for name, labelled in windows.items():
        for other, model in models.items():
            if other != name:
                out.append(Row(name, f"ours, trained on {other} (c={model.cutoff})", ours(model, labelled)))
        out.append(Row(name, "baseline TF-IDF", evaluate(BaselineMatcher(), labelled)))
    written = load_labelled(WRITTEN)
    shipped = load_model()
    out.append(Row(WRITTEN.name, f"ours, shipped (c={shipped.cutoff})", ours(shipped, written)))
    for other, model in models.items():
        out.append(Row(WRITTEN.name, f"ours, trained on {other} (c={model.cutoff})", ours(model, written)))
    out.append(Row(WRITTEN.name, "baseline TF-IDF", evaluate(BaselineMatcher(), written)))
    return out


def main() -> int:
    missing = [str(p) for p in train.WINDOWS if not p.exists()]
    if missing:
        print(f"labelled set not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    table = rows()
    for row in table:
        print(line(row))
    cross_window = [row.scores for row in table if row.scored_on != WRITTEN.name and row.matcher.startswith("ours")]
    print(pooled_line(cross_window))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
