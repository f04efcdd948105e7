"""Analyst corrections to event links: confirm or reject a document's link, merge two events, split one.

Corrections are rows of the `corrections` table (shared with the dashboard, which writes merge and split the same
way) and are also appended to `corrections.jsonl` beside the database file, so a database rebuilt from the
landing files gets them back: `tracker match` first syncs the two (rows missing on either side are copied), links
new documents, then replays every correction in (created_at, correction_id) order. Replaying is idempotent and
reproduces the analysts' sequence: each step puts its documents where the correction said, and a later correction
moves them on again:

* `link_reject DOC` (event_id: the event it was in): the document moves to an event of its own,
  "ev-" + the correction id (later documents may join it), and the matcher never links it into the event it was
  taken out of again (also in a rebuild);
* `link_confirm DOC` (event_id: its event): the document goes back to that event if it still has documents;
* `merge A INTO B`: every document of A moves to B;
* `split E DOCS`: DOCS move together to a new event "ev-" + the correction id; they are also kept out of E when
  a rebuild links them again.

Events left without documents are deleted. Severity and event-level confirm/reject rows are the dashboard's:
they are kept and synced but change no link.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

import db

LINK_ACTIONS = ("link_confirm", "link_reject")
FILE_NAME = "corrections.jsonl"


class CorrectionError(ValueError):
    """A correction that names an unknown document or event, or contradicts itself."""


@dataclass(frozen=True)
class Correction:
    correction_id: str
    action: str  # link_confirm | link_reject | merge | split (| confirm | reject | severity from the dashboard)
    event_id: str
    created_at: datetime
    target_event_id: str | None = None
    doc_ids: tuple[str, ...] = ()
    severity: str | None = None
    note: str | None = None
    analyst: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "correction_id": self.correction_id,
            "action": self.action,
            "event_id": self.event_id,
            "target_event_id": self.target_event_id,
            "doc_ids": list(self.doc_ids),
            "severity": self.severity,
            "note": self.note,
            "analyst": self.analyst,
            "created_at": self.created_at.isoformat(),
        }


def correction_id(action: str, event_id: str, target: str | None, doc_ids: Iterable[str], at: datetime) -> str:
    fields = json.dumps([action, event_id, target, sorted(doc_ids), at.isoformat()], ensure_ascii=False)
    return "cor-" + hashlib.sha256(fields.encode("utf-8")).hexdigest()[:16]


def corrections_file(db_path: Path) -> Path:
    return db_path.parent / FILE_NAME


def from_row(row: dict[str, Any]) -> Correction:
    created = row["created_at"]
    if isinstance(created, str):
        created = datetime.fromisoformat(created)
    return Correction(
        correction_id=row["correction_id"],
        action=row["action"],
        event_id=row["event_id"],
        created_at=created,
        target_event_id=row.get("target_event_id"),
        doc_ids=tuple(row.get("doc_ids") or ()),
        severity=row.get("severity"),
        note=row.get("note"),
        analyst=row.get("analyst"),
    )


# ---------------------------------------------------------------------------------------------------------------
# Recording.


def _event_of(con: duckdb.DuckDBPyConnection, doc_id: str) -> str:
    rows = db.query(con, "match/event_of_document", {"doc_id": doc_id})
    if not rows:
        raise CorrectionError(f"{doc_id}: no such document")
    if rows[0]["event_id"] is None:
        raise CorrectionError(f"{doc_id}: not linked to an event yet (run `tracker match` first)")
    return str(rows[0]["event_id"])


def _members(con: duckdb.DuckDBPyConnection, event_id: str) -> list[str]:
    return [r["doc_id"] for r in db.query(con, "match/event_documents_of", {"event_id": event_id})]


def _insert(con: duckdb.DuckDBPyConnection, correction: Correction) -> None:
    row = correction.as_json() | {"created_at": correction.created_at, "doc_ids": list(correction.doc_ids) or None}
    con.execute(db.read_sql("match/insert_correction"), row)


def _append(path: Path, corrections: Iterable[Correction]) -> None:
    lines = "".join(json.dumps(c.as_json(), ensure_ascii=False) + "\n" for c in corrections)
    if not lines:
        return
    with path.open("a", encoding="utf-8") as fh:
        fh.write(lines)
        fh.flush()
        os.fsync(fh.fileno())


def record(
    db_path: Path,
    action: str,
    *,
    doc_ids: tuple[str, ...] = (),
    event_id: str | None = None,
    target_event_id: str | None = None,
    note: str | None = None,
    analyst: str | None = None,
    at: datetime | None = None,
) -> Correction:
    """Check and store one correction (table and file), then apply it at once."""
    at = at or datetime.now(UTC)
    with db.writer(db_path) as con:
        if action in LINK_ACTIONS:
            if len(doc_ids) != 1:
                raise CorrectionError(f"{action} takes one document id")
            event_id = _event_of(con, doc_ids[0])
        elif action == "merge":
            if not event_id or not target_event_id or event_id == target_event_id:
                raise CorrectionError("merge needs two different events")
            for eid in (event_id, target_event_id):
                if not _members(con, eid):
                    raise CorrectionError(f"{eid}: no such event with documents")
        elif action == "split":
            if not event_id or not doc_ids:
                raise CorrectionError("split needs an event and at least one of its documents")
            members = set(_members(con, event_id))
            if not members:
                raise CorrectionError(f"{event_id}: no such event with documents")
            strangers = sorted(set(doc_ids) - members)
            if strangers:
                raise CorrectionError(f"{', '.join(strangers)}: not in {event_id}")
            if members <= set(doc_ids):
                raise CorrectionError(f"split would move every document of {event_id}; nothing would be left")
        else:
            raise CorrectionError(f"unknown correction {action!r}")
        assert event_id is not None
        correction = Correction(
            correction_id(action, event_id, target_event_id, doc_ids, at),
            action,
            event_id,
            at,
            target_event_id,
            tuple(doc_ids),
            None,
            note,
            analyst,
        )
        con.execute("begin")
        try:
            _insert(con, correction)
            apply(con, [correction], at)
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
    _append(corrections_file(db_path), [correction])
    return correction


# ---------------------------------------------------------------------------------------------------------------
# Replaying.


def load(con: duckdb.DuckDBPyConnection) -> list[Correction]:
    return [from_row(r) for r in db.query(con, "match/corrections_all")]


def read_file(path: Path) -> list[Correction]:
    if not path.exists():
        return []
    out: list[Correction] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            try:
                out.append(from_row(json.loads(line)))
            except (ValueError, KeyError, TypeError):
                continue  # a torn last line from a crash: the table still has the row
    return out


def sync(con: duckdb.DuckDBPyConnection, path: Path) -> list[Correction]:
    """Copy rows missing from the table into it and rows missing from the file into it; all, in replay order."""
    in_table = {c.correction_id: c for c in load(con)}
    in_file = {c.correction_id: c for c in read_file(path)}
    for cid in sorted(set(in_file) - set(in_table)):
        _insert(con, in_file[cid])
    _append(path, [in_table[cid] for cid in sorted(set(in_table) - set(in_file))])
    merged = {**in_file, **in_table}
    return sorted(merged.values(), key=lambda c: (c.created_at, c.correction_id))


def forbidden(corrections: Iterable[Correction]) -> dict[str, frozenset[str]]:
    """Per document, the events the matcher must not link it into (rejected links, split-off documents)."""
    out: dict[str, set[str]] = {}
    for c in corrections:
        if c.action in ("link_reject", "split"):
            for doc_id in c.doc_ids:
                out.setdefault(doc_id, set()).add(c.event_id)
    return {doc_id: frozenset(events) for doc_id, events in out.items()}


def own_event_id(correction: Correction) -> str:
    return "ev-" + correction.correction_id


def _new_event(con: duckdb.DuckDBPyConnection, event_id: str, doc_id: str, now: datetime) -> None:
    rows = db.query(con, "match/event_of_document", {"doc_id": doc_id})
    title = (rows[0]["title"] if rows else None) or doc_id
    con.execute(db.read_sql("match/insert_event"), {"event_id": event_id, "label": title, "created_at": now})


def _place(con: duckdb.DuckDBPyConnection, doc_ids: list[str], target: str) -> set[str]:
    """Move the linked ones of `doc_ids` into `target`; the events they left."""
    left: set[str] = set()
    for doc_id in doc_ids:
        rows = db.query(con, "match/event_of_document", {"doc_id": doc_id})
        if rows and rows[0]["event_id"] not in (None, target):
            left.add(rows[0]["event_id"])
    if left:
        con.execute(db.read_sql("match/place_documents"), {"doc_ids": doc_ids, "event_id": target})
    return left


def apply(con: duckdb.DuckDBPyConnection, corrections: Iterable[Correction], now: datetime) -> set[str]:
    """Replay corrections in the given order; returns the events whose membership may have changed."""
    touched: set[str] = set()
    for c in corrections:
        if c.action == "merge" and c.target_event_id:
            if _members(con, c.event_id) and _members(con, c.target_event_id):
                params = {"event_id": c.event_id, "target_event_id": c.target_event_id}
                con.execute(db.read_sql("match/move_event"), params)
                touched |= {c.event_id, c.target_event_id}
        elif c.action in ("split", "link_reject") and c.doc_ids:
            target = own_event_id(c)
            _new_event(con, target, c.doc_ids[0], now)
            left = _place(con, list(c.doc_ids), target)
            touched |= left | ({target} if left else set())
        elif c.action == "link_confirm" and _members(con, c.event_id):
            left = _place(con, list(c.doc_ids), c.event_id)
            touched |= left | ({c.event_id} if left else set())
    con.execute(db.read_sql("match/delete_empty_events"))
    return touched
