"""Write the labelled evaluation corpus bench/corpus/written_events.jsonl (deterministic; see README.md).

    python bench/corpus/make_corpus.py [--out PATH] [--check]

Every text is written for this project: places, outlets, people, firms and figures are invented (the provinces
are real names, the cities and counties are not). Events are planned in `PLAN`; each planned happening is told by
a list of outlets, each in its own style (wire, rewrite, eyewitness lead, local paper with relative dates, TV
flash, two-line government notice, police statement titled only 警情通报, verbatim portal repost, press
conference write-up, later update). The wording of each document is picked from hand-written variants with a
random generator seeded by the event and outlet, so re-running gives byte-identical output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

CST = timezone(timedelta(hours=8))
OUT = Path(__file__).with_name("written_events.jsonl")

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


# ---------------------------------------------------------------------------------------------------------------
# Incident types: hand-written variants. Slots: {P} {Ps} {C} {Cs} {X} {Xs} province/city/county (short),
# {town} {site} {firm} {road} and the figures of the plan, {DAY} the day as the outlet would write it
# (6月4日, 4日, 昨天, 今天), {TIME} the clock time, {tag} the "6·4" label, {what} the kind of happening.


@dataclass(frozen=True)
class Spec:
    what: str
    titles: tuple[str, ...]  # news headlines, long and short
    local_titles: tuple[str, ...]  # the city's own paper: 我市 / the county's short name
    flash_titles: tuple[str, ...]
    leads: tuple[str, ...]  # first sentence, formal
    phrase: str  # "X{town}{site}" + phrase: the happening in a few words
    facts: tuple[str, ...]
    witness: tuple[str, ...]
    notice_titles: tuple[str, ...]
    notices: tuple[str, ...]  # two-line official notices
    presser_titles: tuple[str, ...]
    presser_facts: tuple[str, ...]
    updates: tuple[tuple[str, str], ...] = ()  # later news: (title, body)
    police: str | None = None


RESPONSE = (
    "事件发生后，{C}、{X}两级党委政府主要负责同志第一时间赶赴现场，组织应急、公安、消防、卫健等部门开展处置。",
    "{X}已成立由县政府主要负责人牵头的工作专班，全力做好伤员救治和善后处置工作。",
    "目前，相关善后工作正在有序进行，具体原因正在进一步调查中。",
    "当地要求各部门举一反三，深入开展隐患排查整治，坚决防范类似事件再次发生。",
    "{C}应急管理局已派出工作组赶赴现场指导处置。",
    "记者离开现场时，周边秩序已基本恢复正常。",
)

SPECS: dict[str, Spec] = {
    "fire": Spec(
        what="火灾",
        titles=(
            "{Ps}{Cs}一{sitek}发生火灾 已致{dead}人死亡{hurt}人受伤",
            "{Cs}{Xs}{sitek}火灾造成{dead}死{hurt}伤",
            "{Cs}市{Xs}{town}一{sitek}突发大火，{dead}人遇难",
            "直击{Xs}{sitek}火灾现场：浓烟滚滚 消防员连续奋战{hours}小时",
            "{X}“{tag}”火灾事故：{dead}人死亡，企业负责人已被控制",
        ),
        local_titles=("{Xs}{town}一{sitek}发生火灾", "{Xs}{sitek}火灾 {dead}人不幸遇难", "我市全力处置{Xs}{sitek}火灾"),
        flash_titles=("{Xs}{town}一{sitek}起火", "突发！{Xs}一{sitek}发生火灾", "{Cs}{Xs}{sitek}失火"),
        leads=(
            "{DAY}{TIME}，{C}{X}{town}{site}发生火灾，截至目前已造成{dead}人死亡、{hurt}人受伤。",
            "{DAY}{TIME}，位于{X}{town}的{firm}厂房突然起火，火势蔓延迅速，现场升起大量黑烟。",
            "记者从{C}应急管理局获悉，{DAY}{TIME}，{X}{town}{site}发生一起火灾事故，{dead}人经抢救无效死亡。",
            "{DAY}{TIME}许，{X}消防救援大队接到报警，称{town}{site}发生火情，请求救援。",
        ),
        phrase="发生火灾",
        facts=(
            "接警后，{C}消防救援支队先后调派{trucks}辆消防车、{firemen}名指战员赶赴现场，经过约{hours}小时扑救，明火于当晚被扑灭。",
            "起火建筑为一栋三层钢结构厂房，过火面积约{area}平方米，主要存放{goods}。",
            "{hurt}名受伤人员已被送往{Cs}市人民医院救治，其中{serious}人伤势较重，其余人员生命体征平稳。",
            "据{firm}一名员工介绍，起火时车间内约有{workers}名工人正在作业，大部分人员在第一时间撤离。",
            "事故发生后，当地对周边{radius}米范围内的企业和村民进行了临时疏散，环境监测部门对空气和水体开展了监测，暂未发现异常。",
            "涉事企业{firm}成立于{founded}年，主要从事{business}，相关负责人已被公安机关控制。",
        ),
        witness=(
            "“先是听到几声闷响，接着就看到黑烟从厂房顶上冒出来，半边天都黑了。”在附近经营小卖部的{wname}回忆说。",
            "“我们在隔壁车间干活，闻到一股很冲的焦味，马上就往外跑。”一位姓{wsur}的工人告诉记者，他跑出来时火已经很大。",
            "“消防车一辆接一辆地开过去，警笛响了差不多一个下午。”住在{town}街上的{wname}说。",
        ),
        notice_titles=("关于{town}一企业火灾事故的情况通报", "情况通报"),
        notices=(
            "{m}月{d}日{TIME}，{X}{town}{site}发生火灾。接警后，消防救援力量迅速到场处置，目前明火已扑灭，人员伤亡情况正在核实，事故原因正在调查。",
            "{m}月{d}日{TIME}许，{town}{firm}厂房起火，事故造成{dead}人死亡、{hurt}人受伤，伤者已送医救治。县委县政府已成立工作专班，善后和调查工作正在进行中。",
        ),
        presser_titles=(
            "{Cs}通报{Xs}“{tag}”火灾事故：{dead}人遇难，{n_held}名相关人员被控制",
            "{C}召开新闻发布会通报{X}{sitek}火灾有关情况",
            "{Xs}化工厂火灾事故发布会：排查发现企业存在违规储存问题",
        ),
        presser_facts=(
            "经初步调查，事故直接原因系车间内违规存放的{goods}遇明火引发燃烧。",
            "目前，公安机关已依法控制企业实际控制人等{n_held}名相关人员。",
            "全市已部署开展为期三个月的危险化学品安全专项整治，逐一排查重点企业。",
        ),
        updates=(
            ("{Xs}{sitek}火灾遇难者增至{dead}人", "记者从{X}获悉，{DAY}发生的{town}{firm}火灾中，一名重伤员经抢救无效死亡，遇难人数增至{dead}人。其余伤员病情稳定。"),
        ),
        police="{m}月{d}日{TIME}，{X}{town}{firm}发生火灾，造成{dead}人死亡、{hurt}人受伤。目前，该企业负责人等{n_held}人已被警方依法控制，事故原因正在进一步调查中。",
    ),
    "traffic": Spec(
        what="交通事故",
        titles=(
            "{road}{Xs}段发生多车相撞事故 致{dead}死{hurt}伤",
            "{Ps}{Cs}境内高速多车追尾，{dead}人死亡",
            "{road}{Xs}段{cars}车相撞 {dead}人遇难{hurt}人受伤",
            "雨天路滑，{road}发生连环追尾事故",
        ),
        local_titles=("{road}{Xs}段发生交通事故", "{road}多车追尾 {dead}人遇难", "{Xs}境内高速发生连环追尾"),
        flash_titles=("{road}{Xs}段发生事故 交通管制中", "突发：{road}多车追尾", "{road}{Xs}段交通事故"),
        leads=(
            "{DAY}{TIME}，{road}{X}段{km}公里处发生一起{cars}车相撞的交通事故，造成{dead}人死亡、{hurt}人受伤。",
            "记者从{C}公安局交警支队获悉，{DAY}{TIME}许，{road}往{dest}方向{X}境内发生多车追尾事故。",
            "{DAY}{TIME}，受降雨影响，{road}{Xs}段路面湿滑，一辆重型货车与前方多辆小型客车发生碰撞。",
        ),
        phrase="发生多车相撞交通事故",
        facts=(
            "事故发生后，交警、消防、医疗等救援力量迅速赶到现场，对被困人员展开救援，{hurt}名伤者被送往{X}人民医院。",
            "受事故影响，{road}往{dest}方向一度实行交通管制，车辆从{exit}收费站分流，现场滞留车辆排队长达{queue}公里。",
            "据了解，事故涉及一辆重型半挂货车和{small}辆小型客车，肇事货车驾驶员已被警方控制。",
            "截至当晚{clear}时，事故现场清理完毕，道路恢复双向通行。",
            "交警部门提醒，雨天行车务必降低车速、保持车距，切勿疲劳驾驶。",
        ),
        witness=(
            "“前面突然一脚急刹，后面的车根本停不住，一辆撞一辆。”一位从事故现场附近经过的司机{wname}说。",
            "“我们在车里等了两个多小时，前后都是车，一动不能动。”被堵在路上的旅客{wname}告诉记者。",
        ),
        notice_titles=("关于{road}{Xs}段交通事故的情况通报", "{road}{Xs}段交通事故情况通报"),
        notices=(
            "{m}月{d}日{TIME}，{road}{X}段发生一起多车相撞交通事故。事故造成{dead}人死亡、{hurt}人受伤，伤者正在全力救治，事故原因正在调查。",
            "{m}月{d}日{TIME}许，{road}往{dest}方向{km}公里处发生交通事故，相关部门已第一时间开展救援和交通疏导，具体情况正在核实。",
        ),
        presser_titles=("{Cs}通报{road}交通事故：肇事货车存在超载", "{C}召开{road}“{tag}”交通事故情况发布会"),
        presser_facts=(
            "经初步调查，肇事货车核定载质量{load}吨，实际载货{overload}吨，存在严重超载行为。",
            "{C}将在全市范围内开展道路运输安全集中整治行动，严查超载超限和疲劳驾驶。",
        ),
        police="{m}月{d}日{TIME}，{road}{X}段{km}公里处发生一起{cars}车相撞交通事故，造成{dead}人死亡、{hurt}人受伤。肇事货车驾驶员已被依法控制，事故原因正在进一步调查中。",
    ),
    "poison": Spec(
        what="食物中毒",
        titles=(
            "{Ps}{Xs}一{school}多名学生出现呕吐腹痛 疑似食物中毒",
            "{Cs}{Xs}{school}{sick}名学生就医，当地通报",
            "{Xs}一学校学生集体就医 市场监管部门已封存食堂留样",
            "{X}{school}疑似食物中毒事件：{sick}名学生送医观察",
        ),
        local_titles=("{Xs}{school}部分学生身体不适送医", "{school}学生就医事件 {Xs}县成立调查组"),
        flash_titles=("{Xs}一学校多名学生送医", "{Xs}{school}学生集体就医"),
        leads=(
            "{DAY}{TIME}起，{C}{X}{school}陆续有学生出现呕吐、腹痛、发热等症状，截至目前已有{sick}名学生到医院就诊。",
            "记者从{X}教育局获悉，{DAY}午餐后，{school}多名学生出现身体不适，疑似食物中毒。",
            "{DAY}，有家长在网上反映，{X}{school}不少学生吃过学校午饭后上吐下泻，孩子被送到了医院。",
        ),
        phrase="发生多名学生疑似食物中毒事件",
        facts=(
            "就诊学生分别被送往{X}人民医院和{X}中医院，其中{stay}人留院观察，其余学生经治疗后已返回家中。",
            "{X}市场监管局已对学校食堂进行查封，对当天的留样食品和餐具进行抽样送检。",
            "该校共有学生{pupils}余人，食堂由{caterer}承包经营，当天午餐有{menu}等。",
            "县疾控中心已开展流行病学调查，具体原因需待检测结果出来后确定。",
            "学校已暂停食堂供餐，改由县里统一配送营养餐。",
        ),
        witness=(
            "“孩子中午回来说肚子疼，下午就开始吐，班上好几个同学都这样。”一位学生家长{wname}说。",
            "“医院走廊里坐满了学生和家长，医生护士忙得团团转。”在县医院陪护的{wname}告诉记者。",
        ),
        notice_titles=("关于{school}学生就医情况的通报", "{X}教育局情况通报"),
        notices=(
            "{m}月{d}日午餐后，{school}部分学生出现呕吐、腹痛等症状，已送医诊治，目前均无生命危险。县里已成立调查组，相关情况将及时公布。",
            "{m}月{d}日，我县{school}{sick}名学生出现身体不适，经医院诊治，{stay}人留院观察，其余已返家。食堂已停业整顿，原因正在调查。",
        ),
        presser_titles=("{Xs}通报{school}学生就医事件：{stay}名学生仍在观察", "{X}召开{school}学生就医事件新闻发布会"),
        presser_facts=("县政府负责人表示，将根据检测结果依法依规严肃追责。", "全县已对{canteens}所学校食堂开展食品安全拉网式排查。"),
    ),
    "protest": Spec(
        what="项目选址",
        titles=(
            "{Cs}暂停{project}选址前期工作",
            "{Ps}{Cs}：{project}选址工作暂停",
            "回应市民关切 {Cs}宣布暂停{project}选址",
            "{C}人民政府发布通告 暂停{project}选址前期工作",
        ),
        local_titles=("市政府决定暂停{project}选址前期工作", "我市暂停{project}选址 将充分听取群众意见"),
        flash_titles=("{Cs}宣布暂停{project}选址", "{Cs}：暂停{project}选址前期工作"),
        leads=(
            "{DAY}，{C}人民政府发布通告，决定暂停{project}选址前期工作。",
            "针对部分市民对{project}的关切，{C}{DAY}宣布，即日起暂停该项目选址前期工作。",
            "{DAY}{TIME}，{C}召开新闻发布会，宣布暂停{project}选址前期工作，并表示将依法依规公开相关信息。",
        ),
        phrase="部分市民聚集表达对项目的担忧",
        facts=(
            "此前几天，{C}部分市民在{square}聚集，对{project}可能落户{X}表达担忧。",
            "据了解，该项目拟选址{X}{town}，计划总投资约{invest}亿元，目前尚处于选址论证阶段，未开展任何实质性建设。",
            "市政府有关负责人表示，将认真倾听市民意见，在充分论证、依法公开的基础上作出决策。",
            "{C}公安机关提醒市民通过正常渠道表达诉求，不信谣、不传谣。",
        ),
        witness=(
            "“我们不是反对发展，就是想知道这个项目到底安不安全。”一位在{square}的市民{wname}说。",
            "“通告出来以后，大家心里踏实多了。”家住{town}的{wname}告诉记者。",
        ),
        notice_titles=("{C}人民政府关于暂停{project}选址前期工作的通告", "关于暂停{project}选址前期工作的通告"),
        notices=("经市政府研究决定，暂停{project}选址前期工作。特此通告。", "为回应市民关切，{C}人民政府决定即日起暂停{project}选址前期工作。后续工作进展将及时向社会公布。"),
        presser_titles=("{Cs}召开新闻发布会回应{project}有关问题", "{C}新闻发布会：{project}选址前期工作暂停"),
        presser_facts=("发布会上，{vm}表示，项目选址前期工作自即日起暂停，任何决策都将充分听取群众意见。",),
    ),
    "flood": Spec(
        what="暴雨",
        titles=(
            "{Ps}{Xs}遭遇强降雨 紧急转移群众{moved}人",
            "{Cs}{Xs}暴雨致多处道路中断 {moved}名群众转移",
            "强降雨袭击{Xs}：{town}最大降雨量{rain}毫米",
            "{Xs}全力应对强降雨，已转移安置{moved}人",
        ),
        local_titles=("{Xs}遭遇今年入汛以来最强降雨", "{Xs}连夜转移群众{moved}人"),
        flash_titles=("{Xs}普降暴雨 部分道路积水", "{Xs}{town}降雨量超{rain}毫米"),
        leads=(
            "{DAY}凌晨至{TIME}，{C}{X}出现大范围强降雨，{town}累计降雨量达{rain}毫米。",
            "受强降雨影响，{DAY}{X}多地出现积水和山洪，当地已紧急转移群众{moved}人。",
            "记者从{X}防汛抗旱指挥部获悉，{DAY}以来，{X}普降大到暴雨，局地特大暴雨。",
        ),
        phrase="遭遇强降雨",
        facts=(
            "截至{DAY}{clear}时，全县共转移安置群众{moved}人，开放临时安置点{shelters}个。",
            "暴雨导致{X}境内{roads}条县乡道路因塌方或积水中断，电力部门正在抢修受损线路。",
            "{town}{village}村一处山体发生滑坡，提前转移的{families}户村民无人员伤亡。",
            "县防指已将防汛应急响应提升至Ⅲ级，各乡镇干部全部下沉一线值守。",
            "气象部门预计未来三天仍有较强降雨，提醒市民减少外出，远离河道和山体。",
        ),
        witness=(
            "“半夜雨下得像倒水一样，村干部挨家挨户敲门叫我们走。”被转移到安置点的村民{wname}说。",
            "“路面的水一下子就到了膝盖，车开不过去。”在{town}开店的{wname}告诉记者。",
        ),
        notice_titles=("{X}防汛抗旱指挥部关于强降雨防御情况的通报", "强降雨防御工作情况通报"),
        notices=(
            "{m}月{d}日，我县出现强降雨过程，{town}降雨量{rain}毫米。全县已转移群众{moved}人，暂无人员伤亡报告。",
            "受强降雨影响，{m}月{d}日我县部分道路中断，已累计转移安置群众{moved}人。请广大群众注意防范。",
        ),
        presser_titles=("{Xs}通报强降雨灾情：转移{moved}人无人员伤亡",),
        presser_facts=("初步统计，此次强降雨造成直接经济损失约{loss}万元。",),
    ),
    "gas": Spec(
        what="燃气爆炸",
        titles=(
            "{Cs}{Xs}一餐馆发生燃气爆炸 {dead}死{hurt}伤",
            "{Ps}{Cs}{street}发生燃气爆炸事故",
            "{Cs}一餐饮店燃气爆炸，周边商铺玻璃被震碎",
            "{Cs}{Xs}餐馆爆炸致{dead}人死亡，初步判断为燃气泄漏引发",
        ),
        local_titles=("{street}一餐馆发生燃气爆炸", "{Xs}{street}爆炸事故致{dead}人遇难"),
        flash_titles=("{Cs}{street}一餐馆爆炸", "突发：{Cs}{Xs}一餐馆发生爆炸"),
        leads=(
            "{DAY}{TIME}，{C}{X}{street}一家餐馆发生燃气爆炸，造成{dead}人死亡、{hurt}人受伤。",
            "{DAY}{TIME}许，{X}{street}传出一声巨响，一家名为“{shop}”的餐馆发生爆炸，门窗被炸飞。",
            "记者从{C}应急管理局获悉，{DAY}{TIME}，{X}{street}一餐饮店发生爆炸事故，初步判断系液化石油气泄漏引发。",
        ),
        phrase="一餐馆发生燃气爆炸",
        facts=(
            "爆炸造成餐馆及相邻{shops}间商铺不同程度受损，附近多辆汽车玻璃被震碎。",
            "{hurt}名伤者已被送往{Cs}市第一人民医院，其中{serious}人伤势较重。",
            "事故发生后，{X}立即组织力量对{street}沿线餐饮场所开展燃气安全检查。",
            "据附近商户介绍，发生爆炸的餐馆刚开业不到半年，店内使用瓶装液化气。",
        ),
        witness=(
            "“轰的一声，整栋楼都在晃，我还以为地震了。”住在餐馆楼上的{wname}说。",
            "“玻璃碴子飞得满街都是，好几个路过的人被划伤。”在对面开水果店的{wname}回忆。",
        ),
        notice_titles=("关于{street}一餐饮店爆炸事故的情况通报",),
        notices=("{m}月{d}日{TIME}，{X}{street}一餐饮店发生爆炸，造成{dead}人死亡、{hurt}人受伤。伤者正在全力救治，事故原因正在调查。",),
        presser_titles=("{Cs}通报{street}餐馆爆炸事故：系液化气钢瓶泄漏引发",),
        presser_facts=("经初步调查，事故系餐馆操作间液化石油气钢瓶连接软管老化破损、气体泄漏后遇明火引发。",),
        police="{m}月{d}日{TIME}许，{X}{street}一餐饮店发生爆炸，造成{dead}人死亡、{hurt}人受伤。该店经营者已被警方控制。",
    ),
    "quake": Spec(
        what="地震",
        titles=(
            "{Ps}{Cs}{Xs}发生{mag}级地震 震源深度{depth}千米",
            "{Xs}{mag}级地震：震区暂无人员伤亡报告",
            "{Cs}{Xs}发生{mag}级地震，{C}多地震感明显",
        ),
        local_titles=("{Xs}发生{mag}级地震 全市震感明显", "{Xs}地震：各部门连夜排查"),
        flash_titles=("{Xs}发生{mag}级地震", "刚刚，{Cs}{Xs}地震"),
        leads=(
            "中国地震台网正式测定：{DAY}{TIME}在{P}{C}{X}（北纬{lat}度，东经{lon}度）发生{mag}级地震，震源深度{depth}千米。",
            "{DAY}{TIME}，{C}{X}发生{mag}级地震，{C}主城区震感明显。",
            "据地震部门测定，{DAY}{TIME}，{X}境内发生{mag}级地震，震中位于{town}附近。",
        ),
        phrase="发生地震",
        facts=(
            "震中{radius}公里范围内平均海拔约{alt}米，距{X}县城约{dist}公里。",
            "截至目前，震区暂未收到人员伤亡报告，部分老旧房屋出现墙体裂缝。",
            "地震发生后，{P}地震局启动地震应急四级响应，派出现场工作队赶赴震区。",
            "{X}已组织各乡镇对辖区内学校、医院、水库等重点部位开展排查。",
        ),
        witness=(
            "“桌上的杯子都在晃，我们赶紧跑下楼。”{C}市民{wname}说。",
            "“晃了大概五六秒，房梁吱吱响。”{town}村民{wname}告诉记者。",
        ),
        notice_titles=("关于{X}{mag}级地震的情况通报",),
        notices=("{m}月{d}日{TIME}，我县{town}附近发生{mag}级地震。经初步排查，暂无人员伤亡报告，部分房屋受损情况正在核查。",),
        presser_titles=("{Xs}{mag}级地震灾情通报：{houses}间房屋受损 无人员伤亡",),
        presser_facts=("经全面排查，地震造成{houses}间房屋出现不同程度受损，无人员伤亡。",),
    ),
    "rescue": Spec(
        what="被困",
        titles=(
            "{Ps}{Xs}{people}名驴友被困{mountain} 救援队连夜搜救",
            "{Cs}{people}名驴友山中被困{hours}小时后获救",
            "{mountain}驴友被困事件：{people}人全部获救",
        ),
        local_titles=("{people}名驴友被困{mountain}", "{mountain}被困驴友全部获救"),
        flash_titles=("{people}名驴友被困{mountain}", "{mountain}搜救进行中"),
        leads=(
            "{DAY}{TIME}，{X}应急管理局接到求助，{people}名驴友在{mountain}徒步时迷路被困。",
            "{DAY}，{people}名外地游客在{C}{X}{mountain}未开发区域徒步时遭遇暴雨，与外界失去联系。",
            "经过{hours}小时搜救，{DAY}被困{X}{mountain}的{people}名驴友全部安全获救。",
        ),
        phrase="有驴友被困",
        facts=(
            "接警后，{X}迅速组织消防、公安、民间救援队等{rescuers}余人进山搜救。",
            "被困人员为{people}名来自外省的徒步爱好者，其中{injured}人轻微擦伤。",
            "当地提醒，{mountain}部分区域为未开发景区，严禁擅自进入。",
        ),
        witness=("“山里信号时有时无，雨越下越大，我们只能找块石头躲着。”获救的驴友{wname}说。",),
        notice_titles=("关于{mountain}驴友被困救援情况的通报",),
        notices=("{m}月{d}日，{people}名游客在{mountain}被困，经全力搜救，已全部安全下山。{injured}人受轻伤，已送医检查。",),
        presser_titles=(),
        presser_facts=(),
    ),
    "water": Spec(
        what="自来水异味",
        titles=(
            "{Cs}{Xs}部分小区自来水有异味 水务部门回应",
            "{Cs}市民反映自来水发黄有异味，官方：已启动应急处置",
            "{Xs}自来水异味调查：水源地藻类异常增殖所致",
        ),
        local_titles=("{Xs}部分小区自来水出现异味", "自来水异味问题 市水务集团作出回应"),
        flash_titles=("{Cs}部分小区自来水有异味",),
        leads=(
            "{DAY}起，{C}{X}多个小区居民反映自来水出现土腥味，部分水样颜色发黄。",
            "针对市民反映的自来水异味问题，{C}水务集团{DAY}回应称，系{reservoir}藻类异常增殖导致。",
            "{DAY}，不少{X}居民在社交平台反映家中自来水有异味，有人已购买桶装水应急。",
        ),
        phrase="部分小区自来水出现异味",
        facts=(
            "{C}水务集团表示，已在水厂投加活性炭并加强工艺处理，出厂水各项指标符合国家标准。",
            "涉及的小区主要分布在{X}{streets}等片区，约{households}户居民受影响。",
            "{C}疾控中心对管网末梢水进行了抽检，{samples}份水样检测结果均合格。",
        ),
        witness=("“烧开以后味道更重，不敢给孩子喝。”家住{estate}小区的{wname}说。",),
        notice_titles=("关于{X}部分区域自来水异味问题的情况说明",),
        notices=("近日，{X}部分区域自来水出现异味，经检测系{reservoir}藻类增殖所致。目前出厂水水质达标，市民可正常饮用。",),
        presser_titles=(),
        presser_facts=(),
    ),
    "bridge": Spec(
        what="桥梁垮塌",
        titles=(
            "{Cs}{Xs}一座桥梁发生垮塌 {cars}辆车坠河",
            "{Ps}{Xs}{bridgen}垮塌，已致{dead}人死亡",
            "{Xs}桥梁垮塌事故：{dead}人遇难，{missing}人失联",
        ),
        local_titles=("{Xs}{bridgen}发生垮塌", "{bridgen}垮塌 搜救仍在进行"),
        flash_titles=("{Xs}一桥梁垮塌", "突发：{Xs}{bridgen}垮塌"),
        leads=(
            "{DAY}{TIME}，{C}{X}{bridgen}发生垮塌，{cars}辆正在桥上通行的车辆坠入河中。",
            "记者从{X}获悉，{DAY}{TIME}许，连接{town}和县城的{bridgen}突然断裂，造成{dead}人死亡、{missing}人失联。",
        ),
        phrase="一座桥梁发生垮塌",
        facts=(
            "{bridgen}建成于{built}年，全长约{length}米，近期刚完成过一次检测。",
            "事故发生后，当地组织{rescuers}余人在下游{downstream}公里河段展开搜救。",
            "交通部门已对全县{bridges}座桥梁开展安全排查。",
        ),
        witness=("“只听见咔嚓一声，桥面就塌下去了。”在河边钓鱼的{wname}说。",),
        notice_titles=("关于{bridgen}垮塌事故的情况通报",),
        notices=("{m}月{d}日{TIME}，我县{bridgen}发生垮塌，造成{dead}人死亡、{missing}人失联。搜救和调查工作正在进行。",),
        presser_titles=("{Xs}通报{bridgen}垮塌事故最新情况",),
        presser_facts=("目前失联人员搜救工作仍在进行，事故原因已由省市专家组介入调查。",),
    ),
}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文斌宇浩凯晨欣怡"


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))


# ---------------------------------------------------------------------------------------------------------------
# Plans.


@dataclass(frozen=True)
class Outlet:
    style: str  # wire | rewrite | eyewitness | local | flash | notice | police | ema | presser_off | presser_media
    #             | update | copy:<style of the copied document>
    role: str  # a NATIONAL id or a ROLES key
    hours: float  # after the happening


@dataclass(frozen=True)
class Plan:
    event_id: str
    kind: str  # a SPECS key (incident) or a key of SPECIAL
    place: Place
    at: datetime
    outlets: tuple[Outlet, ...] = ()
    slots: dict[str, str] = field(default_factory=dict)
    size: int = 0  # incidents: how many of the standard outlets tell it (0: all that apply)


def O(style: str, role: str, hours: float) -> Outlet:  # a short constructor for the tables
    return Outlet(style, role, hours)


# The standard outlets of an incident, in the order they usually publish.
STANDARD: tuple[Outlet, ...] = (
    O("flash", "county_media", 0.6),
    O("police", "city_police", 1.4),
    O("flash", "city_tv", 1.8),
    O("notice", "county_gov", 2.5),
    O("flash", "gsxw", 2.7),
    O("wire", "hxs", 3.0),
    O("copy:wire", "hxw", 3.3),
    O("rewrite", "szw", 3.7),
    O("notice", "city_fb", 4.2),
    O("eyewitness", "qlxw", 5.5),
    O("ema", "city_ema", 7.0),
    O("eyewitness", "city_evening", 9.5),
    O("local", "city_daily", 19.0),
    O("local", "prov_daily", 20.5),
    O("rewrite", "jjwb", 21.0),
    O("rewrite", "county_media", 22.0),
    O("update", "szw", 25.0),
    O("presser_off", "city_gov", 27.0),
    O("presser_media", "city_daily", 28.0),
    O("presser_media", "hxs", 28.5),
    O("copy:wire", "prov_gov", 30.0),
    O("presser_media", "qlxw", 31.0),
    O("copy:local", "city_gov", 46.0),
    O("copy:notice", "city_gov", 5.0),
    O("copy:wire", "county_media", 6.0),
    O("rewrite", "gsxw", 12.0),
    O("eyewitness", "hxw", 15.0),
    O("copy:presser_off", "prov_gov", 33.0),
    O("copy:eyewitness", "szw", 11.0),
)
CORE = {"wire", "notice", "local", "flash"}


def day_word(doc_at: datetime, ev_at: datetime, style: str, rng: random.Random) -> str:
    """How an outlet names the day of the happening: 6月4日, 4日, 今天, 昨天."""
    gap = (doc_at.date() - ev_at.date()).days
    full = f"{ev_at.month}月{ev_at.day}日"
    if style == "wire":
        return f"{ev_at.day}日"
    if style == "local" and gap == 1:
        return rng.choice(("昨天", "昨日", full))
    if style in {"flash", "eyewitness"} and gap == 0:
        return rng.choice(("今天", full))
    return full


def time_word(ev_at: datetime, rng: random.Random) -> str:
    h, mi = ev_at.hour, ev_at.minute
    ap = "凌晨" if h < 6 else "上午" if h < 12 else "中午" if h < 13 else "下午" if h < 18 else "晚上"
    h12 = h if h <= 12 else h - 12
    if mi == 0:
        return rng.choice((f"{h}时许", f"{ap}{h12}时左右", f"{ap}{h12}点"))
    return rng.choice((f"{h}时{mi}分许", f"{h}时许", f"{ap}{h12}时{mi}分左右", f"{ap}{h12}点多"))


def fill(template: str, slots: dict[str, str]) -> str:
    return template.format_map(slots).replace("许许", "许").replace("多许", "多")


def choose(rng: random.Random, templates: tuple[str, ...], slots: dict[str, str]) -> str:
    """A random template; none that states a death toll when nobody died."""
    usable = [x for x in templates if slots.get("dead") != "0" or "{dead}" not in x] or list(templates)
    return rng.choice(usable)


def sample(rng: random.Random, items: tuple[str, ...], lo: int, hi: int) -> list[str]:
    """An ordered subset of lo..hi items (order kept: facts read in their natural order)."""
    k = min(len(items), rng.randint(lo, hi))
    picked = sorted(rng.sample(range(len(items)), k))
    return [items[i] for i in picked]


def facts_of(spec: Spec, slots: dict[str, str]) -> tuple[str, ...]:
    return tuple(x for x in spec.facts if slots.get("dead") != "0" or "{dead}" not in x and "{serious}" not in x)


def incident_doc(
    plan: Plan, spec: Spec, outlet: Outlet, src: Source, at: datetime, rng: random.Random, earlier: dict[str, tuple[str, str, str]]
) -> tuple[str, str] | None:
    style = outlet.style
    s: dict[str, str] = {"where": "", **plan.place.slots(), **plan.slots}
    s |= {
        "m": str(plan.at.month),
        "d": str(plan.at.day),
        "tag": f"{plan.at.month}·{plan.at.day}",
        "what": spec.what,
        "DAY": day_word(at, plan.at, style, rng),
        "TIME": time_word(plan.at, rng),
        "wname": person(rng),
        "wsur": rng.choice(SURNAMES),
        "rep": person(rng),
        "vm": f"{s['C']}副市长{person(rng)}",
    }
    if style in {"flash", "police", "notice"} and "dead0" in plan.slots:
        s["dead"], s["hurt"] = plan.slots["dead0"], plan.slots["hurt0"]
    if style.startswith("copy:"):
        copied = earlier.get(style[5:])
        if copied is None:
            return None
        title, body, name = copied
        tail = rng.choice(("", f"（来源：{name}）", f"\n来源：{name}"))
        return title, body + tail
    if style == "police":
        return None if spec.police is None else ("警情通报", fill(spec.police, s))
    if style == "notice":
        return fill(choose(rng, spec.notice_titles, s), s), fill(choose(rng, spec.notices, s), s)
    leads = [x for x in spec.leads if s.get("dead") != "0" or "{dead}" not in x]
    rng.shuffle(leads)
    if style == "flash":
        return fill(choose(rng, spec.flash_titles, s), s), fill(leads[0], s)
    if style == "wire":
        body = [f"华夏通讯社{s['Cs']}{s['m']}月{at.day}日电（记者 {s['rep']}）" + fill(leads[0], s)]
        body += sample(rng, facts_of(spec, s), 3, 5) + sample(rng, RESPONSE, 1, 2)
        return fill(choose(rng, spec.titles, s), s), fill("".join(body), s)
    if style == "rewrite":
        body = [fill(leads[0], s)] + sample(rng, facts_of(spec, s), 2, 3) + sample(rng, RESPONSE, 0, 1)
        return fill(choose(rng, spec.titles, s), s), fill("".join(body), s)
    if style == "eyewitness":
        witness = sample(rng, spec.witness, 1, 2)
        body = witness[:1] + [leads[0]] + sample(rng, facts_of(spec, s), 2, 4) + witness[1:]
        return fill(choose(rng, spec.titles, s), s), fill("".join(body), s)
    if style == "local":
        head = f"本报讯（记者 {s['rep']} 通讯员 {person(rng)}）"
        body = fill(head + leads[0] + "".join(sample(rng, facts_of(spec, s), 2, 4) + sample(rng, RESPONSE, 1, 2)), s)
        if src.region and len(src.region) > len(s["P"]):  # the city's own paper writes 我市
            body = body.replace(s["C"] + s["X"], "我市" + s["X"]).replace(s["C"], "市")
        titles = spec.local_titles if src.source_id.startswith(tuple(CITIES)) else spec.titles
        return fill(choose(rng, titles, s), s), body
    if style == "ema":
        title = fill("{C}应急管理局派出工作组赴{X}指导{what}处置工作", s)
        body = fill("{DAY}{TIME}，{X}{where}" + spec.phrase + "。接报后，{C}应急管理局主要负责同志带领工作组第一时间赶赴现场，"
                    "指导做好救援处置和善后工作。", s) + fill(rng.choice(spec.facts), s)
        return title, body
    if style in {"presser_off", "presser_media"}:
        s["PDAY"] = f"{at.month}月{at.day}日"  # held on the day it is written up (see presser_time)
        s["EDAY"] = f"{plan.at.month}月{plan.at.day}日"
        facts = list(spec.presser_facts) + sample(rng, facts_of(spec, s), 1, 2)
        if style == "presser_off":
            title = fill("{C}召开“{tag}”{what}有关情况新闻发布会", s)
            body = "{PDAY}下午，{C}人民政府新闻办公室召开新闻发布会，通报{EDAY}{X}{where}" + spec.phrase + "有关情况。"
            return title, fill(body + "".join(facts) + rng.choice(RESPONSE), s)
        titles = spec.presser_titles or spec.titles
        body = rng.choice((
            "在{PDAY}下午举行的新闻发布会上，{vm}通报了{X}{where}{what}的处置进展。",
            "记者{PDAY}从{C}召开的新闻发布会上获悉，{EDAY}{X}{where}" + spec.phrase + "后，当地已全面开展处置。",
        ))
        return fill(choose(rng, titles, s), s), fill(body + "".join(facts), s)
    if style == "update":
        if not spec.updates:
            return None
        s["DAY"] = f"{plan.at.month}月{plan.at.day}日"
        title, body = rng.choice(spec.updates)
        return fill(title, s), fill(body, s)
    raise ValueError(style)


# ---------------------------------------------------------------------------------------------------------------
# Other happenings: briefings, template notices, weekly reports, drills, follow-ups, policies, single items.
# Each returns (role, hours after the plan's time, title, body).

Doc = tuple[str, float, str, str]

BRIEFING_TOPICS: dict[str, tuple[str, tuple[str, ...]]] = {
    "gaokao": (
        "高考服务保障",
        (
            "今年全市共有{exam}名考生参加高考，设{sites}个考点、{rooms}个考场。",
            "考试期间，公安交警部门将在各考点周边实行交通管制，禁止车辆鸣笛。",
            "各考点均配备医护人员和备用电源，确保考试平稳有序。",
        ),
    ),
    "flood": (
        "夏季防汛工作",
        (
            "全市已储备冲锋舟{boats}艘、编织袋{bags}万条，组建抢险队伍{teams}支。",
            "入汛以来，全市共排查整改防汛隐患{risks}处。",
            "市防指要求各地落实领导干部包保责任，确保群众生命安全。",
        ),
    ),
    "consume": (
        "暑期消费季活动",
        (
            "活动期间全市将发放餐饮、零售消费券共计{coupons}万元。",
            "{Cs}老街、滨江夜市等{spots}个商圈将举办夜间消费活动。",
            "市商务局表示，活动将持续至8月底。",
        ),
    ),
    "school": (
        "义务教育招生政策",
        (
            "今年全市义务教育阶段计划招生{pupils}人，新增学位{seats}个。",
            "网上报名时间为7月1日至7月10日，学区划分将在各校门口公示。",
            "市教育局提醒家长不要相信所谓“花钱择校”的说法。",
        ),
    ),
}


def briefing(plan: Plan, rng: random.Random) -> list[Doc]:
    s = {**plan.place.slots(), **plan.slots, "m": str(plan.at.month), "d": str(plan.at.day)}
    topic, facts = BRIEFING_TOPICS[plan.slots["topic"]]
    s["topic"] = topic
    f = [fill(x, s) for x in facts]
    return [
        ("city_gov", 0.5, fill("{C}人民政府第{n}期例行新闻发布会召开", s),
         fill("{m}月{d}日上午，{C}人民政府新闻办公室召开第{n}期例行新闻发布会，介绍全市{topic}有关情况。", s) + "".join(f)),
        ("city_fb", 1.0, fill("【发布会】{Cs}第{n}期例行新闻发布会：{topic}", s), f[0] + f[1]),
        ("city_daily", 20.0, fill("市政府新闻发布会介绍{topic}情况", s),
         fill("本报讯 昨天上午，市政府召开例行新闻发布会，相关部门负责人介绍了{topic}情况。", s) + f[0] + f[2]),
        ("city_tv", 6.0, fill("{Cs}{topic}：{head}", s), f[rng.randint(0, 2)]),
    ]


def prov_presser(plan: Plan, rng: random.Random) -> list[Doc]:
    s = {**plan.place.slots(), **plan.slots, "m": str(plan.at.month), "d": str(plan.at.day)}
    return [
        ("prov_gov", 0.5, fill("{P}召开全省防汛工作新闻发布会", s),
         fill("{m}月{d}日，{P}人民政府新闻办公室召开新闻发布会，介绍全省防汛备汛工作情况。省水利厅负责人介绍，今年全省"
              "共落实防汛物资储备库{depots}个，汛前检查水库{dams}座。省应急管理厅负责人表示，将密切关注天气变化，"
              "及时启动应急响应。", s)),
        ("prov_daily", 18.0, fill("全省防汛备汛工作全面就绪", s),
         fill("本报讯 记者从{m}月{d}日召开的全省防汛工作新闻发布会上获悉，全省{dams}座水库已完成汛前检查，"
              "防汛物资储备库达到{depots}个。", s)),
        ("hxs", 4.0, fill("{Ps}：{dams}座水库完成汛前检查", s),
         fill("华夏通讯社记者从{P}{d}日召开的新闻发布会上了解到，{Ps}已完成{dams}座水库的汛前检查，全省防汛物资储备充足。", s)),
    ]


NOTICES: dict[str, tuple[str, str, str, str]] = {
    # kind: (official title, official body, media title, media body)
    "flood_iv": (
        "关于启动防汛Ⅳ级应急响应的通知",
        (
            "各乡镇人民政府，县直各有关单位：根据气象部门预报，{m}月{d}日至{d2}日我县将出现一次强降雨过程。经县防汛抗旱指挥部"
            "研究，决定自{m}月{d}日{hh}时起启动防汛Ⅳ级应急响应。请各地各单位严格落实24小时值班和领导带班制度，加强巡查防守，"
            "及时转移危险区域群众。"
        ),
        "{Xs}启动防汛Ⅳ级应急响应",
        "记者从{X}防汛抗旱指挥部获悉，受强降雨影响，{X}于{m}月{d}日{hh}时启动防汛Ⅳ级应急响应，要求各乡镇加强值班值守。",
    ),
    "exam": (
        "关于2024年中考期间考点周边交通管制的通告",
        (
            "为保障2024年初中学业水平考试顺利进行，{m}月{d}日至{d2}日每日7时30分至18时，对{X}第一中学、{X}实验中学考点周边道路"
            "实行交通管制，禁止机动车鸣笛。请过往车辆提前绕行。特此通告。"
        ),
        "中考期间{Xs}这些路段交通管制",
        "{m}月{d}日至{d2}日中考期间，{X}第一中学、实验中学两个考点周边道路将实行交通管制，交警部门提醒市民合理安排出行。",
    ),
    "boat": (
        "关于端午节龙舟赛期间交通管制的通告",
        (
            "为确保{X}2024年端午龙舟赛安全有序，{m}月{d}日8时至12时，对滨河路（{Xs}大桥至文化广场段）实行交通管制，"
            "禁止一切车辆通行。请广大市民提前规划出行路线。特此通告。"
        ),
        "{Xs}端午龙舟赛{d}日开赛，滨河路临时交通管制",
        "{X}2024年端午龙舟赛将于{m}月{d}日在滨河路水域举行，比赛期间滨河路部分路段实行交通管制。",
    ),
}


def template_notice(plan: Plan, rng: random.Random) -> list[Doc]:
    d2 = plan.at + timedelta(days=int(plan.slots.get("days", "1")))
    s = {**plan.place.slots(), **plan.slots, "m": str(plan.at.month), "d": str(plan.at.day), "d2": str(d2.day)}
    title, body, mtitle, mbody = NOTICES[plan.slots["notice"]]
    docs: list[Doc] = [("county_gov", -20.0, title, fill(body, s))]
    if plan.slots.get("media") == "yes":
        docs.append(("county_media", -18.0, fill(mtitle, s), fill(mbody, s)))
    return docs


def air_weekly(plan: Plan, rng: random.Random) -> list[Doc]:
    end = plan.at - timedelta(days=1)
    start = end - timedelta(days=6)
    s = {**plan.place.slots(), **plan.slots, "p": f"{start.month}月{start.day}日至{end.month}月{end.day}日"}
    body = ("{p}，全市环境空气质量优良天数{good}天，优良天数比例{ratio}%，PM2.5平均浓度{pm}微克/立方米，"
            "同比{trend}。各县区中，{best}空气质量最好，{worst}相对较差。")
    return [
        ("city_eco", 2.0, fill("{C}环境空气质量周报（{p}）", s), fill(body, s)),
        ("city_daily", 22.0, fill("上周我市空气优良天数{good}天", s),
         fill("本报讯 据市生态环境局发布的周报，{p}，全市空气质量优良天数{good}天，PM2.5平均浓度{pm}微克/立方米。", s)),
    ]


DRILLS: dict[str, tuple[str, str, str]] = {
    # kind: (name, what happens, media title)
    "flood": ("2024年防汛抢险综合应急演练", "模拟{river}水位暴涨、堤防出现管涌险情，{teams}支救援队伍开展堤防抢护、群众转移和水上搜救",
              "{Cs}举行防汛抢险综合应急演练"),
    "quake": (
        "2024年地震应急疏散演练",
        "模拟{Cs}发生6.5级地震，全市{schools}所学校、{malls}家商场同步开展应急疏散，消防、医疗队伍开展废墟搜救",
        "{Cs}举行全市地震应急演练",
    ),
    "nuclear": ("2024年度核应急联合演练", "模拟{plant}发生设备故障导致放射性物质释放，开展辐射监测、人员撤离和碘片发放",
                "{Cs}举行核应急联合演练 检验核电站周边应急能力"),
    "fire": ("消防安全应急演练", "模拟{firm2}仓库发生火灾，员工按预案疏散，消防队员开展灭火和伤员救护",
             "{Xs}一企业开展消防演练"),
}


def drill(plan: Plan, rng: random.Random) -> list[Doc]:
    name, happens, mtitle = DRILLS[plan.slots["drill"]]
    s = {**plan.place.slots(), **plan.slots, "m": str(plan.at.month), "d": str(plan.at.day)}
    where = "{X}" if plan.slots["drill"] == "fire" else "{C}"
    body = fill(f"{{m}}月{{d}}日上午，{where}{name}在{{spot}}举行。演练{happens}。", s)
    docs: list[Doc] = [
        ("city_ema" if plan.slots["drill"] != "fire" else "county_gov", 3.0, fill(f"{where}成功举行{name}", s),
         body + fill("此次演练共有{people}余人参加，达到了检验预案、锻炼队伍的目的。", s)),
        ("city_tv" if plan.slots["drill"] != "fire" else "county_media", 5.0, fill(mtitle, s), body),
    ]
    if plan.slots["drill"] != "fire":
        docs.append(("city_daily", 20.0, fill(f"我市举行{name}", s),
                     fill(f"本报讯 昨天上午，{name}在{{spot}}举行。{happens}。", s)))
    return docs


def investigation(plan: Plan, rng: random.Random) -> list[Doc]:
    s = {**plan.place.slots(), **plan.slots}
    s["tag"] = plan.slots["tag"]
    body = ("近日，{C}人民政府批复{X}“{tag}”{what}事故调查报告。经调查认定，这是一起因{cause}引发的生产安全责任事故。"
            "事故造成{dead}人死亡、{hurt}人受伤，直接经济损失{loss}万元。")
    punish = "对{punished}名责任人员给予党纪政务处分，{firm}被依法处以罚款{fine}万元，{n_held}人被依法追究刑事责任。"
    return [
        ("city_gov", 0.0, fill("{X}“{tag}”{what}事故调查报告公布", s), fill(body + punish, s)),
        ("city_daily", 20.0, fill("“{tag}”{what}事故调查报告公布 {punished}人被问责", s), fill(body + punish, s)[:150]),
        ("hxs", 5.0, fill("{Ps}{Xs}{what}事故调查结果公布：企业{cause2}", s),
         fill("华夏通讯社记者从{C}获悉，{X}“{tag}”{what}事故调查报告日前公布。报告认定，事故系{cause}所致。" + punish, s)),
        ("qlxw", 9.0, fill("{Xs}{what}事故追责：{punished}名公职人员被处分", s), fill(punish + "调查报告指出，{firm}长期" + "{cause2}。", s)),
    ]


def poison_result(plan: Plan, rng: random.Random) -> list[Doc]:
    s = {**plan.place.slots(), **plan.slots}
    body = ("{m0}月{d0}日{school}部分学生就医事件调查结果公布：经{C}疾控中心检测，学生呕吐腹泻系食用被{germ}污染的{food}所致。"
            "食堂承包方{caterer}被吊销食品经营许可证，学校校长被免职，县市场监管局{n_pun}名工作人员被问责。")
    return [
        ("county_gov", 0.0, fill("关于{school}学生就医事件调查处理情况的通报", s), fill(body, s)),
        ("county_media", 3.0, fill("{school}学生就医事件调查结果公布", s), fill(body, s)),
        ("city_daily", 20.0, fill("{Xs}通报学校食堂{germ}污染事件处理结果 校长被免职", s),
         fill("本报讯 记者从{X}获悉，{school}学生就医事件调查结果已经公布，原因为{food}被{germ}污染。{caterer}被吊销许可证。", s)),
        ("szw", 6.0, fill("{Cs}{Xs}学生呕吐腹泻事件调查结果：{food}被{germ}污染", s), fill(body, s)[:120]),
    ]


def gascheck(plan: Plan, rng: random.Random) -> list[Doc]:
    s = {**plan.place.slots(), **plan.slots, "m": str(plan.at.month), "d": str(plan.at.day)}
    body = ("{m}月{d}日起，{X}在全区范围内开展为期一个月的城镇燃气安全专项检查，重点检查餐饮场所液化气钢瓶、连接软管和"
            "报警装置的使用情况。首日共检查餐饮店{shops}家，发现隐患{risks}处，当场整改{fixed}处。")
    return [
        ("county_gov", 2.0, fill("{X}开展城镇燃气安全专项检查", s), fill(body, s)),
        ("city_evening", 8.0, fill("{Xs}查餐饮燃气隐患 首日发现{risks}处", s), fill(body, s)),
        ("city_tv", 5.0, fill("{Xs}：燃气安全检查进餐馆", s), fill("{m}月{d}日，{X}执法人员走进{street}沿线餐馆，检查燃气使用安全。", s)),
    ]


def policy(plan: Plan, rng: random.Random) -> list[Doc]:
    s = {**plan.place.slots(), **plan.slots, "m": str(plan.at.month), "d": str(plan.at.day)}
    rules = ("本轮消费券总额{total}万元，分{rounds}轮发放，每轮{m}月{d}日起每周一10时在“{app}”小程序开抢，"
             "满{full}元减{cut}元，可在全市{shops}家商户使用。")
    return [
        ("city_gov", 0.0, fill("{C}关于发放2024年夏季消费券的公告", s), fill("为提振消费，市政府决定发放夏季消费券。" + rules, s)),
        ("city_fb", 0.5, fill("{Cs}{total}万元消费券来了！", s), fill(rules, s)),
        ("city_daily", 20.0, fill("我市发放{total}万元消费券", s), fill("本报讯 " + rules + "市商务局表示，消费券不得转让。", s)),
        ("city_evening", 9.0, fill("消费券怎么领？一文看懂", s), fill("市民关心的消费券来了。" + rules + "记者试用发现，领取流程比较简单。", s)),
        ("hxw", 22.0, fill("{Ps}{Cs}发放{total}万元消费券 提振暑期消费", s), fill(rules, s)),
    ]


def hearing(plan: Plan, rng: random.Random) -> list[Doc]:
    s = {**plan.place.slots(), **plan.slots, "m": str(plan.at.month), "d": str(plan.at.day)}
    body = ("{m}月{d}日，{C}居民生活用水价格调整听证会召开，{reps}名听证参加人围绕调价方案发表意见。方案拟将第一阶梯水价由"
            "每立方米{old}元调整为{new}元，低保家庭每月免费用水{free}立方米。")
    return [
        ("city_gov", 3.0, fill("{C}召开居民生活用水价格调整听证会", s), fill(body, s)),
        ("city_daily", 20.0, fill("自来水价格要调了？听证会上听了这些意见", s), fill(body, s) + "多数代表赞成调价，也有代表建议延长过渡期。"),
        ("city_tv", 6.0, fill("{Cs}水价调整听证会召开", s), fill(body, s)[:90]),
        ("szw", 9.0, fill("{Cs}拟上调居民水价 第一阶梯每吨{new}元", s), fill(body, s)),
    ]


def single(plan: Plan, rng: random.Random) -> list[Doc]:
    s = {**plan.place.slots(), **plan.slots}
    return [(plan.slots["role"], 0.0, fill(plan.slots["title"], s), fill(plan.slots["body"], s))]


SPECIAL: dict[str, Callable[[Plan, random.Random], list[Doc]]] = {
    "briefing": briefing,
    "prov_presser": prov_presser,
    "notice": template_notice,
    "air": air_weekly,
    "drill": drill,
    "investigation": investigation,
    "poison_result": poison_result,
    "gascheck": gascheck,
    "policy": policy,
    "hearing": hearing,
    "single": single,
}


# ---------------------------------------------------------------------------------------------------------------
# The plan: June 3 to July 12, 2024. Event ids say what each is; the README lists the hard cases.


def t(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2024, month, day, hour, minute, tzinfo=CST)


def inc(event_id: str, kind: str, county: str, at: datetime, size: int = 0, **slots: str) -> Plan:
    return Plan(event_id, kind, Place(county), at, STANDARD, dict(slots), size)


def sp(event_id: str, kind: str, county: str, at: datetime, **slots: str) -> Plan:
    return Plan(event_id, kind, Place(county), at, (), dict(slots))


FIRE_QH: dict[str, str] = {
    "town": "柳塘镇", "site": "化工园区一家化工企业", "sitek": "化工厂", "firm": "临江宏盛化工有限公司", "where": "柳塘镇化工园区一家化工企业",
    "dead": "3", "hurt": "5", "dead0": "2", "hurt0": "6", "trucks": "26", "firemen": "130", "hours": "6", "area": "2400", "goods": "树脂原料和溶剂",
    "serious": "2", "workers": "40", "radius": "500", "founded": "2011", "business": "树脂和涂料生产", "n_held": "4",
}
PLAN: tuple[Plan, ...] = (
    # Week 1. A chemical plant fire; two days later a fire drill at another plant in the same county (shared words);
    # its investigation report three weeks later is its own event.
    inc("W01-fire-qinghe", "fire", "qh", t(6, 4, 14, 20), **FIRE_QH),
    sp("W02-firedrill-qinghe", "drill", "qh", t(6, 6, 9, 30), drill="fire", firm2="青河县金禾食品有限公司", spot="县经济开发区",
       people="120"),
    sp("W03-fire-qinghe-report", "investigation", "qh", t(6, 25, 16, 0), what="火灾", tag="6·4", cause="违规储存易燃溶剂",
       cause2="违规储存易燃溶剂", dead="3", hurt="5", loss="1860", punished="12", firm="临江宏盛化工有限公司", fine="150",
       n_held="4"),
    sp("W04-briefing-lj-22", "briefing", "dh", t(6, 4, 10, 0), n="22", topic="gaokao", exam="31520", sites="28",
       rooms="1056", head="全市3.15万考生参加高考"),
    inc("W05-poison-tongxi", "poison", "tx", t(6, 5, 13, 0), school="桐溪县第二实验小学", where="第二实验小学", sick="37",
        stay="9", pupils="1800", caterer="桐溪县佳味餐饮管理公司", menu="炒米粉、青菜和鸡蛋汤", canteens="146"),
    inc("W06-crash-baisha", "traffic", "bs", t(6, 7, 7, 40), road="临云高速", where="临云高速路段", dead="4", hurt="11",
        cars="9", km="83", dest="云溪", exit="白沙东", queue="6", small="7", clear="14", load="18", overload="46"),
    sp("W07-boat-tongxi", "notice", "tx", t(6, 8, 8, 0), notice="boat", media="yes"),
    sp("W08-boat-qingtan", "notice", "qt", t(6, 8, 8, 0), notice="boat", media="yes"),
    sp("W09-boat-yunqi", "notice", "yq", t(6, 8, 8, 0), notice="boat", media="yes"),
    inc("W10-crash-baisha-s218", "traffic", "bs", t(6, 9, 16, 10), size=8, road="S218省道", where="S218省道路段",
        dead="1", hurt="3", cars="3", km="41", dest="白沙县城", exit="石桥", queue="2", small="2", clear="19", load="10",
        overload="23"),
    sp("W11-air-lz-w23", "air", "tx", t(6, 10, 10, 0), good="6", ratio="85.7", pm="28", trend="下降4.2%", best="枫林县",
       worst="桐溪县"),
    # Week 2. A nuclear drill, then a protest about a nuclear-fuel project, in the same city; the province's flood
    # press conference on the day of the city's weekly briefing about flood preparation.
    sp("W12-nucleardrill-yunxi", "drill", "sy", t(6, 11, 9, 0), drill="nuclear", plant="云溪核电站", spot="云溪核电站及周边",
       people="800"),
    sp("W13-briefing-lj-23", "briefing", "dh", t(6, 11, 10, 0), n="23", topic="flood", boats="120", bags="35",
       teams="46", risks="318", head="储备冲锋舟120艘"),
    sp("W14-presser-jiangnan-flood", "prov_presser", "dh", t(6, 11, 15, 0), depots="97", dams="1864"),
    inc("W15-project-yunxi", "protest", "sy", t(6, 13, 10, 0), project="核燃料元件加工项目", where="", square="市民广场",
        town="杉溪镇", invest="260"),
    sp("W16-exam-qinghe", "notice", "qh", t(6, 14, 7, 30), notice="exam", days="2", media="yes"),
    sp("W17-exam-baisha", "notice", "bs", t(6, 14, 7, 30), notice="exam", days="2", media="yes"),
    sp("W18-exam-shimen", "notice", "sm", t(6, 14, 7, 30), notice="exam", days="2", media="yes"),
    sp("W19-exam-songyang", "notice", "sy", t(6, 14, 7, 30), notice="exam", days="2", media="yes"),
    sp("W20-poison-tongxi-result", "poison_result", "tx", t(6, 14, 17, 0), m0="6", d0="5", school="桐溪县第二实验小学",
       germ="沙门氏菌", food="鸡蛋汤", caterer="桐溪县佳味餐饮管理公司", n_pun="3"),
    # Week 3. Flood-response notices from one template in four counties; a flood in a fifth county.
    sp("W21-flood-iv-qingtan", "notice", "qt", t(6, 16, 8, 0), notice="flood_iv", hh="8", media="yes"),
    sp("W22-flood-iv-tongxi", "notice", "tx", t(6, 16, 8, 0), notice="flood_iv", hh="12"),
    sp("W23-flood-iv-fenglin", "notice", "fl", t(6, 16, 8, 0), notice="flood_iv", hh="12", media="yes"),
    sp("W24-flood-iv-shimen", "notice", "sm", t(6, 16, 8, 0), notice="flood_iv", hh="18"),
    inc("W25-flood-hepu", "flood", "hp", t(6, 16, 6, 0), size=20, town="溪口镇", where="", rain="286", moved="3260",
        shelters="42", roads="17", village="石坞", families="23", clear="18", loss="4300"),
    sp("W26-air-lz-w24", "air", "tx", t(6, 17, 10, 0), good="5", ratio="71.4", pm="34", trend="上升6.1%", best="桐溪县",
       worst="枫林县"),
    sp("W27-briefing-lj-24", "briefing", "dh", t(6, 18, 10, 0), n="24", topic="consume", coupons="3000", spots="12",
       head="3000万元消费券将发放"),
    sp("W28-flooddrill-linjiang", "drill", "qh", t(6, 20, 9, 0), drill="flood", river="青河", teams="18", spot="青河大堤",
       people="600"),
    sp("W29-flooddrill-yunxi", "drill", "sm", t(6, 20, 9, 30), drill="flood", river="澄江", teams="15", spot="澄江石门段堤防",
       people="450"),
    # Week 4. A restaurant gas explosion; the district's gas-safety campaign three days later is its own event.
    inc("W30-gas-donghu", "gas", "dh", t(6, 21, 11, 30), street="滨江路", where="滨江路", shop="老码头鱼馆", dead="2",
        hurt="14", shops="6", serious="3"),
    sp("W31-gascheck-donghu", "gascheck", "dh", t(6, 24, 9, 0), street="滨江路", shops="312", risks="87", fixed="64"),
    sp("W32-air-lz-w25", "air", "tx", t(6, 24, 10, 0), good="7", ratio="100", pm="19", trend="下降12.5%", best="枫林县",
       worst="岚州市区"),
    sp("W33-briefing-lj-25", "briefing", "dh", t(6, 25, 10, 0), n="25", topic="school", pupils="48600", seats="3200",
       head="新增学位3200个"),
    inc("W34-quake-qingya", "quake", "qy", t(6, 27, 3, 42), size=18, mag="4.6", depth="12", lat="30.12", lon="102.87",
        town="马鞍乡", radius="20", alt="2100", dist="18", houses="236"),
    inc("W35-rescue-yunqi", "rescue", "yq", t(6, 29, 17, 0), size=13, mountain="老君岭", people="6", hours="19",
        rescuers="80", injured="2"),
    # Weeks 5 and 6.
    sp("W36-coupons-minglan", "policy", "qt", t(7, 1, 10, 0), total="5000", rounds="4", app="明澜惠生活", full="100",
       cut="20", shops="8600"),
    sp("W37-quakedrill-linjiang", "drill", "dh", t(7, 2, 9, 0), drill="quake", schools="426", malls="58", spot="市体育中心",
       people="30000"),
    inc("W38-water-shimen", "water", "sm", t(7, 3, 8, 0), size=12, reservoir="龙潭水库", streets="城东、城南", households="4.2万",
        samples="36", estate="锦绣华庭", where=""),
    inc("W39-bridge-fenglin", "bridge", "fl", t(7, 5, 6, 50), size=18, bridgen="枫溪大桥", where="枫溪大桥", town="枫溪镇",
        cars="3", dead="2", missing="1", built="1998", length="186", rescuers="300", downstream="15", bridges="132"),
    inc("W40-fire-songyang-market", "fire", "sy", t(7, 8, 4, 10), size=20, town="城关镇", site="农贸市场", sitek="农贸市场",
        firm="松阳县城关农贸市场", where="城关镇农贸市场", dead="1", hurt="2", trucks="14", firemen="70", hours="4",
        area="3100", goods="干货和日用品", serious="1", workers="12", radius="200", founded="2006", business="农副产品批发零售",
        n_held="2"),
    inc("W41-fire-qingtan-warehouse", "fire", "qt", t(7, 8, 15, 30), size=16, town="江湾镇", site="物流园一处仓库",
        sitek="仓库", firm="明澜顺达物流有限公司", where="江湾镇物流园一处仓库", dead="0", hurt="1", trucks="20", firemen="95",
        hours="5", area="5200", goods="纸箱和家具", serious="0", workers="25", radius="300", founded="2016",
        business="仓储物流", n_held="1"),
    inc("W51-crash-qingya", "traffic", "qy", t(7, 6, 21, 20), size=16, road="雅青高速", where="雅青高速路段", dead="2",
        hurt="7", cars="5", km="126", dest="蓉溪", exit="青崖西", queue="4", small="4", clear="23", load="25", overload="39"),
    inc("W52-poison-shimen", "poison", "sm", t(6, 26, 12, 30), size=15, school="石门县城南中学", where="城南中学", sick="23",
        stay="5", pupils="2600", caterer="云溪味佳餐饮服务公司", menu="土豆烧肉、凉拌黄瓜和米饭", canteens="88"),
    inc("W53-gas-qingya", "gas", "qy", t(7, 10, 18, 40), size=14, street="新华街", where="新华街", shop="川味小厨", dead="1",
        hurt="5", shops="3", serious="1"),
    inc("W54-crash-tongxi", "traffic", "tx", t(6, 19, 8, 15), size=14, road="岚桐高速", where="岚桐高速路段", dead="3",
        hurt="8", cars="6", km="57", dest="岚州", exit="桐溪北", queue="5", small="5", clear="13", load="20", overload="41"),
    sp("W42-hearing-linjiang", "hearing", "dh", t(7, 9, 9, 30), reps="25", old="2.6", new="2.95", free="5"),
    # Single-document happenings (official-only and media-only), several in the same cities and weeks.
    sp("W43-recruit-qinghe", "single", "qh", t(6, 5, 9, 0), role="county_gov", title="{X}2024年公开招聘事业单位工作人员公告",
       body="经研究，{X}决定面向社会公开招聘事业单位工作人员86名。报名时间为6月10日至6月14日，笔试时间另行通知。"),
    sp("W44-bus-linjiang", "single", "dh", t(6, 12, 8, 0), role="city_evening", title="{Cs}新开通3条社区公交微循环线路",
       body="记者从{Cs}公交集团获悉，6月15日起新开通东湖社区微循环1至3号线，票价1元，首末班时间为6时30分至20时。"),
    sp("W45-marathon-yunxi", "single", "sy", t(6, 19, 10, 0), role="county_media", title="{Cs}半程马拉松报名启动",
       body="2024{Cs}半程马拉松将于10月20日鸣枪开跑，6月19日起接受报名，规模8000人，赛道途经{X}古城和滨江绿道。"),
    sp("W46-appoint-lanzhou", "single", "tx", t(6, 26, 15, 0), role="city_gov", title="{C}人民政府关于任免工作人员的通知", wn1="陈立峰", wn2="周海涛",
       body="各县（市、区）人民政府，市政府各部门：经研究决定，任命{wn1}为{C}交通运输局局长，免去{wn2}的{C}交通运输局局长职务。"),
    sp("W47-scenic-qingya", "single", "qy", t(7, 4, 11, 0), role="szw", title="{Xs}高山草甸景区恢复开放",
       body="记者从{X}文旅局获悉，此前因地质灾害隐患排查暂停开放的高山草甸景区7月4日起恢复开放，每日限流3000人。"),
    sp("W48-library-minglan", "single", "qt", t(7, 10, 9, 0), role="city_daily", title="{Cs}图书馆新馆7月15日开馆",
       body="本报讯 位于{X}滨湖新区的{Cs}图书馆新馆将于7月15日开馆，藏书120万册，设有少儿阅览区和古籍修复展示区。"),
    sp("W49-fire-safety-month", "single", "qh", t(6, 3, 9, 0), role="county_gov", title="{X}“安全生产月”活动启动",
       body="6月3日，{X}2024年“安全生产月”活动启动仪式在县城文化广场举行，县应急管理局现场发放宣传资料2000余份。"),
    sp("W50-heat-linjiang", "single", "dh", t(7, 11, 15, 0), role="city_tv", title="{Cs}发布今年首个高温橙色预警",
       body="{Cs}市气象台7月11日15时发布高温橙色预警，预计未来三天最高气温将达37℃以上，请市民注意防暑降温。"),
)


# ---------------------------------------------------------------------------------------------------------------
# Writing the file.


def seeded(*parts: str) -> random.Random:
    return random.Random(int(hashlib.sha256("|".join(parts).encode()).hexdigest()[:16], 16))


def applicable(spec: Spec, outlet: Outlet) -> bool:
    if outlet.style == "police":
        return spec.police is not None
    if outlet.style == "update":
        return bool(spec.updates)
    if outlet.style.startswith("presser"):
        return bool(spec.presser_facts)
    if outlet.style == "ema":
        return spec.what != "项目选址"
    return True


def incident_outlets(plan: Plan, spec: Spec) -> list[Outlet]:
    rng = seeded(plan.event_id, "outlets")
    usable = [o for o in plan.outlets if applicable(spec, o)]
    if plan.size and plan.size < len(usable):
        core = [i for i, o in enumerate(usable) if o.style in CORE]
        rest = [i for i, o in enumerate(usable) if o.style not in CORE]
        keep = set(core[: plan.size]) | set(rng.sample(rest, max(0, plan.size - len(core))))
        usable = [o for i, o in enumerate(usable) if i in keep]
    if rng.random() < 0.4:  # the government spoke first: its notice within the first hour
        usable = [O(o.style, o.role, 0.4) if o.style == "notice" and o.role == "county_gov" else o for o in usable]
    if rng.random() < 0.5:  # a press conference two days later, not the next day
        usable = [O(o.style, o.role, o.hours + 24) if o.style.startswith("presser") else o for o in usable]
    return usable


def row(plan: Plan, index: int, src: Source, at: datetime, title: str, body: str) -> dict[str, object]:
    key = f"written:{plan.event_id[:3].lower()}-{index:02d}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:10]
    return {
        "doc_key": key,
        "source_id": src.source_id,
        "source_name": src.name,
        "kind": src.kind,
        "channel": src.channel,
        "region": src.region,
        "url": f"https://{src.source_id}.example.cn/{at:%Y%m}/{digest}.html",
        "title": title,
        "body": body,
        "published_at": at.isoformat(),
        "event_id": plan.event_id,
    }


def jitter(rng: random.Random, hours: float) -> timedelta:
    """A little earlier or later than planned: up to a fifth of the delay in the first hours, minutes after that."""
    spread = min(hours, 6.0) * 60 * rng.uniform(-0.15, 0.2)
    return timedelta(minutes=round(hours * 60 + spread) + rng.randint(0, 9))


def presser_time(plan: Plan, outlet: Outlet, rng: random.Random) -> datetime:
    """Press conferences are held at 15:00 one or two days after the happening; write-ups follow within hours."""
    day = plan.at + timedelta(days=2 if outlet.hours > 48 else 1)
    return day.replace(hour=15, minute=0) + timedelta(minutes=rng.randint(60, 300))


def plan_rows(plan: Plan) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    if plan.kind in SPECS:
        spec = SPECS[plan.kind]
        earlier: dict[str, tuple[str, str, str]] = {}
        times: dict[str, datetime] = {}
        for outlet in incident_outlets(plan, spec):
            rng = seeded(plan.event_id, outlet.style, outlet.role)
            at = plan.at + jitter(rng, outlet.hours)
            if outlet.style.startswith("presser"):
                at = presser_time(plan, outlet, rng)
            copied = outlet.style[5:] if outlet.style.startswith("copy:") else None
            if copied in times:
                at = max(at, times[copied] + timedelta(minutes=25))
            src = source(outlet.role, plan.place)
            made = incident_doc(plan, spec, outlet, src, at, rng, earlier)
            if made is None:
                continue
            title, body = made
            earlier.setdefault(outlet.style, (title, body, src.name))
            times.setdefault(outlet.style, at)
            rows.append(row(plan, len(rows) + 1, src, at, title, body))
        return rows
    rng = seeded(plan.event_id)
    for role, hours, title, body in SPECIAL[plan.kind](plan, rng):
        at = plan.at + (jitter(rng, hours) if hours > 0 else timedelta(hours=hours))
        rows.append(row(plan, len(rows) + 1, source(role, plan.place), at, title, body))
    return rows


def build() -> list[dict[str, object]]:
    rows = [r for plan in PLAN for r in plan_rows(plan)]
    return sorted(rows, key=lambda r: (str(r["published_at"]), str(r["doc_key"])))


def summary(rows: list[dict[str, object]]) -> str:
    events = {str(r["event_id"]) for r in rows}
    multi = [e for e in events if sum(r["event_id"] == e for r in rows) > 1]
    mixed = [e for e in events if {r["kind"] for r in rows if r["event_id"] == e} == {"official", "media"}]
    regions = {str(r["region"]) for r in rows if r["region"]}
    return (
        f"{len(rows)} documents ({sum(r['kind'] == 'official' for r in rows)} official), {len(events)} events "
        f"({len(multi)} with several documents, {len(mixed)} with both official and media), {len(regions)} source regions, "
        f"{min(str(r['published_at']) for r in rows)[:10]} .. {max(str(r['published_at']) for r in rows)[:10]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="fail if the committed file differs from a fresh build")
    args = parser.parse_args()
    rows = build()
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if args.check:
        if args.out.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{args.out} is stale: re-run bench/corpus/make_corpus.py")
    else:
        args.out.write_text(text, encoding="utf-8")
    print(summary(rows))


if __name__ == "__main__":
    main()
