"""Where a page keeps its article text: a CMS's own content block (``#zoom``, ``.TRS_Editor``,
``#UCAP-CONTENT``, ``#artibody`` ...), else the smallest block that holds most of the page's prose.

Reading the text from that block alone is what lets extraction skip the general main-text extractor on
most pages: its cost grows with the whole page, this block is a fraction of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html

from pipeline.extract.lines import Extent, Walk

# Content containers of the common government CMSs (TRS WCM, Hanweb, 开普云 UCAP, 我爱我家 ...) and the
# big portals, by id or class, as their article templates name them.
CMS_BLOCKS: frozenset[str] = frozenset(
    {
        "zoom",
        "Zoom",
        "TRS_Editor",
        "TRS_UEDITOR",
        "UCAP-CONTENT",
        "pages_content",
        "xxgk_content",
        "art_content",
        "article_content",
        "article-content",
        "articleContent",
        "ArticleContent",
        "artibody",
        "article_body",
        "contentText",
        "endText",
        "js_content",
        "ozoom",
        "news_content",
        "newsContent",
        "main-content",
        "entry-content",
        "post_content",
        "rich_media_content",
    }
)
_MIN_BLOCK_CHARS = 80
_DESCEND_SHARE = 0.5  # descend into a child holding more than this share of its parent's prose
# Elements never taken as the whole content block: paragraphs, list items, headings, inline formatting.
_NOT_BLOCKS = frozenset(
    {"p", "a", "b", "strong", "em", "i", "u", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dd", "dt"}
)


@dataclass(frozen=True)
class Block:
    """The content block: its lines are ``page.lines[first:last]``."""

    name: str  # the CMS name that marked it, or "" for the densest block
    share: float  # the block's share of the page's prose (1.0 for a CMS block)
    first: int
    last: int


def content_block(tree: lxml.html.HtmlElement, walked: Walk) -> Block | None:
    """The page's content block, or None when no block holds enough prose."""
    for element, name in walked.marked:
        extent = walked.extents.get(element)
        if extent is not None and extent.prose >= _MIN_BLOCK_CHARS:
            return Block(name, 1.0, extent.first, extent.last)
    return _densest(tree, walked.extents)


def _densest(tree: lxml.html.HtmlElement, extents: dict[lxml.html.HtmlElement, Extent]) -> Block | None:
    """Descend from the body while one child holds most of the prose (text outside links and scripts)."""
    body = tree.find("body")
    node = body if body is not None else tree
    top = extents.get(node)
    if top is None or top.prose < _MIN_BLOCK_CHARS:
        return None
    extent = top
    while True:
        children = [child for child in node if isinstance(child.tag, str) and child.tag not in _NOT_BLOCKS]
        best = max(children, key=lambda child: _prose(extents, child), default=None)
        if best is None or _prose(extents, best) <= _DESCEND_SHARE * extent.prose:
            return Block("", extent.prose / top.prose, extent.first, extent.last)
        node, extent = best, extents[best]


def _prose(extents: dict[lxml.html.HtmlElement, Extent], element: lxml.html.HtmlElement) -> int:
    extent = extents.get(element)
    return extent.prose if extent is not None else 0
