"""Recurring posts: a source that posts the same title template (figures and numerals masked) on another day.

A daily press conference, a bulletin per reporting period, a weekly notice: each occurrence is its own event, and
the source gives it away by posting the same template again on another day. An event with such a member is one
occurrence of a series, where a post a day later is most likely the next occurrence; a one-off happening is
followed up days later. The link decision reads this (`pipeline.match.features`, `series`).
"""

from __future__ import annotations

import re
from collections import deque

from pipeline.match.index import Entry, Prepared

_FIGURES_RE = re.compile(r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+")
_NOT_WORD_RE = re.compile(r"[\W_]+")
_DAY_SECONDS = 86400.0
_BEIJING_OFFSET = 8 * 3600.0


def template(title: str) -> str:
    """The title with its figures and numerals masked and its punctuation and spaces dropped."""
    return _NOT_WORD_RE.sub("", _FIGURES_RE.sub("0", title))


def beijing_day(ts: float) -> int:
    return int((ts + _BEIJING_OFFSET) // _DAY_SECONDS)


def next_occurrence(prepared: Prepared, member: Entry) -> bool:
    """The member is the same source's post of the same title template on another Beijing day."""
    return (
        bool(prepared.template)
        and member.template == prepared.template
        and member.source_id == prepared.doc.source_id
        and prepared.ts is not None
        and member.ts is not None
        and beijing_day(member.ts) != beijing_day(prepared.ts)
    )


class TitleCalendar:
    """When each source posted each title template, over the last `lookback_hours` behind the newest post.

    The look-back is the matching window: a matcher started a window's length before a document (a partition's
    warm-up) then tells its recurrence as one that saw everything."""

    def __init__(self, lookback_hours: float) -> None:
        self.lookback = lookback_hours * 3600.0
        self._days: dict[tuple[str, str], dict[int, float]] = {}  # (source, template) -> Beijing day -> latest ts
        self._order: deque[tuple[float, tuple[str, str], int]] = deque()
        self._newest: float | None = None

    def recurs(self, source_id: str, title_template: str, ts: float | None) -> bool:
        """The source posted this template on another Beijing day within the look-back before `ts`."""
        if ts is None or not title_template:
            return False
        days = self._days.get((source_id, title_template))
        if not days:
            return False
        day = beijing_day(ts)
        return any(other != day and ts - self.lookback <= seen <= ts + self.lookback for other, seen in days.items())

    def note(self, source_id: str, title_template: str, ts: float | None) -> None:
        if ts is None or not title_template:
            return
        key = (source_id, title_template)
        day = beijing_day(ts)
        days = self._days.setdefault(key, {})
        days[day] = max(ts, days.get(day, ts))
        self._order.append((ts, key, day))
        if self._newest is None or ts > self._newest:
            self._newest = ts
        self._forget()

    def _forget(self) -> None:
        """Let go of posts further behind the newest than the look-back (arrival order: a late one goes later)."""
        assert self._newest is not None
        horizon = self._newest - 2 * self.lookback
        while self._order and self._order[0][0] < horizon:
            ts, key, day = self._order.popleft()
            days = self._days.get(key)
            if days is not None and days.get(day, ts) <= ts:
                del days[day]
                if not days:
                    del self._days[key]
