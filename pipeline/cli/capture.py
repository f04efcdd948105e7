"""`tracker crawl | run | import | load | match | extract | sources | replay | watch`: getting documents in."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.cli.cluster import cmd_load_from_lake
from pipeline.cli.common import (
    landing_paths,
    print_load,
    scrapy_settings,
)
from pipeline.core.sources import load_sources


def cmd_crawl(args: argparse.Namespace, match_after: bool = False) -> int:
    from crawlers.landing import landing_files
    from crawlers.run import crawl
    from pipeline.load.importer import write_registry
    from pipeline.load.loader import load_files

    sources = load_sources(Path(args.sources))
    landing_dir, raw_dir = landing_paths(args.db)
    report = crawl(sources, landing_dir, raw_dir, overrides=scrapy_settings(args.setting))
    write_registry(sources, landing_dir, report.run_id)
    _print_crawl_summary(report)
    load_report = load_files(args.db, landing_files(landing_dir))
    print_load(load_report)
    if match_after:
        return cmd_match(args)
    failed = [s for s, t in report.tallies.items() if t.errors and not t.articles]
    return 1 if failed and len(failed) == len(report.tallies) else 0


def _print_crawl_summary(report: object) -> None:
    for source_id, tally in sorted(report.tallies.items()):  # type: ignore[attr-defined]
        status = "ok" if not tally.errors else f"{len(tally.errors)} error(s)"
        print(f"{source_id}: {tally.list_pages} list page(s), {tally.feeds} feed(s), {tally.articles} article(s), {status}")
        for error in tally.errors[:5]:
            print(error, file=sys.stderr)
        if len(tally.errors) > 5:
            print(f"source {source_id!r}: {len(tally.errors) - 5} more fetch error(s) in the fetch_errors table",
                  file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    from pipeline.load.importer import import_file
    from pipeline.load.loader import load_files

    landing_dir, _raw = landing_paths(args.db)
    result = import_file(Path(args.file), landing_dir)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    for note in result.notes:
        print(note)
    load_report = load_files(args.db, result.landing_files)
    print(f"imported {result.n_documents} document(s) from {args.file}; {len(result.problems)} line(s) rejected")
    print_load(load_report)
    return 0 if result.n_documents or not result.problems else 1


def cmd_load(args: argparse.Namespace) -> int:
    from crawlers.landing import landing_files
    from pipeline.load.loader import load_files

    if getattr(args, "from_lake", None):
        return cmd_load_from_lake(args)
    landing_dir = Path(args.landing) if args.landing else landing_paths(args.db)[0]
    print_load(load_files(args.db, landing_files(landing_dir)))
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    from pipeline.match.linking import run_match

    report = run_match(args.db)
    print(f"linked {report.documents_linked} document(s); {report.events_created} new event(s); "
          f"{report.copies_found} repost(s) by copied text")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    return cmd_crawl(args, match_after=True)


def cmd_extract(args: argparse.Namespace) -> int:
    from pipeline.cli.extract_command import extract_target

    print(json.dumps(extract_target(args.target, args.url), ensure_ascii=False, indent=2))
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    from pipeline.cli.links_command import links_target

    found = links_target(args.target, args.url)
    print(json.dumps(found, ensure_ascii=False, indent=2))
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from pipeline.timeliness.health import format_table, source_health

    for line in format_table(source_health(args.db, datetime.now(UTC))):
        print(line)
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    from pipeline.load.replay import replay

    landing_dir, raw_dir = landing_paths(args.db)
    report = replay(args.db, landing_dir, raw_dir)
    outcomes = ", ".join(f"{n} {outcome}" for outcome, n in sorted(report.outcomes.items())) or "nothing loaded"
    print(f"replayed {report.attempted} quarantined item(s) as {report.run_id}: {outcomes}; "
          f"{report.not_replayable} without a record or page bytes to replay")
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from pipeline.cli.watch import watch_command

    return watch_command(args)
