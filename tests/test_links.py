from crawlers.links import find_article_links, find_next_pages

NAV = """
<div class="nav"><ul>
  <li><a href="/index.html">首页</a></li><li><a href="/xwzx/">新闻中心</a></li>
  <li><a href="/zwgk/">政务公开</a></li><li><a href="/about.html">关于我们</a></li>
</ul></div>
"""
FOOTER = """
<div class="footer"><a href="/sitemap.html">网站地图</a> <a href="/contact.html">联系我们</a>
<a href="https://beian.miit.gov.cn/">苏ICP备12345678号</a></div>
"""
SIDEBAR = """
<div class="sidebar"><h3>热点新闻</h3><ul>
<li><a href="/xwzx/202608/t20160801_111.html">全市防汛工作会议召开部署下一阶段任务</a></li>
</ul></div>
"""


def page(body: str) -> str:
    return f"<html><head><meta charset='utf-8'></head><body>{NAV}{body}{SIDEBAR}{FOOTER}</body></html>"


def test_trs_list_finds_articles_and_ignores_nav_footer_sidebar() -> None:
    html = page("""
    <div class="list"><ul>
      <li><a href="./201608/t20160809_123.html">市政府召开新闻发布会通报有关项目情况</a><span>2016-08-09</span></li>
      <li><a href="./201608/t20160808_122.html">关于做好夏季安全生产工作的通知</a><span>2016-08-08</span></li>
      <li><a href="./201608/t20160807_121.html" title="我市举行重点项目集中开工仪式">我市举行重点项目集中...</a><span>2016-08-07</span></li>
    </ul></div>
    <script>createPageHTML(4, 0, "index", "html");</script>
    """)
    links = find_article_links(html, "http://gov.example.cn/xwzx/index.html")
    urls = [link.url for link in links]
    assert urls == [
        "http://gov.example.cn/xwzx/201608/t20160809_123.html",
        "http://gov.example.cn/xwzx/201608/t20160808_122.html",
        "http://gov.example.cn/xwzx/201608/t20160807_121.html",
    ]
    assert links[2].text == "我市举行重点项目集中开工仪式"
    assert links[0].date_text == "2016-08-09"
    assert find_next_pages(html, "http://gov.example.cn/xwzx/index.html") == [
        "http://gov.example.cn/xwzx/index_1.html",
        "http://gov.example.cn/xwzx/index_2.html",
        "http://gov.example.cn/xwzx/index_3.html",
    ]


def test_table_list_with_dates_in_cells_and_text_pagination() -> None:
    html = page("""
    <table class="tb"><tbody>
      <tr><td><a href="show.aspx?id=301">县应急管理局开展安全生产大检查</a></td><td>2016年08月09日</td></tr>
      <tr><td><a href="show.aspx?id=300">县人民政府关于调整部分道路通行的通告</a></td><td>2016年08月05日</td></tr>
    </tbody></table>
    <div class="page"><a href="list.aspx?page=1">首页</a> <a href="list.aspx?page=2">下一页</a> <a href="list.aspx?page=9">尾页</a></div>
    """)
    links = find_article_links(html, "http://county.example.cn/list.aspx?page=1")
    assert [link.url for link in links] == [
        "http://county.example.cn/show.aspx?id=301",
        "http://county.example.cn/show.aspx?id=300",
    ]
    assert find_next_pages(html, "http://county.example.cn/list.aspx?page=1") == [
        "http://county.example.cn/list.aspx?page=2"
    ]


def test_links_to_other_hosts_and_javascript_are_ignored_but_window_open_is_followed() -> None:
    html = page("""
    <ul class="news">
      <li><a href="http://other.example.com/2016/08/09/a.html">外站的一篇很长的新闻标题在这里</a><span>2016-08-09</span></li>
      <li><a href="javascript:void(0)" onclick="window.open('/art/2016/8/9/art_1875_60010.html')">关于开展城市环境综合整治的公告</a><span>2016-08-09</span></li>
      <li><a href="/art/2016/8/8/art_1875_60009.html">县委常委会召开专题会议研究部署工作</a><span>2016-08-08</span></li>
    </ul>
    """)
    urls = [link.url for link in find_article_links(html, "http://hanweb.example.cn/col/col1875/index.html")]
    assert urls == [
        "http://hanweb.example.cn/art/2016/8/9/art_1875_60010.html",
        "http://hanweb.example.cn/art/2016/8/8/art_1875_60009.html",
    ]


def test_garbage_gives_no_links() -> None:
    assert find_article_links("", "http://x.example.cn/") == []
    assert find_article_links("\x00\x01 not html", "http://x.example.cn/") == []
    assert find_next_pages("", "http://x.example.cn/") == []


def test_canonical_url_drops_fragment_and_tracking_parameters() -> None:
    from crawlers.links import canonical_url

    assert canonical_url("HTTP://News.Example.CN/a/1.html?id=3&utm_source=wx&spm=a.b#top") == \
        "http://news.example.cn/a/1.html?id=3"
    assert canonical_url("http://x.example.cn/show.aspx?utm_medium=x") == "http://x.example.cn/show.aspx"
    assert canonical_url("http://x.example.cn/list.aspx?cid=12&page=2") == "http://x.example.cn/list.aspx?cid=12&page=2"
