"""The bad-input catalogue (reliability.md B1–B12) and crawl faults F1–F3, in one crawl of a loopback world.

Every bad source sits beside two good ones; each test asserts its own case, and that the good
sources were captured in full, so "other sources unaffected" is checked by every run.
B13–B15 (dashboard rendering) are tested with the dashboard.
"""

from __future__ import annotations

import json
import resource
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import db
from tests.conftest import FAST_CRAWL, tracker
from tests.loopback import Hit, LoopbackServer, Reply, article_page, brotli_bomb, gzip_bomb, list_page, rss

pytestmark = pytest.mark.timeout(300)
LONG = "市政府新闻办公室今天召开新闻发布会，通报有关工作进展情况，并回答记者提问。" * 8
HTML = "text/html; charset=utf-8"


def articles(prefix: str, n: int = 2, charset: str = "utf-8") -> dict[str, Reply]:
    """A column page and its `n` articles under `/<prefix>/`."""
    heads = [f"{prefix}市政府召开第{i}次新闻发布会" for i in range(1, n + 1)]
    links = [(f"/{prefix}/t2026050{i}_{i}.html", heads[i - 1], f"2026-05-0{i}") for i in range(1, n + 1)]
    routes = {f"/{prefix}/index.html": Reply(body=list_page(prefix, links, charset).encode(charset, "replace"),
                                              content_type=HTML)}
    for i, (href, head, _date) in enumerate(links, start=1):
        page = article_page(head, LONG, f"2026-05-0{i} 10:00", charset)
        routes[href] = Reply(body=page.encode(charset, "replace"), content_type=HTML)
    return routes


def redirect(to: str, status: int = 302) -> Reply:
    return Reply(status=status, headers={"Location": to})


def meta_refresh(to: str) -> Reply:
    return Reply(body=f'<html><head><meta http-equiv="refresh" content="0;url={to}"></head></html>'.encode())


def first_then(first: Reply, times: int, then: Reply):
    def route(_hit: Hit, count: int) -> Reply:
        return first if count <= times else then
    return route


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<rss version="2.0"><channel><title>t</title><item><title>&lol9;&xxe;</title>'
    "<link>{base}/b9/t20260501_1.html</link><description>&lol9;</description></item></channel></rss>"
)


