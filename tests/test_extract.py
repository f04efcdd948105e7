"""Article extraction: encoding, meta tags, datelines, sources, bodies, bad input, real pages."""

from __future__ import annotations

import csv
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from demo.pages import article_page
from demo.world import DOCS, body_of, site_docs, site_of
from pipeline.extract.article import extract_article
from pipeline.extract.encoding import decode_html

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "extraction"
FETCHED = datetime(2022, 3, 1, tzinfo=UTC)
CST = timezone(timedelta(hours=8))
LABEL = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{2})(?::\d{2})?)?")


def page(body: str, head: str = "", charset: str = "utf-8") -> bytes:
    html = f'<html><head><meta charset="{charset}">{head}</head><body>{body}</body></html>'
    return html.encode("gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else charset)


def extract(body: bytes, url: str = "https://www.example.gov.cn/a/b.html", **kwargs: object):
    return extract_article(body, url, fetched_at=FETCHED, **kwargs)  # type: ignore[arg-type]


# --- encoding --------------------------------------------------------------------------------


def test_gbk_page_served_as_utf8() -> None:
    raw = page("<h1>连云港市召开新闻发布会</h1><p>发布时间：2016-08-09 10:20</p>", charset="gbk")
    text, used = decode_html(raw, "utf-8")
    assert used == "gb18030"
    assert "连云港市召开新闻发布会" in text
    result = extract(raw, header_charset="utf-8")
    assert result.title == "连云港市召开新闻发布会"
    assert result.encoding == "gb18030"


@pytest.mark.parametrize("header", ["ISO-8859-1", "latin1", None, "gbk", "bogus-charset"])
def test_gbk_bytes_beat_wrong_or_missing_header(header: str | None) -> None:
    raw = "<p>中华人民共和国国务院办公厅</p>".encode("gbk")
    text, used = decode_html(raw, header)
    assert text == "<p>中华人民共和国国务院办公厅</p>"
    assert used == "gb18030"


def test_utf8_bytes_beat_wrong_meta() -> None:
    raw = '<meta charset="gb2312"><p>新华社北京电</p>'.encode()
    assert decode_html(raw)[0].endswith("<p>新华社北京电</p>")


def test_bom_first() -> None:
    assert decode_html(b"\xef\xbb\xbf<p>\xe4\xb8\xad</p>", "gbk") == ("<p>中</p>", "utf-8")
    assert decode_html("<p>中</p>".encode("utf-16"), "utf-8")[0] == "<p>中</p>"


def test_latin1_page_stays_latin1() -> None:
    assert decode_html("<p>café</p>".encode("latin-1"), "ISO-8859-1") == ("<p>café</p>", "iso8859-1")


def test_broken_gbk_byte_dropped_not_replaced() -> None:
    raw = "<p>政府网站发布信息</p>".encode("gbk") * 20 + b"\xc7" + "<p>结束</p>".encode("gbk")
    text, used = decode_html(raw, "ISO-8859-1")
    assert used == "gb18030" and "\ufffd" not in text and "结束" in text


# --- dates -----------------------------------------------------------------------------------

GOV_HEAD = (
    '<meta name="SiteName" content="连云港市人民政府"><meta name="PubDate" content="2016-08-09 10:20">'
    '<meta name="ContentSource" content="连云港日报社"><meta name="ArticleTitle" content="关于核循环项目的说明">'
    '<meta name="Maketime" content="2019-03-22 12:28:37"><meta name="页面生成时间" content="2019-03-22 12:28:37">'
    "<title>关于核循环项目的说明_连云港市人民政府</title>"
)


def test_government_meta_tags() -> None:
    result = extract(page("<h1>关于核循环项目的说明</h1><p>正文内容。</p>", GOV_HEAD))
    assert result.published is not None
    assert result.published.at == datetime(2016, 8, 9, 10, 20, tzinfo=CST)
    assert result.published.precision == "minute"
    assert result.methods["published"] == "meta:PubDate"
    assert result.title == "关于核循环项目的说明"
    assert result.declared_source == "连云港日报"
    assert result.methods["declared_source"] == "meta:ContentSource"


def test_meta_names_are_case_insensitive_and_maketime_ignored() -> None:
    head = '<meta name="MAKETIME" content="2019-03-22 12:28:37"><meta name="pubdate" content="2016-11-22 09:53">'
    head += '<meta name="contentSource" content="省发改委">'
    result = extract(page("<h1>标题标题标题</h1>", head))
    assert result.published is not None
    assert result.published.at == datetime(2016, 11, 22, 9, 53, tzinfo=CST)
    assert result.declared_source == "省发改委"


def test_only_maketime_gives_no_meta_date() -> None:
    head = '<meta name="Maketime" content="2019-03-22 12:28:37"><meta name="dateModified" content="2019-03-22">'
    result = extract(page("<h1>标题标题标题</h1><p>没有日期的正文。</p>", head), url="https://x.example/a")
    assert result.published is None


def test_midnight_meta_refined_by_dateline() -> None:
    head = '<meta name="PubDate" content="2022-02-13 00:00:00"><title>江苏多地要求暂不返校_新华日报</title>'
    body = "<h1>江苏多地要求暂不返校</h1><div>2022年02月13日07:48 | 来源：新华日报</div><p>正文。</p>"
    result = extract(page(body, head))
    assert result.published is not None
    assert result.published.at == datetime(2022, 2, 13, 7, 48, tzinfo=CST)
    assert result.published.precision == "minute"
    assert result.declared_source == "新华日报"


def test_midnight_meta_alone_is_day_precision() -> None:
    result = extract(page("<h1>标题标题标题</h1>", '<meta name="PubDate" content="2022-01-28 00:00:00">'))
    assert result.published is not None and result.published.precision == "day"


def test_utc_meta_shown_in_beijing_time() -> None:
    head = '<meta property="article:published_time" content="2020-02-19T12:29:58Z">'
    result = extract(page("<h1>标题标题标题</h1>", head))
    assert result.published is not None
    assert result.published.at.utcoffset() == timedelta(hours=8)
    assert result.published.at.hour == 20


def test_foreign_page_keeps_its_own_wall_clock() -> None:
    head = '<meta property="article:published_time" content="2022-02-06T12:48:06+00:00">'
    body = "<h1>马克龙星期一在莫斯科与普京会面</h1><p>发表时间： 06/02/2022 - 13:48</p><p>正文。</p>"
    result = extract(page(body, head))
    assert result.published is not None
    assert result.published.at == datetime(2022, 2, 6, 12, 48, 6, tzinfo=UTC)
    assert result.published.at.utcoffset() == timedelta(hours=1)


NEWS = """
<div class="nav"><a href="/">首页</a> &gt; <a href="/gn/">国内</a></div>
<div class="side">今天是2022年3月1日 星期二</div>
<h1>连云港市召开新闻发布会回应关切</h1>
<div class="info">发布时间：2016-08-07 21:05　来源：连云港日报　作者：记者 张三</div>
<div class="content">
<p>【中国江苏网2016年08月06日讯】8月7日晚，连云港市召开新闻发布会，回应市民关切。</p>
<p>会议指出，2016年8月6日起暂停核循环项目选址前期工作。</p>
</div>
<div class="related"><h3>相关新闻</h3><ul>
<li><a href="/1.html">连云港市民关注核循环项目</a> 2016-08-06 18:00</li>
<li><a href="/2.html">江苏省政府回应</a> 2016-08-10 09:00</li></ul></div>
<div class="footer">Copyright © 2004-2016 连云港日报 版权所有</div>
"""


def test_dateline_beats_intro_sidebar_and_copyright() -> None:
    head = "<title>连云港市召开新闻发布会回应关切_连云港日报</title>"
    result = extract(page(NEWS, head))
    assert result.published is not None
    assert result.published.at == datetime(2016, 8, 7, 21, 5, tzinfo=CST)
    assert result.methods["published"] == "dateline:labelled"
    assert result.declared_source == "连云港日报"
    assert result.title == "连云港市召开新闻发布会回应关切"
    assert result.methods["title"] == "h1"
    assert "暂停核循环项目" in result.body
    assert "相关新闻" not in result.body


def test_bare_date_beside_heading() -> None:
    body = (
        "<h2>土豆不“土” 土豆无“土”</h2><div><span>2022-02-13 09:57 光明网</span></div>"
        "<p>土豆，听名字就“土”得掉渣。可这几天，记者却看到了另外一番景致。</p>"
        "<ul><li><a href='/x'>其他新闻</a>（2022-02-12 10:00）</li></ul>"
    )
    result = extract(page(body, "<title>土豆不“土” 土豆无“土” 松花江网</title>"))
    assert result.published is not None
    assert result.published.at == datetime(2022, 2, 13, 9, 57, tzinfo=CST)
    assert result.declared_source == "光明网"


def test_forum_reply_times_are_not_the_post_time() -> None:
    body = (
        "<h1>请教一个问题请教一个问题</h1><table>"
        "<tr><td>楼主</td><td>时间：2005-08-28 20:56:20</td></tr><tr><td>帖子正文。</td></tr>"
        "<tr><td>2楼</td><td>时间：2005-08-28 23:38:58</td></tr>"
        "<tr><td>3楼</td><td>时间：2005-08-29 20:59:54</td></tr></table>"
    )
    result = extract(page(body, "<title>请教一个问题请教一个问题-论坛</title>"))
    assert result.published is not None
    assert result.published.at == datetime(2005, 8, 28, 20, 56, 20, tzinfo=CST)


def test_written_and_published_kept_apart() -> None:
    body = (
        "<h1>吉林省人民政府关于某事项的通告</h1><table>"
        "<tr><td>成文日期：</td><td>2022年01月27日</td></tr>"
        "<tr><td>发布日期：</td><td>2022年01月28日</td></tr></table>"
        "<p>一、自本通告发布之日起，禁止新增建设项目。</p><p>特此通告。</p>"
    )
    result = extract(page(body, "<title>吉林省人民政府关于某事项的通告</title>"))
    assert result.written is not None and result.published is not None
    assert result.written.at.date().isoformat() == "2022-01-27"
    assert result.published.at.date().isoformat() == "2022-01-28"


def test_two_line_notice_keeps_its_text() -> None:
    body = (
        "<div><a href='/'>首页</a></div><h1>停水通知</h1><p>发布日期：2016-08-09</p>"
        "<p>因管道维修，8月10日全天停水。</p><p>特此通知。</p>"
        "<div>版权所有：某某市人民政府</div>"
    )
    result = extract(page(body, "<title>停水通知_某某市人民政府</title>"))
    assert "因管道维修，8月10日全天停水。" in result.body
    assert "特此通知。" in result.body
    assert "版权所有" not in result.body


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://www.lyg.gov.cn/zglygzfmhwz/xwzx/201608/t20160809_123.html", "2016-08-09"),
        ("https://news.example.com/2016/08/09/abc.html", "2016-08-09"),
        ("http://www.example.gov.cn/art/2016/8/9/art_1875_60010.html", "2016-08-09"),
    ],
)
def test_url_date_fallback(url: str, day: str) -> None:
    result = extract(page("<h1>没有日期的页面标题</h1><p>正文。</p>"), url=url)
    assert result.published is not None
    assert result.published.at.date().isoformat() == day
    assert result.published.precision == "day"


