"""The digest as an A4 landscape PDF with a CJK font."""

from __future__ import annotations

import io
from typing import Any

from pipeline.report.charts import cjk_font
from pipeline.report.model import Digest, Section, Table

HEADING_SIZES: dict[int, int] = {2: 13, 3: 11}
KEEP_WITH_HEADING_MM = 30


def _column_widths(table: Table) -> list[float]:
    columns = list(zip(table.header, *table.rows, strict=True))
    return [min(max(len(str(cell)) for cell in column), 28) + 2 for column in columns]


def _section(pdf: Any, section: Section, level: int) -> None:
    from fpdf.fonts import FontFace

    pdf.ln(3)
    if pdf.will_page_break(KEEP_WITH_HEADING_MM):
        pdf.add_page()  # no heading alone at the foot of a page
    pdf.start_section(section.title, level=level - 2)
    pdf.set_font("cjk", size=HEADING_SIZES[level])
    pdf.multi_cell(
        0, HEADING_SIZES[level] * 0.55, section.title, align="L", wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("cjk", size=10)
    for paragraph in section.paragraphs:
        pdf.multi_cell(0, 6, paragraph, align="L", wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    for chart in section.charts:
        pdf.image(io.BytesIO(chart.png), w=170)
        pdf.set_font("cjk", size=9)
        pdf.multi_cell(0, 5, f"图：{chart.title}", align="L", wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=8)
    for table in section.tables:
        heading = FontFace(fill_color=(230, 230, 230))
        with pdf.table(
            col_widths=_column_widths(table), text_align="LEFT", headings_style=heading, line_height=4.4
        ) as grid:
            for row in (table.header, *table.rows):
                cells = grid.row()
                for n, cell in enumerate(row):
                    link = cell if n == table.link_column and row is not table.header else None
                    cells.cell(cell, link=link)
        pdf.ln(2)
    for sub in section.subsections:
        _section(pdf, sub, level + 1)


def render_pdf(digest: Digest) -> bytes:
    """A4 portrait PDF with an outline of its headings; byte-identical for the same digest (dates fixed to the
    week, no random ids)."""
    from fpdf import FPDF

    path, index = cjk_font()
    pdf = FPDF(orientation="P", format="A4")
    pdf.set_creation_date(digest.created)
    pdf.set_title(digest.title)
    pdf.set_author("谁先发声 who-spoke-first")
    pdf.set_creator("who-spoke-first")
    pdf.set_lang("zh-CN")
    pdf.add_font("cjk", fname=str(path), collection_font_number=index)
    pdf.set_auto_page_break(True, margin=14)
    pdf.add_page()
    pdf.set_font("cjk", size=16)
    pdf.multi_cell(0, 9, digest.title, align="L", wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=9)
    pdf.multi_cell(0, 5, digest.period, align="L", wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")
    for section in digest.sections:
        _section(pdf, section, 2)
    return bytes(pdf.output())