def world(server: LoopbackServer) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    base = server.base_url
    routes: dict[str, Any] = {"/robots.txt": Reply(body=b"User-agent: *\nDisallow: /private/\n",
                                                   content_type="text/plain")}
    routes.update(articles("good"))
    routes.update(articles("gbk", charset="gbk"))
    for prefix in ("gbk",):  # B3: GBK bytes, header says utf-8, meta says gbk
        for path, reply in list(routes.items()):
            if path.startswith(f"/{prefix}/"):
                routes[path] = Reply(body=reply.body, content_type="text/html; charset=utf-8")
    routes.update(articles("ratelimited", 1))
    routes["/ratelimited/index.html"] = first_then(
        Reply(status=429, headers={"Retry-After": "1"}), 1, routes["/ratelimited/index.html"])
    routes.update(articles("busy", 1))
    routes["/busy/index.html"] = first_then(Reply(status=503), 2, routes["/busy/index.html"])
    routes.update(articles("ugly", 1))
    ugly_title = "標題\u202e\u0000\x07😀" + "长" * 1_000_000
    routes["/ugly/t20260501_1.html"] = Reply(body=article_page(ugly_title, LONG, "2026-05-01 10:00").encode(),
                                             content_type=HTML)
    routes.update({
        "/feeds/good.xml": Reply(body=rss([
            {"title": "日报：全市防汛工作有序推进", "link": f"{base}/gf/t20260501_1.html", "guid": "g1",
             "pubDate": "2026-05-01 10:00", "content": LONG},
            {"title": "日报：全市安全生产检查启动", "link": f"{base}/gf/t20260501_2.html", "guid": "g2",
             "pubDate": "2026-05-01 11:00", "content": LONG},
        ]), content_type="application/rss+xml; charset=utf-8"),
        "/feeds/bozo.xml": Reply(body=(
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t\x01</title>'
            f'<item><title>坏源仍可读的条目<b></title><link>{base}/b1/t20260501_1.html</link>'
            f"<pubDate>2026-05-01 10:00</pubDate><description><![CDATA[{LONG}]]></description>"
            f"<content:encoded><![CDATA[{LONG}]]></content:encoded></item><item><title>未闭合"
        ).encode(), content_type="application/rss+xml; charset=utf-8"),
        "/feeds/gbk.xml": Reply(body=rss([
            {"title": "国务院新闻", "link": f"{base}/b2/t20260501_1.html", "guid": "b2",
             "pubDate": "2026-05-01 10:00", "content": LONG},
        ], encoding="gbk", prolog_encoding="utf-8"), content_type="application/rss+xml; charset=utf-8"),
        "/feeds/laughs.xml": Reply(body=BILLION_LAUGHS.replace("{base}", base).encode(),
                                   content_type="application/rss+xml"),
        "/feeds/dates.xml": Reply(body=rss([
            {"title": f"日期测试条目{n}", "link": f"{base}/b10/t20240501_{n}.html", "guid": f"d{n}",
             "pubDate": raw, "content": LONG}
            for n, raw in enumerate(["2024年5月1日", "Wed, 01 May 2024 10:00:00 CST", "2024-05-01 10:00:00",
                                     "2099-01-01 10:00", ""], start=1)
        ]), content_type="application/rss+xml; charset=utf-8"),
        "/feeds/dups.xml": Reply(body=rss([
            {"title": "同一GUID的第一条", "link": f"{base}/b11/t20260501_1.html", "guid": "same", "content": LONG,
             "pubDate": "2026-05-01 10:00"},
            {"title": "同一GUID的第二条", "link": f"{base}/b11/t20260501_2.html", "guid": "same", "content": LONG,
             "pubDate": "2026-05-01 11:00"},
            {"title": "同一GUID的第二条", "link": f"{base}/b11/t20260501_2.html", "guid": "same", "content": LONG,
             "pubDate": "2026-05-01 11:00"},
        ]), content_type="application/rss+xml; charset=utf-8"),
        "/bomb/index.html": Reply(body=gzip_bomb(), headers={"Content-Encoding": "gzip"}),
        "/bomb-br/index.html": Reply(body=brotli_bomb(), headers={"Content-Encoding": "br"}),
        "/endless/index.html": Reply(stream_chunk=b"<p>" + b"x" * 65536 + b"</p>"),
        "/huge/index.html": Reply(body=b"<html>" * 10, content_length=200_000_000, send_bytes=60, then="stall"),
        "/loop1": redirect("/loop2"), "/loop2": redirect("/loop1"),
        "/meta1": meta_refresh("/meta2"), "/meta2": meta_refresh("/meta1"),
        "/redir-file": redirect("file:///etc/passwd"),
        "/redir-metadata": redirect("http://169.254.169.254/latest/meta-data/"),
        "/redir-admin": redirect(f"http://127.0.0.2:{server.port}/admin"),
        "/stall": Reply(body=b"<" * 1000, send_bytes=1, then="stall"),
        "/noreply": Reply(no_reply=True),
        "/reset": Reply(body=b"<html>" * 200, send_bytes=100, then="reset"),
        "/short": Reply(body=b"<html>" * 200, send_bytes=100, then="close"),
        "/forbidden": Reply(status=403),
        "/private/index.html": Reply(body=b"<html>never fetched</html>"),
    })
    sources = [
        src("good-gov", "official", lists=[f"{base}/good/index.html"]),
        src("good-feed", "media", feeds=[f"{base}/feeds/good.xml"]),
        src("b1-bozo", "media", feeds=[f"{base}/feeds/bozo.xml"]),
        src("b2-gbk-feed", "media", feeds=[f"{base}/feeds/gbk.xml"]),
        src("b3-gbk-html", "official", lists=[f"{base}/gbk/index.html"]),
        src("b4-bomb", "official", lists=[f"{base}/bomb/index.html"]),
        src("b4-brotli", "official", lists=[f"{base}/bomb-br/index.html"]),
        src("b5-endless", "official", lists=[f"{base}/endless/index.html"]),
        src("b5-declared", "official", lists=[f"{base}/huge/index.html"]),
        src("b6-loop", "official", lists=[f"{base}/loop1"]),
        src("b6-meta", "official", lists=[f"{base}/meta1"]),
        src("b7-redirects", "official",
            lists=[f"{base}/redir-file", f"{base}/redir-metadata", f"{base}/redir-admin"]),
        src("b8-direct", "official", lists=[f"http://0x7f000002:{server.port}/x", "http://10.0.0.5/x"]),
        src("b9-laughs", "media", feeds=[f"{base}/feeds/laughs.xml"]),
        src("b10-dates", "media", feeds=[f"{base}/feeds/dates.xml"]),
        src("b11-dups", "media", feeds=[f"{base}/feeds/dups.xml"]),
        src("b12-ugly", "official", lists=[f"{base}/ugly/index.html"]),
        src("f1-stall", "official", lists=[f"{base}/stall"]),
        src("f1-noreply", "official", lists=[f"{base}/noreply"]),
        src("f1-reset", "official", lists=[f"{base}/reset"]),
        src("f1-short", "official", lists=[f"{base}/short"]),
        src("f2-429", "official", lists=[f"{base}/ratelimited/index.html"]),
        src("f2-503", "official", lists=[f"{base}/busy/index.html"]),
        src("f3-dns", "official", lists=[f"http://no-such-host.invalid:{server.port}/index.html"]),
        src("blocked-403", "official", lists=[f"{base}/forbidden"]),
        src("blocked-robots", "official", lists=[f"{base}/private/index.html"]),
    ]
    return routes, sources


