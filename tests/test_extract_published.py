"""Publish time on the kinds of page where a first-date rule fails. Each page follows the general shape of
a real page family (named in each test); none is copied from a fixture page."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pipeline.cli.extract_command import extract_target
from pipeline.extract.article import extract_article
from pipeline.extract.published import published_evidence

FETCHED = datetime(2026, 3, 1, tzinfo=UTC)


def _html(body: str, head: str = "", title: str = "") -> bytes:
    return (f'<html><head><meta charset="utf-8"><title>{title}</title>{head}</head><body>{body}</body></html>').encode()


_LONG_BODY = "".join(
    f"<p>第{n}段：城市的河流是城市的记忆，也是城市的未来，值得每一个人珍惜和守护。</p>" for n in range(14)
)


def _published(raw: bytes, url: str = "") -> tuple[str | None, str | None, str | None]:
    result = extract_article(raw, url, fetched_at=FETCHED, with_body=False)
    if result.published is None:
        return None, None, None
    at = result.published.at
    return at.strftime("%Y-%m-%d %H:%M:%S"), result.published.precision, published_evidence(result.methods["published"])


def test_epaper_page_takes_the_issue_date_bar() -> None:
    # Founder (方正) 数字报 layout as used by 人民日报/光明日报 e-papers: date bar, 版 number, PDF link, article.
    raw = _html(
        '<div class="date-bar">2016年08月09日 星期二</div><div class="ban">第01版：要闻</div>'
        '<a href="../../../images/2016-08/09/01/rmrb2016080901.pdf">PDF下载</a>'
        "<div class='nav'><a href='nw.D110000renmrb_20160808_1-01.htm'>上一期</a></div>"
        "<h1>连云港市举行新闻发布会通报有关情况</h1><div id='ozoom'><p>本报连云港8月8日电 8月7日，连云港市召开新闻发布会，"
        "通报核燃料项目有关情况。2015年，该项目曾开展前期论证工作，相关工作按程序进行。</p></div>",
        title="连云港市举行新闻发布会通报有关情况--人民日报",
    )
    assert _published(raw) == ("2016-08-09 00:00:00", "day", "issue-date")


def test_epaper_page_with_only_pdf_links() -> None:
    # 报纸电子版 pages whose date bar is an image: the issue's PDF link carries the date.
    raw = _html(
        '<img src="datebar.gif"><span>第A03版：本地新闻</span>'
        '<a href="/pdf/2019/0312/A03.pdf">本版PDF</a><a href="/page/20190312/A03_2019-03-12.pdf">下载</a>'
        "<h2>市区新增三条公交线路</h2><div class='content'><p>记者从市交通局获悉，新增三条公交线路将于下周开通。</p></div>",
        title="市区新增三条公交线路",
    )
    found = _published(raw)
    assert found[2] == "issue-date"
    assert found[0] == "2019-03-12 00:00:00"


def test_dateline_with_seconds_in_two_cells_keeps_the_clock() -> None:
    # 2005-era portal layout (千龙网, 新浪): the date and the clock sit in neighbouring table cells or spans.
    raw = _html(
        "<table><tr><td><h1>北京市出台新规 规范出租车运营</h1></td></tr>"
        "<tr><td>2005-07-18</td><td>13:03:17</td><td>来源：千龙网</td></tr></table>"
        "<p>记者从市交通委获悉，新的出租车运营规范将于下月施行。</p>",
        title="北京市出台新规 规范出租车运营_千龙网",
    )
    assert _published(raw) == ("2005-07-18 13:03:17", "second", "under-headline")


def test_dateline_with_seconds_glued_to_the_date() -> None:
    raw = _html(
        "<h1>北京市出台新规 规范出租车运营</h1><div class='info'><span>2005-07-18</span><span>13:03:17</span>"
        "<span>千龙新闻网</span></div><p>记者从市交通委获悉，新的出租车运营规范将于下月施行。</p>",
        title="北京市出台新规 规范出租车运营",
    )
    assert _published(raw) == ("2005-07-18 13:03:17", "second", "under-headline")


def test_posted_at_after_the_body_beats_a_reprinted_dateline() -> None:
    # Blog themes (博客中国, WordPress 中文主题): a reprint's source line under the title, the post's own
    # time in the entry footer after the body.
    raw = _html(
        "<div class='post'><h2 class='entry-title'>旧文重读：城市与河流</h2>"
        "<p>2003-7-24 钱江晚报</p>"
        "<div class='entry-content'><p>这是一篇旧文，今天重读，仍有感触。城市的河流是城市的记忆，"
        "也是城市的未来，值得每一个人珍惜。</p>" + _LONG_BODY + "</div>"
        "<div class='entry-meta'>发布于：2015-11-05 11:34 | 阅读(120) | 评论(3)</div></div>",
        title="旧文重读：城市与河流 - 某某的博客",
    )
    assert _published(raw) == ("2015-11-05 11:34:00", "minute", "labelled-text")


def test_body_quoting_older_dates_near_the_top() -> None:
    # Government article page (TRS WCM templates) with its 发布时间 printed after the text.
    raw = _html(
        "<div class='title'><h1>关于连云港市有关项目情况的说明</h1></div>"
        "<div id='zoom'><p>2016年8月6日，部分市民在市政府门前聚集，对有关项目表达关切。</p>"
        "<p>2016年8月7日，市政府召开新闻发布会，通报有关情况。</p>" + _LONG_BODY + "</div>"
        "<div class='info'>发布时间：2016-08-09 10:23 来源：市政府办公室</div>",
        title="关于连云港市有关项目情况的说明",
    )
    assert _published(raw) == ("2016-08-09 10:23:00", "minute", "labelled-text")


def test_body_date_opening_a_sentence_is_not_a_dateline() -> None:
    raw = _html(
        "<h1>全市防汛工作会议召开</h1><p>2021年6月1日，全市防汛工作会议召开。会议部署了今年的防汛重点工作。</p>",
        title="全市防汛工作会议召开",
    )
    found = _published(raw, "https://www.example.gov.cn/art/2021/6/2/art_12_345.html")
    assert found[0] == "2021-06-02 00:00:00"
    assert found[2] in ("url", "htmldate")


def test_baijiahao_time_only_in_script_json() -> None:
    # 百家号 article pages: the visible header is drawn by script from window.jsonData.
    raw = _html(
        "<div id='app'><h1 class='article-title'>新能源汽车下乡活动启动</h1><div class='article-content'>"
        "<p>活动将持续到年底，涉及多个品牌。</p></div></div>"
        '<script>window.jsonData = {"bsData":{"superlanding":[{"itemData":{"publishTime":"2020-11-26 08:04:12",'
        '"author":{"name":"某某财经"}}}]}};</script>',
        title="新能源汽车下乡活动启动",
    )
    assert _published(raw) == ("2020-11-26 08:04:12", "second", "script-data")


def test_script_variable_unix_timestamp() -> None:
    # 微信公众号 articles: ``var ct = "…"`` holds the creation time in Unix seconds.
    raw = _html(
        "<h1 id='activity-name'>关于做好春节期间安全生产工作的通知</h1><div id='js_content'><p>各单位：</p></div>"
        '<script>var nickname = "某某发布"; var ct = "1606349040";</script>',
        title="关于做好春节期间安全生产工作的通知",
    )
    assert _published(raw) == ("2020-11-26 08:04:00", "second", "script-data")


def test_meta_still_wins_over_script_data() -> None:
    raw = _html(
        "<h1>标题标题标题</h1><p>正文正文正文正文。</p>"
        '<script>var data = {"publishTime": "2020-01-01 00:00:01"};</script>',
        head='<meta name="PubDate" content="2020-11-26 08:04">',
        title="标题标题标题",
    )
    assert _published(raw)[2] == "meta"


def test_evidence_names() -> None:
    assert published_evidence("meta:PubDate+dateline:beside-heading") == "meta"
    assert published_evidence("dateline:labelled") == "labelled-dateline"
    assert published_evidence("htmldate-fast+text:clock-on-day") == "htmldate"
    assert published_evidence("issue-date:pdf") == "issue-date"


def test_blog_date_header_and_posted_clock() -> None:
    # Movable Type's default blog template (used by 博客中国 and many 2005-era blogs): the day as a
    # date header above the post title, the time in the "posted" footer, a reprint's dateline under the title.
    raw = _html(
        "<h2 class='date-header'>2005年08月30日</h2><div class='entry'><h3 class='entry-header'>读报札记：城市与河流</h3>"
        "<p>2003-7-24 钱江晚报</p><div class='entry-body'><p>今天读到一篇旧文，仍有感触。</p>" + _LONG_BODY + "</div>"
        "<p class='entry-footer'>bjreader 发表于 13:22 | 阅读全文 | 评论 (2)</p></div>",
        title="读报札记：城市与河流 - bjreader的博客",
    )
    assert _published(raw) == ("2005-08-30 13:22:00", "minute", "date-header-and-posted-clock")


def test_date_written_by_script_under_the_headline() -> None:
    # Older portal templates print the dateline with document.write.
    raw = _html(
        "<h1>市区新增三条公交线路</h1><div class='info'><script>document.write(\"2005-03-06 16:17:00\");</script>"
        " 来源：千龙网</div><p>记者从市交通局获悉，新增三条公交线路将于下周开通。</p>",
        title="市区新增三条公交线路",
    )
    assert _published(raw) == ("2005-03-06 16:17:00", "second", "under-headline")


def test_visible_dateline_beats_script_data_of_another_day() -> None:
    # A related-articles widget's JSON comes first in the scripts; the dateline under the headline wins.
    raw = _html(
        "<h1>新能源汽车下乡活动启动</h1><div class='info'>2020-11-26 08:04 来源：某某网</div><p>活动将持续到年底。</p>"
        '<script>var related = [{"title": "旧闻", "publishTime": "2019-01-02 10:00:00"}];</script>',
        title="新能源汽车下乡活动启动",
    )
    assert _published(raw) == ("2020-11-26 08:04:00", "minute", "under-headline")


def test_tracker_extract_json_says_which_evidence_won(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(
        _html("<h1>标题标题标题</h1><p>正文正文正文。</p>", head='<meta name="PubDate" content="2020-11-26 08:04">')
    )
    found = extract_target(str(page), "http://www.example.gov.cn/a/1.html")
    assert found["published_evidence"] == "meta"
    assert found["published_at"] == "2020-11-26T08:04:00+08:00"


def test_xinhua_header_time_in_separate_spans() -> None:
    # 新华网 article template since 2020: year, month/day and clock in separate spans; meta gives the day.
    raw = _html(
        '<div class="header-time left"><span class="year"><em> 2022</em></span><span class="day"><em> 02</em>/'
        '<em>13</em></span><span class="time"> 07:48:52</span></div>'
        '<div class="head-line clearfix"><h1><span class="title">冬奥会开幕式筹备工作进入最后阶段</span></h1></div>'
        '<div id="detail"><p>记者从北京冬奥组委获悉，开幕式各项筹备工作已进入最后阶段。</p></div>',
        head='<meta name="publishdate" content="2022-02-13">',
        title="冬奥会开幕式筹备工作进入最后阶段-新华网",
    )
    assert _published(raw) == ("2022-02-13 07:48:52", "second", "meta")


def test_a_reports_own_date_alone_at_the_top_of_the_text_yields_to_the_dated_address() -> None:
    # Hanweb (大汉) JCMS article page: no dateline under the heading, the text (#zoom) opens with the issuer
    # and the report's own date on a line of its own; the address (/art/2021/1/5/) carries the publish day.
    raw = _html(
        "<div class='bt'><h1>2020年度全市空气质量公报</h1></div>"
        "<div id='zoom'><p>某某市生态环境局</p><p>（2020年11月20日）</p>"
        "<p>2020年，全市空气质量持续改善，优良天数比例为87.4%。</p>" + _LONG_BODY + "</div>",
        title="2020年度全市空气质量公报",
    )
    found = _published(raw, "http://sthjj.example.gov.cn/art/2021/1/5/art_123_456.html")
    assert found == ("2021-01-05 00:00:00", "day", "url")
