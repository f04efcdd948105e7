"""`tracker watch`: poll every source at its own interval until stopped.

Design: Twisted's reactor cannot be restarted in one process, so this process is only a scheduler.
Each cycle it runs `tracker run` (crawl, load, match) in a child process for the sources that are
due, then reads the database (read-only, briefly) to adapt the schedule:

- each source's interval halves when it published something new and grows by half when not,
  within [--min-interval, --max-interval]; a `poll_minutes` key in sources.toml sets the start;
- a failing source waits out its health back-off (`pipeline.timeliness.health`), disabled ones are probed at
  the longest back-off;
- surge: when media documents that are new this cycle belong to an event, the official sources of
  their region (same region, or one containing or contained in it) are polled every
  --surge-interval for --surge-hours, so a 5-hour clock can be measured;
- list pages and feeds are fetched with conditional GET (ETag / Last-Modified kept per URL).

The schedule lives in `<db folder>/watch/state.json`, written atomically after every cycle, so a
restart resumes it; each poll's own output (one summary line per source, fetch errors) is appended
to `<db folder>/watch/polls.log`. SIGTERM or SIGINT stops cleanly: the running child gets SIGTERM (Scrapy finishes
the pages in flight and writes its landing files), is waited for, and the state is saved.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
import tomllib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import db
from pipeline.core.sources import Source, load_sources
from pipeline.timeliness.health import HealthPolicy, SourceHealth, source_health

CHILD_STOP_SECONDS = 60.0


@dataclass
class SourceState:
    interval: float  # seconds between polls when healthy and not surging
    next_due: float = 0.0  # epoch seconds
    surge_until: float = 0.0
    polls: int = 0
    last_new_at: float | None = None


@dataclass(frozen=True)
class WatchConfig:
    sources_path: Path
    db_path: Path
    state_dir: Path
    min_interval: float = 300.0
    max_interval: float = 6 * 3600.0
    default_interval: float = 1800.0
    surge_interval: float = 300.0
    surge_seconds: float = 6 * 3600.0
    cycles: int | None = None
    crawl_timeout: float = 3600.0
    settings: tuple[str, ...] = ()
    health: HealthPolicy = field(default_factory=HealthPolicy)


@dataclass(frozen=True)
class CycleReport:
    number: int
    started: float
    seconds: float
    polled: tuple[str, ...]
    new_items: dict[str, int]
    surging: tuple[str, ...]
    child_status: int
    child_max_rss_kb: int


class Stop:
    """Set by SIGTERM/SIGINT; sleeping waits on it so a stop is immediate."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.child: subprocess.Popen[bytes] | None = None

    def handle(self, signum: int, _frame: Any) -> None:
        self.event.set()
        if self.child is not None and self.child.poll() is None:
            self.child.send_signal(signal.SIGTERM)

    def install(self) -> None:
        signal.signal(signal.SIGTERM, self.handle)
        signal.signal(signal.SIGINT, self.handle)


def state_path(config: WatchConfig) -> Path:
    return config.state_dir / "state.json"


def load_state(path: Path) -> dict[str, SourceState]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return {source_id: SourceState(**row) for source_id, row in data.get("sources", {}).items()}


def save_state(path: Path, state: dict[str, SourceState]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps({"sources": {k: asdict(v) for k, v in sorted(state.items())}}, indent=1),
                   encoding="utf-8")
    os.replace(tmp, path)


