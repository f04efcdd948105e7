"""DuckLake with a real PostgreSQL catalog: concurrent sharded loaders, dedup, crashes, and the analysis file.

The session starts its own PostgreSQL cluster with scripts/start-postgres.sh on a free 127.0.0.1 port and stops it
at the end; each test gets a database of its own.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import free_port

import db
from db.lake import connect_lake
from pipeline.load import lake, lake_export
from pipeline.load.lake import LANDING_COLUMNS, load_landing_to_lake, shard_of
from pipeline.load.rows import document_id

ROOT = Path(__file__).resolve().parents[1]
PARQUET_SCHEMA = pa.schema([(name, pa.string()) for name in LANDING_COLUMNS])


def tracker(*args: str, env: dict[str, str] | None = None, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                          timeout=timeout, check=False, cwd=ROOT, env={**os.environ, **(env or {})})


def article(source: str, n: int, seen: str, title: str | None = None) -> dict:
    return {"record_type": "article", "source_id": source, "url": f"https://{source}.example.cn/art/{n}.html",
            "title": title or f"{source} 第{n}号通报", "body": f"关于第{n}号事项的情况通报。" * 20,
            "published_at": "2026-10-11T09:30:00+08:00", "published_precision": "minute",
            "published_raw": "2026-10-11 09:30", "written_at": None, "declared_source": None,
            "first_seen_at": seen, "raw_sha256": None, "via": "list",
            "found_on": f"https://{source}.example.cn/list.html", "encoding": "utf-8", "methods": {"title": "h1"}}


def listing(source: str, seen: str, urls: list[str]) -> dict:
    return {"record_type": "listing", "source_id": source, "page_url": f"https://{source}.example.cn/list.html",
            "fetched_at": seen, "article_urls": urls}


def poll(source: str, run: str, seen: str) -> dict:
    return {"record_type": "poll", "source_id": source, "run_id": run, "polled_at": seen, "entry_ok": 1,
            "entry_failed": 0, "blocked": 0, "fetch_failed": 1, "articles": 3, "quarantined": 0, "error": None}


def _url_at(record: dict) -> tuple[str | None, str]:
    kind = record["record_type"]
    url = record.get("page_url") if kind == "listing" else record.get("url")
    at = record.get("first_seen_at") or record.get("fetched_at") or record.get("polled_at") or record.get("at")
    return url, str(at or "2026-10-11T00:00:00+00:00")


def land_parquet(landing: Path, run: str, source: str, records: list[dict], chunk: int = 0,
                 day: str = "2026-10-11") -> Path:
    """One landing Parquet file as the crawler's ParquetLandingWriter writes it."""
    rows = []
    for record in records:
        url, at = _url_at(record)
        rows.append({"record_type": record["record_type"], "source_id": source, "url": url, "at": at,
                     "record": json.dumps(record, ensure_ascii=False, sort_keys=True)})
    folder = landing / f"day={day}" / f"source={source}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{run}-w1-{chunk:04d}.parquet"
    pq.write_table(pa.Table.from_pylist(rows, schema=PARQUET_SCHEMA), path)
    return path


def land_jsonl(landing: Path, run: str, source: str, records: list[dict], chunk: int = 0) -> Path:
    """The same records as a JSONL landing file `<run>-<source>-<NNNN>.jsonl`, for a direct `tracker load`."""
    landing.mkdir(parents=True, exist_ok=True)
    path = landing / f"{run}-{source}-{chunk:04d}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records),
                    encoding="utf-8")
    return path


def sources_in_both_shards(n: int) -> list[str]:
    """n source ids, half of them in shard 0 of 2 and half in shard 1."""
    picked: dict[int, list[str]] = {0: [], 1: []}
    for i in itertools.count():
        source = f"src-{i}"
        if len(picked[shard_of(source, 2)]) < n // 2:
            picked[shard_of(source, 2)].append(source)
        if sum(map(len, picked.values())) == n:
            return picked[0] + picked[1]
    raise AssertionError("unreachable")


def lake_rows(dsn: str, data: Path, sql: str) -> list[tuple]:
    con = connect_lake(dsn, data)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_unreachable_catalog_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "landing").mkdir()
    dsn = f"dbname=tracker host=127.0.0.1 port={free_port()} user=postgres password=hunter2"
    for args in (["lake-load", "--landing", str(tmp_path / "landing"), "--catalog", dsn,
                  "--data-path", str(tmp_path / "data")],
                 ["load", "--from-lake", dsn, "--lake-data", str(tmp_path / "data"), "--db", str(tmp_path / "a.duckdb")]):
        result = tracker(*args)
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith(f"tracker {args[0]}: DuckLake catalog "), lines[0]
        assert "unreachable" in lines[0] and "hunter2" not in lines[0]


