"""What every `tracker` command shares: the user-error type, the --db option, paths beside the database."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import db


class UserError(Exception):
    """A mistake the user can fix; printed as one line."""


def landing_paths(db_path: Path) -> tuple[Path, Path]:
    """Landing and raw-page folders that belong to a database."""
    return db_path.parent / "landing", db_path.parent / "raw"


def print_load(report: object) -> None:
    print(f"loaded {report.files_loaded} landing file(s), {report.documents} document record(s); "  # type: ignore[attr-defined]
          f"{report.files_skipped} already loaded")  # type: ignore[attr-defined]


def scrapy_settings(pairs: list[str]) -> dict[str, object]:
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


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=db.DEFAULT_DB, help="DuckDB file (default: data/tracker.duckdb)")


def mail_settings(args: argparse.Namespace) -> object:
    from pipeline.report.mail import MailError, load_settings

    config = args.smtp_config or os.environ.get("TRACKER_SMTP_CONFIG")
    try:
        return load_settings(os.environ, Path(config) if config else None)
    except MailError as exc:
        raise UserError(str(exc)) from None


def lake_target_check(target: Path) -> str:
    """A `ducklake:<catalog DSN>` target as given, after one read of its published copy (a one-line error if none)."""
    from db.lake import LakeError

    try:
        with db.reader(target):
            pass
    except LakeError as exc:
        raise UserError(str(exc)) from None
    return str(target)
