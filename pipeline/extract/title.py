"""The article's title and the line that shows it (the heading the dateline is read under)."""

from __future__ import annotations

import re

import lxml.html

from pipeline.extract.page import WS, Line, Page, clean

TITLE_META: tuple[str, ...] = ("articletitle", "og:title", "twitter:title")
_TITLE_SPLIT = re.compile(r"\s*(?:_{1,2}|\|| - | – | — |--+|－|»|«|&raquo;|›|::|：：)\s*|(?<=\S)-(?=\S)")
_MIN_TITLE = 4
# An element whose class or id names it the article's title (``<div class="Heading">``, ``<td class="biaoti">``,
# ``<div id="ArticleTitle">``): read only on pages with no <title>, meta title or h1-h3 (pages saved without
# their head, older table templates).
_TITLE_NAME = re.compile(r"(?:^|[\s_-])(?!sub)(?:\w*title|heading|headline|biaoti|bt)(?:$|[\s_-])", re.IGNORECASE)
_MARKED_TITLE_CHARS = (6, 120)


def find_title(page: Page) -> tuple[str, str, int | None]:
    """(title, method, index of the heading line or None)."""
    tree, metas, lines = page.tree, page.metas, page.lines
    page_title = clean(tree.findtext(".//title") or "")
    meta_titles = [(name, value) for name in TITLE_META for value in metas.get(name, ()) if value]
    wanted = [value for _, value in meta_titles] + [page_title]
    heading_at = _heading_line(lines, wanted)
    if meta_titles and meta_titles[0][0] == "articletitle":
        return meta_titles[0][1], "meta:ArticleTitle", heading_at
    if heading_at is not None:
        line = lines[heading_at]
        return line.text, ("h1" if line.heading else "heading-text"), heading_at
    for name, value in meta_titles:
        return _strip_site(value), f"meta:{name}", heading_at
    if page_title:
        return _strip_site(page_title), "title", heading_at
    first = next((i for i, line in enumerate(lines) if line.heading and not line.linky), None)
    if first is not None:
        return lines[first].text, "h1", first
    marked = _heading_line(lines, _marked_titles(tree))
    if marked is not None:
        return lines[marked].text, "marked-heading", marked
    return "", "", heading_at


def _marked_titles(tree: lxml.html.HtmlElement) -> list[str]:
    """Texts of the elements whose class or id names them a title, longest first (a box's title such as
    ``热点新闻`` is shorter than an article's)."""
    found = []
    for element in tree.xpath("//body//*[@class or @id]"):
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if not _TITLE_NAME.search(names) or element.tag == "a" or element.find(".//a") is not None:
            continue
        text = clean(element.text_content())
        if _MARKED_TITLE_CHARS[0] <= len(text) <= _MARKED_TITLE_CHARS[1]:
            found.append(text)
    return sorted(found, key=len, reverse=True)


def _segments(title: str) -> list[str]:
    parts = [part.strip() for part in _TITLE_SPLIT.split(title) if part and part.strip()]
    whole = title.strip()
    found = [whole] + [part for part in parts if part != whole]
    return [part for part in found if len(part) >= _MIN_TITLE]


def _strip_site(title: str) -> str:
    parts = _segments(title)[1:] or [title.strip()]
    return parts[0] if len(parts[0]) >= _MIN_TITLE else max(parts, key=len)


def _heading_line(lines: list[Line], titles: list[str]) -> int | None:
    """Index of the line that shows the article's title, preferring headings and non-links."""
    segments: list[str] = []
    for title in titles:
        for segment in _segments(title):
            key = _key(segment)
            if len(key) >= _MIN_TITLE and key not in segments:
                segments.append(key)
    if not segments:
        return None
    segments.sort(key=len, reverse=True)
    best: tuple[int, int] | None = None
    for index, line in enumerate(lines):
        key = _key(line.text)
        if len(key) < _MIN_TITLE or len(key) > 3 * max(len(s) for s in segments) + 40:
            continue
        for rank, segment in enumerate(segments):
            if _matches(key, segment):
                score = rank * 4 + (0 if line.heading else 2) + (1 if line.linky else 0)
                if best is None or score < best[0]:
                    best = (score, index)
                break
        if best is not None and best[0] == 0:
            break
    return best[1] if best else None


def _key(text: str) -> str:
    return WS.sub("", text).lower()


def _matches(line: str, segment: str) -> bool:
    if line == segment:
        return True
    shorter, longer = sorted((line, segment), key=len)
    return len(shorter) >= max(_MIN_TITLE + 2, 0.6 * len(longer)) and shorter in longer
