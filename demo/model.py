"""The shapes of the demo world: a site, an event, a document, a crawl round; and the clock they are dated in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    kind: str  # official | media
    channel: str  # website | news
    region: str
    level: str  # national | province | city | county
    style: str  # trs | hanweb | county | paper | portal | tabloid | wire
    column: str  # name of the column whose list pages we crawl
    page_size: int
    article_url: str  # format fields: y m d (unpadded) mm dd ym ymd num num9
    list_first: str
    list_next: str  # format fields: n (1-based page number), i (n - 1)
    domain: str  # the real-world host it pretends to be, shown in meta tags and footers
    icp: str
    encoding: str = "utf-8"
    feed: str | None = None  # rss | atom | rss-summary
    feed_path: str | None = None


@dataclass(frozen=True)
class Event:
    key: str
    label: str
    note: str = ""
    filler: bool = False  # a non-event article; a singleton event of its own


@dataclass(frozen=True)
class Doc:
    site: str
    num: int
    event: str
    published: str  # Beijing time as printed: "2026-10-11 11:05" (minute) or "2026-10-15" (day)
    title: str
    source: str  # 来源 / 信息来源 / ContentSource as printed
    body: tuple[str, ...] = ()
    byline: str = ""
    copy_of: tuple[str, int] | None = None  # (site, num) whose body this post reprints
    first_round: int = 1  # the demo's crawl round in which the post first appears on its site

    @property
    def key(self) -> str:
        return f"{self.site}/{self.num}"


@dataclass(frozen=True)
class Round:
    number: int
    down: frozenset[str] = frozenset()  # sites that answer every request with 503 Service Unavailable
    note: str = ""
