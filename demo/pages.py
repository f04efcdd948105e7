"""The HTML of the demo sites, one look per site: the frame, article pages, list pages with their pagers, the other
pages of each site and the world's index page."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from demo.world import SITES, Doc, Site, article_path, body_of, home_path, published_at

PRIVATE_PATH = "/private/login.html"


@dataclass(frozen=True)
class Link:
    label: str
    path: str


STUBS = {
    "official": (("政务公开", "zwgk"), ("互动交流", "hdjl")),
    "media": (("时政", "shizheng"), ("评论", "pinglun")),
}


def nav(site: Site) -> list[Link]:
    stubs = [Link(label, f"/{site.id}/{slug}/index.html") for label, slug in STUBS[site.kind]]
    return [
        Link("首页", home_path(site)), Link(site.column, site.list_first), *stubs,
        Link("关于我们", f"/{site.id}/about.html"), Link("联系我们", f"/{site.id}/contact.html"),
        Link("网站地图", f"/{site.id}/sitemap.html"),
    ]


def href(site: Site, here: str, target: str) -> str:
    """How this site's CMS writes a link: TRS and the county site relative, the rest root-relative."""
    if site.style not in ("trs", "county") or not target.startswith(f"/{site.id}/"):
        return target
    path, _, query = target.partition("?")
    rel = posixpath.relpath(path, posixpath.dirname(here.partition("?")[0]))
    if site.style == "trs" and not rel.startswith("."):
        rel = "./" + rel
    return rel + (f"?{query}" if query else "")


def a(site: Site, here: str, link: Link, **attrs: str) -> str:
    extra = "".join(f' {k.rstrip("_")}="{escape(v)}"' for k, v in attrs.items())
    return f'<a href="{escape(href(site, here, link.path))}"{extra}>{escape(link.label)}</a>'


def day(doc: Doc) -> str:
    return published_at(doc)[0].strftime("%Y-%m-%d")


def shown_time(doc: Doc, fmt: str = "%Y-%m-%d %H:%M") -> str:
    at, precision = published_at(doc)
    return at.strftime("%Y-%m-%d" if precision == "day" else fmt)


def paragraphs(doc: Doc) -> str:
    return "\n".join(f"<p>{escape(p)}</p>" for p in body_of(doc))


def doc_link(doc: Doc) -> Link:
    return Link(doc.title, article_path(doc))


# ---------------------------------------------------------------- page frame

def head(site: Site, title: str, metas: dict[str, str], charset_tag: str) -> str:
    meta = "".join(f'<meta name="{k}" content="{escape(v)}">\n' for k, v in metas.items())
    doctype = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">'
        if site.style == "county" else '<!DOCTYPE html>\n<html lang="zh-CN">'
    )
    return (
        f"{doctype}\n<head>\n{charset_tag}\n{meta}<title>{escape(title)}</title>\n"
        f'<link rel="stylesheet" href="/{site.id}/css/style.css">\n</head>\n'
    )


