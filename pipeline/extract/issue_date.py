"""The issue date of an e-paper (电子版 / 数字报) page: the date bar beside the page number (``2016年08月09日
星期二 第01版：要闻``) or the date in the links to the page's PDF. Founder (方正) and similar e-paper systems
show no other date for an article."""

from __future__ import annotations

import re
from datetime import datetime

from pipeline.extract.dates import day_of_match, iter_datetimes, normalise_text
from pipeline.extract.page import Found, Page

_EDITION = re.compile(r"第\s*[0-9０-９A-Za-z]{1,3}\s*版|版面|版次|电子版|数字报")
_PDF_DATE = re.compile(r"((?:19|20)\d\d)[-/_]?([01]\d)[-/_]?([0-3]\d)")
_BAR_LINES = 40  # an issue's date bar sits at the top, before the article


def issue_date(page: Page, heading_at: int | None, tz: str, fetched_at: datetime) -> Found | None:
    """The e-paper issue date, from the date bar first, then the PDF links."""
    if not any(_EDITION.search(line.text) for line in page.lines[:_BAR_LINES]):
        return None
    stop = heading_at if heading_at is not None else min(len(page.lines), _BAR_LINES)
    for index in range(max(0, stop - _BAR_LINES), stop):
        text = page.lines[index].text
        nearby = " ".join(line.text for line in page.lines[max(0, index - 1) : index + 2])
        if not _EDITION.search(nearby):
            continue
        for _begin, _end, parsed in iter_datetimes(normalise_text(text), tz, relative=False, normalised=True):
            if parsed.precision == "day" and parsed.at <= fetched_at:
                return Found(parsed, "issue-date:bar")
    return _pdf_date(page, tz, fetched_at)


def _pdf_date(page: Page, tz: str, fetched_at: datetime) -> Found | None:
    for anchor in page.tree.iter("a"):
        href = anchor.get("href") or ""
        if not href.lower().split("?")[0].endswith(".pdf"):
            continue
        parsed = day_of_match(_PDF_DATE.search(href), tz)
        if parsed is not None and parsed.at <= fetched_at:
            return Found(parsed, "issue-date:pdf")
    return None
