"""`tracker schedule`: crawl → load → match every interval, and write (and optionally mail) last week's digest
once on the chosen weekday. A cycle that fails is reported on stderr and the loop goes on; cron or a systemd timer
can run `tracker run` and `tracker digest` instead (docs/scheduling.md).
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from pipeline.report.week import SHANGHAI, week_label

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_EVERY = re.compile(r"(\d+)\s*([smhd])")
_UNITS: dict[str, str] = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


@dataclass(frozen=True)
class Timetable:
    every: timedelta
    digest_weekday: int  # Monday is 0
    digest_hour: int = 8  # Beijing time


def parse_every(text: str) -> timedelta:
    match = _EVERY.fullmatch(text.strip().lower())
    if match is None or int(match.group(1)) == 0:
        raise ValueError(f"bad interval {text!r}: expected a number and s, m, h or d, for example 30m")
    every = timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    if every < timedelta(minutes=1):
        raise ValueError(f"interval {text!r} is shorter than a minute")
    return every


def parse_weekday(text: str) -> int:
    try:
        return WEEKDAYS.index(text.strip().lower()[:3])
    except ValueError:
        raise ValueError(f"bad weekday {text!r}: expected one of {', '.join(WEEKDAYS)}") from None


def due_digest(now: datetime, table: Timetable, out_dir: Path) -> str | None:
    """Last ISO week's label when today is the digest day, its hour has come and that digest is not written yet."""
    local = now.astimezone(SHANGHAI)
    if local.weekday() != table.digest_weekday or local.hour < table.digest_hour:
        return None
    year, week, _ = (local - timedelta(days=7)).isocalendar()
    label = week_label(year, week)
    return None if (out_dir / f"digest-{label}.md").exists() else label


def run_schedule(
    table: Timetable,
    out_dir: Path,
    cycle: Callable[[], object],
    digest: Callable[[str], object],
    once: bool = False,
    clock: Callable[[], datetime] = lambda: datetime.now(SHANGHAI),
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Run `cycle` every `table.every` and `digest(week)` when one is due; with `once`, one round only."""
    while True:
        started = clock()
        for name, step in (("crawl/match", cycle), ("digest", None)):
            try:
                if step is not None:
                    step()
                elif (week := due_digest(clock(), table, out_dir)) is not None:
                    digest(week)
            except Exception as exc:  # noqa: BLE001 (a failed round must not stop the timetable)
                print(f"tracker schedule: {name} failed at {started:%Y-%m-%d %H:%M}: {exc}", file=sys.stderr)
        if once:
            return 0
        elapsed = (clock() - started).total_seconds()
        sleep(max(0.0, table.every.total_seconds() - elapsed))
