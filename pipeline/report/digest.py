"""The weekly timeliness digest: Markdown, HTML, PDF and Word (.docx) per ISO week, with charts as PNG images.

The same database gives byte-identical files: no generation time is written, every list has a total order, the
PDF's and the .docx's dates are fixed to the week, the PDF's font subset is named deterministically, and PNGs carry
no metadata.
Scraped text (labels, titles, declared sources) is escaped for each format; the HTML comes from an autoescaping
Jinja2 template, never from converting Markdown; chart labels are drawn with mathtext off.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.report.charts import MissingFont
from pipeline.report.model import Chart, Digest, Section
from pipeline.report.pdf import render_pdf
from pipeline.report.render import chart_file, render_html, render_markdown
from pipeline.report.sections import build_digest
from pipeline.report.week import parse_week
from pipeline.report.word import render_docx


@dataclass(frozen=True)
class Rendered:
    markdown: str
    html: str
    pdf: bytes | None
    docx: bytes
    charts: dict[str, bytes]


def _charts(sections: tuple[Section, ...]) -> list[Chart]:
    return [c for s in sections for c in (*s.charts, *_charts(s.subsections))]


def render_all(digest: Digest, pdf: bool = True) -> Rendered:
    """Every format of one digest; `pdf` None when no CJK font is installed."""
    charts = {chart_file(digest, c): c.png for c in _charts(digest.sections)}
    document: bytes | None = None
    if pdf:
        try:
            document = render_pdf(digest)
        except MissingFont as exc:
            print(f"tracker digest: {exc}; writing Markdown, HTML and Word only", file=sys.stderr)
    return Rendered(render_markdown(digest), render_html(digest), document, render_docx(digest), charts)


def _write_atomic(path: Path, content: str | bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    if isinstance(content, str):
        tmp.write_text(content, encoding="utf-8", newline="\n")
    else:
        tmp.write_bytes(content)
    os.replace(tmp, path)


def write_digest(db_path: Path, week: str, out_dir: Path) -> list[Path]:
    """Write `digest-YYYY-Www.md`, `.html`, `.pdf`, `.docx` and the chart PNGs into `out_dir`; return their paths."""
    parsed = parse_week(week)
    rendered = render_all(build_digest(Path(db_path), parsed))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = out_dir / f"digest-{parsed.label}"
    outputs: list[tuple[Path, str | bytes]] = [
        (stem.with_suffix(".md"), rendered.markdown),
        (stem.with_suffix(".html"), rendered.html),
    ]
    if rendered.pdf is not None:
        outputs.append((stem.with_suffix(".pdf"), rendered.pdf))
    outputs.append((stem.with_suffix(".docx"), rendered.docx))
    outputs += [(out_dir / name, png) for name, png in sorted(rendered.charts.items())]
    for path, content in outputs:
        _write_atomic(path, content)
    return [path for path, _ in outputs]
