"""The multi-node rehearsal on one machine (`make scale-demo`): a farm of sites, Redis, PostgreSQL,
several crawler workers and loaders, one worker killed mid-cycle, and a check against one process.

    python -m demo.scale --sites 500 --workers 3 --loaders 2

Steps: start a real Redis and a real PostgreSQL on 127.0.0.1 (scripts/start-*.sh); serve the farm
(demo/farm.py); crawl it once in a single process as the reference; then enqueue one poll cycle in
Redis, start the workers (scrapy-redis), SIGKILL one of them once a share of the sources has landed,
let the sweeper re-queue what the dead worker held, and run the loaders into DuckLake concurrently
(each owns a hash shard of the sources); build the analysis file from the lake and match it. The last
line compares the two:

    polled X/Y sources, documents N, lost L, duplicated D, answers equal to single-process: yes|no
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

from db.lake import connect_lake
from demo.farm import build_farm, write_farm, write_farm_sources
from demo.server import DemoHTTPServer, load_manifest

ROOT = Path(__file__).resolve().parents[1]
FAST = [
    "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=false", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "-s", "RETRY_TIMES=1", "-s", "DOWNLOAD_TIMEOUT=20", "-s", 'TRACKER_ALLOW_PRIVATE_NETWORKS=["127.0.0.0/8"]',
]
CYCLE = "rehearsal-1"
GRACE = 15  # seconds without progress before the sweeper re-queues a source (300 in production)
IDLE_EXIT = 60  # a worker with nothing to do for this long ends (the rehearsal stops them sooner)


@dataclass(frozen=True)
class Services:
    redis_url: str
    catalog: str
    lake_data: Path
    redis_dir: Path
    postgres_dir: Path  # in the system's temporary folder: the server runs as the postgres user, who must reach it


@dataclass(frozen=True)
class Outcome:
    polled: int
    sources: int
    documents: int
    lost: int
    duplicated: int
    equal: bool

    def line(self) -> str:
        return (
            f"polled {self.polled}/{self.sources} sources, documents {self.documents}, lost {self.lost}, "
            f"duplicated {self.duplicated}, answers equal to single-process: {'yes' if self.equal else 'no'}"
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def say(message: str) -> None:
    print(f"[scale-demo] {message}", flush=True)


def tracker(*args: str, check: bool = True, timeout: float = 1800) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                            timeout=timeout, check=False)
    if check and result.returncode != 0:
        raise RuntimeError(f"tracker {args[0]} failed: {(result.stderr or result.stdout).strip()[-2000:]}")
    return result


def spawn(*args: str, log: Path) -> subprocess.Popen[bytes]:
    handle = log.open("wb")
    return subprocess.Popen([sys.executable, "-m", "pipeline.cli", *args], stdout=handle, stderr=subprocess.STDOUT)


def start_services(work: Path) -> Services:
    redis_port, pg_port = free_port(), free_port()
    redis_dir = work / "redis"
    postgres_dir = Path(tempfile.mkdtemp(prefix="tracker-scale-demo-pg-"))
    postgres_dir.chmod(0o755)
    subprocess.run(["bash", str(ROOT / "scripts/start-redis.sh"), str(redis_dir), str(redis_port)],
                   check=True, capture_output=True, text=True)
    pg = subprocess.run(["bash", str(ROOT / "scripts/start-postgres.sh"), str(postgres_dir), str(pg_port)],
                        check=True, capture_output=True, text=True)
    catalog = pg.stdout.strip().splitlines()[-1]
    return Services(f"redis://127.0.0.1:{redis_port}/0", catalog, work / "lake", redis_dir, postgres_dir)


def stop_services(services: Services) -> None:
    subprocess.run(["bash", str(ROOT / "scripts/stop-redis.sh"), str(services.redis_dir)], check=False,
                   capture_output=True)
    subprocess.run(["bash", str(ROOT / "scripts/stop-postgres.sh"), str(services.postgres_dir)], check=False,
                   capture_output=True)
    shutil.rmtree(services.postgres_dir, ignore_errors=True)


def serve_farm(sites: int, work: Path) -> tuple[DemoHTTPServer, set[str], Path]:
    farm = build_farm(sites)
    write_farm(farm, work / "farm")
    server = DemoHTTPServer("127.0.0.1", 0, load_manifest(work / "farm"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sources = work / "sources.toml"
    write_farm_sources(farm, server.base_url, sources)
    return server, {server.base_url + doc.path for doc in farm.docs}, sources


def single_process(sources: Path, work: Path) -> Path:
    database = work / "single" / "tracker.duckdb"
    tracker("crawl", "--sources", str(sources), "--db", str(database), *FAST)
    tracker("match", "--db", str(database))
    return database


def landed_sources(landing: Path) -> int:
    return len({path.parent.name for path in landing.glob("day=*/source=*/*.parquet")})


def distributed(sources: Path, services: Services, work: Path, n_sources: int, workers: int, loaders: int,
                kill_share: float) -> Path:
    landing, raw, logs = work / "landing", work / "raw", work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    redis = ["--redis", services.redis_url]
    lake = ["--catalog", services.catalog, "--data-path", str(services.lake_data)]

    def worker(name: str) -> subprocess.Popen[bytes]:
        return spawn("worker", "--sources", str(sources), "--landing", str(landing), "--raw", str(raw), *redis,
                     "--worker-id", name, "--idle-exit", str(IDLE_EXIT), *FAST, log=logs / f"worker-{name}.log")

    tracker("enqueue", "--sources", str(sources), *redis, "--cycle", CYCLE)
    crawlers = [worker(f"w{i}") for i in range(workers)]
    sweeper = spawn("sweep", "--sources", str(sources), *redis, "--cycle", CYCLE, "--grace", str(GRACE),
                    "--until-complete", "--timeout", "900", log=logs / "sweeper.log")
    try:
        deadline = time.monotonic() + 900
        while landed_sources(landing) < kill_share * n_sources and time.monotonic() < deadline:
            time.sleep(0.2)
        victim = crawlers[0]
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        say(f"killed worker w0 (pid {victim.pid}) with {landed_sources(landing)}/{n_sources} sources landed")
        time.sleep(GRACE)  # a supervisor (systemd Restart=always) brings a worker back after a while
        crawlers.append(worker("w0.restarted"))
        while sweeper.poll() is None:
            load_round(landing, lake, loaders, logs)
            if time.monotonic() > deadline:
                raise RuntimeError("the cycle did not complete within 15 minutes; see " + str(logs))
        if sweeper.returncode != 0:
            raise RuntimeError(f"the sweeper gave up; see {logs / 'sweeper.log'}")
        say((logs / "sweeper.log").read_text(encoding="utf-8").strip().splitlines()[-1].split("; re-queued")[0])
        for process in crawlers:  # the cycle is complete: workers finish what they hold and flush their files
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in crawlers:
            process.wait(timeout=120)
    finally:
        for process in [*crawlers, sweeper]:
            if process.poll() is None:
                process.kill()
    load_round(landing, lake, loaders, logs)
    database = work / "distributed" / "tracker.duckdb"
    tracker("load", "--from-lake", services.catalog, "--lake-data", str(services.lake_data), "--db", str(database))
    tracker("match", "--db", str(database))
    return database


def load_round(landing: Path, lake: list[str], loaders: int, logs: Path) -> None:
    """All loaders at once, each on its shard of the sources: concurrent commits into one DuckLake."""
    if not landing.exists():
        return
    running = [
        spawn("lake-load", "--landing", str(landing), *lake, "--shard", str(k), "--shards", str(loaders),
              log=logs / f"loader-{k}.log")
        for k in range(loaders)
    ]
    for process in running:
        if process.wait(timeout=600) != 0:
            raise RuntimeError(f"a loader failed; see {logs}")


def answers(database: Path) -> set[tuple[object, ...]]:
    """What the product says, independent of when it crawled: events by members, who spoke first, lags."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        rows = con.execute(
            "select list(d.url order by d.url), t.official_first, t.lag_hours"
            " from event_documents ed join documents d using (doc_id)"
            " join event_timeliness t using (event_id) group by ed.event_id, t.official_first, t.lag_hours"
        ).fetchall()
    finally:
        con.close()
    return {(tuple(urlsplit(u).path for u in urls), first, lag) for urls, first, lag in rows}


