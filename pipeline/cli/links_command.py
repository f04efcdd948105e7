"""`tracker links FILE_OR_URL [--url URL]`: the article links and next pages the spider would take from one
column page, with why each was kept, as a JSON-ready dict."""

from __future__ import annotations

from typing import Any

from crawlers.links import read_column
from pipeline.cli.common import UserError
from pipeline.cli.extract_command import read_target
from pipeline.core.sources import check_url
from pipeline.extract.encoding import decode_html


def links_target(target: str, url: str | None = None) -> dict[str, Any]:
    """Read a column page from a file (with ``url``, the address it was saved from) or an http(s) URL."""
    if url is not None:
        check_url(url, "tracker links --url")
    elif not target.lower().startswith(("http://", "https://")):
        raise UserError(f"{target}: give --url URL, the address this page was saved from (links are resolved against it)")
    body, charset, page_url = read_target(target, url)
    page_html, _encoding = decode_html(body, charset)
    column = read_column(page_html, page_url)
    return {
        "page_url": page_url,
        "articles": [
            {"url": link.url, "text": link.text, "date": link.date_text, "why": list(link.reasons)}
            for link in column.articles
        ],
        "next_pages": [{"url": page.url, "why": page.reason} for page in column.next_pages],
    }
