"""Publish time on two page families where the first date under the heading is not the page's own.

Each page is written by hand after the general shape of a real template (named in each test), with its own
markup and text; none is a copy of a fixture page. They are the honest check of the rules for these families:
the two fixture pages that first showed them (a 博客中国 reprint and a 千龙网 news page) were seen while the
rules were written.

1. A blog or forum post that reprints an article: the reprinted article's own date (its source line, or its
   labelled 发布时间) sits inside the post's text, the post's own time on the post's header or meta line.
2. A portal news page whose dateline is not plain text: the line also carries a link longer than the date
   (the source site's address, page tools), the clock sits in an element or script beside the date, or the
   page was saved without its head so the headline is known only by its class name.
"""

from __future__ import annotations

from tests.test_extract_published import _LONG_BODY, _html, _published

_REPRINT = (
    "<p>为拆一幢旧楼，三名工人在倒塌的墙体下遇难。记者走访了城区几处拆房工地，发现安全防护普遍缺失，"
    "不少工地既没有围挡，也没有任何警示标志。</p>"
    "<p>有关部门表示，拆房单位必须具备相应资质，层层转包、无证施工的问题将得到严肃查处。</p>"
)


# --- 1. reprinted blog and forum posts -------------------------------------------------------------------


def test_blogdriver_diary_footer_time_beats_the_reprinted_source_line() -> None:
    # BlogDriver (博客中国, 2004-2006) diary page: h2.diaryTitle, the pasted newspaper article with its own
    # ``日期 报名`` line, then p.diaryFoot with the author, a counter script and the post's date and clock;
    # readers' replies follow with their own times.
    raw = _html(
        "<h1><a href='/zhangsan/'>张三的博客</a></h1>"
        "<div class='diary'><h2 class='diaryTitle'>转：城中村改造不能只算经济账 - -</h2>"
        "<p><p class='MsoNormal' align='center'><span>本报评论员 李四</span></p>"
        "<p class='MsoNormal' align='center'><span lang='EN-US'>2004年11月3日 南方都市报</span></p>"
        + _REPRINT
        + _LONG_BODY
        + "</p><p class='diaryFoot'>- 作者： <a href='javascript:void(0);'>张三</a> 访问统计："
        "<script src='http://counter.example.com/PageServlet?pageid=1'></script>　2004年11月05日, 星期五 21:40"
        " <a href='javascript:void(0)'>加入博采</a></p></div>"
        "<h3>Trackback</h3><p>你可以使用这个链接引用该篇文章 http://zhangsan.example.com/tb/1</p>"
        "<h3>回复</h3><div class='comment'><p>王五 发表于 2004-11-06 08:12</p><p>说得好，顶一下。</p></div>",
        title="转：城中村改造不能只算经济账 - - 张三的博客",
    )
    assert _published(raw) == ("2004-11-05 21:40:00", "minute", "post-meta-line")


def test_sina_blog_header_time_beats_the_reprinted_articles_labelled_time() -> None:
    # 新浪博客 article page (2008-2015): the post's time in parentheses beside the title, tags, then
    # div.articalContent holding a reprinted news item with its own 发布时间 and 来源.
    raw = _html(
        "<div class='blognav'><a href='/u/1'>首页</a> <a href='/s/articlelist_1_0_1.html'>博文目录</a></div>"
        "<div class='articalTitle'><h2 class='titName SG_txta'>【转载】全市中小学今秋推行课后服务</h2>"
        "<span class='time SG_txtc'>(2016-08-29 19:05:42)</span></div>"
        "<div class='articalTag'><td class='blog_tag'>标签：<a>教育</a> <a>转载</a></td></div>"
        "<div class='articalContent'><p>全市中小学今秋推行课后服务</p>"
        "<p>发布时间：2016-08-26 10:30 来源：市教育局</p>"
        "<p>记者从市教育局获悉，今年秋季学期起，全市公办中小学将全面推行课后服务，"
        "服务时间一般到下午五点半，家长可自愿选择。</p>" + _LONG_BODY + "</div>"
        "<div class='articalInfo'>分类：<a>转载</a> 阅读(35) 评论(2)</div>",
        title="【转载】全市中小学今秋推行课后服务_李老师_新浪博客",
    )
    assert _published(raw) == ("2016-08-29 19:05:42", "second", "under-headline")


