"""Self-check of the offline demo world: rendered, served over HTTP, and agreeing with demo/expected.json."""

from __future__ import annotations

import json
import re
import tomllib
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from demo.render import MANIFEST, render_world
from demo.server import DemoServer, serve
from demo.sources import write_sources_toml
from demo.world import BEIJING, DOCS, SITE_BY_ID, SITES, article_path, list_pages, published_at

EXPECTED = json.loads((Path(__file__).parents[1] / "demo" / "expected.json").read_text(encoding="utf-8"))
EVENTS: list[dict[str, Any]] = EXPECTED["events"]
MEDIA_NAMES = {s.name for s in SITES if s.kind == "media"}


@dataclass(frozen=True)
class Fetched:
    status: int
    content_type: str
    body: bytes


@dataclass(frozen=True)
class World:
    root: Path
    server: DemoServer
    sources_toml: Path

    def get(self, path: str) -> Fetched:
        try:
            with urllib.request.urlopen(self.server.base_url + path, timeout=10) as r:
                return Fetched(r.status, r.headers.get("Content-Type", ""), r.read())
        except urllib.error.HTTPError as e:
            return Fetched(e.code, e.headers.get("Content-Type", ""), e.read())


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("demo-world")
    render_world(root)
    server = serve(root)
    sources = root.parent / "sources.toml"
    write_sources_toml(server.base_url, sources)
    yield World(root, server, sources)
    server.stop()


class Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href, self._text = dict(attrs).get("href") or "", []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None


def anchors(page_url: str, html: str) -> list[tuple[str, str]]:
    """(absolute path with query, anchor text) for every on-server link of a page."""
    parser = Anchors()
    parser.feed(html)
    out = []
    for href, text in parser.links:
        url = urlsplit(urljoin(page_url, href))
        if url.scheme == "http" and url.netloc == urlsplit(page_url).netloc:
            out.append((url.path + (f"?{url.query}" if url.query else ""), text))
    return out


def decode(site_id: str, body: bytes) -> str:
    return body.decode("gb18030" if SITE_BY_ID[site_id].encoding == "gbk" else "utf-8")


def all_docs() -> list[dict[str, Any]]:
    return [d | {"event": e["key"]} for e in EVENTS for d in e["documents"]]


