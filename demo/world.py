"""The offline demo world as data: a fictional province (江南省), city (临江市) and county (青河县),
their government portals, four news outlets, and the documents they publish in October 2026.

Everything else in demo/ (rendering, serving, sources.toml, tests) reads from here. All text is
written for the demo; names of places, people, outlets and projects are invented.

`tracker demo` crawls the world in ROUNDS, as it changes: a post that appears only in a later round (a
backdated one), a site that answers 503 in one round (an outage), and LIVE documents dated relative to the
demo's own start (a clock that is still running while the county site is down, a notice stamped 2 hours ahead).
The plain world (`world_docs()`) is every dated document, all sites up, no live documents: what a single
crawl (tests/test_end_to_end.py) sees.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    kind: str  # official | media
    channel: str  # website | news
    region: str
    level: str  # national | province | city | county
    style: str  # trs | hanweb | county | paper | portal | tabloid | wire
    column: str  # name of the column whose list pages we crawl
    page_size: int
    article_url: str  # format fields: y m d (unpadded) mm dd ym ymd num num9
    list_first: str
    list_next: str  # format fields: n (1-based page number), i (n - 1)
    domain: str  # the real-world host it pretends to be, shown in meta tags and footers
    icp: str
    encoding: str = "utf-8"
    feed: str | None = None  # rss | atom | rss-summary
    feed_path: str | None = None


@dataclass(frozen=True)
class Event:
    key: str
    label: str
    note: str = ""
    filler: bool = False  # a non-event article; a singleton event of its own


@dataclass(frozen=True)
class Doc:
    site: str
    num: int
    event: str
    published: str  # Beijing time as printed: "2026-10-11 11:05" (minute) or "2026-10-15" (day)
    title: str
    source: str  # 来源 / 信息来源 / ContentSource as printed
    body: tuple[str, ...] = ()
    byline: str = ""
    copy_of: tuple[str, int] | None = None  # (site, num) whose body this post reprints
    first_round: int = 1  # the demo's crawl round in which the post first appears on its site

    @property
    def key(self) -> str:
        return f"{self.site}/{self.num}"


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

_P01 = (
    ("本报讯（记者 陈晓峰）10月11日上午，市政府召开新闻发布会，就近日市民关注的江滨核技术应用产业园项目有关情况作出说明。"
     "市政府新闻发言人表示，根据部分市民的意见建议，市政府决定暂停该项目选址前期工作。"),
    ("发布会介绍，江滨核技术应用产业园项目目前仍处于前期论证阶段，尚未确定选址，也未开展任何施工建设。"
     "10月10日晚，部分市民在市民广场聚集，表达对项目安全性和选址的关切。市政府高度重视，连夜组织相关部门听取意见。"),
    ("新闻发言人表示，市政府将充分尊重民意，进一步做好信息公开和科普宣传，项目后续任何进展都将及时向社会公布。"
     "聚集现场秩序总体平稳，公安机关依法做好疏导劝离工作，未造成人员伤亡。"),
    "市发展改革委、市生态环境局、市应急管理局有关负责人出席发布会并回答记者提问。",
)

_METRO = (
    ("本报讯（记者 陈晓峰）今天上午10时，临江地铁2号线开通初期运营。2号线全长21.6公里，设车站18座，"
     "串联火车站、市民广场和高新区，与1号线在市民广场站换乘。"),
    "开通初期，2号线运营时间为6时30分至22时30分，高峰时段行车间隔约6分钟。乘客可使用公交卡、手机扫码乘车。",
    "至此，临江地铁运营线路达到2条，总里程47.3公里。",
)

_WAGE = (
    "各市、县（区）人民政府，省各委、办、厅、局，省各直属单位：",
    ("经省人民政府同意，自2027年1月1日起调整全省最低工资标准。调整后，全省月最低工资标准分为三档：一类地区2490元、"
     "二类地区2260元、三类地区2030元；非全日制用工小时最低工资标准相应调整为每小时24元、22元、20元。"),
    ("各地要加强对最低工资制度执行情况的监督检查，督促用人单位按时足额支付劳动者工资，"
     "对违反最低工资规定的行为依法查处，切实保障劳动者合法权益。"),
    "附件：江南省各市、县（区）最低工资标准档次划分",
)

DOCS: tuple[Doc, ...] = (
    # ---- 江南省人民政府 (jn-gov) ----
    Doc("jn-gov", 4821, "f-jn-gov-4821", "2026-10-08 10:20", "省政府召开第86次常务会议", "江南省人民政府办公厅", (
        "10月8日，省长主持召开省政府第86次常务会议，研究部署四季度经济工作、安全生产和秋冬季森林防火等工作。",
        "会议指出，四季度是完成全年目标任务的关键时期，各地各部门要抓好重大项目建设，稳住外贸外资基本盘，切实保障和改善民生。",
        "会议还研究了其他事项。",
    )),
    Doc("jn-gov", 4822, "e05-briefing-wk41", "2026-10-09 15:00", "省政府新闻办举行例行新闻发布会 介绍全省秋粮收购工作",
        "江南省人民政府新闻办公室", (
        "10月9日下午，省政府新闻办举行例行新闻发布会，省发展改革委、省粮食和物资储备局有关负责人介绍全省2026年秋粮收购工作有关情况。",
        ("据介绍，今年全省秋粮预计总产量与上年基本持平，收购工作将于10月中旬全面展开。省粮食和物资储备局将会同有关部门，"
         "严格执行最低收购价政策，加强收购资金保障，坚决防止“卖粮难”。"),
        "发布会还通报了近期全省重点民生事项进展情况。",
    )),
    Doc("jn-gov", 4823, "f-jn-gov-4823", "2026-10-12 17:00", "省长在临江市调研港口建设和外贸工作", "江南省人民政府办公厅", (
        "10月12日，省长到临江市调研港口建设和外贸工作。在临江港集装箱码头，省长详细了解港口吞吐量、航线开辟和多式联运发展情况。",
        "省长强调，临江要发挥港口优势，加快建设区域性国际航运物流中心，更好服务全省高水平对外开放。",
    )),
    Doc("jn-gov", 4824, "e11-heritage-list", "2026-10-13 10:00",
        "江南省人民政府关于公布第五批省级非物质文化遗产代表性项目名录的通知", "江南省人民政府办公厅", (
        "各市、县（区）人民政府，省各委、办、厅、局，省各直属单位：",
        "省人民政府批准省文化和旅游厅确定的第五批省级非物质文化遗产代表性项目名录（共计48项），现予公布。",
        "各地、各有关部门要坚持保护为主、抢救第一、合理利用、传承发展的方针，切实做好非物质文化遗产的保护、管理和合理利用工作。",
        "附件：第五批省级非物质文化遗产代表性项目名录",
    )),
    Doc("jn-gov", 4825, "e02-nuclear-drill", "2026-10-14 17:30", "我省在临江市举行2026年核与辐射事故应急联合演练",
        "江南省生态环境厅", (
        ("10月14日，江南省2026年核与辐射事故应急联合演练在临江市举行。演练由省核应急协调委员会组织，"
         "省生态环境厅、省应急管理厅、省卫生健康委和临江市人民政府等20余家单位参加。"),
        ("演练模拟临江市某核技术利用单位放射源失控场景，检验了信息报告、辐射监测、人员防护、医疗救治和新闻发布等环节的协同处置能力。"
         "演练采取实兵实装方式，共出动应急队伍300余人、车辆40余台。"),
        "省生态环境厅有关负责人表示，本次演练为年度例行安排，演练期间未对市民生产生活造成影响。",
    )),
    Doc("jn-gov", 4826, "f-jn-gov-4826", "2026-10-15 16:00", "全省秋冬季安全生产工作电视电话会议召开", "江南省应急管理厅", (
        "10月15日，全省秋冬季安全生产工作电视电话会议召开。",
        ("会议要求，各地要深入开展安全生产治本攻坚，突出抓好危化品、交通运输、建筑施工、消防等重点行业领域安全风险防范，"
         "坚决遏制重特大事故发生。"),
    )),
    Doc("jn-gov", 4827, "e06-briefing-wk42", "2026-10-16 16:30", "省政府新闻办举行例行新闻发布会 介绍全省养老服务体系建设情况",
        "江南省人民政府新闻办公室", (
        "10月16日下午，省政府新闻办举行例行新闻发布会，省民政厅、省卫生健康委有关负责人介绍全省养老服务体系建设情况并回答记者提问。",
        ("据介绍，我省将推动居家社区机构养老服务协调发展，到2027年底新增社区养老服务中心300家，"
         "老年助餐服务覆盖全部城市社区和80%以上农村社区。"),
        "发布会还通报了近期全省重点民生事项进展情况。",
    )),
    Doc("jn-gov", 4828, "e13-private-economy", "2026-10-19 10:00",
        "江南省人民政府印发《关于进一步促进民营经济发展壮大的若干措施》", "江南省人民政府办公厅", (
        ("近日，省人民政府印发《关于进一步促进民营经济发展壮大的若干措施》（以下简称《若干措施》），"
         "从市场准入、要素保障、融资支持、涉企服务等方面提出25条具体措施。"),
        ("《若干措施》明确，持续破除市场准入壁垒，各地不得设置歧视民营企业的隐性门槛；完善中小企业融资担保体系，"
         "力争2027年末全省普惠小微贷款余额增长15%以上；建立涉企政策“免申即享”机制。"),
        "《若干措施》自印发之日起施行。",
    )),
    Doc("jn-gov", 4829, "f-jn-gov-4829", "2026-10-20 10:00", "前三季度全省经济运行总体平稳", "江南省统计局", (
        "据省统计局数据，前三季度全省地区生产总值同比增长5.3%。其中，第一产业增长3.4%，第二产业增长5.6%，第三产业增长5.2%。",
        "全省规模以上工业增加值同比增长6.1%，社会消费品零售总额同比增长4.8%。",
    )),
    Doc("jn-gov", 4830, "f-jn-gov-4830", "2026-10-21 15:30", "省政府与华夏航运集团签署战略合作协议", "江南省人民政府办公厅", (
        "10月21日，省政府与华夏航运集团在省城签署战略合作协议。双方将在港口建设、航线开辟、航运金融等领域深化合作。",
    )),
    Doc("jn-gov", 4831, "e15-minimum-wage", "2026-10-21 16:30", "江南省人民政府关于调整全省最低工资标准的通知",
        "江南省人民政府办公厅", _WAGE),
    # ---- 临江市人民政府 (lj-gov, GBK) ----
    Doc("lj-gov", 60011, "f-lj-gov-60011", "2026-10-08 16:00", "市政府召开第35次常务会议", "临江市人民政府办公室", (
        "10月8日，市长主持召开市政府第35次常务会议，研究四季度重点工作、港口物流发展等事项。",
        "会议强调，要紧盯全年目标任务，加快重点项目建设进度，确保各项工作落地见效。",
    )),
    Doc("lj-gov", 60012, "f-lj-gov-60012", "2026-10-12 10:00", "我市启动秋季爱国卫生运动", "临江市卫生健康委员会", (
        "10月12日，我市启动2026年秋季爱国卫生运动，集中开展城乡环境卫生整治、病媒生物防制和健康知识宣传。",
        "市爱卫办负责人王珺介绍，活动将持续至11月中旬，各街道、社区将组织志愿者开展清洁家园行动。",
    )),
    Doc("lj-gov", 60013, "e01-project-protest", "2026-10-13 16:20",
        "临江市召开新闻发布会：江滨核技术应用产业园项目选址前期工作暂停", "临江日报", copy_of=("ljrb", 51202)),
    Doc("lj-gov", 60014, "e02-nuclear-drill", "2026-10-14 19:00", "我市参加全省核与辐射事故应急联合演练", "临江市生态环境局", (
        "10月14日，全省核与辐射事故应急联合演练在我市举行。副市长刘建平在市级指挥部参加演练。",
        "我市生态环境、公安、卫生健康、应急管理等部门按照预案分工，完成了现场警戒、辐射巡测、伤员转运和公众信息发布等科目。",
        "刘建平要求，各部门要以演练为契机，查找短板，进一步完善应急预案，确保一旦发生突发事件能够快速响应、科学处置。",
    )),
    Doc("lj-gov", 60015, "f-lj-gov-60015", "2026-10-15 15:00", "市长主持召开港口物流发展专题会", "临江市人民政府办公室", (
        "10月15日下午，市长主持召开港口物流发展专题会议，听取临江港集疏运体系建设情况汇报，研究加快海铁联运发展有关事项。",
    )),
    Doc("lj-gov", 60016, "e03-flood-response", "2026-10-16 06:30", "市防指启动防汛Ⅳ级应急响应", "临江市防汛抗旱指挥部办公室", (
        ("受今年第24号台风外围环流影响，预计10月16日至17日我市将出现大到暴雨、局部大暴雨，沿江沿海风力7到9级。"
         "根据《临江市防汛应急预案》，市防汛抗旱指挥部决定于10月16日6时起启动防汛Ⅳ级应急响应。"),
        ("各县（区）、各有关部门要立即进入应急状态，加强值班值守，做好城市内涝、山洪地质灾害和中小河流洪水防御，"
         "必要时及时转移危险区域群众。"),
        "请广大市民关注气象预警信息，减少不必要的外出，远离河道、低洼地带和临时建筑。",
    )),
    Doc("lj-gov", 60017, "e12-metro-line2", "2026-10-17 14:00", "临江地铁2号线开通初期运营", "临江市交通运输局",
        copy_of=("ljrb", 51207)),
    Doc("lj-gov", 60018, "f-lj-gov-60018", "2026-10-19 09:30", "市市场监管局开展秋季校园食品安全专项检查", "临江市市场监督管理局", (
        ("10月19日起，市市场监管局联合市教育局在全市开展秋季校园食品安全专项检查，"
         "重点检查学校食堂和校外供餐单位的原料采购、加工制作、从业人员健康管理和食品留样等情况。"),
        "检查将持续至11月底，对发现的问题将督促限期整改，情节严重的依法查处。",
    )),
    Doc("lj-gov", 60019, "f-lj-gov-60019", "2026-10-21 10:00", "临江市人民政府关于调整2026年度市级重点建设项目的通知",
        "临江市人民政府办公室", (
        "各县（区）人民政府，市各委办局：",
        ("根据项目前期工作进展情况，经市政府研究同意，对2026年度市级重点建设项目计划作部分调整，"
         "新增临江港三期集装箱码头等项目5个。具体名单见附件。"),
    )),
    Doc("lj-gov", 60020, "e14-chemical-explosion", "2026-10-20 15:30",
        "临江市通报青河县“10·19”爆炸事故处置进展 部署全市化工企业安全隐患排查", "临江市应急管理局", (
        ("10月19日9时40分许，青河县城东工业园区江南恒泰精细化工有限公司一生产车间发生爆炸，造成2人死亡、9人受伤。"
         "事故发生后，市委、市政府立即派出工作组赶赴青河县，指导做好伤员救治、环境监测和善后处置工作。"),
        ("10月20日上午，市政府召开全市安全生产紧急视频会议，通报青河县“10·19”爆炸事故情况，"
         "部署在全市范围内开展化工企业安全隐患大排查，对涉及危险化学品的企业逐一检查，发现隐患立即整改。"),
        "目前，事故原因调查工作正在进行中。",
    )),
    # ---- 青河县人民政府 (qh-gov, dates only) ----
    Doc("qh-gov", 1001, "f-qh-gov-1001", "2026-10-09", "县政府召开第18次常务会议", "青河县人民政府办公室", (
        "10月9日，县长主持召开县政府第18次常务会议，研究秋季农业生产、森林防火和青河二桥通车准备等工作。",
    )),
    Doc("qh-gov", 1002, "e10-fire-ban", "2026-10-12", "青河县人民政府关于划定2026—2027年度森林防火期的通告", "青河县人民政府", (
        ("为做好森林防火工作，保护森林资源和人民群众生命财产安全，根据《森林防火条例》和《江南省森林防火条例》有关规定，"
         "现就我县2026—2027年度森林防火期有关事项通告如下："),
        "一、森林防火期为2026年10月15日至2027年4月30日。",
        "二、森林防火期内，禁止在林区野外吸烟、烧荒、上坟烧纸、燃放孔明灯等一切野外用火行为。",
        "三、违反本通告规定的，由有关部门依法予以处罚；构成犯罪的，依法追究刑事责任。",
        "特此通告。",
    )),
    Doc("qh-gov", 1003, "e08-school-illness", "2026-10-14", "关于青河县实验小学学生疑似食源性疾病事件的情况通报",
        "青河县人民政府办公室", (
        ("10月13日中午，青河县实验小学部分学生在校内就餐后陆续出现呕吐、腹泻、发热等症状。接到报告后，县委、县政府高度重视，"
         "立即组织卫生健康、市场监管、教育等部门开展救治和调查处置工作。"),
        "截至10月14日12时，共有37名学生就医，其中31名已出院，6名留院观察，均无生命危险。",
        "目前，该校食堂已暂停供餐，相关食品留样已送检，具体原因正在进一步调查中。县政府将及时公布调查结果。",
    )),
    Doc("qh-gov", 1004, "e07-bridge-opening", "2026-10-15", "青河二桥正式建成通车", "青河县交通运输局", (
        "10月15日，青河二桥正式建成通车。青河二桥是我县第二座跨青河大桥，全长1.2公里，双向四车道，总投资4.6亿元，2024年3月开工建设。",
        "大桥建成后，城东新区至老城区的车程由原来的30分钟缩短至8分钟，将有效缓解青河大桥交通压力。",
        "县委、县政府主要领导出席通车仪式。",
    )),
    Doc("qh-gov", 1005, "f-qh-gov-1005", "2026-10-19", "县领导督导晚稻收割和秋种工作", "青河县农业农村局", (
        "10月19日，县领导到城东镇、河口乡等地督导晚稻收割和秋种工作，要求抢抓雨后晴好天气，做到应收尽收、颗粒归仓。",
    )),
    Doc("qh-gov", 1006, "e09-school-illness-result", "2026-10-20",
        "关于青河县实验小学学生疑似食源性疾病事件调查处理结果的通报", "青河县人民政府办公室", (
        ("10月13日，青河县实验小学部分学生出现呕吐、腹泻等症状。经县疾病预防控制中心流行病学调查和实验室检测，并经市级专家组会商，"
         "认定该事件为一起诺如病毒感染引起的食源性疾病事件。"),
        ("调查发现，学校食堂承包方在食品加工过程中存在生熟不分、从业人员健康管理不到位等问题。县市场监管局已依法对承包方立案查处，"
         "学校终止与其合同；县教育局对该校校长、分管副校长予以停职检查。"),
        "截至10月19日，就医学生已全部康复出院。县政府将举一反三，在全县开展校园食品安全专项整治。",
    )),
    Doc("qh-gov", 1007, "f-qh-gov-1007", "2026-10-21", "青河县2026年公开招聘事业单位工作人员公告", "青河县人力资源和社会保障局", (
        "根据工作需要，经研究决定，2026年青河县面向社会公开招聘事业单位工作人员42名。",
        "报名时间为2026年10月26日至10月30日，报名方式及岗位要求详见附件。",
    )),
    Doc("qh-gov", 1008, "e14-chemical-explosion", "2026-10-19 14:50",
        "关于青河县城东工业园区“10·19”爆炸事故的情况通报", "青河县人民政府办公室", (
        ("2026年10月19日9时40分许，位于青河县城东工业园区的江南恒泰精细化工有限公司一生产车间发生爆炸。"
         "事故发生后，县委、县政府主要负责同志第一时间赶赴现场，组织应急管理、消防救援、公安、卫生健康、"
         "生态环境等部门开展应急处置。"),
        ("截至19日14时，现场明火已全部扑灭。事故共造成2人死亡、9人受伤，伤者已分别送往县人民医院和临江市第一人民医院救治，"
         "其中1人伤势较重，其余8人生命体征平稳。"),
        "县生态环境局在事发地周边设置6个监测点位，监测数据显示空气和水体主要指标未见异常。",
        "目前，事故企业已全面停产，事故原因正在调查中。县政府将及时发布后续进展。",
    )),
    Doc("qh-gov", 1009, "e15-minimum-wage", "2026-10-22", "江南省人民政府关于调整全省最低工资标准的通知",
        "江南省人民政府", copy_of=("jn-gov", 4831)),
    # ---- 临江日报 (ljrb, RSS with +0800) ----
    Doc("ljrb", 51201, "f-ljrb-51201", "2026-10-08 08:00", "国庆假期临江港集装箱吞吐量同比增长12%", "临江日报", (
        "本报讯 记者从临江港集团获悉，国庆假期临江港生产作业不停歇，累计完成集装箱吞吐量18.6万标箱，同比增长12%。",
        "假期期间，临江港新开通两条外贸航线，港区实行24小时通关服务。",
    ), "记者 陈晓峰"),
    Doc("ljrb", 51202, "e01-project-protest", "2026-10-11 11:05",
        "临江市召开新闻发布会：江滨核技术应用产业园项目选址前期工作暂停", "临江日报", _P01, "记者 陈晓峰"),
    Doc("ljrb", 51203, "e08-school-illness", "2026-10-14 09:00", "青河县实验小学部分学生出现不适症状 当地全力救治", "临江日报", (
        "本报讯 记者今天上午从青河县获悉，13日中午青河县实验小学部分学生在校就餐后出现呕吐、腹泻等症状，当地已组织医疗力量全力救治。",
        "截至今天8时，共有37名学生就医，大部分症状已明显缓解。县市场监管部门已对学校食堂采样送检。",
    ), "记者 方磊"),
    Doc("ljrb", 51204, "e02-nuclear-drill", "2026-10-14 18:20", "全省核与辐射事故应急联合演练在我市举行", "临江日报", (
        "本报讯 今天，全省2026年核与辐射事故应急联合演练在我市举行。演练模拟某核技术利用单位发生放射源失控事件，多部门联动开展应急处置。",
        "记者在演练现场看到，身着防护服的监测人员携带仪器对模拟污染区域进行巡测，医疗救治组对“受照人员”进行洗消和转运。",
        "据了解，此类演练每年举行一次，旨在检验和提升全省核与辐射事故应急处置能力。",
    ), "记者 陈晓峰 通讯员 沈丽"),
    Doc("ljrb", 51205, "e07-bridge-opening", "2026-10-15 10:30", "青河二桥今天通车 城东到老城只需8分钟", "临江日报", (
        "本报讯 今天上午，青河县青河二桥正式建成通车。大桥全长1.2公里，双向四车道，是青河县第二座跨青河大桥。",
        "通车仪式结束后，不少市民驾车、骑行体验新桥。“以前上下班要在老桥上堵半个小时，现在方便多了。”家住城东新区的张先生说。",
    ), "记者 方磊 通讯员 赵小川"),
    Doc("ljrb", 51206, "e03-flood-response", "2026-10-16 09:45", "我市启动防汛Ⅳ级应急响应", "临江日报", (
        "本报讯 记者从市防汛抗旱指挥部获悉，受第24号台风外围环流影响，我市今明两天将有大到暴雨，市防指已于今天6时启动防汛Ⅳ级应急响应。",
        "截至上午9时，全市已转移低洼地带群众1200余人，青河县、沿江区部分在建工地已停工。",
    ), "记者 方磊"),
    Doc("ljrb", 51207, "e12-metro-line2", "2026-10-17 10:00", "地铁2号线今天开通初期运营", "临江日报", _METRO, "记者 陈晓峰"),
    Doc("ljrb", 51208, "f-ljrb-51208", "2026-10-18 09:00", "第十二届临江金秋桂花节开幕", "临江日报", (
        "本报讯 昨天，第十二届临江金秋桂花节在滨江公园开幕。本届桂花节持续至11月8日，期间将举办赏桂游园、非遗展演、桂花美食市集等活动。",
    ), "记者 方磊"),
    Doc("ljrb", 51209, "e13-private-economy", "2026-10-20 07:00", "省里出台25条措施 我市民营企业家：信心更足了", "临江日报", (
        "本报讯 省政府日前出台《关于进一步促进民营经济发展壮大的若干措施》，在我市民营企业家中引起热烈反响。",
        "临江一家机械制造公司负责人说，“免申即享”机制能让企业少跑腿，融资担保体系的完善也将缓解中小企业融资难题。",
    ), "记者 方磊"),
    Doc("ljrb", 51210, "e09-school-illness-result", "2026-10-21 10:00", "青河县通报实验小学学生不适事件调查结果", "临江日报", (
        "本报讯 青河县政府昨天通报，经流行病学调查和实验室检测，青河县实验小学学生不适事件系诺如病毒感染引起的食源性疾病事件。",
        "青河县将在全县开展校园食品安全专项整治，对学校食堂和校外供餐单位逐一排查。",
    ), "记者 方磊"),
    Doc("ljrb", 51211, "e14-chemical-explosion", "2026-10-20 07:30", "青河县城东工业园区化工企业爆炸已造成2死9伤",
        "临江日报", (
        ("本报讯 昨天上午9时40分许，青河县城东工业园区江南恒泰精细化工有限公司一生产车间发生爆炸。"
         "据青河县政府通报，事故已造成2人死亡、9人受伤，伤者正在医院接受治疗。"),
        "记者昨天下午在县人民医院看到，医护人员正在全力救治伤员。县生态环境部门监测显示，事发地周边空气和水体主要指标未见异常。",
        "事故原因正在调查中。",
    ), "记者 方磊"),
    Doc("ljrb", 51212, "e16-baisha-water-outage", "2026-10-21 08:00", "白沙街道多个小区停水 水务集团：供水主管道破损正在抢修",
        "临江日报", (
        ("本报讯 白沙街道锦绣花园、白沙新村等多个小区自17日晚起停水，不少居民来电反映生活受到影响。"
         "记者昨晚从临江水务集团了解到，停水系白沙路一处供水主管道破损所致，抢修人员正在连夜施工，预计22日恢复供水。"),
        "据介绍，水务集团已在停水小区设置临时供水点，并安排送水车定时为居民送水。",
    ), "记者 方磊"),
    # ---- 江南新闻网 (jnnews, Atom without zone) ----
    Doc("jnnews", 30450001, "e05-briefing-wk41", "2026-10-09 15:40", "江南秋粮收购10月中旬全面展开", "江南新闻网", (
        "江南新闻网讯 9日，江南省政府新闻办举行例行新闻发布会。记者从会上获悉，全省秋粮收购将于10月中旬全面展开，最低收购价政策将严格执行。",
        "省粮食和物资储备局有关负责人表示，将开通售粮咨询热线，督促收储企业合理安排收购网点，方便农民就近售粮。",
    ), "记者 周倩"),
    Doc("jnnews", 30450002, "e04-bus-fire", "2026-10-09 19:05", "临江一公交车行驶途中自燃 无人受伤", "江南新闻网", (
        "江南新闻网讯 9日下午，临江市滨江大道上一辆15路公交车在行驶途中发生自燃，驾驶员及时停车疏散乘客，车上人员无伤亡。",
        "目击者称，公交车尾部先冒出黑烟，随后出现明火。当地消防救援部门到场处置，起火原因正在调查。",
    ), "记者 吴昊"),
    Doc("jnnews", 30450003, "f-jnnews-30450003", "2026-10-10 10:00", "江南省2026年秋季高校毕业生就业双选会举行", "江南新闻网", (
        "江南新闻网讯 10日，江南省2026年秋季高校毕业生就业双选会在省城举行，1200余家用人单位提供岗位3.5万个。",
    ), "记者 周倩"),
    Doc("jnnews", 30450004, "e01-project-protest", "2026-10-11 11:30", "临江暂停江滨核技术应用产业园项目选址前期工作", "江南新闻网", (
        "江南新闻网讯（记者 周倩）临江市政府11日上午召开新闻发布会宣布，暂停江滨核技术应用产业园项目选址前期工作。",
        "据介绍，该项目拟建设核技术应用研发和产业化基地，目前处于前期论证阶段。10日晚，一些市民聚集在临江市民广场，对项目安全和选址表达担忧。",
        "临江市政府新闻发言人在发布会上表示，将认真听取市民意见，做好信息公开，项目相关情况将及时向社会发布。",
    ), "记者 周倩"),
    Doc("jnnews", 30450005, "e02-nuclear-drill", "2026-10-15 08:10", "江南举行核与辐射事故应急联合演练 300余人参演", "江南新闻网", (
        "江南新闻网讯 14日，江南省2026年核与辐射事故应急联合演练在临江市举行，20余家单位、300余名应急人员参加。",
        "演练以放射源失控为背景，设置信息报告、辐射监测、人员防护、医疗救治和新闻发布等科目。省生态环境厅表示，这是年度例行演练。",
    ), "记者 周倩"),
    Doc("jnnews", 30450006, "e03-flood-response", "2026-10-16 11:00", "台风外围影响江南 临江启动防汛Ⅳ级应急响应", "江南新闻网", (
        "江南新闻网讯 受今年第24号台风外围环流影响，江南省东部沿海地区16日出现强降雨。临江市防汛抗旱指挥部16日6时启动防汛Ⅳ级应急响应。",
        "省气象台预计，17日降雨将逐步减弱。",
    ), "记者 吴昊"),
    Doc("jnnews", 30450007, "e06-briefing-wk42", "2026-10-16 15:10", "江南将新增社区养老服务中心300家", "江南新闻网", (
        "江南新闻网讯 16日下午，江南省政府新闻办举行例行新闻发布会，介绍全省养老服务体系建设情况。到2027年底，全省将新增社区养老服务中心300家。",
        "省民政厅有关负责人介绍，全省将推动居家、社区、机构养老协调发展，加快发展老年助餐服务。",
    ), "记者 吴昊"),
    Doc("jnnews", 30450008, "f-jnnews-30450008", "2026-10-18 16:00", "江南省博物馆新馆开放首日迎客1.2万人次", "江南新闻网", (
        "江南新闻网讯 18日，江南省博物馆新馆正式对公众开放，首日接待观众1.2万人次。新馆展陈面积3.2万平方米，设常设展览12个。",
    ), "记者 吴昊"),
    Doc("jnnews", 30450009, "e13-private-economy", "2026-10-19 11:30", "江南出台25条措施促进民营经济发展壮大", "江南新闻网", (
        "江南新闻网讯 江南省政府19日公布《关于进一步促进民营经济发展壮大的若干措施》，从市场准入、要素保障、融资支持、涉企服务等方面推出25条措施。",
        "其中，涉企政策将推行“免申即享”，符合条件的企业无需申请即可享受政策红利。",
    ), "记者 吴昊"),
    Doc("jnnews", 30450010, "e14-chemical-explosion", "2026-10-19 11:10", "临江市青河县一化工企业发生爆炸 消防正在现场处置",
        "江南新闻网", (
        ("江南新闻网讯 19日上午9时40分许，临江市青河县城东工业园区一家化工企业发生爆炸。记者从临江市消防救援支队获悉，"
         "接警后支队调派12辆消防车、60余名指战员赶赴现场处置。"),
        "现场视频显示，事发厂房上空浓烟翻滚。目前现场明火已基本得到控制，人员伤亡情况正在核实。",
    ), "记者 吴昊"),
    Doc("jnnews", 30450011, "e15-minimum-wage", "2026-10-21 17:20", "江南调整最低工资标准 一类地区月最低工资2490元",
        "江南新闻网", (
        "江南新闻网讯 江南省政府21日发布通知，自2027年1月1日起调整全省最低工资标准，一类地区月最低工资标准提高至2490元。",
        ("省人力资源和社会保障厅有关负责人介绍，此次调整综合考虑了城镇居民生活费用支出、职工平均工资、"
         "经济发展水平和就业状况等因素，三类地区平均增幅约6.8%。"),
    ), "记者 周倩"),
    Doc("jnnews", 30450012, "e16-baisha-water-outage", "2026-10-21 12:00", "临江白沙街道多个小区停水三天 居民盼早日恢复供水",
        "江南新闻网", (
        ("江南新闻网讯 临江市白沙街道锦绣花园、白沙新村等小区自17日晚起停水，涉及居民约3000户。"
         "记者21日从临江水务集团获悉，停水原因是白沙路一处供水主管道破损，预计22日恢复供水。"),
        "有居民表示，希望有关部门提前发布停水通知，并及时公布抢修进展。",
    ), "记者 吴昊"),
    # ---- 临江晚报 (ljwb, no feed) ----
    Doc("ljwb", 8801, "e04-bus-fire", "2026-10-09 18:30", "滨江大道一公交车突发自燃 乘客全部安全疏散", "临江晚报", (
        "本报讯 今天下午4时许，一辆行驶在滨江大道的15路公交车尾部突然冒出浓烟。驾驶员立即靠边停车，打开车门疏散乘客。",
        "记者赶到现场时，消防救援人员已将明火扑灭，车上20余名乘客全部安全下车，无人员受伤。起火原因正在调查中。",
        "受此影响，滨江大道东向西方向交通一度缓行，约半小时后恢复正常。",
    ), "记者 何佳"),
    Doc("ljwb", 8802, "f-ljwb-8802", "2026-10-10 20:00", "老街夜市重新开张 烟火气回来了", "临江晚报", (
        "本报讯 今晚，经过三个月改造提升的临江老街夜市重新开张。120个摊位整齐排列，臭豆腐、桂花糕、炒螺蛳……各色小吃吸引了大批市民。",
    ), "记者 林涛"),
    Doc("ljwb", 8803, "e01-project-protest", "2026-10-11 12:40", "产业园项目选址暂停 市政府：后续进展将及时公布", "临江晚报", (
        "本报讯 昨晚，不少市民来到市民广场，表达对江滨核技术应用产业园项目的关切。今天上午，市政府召开新闻发布会，宣布暂停该项目选址前期工作。",
        "“我们就想知道，项目到底建在哪、安不安全。”家住白沙街道的王女士说。她表示，看到发布会的消息后心里踏实了不少。",
        "市政府新闻发言人表示，项目目前处于前期论证阶段，后续进展将及时向社会公布。",
    ), "记者 林涛 实习生 何佳"),
    Doc("ljwb", 8804, "e08-school-illness", "2026-10-13 20:15", "青河县实验小学多名学生出现呕吐腹泻症状 已送医治疗", "临江晚报", (
        "本报讯 今天下午，有家长向本报反映，青河县实验小学多名学生在午餐后出现呕吐、腹泻、发热等症状，已被送往县人民医院治疗。",
        "记者傍晚在县人民医院看到，部分学生正在输液，情绪稳定。一名家长说，孩子中午在学校食堂吃饭，下午就开始肚子疼。",
        "截至记者发稿时，校方和当地有关部门尚未就此事作出回应。",
    ), "记者 何佳"),
    Doc("ljwb", 8805, "e03-flood-response", "2026-10-16 10:20", "台风外围雨带来袭 这些路段易积水请绕行", "临江晚报", (
        "本报讯 今晨6时，市防指启动防汛Ⅳ级应急响应。受台风外围环流影响，今天上午我市城区普降大雨。",
        "记者从市城管部门了解到，解放路下穿隧道、江滨路与建设路交叉口等易积水点已安排专人值守和移动泵车。市民出行请提前规划路线。",
    ), "记者 林涛"),
    Doc("ljwb", 8806, "f-ljwb-8806", "2026-10-18 11:00", "临江半程马拉松鸣枪开跑 1.5万名跑者参赛", "临江晚报", (
        "本报讯 今天上午7时30分，2026临江半程马拉松在市民广场鸣枪开跑，来自全国各地的1.5万名跑者沿江滨路奔跑。",
    ), "记者 何佳"),
    Doc("ljwb", 8807, "e09-school-illness-result", "2026-10-21 09:00", "青河实验小学学生不适事件调查结果公布：系诺如病毒感染",
        "临江晚报", (
        "本报讯 昨天，青河县政府公布实验小学学生疑似食源性疾病事件调查处理结果，认定系诺如病毒感染引起。",
        "通报显示，食堂承包方存在生熟不分等问题，已被立案查处，该校校长和分管副校长被停职检查。就医学生已全部康复。",
    ), "记者 何佳"),
    Doc("ljwb", 8808, "e14-chemical-explosion", "2026-10-19 10:25", "青河县城东工业园区一化工企业发生爆炸 现场浓烟滚滚",
        "临江晚报", (
        ("本报讯 今天上午9时40分许，青河县城东工业园区一家化工企业厂区内突然传出巨响，随后升起大量黑色浓烟。"
         "多名附近居民向本报反映，在两三公里外都能听到爆炸声，部分民房窗户玻璃被震碎。"),
        "记者10时许赶到园区外围时看到，消防车和救护车陆续进入，园区入口已拉起警戒线。事故是否造成人员伤亡，目前尚不清楚。",
        "本报将持续关注。",
    ), "记者 何佳"),
    Doc("ljwb", 8809, "e16-baisha-water-outage", "2026-10-20 19:30", "白沙街道多个小区停水近三天 居民提桶排队接水",
        "临江晚报", (
        ("本报讯 连日来，不少家住白沙街道的读者向本报反映，自17日晚起，锦绣花园、白沙新村等多个小区停水或水压不足，"
         "至今已近三天，事先也没有接到任何停水通知。"),
        "今天下午，记者在锦绣花园看到，小区门口停着一辆送水车，居民拎着水桶排起长队。“做饭洗衣都成问题，家里老人孩子最受罪。”居民李阿姨说。",
        "记者多次拨打供水服务热线，均提示线路繁忙。截至发稿，有关方面尚未说明停水原因和恢复时间。",
    ), "记者 林涛"),
    # ---- 华夏通讯社 (hxs, RSS in GMT with summaries only) ----
    Doc("hxs", 1130088101, "f-hxs-1130088101", "2026-10-08 20:00", "国庆假期全国铁路发送旅客超1.5亿人次", "华夏通讯社", (
        "华夏通讯社北京10月8日电（记者 孙磊）记者从国家铁路部门获悉，国庆假期全国铁路累计发送旅客超1.5亿人次，日均开行旅客列车1.2万列以上。",
    ), "记者 孙磊"),
    Doc("hxs", 1130088102, "e01-project-protest", "2026-10-11 12:10", "江南临江暂停一核技术应用产业园项目选址", "华夏通讯社", (
        "华夏通讯社临江10月11日电（记者 高远）江南省临江市政府11日宣布，暂停江滨核技术应用产业园项目选址前期工作。",
        ("临江市政府新闻发言人在当天举行的新闻发布会上说，项目尚处于前期论证阶段，未确定选址。根据部分市民的意见建议，"
         "市政府决定暂停选址前期工作，今后将加强信息公开和科普宣传。"),
    ), "记者 高远"),
    Doc("hxs", 1130088103, "e12-metro-line2", "2026-10-17 11:20", "江南临江地铁2号线开通运营", "华夏通讯社", (
        "华夏通讯社临江10月17日电（记者 高远）江南省临江市地铁2号线17日开通初期运营。该线全长21.6公里，设车站18座。",
        "至此，临江城市轨道交通运营里程达到47.3公里。",
    ), "记者 高远"),
    Doc("hxs", 1130088104, "f-hxs-1130088104", "2026-10-20 14:00", "北方多地迎来今秋首场降雪", "华夏通讯社", (
        "华夏通讯社北京10月20日电（记者 孙磊）受冷空气影响，20日北方多地迎来今秋首场降雪，相关部门提醒公众注意防寒保暖和出行安全。",
    ), "记者 孙磊"),
    Doc("hxs", 1130088105, "e14-chemical-explosion", "2026-10-19 16:10", "江南临江青河县一化工企业爆炸致2死9伤", "华夏通讯社", (
        ("华夏通讯社临江10月19日电（记者 高远）江南省临江市青河县城东工业园区一家化工企业19日上午发生爆炸。"
         "记者从青河县人民政府获悉，截至19日14时，事故已造成2人死亡、9人受伤。"),
        "当地环境监测显示，事发地周边空气和水体主要指标未见异常。事故原因正在调查中。",
    ), "记者 高远"),
    # ---- e17: media report a lagging subsidy; the city's explanation, dated 10-21 09:00, appears only in round 2 ----
    Doc("ljwb", 8810, "e17-elevator-subsidy", "2026-10-19 19:00", "老旧住宅加装电梯补贴申请半年未到账 居民：说好的补贴呢",
        "临江晚报", (
        ("本报讯 连日来，多位家住沿江区、高新区老旧住宅的读者向本报反映，今年4月申请的既有住宅加装电梯财政补贴，"
         "至今已过去半年仍未到账。按照我市政策，每台加装电梯可获得市、区两级财政补贴最高20万元。"),
        "“电梯早就装好投用了，施工款是邻居们先垫付的，补贴一直没有消息。”沿江区一位居民说。",
        "记者拨打有关部门电话，工作人员表示正在了解情况。",
    ), "记者 林涛"),
    Doc("jnnews", 30450013, "e17-elevator-subsidy", "2026-10-20 10:00", "临江加装电梯补贴发放滞后 多个小区居民等了半年",
        "江南新闻网", (
        ("江南新闻网讯 临江市多个老旧住宅小区居民反映，今年上半年申请的既有住宅加装电梯财政补贴迟迟未发放，"
         "部分加装电梯的施工款由居民先行垫付。"),
        "据了解，临江市对既有住宅加装电梯实行市、区两级财政补贴，每台最高20万元，补贴需经验收、审核后拨付。",
    ), "记者 周倩"),
    Doc("lj-gov", 60021, "e17-elevator-subsidy", "2026-10-21 09:00", "关于既有住宅加装电梯财政补贴发放有关情况的说明",
        "临江市住房和城乡建设局", (
        ("近日，有市民反映我市既有住宅加装电梯财政补贴发放滞后。经核查，今年上半年共受理加装电梯补贴申请126台，"
         "其中已完成验收审核的98台补贴资金已于本月拨付到位，其余28台正在办理竣工验收手续。"),
        "市住房和城乡建设局将会同市财政局简化审核流程，在验收合格后15个工作日内完成补贴拨付，并及时公开办理进度。",
        "咨询电话：0570-12345321。",
    ), first_round=2),
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


@dataclass(frozen=True)
class Round:
    number: int
    down: frozenset[str] = frozenset()  # sites that answer every request with 503 Service Unavailable
    note: str = ""


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
