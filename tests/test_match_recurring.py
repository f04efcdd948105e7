"""The two failure classes of single-link matching on real streams, on small real-shaped cases:

* recurring happenings (a daily press conference, a bulletin per reporting period) chaining into one event;
* single-link growth: a document joining an event because it resembles one member, while it disagrees with another.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from pipeline.match.matcher import Matcher
from pipeline.match.records import MatchDoc

CST = timezone(timedelta(hours=8))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2020, 2, day, hour, minute, tzinfo=CST)


def test_a_daily_press_conference_over_five_days_is_five_events() -> None:
    matcher = Matcher()
    events = []
    for day in range(7, 12):
        live = MatchDoc(
            f"live-{day}", "weibo-2286908003", "media", None, "直播：上海市新冠肺炎疫情防控工作新闻发布会",
            "【直播：上海市新冠肺炎疫情防控工作新闻发布会】上海市政府新闻办今天上午10时举行新冠肺炎疫情防控工作"
            "新闻发布会，介绍本市疫情防控最新情况。戳视频↓",
            at(day, 9, 55),
        )
        echo = MatchDoc(
            f"echo-{day}", "weibo-2656274875", "media", None, "上海市新冠肺炎疫情防控工作新闻发布会",
            "【上海市新冠肺炎疫情防控工作新闻发布会】今天上午10时，上海市政府新闻办举行新冠肺炎疫情防控工作"
            "新闻发布会，介绍本市疫情防控最新情况。",
            at(day, 10, 20),
        )
        first = matcher.add(live)
        second = matcher.add(echo)
        assert second.event_id == first.event_id, (day, second)  # the same day's conference, told twice
        events.append(first.event_id)
    assert len(set(events)) == 5, events


def test_a_bulletin_per_period_is_one_event_per_period() -> None:
    matcher = Matcher(regions=["江西省"])
    events = []
    figures = {8: (42, 740), 9: (31, 771), 10: (33, 804)}
    for day, (new, total) in figures.items():
        bulletin = MatchDoc(
            f"jx-{day}", "web-hc.jiangxi.gov.cn", "official", "江西省", f"江西新增确诊{new}例，累计确诊{total}例",
            f"2月{day}日0-24时，江西省报告新型冠状病毒肺炎新增确诊病例{new}例，累计报告确诊病例{total}例。",
            at(day + 1, 8, 5),
        )
        repost = MatchDoc(
            f"media-{day}", "weibo-2286908003", "media", None, f"江西新增{new}例累计{total}例",
            f"【江西新增{new}例累计{total}例】{day}日0-24时，江西省新增新冠肺炎确诊病例{new}例，累计确诊{total}例。",
            at(day + 1, 9, 40),
        )
        first = matcher.add(bulletin)
        second = matcher.add(repost)
        assert second.event_id == first.event_id, (day, second)
        assert second.evidence, second  # the features that decided are kept for analysts
        events.append(first.event_id)
    assert len(set(events)) == 3, events


def test_a_chain_whose_ends_disagree_does_not_grow() -> None:
    """B (the city) resembles A (one county) and C (another county); C must not join the event of A and B."""
    matcher = Matcher(regions=["江南省临江市青河县", "江南省临江市江北县", "江南省临江市"])
    a = MatchDoc(
        "a", "qh-gov", "official", "江南省临江市青河县", "青河县柳塘镇一化工厂起火",
        "6月4日14时许，青河县柳塘镇一化工厂仓库起火，消防救援人员赶赴现场处置，火势已得到控制，无人员伤亡。",
        datetime(2024, 6, 4, 15, 0, tzinfo=CST),
    )
    b = MatchDoc(
        "b", "lj-daily", "media", None, "临江一化工厂仓库起火 火势已得到控制",
        "6月4日14时许，临江市一化工厂仓库起火，消防救援人员赶赴现场处置，火势已得到控制，无人员伤亡。",
        datetime(2024, 6, 4, 16, 0, tzinfo=CST),
    )
    c = MatchDoc(
        "c", "jb-gov", "official", "江南省临江市江北县", "江北县一化工厂起火",
        "6月4日14时许，江北县一化工厂仓库起火，消防救援人员赶赴现场处置，火势已得到控制，无人员伤亡。",
        datetime(2024, 6, 4, 17, 0, tzinfo=CST),
    )
    first, second, third = matcher.add(a), matcher.add(b), matcher.add(c)
    assert second.event_id == first.event_id, second
    assert third.event_id != first.event_id, third


def test_a_date_only_post_is_as_far_from_a_report_as_the_nearest_moment_of_its_day() -> None:
    from pipeline.match.features import seconds_apart
    from pipeline.match.records import span_seconds

    day = span_seconds("day")
    midnight = 1_000_000.0
    next_morning = midnight + day + 9 * 3600
    assert seconds_apart(midnight, day, next_morning, 0.0) == 9 * 3600  # not 33 h from its midnight stamp
    assert seconds_apart(next_morning, 0.0, midnight, day) == 9 * 3600
    assert seconds_apart(midnight, day, midnight + 3600, span_seconds("minute")) == 0.0  # within its day