def test_wordpress_entry_footer_with_permalinked_time_beats_the_original_date() -> None:
    # WordPress 中文主题 (twentyten-style entry): the reprint's 原载 line opens .entry-content; the entry footer
    # says 发表于 with the time as a permalink; comments below carry later times.
    raw = _html(
        "<div id='post-812' class='post'><h2 class='entry-title'><a href='/?p=812' rel='bookmark'>"
        "旧文重读：一座城市的河流</a></h2>"
        "<div class='entry-content'><p>原载《钱江晚报》2003年7月24日</p>" + _REPRINT + _LONG_BODY + "</div>"
        "<div class='entry-utility'>本文由 <a href='/author/liu/'>老刘</a> 发表于 "
        "<a href='/?p=812' rel='bookmark'><span class='entry-date'>2015-11-05 11:34</span></a></div></div>"
        "<div id='comments'><h3 id='comments-title'>3 条评论</h3>"
        "<ol class='commentlist'><li><div class='comment-meta'><a href='#c1'>2015-11-06 09:20</a></div>"
        "<p>转得好。</p></li></ol></div>",
        title="旧文重读：一座城市的河流 | 老刘的博客",
    )
    assert _published(raw) == ("2015-11-05 11:34:00", "minute", "labelled-text")


def test_forum_first_post_time_beats_the_reprinted_articles_labelled_time() -> None:
    # Discuz! 7 thread page: the thread subject, the first post's author cell and 发表于 line, then the post
    # body (td.t_msgfont) that pastes a government notice with its own labelled date.
    raw = _html(
        "<div id='nav'><a href='index.php'>某某论坛</a> &raquo; <a href='forumdisplay.php?fid=2'>时事</a></div>"
        "<h1>[转帖] 关于调整城市公交票价的通知</h1>"
        "<table class='t_msg'><tr><td class='postauthor'><cite><a href='space.php?uid=7'>海边的风</a></cite></td>"
        "<td class='postcontent'><div class='postinfo'><strong>楼主</strong> "
        "<em id='authorposton7'>2009-7-2 08:47</em> 只看该作者</div>"
        "<div class='t_msgfont'><p>关于调整城市公交票价的通知</p><p>发布日期：2009-06-30 来源：市发展改革委</p>"
        "<p>经市政府同意，自2009年7月15日起调整城市公交票价，具体标准见附件。</p>" + _LONG_BODY + "</div>"
        "</td></tr></table>",
        title="[转帖] 关于调整城市公交票价的通知 - 时事 - 某某论坛",
    )
    assert _published(raw) == ("2009-07-02 08:47:00", "minute", "under-headline")


def test_blogbus_post_pasting_a_news_pages_full_dateline_keeps_the_posts_own_time() -> None:
    # 博客大巴 (Blogbus) post, 2008: the post pastes a news page whole, header included, so the reprint's
    # dateline has its clock and its 来源; on a blog page a dateline that names another publisher is the
    # reprint's, and the post's own time is its "posted by ... at" footer.
    raw = _html(
        "<div class='postHeader'><h3><a href='/logs/21763405.html'>转：地震灾区学校复课情况调查</a></h3></div>"
        "<div class='postBody'><p><b>地震灾区学校复课情况调查</b></p>"
        "<p>2008-05-20 09:30:00　来源：新华网</p>" + _REPRINT + _LONG_BODY + "</div>"
        "<div class='postFooter'>posted by laoliu at 2008-05-21 13:05 | 阅读(35) | "
        "<a href='/logs/21763405.html#cmt'>评论(2)</a></div>",
        title="转：地震灾区学校复课情况调查 - 老刘的博客 - 博客大巴",
    )
    found = _published(raw, "http://laoliu.blogbus.com/logs/21763405.html")
    assert found == ("2008-05-21 13:05:00", "minute", "post-meta-line")


def test_a_news_pages_own_dateline_with_its_source_stays_on_a_page_that_is_not_a_blog() -> None:
    # The same shape on a news portal: the dateline names its source and an author line with a later time
    # follows the text; a news page's dateline is its own.
    raw = _html(
        "<h1>地震灾区学校复课情况调查</h1><div class='info'>2008-05-20 09:30:00　来源：新华网</div>"
        "<div class='content'>" + _REPRINT + _LONG_BODY + "</div>"
        "<div class='editor'>作者：王五 2008-05-21 13:05 阅读(35)</div>",
        title="地震灾区学校复课情况调查_新闻中心_某某网",
    )
    found = _published(raw, "http://news.example.com/2008-05/20/content_1234.htm")
    assert found == ("2008-05-20 09:30:00", "second", "under-headline")


# --- 2. portal news pages whose dateline is not plain text ----------------------------------------------


