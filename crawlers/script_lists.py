"""Article lists that a column page keeps in scripts instead of in its HTML, turned back into HTML so the
list finder reads them like any other list:

- Hanweb (大汉) JCMS records: ``<script type="text/xml"><datastore><recordset><record><![CDATA[<li>…</li>]]>``
  (also the XML that its ``dataproxy.jsp`` answers for later pages);
- lists printed with ``document.write('<li><a href=…>…</a></li>')``;
- JSON arrays of ``{title, url, date}`` objects assigned to a script variable.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.DOTALL | re.IGNORECASE)
_NEXT_GROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>\s*</nextgroup>", re.DOTALL | re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_WRITE_CALL = re.compile(r"document\.write(?:ln)?\s*\(")
_JS_STRING = re.compile(r"""'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)\"""")
_FLAT_OBJECT = re.compile(r"\{[^{}\[\]]{10,3000}\}")
_JSON_PAIR = re.compile(r"""["']?([A-Za-z_]\w{0,30})["']?\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")
URL_KEYS = frozenset(
    {
        "url",
        "link",
        "href",
        "docurl",
        "doc_url",
        "linkurl",
        "link_url",
        "articleurl",
        "art_url",
        "docpuburl",
        "puburl",
        "pageurl",
        "detailurl",
        "infourl",
    }
)
TITLE_KEYS = frozenset({"title", "doctitle", "doc_title", "name", "subject", "articletitle", "infotitle", "maintitle"})
DATE_KEYS = frozenset(
    {
        "date",
        "pubdate",
        "pub_date",
        "publishdate",
        "publish_date",
        "publishtime",
        "pubtime",
        "docreltime",
        "docdate",
        "time",
        "createtime",
        "releasedate",
        "releasetime",
        "infodate",
    }
)
_MAX_TEXT = 2_000_000
_MAX_WRITE_CHARS = 20_000


@dataclass(frozen=True)
class ScriptList:
    """One list found in scripts: where it came from and its items as HTML."""

    kind: str  # "hanweb-record" | "document.write" | "json"
    html: str


def script_lists(page_text: str) -> list[ScriptList]:
    """The article lists kept in the page's scripts (or in a Hanweb dataproxy answer), in page order."""
    text = page_text[:_MAX_TEXT]
    found: list[ScriptList] = []
    records = [match[1] for match in _RECORD.finditer(text)]
    if records:
        found.append(ScriptList("hanweb-record", "\n".join(records)))
    for script in _SCRIPT.finditer(text):
        body = script[1]
        if "<record>" in body.lower():
            continue
        written = _written_html(body)
        if written:
            found.append(ScriptList("document.write", written))
        items = _json_items(body)
        if items:
            found.append(ScriptList("json", items))
    return found


def hanweb_next_group(page_text: str) -> str | None:
    """The ``dataproxy.jsp`` address a Hanweb jpage list names for its next group of records, if any."""
    match = _NEXT_GROUP.search(page_text[:_MAX_TEXT])
    if match is None:
        return None
    href = re.search(r"""href\s*=\s*["']([^"']+)["']""", match[1])
    return html.unescape(href[1]) if href else None


def _written_html(script: str) -> str:
    """The HTML a script prints with document.write: the string literals of each call, joined."""
    parts: list[str] = []
    for call in _WRITE_CALL.finditer(script):
        end = script.find(");", call.end())
        args = script[call.end() : end if end != -1 else call.end() + _MAX_WRITE_CHARS][:_MAX_WRITE_CHARS]
        parts.extend(
            _unescape_js(match[1] if match[1] is not None else match[2]) for match in _JS_STRING.finditer(args)
        )
    written = "".join(parts)
    return written if "<a" in written.lower() else ""


def _json_items(script: str) -> str:
    """``<li>`` items for the objects in a script that carry a title and a URL (and perhaps a date)."""
    if not re.search(r"""["']?(?:url|link|href|docurl|linkurl)["']?\s*:""", script, re.IGNORECASE):
        return ""
    items: list[str] = []
    for obj in _FLAT_OBJECT.finditer(script):
        fields = _fields(obj[0])
        url = next((fields[key] for key in fields if key in URL_KEYS), "")
        title = next((fields[key] for key in fields if key in TITLE_KEYS), "")
        date = next((fields[key] for key in fields if key in DATE_KEYS), "")
        if url and title:
            items.append(
                f'<li><a href="{html.escape(url, quote=True)}">{html.escape(title)}</a>'
                f"<span>{html.escape(date)}</span></li>"
            )
    return "<ul>" + "".join(items) + "</ul>" if items else ""


def _fields(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for match in _JSON_PAIR.finditer(text):
        raw = match[2] if match[2] is not None else match[3]
        try:
            value = json.loads(f'"{raw}"') if match[2] is not None else _unescape_js(raw)
        except ValueError:
            value = _unescape_js(raw)
        fields.setdefault(match[1].lower(), value.strip())
    return fields


def _unescape_js(literal: str) -> str:
    return re.sub(r"\\(.)", r"\1", literal)
