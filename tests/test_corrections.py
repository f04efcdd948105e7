"""Analyst corrections (tracker link confirm|reject, tracker event merge|split) survive re-matching and rebuilds.

Documents come from the written corpus (bench/corpus) through `tracker import`, so they travel the real path:
landing files, load, match. A rebuild deletes the database file and runs `tracker load` + `tracker match`; the
corrections come back from corrections.jsonl beside it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

import db
from pipeline.cli.main import main

CORPUS = Path(__file__).resolve().parents[1] / "bench" / "corpus" / "written_events.jsonl"


def corpus(*events: str) -> list[dict[str, object]]:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if r["event_id"] in events]


def tracker(*args: str) -> None:
    assert main(list(args)) == 0, args


def load_rows(database: Path, rows: list[dict[str, object]], name: str) -> None:
    path = database.parent / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    tracker("import", str(path), "--db", str(database))
    tracker("match", "--db", str(database))


def events_by_url(database: Path) -> dict[str, str]:
    with db.reader(database) as con:
        rows = con.execute(
            "select d.url, ed.event_id from documents d join event_documents ed on ed.doc_id = d.doc_id"
        ).fetchall()
    return dict(rows)


def doc_id_of(database: Path, url: str) -> str:
    with db.reader(database) as con:
        return con.execute("select doc_id from documents where url = $url", {"url": url}).fetchone()[0]


def rebuild(database: Path) -> None:
    for path in database.parent.glob(database.name + "*"):
        path.unlink()
    tracker("load", "--db", str(database))
    tracker("match", "--db", str(database))


def groups(assignment: dict[str, str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for url, event in assignment.items():
        out[event].add(url)
    return out


@pytest.fixture()
def database(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "tracker.duckdb"
    path.parent.mkdir()
    return path


def test_rejected_link_survives_a_rerun_and_a_rebuild(database: Path) -> None:
    load_rows(database, corpus("W06-crash-baisha", "W10-crash-baisha-s218"), "crash.jsonl")
    before = events_by_url(database)
    biggest = max(groups(before).values(), key=len)
    rejected = sorted(biggest)[3]
    tracker("link", "reject", doc_id_of(database, rejected), "--db", str(database), "--note", "not the same crash")
    for step in ("after the correction", "after a re-run", "after a rebuild"):
        if step == "after a re-run":
            tracker("match", "--db", str(database))
        elif step == "after a rebuild":
            rebuild(database)
        now = events_by_url(database)
        others = {now[u] for u in biggest - {rejected}}
        assert now[rejected] not in others, step
        assert len(groups(now)[now[rejected]]) == 1, step


def test_merged_events_stay_one_event(database: Path) -> None:
    load_rows(database, corpus("W07-boat-tongxi", "W08-boat-qingtan", "W10-crash-baisha-s218"), "mix.jsonl")
    before = events_by_url(database)
    boat_a = {u for u, e in before.items() if "tx-" in u}
    boat_b = {u for u, e in before.items() if "qt-" in u}
    event_a, event_b = before[min(boat_a)], before[min(boat_b)]
    assert event_a != event_b
    tracker("event", "merge", event_a, event_b, "--db", str(database))
    for step in ("after the correction", "after a re-run", "after a rebuild"):
        if step == "after a re-run":
            tracker("match", "--db", str(database))
        elif step == "after a rebuild":
            rebuild(database)
        now = events_by_url(database)
        assert len({now[u] for u in boat_a | boat_b}) == 1, step


def test_split_stays_split_after_new_documents_arrive(database: Path) -> None:
    rows = sorted(corpus("W30-gas-donghu"), key=lambda r: str(r["published_at"]))
    load_rows(database, rows[:12], "first.jsonl")
    before = events_by_url(database)
    event, members = max(groups(before).items(), key=lambda p: len(p[1]))
    moved = sorted(members)[:2]
    tracker("event", "split", event, *[doc_id_of(database, u) for u in moved], "--db", str(database))
    load_rows(database, rows[12:], "later.jsonl")
    for step in ("after new documents", "after a rebuild"):
        if step == "after a rebuild":
            rebuild(database)
        now = events_by_url(database)
        assert now[moved[0]] == now[moved[1]], step
        assert now[moved[0]] not in {now[u] for u in members - set(moved)}, step


def test_confirmed_link_is_kept_and_unknown_ids_are_one_line_errors(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load_rows(database, corpus("W10-crash-baisha-s218"), "crash.jsonl")
    before = events_by_url(database)
    url = sorted(before)[1]
    tracker("link", "confirm", doc_id_of(database, url), "--db", str(database))
    rebuild(database)
    assert events_by_url(database)[url] == before[url]
    assert main(["link", "reject", "no-such-doc", "--db", str(database)]) == 2
    assert main(["event", "merge", "ev-x", "ev-y", "--db", str(database)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("tracker ") for line in err)
    with db.reader(database) as con:
        assert con.execute("select count(*) from corrections where action = 'link_confirm'").fetchone() == (1,)