def test_an_unreadable_landing_file_is_reported_and_the_others_load(catalog: str, tmp_path: Path) -> None:
    landing, data = tmp_path / "landing", tmp_path / "lake"
    good = land_parquet(landing, "20261011T010000Z", "lj-gov", [article("lj-gov", 1, "2026-10-11T01:00:00+00:00")])
    (good.parent / "20261011T020000Z-w1-0000.parquet").write_bytes(b"PAR1 not really")
    pq.write_table(pa.table({"record": ["{}"]}), good.parent / "20261011T030000Z-w1-0000.parquet")
    result = tracker("lake-load", "--landing", str(landing), "--catalog", catalog, "--data-path", str(data))
    assert result.returncode == 1
    problems = result.stderr.strip().splitlines()
    assert len(problems) == 2 and all("will be retried by the next run" in p for p in problems), problems
    assert "missing column(s) record_type, source_id, url, at" in problems[1]
    assert "loaded 1 landing file(s), 1 record(s), 1 new document(s)" in result.stdout and "2 failed" in result.stdout


def test_two_sharded_loaders_commit_concurrently_and_load_every_file_once(catalog: str, tmp_path: Path) -> None:
    landing, data = tmp_path / "landing", tmp_path / "lake"
    sources = sources_in_both_shards(6)
    n_files = 0
    for source in sources:
        for chunk in range(6):
            seen = f"2026-10-11T0{chunk}:00:00+00:00"
            # 20 articles a file, 5 of them also in the previous chunk: captured twice.
            land_parquet(landing, f"20261011T0{chunk}0000Z", source,
                         [article(source, chunk * 15 + i, seen) for i in range(20)] + [poll(source, "r", seen)])
            n_files += 1
    # Small batches, so each loader commits several transactions while the other does.
    common = ["lake-load", "--landing", str(landing), "--catalog", catalog, "--data-path", str(data), "--shards", "2",
              "--batch-files", "3"]
    connect_lake(catalog, data).close()  # the tables exist before the race (creating them at once also works)
    loaders = [subprocess.Popen([sys.executable, "-m", "pipeline.cli", *common, "--shard", str(k)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k in (0, 1)]
    outputs = [loader.communicate(timeout=600) for loader in loaders]
    for loader, (out, err) in zip(loaders, outputs, strict=True):
        assert loader.returncode == 0, err
        assert f"loaded {n_files // 2} landing file(s)" in out, out
    files = lake_rows(catalog, data, "select file_name, shard, loaded_by, loaded_at from lake.lake_files")
    assert len(files) == n_files == len({f[0] for f in files})
    assert {f[1] for f in files} == {0, 1} and len({f[2] for f in files}) == 2
    spans = {}
    for _name, shard, _by, at in files:
        spans[shard] = (min(spans.get(shard, (at, at))[0], at), max(spans.get(shard, (at, at))[1], at))
    assert spans[0][0] < spans[1][1] and spans[1][0] < spans[0][1], spans  # their commits interleaved
    expected_documents = len(sources) * (5 * 15 + 20)
    assert lake_rows(catalog, data, "select count(*), count(distinct doc_key) from lake.lake_documents") == [
        (expected_documents, expected_documents)]
    assert lake_rows(catalog, data, "select count(*) from lake.lake_captures")[0][0] == n_files * 20
    assert lake_rows(catalog, data, "select count(*) from lake.lake_records")[0][0] == n_files

    for k in (0, 1):
        again = tracker(*common, "--shard", str(k))
        assert again.returncode == 0, again.stderr
        assert "loaded 0 landing file(s), 0 record(s)" in again.stdout and f"{n_files // 2} already loaded" in again.stdout


def test_a_document_captured_twice_is_one_row_with_the_earliest_first_seen(catalog: str, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    landing, data = tmp_path / "landing", tmp_path / "lake"
    late = article("xw-media", 1, "2026-10-11T05:00:00+00:00", title="后来的标题")
    land_parquet(landing, "20261011T050000Z", "xw-media", [late, article("xw-media", 2, "2026-10-11T05:00:00+00:00")])
    con = connect_lake(catalog, data)
    try:
        first = load_landing_to_lake(con, landing)
        assert (first.files_loaded, first.documents_new, first.duplicates) == (1, 2, 0)
        # A slower crawler's file with an earlier capture arrives later; then a later capture again.
        early = article("xw-media", 1, "2026-10-11T01:00:00+00:00", title="最早的标题")
        land_parquet(landing, "20261011T010000Z", "xw-media", [early, early])  # twice in one file too
        land_parquet(landing, "20261011T090000Z", "xw-media", [article("xw-media", 1, "2026-10-11T09:00:00+00:00")])
        folder = landing / "day=2026-10-11" / "source=xw-media"
        (folder / ".20261011T100000Z-w1-0000.parquet.4242.tmp").write_bytes(b"PAR1 half written")  # being written
        (folder / ".hidden.parquet").write_bytes(b"not a landing file")
        second = load_landing_to_lake(con, landing)
        assert (second.files_loaded, second.files_skipped) == (2, 1)
        assert (second.documents_new, second.documents_earlier, second.duplicates) == (0, 1, 2)
        rows = con.execute("select doc_key, first_seen_at, record from lake.lake_documents "
                           "where url like '%/1.html'").fetchall()
        assert len(rows) == 1
        key, first_seen, record = rows[0]
        assert key == document_id("xw-media", late["url"])
        assert first_seen.isoformat() == "2026-10-11T01:00:00+00:00"
        assert json.loads(record)["title"] == "最早的标题"
        assert con.execute("select count(*) from lake.lake_captures where doc_key = ?", [key]).fetchone() == (4,)
        third = load_landing_to_lake(con, landing)
        assert (third.files_loaded, third.records) == (0, 0)

        # Exported for the analysis file, one lake file at a time (so the 05:00 capture's record is found where it
        # moved): every capture is the earliest record with its own first_seen_at.
        monkeypatch.setattr(lake_export, "EXPORT_BATCH_FILES", 1)
        exported = lake_export.export_lake_landing(con, tmp_path / "export")
        assert [p.name.split("-")[0] for p in exported] == ["20261011T010000Z", "20261011T050000Z", "20261011T090000Z"]
        captures = [json.loads(line) for p in exported for line in p.read_text(encoding="utf-8").splitlines()]
        of_one = [(c["title"], c["first_seen_at"]) for c in captures if c["url"] == late["url"]]
        assert of_one == [("最早的标题", "2026-10-11T01:00:00+00:00")] * 2 + [
            ("最早的标题", "2026-10-11T05:00:00+00:00"), ("最早的标题", "2026-10-11T09:00:00+00:00")]
        assert len(captures) == 5
    finally:
        con.close()


def test_a_commit_conflict_with_another_loader_is_retried(catalog: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """DuckLake aborts two concurrent deletes from one table (an earlier capture replaces a document's record in
    both loaders); the loser's file transaction is redone and nothing is lost."""
    landing, data = tmp_path / "landing", tmp_path / "lake"
    for source in ("lj-gov", "lj-daily"):
        land_parquet(landing, "20261011T050000Z", source, [article(source, i, "2026-10-11T05:00:00+00:00")
                                                           for i in range(12)])
    con, other = connect_lake(catalog, data), connect_lake(catalog, data)
    try:
        assert load_landing_to_lake(con, landing).documents_new == 24
        land_parquet(landing, "20261011T010000Z", "lj-gov", [article("lj-gov", 1, "2026-10-11T01:00:00+00:00")])
        # The other loader (the lj-daily shard) replaces one of its documents and commits while ours is in flight.
        other.execute("begin")
        other.execute("delete from lake.lake_documents where source_id = 'lj-daily' and url like '%/3.html'")
        calls: list[str] = []

        def commit_the_other_one(name: str, index: int) -> None:
            calls.append(name)
            if name == "lake-before-commit" and calls.count(name) == 1:
                other.execute("commit")

        monkeypatch.setattr(lake, "_failpoint", commit_the_other_one)
        report = load_landing_to_lake(con, landing)
        assert (report.files_loaded, report.documents_earlier, report.retries) == (1, 1, 1)
        assert calls.count("lake-before-commit") == 2
        first_seen = con.execute("select first_seen_at from lake.lake_documents where source_id = 'lj-gov' "
                                 "and url like '%/1.html'").fetchall()
        assert [row[0].isoformat() for row in first_seen] == ["2026-10-11T01:00:00+00:00"]
        assert con.execute("select count(*) from lake.lake_files").fetchone() == (3,)
    finally:
        con.close()
        other.close()


@pytest.mark.parametrize("batch_files", ["1", "2"])
@pytest.mark.parametrize("failpoint", ["lake-before-commit:2", "lake-after-commit:1"])
def test_a_killed_loader_loses_nothing_after_a_rerun(catalog: str, tmp_path: Path, failpoint: str,
                                                     batch_files: str) -> None:
    landing, data = tmp_path / "landing", tmp_path / "lake"
    for chunk in range(5):
        seen = f"2026-10-11T0{chunk}:00:00+00:00"
        land_parquet(landing, f"20261011T0{chunk}0000Z", "lj-gov",
                     [article("lj-gov", chunk * 10 + i, seen) for i in range(12)])  # 2 overlap the next file
    common = ["lake-load", "--landing", str(landing), "--catalog", catalog, "--data-path", str(data),
              "--batch-files", batch_files]
    killed = tracker(*common, env={"TRACKER_FAILPOINT": failpoint})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    committed = 2
    assert lake_rows(catalog, data, "select count(*) from lake.lake_files")[0][0] == committed
    rerun = tracker(*common)
    assert rerun.returncode == 0, rerun.stderr
    assert f"loaded {5 - committed} landing file(s)" in rerun.stdout, rerun.stdout
    assert lake_rows(catalog, data, "select count(*), count(distinct file_name) from lake.lake_files") == [(5, 5)]
    assert lake_rows(catalog, data, "select count(*), count(distinct doc_key) from lake.lake_documents") == [(52, 52)]
    assert lake_rows(catalog, data, "select count(*) from lake.lake_captures")[0][0] == 60


def _analysis(path: Path) -> dict[str, list[tuple]]:
    queries = {
        "documents": "select * exclude (absent_at, bounds_seen_at) from documents order by doc_id",
        "sources": "select * exclude (updated_at) from sources order by source_id",
        "listings": "select source_id, page_url, fetched_at, article_urls from listings order by all",
        "fetch_errors": "select source_id, url, fetched_at, error from fetch_errors order by all",
        "polls": "select * from source_polls order by all",
        "quarantine": "select quarantine_id, source_id, url, stage, error from quarantine order by all",
        "outcomes": "select run_id, source_id, url, doc_id, outcome from item_outcomes order by all",
    }
    with db.reader(path) as con:
        return {name: con.execute(sql).fetchall() for name, sql in queries.items()}


def test_the_analysis_file_built_from_the_lake_equals_a_direct_load(catalog: str, tmp_path: Path) -> None:
    landing, data = tmp_path / "landing", tmp_path / "lake"
    direct, from_lake = tmp_path / "direct" / "t.duckdb", tmp_path / "lake-db" / "t.duckdb"
    registry = [{"record_type": "source", "source_id": s, "name": n, "kind": k, "channel": "website",
                 "region": "江南省临江市", "level": "city", "timezone": "Asia/Shanghai", "list_urls": [], "feeds": []}
                for s, n, k in (("lj-gov", "临江市人民政府", "official"), ("lj-daily", "临江日报", "media"))]
    bad_article = {**article("lj-gov", 99, "2026-10-11T02:00:00+00:00"), "first_seen_at": "2026-10-11 02:00"}
    runs = [
        ("20261011T000000Z", "registry", registry),
        ("20261011T010000Z", "lj-daily", [
            article("lj-daily", 1, "2026-10-11T01:00:00+00:00", "临江化工厂火灾 市政府通报"),
            article("lj-daily", 2, "2026-10-11T01:00:00+00:00"),
            listing("lj-daily", "2026-10-11T01:00:00+00:00", ["https://lj-daily.example.cn/art/1.html"]),
            poll("lj-daily", "20261011T010000Z", "2026-10-11T01:00:00+00:00"),
            {"record_type": "fetch_error", "source_id": "lj-daily", "url": "https://lj-daily.example.cn/x.html",
             "fetched_at": "2026-10-11T01:00:00+00:00", "error": "HTTP 503"},
        ]),
        ("20261011T020000Z", "lj-gov", [
            article("lj-gov", 1, "2026-10-11T02:00:00+00:00", "关于临江化工厂火灾的情况通报"),
            article("lj-gov", 1, "2026-10-11T02:00:00+00:00", "关于临江化工厂火灾的情况通报"),
            bad_article,
            {"record_type": "outcome", "source_id": "lj-gov", "url": "https://lj-gov.example.cn/a.pdf",
             "outcome": "filtered", "reason": "not an HTML page (application/pdf)", "at": "2026-10-11T02:00:00+00:00"},
            {"record_type": "quarantine", "source_id": "lj-gov", "url": "https://lj-gov.example.cn/b.html",
             "stage": "extract", "error": "ValueError: no body", "at": "2026-10-11T02:00:00+00:00",
             "raw_sha256": None, "record": None},
        ]),
        # The same media article captured again by a later crawl: one document, earliest first_seen_at.
        ("20261011T030000Z", "lj-daily", [article("lj-daily", 1, "2026-10-11T03:00:00+00:00",
                                                  "临江化工厂火灾 市政府通报")]),
    ]
    for run, source, records in runs:
        land_parquet(landing, run, source, records)
        land_jsonl(direct.parent / "landing", run, source, records)
    loaded = tracker("lake-load", "--landing", str(landing), "--catalog", catalog, "--data-path", str(data))
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip().startswith("lake shard 0/1: loaded 4 landing file(s), 13 record(s), "
                                            "3 new document(s), 2 duplicate capture(s) skipped"), loaded.stdout
    built = tracker("load", "--from-lake", catalog, "--lake-data", str(data), "--db", str(from_lake))
    assert built.returncode == 0, built.stderr
    assert "exported 4 lake file(s)" in built.stdout
    assert tracker("load", "--db", str(direct)).returncode == 0
    lake_side, direct_side = _analysis(from_lake), _analysis(direct)
    assert len(direct_side["documents"]) == 3 and len(direct_side["quarantine"]) == 2
    assert lake_side == direct_side
    assert not list((from_lake.parent / "lake-landing").glob("*.jsonl"))  # staged files go once loaded

    # Incremental: only what the lake got since is exported; the analysis file still equals a direct load.
    more = [article("lj-gov", 2, "2026-10-11T04:00:00+00:00"), article("lj-gov", 1, "2026-10-11T04:00:00+00:00",
                                                                       "关于临江化工厂火灾的情况通报")]
    land_parquet(landing, "20261011T040000Z", "lj-gov", more)
    land_jsonl(direct.parent / "landing", "20261011T040000Z", "lj-gov", more)
    assert tracker("lake-load", "--landing", str(landing), "--catalog", catalog, "--data-path", str(data)).returncode == 0
    again = tracker("load", "--from-lake", catalog, "--lake-data", str(data), "--db", str(from_lake))
    assert again.returncode == 0, again.stderr
    assert "exported 1 lake file(s)" in again.stdout
    assert tracker("load", "--db", str(direct)).returncode == 0
    assert _analysis(from_lake) == _analysis(direct)
    nothing = tracker("load", "--from-lake", catalog, "--lake-data", str(data), "--db", str(from_lake))
    assert "exported 0 lake file(s)" in nothing.stdout


def test_a_list_page_is_stored_whole_only_when_its_list_changed(catalog: str, tmp_path: Path) -> None:
    """Unchanged fetches of a list page are kept as repeats of the stored listing; the analysis file built from the
    lake still has every fetch, as a direct load of the same landing files does."""
    landing, data = tmp_path / "landing", tmp_path / "lake"
    direct, from_lake = tmp_path / "direct" / "t.duckdb", tmp_path / "lake-db" / "t.duckdb"
    first, second = ["https://lj-gov.example.cn/art/1.html"], ["https://lj-gov.example.cn/art/2.html",
                                                              "https://lj-gov.example.cn/art/1.html"]
    lists = [first, first, first, second, second, first]  # the last one flips back to a list stored before
    for hour, urls in enumerate(lists):
        seen = f"2026-10-11T0{hour}:00:00+00:00"
        records = [listing("lj-gov", seen, urls), poll("lj-gov", f"r{hour}", seen)]
        if hour == 3:
            records.insert(0, article("lj-gov", 2, seen))
        run = f"20261011T0{hour}0000Z"
        land_parquet(landing, run, "lj-gov", records)
        land_jsonl(direct.parent / "landing", run, "lj-gov", records)
    common = ["lake-load", "--landing", str(landing), "--catalog", catalog, "--data-path", str(data)]
    loaded = tracker(*common, "--batch-files", "4")
    assert loaded.returncode == 0, loaded.stderr
    assert "loaded 6 landing file(s)" in loaded.stdout and "2 transaction(s)" in loaded.stdout, loaded.stdout
    assert "2 listing(s) stored, 4 unchanged" in loaded.stdout, loaded.stdout
    assert lake_rows(catalog, data, "select count(*) from lake.lake_records where record_type = 'listing'") == [(2,)]
    assert tracker("load", "--from-lake", catalog, "--lake-data", str(data), "--db", str(from_lake)).returncode == 0
    assert tracker("load", "--db", str(direct)).returncode == 0
    lake_side, direct_side = _analysis(from_lake), _analysis(direct)
    assert len(direct_side["listings"]) == 6
    assert lake_side == direct_side
