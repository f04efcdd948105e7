"""Place names → regions, for telling apart events that happen in different places.

A region is a path of administrative divisions, e.g. ("江苏省", "连云港市"). Two places are compatible when one
path is a prefix of the other (a city lies in its province). Built in: every province-level division with its
short form, every prefecture-level division (2020 layout) with its short form where that form is not an
ordinary word, a few directly administered county-level cities, a list of foreign countries, and a "national"
scope (全国). Region strings from the source registry (even fictional ones such as "江南省临江市青河县") extend
it at run time with `Gazetteer.extend`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

Region = tuple[str, ...]

NATIONAL: Region = ("全国",)

# (full name, short forms)
PROVINCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("北京市", ("北京",)),
    ("天津市", ("天津",)),
    ("河北省", ("河北",)),
    ("山西省", ("山西",)),
    ("内蒙古自治区", ("内蒙古", "内蒙")),
    ("辽宁省", ("辽宁",)),
    ("吉林省", ("吉林",)),
    ("黑龙江省", ("黑龙江",)),
    ("上海市", ("上海",)),
    ("江苏省", ("江苏",)),
    ("浙江省", ("浙江",)),
    ("安徽省", ("安徽",)),
    ("福建省", ("福建",)),
    ("江西省", ("江西",)),
    ("山东省", ("山东",)),
    ("河南省", ("河南",)),
    ("湖北省", ("湖北",)),
    ("湖南省", ("湖南",)),
    ("广东省", ("广东",)),
    ("广西壮族自治区", ("广西",)),
    ("海南省", ("海南",)),
    ("重庆市", ("重庆",)),
    ("四川省", ("四川",)),
    ("贵州省", ("贵州",)),
    ("云南省", ("云南",)),
    ("西藏自治区", ("西藏",)),
    ("陕西省", ("陕西",)),
    ("甘肃省", ("甘肃",)),
    ("青海省", ("青海",)),
    ("宁夏回族自治区", ("宁夏",)),
    ("新疆维吾尔自治区", ("新疆",)),
    ("台湾省", ("台湾",)),
    ("香港特别行政区", ("香港",)),
    ("澳门特别行政区", ("澳门",)),
)

# Prefecture-level divisions by province (333 in the 2020 layout), plus county-level cities and areas that
# report directly to the province (仙桃, 济源, 石河子, ...).
PREFECTURES: dict[str, str] = {
    "河北省": "石家庄市 唐山市 秦皇岛市 邯郸市 邢台市 保定市 张家口市 承德市 沧州市 廊坊市 衡水市 雄安新区",
    "山西省": "太原市 大同市 阳泉市 长治市 晋城市 朔州市 晋中市 运城市 忻州市 临汾市 吕梁市",
    "内蒙古自治区": "呼和浩特市 包头市 乌海市 赤峰市 通辽市 鄂尔多斯市 呼伦贝尔市 巴彦淖尔市 乌兰察布市 兴安盟 "
    "锡林郭勒盟 阿拉善盟",
    "辽宁省": "沈阳市 大连市 鞍山市 抚顺市 本溪市 丹东市 锦州市 营口市 阜新市 辽阳市 盘锦市 铁岭市 朝阳市 葫芦岛市",
    "吉林省": "长春市 吉林市 四平市 辽源市 通化市 白山市 松原市 白城市 延边朝鲜族自治州 公主岭市",
    "黑龙江省": "哈尔滨市 齐齐哈尔市 鸡西市 鹤岗市 双鸭山市 大庆市 伊春市 佳木斯市 七台河市 牡丹江市 黑河市 绥化市 "
    "大兴安岭地区",
    "江苏省": "南京市 无锡市 徐州市 常州市 苏州市 南通市 连云港市 淮安市 盐城市 扬州市 镇江市 泰州市 宿迁市",
    "浙江省": "杭州市 宁波市 温州市 嘉兴市 湖州市 绍兴市 金华市 衢州市 舟山市 台州市 丽水市",
    "安徽省": "合肥市 芜湖市 蚌埠市 淮南市 马鞍山市 淮北市 铜陵市 安庆市 黄山市 滁州市 阜阳市 宿州市 六安市 亳州市 "
    "池州市 宣城市",
    "福建省": "福州市 厦门市 莆田市 三明市 泉州市 漳州市 南平市 龙岩市 宁德市",
    "江西省": "南昌市 景德镇市 萍乡市 九江市 新余市 鹰潭市 赣州市 吉安市 宜春市 抚州市 上饶市",
    "山东省": "济南市 青岛市 淄博市 枣庄市 东营市 烟台市 潍坊市 济宁市 泰安市 威海市 日照市 临沂市 德州市 聊城市 "
    "滨州市 菏泽市",
    "河南省": "郑州市 开封市 洛阳市 平顶山市 安阳市 鹤壁市 新乡市 焦作市 濮阳市 许昌市 漯河市 三门峡市 南阳市 "
    "商丘市 信阳市 周口市 驻马店市 济源市",
    "湖北省": "武汉市 黄石市 十堰市 宜昌市 襄阳市 鄂州市 荆门市 孝感市 荆州市 黄冈市 咸宁市 随州市 "
    "恩施土家族苗族自治州 仙桃市 潜江市 天门市 神农架林区",
    "湖南省": "长沙市 株洲市 湘潭市 衡阳市 邵阳市 岳阳市 常德市 张家界市 益阳市 郴州市 永州市 怀化市 娄底市 "
    "湘西土家族苗族自治州",
    "广东省": "广州市 韶关市 深圳市 珠海市 汕头市 佛山市 江门市 湛江市 茂名市 肇庆市 惠州市 梅州市 汕尾市 河源市 "
    "阳江市 清远市 东莞市 中山市 潮州市 揭阳市 云浮市",
    "广西壮族自治区": "南宁市 柳州市 桂林市 梧州市 北海市 防城港市 钦州市 贵港市 玉林市 百色市 贺州市 河池市 来宾市 "
    "崇左市",
    "海南省": "海口市 三亚市 三沙市 儋州市",
    "四川省": "成都市 自贡市 攀枝花市 泸州市 德阳市 绵阳市 广元市 遂宁市 内江市 乐山市 南充市 眉山市 宜宾市 广安市 "
    "达州市 雅安市 巴中市 资阳市 阿坝藏族羌族自治州 甘孜藏族自治州 凉山彝族自治州",
    "贵州省": "贵阳市 六盘水市 遵义市 安顺市 毕节市 铜仁市 黔西南布依族苗族自治州 黔东南苗族侗族自治州 "
    "黔南布依族苗族自治州",
    "云南省": "昆明市 曲靖市 玉溪市 保山市 昭通市 丽江市 普洱市 临沧市 楚雄彝族自治州 红河哈尼族彝族自治州 "
    "文山壮族苗族自治州 西双版纳傣族自治州 大理白族自治州 德宏傣族景颇族自治州 怒江傈僳族自治州 迪庆藏族自治州",
    "西藏自治区": "拉萨市 日喀则市 昌都市 林芝市 山南市 那曲市 阿里地区",
    "陕西省": "西安市 铜川市 宝鸡市 咸阳市 渭南市 延安市 汉中市 榆林市 安康市 商洛市",
    "甘肃省": "兰州市 嘉峪关市 金昌市 白银市 天水市 武威市 张掖市 平凉市 酒泉市 庆阳市 定西市 陇南市 临夏回族自治州 "
    "甘南藏族自治州",
    "青海省": "西宁市 海东市 海北藏族自治州 黄南藏族自治州 海南藏族自治州 果洛藏族自治州 玉树藏族自治州 "
    "海西蒙古族藏族自治州",
    "宁夏回族自治区": "银川市 石嘴山市 吴忠市 固原市 中卫市",
    "新疆维吾尔自治区": "乌鲁木齐市 克拉玛依市 吐鲁番市 哈密市 昌吉回族自治州 博尔塔拉蒙古自治州 巴音郭楞蒙古自治州 "
    "阿克苏地区 克孜勒苏柯尔克孜自治州 喀什地区 和田地区 伊犁哈萨克自治州 塔城地区 阿勒泰地区 "
    "新疆生产建设兵团 石河子市 五家渠市 阿拉尔市 图木舒克市",
}

# Short forms that are also ordinary words or other places' names: only the full name is recognised.
_AMBIGUOUS = """
    日照 朝阳 中山 大同 白山 黄山 四平 德州 玉树 海南 安康 阿里 白银 来宾 普洱 大庆 吉林 长治 大理 北海 天门
    山南 海北 海西 海东 黄南 红河 文山 怒江 仙桃 潜江 三明 永安 新区 兴安 公主岭 江南 江北 河西 河东 城关
