"""Unit tests for the event matcher: hard positives, hard negatives, determinism and restore()."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pipeline.match.evidence import read_anchors
from pipeline.match.gazetteer import Gazetteer, compatible, split_divisions
from pipeline.match.matcher import Matcher
from pipeline.match.records import Link, MatchConfig, MatchDoc, new_event_id
from pipeline.match.tokenize import normalize

CST = timezone(timedelta(hours=8))


def at(day: int, hour: int = 9, month: int = 8, year: int = 2016) -> datetime:
    return datetime(year, month, day, hour, tzinfo=CST)


def doc(
    doc_id: str,
    title: str,
    body: str,
    when: datetime,
    kind: str = "media",
    source: str = "src",
    region: str | None = None,
) -> MatchDoc:
    return MatchDoc(doc_id, source, kind, region, title, body, when)


WIRE = doc(
    "xinhua-1",
    "连云港市宣布暂停核循环项目选址前期工作",
    "新华社南京8月10日电 江苏省连云港市人民政府10日发布通告，宣布暂停核循环项目选址前期工作。"
    "此前，连云港部分市民对该项目可能落户当地表达担忧。市政府表示，将认真听取市民意见，依法依规做好相关工作。"
    "据了解，该项目由中核集团与法国阿海珐公司合作建设，投资额约1000亿元，选址工作此前尚处于前期阶段。",
    at(10, 9),
    source="xinhua",
)
LOCAL = doc(
    "lygdaily-1",
    "我市暂停核循环项目选址前期工作",
    "记者从市政府获悉，连云港市政府10日上午发布通告，决定即日起暂停核循环项目选址前期工作。"
    "通告发布后，不少市民在朋友圈转发。市民王先生说，政府及时回应了大家对核循环项目的关切。"
    "市有关部门负责人表示，将加强信息公开，做好政策解读。",
    at(10, 11),
    source="lygdaily",
    region="江苏省连云港市",
)
NOTICE = doc(
    "lyg-gov-1",
    "连云港市人民政府关于暂停核循环项目选址前期工作的通告",
    "经市政府研究，决定暂停核循环项目选址前期工作。特此通告。",
    at(12, 16),
    kind="official",
    source="lyg-gov",
    region="江苏省连云港市",
)
PROTEST = doc(
    "protest-1",
    "连云港市民聚集表达对核废料处理项目的担忧",
    "8月6日晚，数百名连云港市民在市政府附近聚集，表达对可能落地当地的核废料处理项目的担忧。"
    "现场秩序总体平稳，警方在周边维持秩序。有市民表示，希望政府公开项目信息。",
    at(7, 8),
    source="hk-paper",
)
DRILL = doc(
    "lyg-drill-1",
    "我市组织开展2016年度核安全应急演练",
    "8月8日上午，市政府在田湾核电站组织开展2016年度核安全应急演练，模拟核电机组发生事故后场外应急响应。"
    "演练检验了应急指挥、辐射监测、人员撤离等环节，市核应急办等12个部门参加。",
    at(8, 15),
    kind="official",
    source="lyg-gov",
    region="江苏省连云港市",
)


def briefing(n: str, cn: str, day: int) -> MatchDoc:
    return doc(
        f"brief-{n}",
        f"连云港市新冠肺炎疫情防控工作第{cn}场新闻发布会",
        f"3月{day}日上午，市政府新闻办召开第{cn}场新闻发布会，通报全市疫情防控和复工复产最新情况。"
        "市卫健委、市发改委、市商务局负责人出席发布会，介绍企业复工复产、重点人群排查和物资保障等工作进展，并回答记者提问。",
        at(day, 10, month=3, year=2020),
        kind="official",
        source="lyg-gov",
        region="江苏省连云港市",
    )


def county_notice(county: str, doc_id: str, hour: int) -> MatchDoc:
    return doc(
        doc_id,
        "关于暂停各类聚集性活动的通告",
        "为切实做好疫情防控工作，经县疫情防控指挥部研究决定，自即日起暂停全县各类聚集性活动，"
        "暂停开放公共文化场所，农村集市一律暂停。特此通告。",
        at(2, hour, month=2, year=2020),
        kind="official",
        source=f"{county}-gov",
        region=f"江南省临江市{county}",
    )


def linked(links: list[Link]) -> set[str]:
    return {link.event_id for link in links}


def test_wire_local_paper_and_short_notice_link_together() -> None:
    matcher = Matcher()
    links = [matcher.add(d) for d in (WIRE, LOCAL, NOTICE)]
    assert linked(links) == {new_event_id(WIRE.doc_id)}
    assert links[2].matched_doc_id in {WIRE.doc_id, LOCAL.doc_id}
    assert "核循环" in links[2].shared_terms


def test_nuclear_drill_and_nuclear_protest_in_same_city_and_week_do_not_link() -> None:
    matcher = Matcher()
    links = [matcher.add(d) for d in (PROTEST, DRILL, WIRE)]
    assert len(linked(links)) == 3


@pytest.mark.parametrize("window_hours", [96.0, 24.0 * 30])
def test_successive_weekly_briefings_are_different_events(window_hours: float) -> None:
    matcher = Matcher(MatchConfig(window_hours=window_hours))
    links = [matcher.add(briefing(n, cn, day)) for n, cn, day in (("5", "五", 2), ("6", "六", 9), ("7", "七", 16))]
    assert len(linked(links)) == 3


def test_successive_daily_bulletins_of_one_issuer_are_different_events() -> None:
    text = "2020年2月{d}日0-24时，江苏省无新增新型冠状病毒肺炎确诊病例。新增出院病例29例。截至2月{d}日24时，全省累计报告确诊病例631例。"
    matcher = Matcher()
    links = [
        matcher.add(
            doc(
                f"js-{d}",
                "江苏无新增确诊病例",
                text.format(d=d),
                at(d + 1, 8, month=2, year=2020),
                kind="official",
                source="js-wjw",
                region="江苏省",
            )
        )
        for d in (19, 20, 21)
    ]
    assert len(linked(links)) == 3


def test_same_template_notice_in_two_counties_are_different_events() -> None:
    matcher = Matcher(regions=["江南省临江市青河县", "江南省临江市白沙县"])
    first = matcher.add(county_notice("青河县", "qh-1", 9))
    second = matcher.add(county_notice("白沙县", "bs-1", 10))
    assert first.event_id != second.event_id
    # ... while a repost by the same county does link.
    third = matcher.add(county_notice("青河县", "qh-2", 11))
    assert third.event_id == first.event_id


def test_media_report_joins_the_bulletin_whose_figures_it_repeats() -> None:
    matcher = Matcher()
    bulletin = matcher.add(
        doc(
            "zj-1",
            "浙江新增2例，累计1175例",
            "2020年2月19日0-24时，浙江省报告新型冠状病毒肺炎新增确诊病例2例，新增出院病例65例。截至2月19日24时，浙江省累计报告"
            "新型冠状病毒肺炎确诊病例1175例，现有重症病例57例，累计出院609例。",
            at(20, 9, month=2, year=2020),
            kind="official",
            source="zj-wjw",
            region="浙江省",
        )
    )
    other_day = matcher.add(
        doc(
            "zj-2",
            "浙江新增2例，累计1177例",
            "2020年2月20日0-24时，浙江省报告新型冠状病毒肺炎新增确诊病例2例，新增出院病例50例。截至2月20日24时，浙江省累计报告"
            "新型冠状病毒肺炎确诊病例1177例，现有重症病例50例，累计出院659例。",
            at(21, 9, month=2, year=2020),
            kind="official",
            source="zj-wjw",
            region="浙江省",
        )
    )
    media = matcher.add(
        doc(
            "rmrb-1",
            "浙江出院患者占确诊病例超半数",
            "记者从浙江省卫生健康委获悉，截至2月19日24时，浙江省累计报告新冠肺炎确诊病例1175例，累计出院609例，"
            "出院患者占确诊病例的51.83%。",
            at(21, 10, month=2, year=2020),
        )
    )
    assert other_day.event_id != bulletin.event_id
    assert media.event_id == bulletin.event_id


def test_different_places_do_not_link() -> None:
    matcher = Matcher()
    text = "2月21日，{p}召开新冠肺炎疫情防控新闻发布会，介绍复工复产和交通运输保障情况，宣布恢复城市公交运营。"
    first = matcher.add(doc("a", "{p}恢复城市公交运营".format(p="南京"), text.format(p="南京市"), at(21, 9, 2, 2020)))
    second = matcher.add(doc("b", "{p}恢复城市公交运营".format(p="苏州"), text.format(p="苏州市"), at(21, 10, 2, 2020)))
    assert first.event_id != second.event_id


def test_time_window() -> None:
    matcher = Matcher(MatchConfig(window_hours=48))
    first = matcher.add(WIRE)
    late = matcher.add(MatchDoc("late", "x", "media", None, WIRE.title, WIRE.body, at(20, 9)))
    assert late.event_id != first.event_id


def dev_like_stream() -> list[MatchDoc]:
    return (
        [PROTEST, DRILL, WIRE, LOCAL, NOTICE]
        + [briefing(n, cn, d) for n, cn, d in (("5", "五", 2), ("6", "六", 9))]
        + [county_notice("青河县", "qh-1", 9), county_notice("白沙县", "bs-1", 10), county_notice("青河县", "qh-2", 11)]
    )


def test_determinism() -> None:
    stream = dev_like_stream()
    runs = [[Matcher(regions=["江南省临江市青河县", "江南省临江市白沙县"]).add(d) for d in stream] for _ in range(2)]
    assert runs[0] == runs[1]


def test_restore_then_add_equals_adding_everything() -> None:
    stream = dev_like_stream()
    regions = ["江南省临江市青河县", "江南省临江市白沙县"]
    whole = Matcher(regions=regions)
    links = [whole.add(d) for d in stream]
    for cut in (2, 4, 7):
        resumed = Matcher(regions=regions)
        for d, link in zip(stream[:cut], links[:cut], strict=True):
            resumed.restore(d, link.event_id)
        assert [resumed.add(d) for d in stream[cut:]] == links[cut:]


def test_copies_scores_reposts_high_and_rewrites_low() -> None:
    matcher = Matcher()
    repost = MatchDoc("r", "lyg-gov", "official", None, WIRE.title, "（来源：新华社）" + WIRE.body, at(11))
    assert matcher.copies(repost, WIRE) > 0.9
    assert matcher.copies(NOTICE, LOCAL) < 0.5
    assert matcher.copies(DRILL, WIRE) < 0.1


def test_reporting_periods_are_read() -> None:
    gaz = Gazetteer()
    when = at(20, 8, month=2, year=2020)

    def endpoints(text: str) -> set[tuple[int, int, int]]:
        return set(read_anchors("", normalize(text), when, gaz, None, 120, False).endpoints)

    assert endpoints("2020年2月19日0—24时，全省新增") == {(2, 20, 0)}
    assert endpoints("2月19日12时至24时，无新增确诊病例。") == {(2, 20, 0)}
    assert endpoints("19日0-12时，新增1例。") == {(2, 19, 12)}
    assert endpoints("2月19日8时至20日8时，内蒙古自治区报告") == {(2, 20, 8)}
    assert endpoints("截至2月20日0时，我省累计报告") == {(2, 20, 0)}
    assert endpoints("截至当地时间20日上午9时，韩国感染者人数已达82人") == {(2, 20, 9)}
    assert endpoints("韩国中央防疫对策本部19日通报，截至当天下午4时，累计确诊") == {(2, 19, 16)}


def test_gazetteer_regions_and_extension() -> None:
    gaz = Gazetteer(["江南省临江市青河县"])
    assert split_divisions("江南省临江市青河县") == ["江南省", "临江市", "青河县"]
    assert gaz.region_of("江苏省连云港市") == ("江苏省", "连云港市")
    found = {p.name: p.region for p in gaz.find("青河县和连云港、西双版纳州、内蒙古、日本")}
    assert found["青河县"] == ("江南省", "临江市", "青河县")
    assert found["连云港"] == ("江苏省", "连云港市")
    assert found["西双版纳州"][0] == "云南省"
    assert found["内蒙古"] == ("内蒙古自治区",)
    assert compatible(("江苏省",), ("江苏省", "连云港市"))
    assert not compatible(("江苏省", "苏州市"), ("江苏省", "连云港市"))


def test_gazetteer_covers_every_prefecture() -> None:
    from pipeline.match.gazetteer import PREFECTURES, PROVINCES

    assert len(PROVINCES) == 34
    names = [c for cities in PREFECTURES.values() for c in cities.split()]
    prefecture_level = [c for c in names if c.endswith(("市", "州", "盟", "地区"))]
    assert len(set(names)) == len(names)
    assert len(prefecture_level) >= 333


def test_rjieba_and_jieba_give_the_same_terms() -> None:
    pytest.importorskip("rjieba")
    import pipeline.match.tokenize as tokenize_module

    texts = [normalize(d.title + "\n" + d.body) for d in dev_like_stream()]
    fast = [tokenize_module.Tokenizer().terms(t) for t in texts]
    saved, tokenize_module.rjieba = tokenize_module.rjieba, None
    try:
        plain = [tokenize_module.Tokenizer().terms(t) for t in texts]
    finally:
        tokenize_module.rjieba = saved
    assert fast == plain
