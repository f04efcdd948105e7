"""`tracker extract FILE_OR_URL`: one page's extracted fields as a JSON-ready dict."""

from __future__ import annotations

import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.core.sources import check_url
from pipeline.extract.article import extract_article
from pipeline.extract.published import published_evidence

MAX_PAGE_BYTES = 10 * 1024 * 1024
USER_AGENT = "who-spoke-first/0.1 (tracker extract)"


def _fetch(url: str) -> tuple[bytes, str | None]:
    request = urllib.request.Request(check_url(url, "tracker extract"), headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read(MAX_PAGE_BYTES + 1)
        if len(body) > MAX_PAGE_BYTES:
            raise ValueError(f"{url}: page larger than {MAX_PAGE_BYTES} bytes")
        return body, response.headers.get_content_charset()


def read_target(target: str, url: str | None = None) -> tuple[bytes, str | None, str]:
    """(bytes, header charset, the page's URL) of a local file or an http(s) URL."""
    if target.lower().startswith(("http://", "https://")):
        body, charset = _fetch(target)
        return body, charset, url or target
    path = Path(target)
    if not path.is_file():
        raise FileNotFoundError(f"{target}: no such file")
    return path.read_bytes(), None, url or path.resolve().as_uri()


def extract_target(target: str, url: str | None = None) -> dict[str, Any]:
    """Extract from a local file or an http(s) URL."""
    body, charset, page_url = read_target(target, url)
    extracted = extract_article(body, page_url, header_charset=charset, fetched_at=datetime.now(UTC))
    published = extracted.published
    return {
        "title": extracted.title,
        "published_at": published.at.isoformat() if published else None,
        "published_precision": published.precision if published else None,
        "published_raw": published.raw if published else None,
        "published_evidence": published_evidence(extracted.methods["published"]) if published else None,
        "written_at": extracted.written.at.isoformat() if extracted.written else None,
        "declared_source": extracted.declared_source,
        "body": extracted.body,
        "encoding": extracted.encoding,
        "methods": extracted.methods,
    }
