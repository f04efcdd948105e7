"""The labelled fixture pages, their scoring and the development / held-out split.

The split is fixed by a rule that does not look at results: pages sorted by the SHA-256 of their id, the
first half (18) for development, the rest (17) held out. Rules are developed against the first half and
against hand-written pages; the held-out half is only scored.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "extraction"
LABEL = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{2})(?::\d{2})?)?")
DEVELOPMENT_PAGES = 18


@dataclass(frozen=True)
class LabelledPage:
    page_id: str
    raw: bytes
    url: str
    label: str


@dataclass(frozen=True)
class Score:
    day_hits: int
    day_total: int
    minute_hits: int
    minute_total: int

    @property
    def day(self) -> float:
        return self.day_hits / self.day_total if self.day_total else 0.0

    @property
    def minute(self) -> float:
        return self.minute_hits / self.minute_total if self.minute_total else 0.0

    def __str__(self) -> str:
        return (
            f"day {self.day_hits:>2}/{self.day_total} = {self.day:.3f}   "
            f"minute {self.minute_hits:>2}/{self.minute_total} = {self.minute:.3f}"
        )


def load_pages() -> list[LabelledPage]:
    """Every fixture page with its label and the URL the dataset saved it from, in id order."""
    labels = {
        row[0]: row[1].strip()
        for row in csv.reader((FIXTURES / "labels.tsv").open(encoding="utf-8"), delimiter="\t")
        if row
    }
    pages = []
    for path in sorted((FIXTURES / "original").glob("*.html")):
        raw = path.read_bytes()
        match = re.match(rb'\s*<text id="([^"]+)"', raw)
        url = match.group(1).decode("ascii", "replace") if match else ""
        pages.append(LabelledPage(path.stem, raw, url, labels.get(path.stem, "")))
    return pages


def split(pages: Iterable[LabelledPage]) -> tuple[list[LabelledPage], list[LabelledPage]]:
    """(development, held-out)."""
    ordered = sorted(pages, key=lambda page: hashlib.sha256(page.page_id.encode()).hexdigest())
    return ordered[:DEVELOPMENT_PAGES], ordered[DEVELOPMENT_PAGES:]


def score(pages: Iterable[LabelledPage], found: Callable[[LabelledPage], datetime | None]) -> Score:
    """Day and minute accuracy as the fixtures' README scores them; ``found`` gives the page's local wall time."""
    day_hits = day_total = minute_hits = minute_total = 0
    for page in pages:
        match = LABEL.fullmatch(page.label)
        if match is None:
            continue
        shown = found(page)
        year, month, day = (int(part) for part in match.groups()[:3])
        day_ok = shown is not None and (shown.year, shown.month, shown.day) == (year, month, day)
        day_total += 1
        day_hits += day_ok
        if match.group(4) is not None:
            minute_total += 1
            clock = (int(match[4]), int(match[5]))
            minute_hits += day_ok and shown is not None and (shown.hour, shown.minute) == clock
    return Score(day_hits, day_total, minute_hits, minute_total)
