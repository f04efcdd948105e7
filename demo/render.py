"""Render the demo world (demo/world.py) into static pages, one look per site (the HTML in pages.py, feeds in feeds.py).

`render_world(out)` writes every page under `out` and a `_manifest.json` that maps each URL
path (with its query string) to the file, the Content-Type header and the status the server must send.
Feeds carry the placeholder BASE_URL_TOKEN where absolute links go; the server fills it in.
`render_world(out, docs, down)` renders one of the demo's crawl rounds: only `docs` are online, and every
page of the sites in `down` answers 503.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from demo.feeds import atom_feed, rss_feed
from demo.pages import PRIVATE_PATH, article_page, home_page, list_page, nav, root_index, static_page
from demo.world import DOCS, SITES, Doc, Site, article_path, home_path, list_pages, site_docs

MANIFEST = "_manifest.json"
ROBOTS = "User-agent: *\nDisallow: /private/\nAllow: /\n"
LOGO_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c63600002"
    "00000500017a5eab3f0000000049454e44ae426082"
)


@dataclass(frozen=True)
class Page:
    path: str  # URL path with query, e.g. "/qh-gov/News/Show.aspx?id=1003"
    body: bytes
    content_type: str
    fill_base: bool = False
    status: int = 200

    @property
    def file(self) -> str:
        return self.path.lstrip("/").replace("?", "@")


# ---------------------------------------------------------------- assembling

def html_type(site: Site, doc: Doc | None = None) -> str:
    """The Content-Type header: the GBK site sends none or a wrong charset, as such servers do."""
    if site.encoding == "gbk":
        return "text/html; charset=utf-8" if doc is not None and doc.num % 2 == 0 else "text/html"
    return "text/html; charset=utf-8"


def site_pages(site: Site, docs: Iterable[Doc] = DOCS) -> list[Page]:
    def page(path: str, text: str, doc: Doc | None = None) -> Page:
        return Page(path, text.encode(site.encoding), html_type(site, doc))

    recent = site_docs(site, docs)
    pages = [page(article_path(d), article_page(site, d, recent), d) for d in recent]
    listing = list_pages(site, docs)
    pages += [page(path, list_page(site, listing, n, recent)) for n, (path, _) in enumerate(listing, start=1)]
    pages.append(page(home_path(site), home_page(site, recent)))
    pages += [page(link.path, static_page(site, link, recent)) for link in nav(site)[2:]]
    pages.append(Page(f"/{site.id}/css/style.css", b"body{font-family:sans-serif}\n", "text/css"))
    pages.append(Page(f"/{site.id}/images/logo.png", LOGO_PNG, "image/png"))
    if site.feed == "atom":
        pages.append(Page(site.feed_path or "", atom_feed(site, recent).encode(), "application/atom+xml; charset=utf-8", True))
    elif site.feed:
        pages.append(Page(site.feed_path or "", rss_feed(site, recent).encode(), "application/rss+xml; charset=utf-8", True))
    return pages


def unavailable(pages: list[Page]) -> list[Page]:
    """The same URLs answering 503, as a site behind nginx does while its backend is down."""
    body = b"<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service " \
           b"Temporarily Unavailable</h1></center><hr><center>nginx</center></body></html>\n"
    return [Page(p.path, body, "text/html", status=503) for p in pages]


def render_pages(docs: Iterable[Doc] = DOCS, down: frozenset[str] = frozenset()) -> list[Page]:
    """Every page of the world with `docs` online; the sites in `down` answer 503 to every request."""
    private = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>后台登录</title></head><body>后台登录</body></html>'
    pages = [
        Page("/robots.txt", ROBOTS.encode(), "text/plain; charset=utf-8"),
        Page("/index.html", root_index().encode(), "text/html; charset=utf-8"),
        Page(PRIVATE_PATH, private.encode(), "text/html; charset=utf-8"),
    ]
    docs = tuple(docs)
    for site in SITES:
        pages += unavailable(site_pages(site, docs)) if site.id in down else site_pages(site, docs)
    paths = [p.path for p in pages]
    assert len(paths) == len(set(paths)), "two pages share a URL"
    return pages


def render_world(out: Path, docs: Iterable[Doc] = DOCS, down: frozenset[str] = frozenset()) -> list[Page]:
    """Write every page under `out` plus the manifest the server reads; returns the pages."""
    return write_pages(render_pages(docs, down), out)


def write_pages(pages: list[Page], out: Path) -> list[Page]:
    """Write pages under `out` and the manifest (URL path -> file, Content-Type) that demo.server reads."""
    manifest = {}
    for page in pages:
        target = out / page.file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.body)
        manifest[page.path] = {k: v for k, v in asdict(page).items() if k != "body"} | {"file": page.file}
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return pages


if __name__ == "__main__":
    import sys

    print(len(render_world(Path(sys.argv[1]))), "pages written")