"""
AMBIGUOUS_SHORT: frozenset[str] = frozenset(_AMBIGUOUS.split())

FOREIGN: tuple[str, ...] = tuple(
    """
    日本 韩国 朝鲜 蒙古国 美国 加拿大 墨西哥 巴西 阿根廷 智利 秘鲁 哥伦比亚 厄瓜多尔 委内瑞拉 古巴 英国 爱尔兰 法国
    德国 意大利 西班牙 葡萄牙 荷兰 比利时 卢森堡 瑞士 奥地利 瑞典 挪威 芬兰 丹麦 冰岛 希腊 波兰 捷克 斯洛伐克
    匈牙利 罗马尼亚 保加利亚 塞尔维亚 克罗地亚 斯洛文尼亚 北马其顿 阿尔巴尼亚 圣马力诺 摩纳哥 立陶宛 拉脱维亚
    爱沙尼亚 白俄罗斯 乌克兰 俄罗斯 格鲁吉亚 亚美尼亚 阿塞拜疆 土耳其 伊朗 伊拉克 叙利亚 黎巴嫩 以色列 巴勒斯坦
    约旦 沙特阿拉伯 沙特 科威特 巴林 卡塔尔 阿联酋 阿曼 也门 埃及 利比亚 突尼斯 阿尔及利亚 摩洛哥 尼日利亚
    埃塞俄比亚 肯尼亚 南非 阿富汗 巴基斯坦 印度 尼泊尔 孟加拉国 斯里兰卡 马尔代夫 哈萨克斯坦 乌兹别克斯坦
    吉尔吉斯斯坦 塔吉克斯坦 土库曼斯坦 泰国 越南 老挝 柬埔寨 缅甸 马来西亚 新加坡 印度尼西亚 印尼 菲律宾 文莱
    澳大利亚 新西兰
    """.split()  # noqa: SIM905
)

# "31个省（自治区、直辖市）" is how national statistics name the whole country; "湖北以外30个省" is the rest of it.
NATIONAL_NAMES: tuple[str, ...] = (
    "全国",
    "31个省",
    "31省",
    "31个省份",
    "31省份",
    "31省区市",
    "30个省",
    "30省",
    "30个省份",
    "30省份",
    "30省区市",
)

_AUTONOMOUS_RE = re.compile(r"^(.+?)(?:朝鲜|土家|苗|藏|羌|彝|布依|侗|哈尼|壮|傣|白|景颇|傈僳|回|蒙古|柯尔克孜|哈萨克)")
_DIVISION_RE = re.compile(r".+?(?:特别行政区|自治区|自治州|自治县|林区|新区|地区|省|市|州|盟|县|区|旗|镇|乡)")
_SUFFIX_CHARS = frozenset("省市州盟县区旗镇乡")
_SUFFIX_RE = re.compile(r"(?:特别行政区|自治区|自治州|自治县|林区|新区|地区|省|市|州|盟|县|区|旗|镇|乡)$")


@dataclass(frozen=True)
class Place:
    name: str  # as written in the text
    region: Region
    start: int  # character offset in the text


def compatible(a: Region, b: Region) -> bool:
    """True when one region contains the other."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def split_divisions(text: str) -> list[str]:
    """Split a region string: 江南省临江市青河县 → 江南省, 临江市, 青河县; 广东省广州市 → 广东省, 广州市."""
    parts: list[str] = []
    rest = text.strip()
    while rest:
        m = _DIVISION_RE.match(rest)
        if m is None:
            break
        end = m.end()
        while end < len(rest) and rest[end] in _SUFFIX_CHARS:
            end += 1
        parts.append(rest[:end])
        rest = rest[end:]
    return parts


