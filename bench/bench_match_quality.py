"""Event-linking quality on every labelled set, ours against the plain TF-IDF baseline, never tuned and scored on
the same set.

    python bench/bench_match_quality.py

For each set: pairwise P/R/F1, B-cubed F1 and official↔media P/R. Ours is scored with a decision that never saw the
set: on each real window, the one trained (and its cutoff tuned) on the other window (the cross-window figure, both
directions); on the written corpus (bench/corpus), the shipped one, trained on both windows, and each window's.
The baseline has no training: its threshold is its default.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.match import train
from pipeline.match.baseline import BaselineMatcher
from pipeline.match.evaluate import LabelledDoc, Scores, evaluate, load_labelled, registry_regions
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
    for row in rows():
        print(line(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
