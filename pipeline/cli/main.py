"""`tracker`: the command line. Errors a user can fix go to stderr as one line, with exit status 2."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb

import db
from pipeline.cli.dashboard import dashboard_command
from pipeline.core.sources import SourceError, load_sources


class UserError(Exception):
    """A mistake the user can fix; printed as one line."""


def _paths(db_path: Path) -> tuple[Path, Path]:
    """Landing and raw-page folders that belong to a database."""
    return db_path.parent / "landing", db_path.parent / "raw"


def _print_load(report: object) -> None:
    print(f"loaded {report.files_loaded} landing file(s), {report.documents} document record(s); "  # type: ignore[attr-defined]
          f"{report.files_skipped} already loaded")  # type: ignore[attr-defined]


def cmd_crawl(args: argparse.Namespace, match_after: bool = False) -> int:
    from crawlers.landing import landing_files
    from crawlers.run import crawl
    from pipeline.load.importer import write_registry
    from pipeline.load.loader import load_files

    sources = load_sources(Path(args.sources))
    landing_dir, raw_dir = _paths(args.db)
    report = crawl(sources, landing_dir, raw_dir, overrides=_scrapy_settings(args.setting))
    write_registry(sources, landing_dir, report.run_id)
    _print_crawl_summary(report)
    load_report = load_files(args.db, landing_files(landing_dir))
    _print_load(load_report)
    if match_after:
        return cmd_match(args)
    failed = [s for s, t in report.tallies.items() if t.errors and not t.articles]
    return 1 if failed and len(failed) == len(report.tallies) else 0


def _scrapy_settings(pairs: list[str]) -> dict[str, object]:
    """`-s NAME=VALUE` options as Scrapy settings (values read as JSON when they parse, else as text)."""
    settings: dict[str, object] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.isupper():
            raise UserError(f"-s {pair!r}: expected NAME=VALUE with an upper-case Scrapy setting name")
        try:
            settings[name] = json.loads(value)
        except json.JSONDecodeError:
            settings[name] = value
    return settings


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

    landing_dir, _raw = _paths(args.db)
    result = import_file(Path(args.file), landing_dir)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    load_report = load_files(args.db, result.landing_files)
    print(f"imported {result.n_documents} document(s) from {args.file}; {len(result.problems)} line(s) rejected")
    _print_load(load_report)
    return 0 if result.n_documents or not result.problems else 1


def cmd_load(args: argparse.Namespace) -> int:
    from crawlers.landing import landing_files
    from pipeline.load.loader import load_files

    if getattr(args, "from_lake", None):
        return cmd_load_from_lake(args)
    landing_dir = Path(args.landing) if args.landing else _paths(args.db)[0]
    _print_load(load_files(args.db, landing_files(landing_dir)))
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


def cmd_digest(args: argparse.Namespace) -> int:
    from db.lake import LakeError
    from pipeline.report.digest import write_digest

    if not db.is_lake_target(args.db) and not args.db.exists():
        raise UserError(f"{args.db}: no database here yet (run `tracker crawl` or `tracker demo` first)")
    settings = _mail_settings(args) if args.send else None
    try:
        paths = write_digest(args.db, args.week, Path(args.out))
    except LakeError as exc:  # --db ducklake:<catalog DSN>: the lake's published copy
        raise UserError(str(exc)) from None
    for path in paths:
        print(path)
    if settings is not None:
        from pipeline.report.mail import send_digest

        send_digest(settings, paths)
        print(f"mailed to {', '.join(settings.recipients)}")
    return 0


def _mail_settings(args: argparse.Namespace) -> object:
    from pipeline.report.mail import MailError, load_settings

    config = args.smtp_config or os.environ.get("TRACKER_SMTP_CONFIG")
    try:
        return load_settings(os.environ, Path(config) if config else None)
    except MailError as exc:
        raise UserError(str(exc)) from None


def cmd_schedule(args: argparse.Namespace) -> int:
    from pipeline.report.schedule import Timetable, parse_every, parse_weekday, run_schedule

    table = Timetable(parse_every(args.every), parse_weekday(args.digest_weekday), args.digest_hour)
    load_sources(Path(args.sources))  # a broken sources file stops here, not in the first round
    if args.send:
        _mail_settings(args)

    def digest(week: str) -> None:
        cmd_digest(argparse.Namespace(**{**vars(args), "week": week}))

    print(f"every {table.every}; digest on {args.digest_weekday} from {table.digest_hour}:00 (Beijing time)")
    return run_schedule(table, Path(args.out), lambda: cmd_run(args), digest, once=args.once)


def _lake_target_check(target: Path) -> str:
    """A `ducklake:<catalog DSN>` target as given, after one read of its published copy (a one-line error if none)."""
    from db.lake import LakeError

    try:
        with db.reader(target):
            pass
    except LakeError as exc:
        raise UserError(str(exc)) from None
    return str(target)


def cmd_dashboard(args: argparse.Namespace) -> int:
    target = _lake_target_check(args.db) if db.is_lake_target(args.db) else str(args.db.resolve())
    env = {**os.environ, "TRACKER_DB": target}
    print(f"dashboard on http://127.0.0.1:{args.port}/ (Ctrl-C to stop)")
    return subprocess.call(dashboard_command(args.db, args.port), env=env)


def cmd_demo(args: argparse.Namespace) -> int:
    from pipeline.cli.demo_run import run_demo

    return run_demo(args.db, serve=not args.no_serve, port=args.port, out=Path(args.out))


def cmd_sources(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from pipeline.timeliness.health import format_table, source_health

    for line in format_table(source_health(args.db, datetime.now(UTC))):
        print(line)
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    from pipeline.load.loader import replay

    landing_dir, raw_dir = _paths(args.db)
    report = replay(args.db, landing_dir, raw_dir)
    outcomes = ", ".join(f"{n} {outcome}" for outcome, n in sorted(report.outcomes.items())) or "nothing loaded"
    print(f"replayed {report.attempted} quarantined item(s) as {report.run_id}: {outcomes}; "
          f"{report.not_replayable} without a record or page bytes to replay")
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from pipeline.cli.watch import watch_command

    return watch_command(args)


def cmd_worker(args: argparse.Namespace) -> int:
    from crawlers.run import run_worker

    sources = load_sources(Path(args.sources))
    worker_id = _worker_id(args.worker_id)
    if args.idle_exit < 0:
        raise UserError(f"--idle-exit {args.idle_exit}: must be 0 (run until stopped) or more seconds")
    report = run_worker(sources, Path(args.landing), Path(args.raw), args.redis, worker_id, args.idle_exit,
                        overrides=_scrapy_settings(args.setting))
    polled = [t for t in report.tallies.values() if t.entry_ok or t.entry_failed]
    pages = sum(t.list_pages + t.feeds for t in report.tallies.values())
    articles = sum(t.articles for t in report.tallies.values())
    errors = sum(len(t.errors) for t in report.tallies.values())
    print(f"worker {worker_id} (run {report.run_id}): polled {len(polled)} source(s), {pages} list page(s) and "
          f"feed(s), {articles} article(s), {errors} fetch error(s); landing files in {args.landing}")
    return 0


def _worker_id(given: str | None) -> str:
    from crawlers.cluster import check_worker_id, default_worker_id

    return check_worker_id(given) if given else default_worker_id()


def cmd_enqueue(args: argparse.Namespace) -> int:
    from crawlers.cluster import check_cycle_id, connect, enqueue_cycle, new_cycle_id, redis_errors

    sources = load_sources(Path(args.sources))
    cycle = check_cycle_id(args.cycle or new_cycle_id())
    with redis_errors(args.redis):
        pushed = enqueue_cycle(connect(args.redis), sources, cycle)
    print(f"cycle {cycle}: enqueued {len(pushed)} poll job(s); {len(sources) - len(pushed)} source(s) already in it")
    return 0


def cmd_sweep(args: argparse.Namespace) -> int:
    import time

    from crawlers.cluster import check_cycle_id, connect, cycle_status, redis_errors, sweep

    sources = load_sources(Path(args.sources))
    cycle = check_cycle_id(args.cycle)
    if args.grace <= 0 or args.timeout <= 0:
        raise UserError("--grace and --timeout must be more than 0 seconds")
    with redis_errors(args.redis):
        client = connect(args.redis)
        requeued: list[str] = sweep(client, sources, cycle, args.grace)
        status = cycle_status(client, cycle)
        deadline = time.monotonic() + args.timeout
        while args.until_complete and not status.complete and time.monotonic() < deadline:
            time.sleep(min(max(args.grace / 4, 0.5), 5.0, max(deadline - time.monotonic(), 0.0)))
            requeued += sweep(client, sources, cycle, args.grace)
            status = cycle_status(client, cycle)
    again = ", ".join(sorted(set(requeued))) or "nothing"
    print(f"{status.line()}; re-queued {len(requeued)} poll(s): {again}")
    return 1 if args.until_complete and not status.complete else 0


def cmd_press(args: argparse.Namespace) -> int:
    from pipeline.timeliness.press import PressError, list_press_events, record_press_event

    if args.press_command == "add":
        try:
            event = record_press_event(args.db, args.source, args.at, args.title, args.event)
        except PressError as exc:
            raise UserError(str(exc)) from exc
        print(f"{event.press_id}\t{event.source_id}\t{event.held_at.isoformat()}\t{event.held_precision}\t{event.title}")
        return 0
    if not args.db.exists():
        raise UserError(f"{args.db}: no database here yet (run `tracker crawl` or `tracker demo` first)")
    for row in list_press_events(args.db):
        linked = row["event_id"] or "-"
        print(f"{row['press_id']}\t{row['source_id']}\t{row['held_at'].isoformat()}\t{linked}\t{row['title']}")
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    from pipeline.timeliness.rules import add_rule, list_rules, parse_rule

    if args.rules_command == "add":
        try:
            rule = parse_rule(args.rule_id, args.document, args.obligation, args.applies_to, args.hours, args.start,
                              args.end, args.note)
            with db.writer(args.db) as con:
                add_rule(con, rule)
        except ValueError as exc:
            raise UserError(str(exc)) from exc
        print(f"{rule.rule_id}\t{rule.obligation}\t{rule.applies_to}\t{rule.clock_hours:g} h\tfrom "
              f"{rule.effective_from.isoformat()}")
        return 0
    if not args.db.exists():
        raise UserError(f"{args.db}: no database here yet (run `tracker crawl` or `tracker demo` first)")
    with db.reader(args.db) as con:
        for row in list_rules(con):
            until = row["effective_to"].isoformat() if row["effective_to"] else "-"
            origin = "user" if row["user_defined"] else "built-in"
            print(f"{row['rule_id']}\t{row['document']}\t{row['obligation']}\t{row['applies_to']}\t"
                  f"{row['clock_hours']:g} h\t{row['effective_from'].isoformat()}\t{until}\t{origin}")
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    return _correct(args, "link_" + args.link_command, doc_ids=(args.doc_id,))


def cmd_event(args: argparse.Namespace) -> int:
    if args.event_command == "merge":
        return _correct(args, "merge", event_id=args.event_id, target_event_id=args.into_event_id)
    return _correct(args, "split", event_id=args.event_id, doc_ids=tuple(args.doc_ids))


def _correct(args: argparse.Namespace, action: str, **fields: object) -> int:
    from pipeline.match.corrections import CorrectionError, record

    if not args.db.exists():
        raise UserError(f"{args.db}: no database here yet (run `tracker crawl` or `tracker demo` first)")
    try:
        done = record(args.db, action, note=args.note, analyst=args.analyst, **fields)  # type: ignore[arg-type]
    except CorrectionError as exc:
        raise UserError(str(exc)) from exc
    target = done.target_event_id or ""
    print(f"{done.correction_id}\t{done.action}\t{done.event_id}\t{target}\t{' '.join(done.doc_ids)}")
    return 0


def cmd_lake_load(args: argparse.Namespace) -> int:
    from db.lake import LakeError, connect_lake
    from pipeline.load.lake import load_landing_to_lake, print_problems

    landing = Path(args.landing)
    if not landing.is_dir():
        raise UserError(f"{landing}: no landing folder here")
    if args.shards < 1 or not 0 <= args.shard < args.shards:
        raise UserError(f"--shard {args.shard} --shards {args.shards}: need 0 <= K < N")
    try:
        con = connect_lake(args.catalog, args.data_path)
        try:
            report = load_landing_to_lake(con, landing, shard=args.shard, shards=args.shards)
        finally:
            con.close()
    except LakeError as exc:
        raise UserError(str(exc)) from None
    print_problems(report.problems)
    print(f"lake shard {args.shard}/{args.shards}: loaded {report.files_loaded} landing file(s), {report.records} "
          f"record(s), {report.documents_new} new document(s), {report.duplicates} duplicate capture(s) skipped; "
          f"{report.files_skipped} already loaded, {report.files_failed} failed"
          + (f", {report.retries} transaction(s) redone after a commit conflict" if report.retries else ""))
    return 1 if report.files_failed else 0


def cmd_load_from_lake(args: argparse.Namespace) -> int:
    from db.lake import LakeError
    from pipeline.load.lake_export import load_from_lake

    if not args.lake_data:
        raise UserError("--from-lake needs --lake-data DIR (the lake's DATA_PATH)")
    try:
        report = load_from_lake(args.from_lake, args.lake_data, args.db)
    except LakeError as exc:
        raise UserError(str(exc)) from None
    print(f"exported {report.files_exported} lake file(s) to landing files")
    _print_load(report.load)
    return 0


def _add_lake_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`tracker lake-load` and `tracker load --from-lake`: the DuckLake store many loaders share."""
    text = "load landing Parquet files into DuckLake (PostgreSQL catalog); N loaders on N machines share the work"
    lake_load = sub.add_parser("lake-load", help=text, description=text)
    lake_load.set_defaults(handler=cmd_lake_load)
    lake_load.add_argument("--landing", required=True, help="landing folder (day=*/source=*/*.parquet)")
    lake_load.add_argument("--catalog", required=True, help="PostgreSQL DSN, e.g. 'dbname=tracker host=... user=...'")
    lake_load.add_argument("--data-path", required=True, help="the lake's data folder (DuckLake DATA_PATH)")
    lake_load.add_argument("--shard", type=int, default=0, help="this loader's shard K (0 <= K < N)")
    lake_load.add_argument("--shards", type=int, default=1, help="number of loaders N")
    load = sub.choices["load"]
    load.add_argument("--from-lake", metavar="DSN", help="build the DuckDB file from the lake with this catalog DSN")
    load.add_argument("--lake-data", metavar="DIR", help="the lake's data folder (with --from-lake)")
    _add_lake_publish(sub)


