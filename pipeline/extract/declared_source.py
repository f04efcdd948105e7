"""The declared source (来源): the ContentSource meta, a labelled 来源 beside the dateline, or an outlet
name printed bare after the dateline date."""

from __future__ import annotations

import re

from pipeline.extract.dates import iter_datetimes, normalise_text
from pipeline.extract.outlets import classify_source_name, normalise_source_name
from pipeline.extract.page import DISPLAY, Line, Page, window_end

SOURCE_META: tuple[str, ...] = ("contentsource", "source", "articlesource", "copysource")
SOURCE_LABEL = re.compile(
    r"(?P<label>信息来源|文章来源|新闻来源|稿件来源|来源|稿源|出处|转自|转载自|来自|作者)\s*[:：]\s*"
    r"(?P<value>[^\s|丨｜/]{0,40})"
)


def find_source(page: Page, heading_at: int | None) -> tuple[str, str] | None:
    """(normalised declared source, method) from ContentSource meta or the dateline."""
    metas, lines = page.metas, page.lines
    for name in SOURCE_META:
        for value in metas.get(name, ()):
            cleaned = normalise_source_name(value)
            if cleaned:
                return cleaned, f"meta:{DISPLAY.get(name, name)}"
    start = heading_at if heading_at is not None else 0
    stop = window_end(lines, start) if heading_at is not None else len(lines)
    authors: list[tuple[str, str]] = []
    for index in range(start, stop):
        for match in SOURCE_LABEL.finditer(lines[index].text):
            value = match["value"] or _next_short(lines, index)
            cleaned = normalise_source_name(value)
            if not cleaned or not re.search(r"[\u4e00-\u9fff]", cleaned):
                continue
            if match["label"] == "作者":
                if classify_source_name(cleaned) != "unknown":
                    authors.append((cleaned, "dateline:作者"))
                continue
            return cleaned, f"dateline:{match['label']}"
    if authors:
        return authors[0]
    if heading_at is not None:
        return _bare_source(lines, heading_at, stop)
    return None


def _next_short(lines: list[Line], index: int) -> str:
    if index + 1 < len(lines) and len(lines[index + 1].text) <= 20:
        return lines[index + 1].text
    return ""


def _bare_source(lines: list[Line], start: int, stop: int) -> tuple[str, str] | None:
    """An outlet name printed beside the dateline date without a label (``2005年03月21日 11:21 《理财周刊》``)."""
    for index in range(start + 1, stop):
        text = normalise_text(lines[index].text)
        for _begin, end, _parsed in iter_datetimes(text, relative=False, normalised=True):
            rest = text[end:].strip()
            if not rest and index + 1 < stop:
                rest = lines[index + 1].text.strip()
            name = normalise_source_name(rest.split(" ")[0] if rest else "")
            if name and classify_source_name(name) != "unknown":
                return name, "dateline:bare"
            return None
    return None
