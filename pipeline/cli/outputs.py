"""`tracker digest | schedule | dashboard | demo`: what people read."""

from __future__ import annotations

import argparse
import os
import subprocess
from pathlib import Path

import db
from pipeline.cli.capture import cmd_run
from pipeline.cli.common import (
    UserError,
    lake_target_check,
    mail_settings,
)
from pipeline.cli.dashboard import dashboard_command
from pipeline.core.sources import load_sources


def cmd_digest(args: argparse.Namespace) -> int:
    from db.lake import LakeError
    from pipeline.report.digest import write_digest

    if not db.is_lake_target(args.db) and not args.db.exists():
        raise UserError(f"{args.db}: no database here yet (run `tracker crawl` or `tracker demo` first)")
    settings = mail_settings(args) if args.send else None
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


def cmd_schedule(args: argparse.Namespace) -> int:
    from pipeline.report.schedule import Timetable, parse_every, parse_weekday, run_schedule

    table = Timetable(parse_every(args.every), parse_weekday(args.digest_weekday), args.digest_hour)
    load_sources(Path(args.sources))  # a broken sources file stops here, not in the first round
    if args.send:
        mail_settings(args)

    def digest(week: str) -> None:
        cmd_digest(argparse.Namespace(**{**vars(args), "week": week}))

    print(f"every {table.every}; digest on {args.digest_weekday} from {table.digest_hour}:00 (Beijing time)")
    return run_schedule(table, Path(args.out), lambda: cmd_run(args), digest, once=args.once)


def cmd_dashboard(args: argparse.Namespace) -> int:
    target = lake_target_check(args.db) if db.is_lake_target(args.db) else str(args.db.resolve())
    env = {**os.environ, "TRACKER_DB": target}
    print(f"dashboard on http://127.0.0.1:{args.port}/ (Ctrl-C to stop)")
    return subprocess.call(dashboard_command(args.db, args.port), env=env)


def cmd_demo(args: argparse.Namespace) -> int:
    from pipeline.cli.demo_run import run_demo

    return run_demo(args.db, serve=not args.no_serve, port=args.port, out=Path(args.out))