def at(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def interval(doc: dict[str, Any]) -> tuple[datetime, datetime]:
    start = at(doc["published_at"])
    return start, start + (timedelta(days=1) if doc["precision"] == "day" else timedelta(minutes=1))


def hours(delta: timedelta) -> float:
    return round(delta.total_seconds() / 3600, 2)


# ---------------------------------------------------------------- expected.json against world.py


def test_world_size_and_coverage() -> None:
    assert 45 <= len(DOCS) <= 80
    assert len([e for e in EVENTS if not e["filler"]]) >= 10
    assert {s.kind for s in SITES} == {"official", "media"}
    assert {s.level for s in SITES if s.kind == "official"} >= {"province", "city", "county"}
    assert {s.feed for s in SITES} == {"rss", "atom", "rss-summary", None}
    days = {published_at(d)[0].date() for d in DOCS}
    assert (max(days) - min(days)).days <= 14


def test_expected_documents_agree_with_world() -> None:
    declared = {
        article_path(d): (d.site, published_at(d)[0].isoformat(), published_at(d)[1], d.title, d.source, d.event)
        for d in DOCS
    }
    labelled = {
        d["url"]: (d["source_id"], d["published_at"], d["precision"], d["title"], d["declared_source"], d["event"])
        for d in all_docs()
    }
    assert len(labelled) == len(all_docs())
    assert labelled == declared


def test_labels_follow_from_documents() -> None:
    copies = {article_path(d): d.copy_of for d in DOCS}
    media_text = {(d.site, d.num): article_path(d) for d in DOCS if SITE_BY_ID[d.site].kind == "media"}
    for event in EVENTS:
        docs = event["documents"]
        official = [d for d in docs if SITE_BY_ID[d["source_id"]].kind == "official"]
        media = [d for d in docs if SITE_BY_ID[d["source_id"]].kind == "media"]
        assert (event["n_official"], event["n_media"]) == (len(official), len(media)), event["key"]
        if official and media:
            o_start, o_end = min(interval(d) for d in official)
            m_start, m_end = min(interval(d) for d in media)
            decided = True if o_end <= m_start else False if m_end <= o_start else None
            assert event["official_first"] is decided, event["key"]
            assert event["lag_hours"] == hours(o_start - m_start), event["key"]
        else:
            assert event["official_first"] is None and event["lag_hours"] is None, event["key"]
        responses = {r["source_id"]: r for r in event["official_responses"]}
        assert set(responses) == {d["source_id"] for d in official}, event["key"]
        first_media = min((at(d["published_at"]) for d in media), default=None)
        for source_id, response in responses.items():
            first = min((d for d in official if d["source_id"] == source_id), key=lambda d: at(d["published_at"]))
            assert response["first_at"] == first["published_at"], event["key"]
            lag = None if first_media is None else hours(at(response["first_at"]) - first_media)
            assert response["lag_hours"] == lag, event["key"]
            copied = copies[first["url"]]
            reposted = first["declared_source"] in MEDIA_NAMES or (
                copied is not None
                and copied in media_text
                and at(first["published_at"])
                > min(at(d["published_at"]) for d in all_docs() if d["url"] == media_text[copied])
            )
            assert response["is_repost"] is reposted, event["key"]


def test_required_cases_are_present() -> None:
    by_key = {e["key"]: e for e in EVENTS}
    protest = by_key["e01-project-protest"]
    assert protest["official_first"] is False and protest["official_responses"][0]["is_repost"] is True
    assert protest["lag_hours"] > 48
    assert any(e["official_first"] is True for e in EVENTS)
    assert any(e["n_official"] == 0 and e["n_media"] > 0 and not e["filler"] for e in EVENTS)
    assert any(e["n_media"] == 0 and e["n_official"] > 0 and not e["filler"] for e in EVENTS)
    undecided = [e for e in EVENTS if e["n_media"] and e["n_official"] and e["official_first"] is None]
    assert undecided and all(any(d["precision"] == "day" for d in e["documents"]) for e in undecided)


# ---------------------------------------------------------------- served pages


def test_every_document_is_served_with_its_title_and_time(world: World) -> None:
    for doc in all_docs():
        page = world.get(doc["url"])
        assert page.status == 200, doc["url"]
        text = decode(doc["source_id"], page.body)
        assert f">{doc['title']}<" in text, doc["url"]
        when = at(doc["published_at"])
        shown = {
            "county": when.strftime("%Y年%m月%d日"),
            "portal": when.strftime("%Y年%m月%d日 %H:%M"),
        }.get(
            SITE_BY_ID[doc["source_id"]].style,
            when.strftime("%Y-%m-%d" if doc["precision"] == "day" else "%Y-%m-%d %H:%M"),
        )
        assert shown in text, doc["url"]
        assert doc["declared_source"] in text, doc["url"]


def test_gbk_site_sends_gbk_bytes_with_missing_or_wrong_charset(world: World) -> None:
    site = SITE_BY_ID["lj-gov"]
    paths = [article_path(d) for d in DOCS if d.site == site.id] + [p for p, _ in list_pages(site)]
    headers = set()
    for path in paths:
        page = world.get(path)
        headers.add(page.content_type)
        with pytest.raises(UnicodeDecodeError):
            page.body.decode("utf-8")
        text = page.body.decode("gbk")
        assert re.search(r'<meta (charset="gbk"|http-equiv="Content-Type" content="text/html; charset=gb2312")>', text)
        if "gb2312" in text:
            with pytest.raises(UnicodeDecodeError):
                page.body.decode("gb2312")
    assert headers == {"text/html", "text/html; charset=utf-8"}


def test_pagination_reaches_every_article(world: World) -> None:
    for site in SITES:
        wanted = {article_path(d) for d in DOCS if d.site == site.id}
        found: set[str] = set()
        visited: list[str] = []
        path: str | None = site.list_first
        while path is not None:
            page = world.get(path)
            assert page.status == 200, path
            visited.append(path)
            links = anchors(world.server.base_url + path, decode(site.id, page.body))
            found |= {p for p, _ in links if p in wanted}
            nexts = {p for p, text in links if text == "下一页"}
            assert len(nexts) <= 1, path
            path = nexts.pop() if nexts else None
            assert path not in visited
        assert found == wanted, site.id
        assert visited == [p for p, _ in list_pages(site)] and len(visited) >= 2, site.id
        if site.style == "trs":
            assert 'createPageHTML(3, 0, "index", "html")' in world.get(site.list_first).body.decode()


def test_feeds_list_every_article_with_their_zone_conventions(world: World) -> None:
    for site in SITES:
        if site.feed_path is None:
            continue
        page = world.get(site.feed_path)
        assert page.status == 200
        assert page.content_type.startswith("application/atom+xml" if site.feed == "atom" else "application/rss+xml")
        root = ET.fromstring(page.body)
        docs = {world.server.base_url + article_path(d): d for d in DOCS if d.site == site.id}
        if site.feed == "atom":
            ns = {"a": "http://www.w3.org/2005/Atom"}
            entries = root.findall("a:entry", ns)
            links = [e.find("a:link", ns).get("href") for e in entries]  # type: ignore[union-attr]
            times = [e.findtext("a:published", namespaces=ns) or "" for e in entries]
            assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", t) for t in times)
            parsed = [datetime.fromisoformat(t).replace(tzinfo=BEIJING) for t in times]
        else:
            items = root.findall("channel/item")
            links = [i.findtext("link") or "" for i in items]
            raw = [i.findtext("pubDate") or "" for i in items]
            assert all(t.endswith("GMT" if site.feed == "rss-summary" else "+0800") for t in raw)
            parsed = [parsedate_to_datetime(t) for t in raw]
        assert set(links) == set(docs)
        assert all(published_at(docs[u])[0] == t for u, t in zip(links, parsed, strict=True))


def manifest_html(world: World) -> list[tuple[str, str]]:
    manifest = json.loads((world.root / MANIFEST).read_text(encoding="utf-8"))
    return [
        (path, path.split("/")[1])
        for path, row in manifest.items()
        if row["content_type"].startswith("text/html") and path.split("/")[1] in SITE_BY_ID
    ]


def test_every_page_has_nav_breadcrumb_and_footer(world: World) -> None:
    pages = manifest_html(world)
    assert len(pages) > len(DOCS)
    for path, site_id in pages:
        page = world.get(path)
        assert page.status == 200, path
        text = decode(site_id, page.body)
        labels = {t for _, t in anchors(world.server.base_url + path, text)}
        assert {"首页", "关于我们", "联系我们", "网站地图"} <= labels, path
        assert "当前位置" in text and "版权所有" in text and "ICP备" in text, path
        assert '<a href="http://www.gov.cn/"' in text and "/private/login.html" in text, path
        if SITE_BY_ID[site_id].kind == "media":
            assert "热点新闻" in text, path
        for link, _ in anchors(world.server.base_url + path, text):
            if not link.startswith("/private/"):
                assert world.get(link).status == 200, (path, link)


def test_server_boundaries(world: World) -> None:
    robots = world.get("/robots.txt")
    assert robots.status == 200 and "Disallow: /private/" in robots.body.decode()
    for bad in (
        "/nope.html",
        "/jn-gov/",
        "/jn-gov",
        "/" + MANIFEST,
        "/../etc/passwd",
        "/%2e%2e/etc/passwd",
        "/jn-gov/zwdt/ywdt/index_9.html",
        "/qh-gov/News/Show.aspx?id=9999",
    ):
        assert world.get(bad).status == 404, bad
    with pytest.raises(ValueError):
        serve(world.root, host="0.0.0.0")


def test_sources_toml_points_at_the_served_world(world: World) -> None:
    sources = tomllib.loads(world.sources_toml.read_text(encoding="utf-8"))["source"]
    assert [s["id"] for s in sources] == [s.id for s in SITES]
    for entry in sources:
        site = SITE_BY_ID[entry["id"]]
        assert (entry["kind"], entry["channel"], entry["region"], entry["level"]) == (
            site.kind,
            site.channel,
            site.region,
            site.level,
        )
        assert entry["timezone"] == "Asia/Shanghai"
        assert bool(entry["feeds"]) == (site.feed is not None) and bool(entry["list_urls"]) != bool(entry["feeds"])
        for url in entry["list_urls"] + entry["feeds"]:
            assert url.startswith(world.server.base_url)
            assert world.get(url.removeprefix(world.server.base_url)).status == 200


# ---------------------------------------------------------------- issue 5 cases: rule clocks, 转载上级, silence, press


RULE_HOURS = {"80-authoritative-5h": 5, "61-press-24h": 24, "61-response-48h": 48}
MAJOR_WORDS = ("爆炸", "火灾", "事故", "死亡")


def first_media(event: dict[str, Any]) -> datetime:
    return min(at(d["published_at"]) for d in event["documents"] if SITE_BY_ID[d["source_id"]].kind == "media")


def test_major_emergency_clocks_follow_from_documents() -> None:
    by_key = {e["key"]: e for e in EVENTS}
    explosion = by_key["e14-chemical-explosion"]
    assert explosion["severity"] == "major"
    assert any(word in d["title"] for d in explosion["documents"] for word in MAJOR_WORDS)
    start = first_media(explosion)
    statuses = {}
    for row in explosion["rule_status"]:
        assert at(row["deadline"]) == start + timedelta(hours=RULE_HOURS[row["rule_id"]]), row
        posts = [interval(d) for d in explosion["documents"] if d["source_id"] == row["source_id"]]
        if row["rule_id"] == "61-press-24h" or not posts:  # no press conference is recorded for this event
            expected = "missed"
        else:
            begin, end = min(posts)
            expected = "met" if end <= at(row["deadline"]) else "missed" if begin > at(row["deadline"]) else "undecided"
        assert row["status"] == expected, row
        statuses[(row["source_id"], row["rule_id"])] = row["status"]
    assert statuses[("qh-gov", "80-authoritative-5h")] == "met"  # the county within 5 h, to the minute
    assert statuses[("lj-gov", "80-authoritative-5h")] == "missed"
    city = next(r for r in explosion["official_responses"] if r["source_id"] == "lj-gov")
    assert city["lag_hours"] > 24
    county = next(d for d in explosion["documents"] if d["source_id"] == "qh-gov")
    assert county["precision"] == "minute"


def test_county_reposts_the_province() -> None:
    wage = next(e for e in EVENTS if e["key"] == "e15-minimum-wage")
    county = next(d for d in wage["documents"] if d["source_id"] == "qh-gov")
    assert county["declared_source"] == SITE_BY_ID["jn-gov"].name == "江南省人民政府"
    assert SITE_BY_ID["qh-gov"].region.startswith(SITE_BY_ID["jn-gov"].region)
    assert wage["repost_classes"] == {"jn-gov": "首发", "qh-gov": "转载上级"}
    assert not any(r["is_repost"] for r in wage["official_responses"])  # is_repost counts reposts of media only


def test_silent_event_has_three_media_reports_and_no_official_post() -> None:
    def silent(event: dict[str, Any]) -> bool:
        media = [d for d in event["documents"] if SITE_BY_ID[d["source_id"]].kind == "media"]
        if len(media) < 3:
            return False
        deadline = first_media(event) + timedelta(hours=48)
        official = [interval(d)[0] for d in event["documents"] if SITE_BY_ID[d["source_id"]].kind == "official"]
        return not any(t < deadline for t in official)

    marked = {e["key"] for e in EVENTS if e.get("silent")}
    assert marked == {"e16-baisha-water-outage"}
    assert all(silent(e) for e in EVENTS if e.get("silent"))
    # e01 is silent too by the 48 h rule (the city reposted after 53 h); it is labelled by its other fields.
    assert {e["key"] for e in EVENTS if silent(e)} == {"e01-project-protest", "e16-baisha-water-outage"}


def test_demo_press_event_is_the_citys_conference_on_e01() -> None:
    from pipeline.cli.demo_run import DEMO_PRESS_EVENTS

    protest = next(e for e in EVENTS if e["key"] == "e01-project-protest")
    ((source_id, held, title),) = DEMO_PRESS_EVENTS
    held_at = datetime.strptime(held, "%Y-%m-%d %H:%M").replace(tzinfo=BEIJING)
    assert source_id == "lj-gov" and "江滨核技术应用产业园" in title
    assert held_at < first_media(protest) < held_at + timedelta(hours=1)
    city = next(r for r in protest["official_responses"] if r["source_id"] == "lj-gov")
    assert hours(at(city["first_at"]) - held_at) == 53.83


def test_crawled_demo_shows_the_issue5_cases(world: World, tmp_path: Path) -> None:
    """Crawl the served world, match, record the demo's press event with `tracker press add`, and read the views."""
    import db
    from pipeline.cli.demo_run import DEMO_PRESS_EVENTS
    from tests.conftest import FAST_CRAWL, tracker

    database = tmp_path / "data" / "tracker.duckdb"
    for args in (("crawl", "--sources", str(world.sources_toml), *FAST_CRAWL), ("match",)):
        result = tracker(*args, "--db", str(database))
        assert result.returncode == 0, result.stderr[-2000:]
    for source_id, held, title in DEMO_PRESS_EVENTS:
        result = tracker("press", "add", "--source", source_id, "--at", held, "--title", title, "--db", str(database))
        assert result.returncode == 0, result.stderr[-2000:]
    base = world.server.base_url
    with db.reader(database) as con:
        event_of = {url.removeprefix(base): e for url, e in con.execute(
            "select d.url, ed.event_id from documents d join event_documents ed using (doc_id)").fetchall()}
        ids = {e["key"]: event_of[e["documents"][0]["url"]] for e in EVENTS if e["documents"]}
        rules = {(r[0], r[1], r[2]): (r[3], r[4], r[5]) for r in con.execute(
            "select event_id, source_id, rule_id, role, deadline, status from event_rule_status").fetchall()}
        classes = {(r[0], r[1]): r[2] for r in con.execute(
            "select event_id, source_id, repost_class from event_official_responses").fetchall()}
        silent = {r[0] for r in con.execute("select event_id from silent_events").fetchall()}
        press = {r[0]: (r[1], r[2], r[3]) for r in con.execute(
            "select source_id, event_id, posted, lag_hours from press_event_responses").fetchall()}
    for event in EVENTS:
        event_id = ids[event["key"]]
        for row in event.get("rule_status", []):
            got = rules[(event_id, row["source_id"], row["rule_id"])]
            assert got[0] == row["role"] and got[2] == row["status"], (event["key"], row, got)
            assert got[1] == at(row["deadline"]), (event["key"], row)
        for source_id, repost_class in event.get("repost_classes", {}).items():
            assert classes[(event_id, source_id)] == repost_class, (event["key"], source_id)
        if event.get("silent"):
            assert event_id in silent, event["key"]
    assert press["lj-gov"][:2] == (ids["e01-project-protest"], True)
    assert float(press["lj-gov"][2]) == pytest.approx(53.83, abs=0.01)
    assert press["jn-gov"][1] is False  # the province never posted on it


# ---------------------------------------------------------------- `tracker demo`: crawl rounds, live documents, a rule

DEMO = EXPECTED["demo"]
CASES = {case["key"]: case for case in DEMO["events"]}


def test_demo_rounds_take_the_county_down_and_publish_the_backdated_post_late(tmp_path: Path) -> None:
    from demo.world import ROUNDS, world_docs

    assert [r.number for r in ROUNDS] == [1, 2]
    assert ROUNDS[0].down == {"qh-gov"} and not ROUNDS[1].down
    late = [d for d in DOCS if d.first_round > 1]
    (backdated,) = CASES["e17-elevator-subsidy"]["backdated"]
    assert [article_path(d) for d in late] == [backdated["url"]]
    assert all(d.first_round == 2 for d in late)
    now = datetime.now(BEIJING)
    for round_ in ROUNDS:
        root = tmp_path / f"round-{round_.number}"
        render_world(root, world_docs(round_.number, now), round_.down)
        with serve(root) as server:
            def get(path: str) -> tuple[int, str]:
                try:
                    with urllib.request.urlopen(server.base_url + path, timeout=10) as r:
                        return r.status, r.read().decode("gb18030", errors="replace")  # lj-gov is GBK
                except urllib.error.HTTPError as e:
                    return e.code, ""

            county = SITE_BY_ID["qh-gov"]
            assert get(county.list_first)[0] == (503 if round_.number == 1 else 200)
            assert get(article_path(DOCS[0]))[0] == 200  # the other sites answer
            status, column = get(backdated["found_on"])
            assert status == 200 and "art_1875_60019.html" in column
            assert (backdated["url"].rsplit("/", 1)[1] in column) is (round_.number == 2)
            assert get(backdated["url"])[0] == (200 if round_.number == 2 else 404)


def test_live_documents_are_dated_from_the_demo_start() -> None:
    from demo.world import LIVE_EVENTS, live_docs, world_docs

    start = datetime(2026, 11, 26, 17, 26, 41, tzinfo=BEIJING)
    live = live_docs(start)
    (case,) = [c for c in DEMO["events"] if c.get("live")]
    assert [e.key for e in LIVE_EVENTS] == [case["key"]] and all(d.event == case["key"] for d in live)
    assert world_docs(None, start) == DOCS + live and world_docs() == DOCS
    floor = start.replace(second=0)
    for doc, wanted in zip(live, case["documents"], strict=True):
        assert article_path(doc).endswith(wanted["url_end"]) and doc.site == wanted["source_id"]
        assert doc.title == wanted["title"]
        assert published_at(doc) == (floor + timedelta(minutes=wanted["offset_minutes"]), wanted["precision"])
    seen_early = [w for w in case["documents"] if w.get("seen_before_claimed")]
    assert [w["offset_minutes"] > 0 for w in seen_early] == [True]  # claimed after the demo starts crawling
    assert case["lag_hours"] == hours(timedelta(minutes=120 + 180))
    # both name the county, so 青河县人民政府 is the responsible (属地) source whose outage makes its clock unobservable
    assert all("青河县" in "".join(d.body) for d in live) and SITE_BY_ID["qh-gov"].region.endswith("青河县")


def test_demo_rule_takes_effect_inside_e01s_clock() -> None:
    from pipeline.cli.demo_run import DEMO_RULES

    (rule,) = DEMO_RULES
    (wanted,) = DEMO["rules_added"]
    assert (rule.rule_id, rule.document, rule.obligation, rule.applies_to, rule.clock_hours) == (
        wanted["rule_id"], wanted["document"], wanted["obligation"], wanted["applies_to"], wanted["clock_hours"]
    )
    assert rule.effective_from == at(wanted["effective_from"])
    by_key = {e["key"]: e for e in EVENTS}
    protest = first_media(by_key["e01-project-protest"])
    assert protest < rule.effective_from < protest + timedelta(hours=rule.clock_hours)
    assert first_media(by_key["e17-elevator-subsidy"]) > rule.effective_from
    statuses = {(r["source_id"], r["rule_id"]): r["status"] for r in CASES["e01-project-protest"]["rule_status"]}
    assert statuses[("lj-gov", rule.rule_id)] == "would-have-missed"
    assert statuses[("lj-gov", "61-response-48h")] == "missed"
    # e17: 61号 met by the post's claim in a single crawl, missed by what the demo's rounds observed
    single = {(r["source_id"], r["rule_id"]): r["status"] for r in by_key["e17-elevator-subsidy"]["rule_status"]}
    demo = {(r["source_id"], r["rule_id"]): r["status"] for r in CASES["e17-elevator-subsidy"]["rule_status"]}
    assert single[("lj-gov", "61-response-48h")] == "met" and demo[("lj-gov", "61-response-48h")] == "missed"
