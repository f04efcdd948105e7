"""Happenings that are not incidents: press conferences, notices, weekly bulletins, drills, single posts."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from outlets import Plan
from wording import fill

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
