"""Load benchmark: rows and files per second into the DuckDB file and into DuckLake (PostgreSQL catalog).

    python bench/bench_load.py [--articles 20000] [--sources 50] [--per-file 200] [--polls 1000] [--catalog DSN]

Two landing sets. Articles: `--articles` synthetic article records (about 1,500 characters of body each) for
`--sources` sources, in landing files of `--per-file` records: JSONL for the DuckDB loader (`load_files`, one
transaction per file, analysis refresh included) and the same records as landing Parquet for DuckLake. Polls: the
shape of national scale, `--polls` small landing files, one per source poll (a poll record, two list-page fetches
that list the same as the last poll 95% of the time, an article in one poll of 25).

DuckLake (`load_landing_to_lake`) loads each set twice on fresh lakes in the same run: one file per transaction
(before batching) and `BATCH_FILES` files per transaction (after), printing files/s, rows/s and their ratio. Then
two loader processes (shards 0 and 1 of 2) at once on the article set, batched; the two-loader time is from the
first start to the last finish. Then the analysis DuckDB file is built from the lake (`tracker load --from-lake`).

Without `--catalog`, a private PostgreSQL cluster is started with scripts/start-postgres.sh on a free 127.0.0.1
port and stopped at the end. Everything runs on this machine: catalog, loaders and data folder share its cores.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db.lake import connect_lake
from pipeline.load.lake import BATCH_FILES, LANDING_COLUMNS, LakeLoadReport, load_landing_to_lake
from pipeline.load.lake_export import load_from_lake
from pipeline.load.loader import load_files

WORDS = ("市政府", "新闻发布会", "情况通报", "应急管理局", "防汛", "交通", "安全生产", "调查", "处置", "群众",
         "记者", "现场", "救援", "通知", "公告", "政策解读", "教育", "医疗", "环保", "督查")


def synthetic_records(n_articles: int, n_sources: int, seed: int = 11) -> dict[str, list[dict]]:
    rng = random.Random(seed)
    by_source: dict[str, list[dict]] = {f"bench-{i:03d}": [] for i in range(n_sources)}
    sources = list(by_source)
    for n in range(n_articles):
        source = sources[n % n_sources]
        minute = n // n_sources
        seen = f"2026-10-{11 + minute // 1440:02d}T{minute // 60 % 24:02d}:{minute % 60:02d}:00+00:00"
        body = "".join(rng.choice(WORDS) for _ in range(300))
        by_source[source].append({
            "record_type": "article", "source_id": source, "url": f"https://{source}.example.cn/art/{n}.html",
            "title": "".join(rng.choice(WORDS) for _ in range(6)), "body": body,
            "published_at": seen, "published_precision": "minute",
            "published_raw": seen[:16], "written_at": None, "declared_source": None, "first_seen_at": seen,
            "raw_sha256": None, "via": "list", "found_on": f"https://{source}.example.cn/list.html",
            "encoding": "utf-8", "methods": {"title": "h1"},
        })
    return by_source


def write_landing(by_source: dict[str, list[dict]], per_file: int, jsonl_dir: Path, parquet_dir: Path) -> int:
    schema = pa.schema([(name, pa.string()) for name in LANDING_COLUMNS])
    files = 0
    jsonl_dir.mkdir(parents=True, exist_ok=True)
    for source, records in by_source.items():
        for chunk, start in enumerate(range(0, len(records), per_file)):
            part = records[start:start + per_file]
            lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in part]
            run = f"20261011T{chunk:02d}0000Z"
            (jsonl_dir / f"{run}-{source}-0000.jsonl").write_text("".join(x + "\n" for x in lines), encoding="utf-8")
            folder = parquet_dir / "day=2026-10-11" / f"source={source}"
            folder.mkdir(parents=True, exist_ok=True)
            rows = [{"record_type": "article", "source_id": source, "url": r["url"], "at": r["first_seen_at"],
                     "record": line} for r, line in zip(part, lines, strict=True)]
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), folder / f"{run}-w1-0000.parquet",
                           compression="zstd")
            files += 1
    return files


def write_polls(n_polls: int, n_sources: int, parquet_dir: Path, seed: int = 12) -> int:
    """`n_polls` landing files, one per poll of a source; returns their rows."""
    rng = random.Random(seed)
    schema = pa.schema([(name, pa.string()) for name in LANDING_COLUMNS])
    lists: dict[tuple[str, int], list[str]] = {}
    rows_total = 0
    for n in range(n_polls):
        source, cycle = f"poll-{n % n_sources:03d}", n // n_sources
        seen = f"2026-10-{11 + cycle // 48:02d}T{cycle // 2 % 24:02d}:{cycle % 2 * 30:02d}:00+00:00"
        records: list[dict] = []
        if rng.random() < 0.04:
            url = f"https://{source}.example.cn/art/{n}.html"
            records.append({"record_type": "article", "source_id": source, "url": url, "title": "通报",
                            "body": "".join(rng.choice(WORDS) for _ in range(300)), "published_at": seen,
                            "published_precision": "minute", "first_seen_at": seen, "via": "list"})
        for page in (1, 2):
            urls = lists.setdefault((source, page), [f"https://{source}.example.cn/art/p{page}-{i}.html"
                                                     for i in range(20)])
            if rng.random() < 0.05:
                lists[(source, page)] = urls = [f"https://{source}.example.cn/art/{n}-{page}.html", *urls[:19]]
            records.append({"record_type": "listing", "source_id": source, "fetched_at": seen, "article_urls": urls,
                            "page_url": f"https://{source}.example.cn/list{page}.html"})
        records.append({"record_type": "poll", "source_id": source, "run_id": f"c{cycle}", "polled_at": seen,
                        "entry_ok": 2, "entry_failed": 0, "blocked": 0, "fetch_failed": 0, "articles": 20,
                        "quarantined": 0, "error": None})
        rows = [{"record_type": r["record_type"], "source_id": source,
                 "url": r.get("url") or r.get("page_url"), "at": seen,
                 "record": json.dumps(r, ensure_ascii=False, sort_keys=True)} for r in records]
        folder = parquet_dir / f"day={seen[:10]}" / f"source={source}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), folder / f"{seen[:10].replace('-', '')}T"
                       f"{cycle:04d}Z-w1-0000.parquet")
        rows_total += len(rows)
    return rows_total


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _create_database(server: str, name: str) -> str:
    psql = max(Path("/usr/lib/postgresql").glob("*/bin/psql"))
    subprocess.run([str(psql), "-X", "-q", "-d", f"dbname=postgres {server}", "-c", f"drop database if exists {name}"],
                   check=True, capture_output=True)
    subprocess.run([str(psql), "-X", "-q", "-d", f"dbname=postgres {server}", "-c", f"create database {name}"],
                   check=True, capture_output=True)
    return f"dbname={name} {server}"


def run_loader(dsn: str, data: str, landing: str, shard: int, shards: int) -> None:
    """Child process: load one shard; prints start, end and counts as JSON."""
    con = connect_lake(dsn, data)
    start = time.time()
    report = load_landing_to_lake(con, Path(landing), shard=shard, shards=shards)
    end = time.time()
    con.close()
    print(json.dumps({"start": start, "end": end, "files": report.files_loaded, "records": report.records,
                      "retries": report.retries, "failed": report.files_failed}))


def timed_lake_load(dsn: str, data: Path, landing: Path, batch_files: int) -> tuple[float, LakeLoadReport]:
    con = connect_lake(dsn, data)
    start = time.perf_counter()
    report = load_landing_to_lake(con, landing, batch_files=batch_files)
    seconds = time.perf_counter() - start
    con.close()
    assert not report.files_failed, report.problems[:3]
    return seconds, report


def lake_before_after(server: str, work: Path, name: str, landing: Path, n_files: int, n_rows: int) -> tuple[float, str]:
    """One loader on fresh lakes: one file per transaction, then BATCH_FILES; returns the batched rows/s and DSN."""
    results = {}
    for label, batch in (("before", 1), ("after", BATCH_FILES)):
        dsn = _create_database(server, f"bench_{name}_{label}")
        seconds, report = timed_lake_load(dsn, work / f"lake-{name}-{label}", landing, batch)
        assert report.files_loaded == n_files, (report.files_loaded, n_files)
        results[label] = (seconds, dsn)
        print(f"DuckLake {name}, 1 loader, {batch:3d} file(s)/transaction: {seconds:7.2f} s  {n_rows / seconds:8.0f} "
              f"rows/s  {n_files / seconds:6.1f} files/s  ({report.transactions} transactions; listings "
              f"{report.listings_stored} stored, {report.listings_repeated} unchanged)")
    before, after = results["before"][0], results["after"][0]
    print(f"  {name}: batching gives {before / after:.2f}x files/s and rows/s (same files, same run)")
    return n_rows / after, results["after"][1]


def bench(args: argparse.Namespace, server: str, work: Path) -> None:
    by_source = synthetic_records(args.articles, args.sources)
    jsonl_dir, parquet_dir = work / "jsonl", work / "parquet"
    n_files = write_landing(by_source, args.per_file, jsonl_dir, parquet_dir)
    n = args.articles
    print(f"landing set: {n} article records, {args.sources} sources, {n_files} files of up to {args.per_file}")

    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        report = load_files(work / "duck" / "t.duckdb", sorted(jsonl_dir.glob("*.jsonl")), progress=False)
    duck_s = time.perf_counter() - start
    assert report.files_loaded == n_files and not report.files_failed, report.problems[:3]
    duck = n / duck_s
    print(f"DuckDB file (load_files)        : {duck_s:7.2f} s  {duck:8.0f} rows/s  {n_files / duck_s:6.1f} files/s")

    one, dsn = lake_before_after(server, work, "articles", parquet_dir, n_files, n)
    print(f"  batched DuckLake over the DuckDB file: {one / duck:.2f}x rows/s")

    poll_dir = work / "polls"
    poll_rows = write_polls(args.polls, args.sources, poll_dir)
    print(f"poll set: {args.polls} landing files (one per source poll), {poll_rows} rows")
    lake_before_after(server, work, "polls", poll_dir, args.polls, poll_rows)

    dsn_two = _create_database(server, "bench_two")
    connect_lake(dsn_two, work / "lake-two").close()  # tables first, so the race is only over rows
    children = [subprocess.Popen([sys.executable, __file__, "--loader", dsn_two, str(work / "lake-two"),
                                  str(parquet_dir), str(k), "2"], stdout=subprocess.PIPE, text=True)
                for k in (0, 1)]
    results = [json.loads(child.communicate(timeout=3600)[0].strip().splitlines()[-1]) for child in children]
    assert all(child.returncode == 0 for child in children)
    assert sum(r["files"] for r in results) == n_files and not any(r["failed"] for r in results), results
    two_s = max(r["end"] for r in results) - min(r["start"] for r in results)
    retries = sum(r["retries"] for r in results)
    print(f"DuckLake, 2 loaders at once     : {two_s:7.2f} s  {n / two_s:8.0f} rows/s  {n_files / two_s:6.1f} files/s"
          f"  ({n / two_s / duck:.2f}x DuckDB; {retries} transaction(s) redone after a conflict)")

    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        built = load_from_lake(dsn, work / "lake-articles-after", work / "from-lake" / "t.duckdb", progress=False)
    build_s = time.perf_counter() - start
    assert built.load is not None and built.load.files_loaded == n_files
    print(f"DuckDB file built from the lake : {build_s:7.2f} s  {n / build_s:8.0f} rows/s  {n_files / build_s:6.1f} files/s"
          f"  (export + load_files)")
    print(f"ratio DuckLake/DuckDB: 1 loader {one / duck:.2f}, 2 loaders {n / two_s / duck:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--per-file", type=int, default=200)
    parser.add_argument("--polls", type=int, default=1000, help="poll-shaped landing files")
    parser.add_argument("--catalog", help="libpq DSN of a PostgreSQL server (without dbname); default: start one")
    parser.add_argument("--loader", nargs=5, metavar=("DSN", "DATA", "LANDING", "SHARD", "SHARDS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.loader:
        dsn, data, landing, shard, shards = args.loader
        run_loader(dsn, data, landing, int(shard), int(shards))
        return
    work = Path(tempfile.mkdtemp(prefix="tracker-bench-load-"))
    work.chmod(0o711)  # the server runs as the postgres user and must reach its folder inside
    pg_dir = work / "pg"
    try:
        if args.catalog:
            server = args.catalog
        else:
            port = _free_port()
            subprocess.run(["bash", str(ROOT / "scripts/start-postgres.sh"), str(pg_dir), str(port)], check=True,
                           capture_output=True, text=True)
            server = f"host=127.0.0.1 port={port} user=postgres"
        bench(args, server, work)
    finally:
        if not args.catalog:
            subprocess.run(["bash", str(ROOT / "scripts/stop-postgres.sh"), str(pg_dir)], check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
