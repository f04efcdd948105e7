"""Retrieval: the candidates a new document is compared with are found by its rarest terms, and some of those must
come from its title and lead.

The real-shaped case is a province's daily bulletin told two ways, as every provincial health commission and the
central media accounts did it in 2020: the commission's short notice ("2月N日0时至24时，X省报告新增确诊病例a例……累计
报告确诊病例b例") and a media account's repost ("#新冠肺炎最新动态#【X新增a例累计b例】") that lists the cases county by
county. The repost's rarest terms are the county names, which yesterday's repost also listed and the notice does
not hold; what it shares with the notice (the place, the figures) is in its title.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from pipeline.match.index import query_terms
from pipeline.match.matcher import Matcher
from pipeline.match.records import MatchConfig, MatchDoc

CST = timezone(timedelta(hours=8))
COUNTIES = (
    "长安区2例、桥西区1例、新华区1例、裕华区2例、藁城区3例、鹿泉区1例、栾城区1例、井陉县1例、正定县2例、行唐县1例、"
    "灵寿县1例、高邑县1例、深泽县1例、赞皇县1例、无极县2例、平山县1例、元氏县1例、辛集市2例、晋州市1例、新乐市1例、"
    "竞秀区2例、莲池区1例、满城区1例、清苑区1例、徐水区2例、涞水县1例、阜平县1例、定兴县1例、唐县1例、高阳县1例"
)


def bulletin(day: int, new: int, total: int) -> MatchDoc:
    return MatchDoc(
        f"hb-{day}", "web-wsjkw.hebei.gov.cn", "official", "河北省", f"河北新增确诊{new}，累计确诊{total}",
        f"2020年2月{day}日0时至24时，河北省报告新增新型冠状病毒肺炎确诊病例{new}例。截至2月{day}日24时，"
        f"河北省累计报告新型冠状病毒肺炎确诊病例{total}例。",
        datetime(2020, 2, day + 1, 3, 50, tzinfo=CST),
    )


def repost(day: int, new: int, total: int) -> MatchDoc:
    return MatchDoc(
        f"weibo-{day}", "weibo-2286908003", "media", None, f"河北新增病例{new}例累计{total}例",
        f"#新冠肺炎最新动态# 【#河北新增病例{new}例累计{total}例#】河北省卫健委通报，2月{day}日0时至24时，河北省报告"
        f"新增新型冠状病毒肺炎确诊病例{new}例。截至2月{day}日24时，河北省累计报告确诊病例{total}例，其中：{COUNTIES}。",
        datetime(2020, 2, day + 1, 9, 15, tzinfo=CST),
    )


def link_two_days(config: MatchConfig) -> dict[str, str]:
    matcher = Matcher(config, regions=["河北省"])
    docs = [bulletin(7, 24, 171), repost(7, 24, 171), bulletin(8, 24, 195), repost(8, 24, 195)]
    return {doc.doc_id: matcher.add(doc).event_id for doc in docs}


def test_a_repost_listing_counties_finds_the_notice_it_repeats() -> None:
    events = link_two_days(MatchConfig())
    assert events["weibo-8"] == events["hb-8"]
    assert events["weibo-7"] == events["hb-7"]
    assert events["hb-8"] != events["hb-7"]  # one event per reporting period


def test_without_title_terms_in_the_query_the_notice_is_not_found() -> None:
    """The case above does exercise retrieval: looked up by its rarest terms alone, today's repost meets only
    yesterday's (the county names), and starts an event of its own."""
    events = link_two_days(MatchConfig(head_query_terms=0))
    assert events["weibo-8"] != events["hb-8"]


def test_query_terms_keep_the_rarest_title_terms_whatever_their_rank() -> None:
    idf = {1: 9.0, 2: 8.5, 3: 8.0, 4: 7.5, 5: 2.0, 6: 1.5, 7: 1.0}
    assert query_terms(idf, frozenset({5, 6, 7}), count=4, from_head=2) == [5, 6, 1, 2]
    assert query_terms(idf, frozenset({2, 7}), count=4, from_head=2) == [2, 7, 1, 3]
    assert query_terms(idf, frozenset(), count=3, from_head=2) == [1, 2, 3]
    assert query_terms(idf, frozenset({5}), count=10, from_head=2) == [5, 1, 2, 3, 4, 6, 7]
