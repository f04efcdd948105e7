"""The real spider crawls the served demo world; every labelled event comes out as labelled."""

import json
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import db
from demo.sources import write_sources_toml
from tests.conftest import FAST_CRAWL, tracker

EXPECTED = json.loads((Path(__file__).resolve().parents[1] / "demo" / "expected.json").read_text(encoding="utf-8"))
EVENTS = {event["key"]: event for event in EXPECTED["events"]}


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def crawled(demo_site: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("e2e")
    sources = work / "sources.toml"
    write_sources_toml(demo_site, sources)
    database = work / "data" / "tracker.duckdb"
    crawl = tracker("crawl", "--sources", str(sources), "--db", str(database), *FAST_CRAWL)
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    match = tracker("match", "--db", str(database))
    assert match.returncode == 0, match.stderr[-3000:]
    return database


@pytest.fixture(scope="module")
def state(crawled: Path) -> dict[str, Any]:
    with db.reader(crawled) as con:
        docs = {
            path_of(url): {
                "doc_id": doc_id,
                "event_id": event_id,
                "published_at": published_at,
                "precision": precision,
                "declared_source": declared,
            }
            for doc_id, url, event_id, published_at, precision, declared in con.execute(
                "select d.doc_id, d.url, ed.event_id, d.published_at, d.published_precision, d.declared_source"
                " from documents d left join event_documents ed using (doc_id)"
            ).fetchall()
        }
        timeliness = {
            row[0]: {"lag_hours": row[1], "official_first": row[2], "n_media": row[3], "n_official": row[4]}
            for row in con.execute(
                "select event_id, lag_hours, official_first, n_media, n_official from event_timeliness"
            ).fetchall()
        }
        responses = {
            (row[0], row[1]): {"first_at": row[2], "lag_hours": row[3], "is_repost": row[4]}
            for row in con.execute(
                "select event_id, source_id, first_at, lag_hours, is_repost from event_official_responses"
            ).fetchall()
        }
    return {"docs": docs, "timeliness": timeliness, "responses": responses}


def test_every_demo_article_is_captured_with_its_time_and_source(state: dict[str, Any]) -> None:
    problems = []
    for event in EVENTS.values():
        for doc in event["documents"]:
            got = state["docs"].get(doc["url"])
            if got is None:
                problems.append(f"{doc['url']}: not captured")
                continue
            if got["published_at"] is None or got["published_at"].isoformat()[:16] != doc["published_at"][:16]:
                problems.append(f"{doc['url']}: published {got['published_at']} != {doc['published_at']}")
            allowed = {"minute", "second"} if doc["precision"] == "minute" else {doc["precision"]}
            if got["precision"] not in allowed:
                problems.append(f"{doc['url']}: precision {got['precision']} != {doc['precision']}")
            if (
                doc.get("declared_source")
                and doc["source_id"] in {"jn-gov", "lj-gov", "qh-gov"}
                and got["declared_source"] != doc["declared_source"]
            ):
                problems.append(f"{doc['url']}: 来源 {got['declared_source']!r} != {doc['declared_source']!r}")
    assert not problems, "\n".join(problems)
    expected_urls = {doc["url"] for event in EVENTS.values() for doc in event["documents"]}
    assert set(state["docs"]) == expected_urls, "captured pages that are not articles"


@pytest.mark.parametrize("key", sorted(EVENTS))
def test_event_is_linked_and_measured_as_labelled(state: dict[str, Any], key: str) -> None:
    event = EVENTS[key]
    docs = state["docs"]
    event_ids = {docs[d["url"]]["event_id"] for d in event["documents"] if d["url"] in docs}
    assert len(event_ids) == 1, f"{key}: split over {len(event_ids)} events"
    event_id = event_ids.pop()
    members = {url for url, doc in docs.items() if doc["event_id"] == event_id}
    assert members == {d["url"] for d in event["documents"]}, f"{key}: merged with other documents"
    got = state["timeliness"][event_id]
    assert got["official_first"] == event["official_first"]
    if event["lag_hours"] is None:
        assert got["lag_hours"] is None
    else:
        assert got["lag_hours"] == pytest.approx(event["lag_hours"], abs=0.01)  # to the minute
    assert (got["n_media"], got["n_official"]) == (event["n_media"], event["n_official"])
    for response in event["official_responses"]:
        row = state["responses"][(event_id, response["source_id"])]
        assert row["first_at"].isoformat()[:16] == response["first_at"][:16]
        assert row["is_repost"] == response["is_repost"], f"{key}: {response['source_id']} is_repost"


def test_reloading_the_same_landing_files_changes_nothing(crawled: Path, tmp_path: Path) -> None:
    copy = tmp_path / "data" / "tracker.duckdb"
    shutil.copytree(crawled.parent, copy.parent)

    def snapshot() -> list[tuple]:
        with db.reader(copy) as con:
            return (
                con.execute(
                    "select doc_id, title, body, published_at, first_seen_at, last_seen_at from documents order by doc_id"
                ).fetchall()
                + con.execute("select count(*) from listings").fetchall()
            )

    before = snapshot()
    result = tracker("load", "--db", str(copy))
    assert result.returncode == 0, result.stderr
    assert "loaded 0 landing file(s)" in result.stdout
    for name in (copy.parent / "landing").glob("*.jsonl"):  # even renamed copies of the same files
        shutil.copy(name, name.with_name(f"zz-copy-{name.name}"))
    tracker("load", "--db", str(copy))
    assert snapshot() == before


def test_broken_source_gives_a_clear_error_and_the_others_are_crawled(demo_site: str, tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    write_sources_toml(demo_site, sources)
    text = sources.read_text(encoding="utf-8")
    text += (
        '\n[[source]]\nid = "gone-gov"\nname = "已关闭的政府网站"\nkind = "official"\n'
        'list_urls = ["http://127.0.0.1:9/closed/index.html"]\n'
        '\n[[source]]\nid = "moved-gov"\nname = "改版的政府网站"\nkind = "official"\n'
        f'list_urls = ["{demo_site}/moved-away/index.html"]\n'
    )
    sources.write_text(text, encoding="utf-8")
    database = tmp_path / "data" / "tracker.duckdb"
    result = tracker("crawl", "--sources", str(sources), "--db", str(database), *FAST_CRAWL)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stderr.splitlines()
    assert any("source 'gone-gov'" in line and "could not fetch" in line for line in lines), result.stderr[-2000:]
    assert any("source 'moved-gov'" in line and "HTTP 404" in line for line in lines), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    with db.reader(database) as con:
        per_source = dict(con.execute("select source_id, count(*) from documents group by 1").fetchall())
        errors = dict(con.execute("select source_id, count(*) from fetch_errors group by 1").fetchall())
    assert per_source.get("jn-gov", 0) >= 10 and per_source.get("ljrb", 0) >= 10
    assert "gone-gov" not in per_source and errors["gone-gov"] >= 1 and errors["moved-gov"] >= 1


PUBLIC_VIEWS = {
    "event_timeliness": "event_id",
    "event_official_responses": "event_id, source_id",
    "events": "event_id",
    "event_documents": "doc_id",
    "document_copies": "doc_id, copied_doc_id",
}


def _answers(path: Path) -> dict[str, list[tuple]]:
    with db.reader(path) as con:
        answers = {}
        for name, order in PUBLIC_VIEWS.items():
            columns = [
                c[0] for c in con.execute(f"select * from {name} limit 0").description  # noqa: S608 - fixed names
                if c[0] not in {"created_at", "linked_at"}
            ]
            answers[name] = con.execute(
                f"select {', '.join(columns)} from {name} order by {order}"  # noqa: S608 - fixed names
            ).fetchall()
        answers["documents"] = con.execute(
            "select doc_id, source_id, url, title, body, published_at, published_precision, declared_source,"
            " first_seen_at from documents order by doc_id"
        ).fetchall()
    return answers


def test_database_rebuilt_from_landing_files_gives_identical_answers(crawled: Path, tmp_path: Path) -> None:
    rebuilt = tmp_path / "data" / "tracker.duckdb"
    shutil.copytree(crawled.parent / "landing", rebuilt.parent / "landing")
    shutil.copytree(crawled.parent / "raw", rebuilt.parent / "raw")
    for command in (("load", "--db", str(rebuilt)), ("match", "--db", str(rebuilt))):
        result = tracker(*command)
        assert result.returncode == 0, result.stderr[-2000:]
    original, again = _answers(crawled), _answers(rebuilt)
    for name in original:
        assert again[name] == original[name], f"{name} differs after a rebuild"
    assert len(original["documents"]) == sum(len(e["documents"]) for e in EVENTS.values())
