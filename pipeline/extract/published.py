"""The publish time of a page, from the evidence that marks it best: meta tags (refined by the dateline),
the dateline under the heading, a labelled date elsewhere, htmldate (fast) and the URL.

Returned times are expressed in the page's own local time: ``tz`` unless the page prints its
own wall-clock time for an instant that a meta tag gives with an explicit offset (a Paris
page showing 13:48 for ``12:48+00:00`` is returned as 13:48+01:00).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import urlsplit

import lxml.html

from pipeline.core.records import ParsedTime
from pipeline.extract.datelines import (
    FINE,
    clock_on_day,
    date_header_with_clock,
    dateline_date,
    first_labelled,
    first_standalone,
    plausible,
    post_time,
)
from pipeline.extract.dates import day_of_match, normalise_text, parse_datetime, zone
from pipeline.extract.declared_source import SOURCE_LABEL
from pipeline.extract.issue_date import issue_date
from pipeline.extract.outlets import classify_source_name, normalise_source_name
from pipeline.extract.page import DISPLAY, Found, Page
from pipeline.extract.script_dates import script_published

PUBLISH_META: tuple[str, ...] = (
    "pubdate",
    "publishdate",
    "pubtime",
    "publishtime",
    "publish_time",
    "publish-date",
    "firstpublishedtime",
    "releasedate",
    "article:published_time",
    "og:published_time",
    "og:release_date",
    "og:article:published_time",
    "datepublished",
    "article:published",
    "weibo:article:create_at",
    "bytedance:published_time",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "prism.publicationdate",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate_time",
    "date",
)
MODIFIED_META: tuple[str, ...] = (
    "datemodified",
    "article:modified_time",
    "og:updated_time",
    "lastmodified",
    "last-modified",
    "maketime",
    "页面生成时间",
    "dateupdate",
    "dc.date.modified",
    "dcterms.modified",
    "revised",
)
_URL_DATES = (
    re.compile(r"/t((?:19|20)\d\d)(\d\d)(\d\d)_\d+"),
    re.compile(r"/((?:19|20)\d\d)[-_/]?(\d{1,2})[-_/](\d{1,2})(?:/|[_-]\d|$)"),
    re.compile(r"/((?:19|20)\d\d)(\d\d)/(\d\d)/"),
    re.compile(r"/((?:19|20)\d\d)(\d\d)(\d\d)/"),
    re.compile(r"[/_-]((?:19|20)\d\d)(\d\d)(\d\d)[_-]?\d*\.s?html?"),
)

# Blog and forum pages, by host or path, by the site name closing the <title>, or by the generator meta.
_POST_HOST = re.compile(r"(?:^|\.)(?:blog|bbs|forum|tieba|club|space|diary)", re.IGNORECASE)
_REPRINT_LABELS = frozenset({"信息来源", "文章来源", "新闻来源", "稿件来源", "来源", "稿源", "出处", "转自", "转载自"})
_POST_PATH = re.compile(
    r"/(?:blogs?|bbs|forums?|threads?|viewthread|showtopic|diary|archives)(?:[/._-]|$)", re.IGNORECASE
)
_POST_SITE = re.compile(r"博客|日志|论坛|社区|贴吧|空间|BBS|blog", re.IGNORECASE)
_POST_GENERATOR = re.compile(
    r"wordpress|discuz|phpwind|movable\s*type|typecho|z-blog|blogdriver|blogger|dvbbs|bbsxp", re.IGNORECASE
)
_TITLE_TAIL = re.compile(r"\s(?:-|_|\||—)\s|_|\|")
_TOKENS = re.compile(r"[\s|丨｜/]+")
_BARE_DATE_EDGES = re.compile(r"[\s()（）\[\]【】〔〕]+")
# Attributes that carry a date element's full time in markup.
_TIME_DATA = ("data-time", "data-pubtime", "data-publish-time", "data-datetime", "data-date", "data-timestamp")
_TIME_ATTRIBUTES = "//body//time[@datetime] | //body//*[" + " or ".join(f"@{name}" for name in _TIME_DATA) + "]"

_EVIDENCE = {
    "meta": "meta",
    "script": "script-data",
    "dateline:labelled": "labelled-dateline",
    "dateline:beside-heading": "under-headline",
    "dateline:above-heading": "above-headline",
    "dateline:date-header": "date-header-and-posted-clock",
    "text:labelled": "labelled-text",
    "text:post-meta": "post-meta-line",
    "issue-date": "issue-date",
    "htmldate-fast": "htmldate",
    "url": "url",
    "text:first-datetime": "first-datetime-in-text",
    "text:clock-on-day": "clock-on-day",
}


def find_published(page: Page, heading_at: int | None, url: str, fetched_at: datetime, tz: str) -> Found | None:
    """The publish time from the evidence that marks it best, in this order:

    - meta tags, then script data (both refined by the dateline);
    - on a blog or forum page whose dateline names another publisher (a reprint's), the post's own
      meta-line time;
    - a labelled dateline or a clock time under the heading; a clock between the heading and the text
      beats a date labelled inside the text; a day-only dateline takes the clock its element gives in
      markup (``<time datetime>``, ``data-time``);
    - the post's own clock time later on the page, before its comments (``发布于：`` after the body, or the
      author/counter meta line of a blog entry), not before the day under the heading;
    - that day; the e-paper issue date; then htmldate (fast), the URL and the first clock time in the text.
    """
    metas, lines = page.metas, page.lines
    meta = _meta_published(metas, tz, fetched_at)
    dateline = dateline_date(lines, heading_at, tz, fetched_at, _text_start(page, heading_at))
    if dateline is not None and dateline.value.precision == "day":
        dateline = _refine(dateline, _attribute_time(page, dateline, tz))
    if meta is not None:
        return _local(_reconcile(meta, dateline), tz)
    scripted = _script_published(page, tz, fetched_at)
    if scripted is not None and (dateline is None or _same_day(scripted, dateline)):
        return _local(_reconcile(scripted, dateline), tz)
    if dateline is not None and _reprinted(page, url, dateline):
        own = post_time(lines, heading_at, tz, fetched_at, dateline.value.at.date(), skip=dateline.line)
        if own is not None:
            return own
    if dateline is not None and (dateline.method == "dateline:labelled" or dateline.value.precision in FINE):
        return dateline
    posted = date_header_with_clock(lines, heading_at, tz, fetched_at)
    if posted is not None:
        return posted
    later = post_time(lines, heading_at, tz, fetched_at, dateline.value.at.date() if dateline is not None else None)
    if later is not None:
        return later
    if dateline is not None:
        if _bare_date_in_text(page, heading_at, dateline):
            dated_url = _url_date(page.tree, url, tz, fetched_at)
            if dated_url is not None and dated_url.value.at.date() != dateline.value.at.date():
                return _refine(dated_url, clock_on_day(lines, tz, fetched_at, dated_url.value.at.date()))
        return dateline
    issue = issue_date(page, heading_at, tz, fetched_at)
    if issue is not None:
        return issue
    labelled = first_labelled(lines, tz, fetched_at)
    if labelled is not None:
        return labelled
    for finder in (_htmldate, _url_date):
        found = finder(page.tree, url, tz, fetched_at)
        if found is not None and not _is_modified_day(found, metas, tz):
            return _refine(found, clock_on_day(lines, tz, fetched_at, found.value.at.date()))
    return first_standalone(lines, tz, fetched_at)


def _attribute_time(page: Page, dateline: Found, tz: str) -> Found | None:
    """The clock a day-only dateline's own element gives in markup: ``<time datetime="2015-07-01T07:42:10+08:00">
    2015年7月1日</time>`` or a ``data-time`` / ``data-pubtime`` / ``data-timestamp`` attribute, read from the
    element whose visible text shows the dateline's date."""
    shown = normalise_text(dateline.value.raw).strip()
    if not shown:
        return None
    for element in page.tree.xpath(_TIME_ATTRIBUTES):
        if shown not in normalise_text(element.text_content()):
            continue
        for name in ("datetime", *_TIME_DATA):
            value = (element.get(name) or "").strip()
            parsed = _attribute_value(value, tz) if value else None
            if parsed is not None and parsed.precision in FINE:
                local = parsed.at.astimezone(zone(tz))
                return Found(replace(parsed, at=local), f"attribute:{name}")
    return None


