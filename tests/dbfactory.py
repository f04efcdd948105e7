"""Build a small real DuckDB file with hand-chosen sources, documents and events, for tests.

Rows go in through `db.writer`, so the schema and views are the real ones. The default world sits in ISO week
2024-W10 (Monday 2024-03-04 to Monday 2024-03-11, Asia/Shanghai), with one event in the week before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import db
from crawlers.landing import RawStore

SEEN_AT = datetime.fromisoformat("2024-03-20T00:00:00+08:00")
XSS_TITLE = '<img src=x onerror=alert(1)><img src=x onerror="window.__xss=1"> **bold** 通报'
XSS_PAGE = '<html><body><script>window.__xss = 2</script><img src=x onerror="window.__xss=3">网传信息原文</body></html>'
XSS_LABEL = "南京 网传 **bold** <b>信息</b>"


@dataclass(frozen=True)
class Source:
    source_id: str
    name: str
    kind: str  # official | media
    region: str
    level: str
    channel: str = "website"


@dataclass(frozen=True)
class Document:
    doc_id: str
    source_id: str
    title: str
    published_at: str | None  # ISO 8601 with offset
    precision: str = "minute"
    declared_source: str | None = None
    declared_source_kind: str | None = None
    url: str | None = None
    flag: str | None = None
    raw: str | None = None  # captured page, kept in <db folder>/raw like the crawler does


@dataclass(frozen=True)
class Event:
    event_id: str
    label: str
    doc_ids: tuple[str, ...]


@dataclass(frozen=True)
class FetchError:
    source_id: str
    url: str
    fetched_at: str
    error: str


@dataclass(frozen=True)
class Listing:
    """A successful fetch of a list page (it showed no article of this world: found_on is not set here)."""

    source_id: str
    page_url: str
    fetched_at: str


@dataclass(frozen=True)
class SourcePoll:
    """One crawl run of a source (source_polls), read by pipeline/health.py."""

    source_id: str
    polled_at: str
    entry_ok: int
    entry_failed: int
    blocked: int = 0
    error: str | None = None


@dataclass(frozen=True)
class PressEvent:
    press_id: str
    source_id: str
    held_at: str
    title: str
    event_id: str | None = None  # pinned event; None: linked by time and title


@dataclass
class World:
    sources: list[Source] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    copies: list[tuple[str, str]] = field(default_factory=list)  # (official doc, media doc it copies)
    fetch_errors: list[FetchError] = field(default_factory=list)
    listings: list[Listing] = field(default_factory=list)
    polls: list[SourcePoll] = field(default_factory=list)
    press_events: list[PressEvent] = field(default_factory=list)
    as_of: str | None = None  # analysis_settings.as_of: the "now" of rule clocks, silent events and health


def default_world() -> World:
    """Six events in 2024-W10 and one in W09; the expected figures are in tests/test_dashboard.py."""
    sources = [
        Source("lyg-gov", "连云港市人民政府", "official", "江苏省连云港市", "city"),
        Source("js-gov", "江苏省人民政府", "official", "江苏省", "province"),
        Source("nj-gov", "南京市人民政府", "official", "江苏省南京市", "city"),
        Source("lyg-daily", "连云港日报", "media", "江苏省连云港市", "city", channel="news"),
        Source("xinhua", "新华网", "media", "北京市", "national", channel="news"),
    ]
    documents = [
        # ev-1: media 08:00, government 14:30 the same day: lag 6.5 h, media first.
        Document("d1m", "lyg-daily", "连云港核循环项目引发群众聚集", "2024-03-04T08:00:00+08:00"),
        Document(
            "d1g",
            "lyg-gov",
            "连云港市政府就核循环项目答记者问",
            "2024-03-04T14:30:00+08:00",
            raw="<html><head><title>答记者问</title></head><body>连云港市政府就核循环项目答记者问</body></html>",
        ),
        # ev-2: government 09:00, media 10:30: lag -1.5 h, government first.
        Document("d2g", "lyg-gov", "连云港市发布暴雨红色预警", "2024-03-06T09:00:00+08:00"),
        Document("d2m", "xinhua", "连云港暴雨红色预警发布", "2024-03-06T10:30:00+08:00"),
        # ev-3: date-only government post on the day of a minute-precision media post: order undecided.
        Document("d3m", "lyg-daily", "南京地铁故障致乘客滞留", "2024-03-07T10:15:00+08:00"),
        Document("d3g", "nj-gov", "南京市关于地铁故障的情况通报", "2024-03-07T00:00:00+08:00", precision="day"),
        # ev-4: media only.
        Document("d4m", "xinhua", "北京春季沙尘天气", "2024-03-08T09:00:00+08:00"),
        # ev-5: two official reposts: one declares a media source, one copies media text.
        Document("d5m", "lyg-daily", "连云港港口集装箱倒塌", "2024-03-08T12:00:00+08:00"),
        Document("d5g", "lyg-gov", "港口集装箱倒塌事故处置情况", "2024-03-09T08:00:00+08:00"),
        Document(
            "d5p",
            "js-gov",
            "连云港港口集装箱倒塌",
            "2024-03-10T12:00:00+08:00",
            declared_source="连云港日报",
            declared_source_kind="media",
        ),
        # ev-6: untrusted title on the media side; a flagged official post is left out of timeliness.
        Document("d6m", "xinhua", XSS_TITLE, "2024-03-05T20:00:00+08:00", url="javascript:alert(1)", raw=XSS_PAGE),
        Document("d6g", "nj-gov", "南京市关于网传信息的说明", "2024-03-06T08:00:00+08:00"),
        Document("d6f", "nj-gov", "南京市关于网传信息的说明（日期错误）", "2030-01-01T00:00:00+08:00", flag="future"),
        # ev-7 in the week before (2024-W09).
        Document("d7m", "lyg-daily", "连云港旧城改造听证会", "2024-02-28T10:00:00+08:00"),
        Document("d7g", "lyg-gov", "旧城改造听证会公告", "2024-02-28T11:00:00+08:00"),
    ]
    events = [
        Event("ev-1", "连云港 核循环项目 聚集", ("d1m", "d1g")),
        Event("ev-2", "连云港 暴雨 预警", ("d2g", "d2m")),
        Event("ev-3", "南京 地铁 故障", ("d3m", "d3g")),
        Event("ev-4", "北京 沙尘", ("d4m",)),
        Event("ev-5", "连云港 港口 集装箱", ("d5m", "d5g", "d5p")),
        Event("ev-6", XSS_LABEL, ("d6m", "d6g", "d6f")),
        Event("ev-7", "连云港 旧城改造", ("d7m", "d7g")),
    ]
    errors = [
        FetchError("nj-gov", "https://nj.example.gov.cn/xxgk/index.html", "2024-03-08T03:00:00+08:00", "HTTP 503"),
        FetchError("nj-gov", "https://nj.example.gov.cn/xxgk/index_1.html", "2024-03-08T03:01:00+08:00", "timeout"),
    ]
    # Daily fetches of each government site's list page in 2024-W10; nj-gov failed twice on 03-08 (an outage from
    # 03:00 to the next success at 09:00), so 2 of its 9 fetches that week failed (22%, over the 普查's 5%).
    listings = [
        Listing(source_id, f"https://example.cn/{source_id}/index.html", f"2024-03-{day:02d}T{hour}:00:00+08:00")
        for source_id in ("lyg-gov", "js-gov", "nj-gov")
        for day in range(4, 11)
        for hour in ("02",)
    ] + [Listing("nj-gov", "https://example.cn/nj-gov/index.html", "2024-03-08T09:00:00+08:00")]
    polls = [
        SourcePoll("lyg-gov", "2024-03-19T02:00:00+08:00", 1, 0),
        SourcePoll("lyg-gov", "2024-03-20T02:00:00+08:00", 1, 0),
        SourcePoll("nj-gov", "2024-03-18T02:00:00+08:00", 1, 0),
        SourcePoll("nj-gov", "2024-03-19T02:00:00+08:00", 0, 2, error="HTTP 503"),
        SourcePoll("nj-gov", "2024-03-20T02:00:00+08:00", 0, 2, error="timeout"),
        SourcePoll("js-gov", "2024-03-20T02:00:00+08:00", 0, 1, blocked=1, error="HTTP 403"),
    ]
    press = [PressEvent("pr-ev1", "lyg-gov", "2024-03-04T10:00:00+08:00", "连云港市核循环项目新闻发布会", "ev-1")]
    return World(
        sources,
        documents,
        events,
        copies=[("d5g", "d5m")],
        fetch_errors=errors,
        listings=listings,
        polls=polls,
        press_events=press,
        as_of="2024-03-20T12:00:00+08:00",
    )


def _url(doc: Document) -> str:
    return doc.url if doc.url is not None else f"https://example.cn/{doc.source_id}/{doc.doc_id}.html"


def _link(event: Event, doc_id: str) -> tuple[float, str | None, list[str]]:
    """The first document seeds the event; the others are linked through it by the event label's words."""
    seed = event.doc_ids[0]
    return (1.0, None, []) if doc_id == seed else (0.8, seed, event.label.split()[:2])