def poll_minutes(path: Path) -> dict[str, float]:
    """Optional `poll_minutes` per source in sources.toml."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {str(entry["id"]): float(entry["poll_minutes"]) for entry in data.get("source", [])
            if isinstance(entry, dict) and "id" in entry and "poll_minutes" in entry}


def initial_state(sources: list[Source], state: dict[str, SourceState], config: WatchConfig) -> dict[str, SourceState]:
    declared = poll_minutes(config.sources_path)
    fresh: dict[str, SourceState] = {}
    for source in sources:
        fresh[source.source_id] = state.get(source.source_id) or SourceState(
            interval=clamp(declared.get(source.source_id, config.default_interval / 60) * 60, config))
    return fresh


def clamp(seconds: float, config: WatchConfig) -> float:
    return max(config.min_interval, min(config.max_interval, seconds))


def adapted_interval(current: float, new_items: int, config: WatchConfig) -> float:
    return clamp(current / 2 if new_items else current * 1.5, config)


def regions_overlap(a: str | None, b: str | None) -> bool:
    return bool(a and b and (a.startswith(b) or b.startswith(a)))


def subset_toml(sources: list[Source], path: Path) -> None:
    lines: list[str] = []
    for source in sources:
        lines.append("[[source]]")
        for key, value in asdict(source).items():
            name = "id" if key == "source_id" else key
            if value is None:
                continue
            lines.append(f"{name} = {json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def run_child(config: WatchConfig, due: list[Source], stop: Stop) -> tuple[int, int]:
    """`tracker run` for the due sources in a child process; (exit status, child's peak RSS in KiB)."""
    subset = config.state_dir / "due-sources.toml"
    subset_toml(due, subset)
    settings = ["-s", f"TRACKER_VALIDATORS_FILE={config.state_dir / 'validators.json'}"]
    for pair in config.settings:
        settings += ["-s", pair]
    command = [sys.executable, "-m", "pipeline.cli", "run", "--sources", str(subset), "--db", str(config.db_path),
               *settings]
    config.state_dir.mkdir(parents=True, exist_ok=True)
    with (config.state_dir / "polls.log").open("ab") as log:  # each poll's own summary and errors
        stop.child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + config.crawl_timeout
    while True:
        pid, status, usage = os.wait4(stop.child.pid, os.WNOHANG)
        if pid:
            stop.child.returncode = os.waitstatus_to_exitcode(status)
            return stop.child.returncode, int(usage.ru_maxrss)
        if stop.event.is_set():
            deadline = min(deadline, time.monotonic() + CHILD_STOP_SECONDS)
        if time.monotonic() > deadline:
            stop.child.kill()
        time.sleep(0.05)


def new_items_since(config: WatchConfig, since: datetime) -> dict[str, int]:
    with db.reader(config.db_path) as con:
        return {row["source_id"]: row["n"] for row in db.query(con, "reliability_new_items", {"since": since})}


def surge_regions(config: WatchConfig, since: datetime) -> list[str]:
    with db.reader(config.db_path) as con:
        return [row["region"] for row in db.query(con, "reliability_surge_regions", {"since": since})]


def schedule(state: dict[str, SourceState], sources: list[Source], polled: list[str], new_items: dict[str, int],
             health: dict[str, SourceHealth], regions: list[str], now: float, config: WatchConfig) -> list[str]:
    """Next due time of every polled source, and surges; returns the surging source ids."""
    for source_id in polled:
        entry = state[source_id]
        entry.polls += 1
        entry.interval = adapted_interval(entry.interval, new_items.get(source_id, 0), config)
        if new_items.get(source_id):
            entry.last_new_at = now
        wait = config.surge_interval if entry.surge_until > now else entry.interval
        checked = health.get(source_id)
        if checked is not None:
            wait = max(wait, checked.backoff.total_seconds())
        entry.next_due = now + wait
    surging = []
    for source in sources:
        if source.kind != "official" or not any(regions_overlap(source.region, region) for region in regions):
            continue
        entry = state[source.source_id]
        entry.surge_until = now + config.surge_seconds
        entry.next_due = min(entry.next_due, now + config.surge_interval)
        surging.append(source.source_id)
    return surging


def run_cycle(number: int, config: WatchConfig, sources: list[Source], state: dict[str, SourceState],
              stop: Stop) -> CycleReport | None:
    now = time.time()
    due = [s for s in sources if state[s.source_id].next_due <= now]
    if not due:
        return None
    started = datetime.now(UTC)
    status, rss = run_child(config, due, stop)
    stop.child = None
    new_items: dict[str, int] = {}
    health: dict[str, SourceHealth] = {}
    regions: list[str] = []
    if config.db_path.exists():
        new_items = new_items_since(config, started)
        health = {h.source_id: h for h in source_health(config.db_path, datetime.now(UTC), config.health)}
        regions = surge_regions(config, started)
    polled = [s.source_id for s in due]
    surging = schedule(state, sources, polled, new_items, health, regions, time.time(), config)
    save_state(state_path(config), state)
    return CycleReport(number, now, time.time() - now, tuple(polled), new_items, tuple(surging), status, rss)


def watch(config: WatchConfig, stop: Stop | None = None, on_cycle: Any = None) -> list[CycleReport]:
    """Poll until stopped or `config.cycles` cycles have run; returns the cycle reports."""
    stop = stop or Stop()
    sources = load_sources(config.sources_path)
    state = initial_state(sources, load_state(state_path(config)), config)
    save_state(state_path(config), state)
    reports: list[CycleReport] = []
    while not stop.event.is_set() and (config.cycles is None or len(reports) < config.cycles):
        report = run_cycle(len(reports) + 1, config, sources, state, stop)
        if report is None:
            wait = min(entry.next_due for entry in state.values()) - time.time()
            stop.event.wait(max(0.05, min(wait, 60.0)))
            continue
        reports.append(report)
        print(cycle_line(report), flush=True)
        if on_cycle is not None:
            on_cycle(report)
    save_state(state_path(config), state)
    return reports


def cycle_line(report: CycleReport) -> str:
    new = sum(report.new_items.values())
    more = f" and {len(report.surging) - 5} more" if len(report.surging) > 5 else ""
    surge = f"; surging: {', '.join(report.surging[:5])}{more}" if report.surging else ""
    failed = f"; poll exited with status {report.child_status}" if report.child_status else ""
    return (f"watch cycle {report.number}: polled {len(report.polled)} source(s) in {report.seconds:.1f} s, "
            f"{new} new item(s){surge}{failed}")


def add_watch_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sources", required=True, help="sources.toml")
    parser.add_argument("--cycles", type=int, default=None, help="stop after N poll cycles (default: run until stopped)")
    parser.add_argument("--min-interval", type=float, default=300.0, help="shortest poll interval, seconds")
    parser.add_argument("--max-interval", type=float, default=6 * 3600.0, help="longest poll interval, seconds")
    parser.add_argument("--interval", type=float, default=1800.0, help="starting poll interval, seconds")
    parser.add_argument("--surge-interval", type=float, default=300.0, help="poll interval while surging, seconds")
    parser.add_argument("--surge-hours", type=float, default=6.0, help="how long a surge lasts")
    parser.add_argument("--max-failures", type=float, default=30.0, help="failed polls before a source is disabled")
    parser.add_argument("-s", "--setting", action="append", default=[], metavar="NAME=VALUE",
                        help="override a Scrapy setting for every poll")


def watch_command(args: argparse.Namespace) -> int:
    config = WatchConfig(
        sources_path=Path(args.sources), db_path=args.db, state_dir=args.db.parent / "watch",
        min_interval=args.min_interval, max_interval=args.max_interval, default_interval=args.interval,
        surge_interval=args.surge_interval, surge_seconds=args.surge_hours * 3600, cycles=args.cycles,
        settings=tuple(args.setting), health=HealthPolicy(max_failures=args.max_failures),
    )
    stop = Stop()
    stop.install()
    reports = watch(config, stop)
    reason = "stopped by signal" if stop.event.is_set() else f"{len(reports)} cycle(s) done"
    print(f"watch: {reason}; state saved in {state_path(config)}", flush=True)
    return 0
