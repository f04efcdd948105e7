"""总览: the rule clocks still running (进行中的时钟: time left, and the alerts `tracker alerts` sent), key figures for the chosen week and region (with the share of official posts that are reposts and the number
of silent events), the ranking of official sources, reposts per source, silent events, and the weekly trend."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import data
from pipeline.report.figures import share_ranking

RANKING_COLUMNS: dict[str, str] = {
    "rank": "名次",
    "name": "政府来源",
    "region": "地区",
    "level": "层级",
    "n_events": "回应事件数",
    "median_lag": "滞后中位数（小时）",
    "n_first": "先发事件数",
    "n_decided": "可判定事件数",
    "first_share": "先发占比",
    "n_undecided": "先后未定",
    "n_reposts": "转载回应",
    "event_ids": "事件编号",
}


CLOCK_COLUMNS: dict[str, str] = {
    "label": "事件",
    "source_name": "责任来源",
    "rule": "规则",
    "deadline_shown": "截止（北京时间）",
    "left": "剩余时间",
    "alerts": "已发提醒",
}
ALERT_LABELS: dict[str, str] = {"due_soon": "即将到期", "missed": "已超时", "responded": "已发布"}


def time_left(deadline: datetime, now: datetime) -> str:
    minutes = max(0, int((deadline - now).total_seconds() // 60))
    hours, minutes = divmod(minutes, 60)
    return f"{hours} 小时 {minutes:02d} 分" if hours else f"{minutes} 分钟"


def alerts_shown(sent: list[dict[str, Any]]) -> str:
    if not sent:
        return "未发"
    parts = []
    for a in sent:
        when = a["first_sent_at"].astimezone(data.SHANGHAI).strftime("%m-%d %H:%M") if a["first_sent_at"] else "待重试"
        parts.append(f"{ALERT_LABELS.get(a['kind'], a['kind'])} {when}（{a['n_delivered']}/{a['n_channels']} 渠道）")
    return "；".join(parts)


def clock_rows(clocks: list[dict[str, Any]], sent: list[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
    by_clock: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for a in sent:
        by_clock.setdefault((a["event_id"], a["source_id"], a["rule_id"]), []).append(a)
    return [
        {
            **c,
            "rule": data.rule_name(c),
            "deadline_shown": data.when(c["deadline"], "minute"),
            "left": time_left(c["deadline"], now),
            "alerts": alerts_shown(by_clock.get((c["event_id"], c["source_id"], c["rule_id"]), [])),
        }
        for c in clocks
    ]


def open_clocks(scope: data.Scope) -> None:
    """进行中的时钟: responsible sources that have not posted yet on an event the media reported, per rule."""
    st.subheader("进行中的时钟")
    now = data.as_of()  # cached for up to a minute, so never later than the view's as_of
    clocks = data.query("dash_open_clocks", region=scope.region, after=now)
    if not clocks:
        st.caption("没有进行中的时钟：媒体报道过的事件，责任政府来源都已发布或时钟已结束。")
        return
    sent = data.query("dash_alerts_sent", event_ids=sorted({c["event_id"] for c in clocks})) \
        if data.has_table("alerts") else []
    st.dataframe(data.frame(clock_rows(clocks, sent, now), CLOCK_COLUMNS), hide_index=True, width="stretch")
    st.caption("剩余时间按现在计；提醒由 tracker alerts（或 tracker watch --alerts）按 alerts.toml 发出。")


def key_figures(s: dict[str, Any]) -> None:
    columns = st.columns(5)
    columns[0].metric("事件数", s["n_events"])
    columns[1].metric("有政府回应", s["n_with_official"])
    columns[2].metric(
        "政府先发占比",
        data.percent(s["n_official_first"], s["n_decided"]),
        help="政府首发早于媒体首报的事件 / 先后可判定的事件",
    )
    columns[3].metric(
        "滞后中位数（小时）", data.hours(s["median_lag_hours"]), help="政府首发 − 媒体首报；负数表示政府先发"
    )
    columns[4].metric("转载回应", s["n_repost_responses"], help="声明来源为媒体或复制媒体正文的政府首发稿件数")
    st.caption(
        f"政府先发 {s['n_official_first']} 起 / 先后可判定 {s['n_decided']} 起 · 媒体先发 {s['n_media_first']} 起"
        f" · 先后未定 {s['n_undecided']} 起"
        f" · 无政府回应 {s['n_no_official']} 起 · 含转载回应的事件 {s['n_events_with_repost']} 起"
    )


REPOST_COLUMNS: dict[str, str] = {
    "name": "政府来源",
    "region": "地区",
    "level_label": "层级",
    "n_posts": "稿件数",
    "n_original": "首发",
    "n_repost_media": "转载媒体",
    "n_repost_upper": "转载上级",
    "share": "转载占比",
    "media_share": "转载媒体占比",
}
SILENT_COLUMNS: dict[str, str] = {
    "event_id": "事件编号",
    "label": "事件",
    "first_media": "媒体首报",
    "deadline_shown": "48 小时截止",
    "n_media": "媒体稿件",
    "responsible": "责任来源",
    "later": "之后的首次回应",
}


def repost_figures(rows: list[dict[str, Any]], silent: list[dict[str, Any]]) -> None:
    posts = sum(r["n_posts"] for r in rows)
    reposts = sum(r["n_repost_media"] + r["n_repost_upper"] for r in rows)
    media = sum(r["n_repost_media"] for r in rows)
    columns = st.columns(3)
    columns[0].metric(
        "政府稿件转载占比", data.share(reposts, posts), help="转载媒体或转载上级的政府网站稿件 / 全部政府网站稿件（按稿件周）"
    )
    columns[1].metric("转载媒体占比", data.share(media, posts), help="声明来源为媒体或复制媒体正文的政府稿件")
    columns[2].metric("沉默事件", len(silent), help="媒体报道不少于 3 篇、48 小时内责任政府来源没有发布的事件")


def repost_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **r,
            "level_label": data.LEVEL_LABELS.get(r["level"] or "", r["level"]),
            "share": data.share(r["n_repost_media"] + r["n_repost_upper"], r["n_posts"]),
            "media_share": data.share(r["n_repost_media"], r["n_posts"]),
        }
        for r in rows
    ]


def silent_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **r,
            "first_media": data.when(r["first_media_at"], "minute"),
            "deadline_shown": data.when(r["deadline"], "minute"),
            "responsible": "、".join(r["responsible_source_ids"] or []),
            "later": data.when(r["first_response_at"], "minute") if r["first_response_at"] else "没有",
        }
        for r in rows
    ]


def reposts_and_silence(rows: list[dict[str, Any]], silent: list[dict[str, Any]]) -> None:
    st.subheader("转载与沉默")
    left, right = st.tabs(["各政府来源的转载", "沉默事件"])
    with left:
        if rows:
            st.dataframe(data.frame(repost_rows(rows), REPOST_COLUMNS), hide_index=True, width="stretch")
        else:
            st.info("所选范围内没有政府稿件。")
    with right:
        if silent:
            st.dataframe(data.frame(silent_rows(silent), SILENT_COLUMNS), hide_index=True, width="stretch")
        else:
            st.info("所选范围内没有沉默事件。")


def ranking_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **r,
            "rank": rank,
            "level": data.LEVEL_LABELS.get(r["level"] or "", r["level"]),
            "median_lag": data.hours(r["median_lag_hours"]),
            "first_share": data.share(r["n_first"], r["n_decided"]),
            "event_ids": "、".join(r["event_ids"]),
        }
        for rank, r in enumerate(rows, start=1)
    ]


def rankings(rows: list[dict[str, Any]]) -> None:
    if not rows:
        st.info("所选范围内没有政府来源回应事件。")
        return
    by_lag, by_share = st.tabs(["按滞后中位数", "按先发占比"])
    with by_lag:
        st.dataframe(data.frame(ranking_rows(rows), RANKING_COLUMNS), hide_index=True, width="stretch")
    with by_share:
        st.dataframe(data.frame(ranking_rows(share_ranking(rows)), RANKING_COLUMNS), hide_index=True, width="stretch")
    st.caption("日期精度的稿件按当日 0 时计算滞后，与分钟精度的媒体稿件同日时先后计为未定。")


def trend_chart(rows: list[dict[str, Any]]) -> alt.HConcatChart:
    """Events per week (bars, split by whether the government spoke first) beside the weekly median lag."""
    frame = pd.DataFrame(
        {
            "周": r["week"],
            "事件数": r["n_events"],
            "政府先发": r["n_official_first"],
            "可判定": r["n_decided"],
            "政府先发占比": r["n_official_first"] / r["n_decided"] if r["n_decided"] else None,
            "滞后中位数（小时）": r["median_lag_hours"],
        }
        for r in rows
    )
    weeks = alt.X("周:N", sort=list(frame["周"]), title=None)
    counts = (
        alt.Chart(frame, title="每周事件数")
        .mark_bar(color="#9ecae1")
        .encode(x=weeks, y="事件数:Q", tooltip=["周:N", "事件数:Q", "政府先发:Q", "可判定:Q"])
    )
    first = (
        alt.Chart(frame)
        .mark_bar(color="#1b9e77")
        .encode(x=weeks, y="政府先发:Q", tooltip=["周:N", "政府先发:Q", "可判定:Q"])
    )
    lag = (
        alt.Chart(frame, title="滞后中位数（小时）")
        .mark_line(point=True, color="#d95f02")
        .encode(x=weeks, y="滞后中位数（小时）:Q", tooltip=["周:N", "滞后中位数（小时）:Q", "政府先发占比:Q"])
    )
    return alt.hconcat(alt.layer(counts, first).properties(height=220), lag.properties(height=220))


def trend(scope: data.Scope) -> None:
    st.subheader("趋势（按周）")
    rows = data.rows_or_notice(lambda: data.week_trend(scope), "还没有带时间的事件。")
    if rows is None:
        return
    st.altair_chart(trend_chart(rows))
    st.caption("深色：政府先发的事件；浅色：全部事件。滞后 = 政府首发 − 媒体首报。")


def main() -> None:
    scope = data.current_scope()
    try:
        s = data.summary(scope)
        rows = data.ranking(scope)
        shares = data.repost_shares(scope)
        silent = data.silent_events(scope)
        open_clocks(scope)
    except data.DataUnavailable as exc:
        data.show_unavailable(exc)
        return
    region = data.escape_markdown(scope.region) if scope.region else "全部地区"
    st.subheader(f"总览 · {scope.week or '全部周'} · {region}")
    key_figures(s)
    repost_figures(shares, silent)
    st.subheader("政府来源排行")
    rankings(rows)
    reposts_and_silence(shares, silent)
    trend(scope)


main()
