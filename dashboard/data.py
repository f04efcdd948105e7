"""Cached queries for the dashboard, and the shared filters and labels.

Each query opens a short-lived read-only connection and closes it: a connection held open would block the loader
(DuckDB allows one writing process or many reading ones). Results are cached by database path, file modification
time and filter values, so a new load shows up without waiting for the TTL. With TRACKER_DB=`ducklake:<catalog DSN>`
the views read the lake's published copy (`tracker lake-publish`), cached for the TTL; it is read-only, so the
analyst's actions and the captured pages need the DuckDB file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
import pandas as pd
import streamlit as st

import db
from db.lake import LakeError
from pipeline.report.week import SHANGHAI, WHO_LABELS, format_time, parse_week, week_label
from pipeline.timeliness.health import HealthPolicy, Poll, assess

DB_ENV = "TRACKER_DB"
CACHE_TTL_SECONDS = 60
LOCK_WAIT_SECONDS = 2.0
ALL = "全部"

KIND_LABELS: dict[str, str] = {"official": "政府", "media": "媒体"}
LEVEL_LABELS: dict[str, str] = {"national": "国家", "province": "省级", "city": "市级", "county": "县级"}
CHANNEL_LABELS: dict[str, str] = {
    "website": "网站",
    "weibo": "微博",
    "wechat": "微信",
    "press": "发布会",
    "news": "新闻",
}
PRECISION_LABELS: dict[str, str] = {
    "second": "秒",
    "minute": "分钟",
    "hour": "小时",
    "day": "日",
    "month": "月",
    "year": "年",
}
SEVERITY_LABELS: dict[str, str] = {
    "especially_major": "特别重大",
    "major": "重大",
    "large": "较大",
    "general": "一般",
}
REVIEW_LABELS: dict[str, str] = {
    "unreviewed": "未审核",
    "confirmed": "已确认",
    "rejected": "已驳回",
    "merged": "已合并",
}
RULE_STATUS_LABELS: dict[str, str] = {
    "met": "达标",
    "missed": "超时",
    "pending": "计时中",
    "unobservable": "无法判断（网站故障）",
    "undecided": "未定（时间精度不足）",
    "would-have-met": "规则生效前·本可达标",
    "would-have-missed": "规则生效前·本会超时",
    "pre-rule": "规则生效前",
}
OBLIGATION_LABELS: dict[str, str] = {
    "authoritative_info": "权威信息",
    "press_conference": "新闻发布会",
    "response": "回应",
}
RULE_SEVERITY_LABELS: dict[str, str] = {"major": "重大突发事件", "other": "其他舆情事件"}
SEVERITY_SOURCE_LABELS: dict[str, str] = {"analyst": "分析员设定", "keywords": "关键词提示", "default": "默认"}
ROLE_LABELS: dict[str, str] = {"first": "属地", "upper": "上级"}
HEALTH_LABELS: dict[str, str] = {
    "ok": "正常",
    "blocked": "被拦截",
    "failing": "抓取失败",
    "quiet": "两周无新稿",
    "disabled": "已停用",
    "unpolled": "尚未抓取",
}
Rows = list[dict[str, Any]]


class DataUnavailable(Exception):
    """The database cannot be read now; the message is for the user, in Chinese."""


@dataclass(frozen=True)
class Scope:
    """The sidebar filters shared by every view: an ISO week (or all) and a region prefix (or all)."""

    week: str | None
    region: str | None

    def params(self) -> dict[str, Any]:
        start = end = None
        if self.week is not None:
            parsed = parse_week(self.week)
            start, end = parsed.start, parsed.end
        return {"week_start": start, "week_end": end, "region": self.region}


def db_path() -> Path:
    """The configured target: a DuckDB file, or `ducklake:<catalog DSN>` for the lake's published copy (read-only)."""
    return Path(os.environ.get(DB_ENV) or db.DEFAULT_DB)


def is_lake() -> bool:
    return db.is_lake_target(db_path())


def stamp(path: Path) -> int:
    if db.is_lake_target(path):
        return 0  # the lake's published copy: results are cached for CACHE_TTL_SECONDS
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _run(path: str, name: str, params: dict[str, Any]) -> Rows:
    try:
        with db.reader(Path(path), wait_seconds=LOCK_WAIT_SECONDS) as con:
            return db.query(con, name, params)
    except FileNotFoundError:
        raise DataUnavailable(
            f"找不到数据库文件 {path}。请先运行 tracker crawl 或 tracker demo，或用环境变量 {DB_ENV} 指定数据库。"
        ) from None
    except db.DatabaseBusy:
        raise DataUnavailable("数据库正被其他进程（例如数据加载）占用，请稍后刷新页面。") from None
    except LakeError as exc:
        raise DataUnavailable(f"无法读取数据湖：{exc}") from None
    except duckdb.Error as exc:
        shown = "数据湖" if db.is_lake_target(path) else path  # a catalog DSN may hold a password
        raise DataUnavailable(
            f"无法读取数据库 {shown}（{type(exc).__name__}）。数据库可能尚未初始化或已损坏。"
        ) from None


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _cached(path: str, stamp: int, name: str, params: tuple[tuple[str, Any], ...]) -> Rows:
    return _run(path, name, {key: list(value) if isinstance(value, tuple) else value for key, value in params})


