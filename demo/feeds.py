"""The demo sites' RSS and Atom feeds. Absolute links carry BASE_URL_TOKEN; the server fills in its own address."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from html import escape

from demo.pages import paragraphs
from demo.world import Doc, Site, article_path, body_of, published_at

BASE_URL_TOKEN = "__BASE_URL__"
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rfc822(doc: Doc, gmt: bool) -> str:
    at, _ = published_at(doc)
    if gmt:
        at = at.astimezone(UTC)
    zone = "GMT" if gmt else "+0800"
    return f"{DAYS[at.weekday()]}, {at.day:02d} {MONTHS[at.month - 1]} {at.year} {at:%H:%M:%S} {zone}"


def rss_feed(site: Site, recent: Sequence[Doc]) -> str:
    summary_only = site.feed == "rss-summary"
    items = []
    for doc in recent:
        url = BASE_URL_TOKEN + article_path(doc)
        desc = escape(body_of(doc)[0][:40] + "……") if summary_only else f"<![CDATA[{paragraphs(doc)}]]>"
        items.append(
            f"<item><title>{escape(doc.title)}</title><link>{url}</link><guid isPermaLink=\"true\">{url}</guid>"
            f"<pubDate>{rfc822(doc, gmt=summary_only)}</pubDate><author>{escape(doc.byline)}</author>"
            f"<description>{desc}</description></item>"
        )
    newest = recent[0]
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>\n'
        f"<title>{escape(site.name)}·{escape(site.column)}</title><link>{BASE_URL_TOKEN}{site.list_first}</link>"
        f"<description>{escape(site.name)}{escape(site.column)}频道</description><language>zh-cn</language>"
        f"<lastBuildDate>{rfc822(newest, gmt=summary_only)}</lastBuildDate>\n" + "\n".join(items) + "\n</channel></rss>\n"
    )


def atom_feed(site: Site, recent: Sequence[Doc]) -> str:
    def zoneless(doc: Doc) -> str:
        return published_at(doc)[0].strftime("%Y-%m-%dT%H:%M:%S")

    entries = []
    for doc in recent:
        entries.append(
            f"<entry><title>{escape(doc.title)}</title><id>tag:{site.domain},2026:{doc.num:09d}</id>"
            f'<link rel="alternate" type="text/html" href="{BASE_URL_TOKEN}{article_path(doc)}"/>'
            f"<published>{zoneless(doc)}</published><updated>{zoneless(doc)}</updated>"
            f"<author><name>{escape(doc.byline.removeprefix('记者 '))}</name></author>"
            f"<summary>{escape(body_of(doc)[0])}</summary>"
            f'<content type="html">{escape(paragraphs(doc))}</content></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">\n'
        f"<title>{escape(site.name)}·{escape(site.column)}</title><id>tag:{site.domain},2026:{site.id}</id>"
        f"<updated>{zoneless(recent[0])}</updated>"
        f'<link rel="self" href="{BASE_URL_TOKEN}{site.feed_path}"/><link href="{BASE_URL_TOKEN}{site.list_first}"/>\n'
        + "\n".join(entries) + "\n</feed>\n"
    )
