"""A page's visible text as lines broken at block elements, walked once.

The same walk measures each element's prose (text outside links and scripts) and the lines it spans,
which is what finding the content block needs; text a script prints with ``document.write`` counts
as visible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

import lxml.html
from lxml import etree

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
_TAGS = re.compile(r"<[^>]*>?")
_DOCUMENT_WRITE = re.compile(r"""document\.write(?:ln)?\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")


@dataclass(frozen=True)
class Line:
    """One visual line of the page: its text and how much of it is link text."""

    text: str
    heading: bool
    link_chars: int
    plain: str = ""  # the text outside links, kept only when the line has link text

    @property
    def linky(self) -> bool:
        return self.link_chars * 2 > len(self.text)


class Extent(NamedTuple):
    """An element's prose characters and the lines it spans (``lines[first:last]``)."""

    prose: int
    first: int
    last: int


@dataclass
class Walk:
    """What one walk over the body gives: its lines, each element's extent, and the elements whose id or
    class is one of the names asked for (in page order)."""

    lines: list[Line] = field(default_factory=list)
    extents: dict[lxml.html.HtmlElement, Extent] = field(default_factory=dict)
    marked: list[tuple[lxml.html.HtmlElement, str]] = field(default_factory=list)


def clean(value: str) -> str:
    return WS.sub(" ", _TAGS.sub(" ", value)).strip()


def written_text(script: str) -> str:
    """The text a script prints with ``document.write("...")`` (string literals only, tags dropped)."""
    if "document.write" not in script:
        return ""
    found = [clean(_unescape_js(match[1] or match[2] or "")) for match in _DOCUMENT_WRITE.finditer(script)]
    return " ".join(part for part in found if part)


def _unescape_js(literal: str) -> str:
    return literal.replace("\\/", "/").replace('\\"', '"').replace("\\'", "'")


def linearise(tree: lxml.html.HtmlElement) -> list[Line]:
    """The visible text of the body as lines broken at block elements."""
    return walk(tree, frozenset()).lines


def walk(tree: lxml.html.HtmlElement, names: frozenset[str]) -> Walk:
    """Lines, extents and the elements marked by one of ``names``, in one pass over the body."""
    walker = _Walker(names)
    body = tree.find("body")
    walker.run(body if body is not None else tree)
    return walker.result


class _Walker:
    def __init__(self, names: frozenset[str]) -> None:
        self.names = names
        self.result = Walk()
        self.parts: list[str] = []
        self.plain: list[str] = []
        self.link = self.heading = self.skip = 0
        self.link_chars = 0
        self.heading_seen = False
        self.prose = [0]
        self.first: list[int] = []

    def flush(self) -> None:
        if not self.parts:
            return
        line = WS.sub(" ", "".join(self.parts)).strip()
        if line:
            plain = WS.sub(" ", "".join(self.plain)).strip() if self.link_chars else ""
            self.result.lines.append(Line(line, self.heading_seen, min(self.link_chars, len(line)), plain))
        self.parts.clear()
        self.plain.clear()
        self.link_chars = 0
        self.heading_seen = False

    def add(self, chunk: str | None) -> None:
        if not chunk or self.skip:
            return
        self.parts.append(chunk)
        size = len(chunk.strip())
        if self.link:
            self.link_chars += size
            self.plain.append(" ")
        else:
            self.prose[-1] += size
            self.plain.append(chunk)
        if self.heading and size:
            self.heading_seen = True

    def run(self, root: lxml.html.HtmlElement) -> None:
        for event, element in etree.iterwalk(root, events=("start", "end")):
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            if event == "start":
                self.start(element, tag)
            else:
                self.end(element, tag)
        self.flush()

    def start(self, element: lxml.html.HtmlElement, tag: str) -> None:
        if tag in SKIP_TAGS or not tag:
            if tag == "script" and not self.skip:
                self.add(written_text(element.text or ""))
            self.skip += 1
            return
        if tag in _BLOCK_TAGS:
            self.flush()
        if self.names:
            self.mark(element)
        self.link += tag == "a"
        self.heading += tag in _HEADINGS
        self.prose.append(0)
        self.first.append(len(self.result.lines))
        self.add(element.text)

    def mark(self, element: lxml.html.HtmlElement) -> None:
        element_id, classes = element.get("id"), element.get("class")
        if element_id in self.names:
            self.result.marked.append((element, element_id))
        elif classes:
            hit = next((name for name in classes.split() if name in self.names), None)
            if hit is not None:
                self.result.marked.append((element, hit))

    def end(self, element: lxml.html.HtmlElement, tag: str) -> None:
        if tag in SKIP_TAGS or not tag:
            self.skip -= 1
        else:
            self.link -= tag == "a"
            self.heading -= tag in _HEADINGS
            if tag in _BLOCK_TAGS:
                self.flush()
            prose = self.prose.pop()
            self.prose[-1] += prose
            last = len(self.result.lines) + (1 if self.parts else 0)
            self.result.extents[element] = Extent(prose, self.first.pop(), last)
        self.add(element.tail)