def test_future_dates_rejected() -> None:
    head = '<meta name="PubDate" content="2030-01-01 10:00">'
    result = extract(page("<h1>标题标题标题</h1><p>发布时间：2021-12-31 09:00</p>", head))
    assert result.published is not None
    assert result.published.at.year == 2021


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"\x00\x01\x02\xff\xfe\xfd" * 100,
        b"<html><head><title>t",
        b"<?xml version='1.0' encoding='gbk'?><a>",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "<html><body><h1>截断的页面".encode("gbk")[:-1],
    ],
)
def test_garbage_never_raises(body: bytes) -> None:
    result = extract_article(body, "not a url", fetched_at=FETCHED)
    assert isinstance(result.title, str) and isinstance(result.body, str)
    assert result.published is None


# --- the real pages --------------------------------------------------------------------------


def fixture_pages() -> list[tuple[str, bytes, str, str]]:
    """(id, bytes, url, label) for every fixture page; the URL is the dataset's record of it."""
    labels = {row[0]: row[1] for row in csv.reader((FIXTURES / "labels.tsv").open(encoding="utf-8"), delimiter="\t")}
    pages = []
    for path in sorted((FIXTURES / "original").glob("*.html")):
        raw = path.read_bytes()
        match = re.match(rb'\s*<text id="([^"]+)"', raw)
        url = match.group(1).decode("ascii", "replace") if match else ""
        pages.append((path.stem, raw, url, labels.get(path.stem, "").strip()))
    return pages


