"""Bounded soak (reliability.md L1, scaled down): hundreds of loopback sources polled by `tracker watch`.

Mix: 70 % good, 10 % slow, 10 % failing (5xx), 5 % malformed, 5 % huge. Prints, per cycle, the
watcher's own memory and open files, the poll child's peak memory, the cycle time and whether every
good source was polled; then a verdict: memory flat (within ±10 % after the first cycle) and every
good source polled in every cycle.

    .venv/bin/python bench/bench_soak.py [--sources 300] [--cycles 6]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.cli.watch import CycleReport, WatchConfig, watch
from pipeline.timeliness.health import HealthPolicy
from tests.loopback import LoopbackServer, Reply, article_page, list_page
from tests.test_bad_inputs import LONG, src, write_toml

SETTINGS = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=false", "CONCURRENT_REQUESTS=64",
            "CONCURRENT_REQUESTS_PER_DOMAIN=64", "RETRY_TIMES=1", "DOWNLOAD_TIMEOUT=3", "LOG_LEVEL=ERROR",
            'TRACKER_ALLOW_PRIVATE_NETWORKS=["127.0.0.0/8"]', "TRACKER_PROGRESS_SECONDS=0")
MIX = (("good", 70), ("slow", 10), ("failing", 10), ("malformed", 5), ("huge", 5))


def kind_of(n: int) -> str:
    slot, total = n % 100, 0
    for kind, share in MIX:
        total += share
        if slot < total:
            return kind
    return "good"


def routes_for(n: int, kind: str) -> dict[str, Reply]:
    prefix = f"/s{n}"
    links = [(f"{prefix}/t2026050{i}_{n}.html", f"第{n}号来源的第{i}条新闻发布会消息", f"2026-05-0{i}") for i in (1, 2)]
    page = list_page(prefix, links).encode()
    index = f"{prefix}/index.html"
    if kind == "failing":
        return {index: Reply(status=500)}
    if kind == "malformed":
        return {index: Reply(body=b"\x00\xff<<<html><a href=", etag=f'"m{n}"')}
    if kind == "huge":
        return {index: Reply(body=b"<html>", content_length=500_000_000, send_bytes=6, then="stall")}
    routes = {index: Reply(body=page, etag=f'"v{n}"', delay=1.5 if kind == "slow" else 0.0)}
    for href, title, date in links:
        routes[href] = Reply(body=article_page(title, LONG, f"{date} 10:00").encode())
    return routes


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=300)
    parser.add_argument("--cycles", type=int, default=6)
    args = parser.parse_args()
    kinds = {n: kind_of(n) for n in range(args.sources)}
    server = LoopbackServer()
    for n, kind in kinds.items():
        server.routes.update(routes_for(n, kind))
    with server, tempfile.TemporaryDirectory() as work:
        root = Path(work)
        write_toml([src(f"s{n}", "official" if n % 3 else "media", lists=[server.url(f"/s{n}/index.html")])
                    for n in kinds], root / "sources.toml")
        database = root / "data" / "tracker.duckdb"
        config = WatchConfig(root / "sources.toml", database, database.parent / "watch", min_interval=0,
                             max_interval=0, default_interval=0, surge_interval=0, cycles=args.cycles,
                             settings=SETTINGS, health=HealthPolicy(max_failures=3))
        good = {f"/s{n}/index.html" for n, kind in kinds.items() if kind in ("good", "slow")}
        rows: list[tuple[CycleReport, int, int, int]] = []
        mark = [0]

        def on_cycle(report: CycleReport) -> None:
            with server.lock:
                hits = {h.path for h in server.hits[mark[0]:]}
                mark[0] = len(server.hits)
            rows.append((report, rss_kb(), len(os.listdir("/proc/self/fd")), len(good & hits)))

        started = time.monotonic()
        watch(config, on_cycle=on_cycle)
        elapsed = time.monotonic() - started
    print(f"\n{args.sources} sources ({', '.join(f'{k} {s}%' for k, s in MIX)}), {len(rows)} cycles in {elapsed:.0f} s")
    print(f"{'cycle':>5} {'secs':>6} {'polled':>6} {'good polled':>11} {'watcher RSS MB':>14} {'open fds':>8} "
          f"{'poll child peak MB':>18}")
    for report, rss, fds, good_polled in rows:
        print(f"{report.number:>5} {report.seconds:>6.1f} {len(report.polled):>6} {good_polled:>5}/{len(good):<5} "
              f"{rss / 1024:>14.1f} {fds:>8} {report.child_max_rss_kb / 1024:>18.1f}")
    after_warmup = [rss for _r, rss, _f, _g in rows[1:]] or [rows[0][1]]
    flat = max(after_warmup) <= min(after_warmup) * 1.10
    child = [r.child_max_rss_kb for r, *_ in rows[1:]] or [rows[0][0].child_max_rss_kb]
    child_flat = max(child) <= min(child) * 1.10
    all_good = all(good_polled == len(good) for _r, _rss, _f, good_polled in rows)
    fds_flat = rows[-1][2] <= rows[0][2]  # the in-process test server's held connections only ever close
    print(f"watcher memory flat (±10 % after cycle 1): {flat}; poll child peak flat: {child_flat}; "
          f"open files not growing: {fds_flat}; every good source polled every cycle: {all_good}")
    return 0 if flat and all_good else 1


if __name__ == "__main__":
    sys.exit(main())
