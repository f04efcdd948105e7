"""The digest as an A4 landscape PDF with a CJK font."""

from __future__ import annotations

import io

from pipeline.report.charts import cjk_font
from pipeline.report.model import Digest, Table
from pipeline.report.week import format_ids


def _column_widths(table: Table) -> list[float]:
    columns = list(zip(table.header, *table.rows, strict=True))
    return [min(max(len(str(cell)) for cell in column), 24) + 2 for column in columns]


def render_pdf(digest: Digest) -> bytes:
    """A4 landscape PDF; byte-identical for the same digest (dates fixed to the week, no random ids)."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    path, index = cjk_font()
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_creation_date(digest.created)
    pdf.set_title(digest.title)
    pdf.set_author("谁先发声 who-spoke-first")
    pdf.set_creator("who-spoke-first")
    pdf.set_lang("zh-CN")
    pdf.add_font("cjk", fname=str(path), collection_font_number=index)
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_page()
    pdf.set_font("cjk", size=16)
    pdf.multi_cell(0, 9, digest.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=9)
    pdf.multi_cell(0, 5, digest.period, new_x="LMARGIN", new_y="NEXT")
    heading = FontFace(fill_color=(243, 243, 243))
    for section in digest.sections:
        pdf.ln(3)
        pdf.set_font("cjk", size=13)
        pdf.multi_cell(0, 7, section.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("cjk", size=9)
        for paragraph in section.paragraphs:
            pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
        for chart in section.charts:
            pdf.image(io.BytesIO(chart.png), w=170)
            pdf.multi_cell(0, 5, f"{chart.title} · 图中事件：{format_ids(list(chart.event_ids))}",
                           new_x="LMARGIN", new_y="NEXT")  # fmt: skip
        pdf.set_font("cjk", size=7.5)
        for table in section.tables:
            with pdf.table(
                col_widths=_column_widths(table), text_align="LEFT", headings_style=heading, line_height=4.2
            ) as grid:
                for row in (table.header, *table.rows):
                    cells = grid.row()
                    for cell in row:
                        cells.cell(cell)
            pdf.ln(2)
    return bytes(pdf.output())
