"""The digest as a Word document (python-docx): Word headings, tables with a repeated header row, charts embedded.

A4 portrait with Chinese fonts named for East Asian text (宋体 body, 黑体 headings) so Word and WPS show it as a
normal document. The same digest gives the same bytes: the core properties carry the week's end and the zip
entries a fixed time.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC
from typing import Any

from pipeline.report.model import Digest, Section, Table

BODY_FONT = ("Times New Roman", "宋体")
HEADING_FONT = ("Arial", "黑体")
CHART_WIDTH_CM = 16.0
TEXT_WIDTH_CM = 16.6
TABLE_FONT_PT = 9
HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def _fonts(style: Any, latin: str, east_asian: str, size_pt: float | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = latin
    style.font.color.rgb = RGBColor(0, 0, 0)
    if size_pt is not None:
        style.font.size = Pt(size_pt)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)


def _styles(document: Any) -> None:
    _fonts(document.styles["Normal"], *BODY_FONT, 11)
    for name, size in (("Title", 18), ("Heading 1", 15), ("Heading 2", 12.5), ("Caption", 9)):
        _fonts(document.styles[name], *(BODY_FONT if name == "Caption" else HEADING_FONT), size)


def _page(document: Any) -> None:
    from docx.shared import Cm, Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.2)


def _hyperlink(paragraph: Any, url: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rel = paragraph.part.relate_to(url, HYPERLINK_REL, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(underline)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(TABLE_FONT_PT * 2))
    props.append(size)
    run.append(props)
    text = OxmlElement("w:t")
    text.text = url
    run.append(text)
    link.append(run)
    paragraph._p.append(link)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _display_width(text: str) -> int:
    return sum(2 if ord(c) >= 0x2E80 else 1 for c in text)


def _widths_cm(table: Table) -> list[float]:
    """Column widths sharing the text width by each column's longest cell (capped, so one long title cannot take
    the page)."""
    columns = list(zip(table.header, *table.rows, strict=True))
    weights = [min(max(_display_width(cell) for cell in column), 44) + 3 for column in columns]
    return [TEXT_WIDTH_CM * w / sum(weights) for w in weights]


def _table(document: Any, table: Table) -> None:
    from docx.shared import Cm, Pt

    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.style = document.styles["Table Grid"]
    grid.autofit = False
    for column, width in zip(grid.columns, _widths_cm(table), strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    for r, row in enumerate((table.header, *table.rows)):
        for c, text in enumerate(row):
            paragraph = grid.cell(r, c).paragraphs[0]
            if r > 0 and c == table.link_column:
                _hyperlink(paragraph, text)
                continue
            run = paragraph.add_run(text)
            run.font.size = Pt(TABLE_FONT_PT)
            run.bold = r == 0
    _repeat_header(grid.rows[0])
    document.add_paragraph()


def _section(document: Any, section: Section, level: int) -> None:
    from docx.shared import Cm

    document.add_heading(section.title, level=level)
    for paragraph in section.paragraphs:
        document.add_paragraph(paragraph)
    for chart in section.charts:
        document.add_picture(io.BytesIO(chart.png), width=Cm(CHART_WIDTH_CM))
        document.add_paragraph(f"图：{chart.title}", style="Caption")
    for table in section.tables:
        _table(document, table)
    for sub in section.subsections:
        _section(document, sub, level + 1)


def _fixed_zip(data: bytes, stamp: tuple[int, int, int, int, int, int]) -> bytes:
    """The same zip with every entry dated `stamp`, in the same order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def render_docx(digest: Digest) -> bytes:
    import docx

    document = docx.Document()
    _styles(document)
    _page(document)
    created = digest.created.astimezone(UTC).replace(tzinfo=None)
    props = document.core_properties
    props.title, props.author, props.last_modified_by = digest.title, "谁先发声 who-spoke-first", "who-spoke-first"
    props.created = props.modified = props.last_printed = created
    props.revision, props.language, props.comments = 1, "zh-CN", ""
    document.add_heading(digest.title, level=0)
    document.add_paragraph(digest.period)
    for section in digest.sections:
        _section(document, section, 1)
    buffer = io.BytesIO()
    document.save(buffer)
    stamp = (created.year, created.month, created.day, created.hour, created.minute, created.second)
    return _fixed_zip(buffer.getvalue(), stamp)
