"""The one date parser: page, feed and import forms, zones, precision, relative times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from pipeline.extract.dates import EARLIEST_WEB, is_implausible, iter_datetimes, parse_datetime

CST = timezone(timedelta(hours=8))
NOW = datetime(2016, 8, 9, 12, 0, tzinfo=UTC)  # 20:00 in Beijing


def at(*parts: int, tz: timezone = CST) -> datetime:
    return datetime(*parts, tzinfo=tz)


@pytest.mark.parametrize(
    ("raw", "expected", "precision"),
    [
        ("2016年8月9日", at(2016, 8, 9), "day"),
        ("2016年08月09日 10:20", at(2016, 8, 9, 10, 20), "minute"),
        ("2016年08月09日10:20", at(2016, 8, 9, 10, 20), "minute"),
        ("2016-8-9 10:20:33", at(2016, 8, 9, 10, 20, 33), "second"),
        ("2016/08/09", at(2016, 8, 9), "day"),
        ("2016.08.09", at(2016, 8, 9), "day"),
        ("２０１６年８月９日　１０：２０", at(2016, 8, 9, 10, 20), "minute"),
        ("２０１６－０８－０９", at(2016, 8, 9), "day"),
        ("2016年8月9日 下午3:05", at(2016, 8, 9, 15, 5), "minute"),
        ("2016年8月9日 上午10:05", at(2016, 8, 9, 10, 5), "minute"),
        ("2016年8月9日 晚上9点", at(2016, 8, 9, 21, 0), "hour"),
        ("2016年8月9日10时20分", at(2016, 8, 9, 10, 20), "minute"),
        ("2016年8月9日 10时20分33秒", at(2016, 8, 9, 10, 20, 33), "second"),
        ("2005年08月30日, 星期二 13:22", at(2005, 8, 30, 13, 22), "minute"),
        ("二〇二二年一月二十七日", at(2022, 1, 27), "day"),
        ("2016-08-09T10:20:00Z", at(2016, 8, 9, 10, 20, tz=UTC), "second"),
        ("2016-08-09T10:20:00.123+08:00", at(2016, 8, 9, 10, 20), "second"),
        ("2016-08-09T02:20:00-05:00", at(2016, 8, 9, 2, 20, tz=timezone(timedelta(hours=-5))), "second"),
        ("发布时间：2016-08-09 10:20", at(2016, 8, 9, 10, 20), "minute"),
        ("发布日期: 2016年8月9日", at(2016, 8, 9), "day"),
        ("来源：连云港日报 时间：2016-08-09 10:20", at(2016, 8, 9, 10, 20), "minute"),
        ("2005-04-03 17:19PM", at(2005, 4, 3, 17, 19), "minute"),
        ("9/17/2004 5:54:13 AM", at(2004, 9, 17, 5, 54, 13), "second"),
        ("7/5/2005 9:23:57 PM", at(2005, 7, 5, 21, 23, 57), "second"),
        ("06/02/2022 - 13:48", at(2022, 2, 6, 13, 48), "minute"),
        ("Saturday, September 10th, 2005 10:56 am", at(2005, 9, 10, 10, 56), "minute"),
        ("2018-08", at(2018, 8, 1), "month"),
        ("2003年5月", at(2003, 5, 1), "month"),
        ("2018", at(2018, 1, 1), "year"),
    ],
)
def test_page_forms(raw: str, expected: datetime, precision: str) -> None:
    parsed = parse_datetime(raw, now=NOW)
    assert parsed is not None
    assert parsed.at == expected
    assert parsed.at.utcoffset() == expected.utcoffset()
    assert parsed.precision == precision
    assert parsed.raw == raw.strip()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tue, 09 Aug 2016 10:23:00 +0800", at(2016, 8, 9, 10, 23)),
        ("Tue, 09 Aug 2016 10:23:00 CST", at(2016, 8, 9, 10, 23)),
        ("Tue, 09 Aug 2016 02:23:00 GMT", at(2016, 8, 9, 10, 23)),
        ("Tue, 09 Aug 2016 02:23:00 UTC", at(2016, 8, 9, 10, 23)),
        ("2016-08-09T02:23:00Z", at(2016, 8, 9, 10, 23)),
        ("2016-08-09 10:23", at(2016, 8, 9, 10, 23)),
        ("2016/08/09 10:23:00", at(2016, 8, 9, 10, 23)),
        ("2016年08月09日 10:23", at(2016, 8, 9, 10, 23)),
    ],
)
def test_feed_pitfalls(raw: str, expected: datetime) -> None:
    """feedparser reads CST as US Central, zone-less as UTC and 年月日 as the current month."""
    parsed = parse_datetime(raw)
    assert parsed is not None
    assert parsed.at == expected
    assert parsed.at.astimezone(CST).hour == 10


def test_cst_is_us_central_for_american_sources() -> None:
    parsed = parse_datetime("Tue, 09 Aug 2016 10:23:00 CST", tz="America/Chicago")
    assert parsed is not None
    assert parsed.at.utcoffset() == timedelta(hours=-6)


def test_zone_less_time_uses_source_zone() -> None:
    parsed = parse_datetime("2016-08-09 10:23", tz="Europe/Paris")
    assert parsed is not None
    assert parsed.at.astimezone(UTC) == datetime(2016, 8, 9, 8, 23, tzinfo=UTC)


def test_midnight_is_day_precision() -> None:
    parsed = parse_datetime("2022-01-28 00:00:00")
    assert parsed is not None
    assert (parsed.at, parsed.precision) == (at(2022, 1, 28), "day")
    exact = parse_datetime("2022-01-28 00:00:00", midnight_as_day=False)
    assert exact is not None and exact.precision == "second"


@pytest.mark.parametrize(
    ("raw", "expected", "precision"),
    [
        ("3小时前", at(2016, 8, 9, 17, 0), "hour"),
        ("5分钟前", at(2016, 8, 9, 19, 55), "minute"),
        ("半小时前", at(2016, 8, 9, 19, 30), "minute"),
        ("2天前", at(2016, 8, 7, 20, 0), "day"),
        ("昨天 10:20", at(2016, 8, 8, 10, 20), "minute"),
        ("前天", at(2016, 8, 7), "day"),
        ("今天", at(2016, 8, 9), "day"),
        ("今天 08:05", at(2016, 8, 9, 8, 5), "minute"),
        ("刚刚", at(2016, 8, 9, 20, 0), "minute"),
        ("3 hours ago", at(2016, 8, 9, 17, 0), "hour"),
    ],
)
def test_relative_times(raw: str, expected: datetime, precision: str) -> None:
    parsed = parse_datetime(raw, now=NOW)
    assert parsed is not None
    assert (parsed.at, parsed.precision) == (expected, precision)


def test_yesterday_crosses_midnight_in_source_zone() -> None:
    """23:30 UTC is already the next day in Beijing: 昨天 is read in the source's zone."""
    late = datetime(2016, 8, 8, 23, 30, tzinfo=UTC)
    parsed = parse_datetime("昨天 10:20", now=late)
    assert parsed is not None and parsed.at == at(2016, 8, 8, 10, 20)


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "nothing here", "第12期", "2016-13-45", "2016-02-30", "10:20", "共 11 篇评论", "1.2.3"],
)
def test_nothing_parses(raw: str) -> None:
    assert parse_datetime(raw) is None


