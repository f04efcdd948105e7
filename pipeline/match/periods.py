"""Reading time out of text: reporting periods and cut-off times (0-24时 of the 19th, 截至20日24时), and dates
(2月20日, 昨天), resolved against the publication day."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

Endpoint = tuple[int, int, int]  # (month or 0 when unknown, day, hour or -1 when unknown)

_DAY = (
    r"(?:(?:(?P<{p}y>\d{{4}})年)?(?:(?P<{p}m>\d{{1,2}})月)?(?P<{p}d>\d{{1,2}})[日号]"
    r"|(?P<{p}rel>今天|今日|本日|当天|当日|昨天|昨日))"
)
_AMPM = r"(?P<{p}ap>凌晨|早上|上午|中午|下午|傍晚|晚上|晚间|晚)?"
# The characters a match can start with, as a lookahead in front: the regex engine then skips every other position
# at once instead of trying the whole pattern there (three times faster on news text; the matches are the same).
_DAY_FIRST = r"(?=[\d今本当昨])"
_PERIOD_FIRST = r"(?=[\d\s今本当昨凌早上中下傍晚零〇一二两三四五六七八九十])"  # a day, space, 当地时间, a time of day, an hour
_PERIOD_RE = re.compile(
    _PERIOD_FIRST
    + _DAY.format(p="a")
    + r"?\s*(?:当地时间)?\s*"
    + _AMPM.format(p="a")
    + r"(?P<sh>\d{1,2}|[零〇一二两三四五六七八九十]{1,3})(?:时|点)?\s*(?:-|至|到)\s*"
    + _DAY.format(p="b")
    + r"?\s*"
    + _AMPM.format(p="b")
    + r"(?P<eh>\d{1,2}|[零〇一二两三四五六七八九十]{1,3})(?:时|点)(?!\d)"
)
_ASOF_RE = re.compile(
    r"(?:截至|截止|截止到|截至到)\s*(?:当地时间|北京时间)?\s*"
    + _DAY.format(p="a")
    + r"?\s*"
    + _AMPM.format(p="a")
    + r"(?:(?P<eh>\d{1,2}|[零〇一二两三四五六七八九十]{1,3})(?:时|点))?"
)
DATE_RE = re.compile(_DAY_FIRST + _DAY.format(p="a"))
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (digit or 1) * _CN_UNITS[ch]
            digit = 0
    return total + digit


def _shift_hour(ampm: str | None, hour: int) -> int:
    return hour + 12 if ampm in {"下午", "傍晚", "晚上", "晚间", "晚"} and hour < 12 else hour


class DateResolver:
    """Turns day expressions into calendar dates, relative to the publish date and the last date mentioned."""

    def __init__(self, ref: date | None) -> None:
        self.ref = ref
        self.year = ref.year if ref is not None else 2001
        self.last: tuple[int, int] | None = None

    def resolve(self, m: re.Match[str], p: str) -> tuple[int, int] | None:
        rel = m.group(p + "rel")
        if rel in {"当天", "当日"}:
            return self.last or self.from_ref(0)
        if rel is not None:
            return self.from_ref(-1 if rel.startswith("昨") else 0)
        day_text = m.group(p + "d")
        if day_text is None:
            return None
        day = int(day_text)
        month_text = m.group(p + "m")
        if not 1 <= day <= 31:
            return None
        if month_text is not None:
            month = int(month_text)
        elif self.ref is None:
            month = 0
        else:
            month = self.ref.month if day <= self.ref.day + 1 else (self.ref.month - 2) % 12 + 1
        if not 0 <= month <= 12:
            return None
        self.last = (month, day)
        return self.last

    def from_ref(self, offset: int) -> tuple[int, int] | None:
        if self.ref is None:
            return None
        d = self.ref + timedelta(days=offset)
        return (d.month, d.day)


def _endpoint(day: tuple[int, int] | None, hour: int | None, year: int) -> Endpoint | None:
    """A cut-off time; 24时 of one day is 0时 of the next."""
    if day is None:
        return None
    month, dom = day
    if hour is None:
        return (month, dom, -1)
    if hour == 24:
        if not month:
            return (0, dom + 1, 0)
        try:
            nxt = date(year, month, dom) + timedelta(days=1)
        except ValueError:
            return None
        return (nxt.month, nxt.day, 0)
    return (month, dom, hour) if 0 <= hour < 24 else None


def endpoints_compatible(a: Endpoint, b: Endpoint) -> bool:
    return (a[0] == b[0] or 0 in (a[0], b[0])) and a[1] == b[1] and (a[2] == b[2] or -1 in (a[2], b[2]))


def days_apart(a: tuple[int, int], b: tuple[int, int], year: int = 2001) -> int:
    """Calendar days between two (month, day) dates of unknown year; month 0 means unknown."""
    if 0 in (a[0], b[0]):
        return abs(a[1] - b[1])
    try:
        gap = abs((date(year, *a) - date(year, *b)).days)
    except ValueError:
        return 0
    return min(gap, 365 - gap)


# What every match of _PERIOD_RE holds (an hour, maybe 时/点, then a dash, 至 or 到) and of _ASOF_RE: most texts have
# neither, and these are found much faster than the full patterns, which are tried at every position.
_PERIOD_HINT_RE = re.compile(r"[\d零〇一二两三四五六七八九十][时点]?\s*[-至到]")
_ASOF_HINTS = ("截至", "截止")


def find_periods(text: str, resolver: DateResolver) -> tuple[set[Endpoint], list[tuple[int, int]]]:
    found: set[Endpoint] = set()
    spans: list[tuple[int, int]] = []
    has_period = _PERIOD_HINT_RE.search(text) is not None
    has_asof = any(hint in text for hint in _ASOF_HINTS)
    if not (has_period or has_asof):
        return found, spans
    mentions: list[re.Match[str]] = []
    read_mentions = False

    def recall_date_before(pos: int) -> None:
        """当天 means the day last named before it."""
        nonlocal read_mentions
        if not read_mentions:
            mentions.extend(m for m in DATE_RE.finditer(text) if m.group("ad"))
            read_mentions = True
        before = [m for m in mentions if m.end() <= pos]
        if before:
            resolver.resolve(before[-1], "a")

    for m in _PERIOD_RE.finditer(text) if has_period else ():
        recall_date_before(m.start())
        start_day = resolver.resolve(m, "a")
        end_day = resolver.resolve(m, "b") or start_day or resolver.last or resolver.from_ref(0)
        end = _endpoint(end_day, _shift_hour(m.group("bap"), cn_number(m.group("eh"))), resolver.year)
        if end is not None:
            found.add(end)
        spans.append(m.span())
    for m in _ASOF_RE.finditer(text) if has_asof else ():
        recall_date_before(m.start())
        day = resolver.resolve(m, "a")
        hour = m.group("eh")
        if day is None and hour is None:
            continue
        if day is None:
            day = resolver.last or resolver.from_ref(0)
        end = _endpoint(day, None if hour is None else _shift_hour(m.group("aap"), cn_number(hour)), resolver.year)
        if end is not None:
            found.add(end)
        spans.append(m.span())
    return found, spans


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
