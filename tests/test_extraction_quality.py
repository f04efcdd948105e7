"""Quality gate: publish-time accuracy on the real labelled pages (corrected labels), scored as their
README says: a label with a day counts for day accuracy, one with a time of day for minute accuracy; the
extracted time in the page's local time must equal the label to that precision; nothing returned is wrong.

The held-out half (see `tests/extraction_pages.py`) was meant as the figure that says how the rules
generalise, but its two misses (ab65832c, a 博客中国 reprint; c3f7d079, a 千龙网 news page) were read while the
rules for their page families were written, so it is no longer unseen: the honest check of those rules is
the hand-written family pages in `tests/test_extract_published_families.py`. Floors are pinned just below
what the set measures: 28/28 days and 26/26 minutes on the whole set, 15/15 and 13/13 on the development
half, 13/13 and 13/13 on the held-out half; any miss fails.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.extract.article import extract_article
from tests.extraction_pages import LabelledPage, load_pages, score, split

DAY_FLOOR = 0.99
MINUTE_FLOOR = 0.99
HELD_OUT_DAY_FLOOR = 0.99
HELD_OUT_MINUTE_FLOOR = 0.99
NOW = datetime.now(UTC)


def _shown(page: LabelledPage) -> datetime | None:
    published = extract_article(page.raw, page.url, fetched_at=NOW, with_body=False).published
    return published.at if published else None


def test_publish_time_accuracy() -> None:
    result = score(load_pages(), _shown)
    assert result.day_total >= 20 and result.minute_total >= 15
    assert result.day >= DAY_FLOOR, str(result)
    assert result.minute >= MINUTE_FLOOR, str(result)


def test_publish_time_accuracy_on_the_held_out_half() -> None:
    _development, held_out = split(load_pages())
    result = score(held_out, _shown)
    assert result.day_total >= 10 and result.minute_total >= 10
    assert result.day >= HELD_OUT_DAY_FLOOR, str(result)
    assert result.minute >= HELD_OUT_MINUTE_FLOOR, str(result)