PAGES = fixture_pages()


def test_fixtures_present() -> None:
    assert len(PAGES) >= 30


@pytest.mark.parametrize(("page_id", "raw", "url", "label"), PAGES, ids=[p[0][:8] for p in PAGES])
def test_fixture_page(page_id: str, raw: bytes, url: str, label: str) -> None:
    text, _ = decode_html(raw)
    assert "\ufffd" not in text
    assert "\ufffd" not in decode_html(raw, "utf-8")[0]
    assert "\ufffd" not in decode_html(raw, "ISO-8859-1")[0]
    result = extract_article(raw, url, fetched_at=FETCHED)
    for value in (result.title, result.body, result.declared_source or ""):
        assert "\ufffd" not in value
    assert result.body, page_id
    match = LABEL.fullmatch(label)
    if result.published is None or match is None or match.group(4) is None:
        return
    year, month, day, hour, minute = (int(part) for part in match.groups())
    shown = result.published.at.replace(tzinfo=UTC)  # the page's wall clock, compared as numbers
    gap = abs(shown - datetime(year, month, day, hour, minute, tzinfo=UTC))
    assert gap not in (timedelta(hours=8), timedelta(hours=14)), f"{page_id} is off by a time-zone error"


def test_known_fixture_fields() -> None:
    by_id = {page_id[:8]: (raw, url) for page_id, raw, url, _ in PAGES}
    raw, url = by_id["d232c5df"]
    result = extract_article(raw, url, fetched_at=FETCHED)
    assert result.declared_source == "内蒙古日报"
    assert result.methods["published"] == "meta:PubDate"
    raw, url = by_id["e8847578"]
    result = extract_article(raw, url, fetched_at=FETCHED)
    assert result.written is not None and result.written.at.day == 27
    assert result.published is not None and result.published.at.day == 28
    assert "特此通告" in result.body
    raw, url = by_id["0d931936"]
    result = extract_article(raw, url, fetched_at=FETCHED)
    assert result.title == "四年前中500万现穷困潦倒 一夜暴富后如何经营"
    assert result.declared_source == "理财周刊"



def test_table_layout_articles_keep_their_paragraphs_without_the_title_and_dateline_rows() -> None:
    """The demo's county site follows the old county CMS template (ASP.NET, the article in one table: a title row,
    a dateline row with a hit counter, a content row), which trafilatura dumps as table rows."""
    county = [doc for doc in DOCS if site_of(doc).style == "county"]
    assert county
    for doc in county:
        site = site_of(doc)
        html = article_page(site, doc, site_docs(site)[:5])
        body = extract_article(html.encode("utf-8"), "http://county.example/a.html", fetched_at=datetime.now(UTC)).body
        assert "|" not in body and "点击数" not in body and "发布日期" not in body, (doc.title, body[:80])
        assert body_of(doc)[0][:20] in body, (doc.title, body[:80])
