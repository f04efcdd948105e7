"""Article-link precision and recall on column pages of each CMS family, against hand labels.

Run: ``python bench/bench_links.py``. The pages in ``tests/fixtures/lists/`` follow real list templates
(named in ``labels.json``: TRS WCM, Hanweb JCMS jpage, document.write lists, JSON in scripts, WebPlus,
table layouts, DedeCMS). Prints each page's precision and recall, the totals over all links, next-page
recall where labelled, and pages/s with its ratio to a bare lxml parse of the same pages in the same run.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lxml import html as lxml_html

from crawlers.links import read_column

LISTS = ROOT / "tests" / "fixtures" / "lists"
REPEATS = 20


def main() -> None:
    labels = json.loads((LISTS / "labels.json").read_text(encoding="utf-8"))
    pages = {name: (LISTS / name).read_text(encoding="utf-8") for name in labels}
    found_total = wanted_total = hits_total = 0
    print(f"{'page':<22} {'family':<16} {'found':>5} {'want':>5} {'precision':>9} {'recall':>7}  next pages")
    for name, label in labels.items():
        column = read_column(pages[name], label["url"])
        found = {link.url for link in column.articles}
        wanted = set(label["articles"])
        hits = len(found & wanted)
        found_total, wanted_total, hits_total = found_total + len(found), wanted_total + len(wanted), hits_total + hits
        next_note = "-"
        if label.get("next_pages"):
            got = {page.url for page in column.next_pages}
            next_note = f"{len(got & set(label['next_pages']))}/{len(label['next_pages'])} found, {len(got)} given"
        print(f"{name:<22} {label['family']:<16} {len(found):>5} {len(wanted):>5} "
              f"{hits / max(len(found), 1):>9.3f} {hits / len(wanted):>7.3f}  {next_note}")
    print(f"{'total':<22} {'':<16} {found_total:>5} {wanted_total:>5} "
          f"{hits_total / max(found_total, 1):>9.3f} {hits_total / wanted_total:>7.3f}")
    start = time.perf_counter()
    for _ in range(REPEATS):
        for name, label in labels.items():
            read_column(pages[name], label["url"])
    rate = REPEATS * len(pages) / (time.perf_counter() - start)
    start = time.perf_counter()
    for _ in range(REPEATS):
        for text in pages.values():
            lxml_html.document_fromstring(text)
    parse_rate = REPEATS * len(pages) / (time.perf_counter() - start)
    print(f"\n{rate:.0f} column pages/s = {rate / parse_rate:.2f} x a bare lxml parse of the same pages")


if __name__ == "__main__":
    main()
