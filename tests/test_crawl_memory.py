"""The crawl's memory limit counts the crawl's own resident memory: a crawl started by a process that once used
more than the limit (a test runner, a scheduler that also matches) fetches, instead of being shut down at its
first check because Linux passes the parent's peak (`ru_maxrss`) over `execve`."""

from __future__ import annotations

import resource
from pathlib import Path

import db
from tests.conftest import FAST_CRAWL, tracker
from tests.loopback import LoopbackServer, Reply

TITLES = ["市政府召开常务会议研究部署防汛工作", "关于做好夏季安全生产工作的通知", "我市举行重点项目集中开工仪式"]


def _list_page() -> bytes:
    items = "".join(
        f'<li><a href="/art/2021/8/{n + 1}/art_1875_{60000 + n}.html">{title}</a><span>2021-08-{n + 1:02d}</span></li>'
        for n, title in enumerate(TITLES)
    )
    return f'<html><head><meta charset="utf-8"><title>政务要闻</title></head><body><ul class="list">{items}</ul></body></html>'.encode()


def _article(n: int) -> bytes:
    return (
        f'<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="{TITLES[n]}">'
        f'<meta name="PubDate" content="2021-08-{n + 1:02d} 09:30"><title>{TITLES[n]}</title></head><body>'
        f'<h1>{TITLES[n]}</h1><div id="zoom"><p>{TITLES[n]}，现将有关事项通知如下，请认真贯彻落实。</p></div></body></html>'
    ).encode()


def _peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def test_a_crawl_from_a_process_that_once_used_more_than_the_limit_still_fetches(tmp_path: Path) -> None:
    ballast = bytearray(700 * 1024 * 1024)
    for page in range(0, len(ballast), 4096):  # written, so resident: it raises this process's peak
        ballast[page] = 1
    del ballast
    limit_mb = _peak_rss_mb() - 100  # under the peak passed on, far over what the crawl itself uses
    assert limit_mb > 500
    routes = {"/col/index.html": Reply(body=_list_page())}
    routes.update({f"/art/2021/8/{n + 1}/art_1875_{60000 + n}.html": Reply(body=_article(n)) for n in range(3)})
    with LoopbackServer(routes) as server:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nid = "city-gov"\nname = "市政府"\nkind = "official"\nlist_urls = ["{server.url("/col/index.html")}"]\n',
            encoding="utf-8",
        )
        database = tmp_path / "data" / "tracker.duckdb"
        result = tracker(
            "crawl", "--sources", str(sources), "--db", str(database), *FAST_CRAWL, "-s", f"MEMUSAGE_LIMIT_MB={limit_mb}"
        )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Memory usage exceeded" not in result.stderr
    with db.reader(database) as con:
        titles = [row[0] for row in con.execute("select title from documents order by published_at").fetchall()]
    assert titles == TITLES, result.stderr[-2000:]
