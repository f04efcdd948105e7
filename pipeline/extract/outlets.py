"""Declared sources (来源): normalise the name, then classify it as media, official or unknown.

``本站`` / ``本网`` ("this site") are kept as written and classified ``unknown``: they name the
publishing site itself, so a caller that knows the site should use that site's own kind (a
government site saying 本站 published its own text; it is not a repost).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

NATIONAL_OUTLETS: frozenset[str] = frozenset(
    {
        "新华社",
        "新华网",
        "新华每日电讯",
        "人民日报",
        "人民网",
        "人民日报海外版",
        "人民日报客户端",
        "央视新闻",
        "央视网",
        "中央电视台",
        "中央广播电视总台",
        "央广网",
        "中国之声",
        "中央人民广播电台",
        "中国国际广播电台",
        "国际在线",
        "中国新闻网",
        "中新网",
        "中新社",
        "中国新闻社",
        "光明日报",
        "光明网",
        "经济日报",
        "中国经济网",
        "新京报",
        "澎湃新闻",
        "环球时报",
        "环球网",
        "中国日报",
        "中国日报网",
        "中国青年报",
        "中青网",
        "中国青年网",
        "法制日报",
        "法治日报",
        "法制网",
        "工人日报",
        "农民日报",
        "科技日报",
        "解放军报",
        "中国军网",
        "求是",
        "求是网",
        "半月谈",
        "瞭望",
        "南方都市报",
        "南方日报",
        "南方周末",
        "南方网",
        "北京日报",
        "北京青年报",
        "解放日报",
        "文汇报",
        "新民晚报",
        "上观新闻",
        "天津日报",
        "重庆日报",
        "河北日报",
        "山西日报",
        "内蒙古日报",
        "辽宁日报",
        "吉林日报",
        "黑龙江日报",
        "新华日报",
        "浙江日报",
        "安徽日报",
        "福建日报",
        "江西日报",
        "大众日报",
        "河南日报",
        "湖北日报",
        "湖南日报",
        "广西日报",
        "海南日报",
        "四川日报",
        "贵州日报",
        "云南日报",
        "西藏日报",
        "陕西日报",
        "甘肃日报",
        "青海日报",
        "宁夏日报",
        "新疆日报",
        "界面新闻",
        "财新",
        "财新网",
        "第一财经",
        "红星新闻",
        "封面新闻",
        "九派新闻",
        "极目新闻",
        "潇湘晨报",
        "楚天都市报",
        "扬子晚报",
        "现代快报",
        "交汇点",
        "荔枝新闻",
        "千龙网",
        "东方网",
        "大河网",
        "凤凰网",
        "凤凰新闻",
        "新浪网",
        "新浪新闻",
        "腾讯新闻",
        "网易新闻",
        "搜狐新闻",
        "今日头条",
        "中国网",
        "中国政协网",
    }
)
OFFICIAL_NAMES: frozenset[str] = frozenset(
    {"中国政府网", "国务院", "国务院办公厅", "国务院新闻办公室", "国新办", "国务院客户端"}
)
SELF_NAMES: frozenset[str] = frozenset({"本站", "本网", "本网站", "本站原创", "本网原创"})
_NON_SOURCES = frozenset(
    {
        "转载",
        "转载文章",
        "网络",
        "互联网",
        "网友",
        "网友投稿",
        "投稿",
        "未知",
        "不详",
        "原创",
        "综合",
        "网络转载",
        "其他",
        "其它",
        "暂无",
        "无",
    }
)
_LABEL = re.compile(
    r"^\s*(?:信息来源|文章来源|新闻来源|稿件来源|内容来源|来源|稿源|出处|转自|转载自|来自|作者|供稿)\s*[:：]?\s*"
)
_CREDIT = re.compile(
    r"\s*(?:[|丨/｜]|本报记者|特约记者|见习记者|实习生|记者|通讯员|责任编辑|责编|编辑|作者|摄影|摄|"
    r"供稿|发布时间|发布日期|时间|日期|点击|浏览|阅读|字号|【|\[|http|www\.).*$"
)
_BRACKETED = re.compile(r"[（(\[【〔][^）)\]】〕]{0,40}[）)\]】〕]")
_EDGE = re.compile(r"^[\s《<“\"'「『·•:：,，.。;；!！、—\-_]+|[\s》>”\"'」』·•:：,，.。;；!！、—\-_]+$")
_SPACES = re.compile(r"\s+")
_ALIAS = {"新华通讯社": "新华社", "中国新闻社": "中新社", "中国中央电视台": "中央电视台"}
_MAX_NAME = 30

_STRONG_MEDIA_SUFFIXES = (
    "日报",
    "晚报",
    "早报",
    "晨报",
    "都市报",
    "电视台",
    "广播电台",
    "广播电视台",
    "广播电视总台",
    "融媒体中心",
    "融媒中心",
    "通讯社",
    "新闻社",
    "杂志社",
    "客户端",
    "卫视",
)
_MEDIA_SUFFIXES = (
    "报",
    "新闻",
    "新闻网",
    "周刊",
    "月刊",
    "杂志",
    "频道",
    "之声",
    "社",
    "网",
    "网站",
    "在线",
)
_OFFICIAL_PARTS = re.compile(
    r"人民政府|政府|党委|人大常委会|政协|法院|检察院|公安|宣传部|新闻办|网信办|管委会|"
    r"[省市县区州旗盟乡镇]委|纪委|监委|应急管理|卫健委|发改委|统计局"
)
_OFFICIAL_SUFFIXES = (
    "办公室",
    "办公厅",
    "委员会",
    "政府网",
    "门户网站",
    "政务网",
    "政府网站",
    "局",
    "厅",
    "委",
    "办",
    "部",
    "署",
    "司",
    "处",
    "所",
    "院",
    "中心",
    "站",
    "队",
    "街道",
    "镇",
    "乡",
    "发布",
)


def normalise_source_name(raw: str) -> str | None:
    """Clean a 来源 value to an outlet or office name; None when it names nothing."""
    if not raw or not isinstance(raw, str):
        return None
    text = _SPACES.sub(" ", raw.replace("\u3000", " ").replace("\xa0", " ")).strip()
    text = _LABEL.sub("", text)
    text = _unwrap(text)
    text = _BRACKETED.sub("", text)
    text = _CREDIT.sub("", text)
    text = re.split(r"[、，,;；]| 和 ", text, maxsplit=1)[0]
    text = _EDGE.sub("", text).strip()
    text = _ALIAS.get(text, text)
    if text.endswith("报社") and len(text) > 3:
        text = text[:-1]
    if not text or len(text) > _MAX_NAME or text in _NON_SOURCES:
        return None
    if not re.search(r"[\u4e00-\u9fffA-Za-z]", text):
        return None
    return text


def classify_source_name(
    name: str,
    registry: Mapping[str, str] | None = None,
    extra_outlets: Iterable[str] = (),
) -> str:
    """ "media", "official" or "unknown": registry, then known outlets, then name patterns."""
    if not name:
        return "unknown"
    cleaned = normalise_source_name(name) or name.strip()
    if registry:
        for key in (name, name.strip(), cleaned):
            kind = registry.get(key)
            if kind in ("media", "official"):
                return kind
    if cleaned in SELF_NAMES:
        return "unknown"
    if cleaned in set(extra_outlets) or cleaned in NATIONAL_OUTLETS:
        return "media"
    if cleaned in OFFICIAL_NAMES:
        return "official"
    return _by_pattern(cleaned)


def _by_pattern(name: str) -> str:
    if name.endswith(_STRONG_MEDIA_SUFFIXES):
        return "media"
    if _OFFICIAL_PARTS.search(name) or name.endswith(_OFFICIAL_SUFFIXES):
        return "official"
    if name.endswith(_MEDIA_SUFFIXES):
        return "media"
    return "unknown"


def _unwrap(text: str) -> str:
    """Drop brackets that wrap the whole value: 《理财周刊》 -> 理财周刊."""
    pairs = {"《": "》", "(": ")", "（": "）", "【": "】", "[": "]", "〔": "〕", "“": "”"}
    while len(text) > 2 and text[0] in pairs and text.endswith(pairs[text[0]]):
        text = text[1:-1].strip()
    return text
