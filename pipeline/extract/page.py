"""One parsed page, shared by the field finders: the lxml tree, its meta values and its visible lines.

The page is parsed once; title, publish time, declared source and body read the same `Page`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from pipeline.core.records import ParsedTime
from pipeline.extract.content_block import CMS_BLOCKS, Block, content_block
from pipeline.extract.lines import WS, Line, clean, linearise, walk

__all__ = ["WS", "Block", "Found", "Line", "Page", "clean", "linearise", "parse_page", "read_meta", "window_end"]

XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_DATELINE_WINDOW = 12  # lines after the heading searched for its dateline
_DATELINE_CHARS = 600
_MAX_META_CHARS = 300
# Government-CMS names as the 政府网站发展指引 spells them, for the methods map.
DISPLAY = {"pubdate": "PubDate", "contentsource": "ContentSource", "articletitle": "ArticleTitle"}


@dataclass(frozen=True)
class Found:
    """A value and how it was found."""

    value: ParsedTime
    method: str
    line: int | None = None  # the page line it was read from, when it was read from one


@dataclass(frozen=True)
class Page:
    """A page parsed once: the tree, meta values by lower-cased name, and the body's visible lines."""

    tree: lxml.html.HtmlElement
    metas: dict[str, list[str]]
    lines: list[Line]
    block: Block | None  # where the article text is kept, when a block holds it


def parse_page(text: str) -> Page | None:
    """Parse decoded HTML into a `Page`; None when there is nothing to parse."""
    tree = parse_html(text)
    if tree is None:
        return None
    walked = walk(tree, CMS_BLOCKS)
    return Page(tree, read_meta(tree), walked.lines, content_block(tree, walked))


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


def window_end(lines: list[Line], heading_at: int) -> int:
    """End (exclusive) of the dateline window: a few lines or characters after the heading."""
    chars = 0
    for index in range(heading_at, min(len(lines), heading_at + _DATELINE_WINDOW)):
        chars += len(lines[index].text)
        if chars > _DATELINE_CHARS:
            return index + 1
    return min(len(lines), heading_at + _DATELINE_WINDOW)
