"""Find article links and next pages on a column (list) page of any CMS, without site-specific code.

Evidence used: article-like URL shapes (`t20160809_123.html`, `art_60095_5021.html`, dated folders,
numeric ids), link text long enough to be a headline, a date printed beside the link, and the list
being the page's densest group of such links. Lists kept in scripts (Hanweb records, `document.write`,
JSON) are read like HTML lists. Links inside navigation, header and footer blocks are marked down; links
in side blocks (`left`, `right`, `hot`, ...) count only when they form the main list, which is where the
usual left-menu / right-content government template keeps it. Links to other sites and non-http links
are ignored; other hosts of the same site (`xxgk.example.gov.cn` from `www.example.gov.cn`) are not.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from crawlers.pagination import NextPage, next_pages
from crawlers.script_lists import script_lists
from crawlers.urls import canonical_url, same_site

__all__ = [
    "ColumnLinks",
    "ListedLink",
    "NextPage",
    "canonical_url",
    "find_article_links",
    "find_next_pages",
    "read_column",
]

ARTICLE_URL = re.compile(
    r"""(
        /t\d{8}_\d+\.s?html?$            # TRS: t20160809_123456.html
      | art_\d+_\d+\.s?html?$            # Hanweb: art_1875_60010.html
      | /c\d+a\d+/page\.s?html?$         # WebPlus: /2021/0809/c1234a56789/page.htm
      | /(19|20)\d{2}[-_/]?[01]?\d[-_/]?[0-3]?\d/   # dated folders: /2016/08/09/, /20160809/, /2016-08/09/
      | /(19|20)\d{2}[01]\d/             # /201608/
      | /(19|20)\d{2}/[01]?\d/           # /2016/8/
      | (content|article|detail|info|show|view|news)[_/-]?\d+  # content_123, detail/123
      | [?&](id|aid|articleid|newsid|docid|infoid|contentid)=\w+
      | /\d{5,}\.s?html?$                # /4821391.html
      | /(post|doc|art|a)_\d{4,}\.s?html?$   # 广东 intensive platform: /content/post_3456789.html
    )""",
    re.IGNORECASE | re.VERBOSE,
)
NOT_ARTICLE_URL = re.compile(
    r"(index(_\d+)?\.s?html?$|list\d*(_\d+)*\.s?html?$|/$|\.(jpg|jpeg|png|gif|pdf|docx?|xlsx?|zip|rar|mp4)$)",
    re.IGNORECASE,
)
DATE_NEAR_LINK = re.compile(
    r"(19|20)\d{2}\s*[-/.年]\s*[01]?\d\s*[-/.月]\s*[0-3]?\d|[01]?\d-[0-3]\d\b|[01]?\d月[0-3]?\d日"
)
BOILERPLATE_BLOCK = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|header|head|top|footer|foot|bottom|crumb|breadcrumb|position|location|"
    r"links?|friend|yqlj|copyright|banner|share|tool|search|login)([\s_-]|\d|$)",
    re.IGNORECASE,
)
SIDE_BLOCK = re.compile(
    r"(^|[\s_-])(sidebar|side|aside|right|left|hot|rank|related|xgxx|xgwz|recommend|tuijian)([\s_-]|\d|$)",
    re.IGNORECASE,
)
BOILERPLATE_TAGS = {"nav", "header", "footer"}
JS_URL = re.compile(r"""(?:window\.open|location\.href\s*=|openWin|openUrl)\s*\(?\s*['"]([^'"]+)['"]""")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
ITEM_VARIANT_CLASSES = frozenset({"odd", "even", "first", "last", "alt", "on", "active", "cur", "current", "top", "new"})
MIN_TITLE_CHARS = 6
STRONG_SCORE = 5.0
SCRIPT_LIST_CLASS = "tracker-script-list"


@dataclass(frozen=True)
class ListedLink:
    url: str
    text: str
    date_text: str | None
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class ColumnLinks:
    """What one column page offers the spider: its article links and its next pages."""

    articles: list[ListedLink]
    next_pages: list[NextPage]


@dataclass(frozen=True)
class _Candidate:
    link: ListedLink
    anchor: lxml_html.HtmlElement
    side: bool


def read_column(page_html: str, page_url: str, min_score: float = 3.0) -> ColumnLinks:
    """Article links and next pages of a column page, parsing it once."""
    root = _parse(page_html)
    if root is None:
        return ColumnLinks([], [])
    lists = script_lists(page_html)
    body = root.find("body") if root.find("body") is not None else root
    for found in lists:
        try:
            container = lxml_html.fragment_fromstring(found.html, create_parent="div")
        except (ValueError, lxml_html.etree.ParserError):
            continue
        container.set("class", SCRIPT_LIST_CLASS)
        container.set("data-script", found.kind)
        body.append(container)
    articles = _articles(root, page_url, min_score)
    records = len(re.findall(r"<record>", page_html, re.IGNORECASE))
    pages = next_pages(root, page_html, page_url, records=records, allowed=lambda url: same_site(url, page_url))
    return ColumnLinks(articles, pages)


def find_article_links(page_html: str, page_url: str, min_score: float = 3.0) -> list[ListedLink]:
    """Article links on a list page, in page order, without duplicates.

    Links scoring at least `min_score` are kept when they sit in the densest group of such links, or
    when their own evidence is strong (article URL shape, headline-length text and a date) outside side blocks.
    """
    return read_column(page_html, page_url, min_score).articles


def find_next_pages(page_html: str, page_url: str) -> list[str]:
    """Further pages of the same column (see `crawlers.pagination`)."""
    return [page.url for page in read_column(page_html, page_url).next_pages]


def _parse(page_html: str) -> lxml_html.HtmlElement | None:
    page_html = XML_DECLARATION.sub("", page_html.replace("\x00", ""), count=1)
    if not page_html.strip():
        return None
    try:
        return lxml_html.document_fromstring(page_html)
    except (ValueError, lxml_html.etree.ParserError):
        return None


def _articles(root: lxml_html.HtmlElement, page_url: str, min_score: float) -> list[ListedLink]:
    candidates = [c for c in _candidates(root, page_url) if c.link.score >= min_score]
    if not candidates:
        return []
    group_scores: dict[str, float] = defaultdict(float)
    group_sizes: dict[str, int] = defaultdict(int)
    for candidate in candidates:
        key = _group_key(candidate.anchor)
        group_scores[key] += candidate.link.score
        group_sizes[key] += 1
    best_group = max(group_scores.items(), key=lambda item: item[1])[0]
    kept: dict[str, ListedLink] = {}
    for candidate in candidates:
        link = candidate.link
        if _group_key(candidate.anchor) == best_group:
            why = f"in the page's main list ({group_sizes[best_group]} links)"
        elif link.score >= STRONG_SCORE and not candidate.side:
            why = "strong evidence outside the main list"
        else:
            continue
        kept.setdefault(link.url, ListedLink(link.url, link.text, link.date_text, link.score, (*link.reasons, why)))
    return list(kept.values())


def _candidates(root: lxml_html.HtmlElement, page_url: str) -> list[_Candidate]:
    here = canonical_url(page_url)
    page_host = urlsplit(page_url).netloc.lower()
    found: list[_Candidate] = []
    for anchor in root.iter("a"):
        href = _href(anchor)
        if not href:
            continue
        url = canonical_url(urljoin(page_url, href))
        if not url.startswith(("http://", "https://")) or url == here or not same_site(url, page_url):
            continue
        text = re.sub(r"\s+", " ", (anchor.get("title") or "").strip()) or _text(anchor)
        item_text = _text(_item_container(anchor))
        date_match = DATE_NEAR_LINK.search(item_text.replace(text, " ")) if len(item_text) < 200 else None
        score, reasons = _score(url, text, date_match, anchor)
        if urlsplit(url).netloc != page_host:
            reasons.append(f"same site, other host ({urlsplit(url).netloc})")
        found.append(
            _Candidate(
                ListedLink(url, text, date_match.group(0) if date_match else None, score, tuple(reasons)),
                anchor,
                _in_blocks(anchor, SIDE_BLOCK),
            )
        )
    return found


def _score(
    url: str, text: str, date_match: re.Match[str] | None, anchor: lxml_html.HtmlElement
) -> tuple[float, list[str]]:
    score, reasons = 0.0, []
    if ARTICLE_URL.search(url):
        score, reasons = score + 2.0, [*reasons, "article-like URL"]
    if NOT_ARTICLE_URL.search(urlsplit(url).path):
        score, reasons = score - 2.0, [*reasons, "index or file URL"]
    if len(text) >= MIN_TITLE_CHARS:
        score, reasons = score + 1.5, [*reasons, "headline-length text"]
    elif len(text) < 4:
        score, reasons = score - 1.5, [*reasons, "short link text"]
    if date_match:
        score, reasons = score + 1.5, [*reasons, f"date beside it ({date_match.group(0)})"]
    if _in_blocks(anchor, BOILERPLATE_BLOCK, BOILERPLATE_TAGS):
        score, reasons = score - 3.0, [*reasons, "inside a navigation, header or footer block"]
    script = next((a.get("data-script") for a in anchor.iterancestors() if a.get("class") == SCRIPT_LIST_CLASS), None)
    if script:
        reasons.append(f"from a {script} list in a script")
    return score, reasons


def _in_blocks(
    element: lxml_html.HtmlElement, marker: re.Pattern[str], tags: frozenset[str] | set[str] = frozenset()
) -> bool:
    for ancestor in element.iterancestors():
        if not isinstance(ancestor.tag, str):
            continue
        if ancestor.tag in tags:
            return True
        mark = f"{ancestor.get('class', '')} {ancestor.get('id', '')} {ancestor.get('role', '')}"
        if mark.strip() and marker.search(mark):
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


def _group_key(anchor: lxml_html.HtmlElement) -> str:
    """The link's structural path (tags and classes of its ancestors): the items of one list share it."""
    steps = [f"{anchor.tag}.{_class_shape(anchor.get('class', ''))}"]
    for ancestor in anchor.iterancestors():
        if isinstance(ancestor.tag, str):
            steps.append(f"{ancestor.tag}.{_class_shape(ancestor.get('class', ''))}#{ancestor.get('id', '')}")
    return "/".join(reversed(steps))


def _class_shape(classes: str) -> str:
    """Class names without what varies from item to item of one list (``n1``/``n2``, ``odd``/``even``)."""
    tokens = {re.sub(r"\d+", "", token) for token in classes.split() if token.lower() not in ITEM_VARIANT_CLASSES}
    return " ".join(sorted(token for token in tokens if token))
