"""Telling a series' next occurrence from a one-off happening's follow-up (`pipeline.match.recurrence`)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from pipeline.match.matcher import Matcher
from pipeline.match.records import MatchDoc
from pipeline.match.recurrence import TitleCalendar, beijing_day, template

CST = timezone(timedelta(hours=8))
WINDOW_HOURS = 96.0


def ts(day: int, hour: int) -> float:
    return datetime(2021, 3, day, hour, tzinfo=CST).timestamp()


def test_template_masks_figures_and_numerals_and_drops_punctuation() -> None:
    assert template("第12场：北京市新冠肺炎疫情防控新闻发布会") == template("第十三场 北京市新冠肺炎疫情防控新闻发布会")
    assert template("3月5日0-24时新增确诊病例2例") == template("3月6日0—24时新增确诊病例15例")
    assert template("北京市疫情通报") != template("上海市疫情通报")


def test_beijing_day_turns_at_beijing_midnight() -> None:
    assert beijing_day(ts(5, 0)) == beijing_day(ts(5, 23))
    assert beijing_day(ts(5, 23)) + 1 == beijing_day(ts(6, 0))


def test_a_template_recurs_only_from_the_same_source_on_another_day() -> None:
    calendar = TitleCalendar(WINDOW_HOURS)
    calendar.note("wsjkw-bj", template("3月5日北京新增确诊病例2例"), ts(5, 8))
    assert not calendar.recurs("wsjkw-bj", template("3月5日北京新增确诊病例3例"), ts(5, 20))  # same day
    assert calendar.recurs("wsjkw-bj", template("3月6日北京新增确诊病例3例"), ts(6, 8))
    assert not calendar.recurs("xinhua", template("3月6日北京新增确诊病例3例"), ts(6, 8))  # another source
    assert not calendar.recurs("wsjkw-bj", template("北京发布寒潮蓝色预警"), ts(6, 8))  # another template
    assert not calendar.recurs("wsjkw-bj", template("3月6日北京新增确诊病例3例"), None)  # no time, no claim


def test_the_calendar_forgets_posts_beyond_its_look_back() -> None:
    calendar = TitleCalendar(WINDOW_HOURS)
    bulletin = template("北京市新增确诊病例2例")
    calendar.note("wsjkw-bj", bulletin, ts(1, 8))
    assert not calendar.recurs("wsjkw-bj", bulletin, ts(6, 9))  # five days on: beyond the window
    calendar.note("other", template("无关的稿件"), ts(20, 8))  # time moves on; the old post is let go
    assert calendar._days.get(("wsjkw-bj", bulletin)) is None


def test_an_incident_followed_up_by_an_official_notice_a_day_later_is_one_event() -> None:
    """A one-off happening: the media report, the office answers the next morning in its own words."""
    matcher = Matcher()
    report = MatchDoc(
        "report", "media-thepaper", "media", None, "杭州一小区电梯故障困住多名居民 物业回应",
        "3月8日晚，杭州市西湖区文新街道一小区电梯突发故障，多名居民被困近一小时。物业称已联系维保单位检修，"
        "居民质疑电梯维保不到位。",
        datetime(2021, 3, 8, 21, 30, tzinfo=CST),
    )
    notice = MatchDoc(
        "notice", "gov-hz-xihu", "official", "浙江省杭州市西湖区", "关于文新街道一小区电梯故障困人情况的通报",
        "3月8日晚，文新街道一小区电梯发生故障，多名居民被困，消防救援人员到场后全部安全救出。区市场监管局已对该"
        "电梯停用检查，责令物业和维保单位整改。",
        datetime(2021, 3, 9, 15, 0, tzinfo=CST),
    )
    first = matcher.add(report)
    second = matcher.add(notice)
    assert second.event_id == first.event_id, second
