"""The one date parser for pages, feeds and imports: regex based, time-zone aware, precision kept.

Rules callers rely on:

* A string without a zone is read in ``tz`` (the source's declared zone, Asia/Shanghai by default).
* ``CST`` is China Standard Time (+08:00) when ``tz`` is a Chinese zone, US Central otherwise.
* A written time of exactly ``00:00`` or ``00:00:00`` is how CMSs write a date-only value
  (``PubDate=2022-01-28 00:00:00``), so it gets ``day`` precision unless ``midnight_as_day=False``.
* ``a/b/yyyy``: a part above 12 decides; otherwise a trailing AM/PM means US month/day, and
  anything else day/month.
* Relative times (``3小时前``, ``昨天 10:20``) are read against ``now`` in ``tz``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from pipeline.core.records import ParsedTime

CHINESE_ZONES = frozenset(
    {
        "Asia/Shanghai",
        "Asia/Chongqing",
        "Asia/Chungking",
        "Asia/Harbin",
        "Asia/Urumqi",
        "Asia/Kashgar",
        "PRC",
        "Asia/Hong_Kong",
        "Asia/Macau",
        "Asia/Taipei",
    }
)
EARLIEST_WEB = datetime(1994, 1, 1, tzinfo=timezone(timedelta(hours=8)))

_WIDTH = str.maketrans(
    "０１２３４５６７８９：／．－　，ＴＺ＋",
    "0123456789:/.- ,TZ+",
)
_CN_DIGIT = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_MONTHS = {
    m: i
    for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)
}
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_CNY = "〇○零一二三四五六七八九"

_DATE = re.compile(
    rf"""
    (?<![\d.])(?P<y>(?:19|20)\d\d)\s*(?P<sep>[-/.])\s*(?P<m>\d{{1,2}})\s*(?P=sep)\s*(?P<d>\d{{1,2}})(?:(?=\d\d[:：]\d\d)|(?![\d.]\d))
    | (?<![\d.])(?P<xy>(?:19|20)\d\d)\s+(?P<xm>[01]?\d)\s*/\s*(?P<xd>[0-3]?\d)(?=\s*[0-2]?\d:[0-5]\d)
    | (?<!\d)(?P<cy>(?:19|20)\d\d)\s*年\s*(?P<cm>\d{{1,2}})\s*月(?:\s*(?P<cd>\d{{1,2}})\s*[日号])?
    | (?P<zy>[{_CNY}]{{4}})\s*年\s*(?P<zm>[一二三四五六七八九十]{{1,2}})\s*月\s*(?P<zd>[一二三四五六七八九十]{{1,3}})\s*日
    | (?<![\d/])(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<sy>(?:19|20)\d\d)(?!\d)
    | (?<![\dA-Za-z])(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<emon>{_MON}),?\s+(?P<ey>(?:19|20)\d\d)(?!\d)
    | (?<![A-Za-z])(?P<fmon>{_MON})\s+(?P<fd>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<fy>(?:19|20)\d\d)(?!\d)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_TIME = re.compile(
    r"""
    (?:\s*(?:T|[,，]|at\b|-|[（(]?(?:星期|周)[一二三四五六日天][)）]?))*\s*
    (?P<ap1>上午|下午|中午|晚上|早上|凌晨|傍晚|夜间|夜里)?\s*
    (?P<h>\d{1,2})\s*
    (?:
        [:：]\s*(?P<mi>\d{2})(?:\s*[:：]\s*(?P<s>\d{2})(?:[.,]\d+)?)?
      | [时點点]\s*(?:(?P<half>半)|(?P<mi2>\d{1,2})\s*分(?:\s*(?P<s2>\d{1,2})\s*秒)?)?
    )
    (?:\s*(?P<ap2>[AaPp]\.?\s?[Mm]\.?)(?![A-Za-z]))?
    """,
    re.VERBOSE,
)
_ZONE = re.compile(
    r"""
    \s*[（(]?\s*(?:
        (?P<z>Z)(?![A-Za-z])
      | (?P<off>[+-](?:0\d|1[0-4]):?[0-5]\d)(?![\d:])
      | (?P<name>UTC|GMT|CST|北京时间|BJT|HKT|JST|KST|EST|EDT|CDT|PST|PDT|CET|CEST|MSK)
        (?:\s*(?P<noff>[+-]\d{1,2}(?::?\d{2})?))?
    )
    """,
    re.VERBOSE,
)
_ZONE_HOURS = {
    "UTC": 0,
    "GMT": 0,
    "北京时间": 8,
    "BJT": 8,
    "HKT": 8,
    "JST": 9,
    "KST": 9,
    "EST": -5,
    "EDT": -4,
    "CDT": -5,
    "PST": -8,
    "PDT": -7,
    "CET": 1,
    "CEST": 2,
    "MSK": 3,
}
_RELATIVE = re.compile(
    r"""
    (?P<just>刚刚|刚才|just\s+now)
    | (?P<n>\d+|半|一|两|二|三|几)\s*(?P<unit>秒钟?|分钟|小时|个小时|天|日|周|星期)\s*[以之]?前
    | (?P<en>\d+)\s*(?P<eunit>second|minute|hour|day|week)s?\s+ago
    | (?P<day>今天|今日|昨天|昨日|前天|today|yesterday)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_YEAR_ONLY = re.compile(r"\s*(?P<y>(?:19|20)\d\d)\s*年?\s*")
_YEAR_MONTH = re.compile(r"\s*(?P<y>(?:19|20)\d\d)\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*月?\s*")
_UNIT_SECONDS = {
    "秒": 1,
    "秒钟": 1,
    "分钟": 60,
    "小时": 3600,
    "个小时": 3600,
    "天": 86400,
    "日": 86400,
    "周": 604800,
    "星期": 604800,
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "week": 604800,
}
_UNIT_PRECISION = {1: "second", 60: "minute", 3600: "hour", 86400: "day", 604800: "day"}
_SMALL_NUMBER = {"半": 0.5, "一": 1, "两": 2, "二": 2, "三": 3, "几": 3}


@lru_cache(maxsize=64)
def zone(tz: str) -> ZoneInfo:
    """ZoneInfo for a zone name, cached."""
    return ZoneInfo(tz)


def day_of_match(match: re.Match[str] | None, tz: str) -> ParsedTime | None:
    """The day a match's groups 1-3 (year, month, day digits; a date in a URL or file name) name, at midnight in `tz`;
    None when nothing matched or there is no such day."""
    if match is None:
        return None
    try:
        at = datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=zone(tz))
    except ValueError:
        return None
    return ParsedTime(at=at, precision="day", raw=match.group(0))


def normalise_text(raw: str) -> str:
    """Full-width digits and punctuation to ASCII; non-breaking spaces to spaces."""
    return raw.translate(_WIDTH).replace("\xa0", " ")


def parse_datetime(
    raw: str,
    tz: str = "Asia/Shanghai",
    *,
    now: datetime | None = None,
    midnight_as_day: bool = True,
) -> ParsedTime | None:
    """Parse the first date (with its time and zone, if any) in ``raw``; labels are skipped.

    Returns None when nothing parses. See the module docstring for the rules.
    """
    if not raw or not isinstance(raw, str):
        return None
    text = normalise_text(raw)[:2000]
    for _start, _end, parsed in iter_datetimes(text, tz, now=now, midnight_as_day=midnight_as_day, normalised=True):
        return ParsedTime(at=parsed.at, precision=parsed.precision, raw=raw.strip())
    return _parse_coarse(text, raw, tz)


def iter_datetimes(
    text: str,
    tz: str = "Asia/Shanghai",
    *,
    now: datetime | None = None,
    midnight_as_day: bool = True,
    normalised: bool = False,
    relative: bool = True,
) -> Iterator[tuple[int, int, ParsedTime]]:
    """Yield (start, end, parsed) for every absolute date, then relative time, found in ``text``.

    Offsets refer to ``text`` (full-width forms keep their length when normalised). Absolute dates
    come first, in order of position; relative phrases only when no absolute date was found.
    """
    if not normalised:
        text = normalise_text(text)
    found = False
    for match in _DATE.finditer(text):
        parsed = _from_match(text, match, tz, midnight_as_day)
        if parsed is not None:
            found = True
            yield parsed
    if found or not relative:
        return
    for match in _RELATIVE.finditer(text):
        parsed_rel = _relative(text, match, tz, now)
        if parsed_rel is not None:
            yield parsed_rel


def is_implausible(
    at: datetime,
    *,
    now: datetime,
    tolerance_hours: float = 24,
    earliest: datetime = EARLIEST_WEB,
) -> str | None:
    """Why a claimed publish time cannot be right ("future", "before-web"), or None."""
    if at > now + timedelta(hours=tolerance_hours):
        return "future"
    if at < earliest:
        return "before-web"
    return None


def _from_match(text: str, match: re.Match[str], tz: str, midnight_as_day: bool) -> tuple[int, int, ParsedTime] | None:
    year, month, day, ambiguous = _ymd(match)
    end = match.end()
    hour = minute = second = 0
    precision = "day" if day else "month"
    time_match = _TIME.match(text, end) if day else None
    if time_match is not None:
        clock = _clock(time_match)
        if clock is not None:
            hour, minute, second, precision = clock
            end = time_match.end()
            if ambiguous and time_match["ap2"] is not None:
                month, day = day, month
    offset, end = _zone_at(text, end, tz, iso_like=_iso_like(match, time_match))
    try:
        at = datetime(year, month, day or 1, hour, minute, second, tzinfo=offset if offset is not None else zone(tz))
    except ValueError:
        return None
    if midnight_as_day and precision in ("minute", "second") and hour == minute == second == 0:
        precision = "day"
    return match.start(), end, ParsedTime(at=at, precision=precision, raw=text[match.start() : end])


def _ymd(match: re.Match[str]) -> tuple[int, int, int, bool]:
    """(year, month, day, ambiguous); day 0 means month precision."""
    if match["y"]:
        return int(match["y"]), int(match["m"]), int(match["d"]), False
    if match["xy"]:  # 新华网 header: "2022 02/13 07:48:52" (year and month/day in separate spans)
        return int(match["xy"]), int(match["xm"]), int(match["xd"]), False
    if match["cy"]:
        return int(match["cy"]), int(match["cm"]), int(match["cd"] or 0), False
    if match["zy"]:
        year = int("".join(str(_CN_DIGIT[c]) for c in match["zy"]))
        return year, _cn_number(match["zm"]), _cn_number(match["zd"]), False
    if match["sy"]:
        first, second = int(match["a"]), int(match["b"])
        if first > 12:
            return int(match["sy"]), second, first, False
        if second > 12:
            return int(match["sy"]), first, second, False
        # Ambiguous: read as day/month; the caller swaps when an AM/PM follows (US style).
        return int(match["sy"]), second, first, True
    if match["ey"]:
        return int(match["ey"]), _MONTHS[match["emon"][:3].lower()], int(match["ed"]), False
    return int(match["fy"]), _MONTHS[match["fmon"][:3].lower()], int(match["fd"]), False


def _cn_number(word: str) -> int:
    if "十" not in word:
        return _CN_DIGIT.get(word, 0)
    tens, _, units = word.partition("十")
    return (_CN_DIGIT.get(tens, 0) if tens else 1) * 10 + (_CN_DIGIT.get(units, 0) if units else 0)


def _clock(match: re.Match[str]) -> tuple[int, int, int, str] | None:
    hour = int(match["h"])
    minute_text = match["mi"] or match["mi2"]
    second_text = match["s"] or match["s2"]
    minute = 30 if match["half"] else int(minute_text or 0)
    second = int(second_text or 0)
    marker = match["ap1"] or (match["ap2"] or "").lower().replace(".", "").replace(" ", "")
    if marker in ("下午", "晚上", "傍晚", "夜间", "夜里", "pm") and hour < 12 or marker in ("中午",) and hour < 11:
        hour += 12
    elif marker in ("凌晨", "am") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 60:
        return None
    second = min(second, 59)
    if second_text:
        precision = "second"
    elif minute_text or match["half"]:
        precision = "minute"
    else:
        precision = "hour"
    return hour, minute, second, precision


def _iso_like(date: re.Match[str], time_match: re.Match[str] | None) -> bool:
    if date["ey"] or date["fy"]:
        return True
    if time_match is None:
        return False
    return time_match.group(0).lstrip().startswith("T") or bool(time_match["s"])


def _zone_at(text: str, pos: int, tz: str, *, iso_like: bool) -> tuple[timezone | None, int]:
    match = _ZONE.match(text, pos)
    if match is None:
        return None, pos
    if match["z"]:
        return UTC, match.end()
    if match["off"]:
        if not iso_like and ":" in match["off"]:
            return None, pos
        return _fixed(match["off"]), match.end()
    name = match["name"]
    hours = _cst_hours(tz) if name == "CST" else _ZONE_HOURS[name]
    base = timezone(timedelta(hours=hours))
    if match["noff"] and name in ("UTC", "GMT"):
        base = _fixed(match["noff"])
    return base, match.end()


def _cst_hours(tz: str) -> int:
    """CST is China Standard Time for Chinese sources, US Central otherwise."""
    return 8 if tz in CHINESE_ZONES else -6


def _fixed(offset: str) -> timezone:
    sign = -1 if offset.startswith("-") else 1
    digits = offset[1:].replace(":", "")
    hours = int(digits[:-2] or 0) if len(digits) > 2 else int(digits)
    minutes = int(digits[-2:]) if len(digits) > 2 else 0
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _relative(text: str, match: re.Match[str], tz: str, now: datetime | None) -> tuple[int, int, ParsedTime] | None:
    local_now = (now or datetime.now(UTC)).astimezone(zone(tz))
    end = match.end()
    if match["just"]:
        at, precision = local_now, "minute"
    elif match["n"] or match["en"]:
        count_text = match["n"] or match["en"]
        count = float(_SMALL_NUMBER.get(count_text, 0) or int(count_text))
        unit = _UNIT_SECONDS[(match["unit"] or match["eunit"]).lower()]
        at = local_now - timedelta(seconds=count * unit)
        precision = _UNIT_PRECISION[60 if unit == 3600 and count < 1 else unit]
    else:
        back = {"今天": 0, "今日": 0, "today": 0, "昨天": 1, "昨日": 1, "yesterday": 1, "前天": 2}
        day = (local_now - timedelta(days=back[match["day"].lower()])).date()
        at = datetime(day.year, day.month, day.day, tzinfo=zone(tz))
        precision = "day"
        time_match = _TIME.match(text, end)
        clock = _clock(time_match) if time_match is not None else None
        if clock is not None and time_match is not None:
            hour, minute, second, precision = clock
            at = at.replace(hour=hour, minute=minute, second=second)
            end = time_match.end()
    if precision in ("second", "minute", "hour"):
        at = at.replace(microsecond=0)
    return match.start(), end, ParsedTime(at=at, precision=precision, raw=text[match.start() : end])


def _parse_coarse(text: str, raw: str, tz: str) -> ParsedTime | None:
    """A bare year-month or year (``2018-08``, ``2003年5月``, ``2018``)."""
    match = _YEAR_MONTH.fullmatch(text)
    if match is not None and 1 <= int(match["m"]) <= 12:
        at = datetime(int(match["y"]), int(match["m"]), 1, tzinfo=zone(tz))
        return ParsedTime(at=at, precision="month", raw=raw.strip())
    match = _YEAR_ONLY.fullmatch(text)
    if match is not None:
        return ParsedTime(at=datetime(int(match["y"]), 1, 1, tzinfo=zone(tz)), precision="year", raw=raw.strip())
    return None