def test_time_range_is_not_a_zone() -> None:
    parsed = parse_datetime("2016-08-09 10:20-12:00")
    assert parsed is not None and parsed.at == at(2016, 8, 9, 10, 20)


def test_iter_datetimes_positions() -> None:
    text = "【看中国2005年07月03日报道】 正文 2005-07-05 21:23"
    found = list(iter_datetimes(text))
    assert [p.at.date().isoformat() for _, _, p in found] == ["2005-07-03", "2005-07-05"]
    start, end, _ = found[1]
    assert text[start:end] == "2005-07-05 21:23"


def test_is_implausible() -> None:
    now = datetime(2022, 3, 1, tzinfo=UTC)
    assert is_implausible(now + timedelta(hours=30), now=now) == "future"
    assert is_implausible(now + timedelta(hours=2), now=now) is None
    assert is_implausible(now + timedelta(hours=2), now=now, tolerance_hours=1) == "future"
    assert is_implausible(datetime(1990, 5, 1, tzinfo=UTC), now=now) == "before-web"
    assert is_implausible(EARLIEST_WEB + timedelta(days=1), now=now) is None


def test_parser_is_fast() -> None:
    import time

    samples = ["2016年08月09日 10:20", "发布时间：2016-08-09 10:20:33", "Tue, 09 Aug 2016 10:23:00 CST"] * 300
    start = time.perf_counter()
    for raw in samples:
        parse_datetime(raw)
    per_call = (time.perf_counter() - start) / len(samples)
    assert per_call < 0.0005  # dateparser takes about 4 ms a call
