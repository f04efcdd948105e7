"""The plain baseline: jieba TF-IDF cosine over title + body, one threshold, greedy single-link."""

from __future__ import annotations

import math

from pipeline.match.records import Link, MatchDoc, new_event_id
from pipeline.match.tokenize import get_tokenizer, normalize


class BaselineMatcher:
    """TF-IDF cosine (smoothed IDF learned from what is indexed) over title + body; joins the event of the most
    similar earlier document within the time window if the cosine reaches the threshold. Exact: every indexed
    document sharing a term is scored, through an inverted index over all terms. A document's norm is fixed when
    it is indexed."""

    def __init__(self, threshold: float = 0.5, window_hours: float = 96.0) -> None:
        self.threshold = threshold
        self.window = window_hours * 3600.0
        self.tokenizer = get_tokenizer()
        self._df: dict[str, int] = {}
        self._n = 0
        self._docs: list[tuple[str, str, float | None, dict[str, float], float]] = []
        self._postings: dict[str, list[int]] = {}

    def _tf(self, doc: MatchDoc) -> dict[str, float]:
        counts: dict[str, float] = {}
        for term in self.tokenizer.terms(normalize(doc.title + "\n" + doc.body)):
            counts[term] = counts.get(term, 0.0) + 1.0
        return counts

    def _idf(self, term: str) -> float:
        return math.log((self._n + 1) / (self._df.get(term, 0) + 1)) + 1.0

    def _index(self, doc: MatchDoc, tf: dict[str, float], event_id: str) -> None:
        self._n += 1
        index = len(self._docs)
        for term in tf:
            self._df[term] = self._df.get(term, 0) + 1
            self._postings.setdefault(term, []).append(index)
        norm = math.sqrt(sum((w * self._idf(t)) ** 2 for t, w in tf.items()))
        self._docs.append((doc.doc_id, event_id, doc.at.timestamp() if doc.at else None, tf, norm))

    def restore(self, doc: MatchDoc, event_id: str) -> None:
        self._index(doc, self._tf(doc), event_id)

    def add(self, doc: MatchDoc) -> Link:
        tf = self._tf(doc)
        ts = doc.at.timestamp() if doc.at else None
        idf = {t: self._idf(t) for t in tf}
        norm = math.sqrt(sum((w * idf[t]) ** 2 for t, w in tf.items()))
        dots: dict[int, float] = {}
        for term, w in tf.items():
            for index in self._postings.get(term, ()):
                other_ts = self._docs[index][2]
                if ts is not None and other_ts is not None and abs(ts - other_ts) > self.window:
                    continue
                dots[index] = dots.get(index, 0.0) + w * self._docs[index][3][term] * idf[term] ** 2
        best_index, best = -1, 0.0
        for index, dot in sorted(dots.items()):
            other_norm = self._docs[index][4]
            score = dot / (norm * other_norm) if norm and other_norm else 0.0
            if score > best:
                best_index, best = index, score
        if best_index < 0 or best < self.threshold:
            event_id = new_event_id(doc.doc_id)
            self._index(doc, tf, event_id)
            return Link(doc.doc_id, event_id, 1.0, None, ())
        other_id, event_id = self._docs[best_index][0], self._docs[best_index][1]
        self._index(doc, tf, event_id)
        return Link(doc.doc_id, event_id, round(best, 4), other_id, ())