def short_forms(full: str) -> list[str]:
    """Forms of a division name used in running text: 连云港市 → 连云港; 延边朝鲜族自治州 → 延边, 延边州."""
    if full.endswith("自治州"):
        m = _AUTONOMOUS_RE.match(full)
        stem = m.group(1) if m else full[:-3]
        return [stem + "州"] + ([stem] if stem not in AMBIGUOUS_SHORT else [])
    stem = _SUFFIX_RE.sub("", full)
    if len(stem) < 2 or stem in AMBIGUOUS_SHORT or stem == full:
        return []
    return [stem]


class Gazetteer:
    """Finds place names in text (longest match, left to right) and maps them to regions."""

    def __init__(self, regions: Iterable[str] = ()) -> None:
        self._names: dict[str, Region] = {}
        self._lengths: dict[str, tuple[int, ...]] = {}  # first character -> name lengths, longest first
        self._starts: re.Pattern[str] | None = None  # any first character of a name; rebuilt after additions
        self._tags: dict[str, str] = {}  # name -> "@" + its deepest division, see `tag_places`
        for name in NATIONAL_NAMES:
            self._add(name, NATIONAL)
        for country in FOREIGN:
            self._add(country, ("国外", "沙特阿拉伯" if country == "沙特" else country))
        self._add("印尼", ("国外", "印度尼西亚"))
        for province, shorts in PROVINCES:
            region = (province,)
            for name in (province, *shorts):
                self._add(name, region)
        for province, cities in PREFECTURES.items():
            for city in cities.split():
                region = (province, city)
                for name in (city, *short_forms(city)):
                    self._add(name, region, replace=False)
        self.extend(regions)

    def _add(self, name: str, region: Region, replace: bool = True) -> None:
        if replace or name not in self._names:
            self._names[name] = region
            self._tags[name] = "@" + region[-1]
            lengths = set(self._lengths.get(name[0], ())) | {len(name)}
            self._lengths[name[0]] = tuple(sorted(lengths, reverse=True))
            self._starts = None

    def extend(self, regions: Iterable[str]) -> None:
        """Learn the divisions named in registry region strings such as "江南省临江市青河县"."""
        for text in regions:
            path: Region = ()
            for full in split_divisions(text):
                known = self._names.get(full)
                if known is not None and compatible(known, path) and len(known) > len(path):
                    path = known
                else:
                    path = (*path, full)
                self._add(full, path, replace=False)
                for short in short_forms(full):
                    self._add(short, path, replace=False)

    def region_of(self, text: str | None) -> Region | None:
        """The region a registry string such as "江苏省连云港市" denotes (the deepest division it names)."""
        if not text:
            return None
        self.extend([text])
        best: Region | None = None
        for full in split_divisions(text):
            region = self._names.get(full)
            if region is not None and (best is None or len(region) > len(best)):
                best = region
        return best

    def find(self, text: str) -> list[Place]:
        """Place names in `text`, longest first at each position, scanning left to right."""
        starts = self._starts
        if starts is None:
            starts = self._starts = re.compile("[" + "".join(map(re.escape, sorted(self._lengths))) + "]")
        places: list[Place] = []
        names, lengths = self._names, self._lengths
        m = starts.search(text)
        while m is not None:
            i = m.start()
            for length in lengths[text[i]]:
                region = names.get(text[i : i + length])
                if region is not None:
                    places.append(Place(text[i : i + length], region, i))
                    i += length
                    break
            else:
                i += 1
            m = starts.search(text, i)
        return places

    def region_named(self, name: str) -> Region | None:
        """The region of an exact place name, or None."""
        return self._names.get(name)

    def tag_places(self, terms: Iterable[str]) -> list[str]:
        """`terms` with each place name replaced by "@" and its deepest division (湖北, 湖北省 → @湖北省)."""
        return list(map(self._tags.get, terms, terms))

    def names(self) -> list[str]:
        return list(self._names)
