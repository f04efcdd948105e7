"""The scoring arithmetic the quality gates rest on: pairwise and official↔media pairs, and pooling sets."""

from __future__ import annotations

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