def charset_tag(site: Site, is_article: bool) -> str:
    if site.encoding == "gbk":
        return '<meta charset="gbk">' if is_article else (
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    if site.style == "county":
        return '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'
    return '<meta charset="utf-8">'


def header(site: Site, here: str) -> str:
    items = "".join(f"<li>{a(site, here, link)}</li>" for link in nav(site))
    if site.kind == "official":
        top = ('<div class="topbar"><a href="javascript:void(0)" id="wza">无障碍</a> | <a href="javascript:void(0)">长者模式</a>'
               f' | <a href="{escape(href(site, here, f"/{site.id}/sitemap.html"))}">网站地图</a></div>')
    else:
        top = f'<div class="topbar">{escape(site.domain)} | <a href="javascript:void(0)">设为首页</a> | <a href="javascript:void(0)">加入收藏</a></div>'
    return (
        f'<div class="header">{top}\n<div class="logo"><a href="{escape(href(site, here, home_path(site)))}">'
        f'<img src="/{site.id}/images/logo.png" alt="{escape(site.name)}"></a></div>\n'
        f'<div class="nav" id="nav"><ul>{items}</ul></div>\n'
        '<div class="search"><form action="/search" method="get"><input type="text" name="q" placeholder="请输入关键词">'
        '<input type="submit" value="搜索"></form></div></div>\n'
    )


def breadcrumb(site: Site, here: str, trail: list[Link]) -> str:
    crumbs = " &gt; ".join(a(site, here, link) for link in [Link("首页", home_path(site)), *trail])
    return f'<div class="position">当前位置：{crumbs}</div>\n'


def related_sites(site: Site) -> str:
    own = [f'<li><a href="{escape(home_path(s))}" target="_blank">{escape(s.name)}</a></li>' for s in SITES if s.id != site.id]
    outside = ('<li><a href="http://www.gov.cn/" target="_blank">中国政府网</a></li>'
               '<li><a href="https://www.12377.cn/" target="_blank">违法和不良信息举报中心</a></li>')
    return f'<div class="links"><h3>相关链接</h3><ul>{"".join(own)}{outside}</ul></div>\n'


def site_code(site: Site) -> int:
    return 3300000000 + sum(map(ord, site.id)) * 7


def footer(site: Site, here: str) -> str:
    links = " | ".join(a(site, here, link) for link in nav(site)[-3:])
    if site.kind == "official":
        office = "办公厅" if site.level == "province" else "办公室"
        host = f"主办：{site.name}{office}　承办：{site.region}大数据发展中心"
        ids = f"网站标识码：{site_code(site)}　{escape(site.icp)}　江公网安备 {site_code(site) * 10 + 3}号"
    else:
        host = f"{site.name}版权所有，未经书面授权禁止转载"
        ids = f"{escape(site.icp)}　互联网新闻信息服务许可证：{site_code(site)}"
    keeper = "　网站维护：临江市大数据发展中心（联系人：王珺）" if site.encoding == "gbk" else ""
    return (
        f'<div class="footer"><p>{links} | <a href="{PRIVATE_PATH}">网站管理</a></p>\n'
        f'<p>{escape(host)}</p>\n<p>版权所有 &copy; 2026 {escape(site.name)}　{ids}{keeper}</p></div>\n'
    )


def hot_news(site: Site, here: str, recent: Sequence[Doc], exclude: Doc | None = None) -> str:
    docs = [d for d in recent if d != exclude][:5]
    items = "".join(f"<li>{a(site, here, doc_link(d), target='_blank')}</li>" for d in docs)
    return f'<div class="sidebar"><h3>热点新闻</h3><ul>{items}</ul></div>\n'


def frame(site: Site, here: str, title: str, trail: list[Link], main: str, recent: Sequence[Doc], *,
          metas: dict[str, str] | None = None, is_article: bool = False, current: Doc | None = None) -> str:
    """A page of the site; `recent` is the site's documents online, newest first (the media's 热点新闻 sidebar)."""
    side = hot_news(site, here, recent, current) if site.kind == "media" else ""
    return (
        head(site, title, metas or {}, charset_tag(site, is_article)) + "<body>\n" + header(site, here)
        + breadcrumb(site, here, trail) + f'<div class="main"><div class="content">\n{main}</div>\n{side}</div>\n'
        + related_sites(site) + footer(site, here) + "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- article pages

def dateline(site: Site, doc: Doc) -> str:
    t, src, by = shown_time(doc), escape(doc.source), escape(doc.byline)
    match site.style:
        case "trs":
            return (f'<div class="pages-date">发布时间：{t}&nbsp;&nbsp;来源：{src}'
                    '<span class="font">字号：[<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a>'
                    ' <a href="javascript:doZoom(12)">小</a>]</span> <a href="javascript:window.print()">打印</a></div>')
        case "hanweb":
            return (f'<div class="xxgk_top">发布日期：{t}　信息来源：{src}　浏览次数：'
                    f'<script language="javascript">_showDynClicks("wbnews", {doc.num})</script></div>')
        case "county":
            at, precision = published_at(doc)  # the county CMS prints a time only when the editor entered one
            shown = at.strftime("%Y年%m月%d日 %H:%M" if precision == "minute" else "%Y年%m月%d日")
            return (
                f'<tr><td class="ainfo" align="center">发布日期：{shown}　来源：{src}　'
                f'点击数：<span id="hits">{doc.num % 397 + 100}</span></td></tr>'
            )
        case "paper":
            return f'<div class="info"><span>{t}</span> <span>来源：{src}</span> <span>{by}</span></div>'
        case "portal":
            return f'<div class="post_info">{shown_time(doc, "%Y年%m月%d日 %H:%M")}　来源：{src}　作者：{by}</div>'
        case "tabloid":
            return (f'<div class="article-info"><span class="time">{t}</span><span class="source">来源：{src}</span>'
                    f'<span class="author">{by}</span></div>')
        case _:
            return f'<div class="header-time"><span class="h-time">{t}</span> <span class="source">来源：{src}</span></div>'


def site_metas(site: Site) -> dict[str, str]:
    if site.style in ("trs", "hanweb"):
        return {"SiteName": site.name, "SiteDomain": site.domain, "SiteIDCode": str(site_code(site)),
                "ColumnName": site.column}
    return {}


def article_metas(site: Site, doc: Doc) -> dict[str, str]:
    at, _ = published_at(doc)
    summary = body_of(doc)[0][:60]
    match site.style:
        case "trs" | "hanweb":
            return {**site_metas(site), "ArticleTitle": doc.title, "PubDate": shown_time(doc), "ContentSource": doc.source,
                    "Keywords": site.column, "Description": summary}
        case "portal":
            return {"description": summary, "article:published_time": at.strftime("%Y-%m-%dT%H:%M:%S")}
        case "wire":
            return {"keywords": site.column, "description": summary, "publishdate": day(doc)}
        case "paper":
            return {"description": summary, "author": doc.byline}
        case _:
            return {"keywords": site.column}


def article_page(site: Site, doc: Doc, recent: Sequence[Doc]) -> str:
    here = article_path(doc)
    title = escape(doc.title)
    line = dateline(site, doc)
    if site.style == "county":
        main = (f'<table width="100%" class="article"><tr><td class="atitle" align="center">{title}</td></tr>\n'
                f'{line}\n<tr><td class="acontent">{paragraphs(doc)}</td></tr></table>\n'
                '<div class="print"><a href="javascript:window.print()">【打印本页】</a> '
                '<a href="javascript:window.close()">【关闭窗口】</a></div>')
    else:
        box = {"trs": "TRS_Editor", "hanweb": "zoom", "paper": "article-content", "portal": "post_text",
               "tabloid": "article-body", "wire": "detail"}[site.style]
        attr = 'id="zoom"' if site.style == "hanweb" else f'class="{box}"'
        tail = ""
        if site.kind == "media":
            tail = f'<div class="editor">【责任编辑：{"李娜" if doc.num % 2 else "王磊"}】</div>'
        main = f'<h1 class="title">{title}</h1>\n{line}\n<div {attr}>\n{paragraphs(doc)}\n</div>\n{tail}'
    column = Link(site.column, site.list_first)
    return frame(site, here, f"{doc.title}_{site.column}_{site.name}", [column], main, recent,
                 metas=article_metas(site, doc), is_article=True, current=doc)


# ---------------------------------------------------------------- list pages

def list_item(site: Site, here: str, doc: Doc) -> str:
    link = doc_link(doc)
    match site.style:
        case "trs":
            return f'<li>{a(site, here, link, target="_blank", title=doc.title)}<span class="date">{day(doc)}</span></li>'
        case "hanweb":
            return f'<li>{a(site, here, link, target="_blank", title=doc.title)}<span>{day(doc)}</span></li>'
        case "county":
            short = Link(doc.title if len(doc.title) <= 20 else doc.title[:20] + "...", link.path)
            return (f'<tr><td class="news_title">·{a(site, here, short, target="_blank", title=doc.title)}</td>'
                    f'<td class="news_date" width="90">{day(doc)}</td></tr>')
        case "paper":
            return (f'<div class="news-item"><h3>{a(site, here, link)}</h3><p>{escape(body_of(doc)[0][:50])}……</p>'
                    f'<span class="time">{shown_time(doc)}</span></div>')
        case "portal":
            return f'<li>{a(site, here, link, target="_blank")}<em>{published_at(doc)[0].strftime("%m-%d %H:%M")}</em></li>'
        case "tabloid":
            return (f'<dl><dt>{a(site, here, link)}</dt><dd>{escape(body_of(doc)[0][:40])}…'
                    f'<span>{shown_time(doc)}</span></dd></dl>')
        case _:
            return f'<li>{a(site, here, link)} <span>{day(doc)}</span></li>'


def pager(site: Site, here: str, paths: list[str], n: int, total: int) -> str:
    """Pagination as the site's CMS prints it; n is the 1-based current page, total the number of articles."""
    last = len(paths)
    parts = []
    if n > 1:
        parts += [a(site, here, Link("首页", paths[0])), a(site, here, Link("上一页", paths[n - 2]))]
    if site.style in ("paper", "tabloid", "wire"):
        parts += [str(k) if k == n else a(site, here, Link(str(k), p)) for k, p in enumerate(paths, start=1)]
    if n < last:
        parts += [a(site, here, Link("下一页", paths[n])), a(site, here, Link("尾页", paths[-1]))]
    links = " ".join(parts)
    match site.style:
        case "trs":
            return (f'<div class="page"><script type="text/javascript">createPageHTML({last}, {n - 1}, "index", "html");'
                    f'</script>\n<span class="page-static">{links}</span></div>')
        case "hanweb":
            return f'<div class="default_pgPanel">共{total}条　{n}/{last}页　{links}</div>'
        case "county":
            options = "".join(f'<option value="{k}"{" selected" if k == n else ""}>{k}</option>' for k in range(1, last + 1))
            return (f'<div class="pager">共{total}条记录　共{last}页　当前第{n}/{last}页　{links}　'
                    f'转到<select onchange="javascript:__doPostBack(\'Pager\',this.value)">{options}</select>页</div>')
        case _:
            return f'<div class="pages">{links}</div>'


def list_page(site: Site, pages: list[tuple[str, list[Doc]]], n: int, recent: Sequence[Doc]) -> str:
    here, docs = pages[n - 1]
    rows = "\n".join(list_item(site, here, d) for d in docs)
    wrapped = {
        "trs": f'<ul class="list">\n{rows}\n</ul>',
        "hanweb": f'<div class="default_pgContainer"><ul class="list">\n{rows}\n</ul></div>',
        "county": f'<table width="100%" class="news_list">\n{rows}\n</table>',
        "paper": f'<div class="news-list">\n{rows}\n</div>',
        "portal": f'<ul class="list_news">\n{rows}\n</ul>',
        "tabloid": f'<div class="list">\n{rows}\n</div>',
        "wire": f'<ul class="dataList">\n{rows}\n</ul>',
    }[site.style]
    main = f'<h2 class="column-title">{escape(site.column)}</h2>\n{wrapped}\n{pager(site, here, [p for p, _ in pages], n, len(recent))}'
    suffix = "" if n == 1 else f"_第{n}页"
    return frame(site, here, f"{site.column}{suffix}_{site.name}", [Link(site.column, site.list_first)], main, recent,
                 metas=site_metas(site))


# ---------------------------------------------------------------- other pages

def home_page(site: Site, recent: Sequence[Doc]) -> str:
    here = home_path(site)
    latest = "".join(f"<li>{a(site, here, doc_link(d))}<span>{day(d)}</span></li>" for d in recent[:6])
    more = a(site, here, Link("更多>>", site.list_first))
    main = f'<div class="box"><h2>{escape(site.column)} {more}</h2><ul>{latest}</ul></div>'
    return frame(site, here, site.name, [], main, recent)


def static_page(site: Site, link: Link, recent: Sequence[Doc]) -> str:
    if link.label == "网站地图":
        text = "<ul>" + "".join(f"<li>{a(site, link.path, n)}</li>" for n in nav(site)) + "</ul>"
    elif link.label == "联系我们":
        text = f"<p>地址：{escape(site.region)}滨江路1号　邮编：330100　电话：0570-12345678</p>"
    elif link.label == "关于我们":
        text = f"<p>{escape(site.name)}是{escape(site.region)}的{'政府门户网站' if site.kind == 'official' else '新闻媒体'}。</p>"
    else:
        text = "<p>暂无信息</p>"
    return frame(site, link.path, f"{link.label}_{site.name}", [link], f"<h2>{escape(link.label)}</h2>\n{text}", recent)


def root_index() -> str:
    items = "".join(f'<li><a href="{home_path(s)}">{escape(s.name)}</a>（{s.id}）</li>' for s in SITES)
    return ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>演示世界</title></head>\n'
            f"<body><h1>演示世界：江南省 · 临江市 · 青河县</h1><ul>{items}</ul></body></html>\n")
