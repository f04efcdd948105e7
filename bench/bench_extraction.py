"""Publish-time accuracy and speed on the labelled fixture pages: ours vs htmldate vs trafilatura.

Run: ``python bench/bench_extraction.py``. Scoring follows the fixtures' README: a label with a
day counts for day accuracy, one with a time of day for minute accuracy; the extracted time in
the page's local time must equal the label to that precision; nothing returned is wrong.
Baselines get the page already decoded (our decoder), so their timings exclude decoding.
"""

from __future__ import annotations

import csv
import logging
import re
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from htmldate import find_date
from trafilatura import extract_metadata

from pipeline.extract.article import extract_article
from pipeline.extract.encoding import decode_html

FIXTURES = ROOT.parent / "shared" / "fixtures" / "extraction"
LABEL = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{2})(?::\d{2})?)?")
REPEATS = 3

Page = tuple[str, bytes, str, str, str]  # id, bytes, decoded text, url, label
Wall = tuple[int, int, int, int, int] | None  # year, month, day, hour, minute (None: nothing found)


def load_pages() -> list[Page]:
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
        pages.append((path.stem, raw, decode_html(raw)[0], url, labels.get(path.stem, "")))
    return pages


def ours(page: Page) -> Wall:
    published = extract_article(page[1], page[3], fetched_at=NOW).published
    return _wall(published.at) if published else None


def ours_dates_only(page: Page) -> Wall:
    published = extract_article(page[1], page[3], fetched_at=NOW, with_body=False).published
    return _wall(published.at) if published else None


def htmldate_fast(page: Page) -> Wall:
    return _parse_out(find_date(page[2], extensive_search=False, outputformat="%Y-%m-%d %H:%M", url=page[3] or None))


def htmldate_extensive(page: Page) -> Wall:
    return _parse_out(find_date(page[2], extensive_search=True, outputformat="%Y-%m-%d %H:%M", url=page[3] or None))


def trafilatura_date(page: Page) -> Wall:
    meta = extract_metadata(page[2], default_url=page[3] or None)
    return _parse_out(meta.date if meta else None)


def _wall(at: datetime) -> Wall:
    return at.year, at.month, at.day, at.hour, at.minute


def _parse_out(value: str | None) -> Wall:
    if not value:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?", value)
    if match is None:
        return None
    parts = [int(part) if part else 0 for part in match.groups()]
    return parts[0], parts[1], parts[2], parts[3], parts[4]


def accuracy(results: list[Wall], pages: list[Page]) -> tuple[int, int, int, int]:
    day_hits = day_total = minute_hits = minute_total = 0
    for found, page in zip(results, pages, strict=True):
        match = LABEL.fullmatch(page[4])
        if match is None:
            continue
        want = [int(part) if part else None for part in match.groups()]
        day_ok = found is not None and list(found[:3]) == want[:3]
        day_total += 1
        day_hits += day_ok
        if want[3] is not None:
            minute_total += 1
            minute_hits += day_ok and found is not None and list(found[3:]) == want[3:]
    return day_hits, day_total, minute_hits, minute_total


def run(name: str, method: Callable[[Page], Wall], pages: list[Page]) -> float:
    results = [method(page) for page in pages]  # warm-up and scoring
    start = time.perf_counter()
    for _ in range(REPEATS):
        for page in pages:
            method(page)
    rate = REPEATS * len(pages) / (time.perf_counter() - start)
    day_hits, day_total, minute_hits, minute_total = accuracy(results, pages)
    print(
        f"{name:<28} day {day_hits:>2}/{day_total} = {day_hits / day_total:.3f}   "
        f"minute {minute_hits:>2}/{minute_total} = {minute_hits / minute_total:.3f}   {rate:7.1f} pages/s"
    )
    return rate


NOW = datetime.now(UTC)


def main() -> None:
    logging.disable(logging.WARNING)
    pages = load_pages()
    print(f"{len(pages)} pages from {FIXTURES}, {REPEATS} timed passes each, one process\n")
    rate_ours = run("ours (extract_article)", ours, pages)
    rate_dates = run("ours, dates only (no body)", ours_dates_only, pages)
    rate_fast = run("htmldate fast", htmldate_fast, pages)
    run("htmldate extensive", htmldate_extensive, pages)
    run("trafilatura (metadata date)", trafilatura_date, pages)
    print(
        f"\nspeed ratio ours / htmldate fast: {rate_ours / rate_fast:.2f} (full), {rate_dates / rate_fast:.2f} (dates only)"
    )


if __name__ == "__main__":
    main()
