"""Analyst actions (confirm, reject, merge, split, set severity), stored as rows of `corrections`.

Each action opens a short-lived writer, inserts one row and closes, so a load waiting for the file is held up for
milliseconds. `tracker match` reads the table and honours it (see db/README.md).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import db

ACTIONS: tuple[str, ...] = ("confirm", "reject", "merge", "split", "severity")
SEVERITIES: tuple[str, ...] = ("especially_major", "major", "large", "general")
# The rule clocks (event_severity, db/views/07_event_rule_status.sql) know two classes: 特别重大 and 重大 emergencies
# fall under the 5 h / 24 h clocks, 较大 and 一般 under the 48 h response clock.
RULE_SEVERITY: dict[str, str] = {"especially_major": "major", "major": "major", "large": "other", "general": "other"}
WRITE_WAIT_SECONDS = 5.0
LAKE_READ_ONLY = "数据湖中的发布副本是只读的：确认、驳回、合并、拆分和严重程度需在分析节点上用 DuckDB 文件操作。"


class ActionRefused(ValueError):
    """The action is incomplete or contradicts itself; the message is for the user, in Chinese."""


@dataclass(frozen=True)
class Correction:
    action: str
    event_id: str
    target_event_id: str | None = None
    doc_ids: tuple[str, ...] | None = None
    severity: str | None = None
    note: str | None = None
    analyst: str | None = None


def validate(correction: Correction) -> None:
    if correction.action not in ACTIONS:
        raise ActionRefused(f"未知操作：{correction.action}")
    if correction.action == "merge" and (
        not correction.target_event_id or correction.target_event_id == correction.event_id
    ):
        raise ActionRefused("合并需要选择另一个事件。")
    if correction.action == "split" and not correction.doc_ids:
        raise ActionRefused("拆分需要选择至少一篇稿件。")
    if correction.action == "severity" and correction.severity not in SEVERITIES:
        raise ActionRefused("请选择严重程度。")


def correction_id(correction: Correction, at: datetime) -> str:
    fields = json.dumps({**asdict(correction), "at": at.isoformat()}, ensure_ascii=False, sort_keys=True)
    return "cor-" + hashlib.sha256(fields.encode("utf-8")).hexdigest()[:16]


def unavailable(target: Path) -> str | None:
    """Why analyst actions cannot be stored in `target` (the lake's read-only copy), else None."""
    return LAKE_READ_ONLY if db.is_lake_target(target) else None


def record(db_path: Path, correction: Correction, at: datetime | None = None) -> str:
    """Insert the correction; DatabaseBusy when a load holds the file for longer than we wait."""
    if reason := unavailable(db_path):
        raise ActionRefused(reason)
    validate(correction)
    at = at or datetime.now(UTC)
    new_id = correction_id(correction, at)
    with db.writer(db_path, wait_seconds=WRITE_WAIT_SECONDS) as con:
        con.execute(
            db.read_sql("dash_insert_correction"),
            {
                "correction_id": new_id,
                "action": correction.action,
                "event_id": correction.event_id,
                "target_event_id": correction.target_event_id,
                "doc_ids": list(correction.doc_ids) if correction.doc_ids else None,
                "severity": correction.severity,
                "note": correction.note or None,
                "analyst": correction.analyst or None,
                "created_at": at,
            },
        )
        if correction.action == "severity" and correction.severity is not None:
            con.execute(
                db.read_sql("rules_set_severity"),
                {
                    "event_id": correction.event_id,
                    "severity": RULE_SEVERITY[correction.severity],
                    "set_by": correction.analyst or None,
                    "set_at": at,
                    "note": correction.note or None,
                },
            )
    return new_id
