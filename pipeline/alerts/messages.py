"""The alert message, in Chinese: the event by its title, the first media report (outlet, time, link), the
responsible source and who answers for it, the rule, the deadline in Beijing time and the dashboard link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote, urlsplit

from pipeline.timeliness.clocks import DUE_SOON, MISSED, RESPONDED, OpenClock

BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")
HEADINGS = {DUE_SOON: "【时钟即将到期】", MISSED: "【已超时未发布】", RESPONDED: "【已发布】"}
OBLIGATIONS = {"authoritative_info": "发布权威信息", "press_conference": "举行新闻发布会", "response": "回应"}
SEVERITIES = {"major": "重大突发事件", "other": "其他政务舆情"}


@dataclass(frozen=True)
class Message:
    title: str
    body: str
    facts: dict[str, Any]

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.body}"


def beijing(at: datetime) -> str:
    return at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def duration(delta: timedelta) -> str:
    minutes = max(0, round(delta.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    return f"{hours} 小时 {minutes} 分" if hours else f"{minutes} 分钟"


def link(url: str | None) -> str:
    """Only http(s) links from scraped pages are shown as links."""
    return url if url and urlsplit(url).scheme in ("http", "https") else "（无可用链接）"


def event_link(dashboard_url: str, event_id: str) -> str:
    return f"{dashboard_url}/event?event={quote(event_id)}"


def rule_line(clock: OpenClock) -> str:
    what = OBLIGATIONS.get(clock.obligation, clock.obligation)
    scope = SEVERITIES.get(clock.severity, clock.severity)
    return f"{clock.document}：{scope} {clock.clock_hours:g} 小时内{what}"


def deadline_line(clock: OpenClock, kind: str, now: datetime) -> str:
    deadline = f"{beijing(clock.deadline)}（北京时间）"
    if kind == DUE_SOON:
        return f"{deadline}，还剩 {duration(clock.deadline - now)}"
    if kind == MISSED:
        return f"{deadline}，已过截止时间 {duration(now - clock.deadline)}"
    return deadline


def response_line(clock: OpenClock, kind: str) -> str:
    if kind != RESPONDED or clock.response_at is None:
        return f"{clock.source_name}（尚未发布）"
    verdict = "在时限内" if clock.response_at <= clock.deadline else "超出时限"
    lag = "" if clock.response_hours is None else f"，距媒体首报 {clock.response_hours:.1f} 小时"
    return f"{clock.source_name} 已于 {beijing(clock.response_at)}（北京时间）发布{lag}，{verdict}"


def compose(clock: OpenClock, kind: str, responsible: str, dashboard_url: str, now: datetime) -> Message:
    detail = event_link(dashboard_url, clock.event_id)
    lines = [
        f"事件：{clock.label}",
        f"媒体首报：{clock.first_media_outlet} {beijing(clock.first_media_at)}（北京时间） {link(clock.first_media_url)}",
        f"责任来源：{response_line(clock, kind)}",
        f"规则：{rule_line(clock)}",
        f"截止：{deadline_line(clock, kind, now)}",
        f"负责：{responsible}",
        f"详情：{detail}",
    ]
    facts = {
        "kind": kind, "event_id": clock.event_id, "event_title": clock.label, "source_id": clock.source_id,
        "source_name": clock.source_name, "responsible": responsible, "rule_id": clock.rule_id,
        "rule_document": clock.document, "clock_hours": clock.clock_hours, "deadline": clock.deadline.isoformat(),
        "first_media": {"outlet": clock.first_media_outlet, "published_at": clock.first_media_at.isoformat(),
                        "url": clock.first_media_url},
        "response_at": clock.response_at.isoformat() if kind == RESPONDED and clock.response_at else None,
        "lag_hours": clock.response_hours if kind == RESPONDED else None,
        "dashboard_url": detail,
    }
    return Message(f"{HEADINGS[kind]}{clock.label}", "\n".join(lines), facts)
