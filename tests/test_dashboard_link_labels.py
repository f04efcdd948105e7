"""The link explanation an analyst reads names each deciding feature in words."""

from __future__ import annotations

from dashboard.views.event_detail import FEATURE_LABELS, feature_text, link_explanation
from pipeline.match.features import FEATURES


def test_every_feature_of_the_link_decision_has_a_label() -> None:
    assert set(FEATURES) <= set(FEATURE_LABELS)


def test_stored_features_are_shown_in_words_with_their_weight() -> None:
    doc = {
        "score": 0.9453,
        "matched_doc_id": "d1",
        "shared_terms": ["新闻发布会", "上海市"],
        "deciding_features": ["event_containment +2.213", "c_recurrence -1.500"],
    }
    text = link_explanation(doc)
    assert "与整个事件的用词重合 +2.21" in text
    assert "同一来源隔日同一标题模板（下一期） -1.50" in text
    assert "event_containment" not in text
    assert feature_text("unknown_feature +0.5") == "unknown_feature +0.50"