def src(source_id: str, kind: str, lists: list[str] | None = None, feeds: list[str] | None = None) -> dict[str, Any]:
    return {"id": source_id, "name": source_id, "kind": kind, "region": "江南省临江市", "level": "city",
            "list_urls": lists or [], "feeds": feeds or []}


def write_toml(sources: list[dict[str, Any]], path: Path) -> None:
    lines = []
    for source in sources:
        lines.append("[[source]]")
        lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in source.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


# Loopback only: 127.0.0.1 is allowed, any other loopback address stays refused (B7, B8).
CRAWL_SETTINGS = [*FAST_CRAWL, "-s", "RETRY_TIMES=2", "-s", "DOWNLOAD_TIMEOUT=2",
                  "-s", 'TRACKER_ALLOW_PRIVATE_NETWORKS=["127.0.0.1/32"]', "-s", "DNS_TIMEOUT=5"]


@dataclass(frozen=True)
class Crawled:
    database: Path
    stdout: str
    stderr: str
    returncode: int
    server: LoopbackServer
    max_rss_mb: float

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple]:
        with db.reader(self.database) as con:
            return con.execute(sql, params or {}).fetchall()

    def docs(self, source_id: str) -> list[tuple]:
        return self.rows("select url, title, body, published_at, published_precision, published_flag, encoding,"
                         " raw_sha256 from documents where source_id = $s order by url", {"s": source_id})

    def errors_for(self, source_id: str) -> list[str]:
        return [line for line in self.stderr.splitlines() if f"source {source_id!r}" in line]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Any:
    work = tmp_path_factory.mktemp("bad-inputs")
    server = LoopbackServer()
    routes, sources = world(server)
    server.routes.update(routes)
    with server:
        write_toml(sources, work / "sources.toml")
        database = work / "data" / "tracker.duckdb"
        result = tracker("crawl", "--sources", str(work / "sources.toml"), "--db", str(database), *CRAWL_SETTINGS,
                         timeout=240)
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        yield Crawled(database, result.stdout, result.stderr, result.returncode, server, rss_mb)


def test_run_finishes_and_good_sources_are_complete(crawled: Crawled) -> None:
    assert crawled.returncode == 0, crawled.stderr[-3000:]
    assert "Traceback" not in crawled.stderr
    assert len(crawled.docs("good-gov")) == 2 and len(crawled.docs("good-feed")) == 2
    assert crawled.max_rss_mb < 1024


def test_b1_malformed_feed_keeps_the_entries_that_parse(crawled: Crawled) -> None:
    docs = crawled.docs("b1-bozo")
    assert [d[1] for d in docs] == ["坏源仍可读的条目"]


def test_b2_gbk_feed_labelled_utf8_gives_the_right_title(crawled: Crawled) -> None:
    assert [d[1] for d in crawled.docs("b2-gbk-feed")] == ["国务院新闻"]


def test_b3_gbk_html_with_wrong_header_has_no_replacement_characters(crawled: Crawled) -> None:
    docs = crawled.docs("b3-gbk-html")
    assert len(docs) == 2
    for _url, title, body, *_rest, encoding, raw_sha in docs:
        assert title.startswith("gbk市政府召开") and "\ufffd" not in title + body
        assert encoding == "gb18030" and raw_sha
    listing = crawled.rows("select article_urls from listings where source_id = 'b3-gbk-html'")
    assert len(listing[0][0]) == 2


@pytest.mark.parametrize("source_id", ["b4-bomb", "b4-brotli", "b5-endless", "b5-declared"])
def test_b4_b5_oversized_bodies_are_dropped_with_a_size_error(crawled: Crawled, source_id: str) -> None:
    errors = crawled.errors_for(source_id)
    assert errors and all(len(line) < 600 for line in errors), crawled.stderr[-2000:]
    assert not crawled.docs(source_id)
    assert any(word in " ".join(errors).lower() for word in ("size", "cancel", "maxsize", "larger")), errors


@pytest.mark.parametrize(("source_id", "paths"), [("b6-loop", ("/loop1", "/loop2")), ("b6-meta", ("/meta1", "/meta2"))])
def test_b6_redirect_loops_stop_after_five_hops(crawled: Crawled, source_id: str, paths: tuple[str, str]) -> None:
    hits = sum(len(crawled.server.hits_for(path)) for path in paths)
    assert 2 <= hits <= 6
    errors = crawled.errors_for(source_id)
    assert len(errors) == 1 and "redirections" in errors[0], crawled.stderr[-2000:]
    assert crawled.rows("select entry_failed from source_polls where source_id = $s", {"s": source_id}) == [(1,)]


