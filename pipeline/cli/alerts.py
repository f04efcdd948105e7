"""`tracker alerts`: tell the responsible offices while a rule clock runs (alerts.toml), and deliver the outbox."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from pipeline.alerts.config import AlertsConfig, load_config

DEFAULT_CONFIG = Path("alerts.toml")


def add_alerts_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG,
                        help="alerts.toml: routes, channels and lead times (default: ./alerts.toml)")


def read_config(path: Path) -> AlertsConfig:
    """The configuration, or ConfigError (a ValueError: one line naming the entry)."""
    return load_config(path, os.environ)


def cmd_alerts(args: argparse.Namespace) -> int:
    from pipeline.alerts.run import run_alerts

    config = read_config(args.config)
    for line in run_alerts(args.db, config).lines():
        print(line, flush=True)
    return 0
