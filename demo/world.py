"""The offline demo world as data: a fictional province (江南省), city (临江市) and county (青河县),
their government portals, four news outlets, and the documents they publish in October 2026.

Everything else in demo/ (rendering, serving, sources.toml, tests) reads from here; the shapes are in
model.py and the dated posts in posts.py. All text is written for the demo; names of places, people, outlets
and projects are invented.

`tracker demo` crawls the world in ROUNDS, as it changes: a post that appears only in a later round (a
backdated one), a site that answers 503 in one round (an outage), and LIVE documents dated relative to the
demo's own start (a clock that is still running while the county site is down, a notice stamped 2 hours ahead).
The plain world (`world_docs()`) is every dated document, all sites up, no live documents: what a single
crawl (tests/test_end_to_end.py) sees.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from demo.model import BEIJING, Doc, Event, Round, Site
from demo.posts import DOCS

SITES: tuple[Site, ...] = (
    Site(
        id="jn-gov", name="江南省人民政府", kind="official", channel="website", region="江南省",
        level="province", style="trs", column="要闻动态", page_size=4,
        article_url="/jn-gov/zwdt/ywdt/{ym}/t{ymd}_{num}.html",
        list_first="/jn-gov/zwdt/ywdt/index.html", list_next="/jn-gov/zwdt/ywdt/index_{i}.html",
        domain="www.jiangnan.gov.cn", icp="江ICP备05012345号",
    ),
    Site(
        id="lj-gov", name="临江市人民政府", kind="official", channel="website", region="江南省临江市",
        level="city", style="hanweb", column="政府信息", page_size=3,
        article_url="/lj-gov/art/{y}/{m}/{d}/art_1875_{num}.html",
        list_first="/lj-gov/col/col1875/index.html",
        list_next="/lj-gov/col/col1875/index.html?uid=4401&pageNum={n}",
        domain="www.linjiang.gov.cn", icp="江ICP备06023456号-1", encoding="gbk",
    ),
    Site(
        id="qh-gov", name="青河县人民政府", kind="official", channel="website", region="江南省临江市青河县",
        level="county", style="county", column="工作动态", page_size=3,
        article_url="/qh-gov/News/Show.aspx?id={num}",
        list_first="/qh-gov/News/List.aspx?cid=12", list_next="/qh-gov/News/List.aspx?cid=12&page={n}",
        domain="www.qinghe.gov.cn", icp="江ICP备09034567号",
    ),
    Site(
        id="ljrb", name="临江日报", kind="media", channel="news", region="江南省临江市",
        level="city", style="paper", column="本地新闻", page_size=4,
        article_url="/ljrb/content/{y}-{mm}/{dd}/content_{num}.htm",
        list_first="/ljrb/node_12.htm", list_next="/ljrb/node_12_{n}.htm",
        domain="www.ljrb.com.cn", icp="江ICP备07045678号", feed="rss", feed_path="/ljrb/rss/news.xml",
    ),
    Site(
        id="jnnews", name="江南新闻网", kind="media", channel="news", region="江南省",
        level="province", style="portal", column="地市新闻", page_size=4,
        article_url="/jnnews/system/{y}/{mm}/{dd}/{num9}.shtml",
        list_first="/jnnews/lj/index.shtml", list_next="/jnnews/lj/index_{i}.shtml",
        domain="www.jnnews.com.cn", icp="江ICP备08056789号", feed="atom", feed_path="/jnnews/atom.xml",
    ),
    Site(
        id="ljwb", name="临江晚报", kind="media", channel="news", region="江南省临江市",
        level="city", style="tabloid", column="社会", page_size=3,
        article_url="/ljwb/shehui/{ymd}/{num}.html",
        list_first="/ljwb/shehui/list_1.html", list_next="/ljwb/shehui/list_{n}.html",
        domain="www.ljwb.net", icp="江ICP备10067890号",
    ),
    Site(
        id="hxs", name="华夏通讯社", kind="media", channel="news", region="北京市",
        level="national", style="wire", column="地方", page_size=2,
        article_url="/hxs/{y}-{mm}/{dd}/c_{num}.htm",
        list_first="/hxs/local/index.htm", list_next="/hxs/local/index_{i}.htm",
        domain="www.huaxianews.cn", icp="京ICP备01078901号", feed="rss-summary", feed_path="/hxs/rss/local.xml",
    ),
)

EVENTS: tuple[Event, ...] = (
    Event("e01-project-protest", "临江市江滨核技术应用产业园项目引发市民聚集，市政府发布会宣布暂停选址",
          "Lianyungang-2016 pattern: press conference 10-11, media at once, the city website reposts 临江日报 on 10-13."),
    Event("e02-nuclear-drill", "全省核与辐射事故应急联合演练在临江市举行",
          "Distractor for e01: same city, same week, nuclear vocabulary, a different happening (annual drill)."),
    Event("e03-flood-response", "临江市启动防汛Ⅳ级应急响应",
          "Government first: the city posts at 06:30, media follow hours later."),
    Event("e04-bus-fire", "滨江大道公交车自燃", "Media only: no government addresses it."),
    Event("e05-briefing-wk41", "省政府新闻办例行新闻发布会（10月9日，秋粮收购）",
          "Distractor pair with e06: the same weekly briefing, a different week and topic."),
    Event("e06-briefing-wk42", "省政府新闻办例行新闻发布会（10月16日，养老服务）",
          "Distractor pair with e05; here the media report before the portal."),
    Event("e07-bridge-opening", "青河二桥建成通车",
          "Date-only county post vs a same-day minute-precision report: official_first undecided (NULL)."),
    Event("e08-school-illness", "青河县实验小学学生疑似食源性疾病",
          "Media at night, county notice the next day (date only, still decidably after)."),
    Event("e09-school-illness-result", "青河县实验小学学生疑似食源性疾病事件调查处理结果",
          "Follow-up of e08 a week later, labelled a SEPARATE event: a new happening (the finding), a new notice."),
    Event("e10-fire-ban", "青河县划定2026—2027年度森林防火期", "Official only: a notice no media covered."),
    Event("e11-heritage-list", "江南省公布第五批省级非物质文化遗产代表性项目名录", "Official only."),
    Event("e12-metro-line2", "临江地铁2号线开通初期运营",
          "The city post names its own bureau as 来源 but copies 临江日报's text word for word: a repost."),
    Event("e13-private-economy", "江南省出台促进民营经济发展壮大若干措施", "Government first (province)."),
    Event("e14-chemical-explosion", "青河县城东工业园区“10·19”化工企业爆炸",
          "Major emergency (爆炸, 事故): the county posts a minute-stamped notice 4 h 25 min after the first report "
          "(80号 5 h clock met); the city posts only the next afternoon, 29 h after it (missed)."),
    Event("e15-minimum-wage", "江南省调整全省最低工资标准",
          "The province publishes first; the county portal reprints the notice the next day naming 江南省人民政府 "
          "as 来源: 转载上级, not a repost of media."),
    Event("e16-baisha-water-outage", "临江市白沙街道多个小区连续停水",
          "Silent event: three media reports within a day, no government post within 48 hours (or at all)."),
    Event("e17-elevator-subsidy", "临江市既有住宅加装电梯财政补贴发放滞后",
          "Backdated post: the city's explanation claims 10-21 09:00 (within the 48 h clock) but appears on its "
          "column page only in the demo's second crawl round, after the first round's fetch of that page did not "
          "show it: flagged in backdated_documents, and judged by what we observed (missed), not by its claim."),
)

# Live: dated relative to the start of `tracker demo` (live_docs), so that a rule clock runs while it crawls.
LIVE_EVENTS: tuple[Event, ...] = (
    Event("l01-old-bridge-cracks", "青河县青河老桥桥面出现多处裂缝",
          "Live: 临江晚报 reports 3 h before the demo starts; 青河县人民政府 (属地) answers 503 in round 1, so its "
          "status is unobservable, not missed; the city's traffic notice is stamped 2 h after the demo starts but "
          "seen at once: seen before its claimed time, so who spoke first is undecided (the post may be older than "
          "the report) and the city met the clock by our sighting; the province is pending."),
)


SITE_BY_ID: dict[str, Site] = {s.id: s for s in SITES}
DOC_BY_KEY: dict[str, Doc] = {d.key: d for d in DOCS}


def site_of(doc: Doc) -> Site:
    return SITE_BY_ID[doc.site]


def published_at(doc: Doc) -> tuple[datetime, str]:
    """The declared publish time (aware, Beijing) and its precision: "minute" or "day"."""
    if len(doc.published) == len("2026-10-15"):
        return datetime.strptime(doc.published, "%Y-%m-%d").replace(tzinfo=BEIJING), "day"
    return datetime.strptime(doc.published, "%Y-%m-%d %H:%M").replace(tzinfo=BEIJING), "minute"


def body_of(doc: Doc) -> tuple[str, ...]:
    return DOC_BY_KEY[f"{doc.copy_of[0]}/{doc.copy_of[1]}"].body if doc.copy_of else doc.body


def article_path(doc: Doc) -> str:
    at, _ = published_at(doc)
    return site_of(doc).article_url.format(
        y=at.year, m=at.month, d=at.day, mm=f"{at.month:02d}", dd=f"{at.day:02d}",
        ym=at.strftime("%Y%m"), ymd=at.strftime("%Y%m%d"), num=doc.num, num9=f"{doc.num:09d}",
    )


def site_docs(site: Site, docs: Iterable[Doc] = DOCS) -> list[Doc]:
    """A site's documents, newest first, as its list pages and feed show them."""
    return sorted((d for d in docs if d.site == site.id), key=lambda d: (published_at(d)[0], d.num), reverse=True)


