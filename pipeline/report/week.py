"""ISO weeks in Beijing time and how the digest writes times, hours and shares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
WEEK_PATTERN = re.compile(r"(\d{4})-W(\d{2})")

WHO_LABELS: dict[str, str] = {
    "official_first": "政府先发",
    "media_first": "媒体先发",
    "undecided": "未定",
    "no_official": "无政府回应",
    "no_media": "无媒体报道",
}

_TIME_FORMATS: dict[str, str] = {
    "year": "%Y",
    "month": "%Y-%m",
    "day": "%Y-%m-%d",
    "hour": "%Y-%m-%d %H时",
    "second": "%Y-%m-%d %H:%M:%S",
}


@dataclass(frozen=True)
class Week:
    """An ISO week in Asia/Shanghai: [start, end), Monday 00:00 to the next Monday 00:00."""

    label: str
    start: datetime
    end: datetime


def week_label(year: int, number: int) -> str:
    """The ISO week's label, `YYYY-Www`, as digests and the dashboard name it."""
    return f"{year:04d}-W{number:02d}"


def parse_week(week: str) -> Week:
    """`YYYY-Www` to its bounds; ValueError with a one-line message on anything else."""
    match = WEEK_PATTERN.fullmatch(week.strip()) if isinstance(week, str) else None
    if match is None:
        raise ValueError(f"bad week {week!r}: expected YYYY-Www, for example 2024-W10")
    year, number = int(match.group(1)), int(match.group(2))
    try:
        monday = date.fromisocalendar(year, number, 1)
    except ValueError:
        raise ValueError(f"bad week {week!r}: {year} has no ISO week {number}") from None
    start = datetime(monday.year, monday.month, monday.day, tzinfo=SHANGHAI)
    return Week(week_label(year, number), start, start + timedelta(days=7))


def format_time(at: datetime | None, precision: str | None) -> str:
    """A publish time in Beijing time, shown only as precisely as it is known."""
    if at is None:
        return "—"
    return at.astimezone(SHANGHAI).strftime(_TIME_FORMATS.get(precision or "minute", "%Y-%m-%d %H:%M"))


def format_hours(hours: float | None) -> str:
    return "—" if hours is None else f"{hours:.2f}"


def format_share(part: int, whole: int) -> str:
    return "—" if whole == 0 else f"{100 * part / whole:.1f}%"
