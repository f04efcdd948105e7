"""`tracker`: the command line. Errors a user can fix go to stderr as one line, with exit status 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

import duckdb

import db
from pipeline.cli.analyst import cmd_event, cmd_link, cmd_press, cmd_rules
from pipeline.cli.capture import (
    cmd_crawl,
    cmd_extract,
    cmd_import,
    cmd_load,
    cmd_match,
    cmd_replay,
    cmd_run,
    cmd_sources,
    cmd_watch,
)
from pipeline.cli.cluster import add_lake_commands, cmd_enqueue, cmd_sweep, cmd_worker
from pipeline.cli.common import (
    UserError,
    add_db,
)
from pipeline.cli.outputs import cmd_dashboard, cmd_demo, cmd_digest, cmd_schedule
from pipeline.core.sources import SourceError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tracker", description="Who spoke first: government or media?")
    sub = parser.add_subparsers(dest="command", required=True)
    commands: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
        "crawl": (cmd_crawl, "fetch every source once, then load what was found"),
        "import": (cmd_import, "load documents from another system (JSONL, or CSV with the same columns)"),
        "load": (cmd_load, "load landing files not yet in the database (rebuilds a deleted database)"),
        "match": (cmd_match, "link documents into events (incremental)"),
        "run": (cmd_run, "crawl, load and match"),
        "extract": (cmd_extract, "print the extracted fields of one page as JSON"),
        "digest": (cmd_digest, "write the weekly digest"),
        "dashboard": (cmd_dashboard, "start the Streamlit dashboard"),
        "demo": (cmd_demo, "run everything on the bundled offline demo world"),
        "watch": (cmd_watch, "poll every source at its own interval until stopped (SIGTERM stops cleanly)"),
        "sources": (cmd_sources, "print each source's health: status, last success, last new item, reason"),
        "replay": (cmd_replay, "retry the quarantined items (after a fix)"),
        "press": (cmd_press, "record and list press conferences and briefings"),
        "rules": (cmd_rules, "add a rule clock (with its effective date) or list the rules"),
        "schedule": (cmd_schedule, "crawl, load and match on a timetable; write the weekly digest on its day"),
        "link": (cmd_link, "confirm or reject a document's link to its event (kept across re-matching)"),
        "event": (cmd_event, "merge two events or split documents out of one (kept across re-matching)"),
        "worker": (cmd_worker, "crawl as one of several workers sharing poll jobs and requests through Redis"),
        "enqueue": (cmd_enqueue, "put one poll job per source into Redis for the workers (one cycle)"),
        "sweep": (cmd_sweep, "re-queue the sources whose poll in a cycle is overdue; print the cycle's status"),
    }
    for name, (handler, help_text) in commands.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        cmd.set_defaults(handler=handler)
        if name not in ("extract", "press", "rules", "link", "event", "worker", "enqueue", "sweep"):
            add_db(cmd)
    for name in ("crawl", "run", "schedule", "worker", "enqueue", "sweep"):
        sub.choices[name].add_argument("--sources", required=True, help="sources.toml")
    for name in ("worker", "enqueue", "sweep"):
        sub.choices[name].add_argument("--redis", required=True, metavar="URL", help="redis://HOST:PORT/DB")
    sub.choices["worker"].add_argument("--landing", required=True, metavar="DIR", help="landing folder (Parquet)")
    sub.choices["worker"].add_argument("--raw", required=True, metavar="DIR", help="raw page store")
    sub.choices["worker"].add_argument("--worker-id", help="this worker's name in file names (default: host_pid)")
    sub.choices["worker"].add_argument("--idle-exit", type=float, default=0.0, metavar="SECONDS",
                                       help="exit once the queues have been empty this long (default 0: never)")
    sub.choices["enqueue"].add_argument("--cycle", help="cycle id (default: the current UTC time)")
    sub.choices["sweep"].add_argument("--cycle", required=True, help="cycle id given to enqueue")
    sub.choices["sweep"].add_argument("--grace", type=float, default=600.0, metavar="SECONDS",
                                      help="a poll with no progress for this long is re-queued (default 600)")
    sub.choices["sweep"].add_argument("--until-complete", action="store_true",
                                      help="keep sweeping until every source's poll is complete")
    sub.choices["sweep"].add_argument("--timeout", type=float, default=3600.0, metavar="SECONDS",
                                      help="with --until-complete: give up after this long (exit 1; default 3600)")
    sub.choices["load"].add_argument("--landing", metavar="DIR", help="landing folder (default: beside the database)")
    for name in ("crawl", "run", "schedule", "worker"):
        sub.choices[name].add_argument(
            "-s", "--setting", action="append", default=[], metavar="NAME=VALUE", help="override a Scrapy setting"
        )
    sub.choices["import"].add_argument("file", help="JSONL file, one document a line")
    sub.choices["extract"].add_argument("target", help="an HTML file or an http(s) URL")
    sub.choices["extract"].add_argument("--url", help="the page's URL, when TARGET is a file")
    sub.choices["digest"].add_argument("--week", required=True, help="ISO week, YYYY-Www")
    for name in ("digest", "schedule"):
        sub.choices[name].add_argument("--out", default="data/digests", help="digest output folder")
        sub.choices[name].add_argument("--send", action="store_true", help="mail the digest (TRACKER_SMTP_* settings)")
        sub.choices[name].add_argument("--smtp-config", help="TOML file with an [smtp] table (or TRACKER_SMTP_CONFIG)")
    sub.choices["schedule"].add_argument("--every", default="30m", help="interval between crawls: 30m, 2h, 1d")
    sub.choices["schedule"].add_argument("--digest-weekday", default="mon", help="weekday for last week's digest")
    sub.choices["schedule"].add_argument("--digest-hour", type=int, default=8, help="hour (Beijing time) on that day")
    sub.choices["schedule"].add_argument("--once", action="store_true", help="one round, then exit (for cron)")
    sub.choices["dashboard"].add_argument("--port", type=int, default=8501)
    sub.choices["demo"].add_argument("--no-serve", action="store_true", help="do everything but serve the dashboard")
    sub.choices["demo"].add_argument("--port", type=int, default=8501)
    sub.choices["demo"].add_argument("--out", default="data/digests", help="digest output folder")
    press = sub.choices["press"].add_subparsers(dest="press_command", required=True)
    press_add = press.add_parser("add", help="record a press event held by an official source")
    press_add.add_argument("--source", required=True, help="id of the official source that held it")
    press_add.add_argument("--at", required=True, help="when it was held, e.g. '2026-10-11 10:00' (source's time zone)")
    press_add.add_argument("--title", required=True, help="its title")
    press_add.add_argument("--event", help="pin it to this event id instead of linking by time and title")
    press_list = press.add_parser("list", help="list press events and the events they are linked to")
    for parser_ in (press_add, press_list):
        add_db(parser_)
    rules = sub.choices["rules"].add_subparsers(dest="rules_command", required=True)
    rules_add = rules.add_parser("add", help="add (or replace) a user-defined rule clock")
    rules_add.add_argument("rule_id", metavar="RULE_ID", help="a short id, e.g. jn-response-24h")
    rules_add.add_argument("--document", required=True, help="the rule's source, e.g. 江政办发〔2026〕45号")
    rules_add.add_argument("--obligation", required=True, choices=("authoritative_info", "press_conference", "response"))
    rules_add.add_argument("--applies-to", required=True, choices=("major", "other", "all"),
                           help="events of this severity")
    rules_add.add_argument("--hours", type=float, required=True, help="the clock, in hours from the first report")
    rules_add.add_argument("--from", dest="start", required=True, help="effective from, e.g. 2026-10-12 (Beijing time)")
    rules_add.add_argument("--to", dest="end", help="effective until (default: open-ended)")
    rules_add.add_argument("--note", help="what the rule says")
    rules_list = rules.add_parser("list", help="list built-in and user-defined rules")
    for parser_ in (rules_add, rules_list):
        add_db(parser_)
    link = sub.choices["link"].add_subparsers(dest="link_command", required=True)
    event = sub.choices["event"].add_subparsers(dest="event_command", required=True)
    corrections = [
        link.add_parser("confirm", help="the document belongs to its event"),
        link.add_parser("reject", help="the document does not belong to its event: move it to one of its own"),
        event.add_parser("merge", help="move every document of EVENT_ID into INTO_EVENT_ID"),
        event.add_parser("split", help="move the given documents of EVENT_ID into a new event"),
    ]
    for parser_ in corrections[:2]:
        parser_.add_argument("doc_id", metavar="DOC_ID")
    corrections[2].add_argument("event_id", metavar="EVENT_ID")
    corrections[2].add_argument("into_event_id", metavar="INTO_EVENT_ID")
    corrections[3].add_argument("event_id", metavar="EVENT_ID")
    corrections[3].add_argument("doc_ids", metavar="DOC_ID", nargs="+")
    for parser_ in corrections:
        add_db(parser_)
        parser_.add_argument("--note", help="why (kept with the correction)")
        parser_.add_argument("--analyst", help="who made it")
    from pipeline.cli.watch import add_watch_arguments

    add_watch_arguments(sub.choices["watch"])
    add_lake_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except (UserError, SourceError, ValueError, FileNotFoundError, db.DatabaseBusy) as exc:
        print(f"tracker {args.command}: {exc}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:
        print(f"tracker {args.command}: database error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
