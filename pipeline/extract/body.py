"""The article's main text: trafilatura, or the paragraphs under the heading when trafilatura keeps much
less (short notices) or dumps a layout table."""

from __future__ import annotations

import re

from pipeline.extract.declared_source import SOURCE_LABEL
from pipeline.extract.page import Line, Page

_FOOTER = re.compile(
    r"版权所有|Copyright|©|ICP备|关闭窗口|打印本页|【打印】|相关新闻|相关阅读|相关链接|责任编辑|上一篇|下一篇|扫一扫"
)
_SHORT_BODY = 40
_PARAGRAPH_CHARS = 40
_SENTENCE_END = ("。", "！", "？", "；", "…", "”", "」", ".", "!", "?")
_BLANK_LINES = re.compile(r"\n{2,}")
_OWN_BLOCK_SHARE = 0.6  # a block holding this share of the page's prose is read without trafilatura


def extract_body(page: Page, heading_at: int | None, url: str) -> tuple[str, str]:
    """(main text, method): the text of the CMS's content block, or of a block that holds most of the
    page's prose; else trafilatura (precision mode) unless the lines under the heading are clearly better."""
    block = page.block
    if block is not None and (block.name or block.share >= _OWN_BLOCK_SHARE):
        lines = page.lines[block.first : block.last]
        text = _block_lines(lines) if block.name else _kept_lines(lines)
        if len(text) >= _SHORT_BODY:
            return text, f"cms-block:{block.name}" if block.name else "dense-block"
    fallback = _lines_body(page.lines, heading_at)
    text = _trafilatura(page, url)
    if _table_dump(text):
        text = _table_prose(text)
    if len(fallback) > max(_SHORT_BODY, 2 * len(text)) or (_table_dump(text) and len(fallback) >= _PARAGRAPH_CHARS * 5):
        return fallback, "lines-after-heading"
    return text, "trafilatura"


def _trafilatura(page: Page, url: str) -> str:
    try:
        from trafilatura import extract

        text = (
            extract(
                page.tree,
                url=url or None,
                favor_precision=True,
                include_comments=False,
                fast=True,
                include_tables=True,
                deduplicate=False,
            )
            or ""
        )
    except Exception:  # noqa: BLE001 - fall back to our own lines
        text = ""
    return _BLANK_LINES.sub("\n", "\n".join(line.strip() for line in text.splitlines())).strip()


def _table_dump(text: str) -> bool:
    """trafilatura's output for layout tables: most lines are table rows with navigation."""
    rows = text.splitlines()
    return bool(rows) and sum(row.startswith("|") for row in rows) * 10 >= len(rows) * 3


def _table_prose(text: str) -> str:
    """The paragraphs of a layout-table dump, one a line: a cell that is a paragraph is kept, and the title row,
    the dateline row (发布日期、来源、点击数) and navigation cells are not."""
    cells = (cell.strip() for row in text.splitlines() for cell in row.strip().strip("|").split(" | "))
    return "\n".join(cell for cell in cells if _is_paragraph(cell))


def _lines_body(lines: list[Line], heading_at: int | None) -> str:
    """Paragraphs after the heading: from the first sentence-like line to the footer."""
    return _kept_lines(lines[heading_at + 1 if heading_at is not None else 0 :])


def _block_lines(lines: list[Line]) -> str:
    """A CMS content block is all article: every line but links, up to a footer line."""
    kept: list[str] = []
    for line in lines:
        if kept and _FOOTER.search(line.text):
            break
        if not line.linky:
            kept.append(line.text)
    return "\n".join(kept)


def _kept_lines(lines: list[Line]) -> str:
    """From the first sentence-like line to the footer, without link lines or trailing fragments."""
    kept: list[str] = []
    for line in lines:
        if kept and _FOOTER.search(line.text):
            break
        if line.linky:
            continue
        if kept or _is_paragraph(line.text):
            kept.append(line.text)
    while kept and not _is_paragraph(kept[-1]):
        kept.pop()
    return "\n".join(kept)


def _is_paragraph(text: str) -> bool:
    if SOURCE_LABEL.search(text) or _FOOTER.search(text):
        return False
    return len(text) >= _PARAGRAPH_CHARS or text.endswith(_SENTENCE_END)
