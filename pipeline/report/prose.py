"""The digest's sentences: the week in one paragraph, and the short factual account of each typical case (典型案例).

Every number comes from the week's figures (the views); nothing here counts on its own except which rules were missed.
"""

from __future__ import annotations

from typing import Any

from pipeline.report.figures import WeekData, missed_checks, worst_lags
from pipeline.report.week import SHANGHAI, format_hours, format_share, format_time

MIN_CASES = 3
MAX_CASES = 5
MAX_RESPONSES_TOLD = 3


def _quoted(name: str) -> str:
    return f"“{name}”"


def _place(data: WeekData, event_id: str) -> str:
    return data.places.get(event_id, {}).get("region") or "地区不明"


def summary_paragraph(data: WeekData, names: dict[str, str], checks: list[dict[str, Any]]) -> str:
    """The week in sentences: events, who spoke first, the longest lag and where, rules missed, silent events."""
    s = data.summary
    if s["n_events"] == 0:
        return "本周没有监测到事件。"
    parts = [
        f"本周共监测到{s['n_events']}起事件，其中{s['n_with_official']}起有政府发布。",
        (
            f"在能判定先后的{s['n_decided']}起事件中，政府先于媒体发声{s['n_official_first']}起"
            f"（{format_share(s['n_official_first'], s['n_decided'])}），媒体先报道{s['n_media_first']}起。"
        ),
    ]
    if s["n_undecided"]:
        parts.append(f"另有{s['n_undecided']}起因发布时间精度不足无法判定先后。")
    if s["n_no_official"]:
        parts.append(f"{s['n_no_official']}起事件没有政府发布。")
    if s["median_lag_hours"] is not None:
        parts.append(
            f"政府首发相对媒体首报的滞后中位数为{format_hours(s['median_lag_hours'])}小时"
            f"（{s['n_with_lag']}起事件{'，负数表示政府先发' if s['median_lag_hours'] < 0 else ''}）。"
        )
    worst = worst_lags(data.events)
    if worst:
        w = worst[0]
        parts.append(
            f"滞后最长的是{_quoted(names[w['event_id']])}（{_place(data, w['event_id'])}），"
            f"政府首发晚于媒体首报{format_hours(w['lag_hours'])}小时。"
        )
    else:
        parts.append("本周没有政府晚于媒体发布的事件。")
    missed = missed_checks(checks)
    if missed:
        by_rule: dict[str, int] = {}
        for c in missed:
            by_rule[c["rule"]] = by_rule.get(c["rule"], 0) + 1
        rules = "、".join(f"{rule}{n}起" for rule, n in by_rule.items())
        parts.append(f"规则时限方面，{len({c['event_id'] for c in missed})}起事件超过时限（{rules}）。")
    else:
        parts.append("规则时限方面，本周没有超时的事件。")
    parts.append(f"媒体已报道、责任政府来源在时限内没有发布的沉默事件{len(data.silent)}起。")
    return "".join(parts)


def typical_cases(data: WeekData, checks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Three to five events worth a leader's attention: missed clocks and long lags first, then silent events, then
    events the government spoke first on, then the most reported; never more than the week has."""
    missed = {c["event_id"] for c in missed_checks(checks)}
    silent = {e["event_id"] for e in data.silent}

    def rank(e: dict[str, Any]) -> tuple[Any, ...]:
        lag = e["lag_hours"]
        late = lag is not None and lag > 0
        good = e["who"] == "official_first" and e["n_media"] > 0
        tier = 0 if e["event_id"] in missed else 1 if late else 2 if e["event_id"] in silent else 3 if good else 4
        return (tier, -(lag or 0) if late else 0, -e["n_media"], -(e["n_media"] + e["n_official"]), e["event_id"])

    ordered = sorted(data.events, key=rank)
    worth = [e for e in ordered if rank(e)[0] < 4][:MAX_CASES]
    if len(worth) < MIN_CASES:
        worth += [e for e in ordered if e not in worth][: MIN_CASES - len(worth)]
    return worth


def _day(e: dict[str, Any]) -> str:
    at = e["first_at"]
    return f"{at.astimezone(SHANGHAI):%Y年%m月%d日}" if at is not None else "日期不明"


def _first_report(data: WeekData, e: dict[str, Any]) -> str:
    if e["first_media_at"] is None:
        return "没有媒体报道。"
    source = data.places.get(e["event_id"], {}).get("first_media_source") or "媒体"
    return (
        f"{source}于 {format_time(e['first_media_at'], e['first_media_precision'])} 首先报道，"
        f"本事件共有媒体稿件{e['n_media']}篇。"
    )


def _response(r: dict[str, Any]) -> str:
    how = (
        f"转载{_quoted(r['declared_source'])}"
        if r["is_repost"] and r["declared_source"]
        else ("转载媒体稿件" if r["is_repost"] else "自行发布")
    )
    when = format_time(r["first_at"], r["first_precision"])
    lag = r["lag_hours"]
    if lag is None:
        relation = ""
    elif lag > 0:
        relation = f"，晚于媒体首报{format_hours(lag)}小时"
    elif lag < 0:
        relation = f"，早于媒体首报{format_hours(-lag)}小时"
    else:
        relation = "，与媒体首报同时"
    return f"{r['source_name']}于 {when} {how}{relation}"


def _responses(data: WeekData, e: dict[str, Any]) -> str:
    responses = [r for r in data.responses if r["event_id"] == e["event_id"]]
    if not responses:
        return "截至本周末，没有政府来源发布。"
    told = "；".join(_response(r) for r in responses[:MAX_RESPONSES_TOLD])
    more = f"；另有{len(responses) - MAX_RESPONSES_TOLD}个政府来源发布" if len(responses) > MAX_RESPONSES_TOLD else ""
    who = {"official_first": "政府先于媒体发声", "media_first": "媒体先于政府报道"}.get(e["who"], "")
    return f"政府回应：{told}{more}。" + (f"{who}。" if who else "")


def _press(data: WeekData, e: dict[str, Any]) -> str:
    held = data.press.get(e["event_id"], [])
    return "".join(
        f"{p['source_name']}于 {format_time(p['held_at'], p['held_precision'])} 召开新闻发布会{_quoted(p['title'])}。"
        for p in held
    )


def _clocks(e: dict[str, Any], checks: list[dict[str, Any]]) -> str:
    mine = [c for c in checks if c["event_id"] == e["event_id"]]
    if not mine:
        return "没有适用的回应时限（无媒体报道）。" if e["first_media_at"] is None else ""
    labels = {"met": "达标", "missed": "超时", "pending": "尚未到期"}
    told = "；".join(f"{c['rule']}（截止 {format_time(c['deadline'], 'minute')}）{labels[c['status']]}" for c in mine)
    return f"时限：{told}。"


def case_account(data: WeekData, e: dict[str, Any], checks: list[dict[str, Any]]) -> str:
    """What happened, who reported first and when, when and how the government responded, which clock."""
    return (
        f"{_day(e)}，{_place(data, e['event_id'])}。"
        + _first_report(data, e)
        + _responses(data, e)
        + _press(data, e)
        + _clocks(e, checks)
    )