def _attribute_value(value: str, tz: str) -> ParsedTime | None:
    if value.isdigit() and len(value) in (10, 13):
        at = datetime.fromtimestamp(int(value) / (1000 if len(value) == 13 else 1), zone(tz))
        return ParsedTime(at=at, precision="second", raw=value)
    return parse_datetime(value, tz)


def _reprinted(page: Page, url: str, dateline: Found) -> bool:
    """True when the dateline is a reprinted article's: on a blog or forum page, a dateline that names
    another publisher (``2003-07-24 09:30:00 来源：新华网``, ``2003-7-24 钱江晚报``) belongs to the article the
    post copies; the post's own time is on its meta line."""
    if dateline.line is None or not _post_page(page, url):
        return False
    text = page.lines[dateline.line].text
    if any(match["label"] in _REPRINT_LABELS for match in SOURCE_LABEL.finditer(text)):
        return True
    names = (normalise_source_name(token) for token in _TOKENS.split(text))
    return any(name and classify_source_name(name) == "media" for name in names)


def _post_page(page: Page, url: str) -> bool:
    """A blog or forum page (by its address, the site name closing its <title>, or its generator)."""
    parts = urlsplit(url)
    if _POST_HOST.search(parts.hostname or "") or _POST_PATH.search(parts.path):
        return True
    title = page.tree.findtext(".//title") or ""
    if _POST_SITE.search(_TITLE_TAIL.split(title.strip())[-1]):
        return True
    return any(_POST_GENERATOR.search(value) for value in page.metas.get("generator", ()))


