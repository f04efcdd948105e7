"""`tracker match` starts from the term counts the last run stored, not from every earlier document, and counts
again from the start when the documents those counts stand for have changed (pipeline/match/countstore.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import db
from pipeline.cli.main import main
from pipeline.match import countstore
from pipeline.match.linking import _doc, _regions
from pipeline.match.matcher import Matcher

CORPUS = Path(__file__).resolve().parents[1] / "bench" / "corpus" / "written_events.jsonl"


def corpus_in_time_order() -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    return sorted(rows, key=lambda r: (r["published_at"], r["doc_key"]))


def import_and_match(tmp_path: Path, database: Path, rows: list[dict[str, Any]], name: str) -> None:
    path = tmp_path / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    assert main(["import", str(path), "--db", str(database)]) == 0
    assert main(["match", "--db", str(database)]) == 0


def stored(database: Path) -> countstore.StoredCounts:
    with db.reader(database) as con:
        found = countstore.load(con)
    assert found is not None
    return found


def counted_from_scratch(database: Path, before: object) -> tuple[tuple[str, ...], tuple[int, ...], int]:
    """The counts one matcher reaches by counting every linked document before `before`, in time order."""
    with db.reader(database) as con:
        matcher = Matcher(regions=_regions(con))  # as the match run makes it
        for row in db.query(con, "match/linked_before", {"since": before}):
            matcher.count_terms(_doc(row))
    counts = matcher.term_counts()
    return counts.terms, counts.df, counts.n_docs


@pytest.fixture
def counted_docs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the documents each match run counts (the real method runs; the ids are noted)."""
    seen: list[str] = []
    count_terms = Matcher.count_terms

    def noting(self: Matcher, doc: Any) -> None:
        seen.append(doc.doc_id)
        count_terms(self, doc)

    monkeypatch.setattr(Matcher, "count_terms", noting)
    return seen


def test_each_run_counts_only_the_documents_since_the_stored_counts(tmp_path: Path, counted_docs: list[str]) -> None:
    rows = corpus_in_time_order()
    database = tmp_path / "tracker.duckdb"
    third = len(rows) // 3
    runs = [rows[:third], rows[third : 2 * third], rows[2 * third :]]
    previous = 0
    for k, batch in enumerate(runs):
        counted_docs.clear()
        import_and_match(tmp_path, database, batch, f"run{k}")
        now, counted = stored(database), len(counted_docs)
        # Only the documents between the last stored time and this one were read and counted.
        assert counted == now.counts.n_docs - previous
        assert (now.counts.terms, now.counts.df, now.counts.n_docs) == counted_from_scratch(database, now.counted_before)
        previous = now.counts.n_docs
    assert previous - counted > 0  # the last run started from counts it did not make
    assert now.official_regions and len(set(now.official_regions)) == len(now.official_regions)


def test_changed_documents_before_the_stored_time_are_counted_again(tmp_path: Path, counted_docs: list[str]) -> None:
    rows = corpus_in_time_order()
    database = tmp_path / "tracker.duckdb"
    third = len(rows) // 3
    import_and_match(tmp_path, database, rows[:third], "first")
    import_and_match(tmp_path, database, rows[third : 2 * third], "second")
    first = stored(database)
    assert first.counts.n_docs > 0
    with db.writer(database) as con:
        changed = con.execute(
            "update documents set title = title || '（更正）' where doc_id = (select m.doc_id from match_documents m "
            "where m.matched_at < $before order by m.matched_at limit 1) returning doc_id",
            {"before": first.counted_before},
        ).fetchall()
    assert len(changed) == 1
    counted_docs.clear()

    import_and_match(tmp_path, database, rows[2 * third :], "third")
    second, counted = stored(database), list(counted_docs)
    # The fingerprint no longer matched: every document before the new time was counted, the changed one as it is.
    assert len(counted) == second.counts.n_docs
    assert changed[0][0] in counted
    assert (second.counts.terms, second.counts.df, second.counts.n_docs) == counted_from_scratch(
        database, second.counted_before
    )
    assert "（更正）" not in "".join(second.counts.terms)  # a parenthesis is not a term; the title's words are


def test_a_run_with_nothing_new_keeps_the_stored_counts(tmp_path: Path, counted_docs: list[str]) -> None:
    rows = corpus_in_time_order()
    database = tmp_path / "tracker.duckdb"
    import_and_match(tmp_path, database, rows[: len(rows) // 2], "first")
    before = stored(database)
    counted_docs.clear()
    assert main(["match", "--db", str(database)]) == 0
    assert counted_docs == []
    assert stored(database) == before
