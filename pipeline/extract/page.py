"""One parsed page, shared by the field finders: the lxml tree, its meta values and its visible lines.

The page is parsed once; title, publish time, declared source and body read the same `Page`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from pipeline.core.records import ParsedTime

SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "select",
        "option",
        "textarea",
        "head",
        "title",
        "iframe",
        "object",
        "svg",
    ]
)
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "center",
        "title",
    ]
)
_HEADINGS = frozenset({"h1", "h2", "h3"})
WS = re.compile(r"[\s\u3000\xa0]+")
XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
_TAGS = re.compile(r"<[^>]*>?")
_DOCUMENT_WRITE = re.compile(r"""document\.write(?:ln)?\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_DATELINE_WINDOW = 12  # lines after the heading searched for its dateline
_DATELINE_CHARS = 600
_MAX_META_CHARS = 300
# Government-CMS names as the 政府网站发展指引 spells them, for the methods map.
DISPLAY = {"pubdate": "PubDate", "contentsource": "ContentSource", "articletitle": "ArticleTitle"}


@dataclass(frozen=True)
class Line:
    """One visual line of the page: its text and how much of it is link text."""

    text: str
    heading: bool
    link_chars: int

    @property
    def linky(self) -> bool:
        return self.link_chars * 2 > len(self.text)


@dataclass(frozen=True)
class Found:
    """A value and how it was found."""

    value: ParsedTime
    method: str


@dataclass(frozen=True)
class Page:
    """A page parsed once: the tree, meta values by lower-cased name, and the body's visible lines."""

    tree: lxml.html.HtmlElement
    metas: dict[str, list[str]]
    lines: list[Line]


def parse_page(text: str) -> Page | None:
    """Parse decoded HTML into a `Page`; None when there is nothing to parse."""
    tree = parse_html(text)
    if tree is None:
        return None
    return Page(tree, read_meta(tree), linearise(tree))


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    text = XML_DECL.sub("", text.replace("\x00", ""))
    if not text.strip():
        return None
    try:
        tree = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None
    return tree


def read_meta(tree: lxml.html.HtmlElement) -> dict[str, list[str]]:
    """Meta values by lower-cased name/property/itemprop, in page order; JSON-LD dates included."""
    metas: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        key = meta.get("name") or meta.get("property") or meta.get("itemprop") or ""
        value = meta.get("content")
        if key and value is not None:
            metas.setdefault(key.strip().lower(), []).append(clean(value)[:_MAX_META_CHARS])
    for element in tree.xpath("//*[@itemprop='datePublished' or @pubdate][not(self::meta)]"):
        value = element.get("content") or element.get("datetime") or element.text_content()
        metas.setdefault("datepublished", []).append(clean(value)[:_MAX_META_CHARS])
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            for match in _JSONLD_DATE.finditer(script.text):
                metas.setdefault("datepublished", []).append(match.group(1))
    return metas


def written_text(script: str) -> str:
    """The text a script prints with ``document.write("...")`` (string literals only, tags dropped)."""
    if "document.write" not in script:
        return ""
    found = [clean(_unescape_js(match[1] or match[2] or "")) for match in _DOCUMENT_WRITE.finditer(script)]
    return " ".join(part for part in found if part)


def _unescape_js(literal: str) -> str:
    return literal.replace("\\/", "/").replace('\\"', '"').replace("\\'", "'")


def clean(value: str) -> str:
    return WS.sub(" ", _TAGS.sub(" ", value)).strip()


# --- page text as lines ----------------------------------------------------------------------


def linearise(tree: lxml.html.HtmlElement) -> list[Line]:
    """The visible text of the body as lines broken at block elements."""
    lines: list[Line] = []
    parts: list[str] = []
    state = {"link": 0, "heading": 0, "skip": 0}
    link_chars = 0
    heading_seen = False

    def flush() -> None:
        nonlocal link_chars, heading_seen
        if not parts:
            return
        line = WS.sub(" ", "".join(parts)).strip()
        if line:
            lines.append(Line(line, heading_seen, min(link_chars, len(line))))
        parts.clear()
        link_chars = 0
        heading_seen = False

    def add(chunk: str | None) -> None:
        nonlocal link_chars, heading_seen
        if not chunk or state["skip"]:
            return
        parts.append(chunk)
        if state["link"]:
            link_chars += len(chunk.strip())
        if state["heading"] and chunk.strip():
            heading_seen = True

    body = tree.find("body")
    root = body if body is not None else tree
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if event == "start":
            if tag in SKIP_TAGS or not tag:
                if tag == "script" and not state["skip"]:
                    add(written_text(element.text or ""))
                state["skip"] += 1
                continue
            if tag in _BLOCK_TAGS:
                flush()
            if tag == "a":
                state["link"] += 1
            if tag in _HEADINGS:
                state["heading"] += 1
            add(element.text)
        else:
            if tag in SKIP_TAGS or not tag:
                state["skip"] -= 1
            else:
                if tag == "a":
                    state["link"] -= 1
                if tag in _HEADINGS:
                    state["heading"] -= 1
                if tag in _BLOCK_TAGS:
                    flush()
            add(element.tail)
    flush()
    return lines


def window_end(lines: list[Line], heading_at: int) -> int:
    """End (exclusive) of the dateline window: a few lines or characters after the heading."""
    chars = 0
    for index in range(heading_at, min(len(lines), heading_at + _DATELINE_WINDOW)):
        chars += len(lines[index].text)
        if chars > _DATELINE_CHARS:
            return index + 1
    return min(len(lines), heading_at + _DATELINE_WINDOW)
