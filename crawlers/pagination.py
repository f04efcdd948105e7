"""Further pages of a column, in the forms the common CMSs write them: ``下一页`` / ``next`` links (by text,
title, image alt or class), numbered page links, TRS WCM's ``createPageHTML(...)`` script call (with
literal or variable arguments, with or without the pager's element id), and Hanweb jpage's next record
group (``dataproxy.jsp`` with ``startrecord`` / ``endrecord``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import html as lxml_html

from crawlers.script_lists import hanweb_next_group
from crawlers.urls import canonical_url

NEXT_PAGE_TEXT = re.compile(
    r"^\s*[\[【(（]?\s*(下一页|下页|后一页|下一頁|next(?:\s*page)?|›|»|>|＞|>>)\s*[\]】)）>]?\s*$", re.IGNORECASE
)
NEXT_MARK = re.compile(r"(^|[\s_-])(next|nextpage|page-next|pagenext|next_page)([\s_-]|$)|下一页", re.IGNORECASE)
PAGED_URL = re.compile(
    r"(index|list|default)?[_-]?(\d+)\.s?html?$|[?&](page|pageno|pageindex|pagenum|p|curpage|cur_page|pn)=(\d+)",
    re.IGNORECASE,
)
_CREATE_PAGE_HTML = re.compile(r"createPageHTML\s*\(([^()]{0,300})\)")
_JS_ARG = re.compile(r"""\s*(?:(['"])(?P<s>[^'"]*)\1|(?P<n>\d+)|(?P<v>[A-Za-z_$][\w$]*))\s*$""")
_PER_PAGE = re.compile(r"""perpage\s*[:=]\s*['"]?(\d{1,3})""", re.IGNORECASE)
_MAX_PAGES = 50


@dataclass(frozen=True)
class NextPage:
    url: str
    reason: str


def next_pages(
    root: lxml_html.HtmlElement, page_text: str, page_url: str, *, records: int, allowed: object
) -> list[NextPage]:
    """Next pages of the column, without duplicates; ``allowed(url)`` says whether a URL may be followed
    and ``records`` is how many Hanweb records the page held."""
    pages: dict[str, NextPage] = {}
    here = canonical_url(page_url)

    def add(url: str, reason: str) -> None:
        url = canonical_url(url)
        if url != here and url.startswith(("http://", "https://")) and allowed(url):  # type: ignore[operator]
            pages.setdefault(url, NextPage(url, reason))

    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.lower().startswith(("javascript:", "#", "mailto:")):
            continue
        url = urljoin(page_url, href)
        reason = _anchor_reason(anchor, url)
        if reason:
            add(url, reason)
    for call in _CREATE_PAGE_HTML.finditer(page_text):
        for url in _trs_pages(call[1], page_text, page_url):
            add(url, "TRS createPageHTML pager")
    group = hanweb_next_group(page_text)
    if group and records:
        add(
            _record_window(urljoin(page_url, group), records + 1, records + _per_page(page_text, records)),
            "Hanweb jpage next record group (dataproxy.jsp)",
        )
    following = _next_window(page_url, records)
    if following:
        add(following, "next record window of a Hanweb dataproxy answer")
    return list(pages.values())


def _anchor_reason(anchor: lxml_html.HtmlElement, url: str) -> str:
    text = re.sub(r"\s+", " ", anchor.text_content() or "").strip()
    if NEXT_PAGE_TEXT.match(text):
        return f"next-page link text {text!r}"
    marks = " ".join(
        [anchor.get("title") or "", anchor.get("class") or "", anchor.get("id") or ""]
        + [img.get("alt") or "" for img in anchor.iter("img")]
    )
    if NEXT_MARK.search(marks):
        return "link marked as the next page (title, class or image)"
    if text.isdigit() and len(text) <= 3 and PAGED_URL.search(url):
        return f"numbered page link {text}"
    return ""


def _trs_pages(arguments: str, page_text: str, page_url: str) -> list[str]:
    """Pages of ``createPageHTML(total, current, "index", "html")`` or ``createPageHTML("pager", total, ...)``."""
    values: list[str | int] = []
    for argument in arguments.split(","):
        match = _JS_ARG.match(argument)
        if match is None:
            return []
        if match["s"] is not None:
            values.append(match["s"])
        elif match["n"] is not None:
            values.append(int(match["n"]))
        else:
            assigned = re.search(rf"\b{re.escape(match['v'])}\s*=\s*(\d+)", page_text)
            if assigned is None:
                return []
            values.append(int(assigned[1]))
    numbers = [value for value in values if isinstance(value, int)]
    words = [value for value in values if isinstance(value, str)]
    if isinstance(values[0] if values else None, str):
        words = words[1:]  # the pager's element id
    if len(numbers) < 2 or len(words) < 2 or not re.fullmatch(r"[\w-]+", words[0]) or not words[1].isalnum():
        return []
    total, stem, ext = numbers[0], words[0], words[1]
    return [urljoin(page_url, f"{stem}_{n}.{ext}") for n in range(1, min(total, _MAX_PAGES))]


def _per_page(page_text: str, records: int) -> int:
    match = _PER_PAGE.search(page_text)
    return int(match[1]) if match and int(match[1]) > 0 else records


def _record_window(url: str, start: int, end: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ("startrecord", "endrecord")]
    query += [("startrecord", str(start)), ("endrecord", str(end))]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _next_window(page_url: str, records: int) -> str | None:
    """The window after this one, when the page is a dataproxy answer that was full."""
    parts = urlsplit(page_url)
    if "dataproxy" not in parts.path or not records:
        return None
    query = dict(parse_qsl(parts.query))
    try:
        start, end = int(query["startrecord"]), int(query["endrecord"])
    except (KeyError, ValueError):
        return None
    if records < end - start + 1:
        return None
    return _record_window(page_url, end + 1, end + (end - start + 1))