def build(path: Path, world: World | None = None) -> Path:
    """Write `world` (the default world when None) into a new database file at `path`."""
    world = world if world is not None else default_world()
    store = RawStore(path.parent / "raw")
    with db.writer(path) as con:
        for s in world.sources:
            con.execute(
                "insert into sources (source_id, name, kind, channel, region, level) values (?, ?, ?, ?, ?, ?)",
                [s.source_id, s.name, s.kind, s.channel, s.region, s.level],
            )
        for d in world.documents:
            published = datetime.fromisoformat(d.published_at) if d.published_at else None
            con.execute(
                "insert into documents (doc_id, source_id, url, title, body, published_at, published_precision,"
                " published_raw, published_flag, declared_source, declared_source_kind, first_seen_at,"
                " last_seen_at, via, raw_sha256) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'import', ?)",
                [
                    d.doc_id,
                    d.source_id,
                    _url(d),
                    d.title,
                    f"{d.title}。正文。",
                    published,
                    d.precision,
                    d.published_at,
                    d.flag,
                    d.declared_source,
                    d.declared_source_kind,
                    SEEN_AT,
                    SEEN_AT,
                    store.put(d.raw.encode("utf-8")) if d.raw is not None else None,
                ],
            )
        for e in world.events:
            con.execute("insert into events values (?, ?, ?)", [e.event_id, e.label, SEEN_AT])
            for doc_id in e.doc_ids:
                con.execute(
                    "insert into event_documents (doc_id, event_id, score, matched_doc_id, shared_terms, linked_at)"
                    " values (?, ?, ?, ?, ?, ?)",
                    [doc_id, e.event_id, *_link(e, doc_id), SEEN_AT],
                )
        for doc_id, copied in world.copies:
            con.execute("insert into document_copies values (?, ?, 0.9)", [doc_id, copied])
        for f in world.fetch_errors:
            con.execute(
                "insert into fetch_errors values (?, ?, ?, ?)",
                [f.source_id, f.url, datetime.fromisoformat(f.fetched_at), f.error],
            )
        for listing in world.listings:
            con.execute(
                "insert into listings (source_id, page_url, fetched_at, article_urls) values (?, ?, ?, [])",
                [listing.source_id, listing.page_url, datetime.fromisoformat(listing.fetched_at)],
            )
        for n, poll in enumerate(world.polls):
            con.execute(
                "insert into source_polls (run_id, source_id, polled_at, entry_ok, entry_failed, blocked, fetch_failed,"
                " articles, quarantined, error) values (?, ?, ?, ?, ?, ?, ?, 0, 0, ?)",
                [f"run-{n:03d}", poll.source_id, datetime.fromisoformat(poll.polled_at), poll.entry_ok,
                 poll.entry_failed, poll.blocked, poll.entry_failed, poll.error],
            )
        for press in world.press_events:
            held = datetime.fromisoformat(press.held_at)
            con.execute(
                "insert into press_events (press_id, source_id, held_at, held_precision, held_raw, title, event_id,"
                " created_at) values (?, ?, ?, 'minute', ?, ?, ?, ?)",
                [press.press_id, press.source_id, held, press.held_at, press.title, press.event_id, SEEN_AT],
            )
        if world.as_of is not None:
            con.execute(
                "update analysis_settings set value_time = ? where name = 'as_of'", [datetime.fromisoformat(world.as_of)]
            )
    return path
