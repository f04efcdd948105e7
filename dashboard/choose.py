"""Choosing an event: offered by its title, the day it began (Beijing time) and its region; a search covers every
week unless the analyst asks for the sidebar's week only. The selectbox's value stays the event id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from dashboard import data

MAX_CHOICES = 500


@dataclass(frozen=True)
class Search:
    words: list[str]
    all_weeks: bool


def places(event_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Per event: its region and first media source (event_places)."""
    if not event_ids:
        return {}
    return {r["event_id"]: r for r in data.query("event_places", event_ids=event_ids)}


def label(row: dict[str, Any], place: dict[str, Any] | None) -> str:
    title = " ".join((row.get("label") or "").split()) or "（无标题）"
    day = data.local_naive(row["first_at"]).strftime("%Y-%m-%d") if row.get("first_at") else "日期不明"
    return f"{title} · {day} · {(place or {}).get('region') or '地区不明'}"


def search_box(key: str, prompt: str, column: Any = None) -> Search:
    """A search field and a "sidebar week only" switch, off by default, in `column` (or the page)."""
    where = column if column is not None else st
    text = where.text_input(prompt, key=key)
    only_week = where.checkbox("只搜侧栏所选周", key=f"{key}_week_only", value=False)
    return Search(text.split(), not only_week)


def scope_for(scope: data.Scope, search: Search) -> data.Scope:
    """The sidebar's scope, or every week of its region while searching across weeks."""
    return data.Scope(None, scope.region) if search.words and search.all_weeks else scope


def select(
    rows: list[dict[str, Any]], key: str, prompt: str, wanted: str | None = None, force: bool = False,
    total: int | None = None,
) -> dict[str, Any] | None:
    """A selectbox of the rows' events (newest first, at most MAX_CHOICES) labelled by title, day and region;
    `force` makes `wanted` the choice even when the widget already holds another (the URL named a new event);
    `total`: how many events are in scope when `rows` is already cut to the newest (data.event_page)."""
    shown = rows[:MAX_CHOICES]
    if wanted and wanted not in {r["event_id"] for r in shown}:
        shown = [r for r in rows if r["event_id"] == wanted] + shown
    if not shown:
        return None
    by_id = {r["event_id"]: r for r in shown}
    where = places(list(by_id))
    ids = list(by_id)
    if force and wanted in by_id:
        st.session_state[key] = wanted
    chosen = st.selectbox(
        prompt,
        ids,
        index=ids.index(wanted) if wanted in by_id else 0,
        format_func=lambda i: label(by_id[i], where.get(i)),
        key=key,
    )
    total = len(rows) if total is None else total
    if total > MAX_CHOICES:
        st.caption(f"共 {total} 起事件，列出最新的 {MAX_CHOICES} 起；请用搜索缩小范围。")
    return by_id.get(chosen)
