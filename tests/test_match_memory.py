"""The matcher's memory is bounded by time: documents older than the window plus the retention are dropped (with
their postings and clock entries), and dropping them changes no link of documents that come in time order."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pipeline.match import index as match
from pipeline.match.evaluate import synthetic
from pipeline.match.matcher import Matcher
from pipeline.match.records import MatchConfig

START = datetime(2024, 3, 1, tzinfo=timezone(timedelta(hours=8)))


def test_dropping_old_documents_changes_no_link(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(match, "_COMPACT_AFTER", 2_000)  # cut postings and clock often
    docs = list(synthetic(3000, START, timedelta(days=12), seed=11, prefix="m"))
    bounded = Matcher(MatchConfig(window_hours=24.0))
    unbounded = Matcher(MatchConfig(window_hours=24.0, retention_hours=24.0 * 365))
    held = []
    for doc in docs:
        assert bounded.add(doc) == unbounded.add(doc)
        held.append(bounded.documents_held())
    # 48 hours of documents at 250 a day, plus the ten hours a document's time may lag behind its place in the stream.
    assert max(held) < 250 * 2.5
    assert unbounded.documents_held() == len(docs)
    assert len(bounded.index.clock) <= max(held) * 2  # the clock of dropped documents is let go too
    assert bounded.index.postings.held() < unbounded.index.postings.held() / 2
