"""Incident types of the written corpus: the hand-written variants each outlet picks its wording from."""

from __future__ import annotations

import random
from dataclasses import dataclass

# Slots: {P} {Ps} {C} {Cs} {X} {Xs} province/city/county (short), {town} {site} {firm} {road} and the figures
# of the plan, {DAY} the day as the outlet would write it (6月4日, 4日, 昨天, 今天), {TIME} the clock time,
# {tag} the "6·4" label, {what} the kind of happening.


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
