"""`tracker demo`: the whole product on the bundled offline demo world, served on 127.0.0.1.

Renders the demo sites, serves them, crawls them in rounds (demo.world.ROUNDS) as the world changes between them,
each round with `tracker crawl` (the real spider and loader, in a child process: Twisted's reactor runs once a
process), matches, records the analyst's press event and rule as `tracker press add` and `pipeline.timeliness.rules.add_rule`
do, writes the digest for each demo week, prints a summary table and (unless --no-serve) starts the dashboard.

Round 1: 青河县人民政府 answers 503 (an outage while a live event's clock runs), the city's e17 post is not online.
Round 2: the county is back; the e17 post appears claiming a time before round 1 (backdated).
Then an alerts round (pipeline.cli.demo_alerts): a running clock about to end, alerted to a local receiver.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import db
from demo.world import BEIJING
from pipeline.cli.demo_alerts import alerts_round
from pipeline.core.sources import load_sources
from pipeline.report.week import week_label
from pipeline.timeliness.rules import Rule

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
# A rule the analyst adds (pipeline.timeliness.rules.add_rule): a provincial 24 h response clock for other events, in force from
# 2026-10-12 00:00. Its effective date falls inside e01's clock (first report 10-11 11:05), so e01 is judged
# would-have-missed by it while 61号's 48 h clock, in force, says missed; events from 10-12 on are met or missed by it.
DEMO_RULES: tuple[Rule, ...] = (
    Rule("jn-response-24h", "江政办发〔2026〕45号", "response", "other", 24.0,
         datetime(2026, 10, 12, tzinfo=BEIJING), note="江南省：其他政务舆情24小时内回应（2026年10月12日起施行）"),
)


def fresh_demo_dir(data_dir: Path) -> None:
    """Empty the demo's data folder; refuse to touch a folder that is not one the demo made."""
    if data_dir.exists() and any(data_dir.iterdir()):
        if not (data_dir / DEMO_MARKER).exists():
            raise ValueError(f"{data_dir}: not a demo data folder; choose another --db for the demo")
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / DEMO_MARKER).write_text("made by `tracker demo`; deleted and re-made on every run\n")


def digest_weeks(con: Any) -> list[str]:
    """The Beijing weeks that hold an event, oldest first: a digest's week holds the events that began in it (a post
    stamped later, in the next week, does not make that week a digest of its own)."""
    rows = db.query(con, "event_weeks")
    return [week_label(r["iso_year"], r["iso_week"]) for r in reversed(rows)]


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


def crawl_round(sources_path: Path, db_path: Path) -> None:
    """One crawl round with `tracker crawl` (crawl, then load) in a child process; its output indented."""
    settings = [arg for name, value in DEMO_SCRAPY_SETTINGS.items() for arg in ("-s", f"{name}={json.dumps(value)}")]
    command = [sys.executable, "-m", "pipeline.cli", "crawl", "--sources", str(sources_path), "--db", str(db_path)]
    with subprocess.Popen(
        [*command, *settings], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    ) as child:
        for line in child.stdout or ():
            if line.strip():
                print(f"  {line.rstrip()}", flush=True)
    if child.returncode != 0:
        raise RuntimeError(f"demo crawl failed with exit status {child.returncode}")


def print_cases(db_path: Path) -> None:
    """What the rounds left behind: backdated posts, posts seen before their claimed time, outages, and the rule
    results other than met / missed of events that both media and government covered."""
    with db.reader(db_path) as con:
        backdated = con.execute(
            "select source_id, title, published_at, absent_at from backdated_documents order by published_at"
        ).fetchall()
        early = con.execute(
            "select d.source_id, d.title, d.published_at, d.first_seen_at from document_bounds b"
            " join documents d using (doc_id) where b.seen_before_claimed order by d.published_at"
        ).fetchall()
        outages = con.execute(
            "select source_id, outage_start, outage_end from source_outages order by outage_start"
        ).fetchall()
        rules = con.execute(
            "select t.label, r.source_id, r.rule_id, r.status from event_rule_status r"
            " join event_timeliness t using (event_id)"
            " where r.status not in ('met', 'missed') and t.n_media > 0 and t.n_official > 0"
            " order by r.clock_start, r.rule_id, r.source_id"
        ).fetchall()
    for source_id, title, claimed, absent in backdated:
        print(f"backdated: {source_id} {_pad(title, 40)} claims {_fmt(claimed)}, not listed at {absent:%m-%d %H:%M:%S}")
    for source_id, title, claimed, seen in early:
        print(f"seen early: {source_id} {_pad(title, 40)} claims {_fmt(claimed)}, first seen {seen:%m-%d %H:%M:%S}")
    for source_id, start, end in outages:
        print(f"outage: {source_id} {start:%m-%d %H:%M:%S} - {'ongoing' if end is None else f'{end:%m-%d %H:%M:%S}'}")
    for label, source_id, rule_id, status in rules:
        print(f"rule clock: {_pad(label, 40)} {source_id:<7} {rule_id:<20} {status}")


def run_demo(db_path: Path, serve: bool, port: int, out: Path) -> int:
    from demo.render import render_world
    from demo.server import DemoServer
    from demo.server import serve as serve_world
    from demo.sources import write_sources_toml
    from demo.world import ROUNDS, world_docs
    from pipeline.match.linking import run_match
    from pipeline.report.digest import write_digest
    from pipeline.timeliness.press import record_press_event
    from pipeline.timeliness.rules import add_rule

    if db_path == db.DEFAULT_DB:
        db_path = Path("data/demo/tracker.duckdb")
    data_dir = db_path.parent
    if out == Path("data/digests"):
        out = data_dir / "digests"
    fresh_demo_dir(data_dir)
    started = datetime.now(UTC)  # live documents are dated relative to this
    sources_path = data_dir / "sources.toml"
    server: DemoServer | None = None
    try:
        for round_ in ROUNDS:
            world_dir = data_dir / "world" / f"round-{round_.number}"
            render_world(world_dir, world_docs(round_.number, started), round_.down)
            if server is None:
                server = serve_world(world_dir)
                write_sources_toml(server.base_url, sources_path)
                print(f"demo world on {server.base_url} ({len(load_sources(sources_path))} sources)")
            else:
                server.switch(world_dir)
            print(f"crawl round {round_.number}: {round_.note}")
            crawl_round(sources_path, db_path)
    finally:
        if server is not None:
            server.stop()
    matched = run_match(db_path)
    print(f"{matched.events_created} events; {matched.copies_found} copied texts")
    with db.writer(db_path) as con:
        for rule in DEMO_RULES:
            add_rule(con, rule)
            print(f"rule added: {rule.rule_id} {rule.document} {rule.clock_hours:g} h from {rule.effective_from:%Y-%m-%d}")
    for source_id, held_at, title in DEMO_PRESS_EVENTS:
        press = record_press_event(db_path, source_id, held_at, title)  # what `tracker press add` does
        print(f"press event: {press.press_id} {source_id} {held_at} {title}")
    with db.reader(db_path) as con:
        weeks = digest_weeks(con)
    for week in weeks:
        for path in write_digest(db_path, week, out):
            print(f"digest: {path}")
    print_summary(db_path)
    print()
    print_cases(db_path)
    print()
    alerts_round(db_path, datetime.now(UTC), port)
    if not serve:
        return 0
    from pipeline.cli.dashboard import dashboard_command

    print(f"\ndashboard on http://127.0.0.1:{port}/ (Ctrl-C to stop)")
    env = {**os.environ, "TRACKER_DB": str(db_path.resolve())}
    return subprocess.call(dashboard_command(db_path, port), env=env)
