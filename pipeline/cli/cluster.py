"""`tracker worker | enqueue | sweep | lake-load | load --from-lake | lake-publish`: crawling and loading on many machines."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.cli.common import (
    UserError,
    add_db,
    print_load,
    scrapy_settings,
)
from pipeline.core.sources import load_sources


def cmd_worker(args: argparse.Namespace) -> int:
    from crawlers.run import run_worker

    sources = load_sources(Path(args.sources))
    worker_id = _worker_id(args.worker_id)
    if args.idle_exit < 0:
        raise UserError(f"--idle-exit {args.idle_exit}: must be 0 (run until stopped) or more seconds")
    report = run_worker(sources, Path(args.landing), Path(args.raw), args.redis, worker_id, args.idle_exit,
                        overrides=scrapy_settings(args.setting))
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
    print_load(report.load)
    return 0


def add_lake_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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
    add_db(publish)
    publish.add_argument("--catalog", required=True, help="PostgreSQL DSN, e.g. 'dbname=tracker host=... user=...'")
    publish.add_argument("--data-path", required=True, help="the lake's data folder (DuckLake DATA_PATH)")
