"""URL helpers shared by the list finder and the pager: canonical form and "same site"."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from tld import get_fld

TRACKING_PARAMETER = re.compile(r"^(utm_\w+|spm|from_share|share_token|fbclid|gclid)$", re.IGNORECASE)


def canonical_url(url: str) -> str:
    """The URL without its fragment and tracking parameters, with a lowercase scheme and host."""
    parts = urlsplit(url.strip())
    query = "&".join(
        pair for pair in parts.query.split("&") if pair and not TRACKING_PARAMETER.match(pair.partition("=")[0])
    )
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def site(url: str) -> str:
    """The registrable domain (``example.gov.cn`` for ``xxgk.example.gov.cn``), else the host itself."""
    return _site((urlsplit(url).hostname or "").lower())


@lru_cache(maxsize=4096)
def _site(host: str) -> str:
    if not host or host.replace(".", "").isdigit():
        return host
    return get_fld(f"http://{host}", fail_silently=True) or host


def same_site(url: str, page_url: str) -> bool:
    """True for the page's own origin and for other hosts of the same registrable domain."""
    if origin(url) == origin(page_url):
        return True
    scheme = urlsplit(url).scheme.lower()
    return scheme in ("http", "https") and bool(site(url)) and site(url) == site(page_url)
