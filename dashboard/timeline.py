"""One event on one Beijing-time axis: media posts, official posts, press events and each rule's deadline.

Shapes as well as colours tell the kinds apart (readable without colour); a bar spans the interval an imprecise
publish time stands for; deadlines are dashed vertical lines labelled with their rule. Scraped text (titles, names)
reaches the chart only as data shown in tooltips and axis labels, which Vega renders as text.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import data

KINDS: dict[str, tuple[str, str]] = {  # label: (colour, shape)
    "媒体稿件": ("#d95f02", "circle"),
    "政府稿件": ("#1b9e77", "square"),
    "新闻发布会": ("#7570b3", "triangle-up"),
}
KIND_OF: dict[str, str] = {"media": "媒体稿件", "official": "政府稿件"}
AXIS_FORMAT = "%m-%d %H:%M"


def deadlines(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One deadline per rule that applies to the event (event_rule_status), with each responsible source's result."""
    by_rule: dict[str, dict[str, Any]] = {}
    for r in rules:
        entry = by_rule.setdefault(
            r["rule_id"], {"规则": data.rule_name(r), "截止": data.local_naive(r["deadline"]), "结果": []}
        )
        entry["结果"].append(f"{r['source_name']}：{data.RULE_STATUS_LABELS.get(r['status'], r['status'])}")
    return [{**entry, "结果": "；".join(entry["结果"])} for entry in by_rule.values() if entry["截止"] is not None]


def _point(source: str, kind: str, title: str, at: Any, precision: str | None, end: Any) -> dict[str, Any]:
    return {
        "来源": source,
        "类型": kind,
        "标题": title,
        "时间": data.when(at, precision),
        "精度": data.PRECISION_LABELS.get(precision or "", "—"),
        "start": data.local_naive(at),
        "end": data.local_naive(end),
    }


def points(docs: list[dict[str, Any]], press: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per timed document and press event: its row (the source), kind, tooltip text, start and end."""
    rows = [
        _point(d["source_name"], KIND_OF.get(d["kind"], d["kind"]), d["title"], d["published_at"],
               d["published_precision"], d["at_end"])
        for d in docs
        if d["published_at"] is not None and d["at_end"] is not None
    ]
    rows += [
        _point(f"发布会 · {p['source_name']}", "新闻发布会", p["title"], p["held_at"], p["held_precision"], p["held_at"])
        for p in press
        if p["held_at"] is not None
    ]
    return pd.DataFrame(rows, columns=["来源", "类型", "标题", "时间", "精度", "start", "end"])


def timeline(
    docs: list[dict[str, Any]], press: list[dict[str, Any]], rules: list[dict[str, Any]]
) -> alt.LayerChart | None:
    frame = points(docs, press)
    if frame.empty:
        return None
    order = list(dict.fromkeys(frame.sort_values(["start", "来源"], kind="stable")["来源"]))
    base = alt.Chart(frame).encode(
        y=alt.Y("来源:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
        color=alt.Color(
            "类型:N",
            scale=alt.Scale(domain=list(KINDS), range=[c for c, _ in KINDS.values()]),
            legend=alt.Legend(title=None, orient="top"),
        ),
        tooltip=["来源:N", "类型:N", "标题:N", "时间:N", "精度:N"],
    )
    spans = base.mark_bar(height=10, opacity=0.3).encode(x="start:T", x2="end:T")
    marks = base.mark_point(filled=True, size=110, opacity=0.9).encode(
        x=alt.X("start:T", title="时间（北京时间）", axis=alt.Axis(format=AXIS_FORMAT, labelAngle=0)),
        shape=alt.Shape("类型:N", scale=alt.Scale(domain=list(KINDS), range=[s for _, s in KINDS.values()]),
                        legend=None),
    )  # fmt: skip
    layers: list[alt.Chart] = [spans, marks]
    for n, line in enumerate(deadlines(rules)):
        due = alt.Chart(pd.DataFrame([line])).encode(x="截止:T")
        layers.append(
            due.mark_rule(strokeDash=[5, 4], color="#333").encode(
                tooltip=["规则:N", alt.Tooltip("截止:T", format=AXIS_FORMAT), "结果:N"]
            )
        )
        layers.append(  # labels stacked from the top so deadlines close together stay readable
            due.mark_text(align="right", dx=-4, color="#333", baseline="top").encode(
                text="规则:N", y=alt.value(2 + 13 * n)
            )
        )
    return alt.layer(*layers).properties(height=110 + 44 * len(order))


def show(docs: list[dict[str, Any]], press: list[dict[str, Any]], rules: list[dict[str, Any]]) -> None:
    chart = timeline(docs, press, rules)
    if chart is None:
        st.info("本事件没有带发布时间的稿件。")
        return
    st.altair_chart(chart, width="stretch")
    st.caption(
        "时间轴（北京时间）：圆点为媒体稿件，方块为政府稿件，三角为新闻发布会；浅色横条为只精确到日或小时的发布时间"
        "所覆盖的区间；虚线为适用于本事件的规则时限，自媒体首报起算。"
    )


def press_events(event_id: str) -> list[dict[str, Any]]:
    """Press events linked to the event (event_press)."""
    return data.query("event_press", event_ids=[event_id])


def rules(event_id: str) -> list[dict[str, Any]]:
    """The event's rule results per responsible source and rule (event_rules)."""
    return data.query("event_rules", event_id=event_id)
