"""Quality gate for event linking on the real labelled DEV set (277 DXY items, February 2020).

Documents are fed in (published_at, doc_key) order; the 10 items with a null published_at (date-only
midnight stamps) are fed last with no time, so the matcher compares them with everything it still holds.
Floors are what the matcher reached when they were pinned, rounded down by about 0.02.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.match.baseline import BaselineMatcher
from pipeline.match.evaluate import Scores, evaluate, load_labelled
from pipeline.match.matcher import Matcher

EVENTS = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "events"
DEV = EVENTS / "events_dev.jsonl"

pytestmark = pytest.mark.skipif(not DEV.exists(), reason=f"labelled set not found at {DEV}")


@pytest.fixture(scope="module")
def ours() -> Scores:
    return evaluate(Matcher(), load_labelled(DEV))


def test_pairwise(ours: Scores) -> None:
    assert ours.pairwise.f1 >= 0.80, ours.pairwise
    assert ours.pairwise.precision >= 0.85, ours.pairwise
    assert ours.pairwise.recall >= 0.75, ours.pairwise


def test_bcubed(ours: Scores) -> None:
    assert ours.bcubed.f1 >= 0.97, ours.bcubed


def test_official_media_links(ours: Scores) -> None:
    assert ours.cross_kind.precision >= 0.95, ours.cross_kind
    assert ours.cross_kind.recall >= 0.73, ours.cross_kind


def test_beats_the_plain_baseline(ours: Scores) -> None:
    baseline = evaluate(BaselineMatcher(), load_labelled(DEV))
    assert ours.pairwise.f1 > baseline.pairwise.f1 + 0.3
    assert ours.bcubed.f1 > baseline.bcubed.f1


def test_labelled_set_is_the_expected_one() -> None:
    docs = load_labelled(DEV)
    assert len(docs) == 277
    assert sum(d.doc.at is None for d in docs) == 10
