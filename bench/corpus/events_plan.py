"""The plan of the written corpus: June 3 to July 12, 2024. Event ids say what each is; README.md lists the hard cases."""

from __future__ import annotations

from datetime import datetime

from outlets import STANDARD, Plan
from places import CST, Place

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
