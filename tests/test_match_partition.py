"""Partitioned matching (pipeline/match/partition.py) gives exactly the links of one matcher fed the same documents
in order: the same events, scores and explanations, however the stream is cut and however many processes run."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from pipeline.match.evaluate import load_labelled, registry_regions, synthetic
from pipeline.match.matcher import Matcher
from pipeline.match.partition import match_partitioned, run_partitioned
from pipeline.match.records import Link, MatchConfig, MatchDoc

ROOT = Path(__file__).resolve().parents[1]
WRITTEN = ROOT / "bench" / "corpus" / "written_events.jsonl"
DEV = ROOT.parent / "shared" / "fixtures" / "events" / "events_dev.jsonl"
CST = timezone(timedelta(hours=8))
START = datetime(2024, 5, 1, tzinfo=CST)


def one_process(docs: list[MatchDoc], config: MatchConfig | None = None, regions: list[str] | None = None) -> list[Link]:
    matcher = Matcher(config, regions or [])
    return [matcher.add(doc) for doc in docs]


@pytest.mark.parametrize("slices", [2, 5])
def test_written_corpus(slices: int) -> None:
    labelled = load_labelled(WRITTEN)
    docs, regions = [item.doc for item in labelled], registry_regions(labelled)
    single = one_process(docs, regions=regions)
    assert match_partitioned(docs, regions=regions, processes=2, slices=slices) == single
    assert len({link.event_id for link in single}) > 40


@pytest.mark.skipif(not DEV.exists(), reason=f"labelled set not found at {DEV}")
def test_real_set_with_untimed_documents_at_the_end() -> None:
    docs = [item.doc for item in load_labelled(DEV)]
    assert match_partitioned(docs, processes=2, slices=3) == one_process(docs)


def test_synthetic_stream() -> None:
    config = MatchConfig(window_hours=24.0)  # a short window: the warm-ups are a small part of each slice
    docs = list(synthetic(3000, START, timedelta(days=8), seed=21, prefix="p"))
    single = one_process(docs, config)
    run = run_partitioned(docs, config, processes=2, slices=4)
    assert run.links == single
    assert run.relinked == 0  # events of a few hours: every warm-up got them right
    assert sum(link.matched_doc_id is not None for link in single) > 1000


def chain(days: int, every_hours: int) -> list[MatchDoc]:
    """One county notice reposted every `every_hours` hours: each copy links to the one before, so the event goes on
    longer than a window, and a slice's warm-up does not hold its first document."""
    return [
        MatchDoc(
            f"chain-{h:03d}",
            f"gov-{h % 3}",
            "official",
            "江南省临江市青河县",
            "青河县持续开展城区河道清淤整治工作",
            "县水务局组织力量对城区河道开展清淤整治，沿线居民反映的河水异味问题得到缓解，整治将持续到汛期前。",
            START + timedelta(hours=h),
        )
        for h in range(0, days * 24, every_hours)
    ]


def test_an_event_longer_than_the_warm_up_is_stitched_by_linking_again() -> None:
    config = MatchConfig(window_hours=24.0)
    noise = list(synthetic(1200, START, timedelta(days=8), seed=5, prefix="q"))
    docs = sorted(noise + chain(5, 20), key=lambda d: (d.at, d.doc_id))
    regions = ["江南省临江市青河县"]
    single = one_process(docs, config, regions)
    assert len({link.event_id for link in single if link.doc_id.startswith("chain-")}) == 1
    run = run_partitioned(docs, config, regions, processes=2, slices=3)
    assert run.links == single
    assert 0 < run.relinked < len(docs) // 3  # linked again only until the chain is out of reach
