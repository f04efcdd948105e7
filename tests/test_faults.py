"""F10 (an item pipeline stage raises for one item), quarantine replay, orphan salvage and a rebuild."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import db
from crawlers.landing import LandingWriter, landing_files
from tests.conftest import FAST_CRAWL, tracker
from tests.loopback import LoopbackServer
from tests.test_bad_inputs import articles, src, write_toml

pytestmark = pytest.mark.timeout(240)


class ExplodingPipeline:
    """Fails on one item, as a jieba crash would."""

    def process_item(self, item: Any) -> Any:
        if "第2次" in (getattr(item, "title", "") or ""):
            raise RuntimeError("tokenizer crashed on this item")
        return item


PIPELINES = json.dumps({"tests.test_faults.ExplodingPipeline": 400, "crawlers.pipelines.LandingPipeline": 500})


def rows(database: Path, sql: str) -> list[tuple]:
    with db.reader(database) as con:
        return con.execute(sql).fetchall()


def test_f10_failed_item_is_quarantined_replayed_and_survives_a_rebuild(tmp_path: Path) -> None:
    with LoopbackServer({**articles("gov", 3), **articles("news", 2)}) as server:
        write_toml([src("lj-gov", "official", lists=[server.url("/gov/index.html")]),
                    src("ljrb", "media", lists=[server.url("/news/index.html")])], tmp_path / "sources.toml")
        database = tmp_path / "data" / "tracker.duckdb"
        result = tracker("crawl", "--sources", str(tmp_path / "sources.toml"), "--db", str(database), *FAST_CRAWL,
                         "-s", f"ITEM_PIPELINES={PIPELINES}")
    assert result.returncode == 0, result.stderr[-2000:]
    assert rows(database, "select source_id, count(*) from documents group by 1 order by 1") == [("lj-gov", 2),
                                                                                                ("ljrb", 1)]
    quarantined = rows(database, "select source_id, stage, error, replayed_at from quarantine order by 1")
    assert [(q[0], q[1], q[3]) for q in quarantined] == [("lj-gov", "pipeline", None), ("ljrb", "pipeline", None)]
    assert all("tokenizer crashed" in q[2] for q in quarantined)
    assert rows(database, "select outcome, count(*) from item_outcomes group by 1 order by 1") == [
        ("quarantined", 2), ("stored", 3)]

    replayed = tracker("replay", "--db", str(database))
    assert replayed.returncode == 0, replayed.stderr
    assert "replayed 2 quarantined item(s)" in replayed.stdout and "2 stored" in replayed.stdout
    assert rows(database, "select count(*) from documents")[0][0] == 5
    assert rows(database, "select count(*) from quarantine where replayed_at is null")[0][0] == 0
    again = tracker("replay", "--db", str(database))
    assert "replayed 0 quarantined item(s)" in again.stdout

    before = rows(database, "select doc_id, title, published_at, first_seen_at from documents order by 1")
    database.unlink()
    rebuilt = tracker("load", "--db", str(database))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rows(database, "select doc_id, title, published_at, first_seen_at from documents order by 1") == before
    assert rows(database, "select count(*) from quarantine where replayed_at is null")[0][0] == 0


def test_loader_quarantines_bad_records_and_they_are_listed(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    writer = LandingWriter(landing, "run1", "lj-gov")
    writer.write({"record_type": "article", "source_id": "lj-gov", "url": "http://127.0.0.1/a.html", "title": "t",
                  "first_seen_at": "2026-05-01 10:00"})  # no offset: cannot be placed in time
    writer.write({"record_type": "listing", "source_id": "lj-gov", "page_url": "http://127.0.0.1/",
                  "fetched_at": "yesterday", "article_urls": []})
    writer.flush()
    database = tmp_path / "tracker.duckdb"
    result = tracker("load", "--db", str(database))
    assert result.returncode == 0
    assert "source 'lj-gov'" in result.stderr
    got = rows(database, "select source_id, stage, url from quarantine order by url")
    assert got == [("lj-gov", "load", "http://127.0.0.1/"), ("lj-gov", "load", "http://127.0.0.1/a.html")]
    assert rows(database, "select count(*) from item_outcomes where outcome = 'quarantined'")[0][0] == 2


def test_chunk_of_a_dead_writer_is_salvaged_line_by_line(tmp_path: Path) -> None:
    dead_pid = 2**22 + 12345  # above the default pid_max: never a live process
    tmp = tmp_path / f".run-lj-gov-0000.{dead_pid}.jsonl.tmp"
    tmp.write_text('{"record_type": "listing", "n": 1}\n{"record_type": "listing", "n": 2}\n{"record_ty',
                   encoding="utf-8")
    live = LandingWriter(tmp_path, "run", "ljrb")
    live.write({"record_type": "listing", "n": 3})
    files = landing_files(tmp_path)
    assert [f.name for f in files] == [f"run-lj-gov-0000-salvaged{dead_pid}.jsonl"]
    assert files[0].read_text(encoding="utf-8").count("\n") == 2
    assert (tmp_path / "quarantine" / f"run-lj-gov-0000.{dead_pid}.partial").read_bytes() == b'{"record_ty'
    assert live.tmp_path is not None and live.tmp_path.exists()  # a live writer's chunk is left alone
    shutil.rmtree(tmp_path / "quarantine")
