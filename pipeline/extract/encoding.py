"""Decode page bytes: BOM, then the page's own declaration and the bytes, then the HTTP header.

GBK and GB2312 are decoded as GB18030 (a superset). A wrong HTTP header (GBK bytes served as
``charset=utf-8`` or ``ISO-8859-1``) never wins over bytes that only decode one way.
"""

from __future__ import annotations

import codecs
import re

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_ALIASES = {
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "gb_2312": "gb18030",
    "gb_2312-80": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "windows-936": "gb18030",
    "euc-cn": "gb18030",
    "euccn": "gb18030",
    "hz-gb-2312": "gb18030",
    "gb18030": "gb18030",
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "unicode": "utf-8",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-big5": "big5hkscs",
}
# Single-byte codecs decode anything, so a declaration of one is weak evidence.
_WEAK = frozenset({"latin-1", "iso8859-1", "ascii", "cp1252", "windows-1252", "iso8859-15"})
_SNIFF_BYTES = 8192
_ASCII = bytes(range(0x80))
_DAMAGE_RATIO = 50  # more than one bad byte in 50 non-ASCII bytes: the reading is wrong


def normalise_charset(name: str | None) -> str | None:
    """A Python codec name for a declared charset, or None when unknown."""
    if not name:
        return None
    key = name.strip().strip("\"'").lower()
    key = _ALIASES.get(key, key)
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def declared_charset(body: bytes) -> str | None:
    """The charset a page declares in an XML declaration or ``<meta>``, normalised."""
    head = body[:_SNIFF_BYTES]
    match = _XML_DECL.match(head) or _META_CHARSET.search(head)
    return normalise_charset(match.group(1).decode("ascii", "ignore")) if match else None


def decode_html(body: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """Decode page bytes; returns (text, codec name used)."""
    if not body:
        return "", "utf-8"
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace"), name
    if body.isascii():
        return body.decode("ascii"), "ascii"
    declared = declared_charset(body)
    header = normalise_charset(header_charset)
    candidates = _candidates(declared, header)
    for name in candidates:
        try:
            return body.decode(name), name
        except UnicodeDecodeError:
            continue
    weak = next((name for name in (declared, header) if name in _WEAK), None)
    return _least_damaged(body, candidates, weak)


def _candidates(declared: str | None, header: str | None) -> list[str]:
    """Multi-byte codecs to try strictly, in order; UTF-8 first as it almost never validates by chance."""
    order = ["utf-8"]
    for name in (declared, header, "gb18030"):
        if name and name not in order and name not in _WEAK:
            order.append(name)
    return order


def _least_damaged(body: bytes, candidates: list[str], weak: str | None) -> tuple[str, str]:
    """Bytes no codec takes whole: the codec with fewest bad bytes, which are dropped.

    A declared single-byte charset wins only when every multi-byte reading is badly damaged.
    """
    best_name, best_bad = candidates[-1], len(body) + 1
    for name in candidates:
        bad = body.decode(name, errors="replace").count("\ufffd")
        if bad < best_bad:
            best_name, best_bad = name, bad
    non_ascii = len(body) - len(body.translate(None, _ASCII))
    if weak is not None and best_bad * _DAMAGE_RATIO > non_ascii:
        return body.decode(weak, errors="replace"), weak
    return body.decode(best_name, errors="ignore"), best_name
