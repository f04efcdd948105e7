"""The match stage in the database: event_regions filled from the places events are about, and re-running is safe."""

from __future__ import annotations

import json
from pathlib import Path

import db
from pipeline.cli.main import main
from pipeline.match.evidence import event_regions

CORPUS = Path(__file__).resolve().parents[1] / "bench" / "corpus" / "written_events.jsonl"


def imported(tmp_path: Path, *events: str) -> Path:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows if r["event_id"] in events), "utf-8")
    database = tmp_path / "data" / "tracker.duckdb"
    assert main(["import", str(path), "--db", str(database)]) == 0
    assert main(["match", "--db", str(database)]) == 0
    return database


def main_event(con: object, url_part: str) -> str:
    row = con.execute(  # type: ignore[attr-defined]
        "select ed.event_id, count(*) n from event_documents ed join documents d on d.doc_id = ed.doc_id "
        "where d.url like $pattern group by 1 order by n desc limit 1",
        {"pattern": f"%{url_part}%"},
    ).fetchone()
    return str(row[0])


def test_event_regions_are_the_county_named_and_its_governments_are_responsible(tmp_path: Path) -> None:
    database = imported(tmp_path, "W06-crash-baisha", "W07-boat-tongxi")
    with db.reader(database) as con:
        crash = main_event(con, "")  # the largest event: the crash told by most outlets
        regions = [r[0] for r in con.execute("select region from event_regions where event_id = $e", {"e": crash}).fetchall()]
        assert regions == ["江南省临江市白沙县"]
        roles = dict(
            con.execute("select source_id, role from event_responsible_sources where event_id = $e", {"e": crash}).fetchall()
        )
        assert roles.get("bs-gov") == "first"
        assert roles.get("lj-gov") == "upper" and roles.get("jn-gov") == "upper"
        assert "tx-gov" not in roles
        boat = main_event(con, "tx-gov.example.cn")
        regions = [r[0] for r in con.execute("select region from event_regions where event_id = $e", {"e": boat}).fetchall()]
        assert regions == ["湖南省岚州市桐溪县"]


def test_rerunning_match_changes_nothing(tmp_path: Path) -> None:
    database = imported(tmp_path, "W10-crash-baisha-s218", "W08-boat-qingtan")
    query = "select doc_id, event_id from event_documents order by doc_id"
    with db.reader(database) as con:
        before = con.execute(query).fetchall(), con.execute("select * from event_regions order by all").fetchall()
    assert main(["match", "--db", str(database)]) == 0
    with db.reader(database) as con:
        assert (con.execute(query).fetchall(), con.execute("select * from event_regions order by all").fetchall()) == before


def test_event_regions_keep_the_most_specific_places_named_by_enough_documents() -> None:
    county = ("江南省", "临江市", "青河县")
    assert event_regions([[county], [county[:2]], [county[:1]], [("全国",)]]) == ["江南省临江市青河县"]
    assert event_regions([[county]] * 9 + [[("江南省", "临江市", "白沙县")]]) == ["江南省临江市青河县"]
    assert event_regions([[("国外", "日本")]]) == []


def links(database: Path) -> dict[str, tuple[str, str | None, float]]:
    with db.reader(database) as con:
        rows = con.execute("select doc_id, event_id, matched_doc_id, score from event_documents").fetchall()
    return {doc_id: (event_id, matched, round(score, 4)) for doc_id, event_id, matched, score in rows}


def test_matching_in_several_runs_gives_the_links_of_one_pass(tmp_path: Path) -> None:
    """Later runs restore the term counts of every earlier document, not only of the time window's."""
    rows = sorted(
        (json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()),
        key=lambda r: (r["published_at"], r["doc_key"]),
    )
    cut = len(rows) * 2 // 3
    parts = {"all": [rows], "runs": [rows[: len(rows) // 3], rows[len(rows) // 3 : cut], rows[cut:]]}
    found = {}
    for name, batches in parts.items():
        database = tmp_path / name / "tracker.duckdb"
        for k, batch in enumerate(batches):
            path = tmp_path / f"{name}-{k}.jsonl"
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in batch), "utf-8")
            assert main(["import", str(path), "--db", str(database)]) == 0
            assert main(["match", "--db", str(database)]) == 0
        found[name] = links(database)
    assert len(found["all"]) == len(rows)
    assert found["runs"] == found["all"]
