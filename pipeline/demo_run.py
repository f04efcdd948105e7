"""`tracker demo`: the whole product on the bundled offline demo world, served on 127.0.0.1.

Renders the demo sites, serves them, crawls them with the real spider, loads, matches, writes the
digest for each demo week, prints a summary table and (unless --no-serve) starts the dashboard.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

import db
from crawlers.landing import landing_files
from pipeline.importer import write_registry
from pipeline.sources import load_sources

DEMO_MARKER = ".demo-data"
# Every demo site is on 127.0.0.1: politeness delays that protect real servers only slow the demo down.
DEMO_SCRAPY_SETTINGS: dict[str, Any] = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "RETRY_TIMES": 0,
    "DOWNLOAD_TIMEOUT": 10,
    "LOG_LEVEL": "WARNING",
    "TRACKER_ALLOW_PRIVATE_NETWORKS": ["127.0.0.0/8"],
}
# Press events the demo records with `tracker press add` (source, time in Beijing time, title): the city's press
# conference on the industrial-park protest (demo event e01), which its own website reported only two days later.
DEMO_PRESS_EVENTS: tuple[tuple[str, str, str], ...] = (
    ("lj-gov", "2026-10-11 10:30", "临江市召开新闻发布会 通报江滨核技术应用产业园项目有关情况"),
)


def fresh_demo_dir(data_dir: Path) -> None:
    """Empty the demo's data folder; refuse to touch a folder that is not one the demo made."""
    if data_dir.exists() and any(data_dir.iterdir()):
        if not (data_dir / DEMO_MARKER).exists():
            raise ValueError(f"{data_dir}: not a demo data folder; choose another --db for the demo")
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / DEMO_MARKER).write_text("made by `tracker demo`; deleted and re-made on every run\n")


def _iso_weeks(con: Any) -> list[str]:
    rows = con.execute(
        "select distinct strftime(published_at, '%G-W%V') from documents where published_at is not null order by 1"
    ).fetchall()
    return [row[0] for row in rows]


def print_summary(db_path: Path) -> None:
    with db.reader(db_path) as con:
        rows = con.execute(
            "select label, n_media, n_official, first_media_at, first_official_at, lag_hours, official_first"
            " from event_timeliness where n_media + n_official > 1 or n_official > 0"
            " order by coalesce(first_media_at, first_official_at), event_id"
        ).fetchall()
    print(f"\n{_pad('event', 40)} {'media':>5} {'gov':>4} {'first media':>12} {'first gov':>12} {'lag h':>8}  first")
    for label, n_media, n_official, media_at, official_at, lag, first in rows:
        who = {True: "government", False: "media", None: "undecided" if lag is not None else "-"}[first]
        print(
            f"{_pad(label, 40)} {n_media:>5} {n_official:>4} {_fmt(media_at):>12} {_fmt(official_at):>12} "
            f"{'' if lag is None else f'{lag:.2f}':>8}  {who}"
        )


def _pad(text: str, width: int) -> str:
    """Cut or pad to `width` terminal columns; Chinese characters take two."""
    out, used = "", 0
    for char in text:
        size = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used + size > width:
            break
        out, used = out + char, used + size
    return out + " " * (width - used)


def _fmt(value: datetime | None) -> str:
    return value.strftime("%m-%d %H:%M") if value else "-"


def run_demo(db_path: Path, serve: bool, port: int, out: Path) -> int:
    from crawlers.run import crawl
    from demo.render import render_world
    from demo.server import serve as serve_world
    from demo.sources import write_sources_toml
    from pipeline.digest import write_digest
    from pipeline.linking import run_match
    from pipeline.load import load_files
    from pipeline.press import record_press_event

    if db_path == db.DEFAULT_DB:
        db_path = Path("data/demo/tracker.duckdb")
    data_dir = db_path.parent
    if out == Path("data/digests"):
        out = data_dir / "digests"
    fresh_demo_dir(data_dir)
    world_dir = data_dir / "world"
    render_world(world_dir)
    server = serve_world(world_dir)
    try:
        sources_path = data_dir / "sources.toml"
        write_sources_toml(server.base_url, sources_path)
        sources = load_sources(sources_path)
        print(f"demo world on {server.base_url} ({len(sources)} sources); crawling ...")
        landing_dir, raw_dir = data_dir / "landing", data_dir / "raw"
        report = crawl(sources, landing_dir, raw_dir, overrides=DEMO_SCRAPY_SETTINGS)
        write_registry(sources, landing_dir, report.run_id)
    finally:
        server.stop()
    for source_id, tally in sorted(report.tallies.items()):
        print(f"  {source_id}: {tally.list_pages} list page(s), {tally.feeds} feed(s), {tally.articles} article(s)")
    loaded = load_files(db_path, landing_files(landing_dir))
    matched = run_match(db_path)
    print(f"loaded {loaded.documents} documents; {matched.events_created} events; {matched.copies_found} copied texts")
    for source_id, held_at, title in DEMO_PRESS_EVENTS:
        press = record_press_event(db_path, source_id, held_at, title)  # what `tracker press add` does
        print(f"press event: {press.press_id} {source_id} {held_at} {title}")
    with db.reader(db_path) as con:
        weeks = _iso_weeks(con)
    for week in weeks:
        for path in write_digest(db_path, week, out):
            print(f"digest: {path}")
    print_summary(db_path)
    if not serve:
        return 0
    from pipeline.cli import dashboard_command

    print(f"\ndashboard on http://127.0.0.1:{port}/ (Ctrl-C to stop)")
    env = {**os.environ, "TRACKER_DB": str(db_path.resolve())}
    return subprocess.call(dashboard_command(db_path, port), env=env)


