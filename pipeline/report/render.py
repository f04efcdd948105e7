"""Markdown and HTML renderings of a digest; every piece of scraped text escaped for its format."""

from __future__ import annotations

import base64
import re

import jinja2

from pipeline.report.model import Chart, Digest, Section

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|<>~&$])")
_MD_LIST_MARK = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+=])(?=[\s=-]*$|\s)")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown and HTML metacharacters; newlines become spaces so table rows stay whole."""
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _MD_LIST_MARK.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def chart_file(digest: Digest, chart: Chart) -> str:
    return f"digest-{digest.label}-{chart.name}.png"


def _markdown_section(digest: Digest, section: Section, level: int) -> list[str]:
    lines = [f"{'#' * level} {escape_markdown(section.title)}", ""]
    for paragraph in section.paragraphs:
        lines += [escape_markdown(paragraph), ""]
    for chart in section.charts:
        lines += [f"![{escape_markdown(chart.title)}]({chart_file(digest, chart)})", ""]
    for table in section.tables:
        lines.append("| " + " | ".join(escape_markdown(h) for h in table.header) + " |")
        lines.append("|" + "---|" * len(table.header))
        lines += ["| " + " | ".join(escape_markdown(c) for c in row) + " |" for row in table.rows]
        lines.append("")
    for sub in section.subsections:
        lines += _markdown_section(digest, sub, level + 1)
    return lines


def render_markdown(digest: Digest) -> str:
    lines = [f"# {escape_markdown(digest.title)}", "", escape_markdown(digest.period), ""]
    for section in digest.sections:
        lines += _markdown_section(digest, section, 2)
    return "\n".join(lines)


_HTML_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{ digest.title }}</title>
<style>
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; max-width: 60em; margin: 2em auto;
       padding: 0 1em; line-height: 1.7; color: #111; }
h2 { border-bottom: 1px solid #999; padding-bottom: 0.2em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }
th, td { border: 1px solid #999; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #eee; }
figure { margin: 1em 0; }
figure img { max-width: 100%; }
figcaption { color: #333; font-size: 0.9em; }
</style>
</head>
<body>
<h1>{{ digest.title }}</h1>
<p>{{ digest.period }}</p>
{% macro show(section, level) %}
<h{{ level }}>{{ section.title }}</h{{ level }}>
{% for paragraph in section.paragraphs %}
<p>{{ paragraph }}</p>
{% endfor %}
{% for chart in section.charts %}
<figure>
<img alt="{{ chart.title }}" src="data:image/png;base64,{{ b64(chart.png) }}">
<figcaption>图：{{ chart.title }}</figcaption>
</figure>
{% endfor %}
{% for table in section.tables %}
<table>
<thead><tr>{% for h in table.header %}<th>{{ h }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in table.rows %}
<tr>{% for cell in row %}{% if loop.index0 == table.link_column %}<td><a href="{{ cell }}">{{ cell }}</a></td>\
{% else %}<td>{{ cell }}</td>{% endif %}{% endfor %}</tr>
{% endfor %}
</tbody>
</table>
{% endfor %}
{% for sub in section.subsections %}{{ show(sub, level + 1) }}{% endfor %}
{% endmacro %}
{% for section in digest.sections %}{{ show(section, 2) }}{% endfor %}
</body>
</html>
"""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def render_html(digest: Digest) -> str:
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env.from_string(_HTML_TEMPLATE).render(digest=digest, b64=_b64)
