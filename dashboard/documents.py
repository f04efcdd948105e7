"""An event's documents for the dashboard: the list the timeline and the events page show, the evidence the event
page shows (the same documents with their link explanation and capture), and a captured page as text.

The event page reads its documents once: the evidence carries what the document list gives. (Reading them by their
ids bound as a list, which DuckDB's primary-key index serves, was tried: on a fresh read-only connection the index and
the scattered rows cost as much as the scan of the ids, 0.21 s at 10 M documents, plus a query for the ids.)
"""

from __future__ import annotations

import gzip
import re

from dashboard import data

RAW_PREVIEW_BYTES = 200_000
_SHA256 = re.compile(r"[0-9a-f]{64}")


def event_documents(event_id: str) -> data.Rows:
    """Every document linked to the event, timed ones first in publish order (event_document_list)."""
    return data.query("event_document_list", event_id=event_id)


def evidence(event_id: str) -> data.Rows:
    """The event's documents with their link explanation, capture and copies, one row per copied document
    (dash_event_evidence); each row also has what event_document_list gives, so the event page reads them once."""
    return data.query("dash_event_evidence", event_id=event_id)


def raw_page(sha256: str | None, encoding: str | None) -> str | None:
    """The captured page as text (never rendered as HTML); None when it was not kept."""
    if not sha256 or not _SHA256.fullmatch(sha256) or data.is_lake():  # pages stay beside the analysis file
        return None
    path = data.db_path().parent / "raw" / sha256[:2] / f"{sha256}.gz"
    try:
        with gzip.open(path, "rb") as handle:
            raw = handle.read(RAW_PREVIEW_BYTES)
    except OSError:
        return None
    codec = "gb18030" if (encoding or "").lower() in ("gbk", "gb2312", "gb18030") else (encoding or "utf-8")
    try:
        return raw.decode(codec, errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")