def test_b7_redirects_to_files_metadata_and_other_loopback_hosts_are_not_followed(crawled: Crawled) -> None:
    errors = crawled.errors_for("b7-redirects")
    assert len(errors) >= 2, crawled.stderr[-2000:]
    joined = " ".join(errors)
    assert "169.254.169.254" not in {h.path for h in crawled.server.hits}
    assert "link-local" in joined and "loopback" in joined
    assert not crawled.server.hits_for("/admin")
    assert not crawled.docs("b7-redirects")


def test_b8_private_and_odd_ip_sources_are_refused_at_fetch_time(crawled: Crawled) -> None:
    errors = crawled.errors_for("b8-direct")
    assert len(errors) == 2 and all("refused" in line for line in errors), errors
    assert not crawled.server.hits_for("/x")


def test_b9_entity_expansion_and_external_entities_do_nothing(crawled: Crawled) -> None:
    everything = json.dumps(crawled.rows("select title, body from documents where source_id = 'b9-laughs'"),
                            ensure_ascii=False)
    assert "root:" not in everything and "lollollol" not in everything


def test_b10_feed_dates_are_read_in_china_time_and_flagged(crawled: Crawled) -> None:
    by_title = {d[1]: d for d in crawled.docs("b10-dates")}
    assert len(by_title) == 5
    chinese = by_title["日期测试条目1"]
    assert chinese[3].isoformat().startswith("2024-05-01T00:00:00+08:00") and chinese[4] == "day"
    assert by_title["日期测试条目2"][3].isoformat().startswith("2024-05-01T10:00:00+08:00")  # CST is China time
    assert by_title["日期测试条目3"][3].isoformat().startswith("2024-05-01T10:00:00+08:00")  # naive: source zone
    assert by_title["日期测试条目4"][5] == "future"
    assert by_title["日期测试条目5"][3] is None


def test_b11_reused_guids_and_repeated_items_give_one_row_per_url(crawled: Crawled) -> None:
    docs = crawled.docs("b11-dups")
    assert [d[1] for d in docs] == ["同一GUID的第一条", "同一GUID的第二条"]


def test_b12_huge_and_dirty_titles_are_cut_and_cleaned(crawled: Crawled) -> None:
    docs = crawled.docs("b12-ugly")
    assert len(docs) == 1
    title = docs[0][1]
    assert len(title) <= 1000 and "\x00" not in title and "\x07" not in title
    assert title.startswith("標題") and "😀" in title


@pytest.mark.parametrize("source_id", ["f1-stall", "f1-noreply", "f1-reset", "f1-short"])
def test_f1_stalls_resets_and_short_bodies_fail_after_retries(crawled: Crawled, source_id: str) -> None:
    path = "/" + source_id.split("-", 1)[1]
    assert len(crawled.server.hits_for(path)) == 3  # first try + RETRY_TIMES=2
    errors = crawled.errors_for(source_id)
    assert errors and all("could not fetch" in line for line in errors), crawled.stderr[-2000:]
    polls = crawled.rows("select entry_ok, entry_failed from source_polls where source_id = $s", {"s": source_id})
    assert polls == [(0, 1)]


def test_f2_retry_after_is_honoured_and_503_bursts_recover(crawled: Crawled) -> None:
    hits = crawled.server.hits_for("/ratelimited/index.html")
    assert len(hits) == 2 and hits[1].at - hits[0].at >= 1.0
    assert len(crawled.docs("f2-429")) == 1
    assert len(crawled.server.hits_for("/busy/index.html")) == 3 and len(crawled.docs("f2-503")) == 1


def test_f3_dns_failure_fails_that_source_only(crawled: Crawled) -> None:
    errors = crawled.errors_for("f3-dns")
    assert errors and "DNS" in errors[0], crawled.stderr[-2000:]


@pytest.mark.parametrize("source_id", ["blocked-403", "blocked-robots"])
def test_blocked_sources_are_recorded_as_blocked(crawled: Crawled, source_id: str) -> None:
    assert crawled.rows("select blocked from source_polls where source_id = $s", {"s": source_id}) == [(1,)]
    assert not crawled.server.hits_for("/private/index.html")


def test_every_item_has_exactly_one_outcome(crawled: Crawled) -> None:
    outcomes = crawled.rows("select source_id, url, count(*) from item_outcomes group by all having count(*) > 1")
    assert outcomes == []
    stored = crawled.rows("select count(*) from item_outcomes where outcome = 'stored'")[0][0]
    assert stored == crawled.rows("select count(*) from documents")[0][0]

