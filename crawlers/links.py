"""Find article links and next pages on a column (list) page of any CMS, without site-specific code.

Evidence used: article-like URL shapes (`t20160809_123.html`, `art_60095_5021.html`, dated folders,
numeric ids), link text long enough to be a headline, a date printed beside the link, and the list
being the page's densest group of such links. Links inside navigation, header, footer and sidebar
blocks, links to other hosts and non-http links are ignored.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import html as lxml_html

ARTICLE_URL = re.compile(
    r"""(
        /t\d{8}_\d+\.s?html?$            # TRS: t20160809_123456.html
      | art_\d+_\d+\.s?html?$            # Hanweb: art_1875_60010.html
      | /(19|20)\d{2}[-_/]?[01]?\d[-_/]?[0-3]?\d/   # dated folders: /2016/08/09/, /20160809/, /2016-08/09/
      | /(19|20)\d{2}[01]\d/             # /201608/
      | /(19|20)\d{2}/[01]?\d/           # /2016/8/
      | (content|article|detail|info|show|view|news)[_/-]?\d+  # content_123, detail/123
      | [?&](id|aid|articleid|newsid|docid|infoid|contentid)=\w+
      | /\d{5,}\.s?html?$                # /4821391.html
    )""",
    re.IGNORECASE | re.VERBOSE,
)
NOT_ARTICLE_URL = re.compile(r"(index(_\d+)?\.s?html?$|/$|\.(jpg|jpeg|png|gif|pdf|docx?|xlsx?|zip|rar|mp4)$)", re.IGNORECASE)
DATE_NEAR_LINK = re.compile(r"(19|20)\d{2}\s*[-/.年]\s*[01]?\d\s*[-/.月]\s*[0-3]?\d|[01]?\d-[0-3]\d\b|[01]?\d月[0-3]?\d日")
BOILERPLATE_BLOCK = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|header|head|top|footer|foot|bottom|sidebar|side|aside|right|left|crumb|breadcrumb|"
    r"links?|friend|yqlj|copyright|banner|share|tool|search|login|hot|rank|related|xgxx|xgwz)([\s_-]|\d|$)",
    re.IGNORECASE,
)
BOILERPLATE_TAGS = {"nav", "header", "footer", "aside"}
NEXT_PAGE_TEXT = re.compile(r"^\s*(下一页|下页|后一页|next|›|»|>|＞)\s*$", re.IGNORECASE)
PAGED_URL = re.compile(r"(index|list|default)?[_-]?(\d+)\.s?html?$|[?&](page|pageno|pageindex|pagenum|p|curpage)=(\d+)", re.IGNORECASE)
CREATE_PAGE_HTML = re.compile(r"createPageHTML\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([\w-]+)['\"]\s*,\s*['\"](\w+)['\"]")
JS_URL = re.compile(r"""(?:window\.open|location\.href\s*=|openWin|openUrl)\s*\(?\s*['"]([^'"]+)['"]""")
MIN_TITLE_CHARS = 6
TRACKING_PARAMETER = re.compile(r"^(utm_\w+|spm|from_share|share_token|fbclid|gclid)$", re.IGNORECASE)


@dataclass(frozen=True)
class ListedLink:
    url: str
    text: str
    date_text: str | None
    score: float


def canonical_url(url: str) -> str:
    """The URL without its fragment and tracking parameters, with a lowercase scheme and host."""
    parts = urlsplit(url.strip())
    query = "&".join(
        pair for pair in parts.query.split("&") if pair and not TRACKING_PARAMETER.match(pair.partition("=")[0])
    )
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _in_boilerplate(element: lxml_html.HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        if not isinstance(ancestor.tag, str):
            continue
        if ancestor.tag in BOILERPLATE_TAGS:
            return True
        marker = f"{ancestor.get('class', '')} {ancestor.get('id', '')} {ancestor.get('role', '')}"
        if marker.strip() and BOILERPLATE_BLOCK.search(marker):
            return True
    return False


def _href(anchor: lxml_html.HtmlElement) -> str | None:
    href = (anchor.get("href") or "").strip()
    if href and not href.lower().startswith(("javascript:", "#", "mailto:", "tel:")):
        return href
    script = f"{href} {anchor.get('onclick', '')}"
    found = JS_URL.search(script)
    return found.group(1) if found else None


def _item_container(anchor: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The list item holding the link: the nearest li/tr/dl/p/div ancestor (a dt's item is its dl)."""
    for ancestor in anchor.iterancestors():
        if ancestor.tag in {"dt", "dd"}:
            parent = ancestor.getparent()
            return parent if parent is not None else ancestor
        if ancestor.tag in {"li", "tr", "dl", "p", "div", "article", "section"}:
            return ancestor
    return anchor


def _text(element: lxml_html.HtmlElement) -> str:
    return re.sub(r"\s+", " ", element.text_content() or "").strip()


def _parse(page_html: str) -> lxml_html.HtmlElement | None:
    if not page_html.strip():
        return None
    try:
        return lxml_html.fromstring(page_html)
    except (ValueError, lxml_html.etree.ParserError):
        return None


def _candidates(root: lxml_html.HtmlElement, page_url: str) -> list[tuple[ListedLink, lxml_html.HtmlElement]]:
    origin = _origin(page_url)
    found: list[tuple[ListedLink, lxml_html.HtmlElement]] = []
    for anchor in root.iter("a"):
        href = _href(anchor)
        if not href:
            continue
        url = canonical_url(urljoin(page_url, href))
        if not url.startswith(("http://", "https://")) or _origin(url) != origin or url == canonical_url(page_url):
            continue
        text = (anchor.get("title") or "").strip() or _text(anchor)
        item = _item_container(anchor)
        item_text = _text(item)
        date_match = DATE_NEAR_LINK.search(item_text.replace(text, " ")) if len(item_text) < 200 else None
        score = 0.0
        if ARTICLE_URL.search(url):
            score += 2.0
        if NOT_ARTICLE_URL.search(urlsplit(url).path):
            score -= 2.0
        if len(text) >= MIN_TITLE_CHARS:
            score += 1.5
        elif len(text) < 4:
            score -= 1.5
        if date_match:
            score += 1.5
        if _in_boilerplate(anchor):
            score -= 3.0
        found.append((ListedLink(url, text, date_match.group(0) if date_match else None, score), anchor))
    return found


def _group_key(anchor: lxml_html.HtmlElement) -> str:
    """The link's structural path (tags and classes of its ancestors): the items of one list share it."""
    steps = [f"{anchor.tag}.{anchor.get('class', '')}"]
    for ancestor in anchor.iterancestors():
        if isinstance(ancestor.tag, str):
            steps.append(f"{ancestor.tag}.{ancestor.get('class', '')}#{ancestor.get('id', '')}")
    return "/".join(reversed(steps))


def find_article_links(page_html: str, page_url: str, min_score: float = 3.0) -> list[ListedLink]:
    """Article links on a list page, in page order, without duplicates.

    Links scoring at least `min_score` are kept when they sit in the densest group of such links, or
    when their own evidence is strong (article URL shape, headline-length text and a date).
    """
    root = _parse(page_html)
    if root is None:
        return []
    candidates = [(link, anchor) for link, anchor in _candidates(root, page_url) if link.score >= min_score]
    if not candidates:
        return []
    group_scores: dict[str, float] = defaultdict(float)
    for link, anchor in candidates:
        group_scores[_group_key(anchor)] += link.score
    best_group = max(group_scores.items(), key=lambda item: item[1])[0]
    kept: dict[str, ListedLink] = {}
    for link, anchor in candidates:
        if _group_key(anchor) == best_group or link.score >= 5.0:
            kept.setdefault(link.url, link)
    return list(kept.values())


def find_next_pages(page_html: str, page_url: str) -> list[str]:
    """Further pages of the same column: `下一页` links, `index_N.html` siblings and `createPageHTML` calls."""
    root = _parse(page_html)
    if root is None:
        return []
    origin = _origin(page_url)
    pages: dict[str, None] = {}
    for anchor in root.iter("a"):
        href = _href(anchor)
        if not href:
            continue
        url = canonical_url(urljoin(page_url, href))
        if _origin(url) != origin or url == canonical_url(page_url):
            continue
        text = _text(anchor)
        if NEXT_PAGE_TEXT.match(text) or (text.isdigit() and len(text) <= 3 and PAGED_URL.search(url)):
            pages.setdefault(url, None)
    for script in root.iter("script"):
        call = CREATE_PAGE_HTML.search(script.text or "")
        if call:
            total, _current, stem, ext = int(call.group(1)), int(call.group(2)), call.group(3), call.group(4)
            for n in range(1, min(total, 50)):
                pages.setdefault(canonical_url(urljoin(page_url, f"{stem}_{n}.{ext}")), None)
    return list(pages)
