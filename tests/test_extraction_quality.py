"""Quality gate: publish-time accuracy on the real labelled pages, scored as their README says.

A page counts for day accuracy when its label has a day, and for minute accuracy when it has a
time of day; the extracted time, in the page's local time (the wall clock of the returned
offset), must equal the label to that precision. Returning nothing is wrong.

Pinned at what the extractor reaches (22/26 days, 20/21 minutes), rounded down. The four day
misses are pages where the label disagrees with the page: 05e98007 (``7/5/2005 9:23:57 PM``
on a US-format site whose own text reports the story on 2005-07-03; labelled May 7),
35687fb1 (labelled with the blog header's clock "2006年12月27日（京港台时间）", not the post
date), d5bced5e (a Wikipedia maintenance-tag date, not the page's datePublished) and
e8847578 (labelled with 成文日期 2022-01-27; the page was published 2022-01-28, which is the
date that counts here).
"""

from __future__ import annotations

import csv
import re
from datetime import UTC, datetime
from pathlib import Path

from pipeline.extract.article import extract_article

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "extraction"
DAY_FLOOR = 0.83
MINUTE_FLOOR = 0.94
LABEL = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{2})(?::\d{2})?)?")


def score() -> tuple[int, int, int, int]:
    """(day hits, day total, minute hits, minute total) over every fixture page."""
    labels = {
        row[0]: row[1].strip()
        for row in csv.reader((FIXTURES / "labels.tsv").open(encoding="utf-8"), delimiter="\t")
        if row
    }
    day_hits = day_total = minute_hits = minute_total = 0
    now = datetime.now(UTC)
    for path in sorted((FIXTURES / "original").glob("*.html")):
        match = LABEL.fullmatch(labels.get(path.stem, ""))
        if match is None:
            continue
        raw = path.read_bytes()
        url_match = re.match(rb'\s*<text id="([^"]+)"', raw)
        url = url_match.group(1).decode("ascii", "replace") if url_match else ""
        published = extract_article(raw, url, fetched_at=now).published
        shown = published.at.replace(tzinfo=None) if published else None
        year, month, day = (int(part) for part in match.groups()[:3])
        day_ok = shown is not None and (shown.year, shown.month, shown.day) == (year, month, day)
        day_total += 1
        day_hits += day_ok
        if match.group(4) is not None:
            minute_total += 1
            minute_ok = day_ok and shown is not None and (shown.hour, shown.minute) == (int(match[4]), int(match[5]))
            minute_hits += minute_ok
    return day_hits, day_total, minute_hits, minute_total


def test_publish_time_accuracy() -> None:
    day_hits, day_total, minute_hits, minute_total = score()
    assert day_total >= 20 and minute_total >= 15
    assert day_hits / day_total >= DAY_FLOOR, f"day accuracy {day_hits}/{day_total}"
    assert minute_hits / minute_total >= MINUTE_FLOOR, f"minute accuracy {minute_hits}/{minute_total}"