def query(name: str, **params: Any) -> Rows:
    """Rows of `db/analysis/<name>.sql` for the configured database; lists are passed as tuples to be hashable."""
    path = db_path()
    frozen = tuple(sorted((key, tuple(v) if isinstance(v, list) else v) for key, v in params.items()))
    return _cached(str(path), stamp(path), name, frozen)


def weeks() -> list[str]:
    return [week_label(r["iso_year"], r["iso_week"]) for r in query("event_weeks")]


def regions() -> list[str]:
    return [r["region"] for r in query("source_regions")]


def events(scope: Scope, words: list[str], who: list[str]) -> Rows:
    """Every event in scope, newest first."""
    rows = query("event_list", **scope.params(), words=words, who=who or None, page=None)
    return sorted(rows, key=lambda r: (r["first_at"] is None, -_epoch(r["first_at"]), r["event_id"]))


def event_page(scope: Scope, words: list[str], who: list[str], size: int) -> tuple[Rows, int]:
    """The newest `size` events in scope (ordered as `events`), counted and cut in SQL, and how many are in scope."""
    rows = query("event_list", **scope.params(), words=words, who=who or None, page=size)
    return rows, int(rows[0]["n_in_scope"]) if rows else 0


def event_row(event_id: str) -> Rows:
    """One event as `events` lists it, read within its own first time so that only its row is scanned: an event
    opened by a link (the digest's appendix) that is not among the scope's newest."""
    found = query("event_first_at", event_id=event_id)
    if not found:
        return []
    first_at = found[0]["first_at"]
    if first_at is None:
        return [r for r in events(Scope(None, None), [], []) if r["event_id"] == event_id]
    bounds = {"week_start": first_at, "week_end": first_at + timedelta(microseconds=1), "region": None}
    rows = query("event_list", **bounds, words=[], who=None, page=None)
    return [r for r in rows if r["event_id"] == event_id]


def summary(scope: Scope) -> dict[str, Any]:
    return query("week_summary", **scope.params())[0]


def ranking(scope: Scope) -> Rows:
    return query("official_ranking", **scope.params())


def official_responses(event_ids: list[str]) -> Rows:
    return query("dash_official_responses", event_ids=event_ids)


def sources(scope: Scope) -> Rows:
    return query("source_overview", region=scope.region)


def has_table(name: str) -> bool:
    return bool(query("dash_has_table", table=name)[0]["present"])


def corrections(event_ids: list[str] | None = None) -> Rows:
    """Analyst corrections, newest first; none when the database predates the corrections table."""
    if not has_table("corrections"):
        return []
    return query("dash_corrections", event_ids=event_ids)


def reviews(event_ids: list[str] | None = None) -> dict[str, dict[str, str | None]]:
    """Per event: its review status and severity from the newest corrections."""
    result: dict[str, dict[str, str | None]] = {}
    for row in reversed(corrections(event_ids)):  # oldest first, so later rows win
        current = result.setdefault(row["event_id"], {"status": "unreviewed", "severity": None})
        if row["action"] == "severity":
            current["severity"] = row["severity"]
        elif row["action"] in ("confirm", "reject", "merge"):
            current["status"] = {"confirm": "confirmed", "reject": "rejected", "merge": "merged"}[row["action"]]
    return result


def event_levels(event_ids: list[str]) -> dict[str, list[str]]:
    return {r["event_id"]: r["levels"] or [] for r in query("dash_event_levels", event_ids=event_ids)}


def week_trend(scope: Scope) -> Rows:
    return query("dash_week_trend", region=scope.region)


def press_check(region: str, at: datetime, since: datetime, words: list[str]) -> Rows:
    return query("dash_press_check", region=region, at=at, since=since, words=words)


def fetch_errors(scope: Scope) -> Rows:
    return query("dash_fetch_errors", region=scope.region)


def as_of() -> datetime:
    """The "now" of the analysis views (analysis_settings.as_of, else the current time)."""
    return query("dash_as_of")[0]["as_of"]


