"""Read title, publish time, 成文日期, declared source and body text from one article page.

The page is decoded and parsed once (`page.Page`); each field has its own module: `title`,
`published` (with the dates printed in the text in `datelines`), `declared_source` and `body`.
Evidence is layered, most reliable first: government-CMS and Open Graph meta tags, then the
dateline printed beside the heading, then htmldate (fast mode) and dates in the URL.
"""

from __future__ import annotations

from datetime import datetime

from pipeline.core.records import Extracted
from pipeline.extract.body import extract_body
from pipeline.extract.datelines import find_written
from pipeline.extract.declared_source import find_source
from pipeline.extract.encoding import decode_html
from pipeline.extract.page import parse_page
from pipeline.extract.published import find_published
from pipeline.extract.title import find_title


def extract_article(
    body: bytes,
    url: str,
    *,
    header_charset: str | None = None,
    fetched_at: datetime,
    tz: str = "Asia/Shanghai",
    with_body: bool = True,
) -> Extracted:
    """Extract one page; never raises: unreadable input gives an Extracted with empty fields.

    ``with_body=False`` skips the main-text extraction (the slow part) when only dates are needed.
    """
    encoding = "utf-8"
    try:
        text, encoding = decode_html(body or b"", header_charset)
        return _extract(text, encoding, url or "", fetched_at, tz, with_body)
    except Exception as error:  # noqa: BLE001 - garbage in must not stop a crawl
        return Extracted("", "", None, None, None, encoding, {"error": type(error).__name__})


def _extract(text: str, encoding: str, url: str, fetched_at: datetime, tz: str, with_body: bool) -> Extracted:
    page = parse_page(text)
    if page is None:
        return Extracted("", "", None, None, None, encoding, {})
    methods: dict[str, str] = {}
    title, title_method, heading_at = find_title(page)
    if title:
        methods["title"] = title_method
    published = find_published(page, heading_at, url, fetched_at, tz)
    if published is not None:
        methods["published"] = published.method
    written = find_written(page.lines, heading_at, tz)
    if written is not None:
        methods["written"] = written.method
    source = find_source(page, heading_at)
    if source is not None:
        methods["declared_source"] = source[1]
    body_text, body_method = extract_body(page, heading_at, url) if with_body else ("", "")
    if body_text:
        methods["body"] = body_method
    return Extracted(
        title=title,
        body=body_text,
        published=published.value if published else None,
        written=written.value if written else None,
        declared_source=source[0] if source else None,
        encoding=encoding,
        methods=methods,
    )