def list_pages(site: Site, docs: Iterable[Doc] = DOCS) -> list[tuple[str, list[Doc]]]:
    """The column's list pages in order: (path, documents on that page)."""
    ordered = site_docs(site, docs)
    chunks = [ordered[i:i + site.page_size] for i in range(0, len(ordered), site.page_size)]
    return [
        (site.list_first if n == 1 else site.list_next.format(n=n, i=n - 1), chunk)
        for n, chunk in enumerate(chunks, start=1)
    ]


# ---------------------------------------------------------------- the demo's crawl rounds and live documents

ROUNDS: tuple[Round, ...] = (
    Round(1, frozenset({"qh-gov"}), "青河县人民政府 answers 503 (an outage); the city's e17 post is not on its column yet"),
    Round(2, frozenset(), "青河县人民政府 is back; the city's e17 post appears, claiming a time before round 1"),
)


def live_docs(now: datetime) -> tuple[Doc, ...]:
    """Documents dated relative to `now` (the demo's start): a media report 3 hours earlier and the city's traffic
    notice stamped 2 hours later (its CMS prints the time the traffic control starts), both to the minute."""
    at = now.astimezone(BEIJING).replace(second=0, microsecond=0)
    reported = (at - timedelta(hours=3)).strftime("%Y-%m-%d %H:%M")
    stamped = (at + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    key = LIVE_EVENTS[0].key
    return (
        Doc("ljwb", 8811, key, reported, "青河老桥桥面出现多处裂缝 市民担心通行安全", "临江晚报", (
            ("本报讯 今天，不少市民向本报反映，青河县青河老桥桥面和护栏出现多处裂缝，部分路段有明显沉降。"
             "青河老桥建成于1988年，是青河县老城区连接城东新区的主要通道之一。"),
            "记者在现场看到，桥面多处裂缝已被人用油漆做了标记，大货车仍在正常通行。“每次开车过桥都提心吊胆。”家住城东新区的刘女士说。",
            "截至记者发稿时，青河县尚未就此发布通告。",
        ), "记者 何佳"),
        Doc("lj-gov", 60022, key, stamped, "关于青河老桥桥面出现裂缝实施临时交通管制的通告", "临江市交通运输局", (
            ("近日，青河县青河老桥桥面和护栏出现多处裂缝，部分路段有明显沉降。为保障市民通行安全，"
             "经组织专家现场查看，决定对青河老桥实施临时交通管制："),
            "一、禁止总质量10吨以上货车和大中型客车通行，其他机动车限速30公里/小时。",
            "二、过往大型车辆请提前绕行。管制期间，有关部门将对桥梁开展全面检测评估，管制解除时间另行通告。",
            "特此通告。",
        )),
    )


def world_docs(round_no: int | None = None, now: datetime | None = None) -> tuple[Doc, ...]:
    """The documents online in a crawl round (None: every dated document), plus the live ones when `now` is given."""
    dated = tuple(d for d in DOCS if round_no is None or d.first_round <= round_no)
    return dated + (live_docs(now) if now is not None else ())


def home_path(site: Site) -> str:
    return f"/{site.id}/index.html"