def source_health(scope: Scope) -> Rows:
    """Each source's health (pipeline.timeliness.health: ok, blocked, failing, quiet, disabled, unpolled) from its polls."""
    policy = HealthPolicy()
    sources = query("reliability_source_health")
    polls: dict[str, list[Poll]] = {}
    for row in query("reliability_recent_polls", max_polls=policy.polls_considered):
        polls.setdefault(row["source_id"], []).append(
            Poll(row["polled_at"], row["entry_ok"], row["entry_failed"], row["blocked"], row["error"])
        )
    now = as_of()
    rows = []
    for s in sources:
        if scope.region and not (s["region"] or "").startswith(scope.region):
            continue
        h = assess(s["source_id"], s["name"], polls.get(s["source_id"], []), s["last_new_item"], now, policy)
        rows.append({**asdict(h), "kind": s["kind"], "region": s["region"]})
    return rows


def site_health(scope: Scope) -> Rows:
    return query("dash_site_health", **scope.params())


def source_outages(scope: Scope) -> Rows:
    return query("dash_source_outages", region=scope.region)


def severities(event_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Per event: the severity the rule clocks use (event_severities), with where it came from."""
    return {r["event_id"]: r for r in query("dash_event_severities", event_ids=event_ids)}


def rule_status(event_ids: list[str]) -> Rows:
    """Per event, responsible source and rule: clock start, deadline and status (event_rule_status)."""
    return query("rules_status", event_ids=event_ids)


def rule_summary(events: Rows) -> dict[str, dict[str, Any]]:
    """Per event of `events` (event_list rows): its rule checks per status, read within the span of their clocks'
    start (an event's clock starts at its first media post, else its first timed post)."""
    starts = [r["first_media_at"] or r["first_at"] for r in events]
    timed = [at for at in starts if at is not None]
    return {r["event_id"]: r for r in query(
        "dash_event_rule_summary", event_ids=[r["event_id"] for r in events], since=min(timed, default=None),
        until=max(timed, default=None), untimed=len(timed) < len(starts),
    )}


def repost_shares(scope: Scope) -> Rows:
    return query("dash_repost_shares", **scope.params())


def silent_events(scope: Scope) -> Rows:
    return query("dash_silent_events", **scope.params())


def press_events() -> Rows:
    return query("press_list")


def press_responses(press_id: str | None) -> Rows:
    return query("press_responses", press_id=press_id)


def rule_name(row: dict[str, Any]) -> str:
    """e.g. "80号 权威信息 5 小时" from a rule row's document, obligation and clock."""
    document = row["document"] or row["rule_id"]
    short = re.search(r"(\d+号)$", document)
    hours_ = row["clock_hours"]
    return f"{short.group(1) if short else document} {OBLIGATION_LABELS.get(row['obligation'], row['obligation'])} {hours_:g} 小时"


def _epoch(at: datetime | None) -> float:
    return at.timestamp() if at is not None else 0.0


def current_scope() -> Scope:
    """The scope chosen in the sidebar (see app.py)."""
    week = st.session_state.get("week", ALL)
    region = st.session_state.get("region", ALL)
    return Scope(None if week in (None, ALL) else week, None if region in (None, ALL) else region)


def rows_or_notice(load: Callable[[], list[dict[str, Any]]], empty: str) -> list[dict[str, Any]] | None:
    """The rows `load` returns, or None once the user has been told there are none or the database is unavailable."""
    try:
        rows = load()
    except DataUnavailable as exc:
        show_unavailable(exc)
        return None
    if not rows:
        st.info(empty)
        return None
    return rows


def show_unavailable(exc: DataUnavailable) -> None:
    """Tell the user why there is nothing to show, without a traceback, and stop this run."""
    st.error(escape_markdown(str(exc)), icon="⚠️")
    st.stop()


def escape_markdown(text: str) -> str:
    """For our own messages that may contain a path: shown as text even where Streamlit reads Markdown."""
    return "".join(f"\\{c}" if c in "\\`*_{}[]()<>#+-.!|~$:" else c for c in text)


def safe_url(url: str | None) -> str | None:
    """The URL when its scheme is http or https; anything else is not offered as a link."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def local_naive(at: datetime | None) -> datetime | None:
    """Beijing wall-clock time without a zone, so charts show the same hour as the tables."""
    return at.astimezone(SHANGHAI).replace(tzinfo=None) if at is not None else None


def hours(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def percent(part: int, whole: int) -> str:
    return "—" if whole == 0 else f"{100 * part / whole:.1f}%"


def share(part: int, whole: int) -> str:
    return "—" if whole == 0 else f"{100 * part / whole:.1f}%（{part}/{whole}）"


def who_label(code: str) -> str:
    return WHO_LABELS.get(code, code)


def when(at: datetime | None, precision: str | None) -> str:
    return format_time(at, precision)


def frame(rows: Rows, columns: dict[str, str]) -> pd.DataFrame:
    """A DataFrame of the chosen keys, renamed to their Chinese headers, in that order."""
    return pd.DataFrame(
        [{header: row.get(key) for key, header in columns.items()} for row in rows], columns=list(columns.values())
    )
