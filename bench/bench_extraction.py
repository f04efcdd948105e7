"""Publish-time accuracy and speed on the labelled fixture pages: ours vs htmldate vs trafilatura.

Run: ``python bench/bench_extraction.py``. Scoring follows the fixtures' README (corrected labels): a label
with a day counts for day accuracy, one with a time of day for minute accuracy; the extracted time in the
page's local time must equal the label to that precision; nothing returned is wrong. Accuracy is printed on
all pages, the development half and the held-out half (`tests/extraction_pages.py`). Speed is pages/s on
one core (process CPU time, so other load on the machine does not count), with its ratio to htmldate's date-only speed measured in the same run. Baselines get the page
already decoded (our decoder), so their timings exclude decoding.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from htmldate import find_date
from trafilatura import extract_metadata

from pipeline.extract.article import extract_article
from pipeline.extract.encoding import decode_html
from tests.extraction_pages import FIXTURES, LabelledPage, load_pages, score, split

REPEATS = 3
NOW = datetime.now(UTC)

Method = Callable[[LabelledPage], datetime | None]


def ours(page: LabelledPage) -> datetime | None:
    published = extract_article(page.raw, page.url, fetched_at=NOW).published
    return published.at if published else None


def ours_dates_only(page: LabelledPage) -> datetime | None:
    published = extract_article(page.raw, page.url, fetched_at=NOW, with_body=False).published
    return published.at if published else None


@cache
def _decoded_text(page_id: str, raw: bytes) -> str:
    return decode_html(raw)[0]


def _decoded(page: LabelledPage) -> str:
    return _decoded_text(page.page_id, page.raw)


def htmldate_fast(page: LabelledPage) -> datetime | None:
    return _parse_out(
        find_date(_decoded(page), extensive_search=False, outputformat="%Y-%m-%d %H:%M", url=page.url or None)
    )


def htmldate_extensive(page: LabelledPage) -> datetime | None:
    return _parse_out(
        find_date(_decoded(page), extensive_search=True, outputformat="%Y-%m-%d %H:%M", url=page.url or None)
    )


def trafilatura_date(page: LabelledPage) -> datetime | None:
    meta = extract_metadata(_decoded(page), default_url=page.url or None)
    return _parse_out(meta.date if meta else None)


def _parse_out(value: str | None) -> datetime | None:
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?", value or "")
    if match is None:
        return None
    parts = [int(part) if part else 0 for part in match.groups()]
    return datetime(*parts)  # noqa: DTZ001 - a wall-clock time, compared field by field


def run(name: str, method: Method, pages: list[LabelledPage]) -> float:
    """Score ``method`` on every half, then time it; returns pages/s."""
    results = {page.page_id: method(page) for page in pages}  # warm-up and scoring

    def found(page: LabelledPage) -> datetime | None:
        return results[page.page_id]

    development, held_out = split(pages)
    start = time.process_time()
    for _ in range(REPEATS):
        for page in pages:
            method(page)
    rate = REPEATS * len(pages) / (time.process_time() - start)
    print(f"{name:<28} all       {score(pages, found)}   {rate:7.1f} pages/s")
    print(f"{'':<28} develop   {score(development, found)}")
    print(f"{'':<28} held-out  {score(held_out, found)}")
    return rate


def main() -> None:
    logging.disable(logging.WARNING)
    pages = load_pages()
    print(f"{len(pages)} pages from {FIXTURES}, {REPEATS} timed passes each, one process\n")
    rate_ours = run("ours (full extraction)", ours, pages)
    rate_dates = run("ours, dates only (no body)", ours_dates_only, pages)
    rate_fast = run("htmldate fast (date only)", htmldate_fast, pages)
    run("htmldate extensive", htmldate_extensive, pages)
    run("trafilatura (metadata date)", trafilatura_date, pages)
    print(
        f"\nfull extraction {rate_ours:.1f} pages/s = {rate_ours / rate_fast:.2f} x htmldate fast's date-only speed; "
        f"dates only {rate_dates / rate_fast:.2f} x"
    )


if __name__ == "__main__":
    main()