def cmd_lake_publish(args: argparse.Namespace) -> int:
    from db.lake import LakeError, connect_lake
    from pipeline.load.lake_publish import publish_analysis

    if not args.db.exists():
        raise UserError(f"{args.db}: no database here yet (run `tracker load --from-lake` and `tracker match` first)")
    try:
        con = connect_lake(args.catalog, args.data_path, create=False)
        try:
            report = publish_analysis(args.db, con)
        finally:
            con.close()
    except LakeError as exc:
        raise UserError(str(exc)) from None
    print(f"published {report.tables} table(s) (~{report.rows} row(s)) and {report.views} view(s) of {args.db} to "
          f"lake.analysis in {report.seconds:.2f} s; read them with --db 'ducklake:<catalog DSN>'")
    return 0


def _add_lake_publish(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`tracker lake-publish`: the analysis file's tables and views, for dashboards and digests on other machines."""
    text = "copy the analysis DuckDB file's tables and views into the lake (schema analysis), replacing the last copy"
    publish = sub.add_parser("lake-publish", help=text, description=text)
    publish.set_defaults(handler=cmd_lake_publish)
    _add_db(publish)
    publish.add_argument("--catalog", required=True, help="PostgreSQL DSN, e.g. 'dbname=tracker host=... user=...'")
    publish.add_argument("--data-path", required=True, help="the lake's data folder (DuckLake DATA_PATH)")


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=db.DEFAULT_DB, help="DuckDB file (default: data/tracker.duckdb)")


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
            _add_db(cmd)
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
        _add_db(parser_)
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
        _add_db(parser_)
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
        _add_db(parser_)
        parser_.add_argument("--note", help="why (kept with the correction)")
        parser_.add_argument("--analyst", help="who made it")
    from pipeline.cli.watch import add_watch_arguments

    add_watch_arguments(sub.choices["watch"])
    _add_lake_commands(sub)
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


