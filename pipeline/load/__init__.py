"""Landing files -> the database: the loader (one short transaction per batch, idempotent), the importer for
other systems' JSONL/CSV, and the DuckLake shared store.

In: landing files written by the crawlers. Out: rows in `sources`, `documents` and the capture tables.
"""