def counts(database: Path) -> tuple[int, set[str], int]:
    """Sources polled (a list page stored), document URLs, and documents stored twice in the analysis file."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        polled = con.execute("select count(distinct source_id) from listings").fetchone()
        urls = {row[0] for row in con.execute("select url from documents").fetchall()}
        total, distinct = con.execute("select count(*), count(distinct (source_id, url)) from documents").fetchone()
    finally:
        con.close()
    return int(polled[0]), urls, int(total) - int(distinct)


def lake_duplicates(services: Services) -> int:
    """Documents stored more than once in the shared lake (no unique keys there: the loaders must prevent it)."""
    con = connect_lake(services.catalog, services.lake_data, create=False)
    try:
        total, distinct = con.execute(
            "select count(*), count(distinct (source_id, url)) from lake.lake_documents").fetchone()
    finally:
        con.close()
    return int(total) - int(distinct)


def rehearse(sites: int, workers: int, loaders: int, work: Path, kill_share: float = 0.3) -> Outcome:
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    os.environ.setdefault("TRACKER_ALLOW_PRIVATE_NETWORKS", '["127.0.0.0/8"]')
    server, farm_urls, sources = serve_farm(sites, work)
    services = start_services(work)
    try:
        say(f"farm of {sites} sites, {len(farm_urls)} articles at {server.base_url}; redis {services.redis_url}")
        started = time.monotonic()
        reference = single_process(sources, work)
        say(f"single process: crawled and matched in {time.monotonic() - started:.0f} s")
        started = time.monotonic()
        result = distributed(sources, services, work, sites, workers, loaders, kill_share)
        say(f"{workers} workers, {loaders} loaders: crawled, loaded and matched in {time.monotonic() - started:.0f} s")
        polled, urls, duplicated = counts(result)
        return Outcome(
            polled=polled, sources=sites, documents=len(urls), lost=len(farm_urls - urls),
            duplicated=duplicated + lake_duplicates(services), equal=answers(result) == answers(reference),
        )
    finally:
        server.shutdown()
        stop_services(services)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demo.scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=500)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--loaders", type=int, default=2)
    parser.add_argument("--work", type=Path, default=ROOT / "data" / "scale-demo")
    parser.add_argument("--kill-share", type=float, default=0.3, help="kill a worker once this share of sources landed")
    args = parser.parse_args(argv)
    outcome = rehearse(args.sites, args.workers, args.loaders, args.work, args.kill_share)
    print(outcome.line(), flush=True)
    good = outcome.polled == outcome.sources and outcome.lost == 0 and outcome.duplicated == 0 and outcome.equal
    return 0 if good else 1


if __name__ == "__main__":
    raise SystemExit(main())
