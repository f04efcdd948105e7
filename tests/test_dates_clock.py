"""Catalogue B10: what a date string means does not depend on the day the parser runs."""

from datetime import UTC, datetime

import pytest

from pipeline.extract.dates import parse_datetime

FORMS = [
    ("2024年5月1日", "2024-05-01T00:00:00+08:00", "day"),
    ("2024年05月01日 10:30", "2024-05-01T10:30:00+08:00", "minute"),
    ("2024/05/01 10:30:00", "2024-05-01T10:30:00+08:00", "second"),
    ("Wed, 01 May 2024 10:30:00 CST", "2024-05-01T10:30:00+08:00", "second"),
    ("2024-05-01 10:00:00", "2024-05-01T10:00:00+08:00", "second"),
    ("Wed, 01 May 2024 10:30:00", "2024-05-01T10:30:00+08:00", "second"),
]
CLOCKS = [datetime(2024, 6, 3, 4, 0, tzinfo=UTC), datetime(2024, 11, 20, 15, 0, tzinfo=UTC)]


@pytest.mark.parametrize(("raw", "expected", "precision"), FORMS)
def test_same_answer_whatever_month_the_clock_says(raw: str, expected: str, precision: str) -> None:
    answers = []
    for now in CLOCKS:
        parsed = parse_datetime(raw, "Asia/Shanghai", now=now)
        assert parsed is not None, raw
        answers.append((parsed.at.isoformat(), parsed.precision))
    assert answers[0] == answers[1]
    at, got_precision = answers[0]
    assert at == expected
    allowed = {"second", "minute"} if precision == "second" else {precision}  # ':00' seconds may read as minutes
    assert got_precision in allowed


def test_empty_and_garbage_give_nothing() -> None:
    for raw in ("", "   ", "发布时间：", "未知"):
        assert parse_datetime(raw, "Asia/Shanghai", now=CLOCKS[0]) is None
