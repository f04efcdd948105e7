"""Load benchmark: rows per second into the DuckDB file and into DuckLake (PostgreSQL catalog), same landing set.

    python bench/bench_load.py [--articles 20000] [--sources 50] [--per-file 200] [--catalog DSN]

Generates `--articles` synthetic article records (about 1,500 characters of body each) for `--sources` sources,
in landing files of `--per-file` records: JSONL for the DuckDB loader (`pipeline.load.load_files`, one
transaction per file, analysis refresh included) and the same records as landing Parquet for DuckLake
(`pipeline.lake.load_landing_to_lake`, one transaction per file). DuckLake runs with one loader, then with two
loader processes (shards 0 and 1 of 2) at once on a fresh lake; the two-loader time is from the first start to
the last finish. Then the analysis DuckDB file is built from the lake (`tracker load --from-lake`).

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
from pipeline.load.lake import LANDING_COLUMNS, load_landing_to_lake
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

    dsn = _create_database(server, "bench_one")
    con = connect_lake(dsn, work / "lake-one")
    start = time.perf_counter()
    one = load_landing_to_lake(con, parquet_dir)
    one_s = time.perf_counter() - start
    con.close()
    assert one.files_loaded == n_files and not one.files_failed, one.problems[:3]
    print(f"DuckLake, 1 loader              : {one_s:7.2f} s  {n / one_s:8.0f} rows/s  {n_files / one_s:6.1f} files/s"
          f"  ({n / one_s / duck:.2f}x DuckDB)")

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
        built = load_from_lake(dsn, work / "lake-one", work / "from-lake" / "t.duckdb", progress=False)
    build_s = time.perf_counter() - start
    assert built.load is not None and built.load.files_loaded == n_files
    print(f"DuckDB file built from the lake : {build_s:7.2f} s  {n / build_s:8.0f} rows/s  {n_files / build_s:6.1f} files/s"
          f"  (export + load_files)")
    print(f"ratio DuckLake/DuckDB: 1 loader {n / one_s / duck:.2f}, 2 loaders {n / two_s / duck:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--per-file", type=int, default=200)
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