def test_dateline_beside_the_source_sites_address_link() -> None:
    # 千龙网 2005 article template: div.Heading, div.Date holding a link to the site's address and then the
    # date and clock; a report's own date (2004年12月) opens the body.
    raw = _html(
        "<table><tr><td class='navThis'><a href='/'>北京</a> &gt;&gt; <a href='/shzx/'>社会</a></td></tr></table>"
        "<div class='Heading'>本市公布2004年度空气质量监测结果</div><div class='Source'></div><hr>"
        "<div class='Date'><a href='http://www.qianlong.com/'>http://www.qianlong.com/</a>　2005-04-12 09:05:31</div>"
        "<table><tr><td><p>北京市环境保护局</p><p>2004年12月</p>"
        "<p>2004年，全市空气质量达到二级和好于二级的天数为229天，比上年增加5天。</p>"
        + _LONG_BODY
        + "</td></tr></table>",
        title="千龙网--北京--本市公布2004年度空气质量监测结果",
    )
    assert _published(raw) == ("2005-04-12 09:05:31", "second", "under-headline")


def test_page_saved_without_its_head_headline_known_by_its_class() -> None:
    # A 2005-era table template saved without <head>: the headline is a td.biaoti, the dateline cell carries
    # the clock and long page-tool links (字号, 打印本页, 关闭窗口, 发表评论, 推荐给朋友).
    raw = (
        "<html><body><table><tr><td class='biaoti'>全省秋粮收购工作会议在长沙召开</td></tr>"
        "<tr><td class='time'>2006-10-09 14:20 【字号 <a href='#'>大</a> <a href='#'>中</a> <a href='#'>小</a>】"
        "【<a href='javascript:window.print()'>打印本页</a>】【<a href='javascript:window.close()'>关闭窗口</a>】"
        "【<a href='/comment/'>发表评论</a>】【<a href='/mail/'>推荐给朋友</a>】</td></tr>"
        "<tr><td class='content'><p>10月8日，全省秋粮收购工作会议在长沙召开，会议要求各地做好收购资金准备。</p>"
        + _LONG_BODY
        + "</td></tr></table></body></html>"
    ).encode()
    assert _published(raw) == ("2006-10-09 14:20:00", "minute", "under-headline")


def test_clock_in_a_span_beside_the_date() -> None:
    # 新浪新闻 2005 article template: span#pub_date, the clock in its own span, the source in span#media_name.
    raw = _html(
        "<h1 id='artibodyTitle'>京津城际铁路今日开工建设</h1>"
        "<div class='from_info'><span id='pub_date'>2005年07月04日</span><span id='pub_time'>08:31</span>"
        "　<span id='media_name'><a href='http://www.thebeijingnews.com/'>新京报</a></span></div>"
        "<div id='artibody'><p>京津城际铁路今天开工建设，全长约115公里。</p>" + _LONG_BODY + "</div>",
        title="京津城际铁路今日开工建设_新闻中心_新浪网",
    )
    assert _published(raw) == ("2005-07-04 08:31:00", "minute", "under-headline")


def test_clock_only_in_a_script_variable_beside_a_day_dateline() -> None:
    # 网易新闻 (2010s) pages whose visible line shows the day and whose article script carries the full time.
    raw = _html(
        "<h1>全国铁路暑运今日启动</h1><div class='post_time_source'>2015-07-01　来源: "
        "<a id='ne_article_source' href='http://www.example.com/'>人民网</a></div>"
        "<div id='endText'><p>今天起，全国铁路进入暑期运输，预计发送旅客5.2亿人次。</p></div>"
        '<script>var article = {"docid": "ATG0123", "ptime": "2015-07-01 07:42:10", "source": "人民网"};</script>',
        title="全国铁路暑运今日启动_网易新闻",
    )
    assert _published(raw) == ("2015-07-01 07:42:10", "second", "script-data")


def test_clock_in_the_datetime_attribute_of_the_visible_date() -> None:
    # HTML5 article templates (WordPress themes, many news CMSs since ~2012): the visible date is a day, its
    # <time> element carries the full time with its offset.
    raw = _html(
        "<article><header><h1 class='entry-title'>全省高考录取分数线公布</h1>"
        "<div class='byline'><time class='published' datetime='2019-06-23T18:05:00+08:00'>2019年6月23日</time>"
        " · 本网记者</div></header>"
        "<div class='entry-content'><p>省教育考试院今天公布了本科各批次录取控制分数线。</p>"
        + _LONG_BODY
        + "</div></article>"
        "<aside><ul><li><a href='/a/1.html'>高考志愿填报指南</a><time datetime='2019-06-22T09:00:00+08:00'>6月22日</time></li>"
        "</ul></aside>",
        title="全省高考录取分数线公布",
    )
    assert _published(raw) == ("2019-06-23 18:05:00", "second", "under-headline")


