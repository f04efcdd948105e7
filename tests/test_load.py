import json
import shutil
from pathlib import Path

import db
from crawlers.landing import LandingWriter, RawStore, landing_files
from pipeline.load.loader import load_files
from pipeline.load.rows import document_id

SOURCE = {"record_type": "source", "source_id": "lj-gov", "name": "临江市人民政府", "kind": "official",
          "channel": "website", "region": "江南省临江市", "level": "city", "timezone": "Asia/Shanghai",
          "list_urls": ["http://127.0.0.1/lj/index.html"], "feeds": []}


def article(url: str, seen: str, title: str = "市政府召开新闻发布会", source: str | None = None) -> dict:
    return {"record_type": "article", "source_id": "lj-gov", "url": url, "title": title, "body": "正文",
            "published_at": "2026-10-12T09:30:00+08:00", "published_precision": "minute",
            "published_raw": "2026-10-12 09:30", "written_at": None, "declared_source": source,
            "first_seen_at": seen, "raw_sha256": None, "via": "list", "found_on": None, "methods": {}}


def land(directory: Path, run: str, records: list[dict]) -> Path:
    writer = LandingWriter(directory, run, "lj-gov")
    for record in records:
        writer.write(record)
    path = writer.flush()
    assert path is not None
    return path


def snapshot(path: Path) -> list[tuple]:
    with db.reader(path) as con:
        return con.execute(
            "select doc_id, title, published_at, first_seen_at, last_seen_at, declared_source_kind from documents order by doc_id"
        ).fetchall()


def test_same_file_twice_and_same_url_in_two_crawls_give_one_document(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    land(landing, "20261012T020000Z", [SOURCE, article("http://127.0.0.1/lj/a.html", "2026-10-12T02:00:00+00:00")])
    database = tmp_path / "t.duckdb"
    first = load_files(database, landing_files(landing))
    assert (first.files_loaded, first.documents) == (1, 1)
    before = snapshot(database)
    again = load_files(database, landing_files(landing))
    assert (again.files_loaded, again.files_skipped) == (0, 1)
    assert snapshot(database) == before

    land(landing, "20261013T020000Z", [
        article("http://127.0.0.1/lj/a.html", "2026-10-13T02:00:00+00:00", title="市政府召开新闻发布会（更新）"),
    ])
    load_files(database, landing_files(landing))
    rows = snapshot(database)
    assert len(rows) == 1
    doc_id, title, _published, first_seen, last_seen, _kind = rows[0]
    assert doc_id == document_id("lj-gov", "http://127.0.0.1/lj/a.html")
    assert title == "市政府召开新闻发布会（更新）"
    assert first_seen.isoformat().startswith("2026-10-12T10:00:00")
    assert last_seen.isoformat().startswith("2026-10-13T10:00:00")


def test_loading_order_does_not_change_first_seen(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    older = land(landing, "a", [SOURCE, article("http://127.0.0.1/lj/b.html", "2026-10-12T02:00:00+00:00")])
    newer = land(landing, "b", [article("http://127.0.0.1/lj/b.html", "2026-10-14T02:00:00+00:00")])
    forward, backward = tmp_path / "f.duckdb", tmp_path / "b.duckdb"
    load_files(forward, [older, newer])
    load_files(backward, [newer, older])
    assert snapshot(forward)[0][3] == snapshot(backward)[0][3]


def test_bad_lines_are_reported_and_good_lines_still_load(tmp_path: Path, capsys) -> None:
    landing = tmp_path / "landing"
    path = land(landing, "c", [SOURCE, article("http://127.0.0.1/lj/c.html", "2026-10-12T02:00:00+00:00")])
    with path.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
        handle.write(json.dumps(article("http://127.0.0.1/lj/d.html", "2026-10-12 02:00")) + "\n")
    report = load_files(tmp_path / "t.duckdb", [path])
    assert report.documents == 1
    assert len(report.problems) == 2
    err = capsys.readouterr().err
    assert "not valid JSON" in err
    assert "'lj-gov'" in err and "has no offset" in err


def test_declared_media_source_is_classified(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    land(landing, "d", [SOURCE, article("http://127.0.0.1/lj/e.html", "2026-10-12T02:00:00+00:00", source="临江日报")])
    load_files(tmp_path / "t.duckdb", landing_files(landing))
    assert snapshot(tmp_path / "t.duckdb")[0][5] == "media"


def test_unfinished_chunk_is_not_a_landing_file(tmp_path: Path) -> None:
    writer = LandingWriter(tmp_path, "run", "lj-gov", chunk_size=2)
    for n in range(3):
        writer.write(article(f"http://127.0.0.1/lj/{n}.html", "2026-10-12T02:00:00+00:00"))
    assert len(landing_files(tmp_path)) == 1  # the third record waits in a .tmp file
    writer.flush()
    assert len(landing_files(tmp_path)) == 2


def test_raw_store_is_content_addressed(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    digest = store.put(b"<html>\xc4\xe3\xba\xc3</html>")
    assert store.put(b"<html>\xc4\xe3\xba\xc3</html>") == digest
    assert store.get(digest) == b"<html>\xc4\xe3\xba\xc3</html>"
    assert len(list(tmp_path.rglob("*.gz"))) == 1
    shutil.rmtree(tmp_path / digest[:2])
