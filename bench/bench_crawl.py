"""Crawl pages per second: one process without Redis, then 1, 2 and 3 scrapy-redis workers, beside `scrapy bench`.

Run: ``python bench/bench_crawl.py [--sites 200] [--workers 1,2,3]``. Everything runs here, on 127.0.0.1: a farm of sites
(demo/farm.py) served by one threaded HTTP server, a private Redis (scripts/start-redis.sh), and the real
`tracker crawl` / `tracker worker` commands with politeness delays off. Pages are list pages plus
articles; each article is also extracted (publish time, source, body), which is most of the CPU.
`scrapy bench` (Scrapy's own spider following links on its local server, no extraction) is the
yardstick printed in the same run, so the ratios, not the absolute numbers, are what to compare. `tracker crawl`
is split into interpreter start-up, fetching (what `scrapy bench` times) and loading into DuckDB.
On a 2-core machine the farm's server, Redis and the workers share the cores: the curve flattens.
"""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from demo.scale import FAST, free_port, serve_farm

IDLE_EXIT = 3


def scrapy_bench(seconds: int = 15) -> float:
    """Pages per second that `scrapy bench` reports (its last 'Crawled N pages (at M pages/min)' line)."""
    result = subprocess.run(
        [sys.executable, "-m", "scrapy.cmdline", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}", "-s", "LOG_LEVEL=INFO"],
        capture_output=True, text=True, timeout=seconds + 60, check=False, cwd=tempfile.gettempdir(),
    )
    rates = re.findall(r"Crawled \d+ pages \(at (\d+) pages/min\)", result.stderr)
    counts = re.findall(r"'response_received_count': (\d+)", result.stderr)
    elapsed = re.findall(r"'elapsed_time_seconds': ([\d.]+)", result.stderr)
    if counts and elapsed:
        return int(counts[-1]) / float(elapsed[-1])
    return int(rates[-1]) / 60 if rates else 0.0


@dataclass(frozen=True)
class CrawlTimes:
    total: float  # the whole `tracker crawl` command
    startup: float  # interpreter and imports (`tracker --help`)
    load: float  # loading the crawl's landing files into a fresh DuckDB file (`tracker load`)

    @property
    def fetch(self) -> float:
        """Scrapy's crawl and our work inside it (extraction, links, landing writes): what `scrapy bench` times."""
        return self.total - self.startup - self.load


def _tracker(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline.cli", *args], check=True, capture_output=True, timeout=1800)
    return time.perf_counter() - started


def single_process(sources: Path, work: Path) -> CrawlTimes:
    total = _tracker("crawl", "--sources", str(sources), "--db", str(work / "tracker.duckdb"), *FAST)
    startup = min(_tracker("--help") for _ in range(3))
    again = work / "again"
    shutil.copytree(work / "landing", again / "landing")
    load = _tracker("load", "--db", str(again / "tracker.duckdb"))
    return CrawlTimes(total, startup, load)


def workers(sources: Path, work: Path, count: int) -> float:
    port = free_port()
    subprocess.run(["bash", str(ROOT / "scripts/start-redis.sh"), str(work / "redis"), str(port)], check=True,
                   capture_output=True)
    redis = ["--redis", f"redis://127.0.0.1:{port}/0"]
    try:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pipeline.cli", "enqueue", "--sources", str(sources), *redis, "--cycle",
                        "bench"], check=True, capture_output=True)
        running = [
            subprocess.Popen([sys.executable, "-m", "pipeline.cli", "worker", "--sources", str(sources), "--landing",
                              str(work / "landing"), "--raw", str(work / "raw"), *redis, "--worker-id", f"w{i}",
                              "--idle-exit", str(IDLE_EXIT), *FAST], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for i in range(count)
        ]
        for process in running:
            process.wait(timeout=1800)
        return time.perf_counter() - started - IDLE_EXIT
    finally:
        subprocess.run(["bash", str(ROOT / "scripts/stop-redis.sh"), str(work / "redis")], check=False,
                       capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--workers", type=lambda text: [int(n) for n in text.split(",") if n], default=[1, 2, 3],
                        help="scrapy-redis worker counts to time, e.g. 1,2,3 (empty: none)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-crawl-"))
    server, farm_urls, sources = serve_farm(args.sites, work)
    pages = args.sites + len(farm_urls)
    try:
        reference = scrapy_bench()
        print(f"farm: {args.sites} sites, {pages} pages (list pages + articles), served on 127.0.0.1")
        print(f"scrapy bench (no extraction)        {reference:8.1f} pages/s")
        times = single_process(sources, work / "single")
        single = pages / times.total
        print(f"tracker crawl, one process, no Redis {single:8.1f} pages/s   {single / reference:.2f} x scrapy bench"
              f"   (whole command: {times.total:.1f} s)")
        fetch = pages / times.fetch
        print(f"  of which fetching (as scrapy bench) {fetch:8.1f} pages/s   {fetch / reference:.2f} x scrapy bench"
              f"   ({times.fetch:.1f} s; start-up {times.startup:.1f} s, loading into DuckDB {times.load:.1f} s)")
        for count in args.workers:
            rate = pages / workers(sources, work / f"workers-{count}", count)
            print(f"tracker worker x{count} (scrapy-redis)    {rate:8.1f} pages/s   {rate / reference:.2f} x scrapy bench"
                  f"   {rate / single:.2f} x one process")
    finally:
        server.shutdown()
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
