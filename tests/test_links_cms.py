"""Column pages of the common government CMSs, read with no per-site code (fixtures in tests/fixtures/lists,
each following a real template named in labels.json), and the failure kinds one by one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawlers.links import find_article_links, find_next_pages, read_column

LISTS = Path(__file__).parent / "fixtures" / "lists"
LABELS = json.loads((LISTS / "labels.json").read_text(encoding="utf-8"))
# Floors pinned just below what bench/bench_links.py measures (1.000 / 1.000 on every family).
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.95


@pytest.mark.parametrize("name", sorted(LABELS))
def test_each_cms_family_precision_and_recall(name: str) -> None:
    label = LABELS[name]
    found = {link.url for link in read_column((LISTS / name).read_text(encoding="utf-8"), label["url"]).articles}
    wanted = set(label["articles"])
    hits = len(found & wanted)
    assert hits / max(len(found), 1) >= PRECISION_FLOOR, sorted(found - wanted)
    assert hits / len(wanted) >= RECALL_FLOOR, sorted(wanted - found)


@pytest.mark.parametrize("name", sorted(n for n in LABELS if LABELS[n]["next_pages"]))
def test_each_cms_family_pagination(name: str) -> None:
    label = LABELS[name]
    pages = find_next_pages((LISTS / name).read_text(encoding="utf-8"), label["url"])
    assert set(label["next_pages"]) <= set(pages)


def _page(body: str) -> str:
    return f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>"


def test_hanweb_records_in_script_xml_are_links() -> None:
    html = _page(
        '<div id="1"><script type="text/xml"><datastore><recordset>'
        '<record><![CDATA[<li><a href="/art/2021/8/9/art_12_301.html">县政府召开常务会议研究部署工作</a><span>2021-08-09</span></li>]]></record>'
        '<record><![CDATA[<li><a href="/art/2021/8/8/art_12_300.html">关于做好夏季防汛工作的通知</a><span>2021-08-08</span></li>]]></record>'
        "</recordset></datastore></script></div>"
    )
    links = find_article_links(html, "http://www.example.gov.cn/col/col12/index.html")
    assert [link.url for link in links] == [
        "http://www.example.gov.cn/art/2021/8/9/art_12_301.html",
        "http://www.example.gov.cn/art/2021/8/8/art_12_300.html",
    ]
    assert links[0].date_text == "2021-08-09"
    assert any("hanweb-record" in why for why in links[0].reasons)


def test_hanweb_dataproxy_answer_and_its_next_window() -> None:
    records = "".join(
        f'<record><![CDATA[<li><a href="/art/2021/8/{d}/art_12_{300 + d}.html">第{d}条政务信息的标题文字</a><span>2021-08-{d:02d}</span></li>]]></record>'
        for d in range(1, 4)
    )
    answer = f'<?xml version="1.0" encoding="UTF-8"?><datastore><recordset>{records}</recordset></datastore>'
    url = "http://www.example.gov.cn/module/web/jpage/dataproxy.jsp?columnid=12&startrecord=1&endrecord=3&perpage=3"
    column = read_column(answer, url)
    assert len(column.articles) == 3
    assert [page.url for page in column.next_pages] == [
        "http://www.example.gov.cn/module/web/jpage/dataproxy.jsp?columnid=12&perpage=3&startrecord=4&endrecord=6"
    ]


def test_document_write_list() -> None:
    html = _page(
        "<script>document.write('<ul class=\\'l\\'>');"
        "document.write('<li><a href=\\'/Article/ShowArticle.asp?ArticleID=11\\'>县人民政府关于调整道路通行的通告</a> 2021-8-9</li>');"
        "document.write('<li><a href=\\'/Article/ShowArticle.asp?ArticleID=10\\'>全县安全生产工作会议召开</a> 2021-8-8</li>');"
        "document.write('</ul>');</script>"
    )
    urls = [link.url for link in find_article_links(html, "http://www.example.gov.cn/Article/Index.asp")]
    assert urls == [
        "http://www.example.gov.cn/Article/ShowArticle.asp?ArticleID=11",
        "http://www.example.gov.cn/Article/ShowArticle.asp?ArticleID=10",
    ]


def test_json_list_in_a_script_with_links_on_another_host_of_the_site() -> None:
    html = _page(
        '<div id="app"></div><script>var listData = [{"title": "关于印发某某实施方案的通知", '
        '"url": "http:\\/\\/xxgk.example.gov.cn\\/2021\\/08\\/09\\/art_5_901.html", "pubDate": "2021-08-09"}, '
        '{"title": "市政府办公室关于做好有关工作的通知", "url": "http://xxgk.example.gov.cn/2021/08/08/art_5_900.html", '
        '"pubDate": "2021-08-08"}, {"title": "外站链接的标题也足够长", "url": "http://www.other-example.com/a/1.html"}];</script>'
    )
    links = find_article_links(html, "http://www.example.gov.cn/zfxxgk/index.html")
    assert [link.url for link in links] == [
        "http://xxgk.example.gov.cn/2021/08/09/art_5_901.html",
        "http://xxgk.example.gov.cn/2021/08/08/art_5_900.html",
    ]
    assert any(why.startswith("same site, other host") for why in links[0].reasons)


def test_main_list_inside_a_right_block_and_a_dated_hot_list_left_out() -> None:
    items = "".join(
        f'<li><a href="./202108/t202108{d:02d}_{d}.html">第{d}条工作动态的标题文字较长</a><span>2021-08-{d:02d}</span></li>'
        for d in range(1, 7)
    )
    html = _page(
        '<div class="left"><ul><li><a href="../tzgg/index.html">通知公告</a></li></ul>'
        '<div class="hot"><ul><li><a href="../rd/202107/t20210701_9.html">热点新闻的标题也很长很长</a><span>2021-07-01</span></li></ul></div></div>'
        f'<div class="right"><ul class="list">{items}</ul></div>'
    )
    urls = [link.url for link in find_article_links(html, "http://www.example.gov.cn/gzdt/index.html")]
    assert len(urls) == 6 and all("/gzdt/202108/" in url for url in urls)


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ('createPageHTML(3, 0, "index", "html");', ["index_1.html", "index_2.html"]),
        ("createPageHTML('page_div', 3, 0, 'index', 'shtml', 45);", ["index_1.shtml", "index_2.shtml"]),
        ('var countPage = 3; var currentPage = 0; createPageHTML(countPage, currentPage, "index", "htm");',
         ["index_1.htm", "index_2.htm"]),
    ],
)
def test_trs_pager_forms(script: str, expected: list[str]) -> None:
    pages = find_next_pages(_page(f"<script>{script}</script>"), "http://www.example.gov.cn/col/index.html")
    assert pages == [f"http://www.example.gov.cn/col/{name}" for name in expected]


def test_next_page_marked_by_class_title_or_image() -> None:
    html = _page(
        '<a class="next" href="list2.htm"><span>&gt;&gt;</span></a>'
        '<a title="下一页" href="?page=3">&gt;</a><a href="list_9.html"><img alt="下一页" src="n.gif"></a>'
    )
    assert find_next_pages(html, "http://www.example.gov.cn/col/list.htm") == [
        "http://www.example.gov.cn/col/list2.htm",
        "http://www.example.gov.cn/col/list.htm?page=3",
        "http://www.example.gov.cn/col/list_9.html",
    ]


def test_untrusted_script_urls_never_give_other_schemes() -> None:
    html = _page(
        '<script>var d = [{"title": "看起来像标题的链接一", "url": "javascript:alert(1)"},'
        '{"title": "看起来像标题的链接二", "url": "file:///etc/passwd"}];</script>'
    )
    assert find_article_links(html, "http://www.example.gov.cn/a/index.html") == []


def test_undated_list_with_alternating_item_classes_is_one_list() -> None:
    rows = "".join(
        f'<tr class="{"odd" if n % 2 else "even"}"><td class="t{n}"><a href="/gkmlpt/content/post_{3456780 + n}.html">'
        f"第{n}号政府信息公开事项的标题</a></td></tr>"
        for n in range(6)
    )
    html = _page(f'<table class="zfxxgk">{rows}</table><div class="hot"><a href="/content/post_3000001.html">热门链接的标题文字</a></div>')
    urls = [link.url for link in find_article_links(html, "http://www.example.gov.cn/gkmlpt/index")]
    assert urls == [f"http://www.example.gov.cn/gkmlpt/content/post_{3456780 + n}.html" for n in range(6)]
