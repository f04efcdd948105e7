"""Arrow schemas of the staged tables the load SQL reads (`staged_documents`, `staged_listings`, ...)."""

from __future__ import annotations

import pyarrow as pa

DOCUMENT_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("source_id", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("body", pa.string()),
        ("published_at", pa.timestamp("us", tz="UTC")),
        ("published_precision", pa.string()),
        ("published_raw", pa.string()),
        ("published_flag", pa.string()),
        ("written_at", pa.timestamp("us", tz="UTC")),
        ("declared_source", pa.string()),
        ("declared_source_kind", pa.string()),
        ("first_seen_at", pa.timestamp("us", tz="UTC")),
        ("last_seen_at", pa.timestamp("us", tz="UTC")),
        ("raw_sha256", pa.string()),
        ("via", pa.string()),
        ("found_on", pa.string()),
        ("encoding", pa.string()),
        ("methods", pa.string()),
    ]
)
SOURCE_SCHEMA = pa.schema(
    [
        ("source_id", pa.string()),
        ("name", pa.string()),
        ("kind", pa.string()),
        ("channel", pa.string()),
        ("region", pa.string()),
        ("level", pa.string()),
        ("timezone", pa.string()),
        ("list_urls", pa.list_(pa.string())),
        ("feeds", pa.list_(pa.string())),
        ("updated_at", pa.timestamp("us", tz="UTC")),
        ("external_id", pa.string()),
    ]
)
LISTING_SCHEMA = pa.schema(
    [
        ("source_id", pa.string()),
        ("page_url", pa.string()),
        ("fetched_at", pa.timestamp("us", tz="UTC")),
        ("article_urls", pa.list_(pa.string())),
    ]
)
FETCH_ERROR_SCHEMA = pa.schema(
    [
        ("source_id", pa.string()),
        ("url", pa.string()),
        ("fetched_at", pa.timestamp("us", tz="UTC")),
        ("error", pa.string()),
    ]
)


POLL_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("source_id", pa.string()),
        ("polled_at", pa.timestamp("us", tz="UTC")),
        ("entry_ok", pa.int32()),
        ("entry_failed", pa.int32()),
        ("blocked", pa.int32()),
        ("fetch_failed", pa.int32()),
        ("articles", pa.int32()),
        ("quarantined", pa.int32()),
        ("error", pa.string()),
    ]
)
OUTCOME_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("source_id", pa.string()),
        ("url", pa.string()),
        ("doc_id", pa.string()),
        ("outcome", pa.string()),
        ("reason", pa.string()),
        ("recorded_at", pa.timestamp("us", tz="UTC")),
    ]
)
OUTCOME_DOCUMENT_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("source_id", pa.string()),
        ("url", pa.string()),
        ("doc_id", pa.string()),
        ("recorded_at", pa.timestamp("us", tz="UTC")),
    ]
)
QUARANTINE_SCHEMA = pa.schema(
    [
        ("quarantine_id", pa.string()),
        ("run_id", pa.string()),
        ("source_id", pa.string()),
        ("url", pa.string()),
        ("stage", pa.string()),
        ("error", pa.string()),
        ("quarantined_at", pa.timestamp("us", tz="UTC")),
        ("raw_sha256", pa.string()),
        ("record", pa.string()),
        ("file_name", pa.string()),
    ]
)

