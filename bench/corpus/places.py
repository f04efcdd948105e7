"""Places and sources of the written corpus: invented cities and counties in four real provinces, and the outlets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta, timezone

CST = timezone(timedelta(hours=8))

# ---------------------------------------------------------------------------------------------------------------
# Places and sources.

PROVINCES = {"jn": "江南省", "hn": "湖南省", "zj": "浙江省", "sc": "四川省"}
CITIES = {"lj": ("jn", "临江市"), "yx": ("jn", "云溪市"), "lz": ("hn", "岚州市"), "ml": ("zj", "明澜市"), "rx": ("sc", "蓉溪市")}
COUNTIES = {
    "qh": ("lj", "青河县"),
    "bs": ("lj", "白沙县"),
    "dh": ("lj", "东湖区"),
    "sm": ("yx", "石门县"),
    "sy": ("yx", "松阳县"),
    "tx": ("lz", "桐溪县"),
    "fl": ("lz", "枫林县"),
    "qt": ("ml", "清潭县"),
    "hp": ("ml", "鹤浦县"),
    "qy": ("rx", "青崖县"),
    "yq": ("rx", "云栖县"),
}


def short(name: str) -> str:
    return name[:-1] if name[-1] in "省市县区" else name


@dataclass(frozen=True)
class Place:
    county: str  # key in COUNTIES

    @property
    def city_key(self) -> str:
        return COUNTIES[self.county][0]

    @property
    def province_key(self) -> str:
        return CITIES[self.city_key][0]

    def slots(self) -> dict[str, str]:
        p, c, x = PROVINCES[self.province_key], CITIES[self.city_key][1], COUNTIES[self.county][1]
        return {"P": p, "Ps": short(p), "C": c, "Cs": short(c), "X": x, "Xs": short(x)}


@dataclass(frozen=True)
class Source:
    source_id: str
    name: str
    kind: str
    channel: str
    region: str | None


NATIONAL = {
    "hxs": ("华夏通讯社", "news"),
    "hxw": ("华夏网", "news"),
    "szw": ("神州新闻网", "news"),
    "qlxw": ("晴朗新闻", "news"),
    "gsxw": ("国视新闻", "weibo"),
    "jjwb": ("京江晚报", "news"),
}
# role -> (id suffix, name pattern, kind, channel, level)
ROLES: dict[str, tuple[str, str, str, str, str]] = {
    "prov_gov": ("gov", "{P}人民政府", "official", "website", "province"),
    "prov_ema": ("ema", "{P}应急管理厅", "official", "website", "province"),
    "prov_daily": ("daily", "{Ps}日报", "media", "news", "province"),
    "city_gov": ("gov", "{C}人民政府", "official", "website", "city"),
    "city_fb": ("fb", "{Cs}发布", "official", "weibo", "city"),
    "city_police": ("police", "{Cs}公安", "official", "weibo", "city"),
    "city_ema": ("ema", "{C}应急管理局", "official", "website", "city"),
    "city_eco": ("eco", "{C}生态环境局", "official", "website", "city"),
    "city_daily": ("daily", "{Cs}日报", "media", "news", "city"),
    "city_evening": ("wb", "{Cs}晚报", "media", "news", "city"),
    "city_tv": ("tv", "{Cs}广播电视台", "media", "news", "city"),
    "county_gov": ("gov", "{X}人民政府", "official", "website", "county"),
    "county_media": ("rm", "{X}融媒体中心", "media", "news", "county"),
}


def source(role: str, place: Place) -> Source:
    if role in NATIONAL:
        name, channel = NATIONAL[role]
        return Source(role, name, "media", channel, None)
    suffix, pattern, kind, channel, level = ROLES[role]
    s = place.slots()
    key = {"province": place.province_key, "city": place.city_key, "county": place.county}[level]
    region = {"province": s["P"], "city": s["P"] + s["C"], "county": s["P"] + s["C"] + s["X"]}[level]
    return Source(f"{key}-{suffix}", pattern.format_map(s), kind, channel, region)
