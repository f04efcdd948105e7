"""Publish times that portal pages (百家号, 头条, 微信公众号 and the like) carry only in script data:
JSON objects or variables such as ``"publishTime":"2020-11-26 08:04:00"`` or ``var ct = "1606349040"``."""

from __future__ import annotations

import re
from datetime import datetime

from pipeline.core.records import ParsedTime
from pipeline.extract.dates import parse_datetime, zone
from pipeline.extract.page import Page

# Keys that name the article's own publish time in the script data of the big portals.
_KEY = (
    r"publishTime|publish_time|publishDate|publish_date|pubTime|pub_time|pubtime|pubDate|pub_date|"
    r"datePublished|firstPublishTime|first_publish_time|releaseTime|release_time|ptime|newsTime|news_time"
)
_SCRIPT_DATE = re.compile(
    rf"""(?<![\w$])["']?(?P<key>{_KEY})["']?\s*[:=]\s*(?:["'](?P<text>[^"'<>{{}}]{{6,40}})["']|(?P<num>\d{{10}}(?:\d{{3}})?)\b)""",
    re.IGNORECASE,
)
# WeChat: ``var ct = "1606349040";`` is the article's creation time in Unix seconds.
_WECHAT_CT = re.compile(r"""\bvar\s+ct\s*=\s*["']?(?P<num>\d{10})["']?""")
_SKIPPED_TYPES = frozenset({"application/ld+json", "text/template", "text/html", "text/xml"})
_MAX_SCRIPT_CHARS = 400_000


def script_published(page: Page, tz: str) -> tuple[ParsedTime, str] | None:
    """(time, key) of the first publish time named in the page's scripts, or None."""
    for script in page.tree.iter("script"):
        kind = (script.get("type") or "").strip().lower()
        text = script.text
        if not text or kind in _SKIPPED_TYPES:
            continue
        text = text[:_MAX_SCRIPT_CHARS]
        for match in _SCRIPT_DATE.finditer(text):
            parsed = _value(match["text"], match["num"], tz)
            if parsed is not None:
                return parsed, match["key"]
        wechat = _WECHAT_CT.search(text)
        if wechat is not None:
            parsed = _value(None, wechat["num"], tz)
            if parsed is not None:
                return parsed, "ct"
    return None


def _value(text: str | None, number: str | None, tz: str) -> ParsedTime | None:
    if number:
        seconds = int(number) / (1000 if len(number) == 13 else 1)
        at = datetime.fromtimestamp(seconds, zone(tz))
        return ParsedTime(at=at, precision="second", raw=number)
    if text and text.strip().isdigit() and len(text.strip()) in (10, 13):
        return _value(None, text.strip(), tz)
    return parse_datetime(text, tz) if text else None