def test_clock_in_a_data_timestamp_of_the_date_element() -> None:
    # Portal templates whose scripts turn the date into "3小时前" keep the instant in a data attribute
    # (Unix seconds) on the element that shows the day.
    raw = _html(
        "<h1>新能源汽车下乡活动启动</h1><div class='article-meta'><span class='source'>某某财经</span>"
        "<span class='date' data-timestamp='1606349052'>2020-11-26</span></div>"
        "<div class='article-content'><p>活动将持续到年底，涉及多个品牌。</p>" + _LONG_BODY + "</div>",
        title="新能源汽车下乡活动启动",
    )
    assert _published(raw) == ("2020-11-26 08:04:12", "second", "under-headline")


def test_a_linked_dated_list_under_a_short_heading_is_not_a_dateline() -> None:
    # A column's article page whose own dateline is missing and whose heading is followed at once by the
    # column's list (links with dates outside them): the list's first date is not the page's.
    raw = _html(
        "<h2>通知公告</h2><div class='list'><ul>"
        "<li><a href='/a/101.html'>关于开展2021年度安全生产检查的通知</a> 2021-03-02 09:30</li>"
        "<li><a href='/a/100.html'>关于做好春季防火工作的通知</a> 2021-02-26 16:10</li>"
        "<li><a href='/a/99.html'>关于调整办公时间的公告</a> 2021-02-20 10:00</li></ul></div>",
        title="通知公告",
    )
    found = _published(raw, "https://www.example.gov.cn/col/col12/index.html")
    assert found[2] != "under-headline"


def test_readers_comment_times_do_not_replace_a_news_pages_day_dateline() -> None:
    # A news page with a day-only dateline and a 网友评论 section whose entries carry author and time: the
    # post-meta rule reads only up to where the comments begin.
    raw = _html(
        "<h1>市区新增三条公交线路</h1><div class='info'>2019-03-12 来源：市交通局</div>"
        "<div class='content'><p>记者从市交通局获悉，新增三条公交线路将于下周开通。</p>" + _LONG_BODY + "</div>"
        "<div class='comments'><h3>网友评论</h3><p>作者：路人甲 2019-03-13 10:05</p><p>终于通车了。</p></div>",
        title="市区新增三条公交线路",
    )
    assert _published(raw) == ("2019-03-12 00:00:00", "day", "under-headline")


def test_a_labelled_date_in_the_text_still_wins_when_the_text_block_starts_at_the_heading() -> None:
    # Government page whose one table cell holds heading, a subtitle clock line and the text with 发布日期:
    # no header lies between heading and text, so the labelled date keeps its precedence.
    raw = _html(
        "<table><tr><td><h1>关于2021年春节放假安排的通知</h1><p>（2021-01-29 09:00 起施行）</p>"
        "<p>发布日期：2021-01-28 来源：市政府办公室</p>"
        "<p>各区政府、市各委办局：根据国务院办公厅通知精神，现将2021年春节放假安排通知如下。</p>"
        + _LONG_BODY
        + "</td></tr></table>",
        title="关于2021年春节放假安排的通知",
    )
    assert _published(raw)[0] == "2021-01-28 00:00:00"


def test_a_site_footers_counter_and_a_related_link_are_not_post_meta_lines() -> None:
    # TRS-style government page with a day-only info bar; below the text a related link with its time and
    # the site footer's visit counter beside a date: neither is the post's own meta line.
    related = "<p>相关阅读：<a href='/art/2021/3/4/art_5_1.html'>全市春季森林防火工作会议召开</a> 2021-03-04 09:00</p>"
    footer = "<div class='foot'>主办：某某市人民政府 网站访问量：1234567 2021-03-05 10:00</div>"
    raw = _html(
        "<h1>关于做好春季防火工作的通知</h1><div class='info'>2021-03-02 来源：市应急管理局</div>"
        "<div id='zoom'><p>各区应急管理局：现将春季防火有关事项通知如下。</p>"
        + _LONG_BODY
        + "</div>"
        + related
        + footer,
        title="关于做好春季防火工作的通知",
    )
    assert _published(raw) == ("2021-03-02 00:00:00", "day", "under-headline")
