"""A Hanweb-style column page served on 127.0.0.1 yields its articles through `tracker crawl` (records in
`<script type="text/xml">`, the next record group from `dataproxy.jsp`); a registered column page with no
article link shows in `tracker sources`; `tracker links` prints what a column page offers."""

from __future__ import annotations

import json
from pathlib import Path

import db
from tests.conftest import FAST_CRAWL, tracker
from tests.loopback import LoopbackServer, Reply

LISTS = Path(__file__).parent / "fixtures" / "lists"
PROXY = "/module/web/jpage/dataproxy.jsp?page=1&webid=1&columnid=1875&unitid=4411"
TITLES = ["市政府召开常务会议研究部署防汛工作", "关于做好夏季安全生产工作的通知", "我市举行重点项目集中开工仪式",
          "全市优化营商环境工作推进会召开", "市人民政府关于调整部分道路限行措施的通告"]


def _record(n: int) -> str:
    return (f'<record><![CDATA[<li><a href="/art/2021/8/{n + 1}/art_1875_{60000 + n}.html" title="{TITLES[n]}">'
            f"{TITLES[n]}</a><span>2021-08-{n + 1:02d}</span></li>]]></record>")


def _column_page() -> bytes:
    records = "".join(_record(n) for n in range(3))
    return (
        '<html><head><meta charset="utf-8"><title>政务要闻</title></head><body>'
        '<div class="nav"><a href="/index.html">首页</a><a href="/col/col1876/index.html">部门动态</a></div>'
        '<div class="left"><a href="/col/col1875/index.html">政务要闻</a></div><div class="right"><div id="4411">'
        f'<script type="text/xml"><datastore><nextgroup><![CDATA[<a href="{PROXY}"></a>]]></nextgroup>'
        f"<recordset>{records}</recordset></datastore></script>"
        "<script>$('#4411').jpage({perPage: 3, proxyUrl: '/module/web/jpage/dataproxy.jsp'});</script>"
        "</div></div></body></html>"
    ).encode()


def _article(n: int) -> bytes:
    return (
        f'<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="{TITLES[n]}">'
        f'<meta name="PubDate" content="2021-08-{n + 1:02d} 09:30"><meta name="ContentSource" content="市政府办公室">'
        f"<title>{TITLES[n]}</title></head><body><h1>{TITLES[n]}</h1>"
        f'<div id="zoom"><p>各县（区）人民政府，市各委办局：</p><p>{TITLES[n]}，现将有关事项通知如下，请认真贯彻落实。</p></div>'
        "</body></html>"
    ).encode()


def test_hanweb_column_page_yields_its_articles_through_tracker_crawl(tmp_path: Path) -> None:
    proxy_answer = ('<?xml version="1.0" encoding="UTF-8"?><datastore><recordset>'
                    + "".join(_record(n) for n in range(3, 5)) + "</recordset></datastore>").encode()
    routes = {
        "/col/col1875/index.html": Reply(body=_column_page()),
        f"{PROXY}&startrecord=4&endrecord=6": Reply(body=proxy_answer, content_type="text/xml; charset=utf-8"),
        "/empty/index.html": Reply(body='<html><body><div class="nav"><a href="/">首页</a></div></body></html>'.encode()),
    }
    routes.update({f"/art/2021/8/{n + 1}/art_1875_{60000 + n}.html": Reply(body=_article(n)) for n in range(5)})
    with LoopbackServer(routes) as server:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nid = "hw-gov"\nname = "大汉样式的政府网站"\nkind = "official"\n'
            f'list_urls = ["{server.url("/col/col1875/index.html")}"]\n'
            f'\n[[source]]\nid = "empty-gov"\nname = "没有文章链接的栏目"\nkind = "official"\n'
            f'list_urls = ["{server.url("/empty/index.html")}"]\n',
            encoding="utf-8",
        )
        database = tmp_path / "data" / "tracker.duckdb"
        result = tracker("crawl", "--sources", str(sources), "--db", str(database), *FAST_CRAWL)
        assert result.returncode == 0, result.stderr[-2000:]
        with db.reader(database) as con:
            rows = con.execute(
                "select title, strftime(published_at at time zone 'Asia/Shanghai', '%Y-%m-%d %H:%M'), declared_source"
                " from documents where source_id = 'hw-gov' order by published_at"
            ).fetchall()
        assert [row[0] for row in rows] == TITLES, result.stderr[-3000:]  # the crawl log, if it ever fails again
        assert rows[0][1:] == ("2021-08-01 09:30", "市政府办公室")
        health = tracker("sources", "--db", str(database))
        assert health.returncode == 0, health.stderr[-2000:]
        empty_line = next(line for line in health.stdout.splitlines() if line.startswith("empty-gov"))
        assert f"no article links found on {server.url('/empty/index.html')}" in empty_line
        assert "no article links" not in next(line for line in health.stdout.splitlines() if line.startswith("hw-gov"))


def test_tracker_links_prints_articles_and_next_pages_with_why() -> None:
    result = tracker("links", str(LISTS / "trs_wcm.html"), "--url", "http://www.example.gov.cn/zwdt/index.html")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert len(found["articles"]) == 12
    first = found["articles"][0]
    assert first["url"] == "http://www.example.gov.cn/zwdt/202108/t20210809_3456789.html"
    assert first["date"] == "2021-08-09"
    assert "article-like URL" in first["why"] and any(why.startswith("in the page's main list") for why in first["why"])
    assert found["next_pages"][0] == {"url": "http://www.example.gov.cn/zwdt/index_1.html", "why": "TRS createPageHTML pager"}


def test_tracker_links_needs_the_url_of_a_saved_page() -> None:
    result = tracker("links", str(LISTS / "trs_wcm.html"))
    assert result.returncode != 0
    assert "--url" in result.stderr and "Traceback" not in result.stderr
    bad = tracker("links", str(LISTS / "trs_wcm.html"), "--url", "file:///etc/passwd")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
