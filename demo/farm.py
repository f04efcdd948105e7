"""A farm of many small government and media sites, for the multi-node rehearsal (`make scale-demo`).

The demo world (demo/world.py) is seven hand-made sites; the rehearsal needs hundreds. The farm is
generated from a seed: a fictional province (东海省) with cities and counties, one website per
(county, office or outlet), each with one column list page and a few articles. Most articles report
local happenings that the county's government and its media both cover, at different times, so the
rehearsal's answers (events, who spoke first, lags) are not trivial; the rest are one-site notices.

Pages are written like the demo world's (a folder plus `_manifest.json`) and served by demo.server.
Everything is invented; the same seed always gives the same farm, byte for byte.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape
from pathlib import Path

from demo.render import Page, write_pages
from demo.world import BEIJING

PROVINCE = "东海省"
CITIES = ("海宁市", "清江市", "云台市", "白沙市", "石门市", "南湖市", "望京市", "金州市", "青阳市", "汉城市")
COUNTY_SUFFIXES = ("安县", "平县", "河县", "山县", "林县", "泽县", "丰县", "宁县", "阳县", "川县")
COUNTY_STEMS = "永长新兴广和福瑞康泰"
OFFICIAL_OFFICES = ("人民政府", "应急管理局", "卫生健康委员会", "教育局", "交通运输局", "住房和城乡建设局")
MEDIA_OUTLETS = ("融媒体中心", "新闻网", "日报", "广播电视台", "晚报", "观察")
FIRST_DAY = datetime(2026, 11, 2, tzinfo=BEIJING)

HAPPENINGS = (
    ("火灾", "{place}{street}一仓库发生火灾", ("{date}，{place}{street}一处仓库发生火灾，消防救援人员{n}分钟后到场处置，"
     "明火已被扑灭，{k}名人员疏散，未造成人员伤亡，起火原因正在调查。")),
    ("交通事故", "{place}{road}发生一起交通事故", ("{date}，{place}{road}发生一起{n}车相撞的交通事故，造成{k}人受伤，"
     "伤者已送医救治，事故原因正在调查，相关路段交通已恢复。")),
    ("停水", "{place}{street}片区将临时停水", ("因供水管网改造，{place}{street}片区将于{date}起临时停水约{n}小时，"
     "涉及居民约{k}户，请居民提前储水。")),
    ("招聘会", "{place}举办秋季人才招聘会", ("{date}，{place}秋季人才招聘会在{street}举行，{n}家企业提供岗位{k}个，"
     "现场达成就业意向数百人。")),
    ("暴雨", "{place}发布暴雨蓝色预警", ("{place}气象台{date}发布暴雨蓝色预警，预计未来{n}小时累计降雨量可达{k}毫米，"
     "请市民减少外出，远离低洼地带。")),
    ("道路施工", "{place}{road}将封闭施工", ("为推进道路改造，{place}{road}将自{date}起封闭施工约{n}天，"
     "施工路段长{k}米，过往车辆请绕行。")),
    ("食品检查", "{place}开展校园食品安全检查", ("{date}起，{place}市场监管部门对{n}所学校食堂开展食品安全检查，"
     "共检查从业人员{k}名，发现问题已责令整改。")),
    ("疫苗接种", "{place}启动秋冬季流感疫苗接种", ("{date}起，{place}{n}个接种点启动秋冬季流感疫苗接种，"
     "首日接种{k}人次，老年人和学生可预约。")),
)
STREETS = ("城关街道", "东城街道", "西湖街道", "南门街道", "北苑街道", "河西街道", "新华街道", "滨江街道")
ROADS = ("人民路", "解放路", "建设大道", "环城东路", "迎宾大道", "胜利路", "滨河路", "中山路")
NOTICES = (
    "{office}召开{month}月份工作例会", "{office}开展党员志愿服务活动", "{office}组织学习安全生产法规",
    "{office}公布{month}月份政务公开目录", "{office}举行干部业务培训班", "{office}开展年度档案整理工作",
)


@dataclass(frozen=True)
class FarmSite:
    id: str
    name: str
    kind: str  # official | media
    region: str  # 东海省海宁市永安县
    county: int


@dataclass(frozen=True)
class FarmDoc:
    site: str
    num: int
    event: str  # the happening's key; a notice is its own event
    published: datetime
    title: str
    body: str
    source: str

    @property
    def path(self) -> str:
        return f"/s/{self.site}/art/{self.published:%Y%m}/t{self.published:%Y%m%d}_{self.num}.html"


@dataclass(frozen=True)
class Farm:
    sites: tuple[FarmSite, ...]
    docs: tuple[FarmDoc, ...]

    def list_path(self, site: FarmSite) -> str:
        return f"/s/{site.id}/index.html"


def counties() -> list[tuple[str, str]]:
    """(city, county) pairs: every city has one county per stem."""
    return [(city, COUNTY_STEMS[i] + COUNTY_SUFFIXES[c]) for c, city in enumerate(CITIES) for i in range(len(COUNTY_STEMS))]


def farm_sites(n_sites: int) -> list[FarmSite]:
    places = counties()
    offices = [name for pair in zip(OFFICIAL_OFFICES, MEDIA_OUTLETS, strict=True) for name in pair]
    if n_sites > len(places) * len(offices):
        raise ValueError(f"the farm has room for {len(places) * len(offices)} sites, not {n_sites}")
    sites = []
    for i in range(n_sites):
        county = i % len(places)
        slot = i // len(places)
        city, name = places[county]
        kind = "official" if slot % 2 == 0 else "media"
        sites.append(FarmSite(f"s{i:04d}", name + offices[slot], kind, PROVINCE + city + name, county))
    return sites


def build_farm(n_sites: int, docs_per_site: int = 4, seed: int = 7) -> Farm:
    """Sites, and documents: per county, happenings told by its official and media sites, plus notices."""
    rng = random.Random(seed)
    sites = farm_sites(n_sites)
    by_county: dict[int, list[FarmSite]] = {}
    for site in sites:
        by_county.setdefault(site.county, []).append(site)
    counts = {site.id: 0 for site in sites}
    docs: list[FarmDoc] = []

    def add(site: FarmSite, event: str, when: datetime, title: str, body: str, source: str) -> None:
        counts[site.id] += 1
        docs.append(FarmDoc(site.id, 1000 + counts[site.id], event, when, title, body, source))

    for county, members in sorted(by_county.items()):
        place = members[0].region.removeprefix(PROVINCE)
        place = place[place.index("市") + 1:]
        for h in range(max(1, len(members) * docs_per_site // 6)):
            kind, title, text = HAPPENINGS[rng.randrange(len(HAPPENINGS))]
            start = FIRST_DAY + timedelta(days=rng.randrange(6), hours=rng.randrange(8, 20), minutes=rng.choice((0, 10, 20, 30)))
            fill = {"place": place, "street": rng.choice(STREETS), "road": rng.choice(ROADS),
                    "n": rng.randrange(2, 60), "k": rng.randrange(3, 900), "date": f"{start.month}月{start.day}日"}
            event = f"c{county:03d}-{h}-{kind}"
            tellers = rng.sample(members, k=min(len(members), rng.randrange(2, 4)))
            for t, site in enumerate(tellers):
                when = start + timedelta(minutes=rng.randrange(20, 600) * t)
                lead = title.format(**fill)
                headline = lead if site.kind == "official" else lead + rng.choice(("", " 现场直击", " 记者探访"))
                add(site, event, when, headline, text.format(**fill), site.name)
    for site in sites:
        while counts[site.id] < docs_per_site:
            month = FIRST_DAY.month
            office = site.name
            title = rng.choice(NOTICES).format(office=office, month=month)
            when = FIRST_DAY + timedelta(days=rng.randrange(6), hours=rng.randrange(8, 18), minutes=rng.choice((0, 15, 30, 45)))
            body = (f"{when.month}月{when.day}日，{title.removeprefix(office)}。{office}有关负责人参加，"
                    f"本次活动共{rng.randrange(10, 200)}人参与，活动编号{site.id}-{counts[site.id]}。")
            add(site, f"n-{site.id}-{counts[site.id] + 1}", when, title, body, office)
    return Farm(tuple(sites), tuple(docs))


def article_html(site: FarmSite, doc: FarmDoc) -> str:
    shown = f"{doc.published:%Y-%m-%d %H:%M}"
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(doc.title)}_{escape(site.name)}</title>"
        f'<meta name="ArticleTitle" content="{escape(doc.title)}">'
        f'<meta name="PubDate" content="{shown}">'
        f'<meta name="ContentSource" content="{escape(doc.source)}">'
        "</head><body>"
        f'<div class="header"><a href="/s/{site.id}/index.html">{escape(site.name)}</a></div>'
        f'<div class="article"><h1>{escape(doc.title)}</h1>'
        f'<div class="info">发布时间：{shown}　来源：{escape(doc.source)}</div>'
        f'<div class="content"><p>{escape(doc.body)}</p></div></div>'
        f'<div class="footer">版权所有：{escape(site.name)}</div>'
        "</body></html>\n"
    )


def list_html(site: FarmSite, docs: list[FarmDoc]) -> str:
    items = "".join(
        f'<li><a href="{doc.path}" title="{escape(doc.title)}">{escape(doc.title)}</a>'
        f"<span>{doc.published:%Y-%m-%d}</span></li>"
        for doc in sorted(docs, key=lambda d: (d.published, d.num), reverse=True)
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{'政务动态' if site.kind == 'official' else '本地新闻'}_{escape(site.name)}</title></head><body>"
        f'<div class="header"><a href="/s/{site.id}/index.html">{escape(site.name)}</a></div>'
        f'<div class="column"><ul class="list">{items}</ul></div>'
        f'<div class="footer">版权所有：{escape(site.name)}</div>'
        "</body></html>\n"
    )


def farm_pages(farm: Farm) -> list[Page]:
    html = "text/html; charset=utf-8"
    docs_of: dict[str, list[FarmDoc]] = {}
    for doc in farm.docs:
        docs_of.setdefault(doc.site, []).append(doc)
    pages = []
    for site in farm.sites:
        pages.append(Page(farm.list_path(site), list_html(site, docs_of.get(site.id, [])).encode(), html))
        pages.extend(Page(doc.path, article_html(site, doc).encode(), html) for doc in docs_of.get(site.id, []))
    return pages


def write_farm(farm: Farm, out: Path) -> list[Page]:
    """Write the farm's pages and the manifest that demo.server serves."""
    return write_pages(farm_pages(farm), out)


def write_farm_sources(farm: Farm, base_url: str, path: Path) -> None:
    blocks = []
    for site in farm.sites:
        level = "county"
        blocks.append(
            "[[source]]\n"
            f"id = {json.dumps(site.id)}\nname = {json.dumps(site.name, ensure_ascii=False)}\n"
            f"kind = {json.dumps(site.kind)}\nchannel = {json.dumps('website' if site.kind == 'official' else 'news')}\n"
            f"region = {json.dumps(site.region, ensure_ascii=False)}\nlevel = {json.dumps(level)}\n"
            f"list_urls = [{json.dumps(base_url.rstrip('/') + farm.list_path(site))}]\nfeeds = []\n"
            'timezone = "Asia/Shanghai"\n'
        )
    path.write_text(f"# A generated farm of {len(farm.sites)} sites (demo/farm.py)\n\n" + "\n".join(blocks), encoding="utf-8")
