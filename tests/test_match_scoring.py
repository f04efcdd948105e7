"""The scoring arithmetic the quality gates rest on: pairwise and official↔media pairs, pooling sets, and the choice
of the shipped cutoff from what the folds scored."""

from __future__ import annotations

from pipeline.match import train
from pipeline.match.evaluate import cross_kind, pairwise, pooled

GOLD = {"a": "e1", "b": "e1", "c": "e1", "d": "e2", "e": "e2"}
KINDS = {"a": "official", "b": "media", "c": "media", "d": "official", "e": "media"}


def test_pairwise_counts_correct_predicted_and_gold_pairs() -> None:
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "z"}  # a-b right, c-d wrong
    scores = pairwise(predicted, GOLD)
    assert (scores.correct, scores.predicted, scores.true) == (1, 2, 4)
    assert scores.precision == 0.5 and scores.recall == 0.25


def test_cross_kind_keeps_only_official_media_pairs() -> None:
    predicted = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "z"}  # a-b, a-c right; b-c media-media
    scores = cross_kind(predicted, GOLD, KINDS)
    assert (scores.correct, scores.predicted, scores.true) == (2, 2, 3)


def test_pooled_counts_pairs_not_averages() -> None:
    small = pairwise({"a": "x", "b": "x", "c": "y", "d": "z", "e": "w"}, GOLD)  # 1 of 4 found, none wrong
    large = pairwise(GOLD, GOLD)  # 4 of 4
    both = pooled([small, large])
    assert (both.correct, both.predicted, both.true) == (5, 5, 8)
    assert both.recall == 5 / 8
    assert both.precision == 1.0
    uneven = pooled([small, pairwise(GOLD | {"f": "e3", "g": "e3"}, GOLD | {"f": "e3", "g": "e3"})])
    assert uneven.recall == 6 / 9 != (0.25 + 1.0) / 2


def _counts(f1_by_cutoff: dict[float, float], pairs: int, rest: float = 0.5) -> dict[tuple[float, float], list[int]]:
    """Fold counts (found, made, true) with `pairs` made and `pairs` true, so that F1 = found / pairs."""
    return {
        (1.0, cutoff): [round(f1_by_cutoff.get(cutoff, rest) * pairs), pairs, pairs] for cutoff in train.CUTOFFS
    }


def test_a_cutoff_is_judged_with_its_neighbours_not_by_a_lone_spike() -> None:
    spiky = {0.15: 0.90, 0.2: 0.70, 0.25: 0.84, 0.3: 0.86, 0.35: 0.85, 0.4: 0.80}
    assert train.choose(_counts(spiky, 100)) == (1.0, 0.3)


def test_a_clear_winner_is_kept_and_a_flat_curve_gives_the_highest_cutoff() -> None:
    assert train.choose(_counts({0.15: 0.80, 0.2: 0.70}, 100)) == (1.0, 0.15)
    assert train.choose(_counts({}, 100)) == (1.0, train.CUTOFFS[-1])


def test_cutoffs_within_half_a_pair_are_tied_and_the_higher_wins() -> None:
    close = {0.15: 0.86, 0.2: 0.84, 0.25: 0.848, 0.3: 0.80}  # neighbours' mean: 0.850 at 0.15, 0.849 at 0.2
    assert train.choose(_counts(close, 500)) == (1.0, 0.2)  # half a pair: 0.001
    assert train.choose(_counts(close, 5000)) == (1.0, 0.15)  # half a pair: 0.0001