def _bare_date_in_text(page: Page, heading_at: int | None, dateline: Found) -> bool:
    """True for a day printed alone on a line inside the article text (the content block starts below the
    heading): a report's or document's own date (``2020年11月20日`` under its issuer), which the page's
    address, when it carries another day, overrules."""
    start = _text_start(page, heading_at)
    if start is None or dateline.line is None or dateline.line < start:
        return False
    text = normalise_text(page.lines[dateline.line].text)
    return _BARE_DATE_EDGES.sub("", text.replace(dateline.value.raw, "", 1)) == ""


def _text_start(page: Page, heading_at: int | None) -> int | None:
    """First line of the article text when the content block starts below the heading (a header lies
    between them), else None."""
    if page.block is None or heading_at is None or page.block.first <= heading_at:
        return None
    return page.block.first


def published_evidence(method: str) -> str:
    """The kind of evidence that won, from a published-time method (``meta:PubDate+dateline:...`` -> ``meta``)."""
    head = method.split("+", 1)[0]
    return _EVIDENCE.get(head, _EVIDENCE.get(head.split(":", 1)[0], head))


def _same_day(first: Found, second: Found) -> bool:
    """Script data names a publish time that is not a declared page property: it stands only when the
    dateline the reader sees (if any) shows the same day."""
    return first.value.at.date() == second.value.at.astimezone(first.value.at.tzinfo).date()


def _script_published(page: Page, tz: str, fetched_at: datetime) -> Found | None:
    found = script_published(page, tz)
    if found is None or not plausible(found[0], fetched_at):
        return None
    return Found(found[0], f"script:{found[1]}")


def _is_modified_day(found: Found, metas: dict[str, list[str]], tz: str) -> bool:
    """True when a fallback's day is only the page's modified or build time (htmldate reads those)."""
    day = found.value.at.date()
    for name in MODIFIED_META:
        for value in metas.get(name, ()):
            parsed = parse_datetime(value, tz)
            if parsed is not None and parsed.at.astimezone(zone(tz)).date() == day:
                return True
    return False


def _refine(day: Found, shown: Found | None) -> Found:
    """Add the time of day from the page text when it shows a time on the same day."""
    if shown is not None and shown.value.at.date() == day.value.at.date():
        return Found(shown.value, f"{day.method}+{shown.method}", day.line)
    return day


def _htmldate(tree: lxml.html.HtmlElement, url: str, tz: str, fetched_at: datetime) -> Found | None:
    from htmldate import find_date

    try:
        value = find_date(
            tree, extensive_search=False, original_date=True, url=url or None, max_date=fetched_at.strftime("%Y-%m-%d")
        )
    except Exception:  # noqa: BLE001 - a fallback must not break extraction
        return None
    parsed = parse_datetime(value, tz) if value else None
    if parsed is None or not plausible(parsed, fetched_at):
        return None
    return Found(replace(parsed, precision="day"), "htmldate-fast")


def _url_date(tree: lxml.html.HtmlElement, url: str, tz: str, fetched_at: datetime) -> Found | None:
    for pattern in _URL_DATES:
        parsed = day_of_match(pattern.search(url), tz)
        if parsed is not None and plausible(parsed, fetched_at):
            return Found(parsed, "url")
    return None


def _reconcile(meta: Found, dateline: Found | None) -> Found:
    """Refine a meta time with the dateline: finer precision on the same day, or the page's zone."""
    if dateline is None:
        return meta
    shown, claimed = dateline.value, meta.value
    if _zone_given(claimed) and not _zone_given(shown) and shown.precision in FINE:
        utc_wall = claimed.at.astimezone(UTC).replace(tzinfo=None, second=0)
        gap = shown.at.replace(tzinfo=None, second=0) - utc_wall
        if abs(gap) <= timedelta(hours=14) and gap % timedelta(minutes=15) == timedelta(0):
            at = claimed.at.astimezone(timezone(gap))
            return Found(replace(claimed, at=at), f"{meta.method}+dateline-zone")
    same_day = shown.at.date() == claimed.at.astimezone(shown.at.tzinfo).date()
    if same_day and _finer(shown.precision, claimed.precision):
        return Found(shown, f"{meta.method}+{dateline.method}")
    return meta


def _zone_given(parsed: ParsedTime) -> bool:
    return not hasattr(parsed.at.tzinfo, "key")


def _finer(first: str, second: str) -> bool:
    order = ("second", "minute", "hour", "day", "month", "year")
    return order.index(first) < order.index(second)


def _local(found: Found, tz: str) -> Found:
    """Express a time given with an explicit offset in ``tz`` unless the page showed its own zone."""
    if _zone_given(found.value) and not found.method.endswith("dateline-zone"):
        return Found(replace(found.value, at=found.value.at.astimezone(zone(tz))), found.method)
    return found


def _meta_published(metas: dict[str, list[str]], tz: str, fetched_at: datetime) -> Found | None:
    for name in PUBLISH_META:
        for value in metas.get(name, ()):
            parsed = parse_datetime(value, tz, now=fetched_at)
            if parsed is not None and plausible(parsed, fetched_at):
                return Found(parsed, f"meta:{DISPLAY.get(name, name)}")
    return None
