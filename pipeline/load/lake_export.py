"""The lake's records -> landing files for the analysis DuckDB file (`tracker load --from-lake`), loaded by the
existing loader; the analysis file's `loaded_files` is the export ledger.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

import db
from db.lake import LakeError, connect_lake, rollback_quietly
from pipeline.load.loader import LoadReport

EXPORT_BATCH_FILES = 50  # lake files exported per batch (bounds the memory of one export step)
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.]+")
_SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

EXPORT_FILES_SCHEMA = pa.schema([("file_name", pa.string())])
EXPORT_OWNERS_SCHEMA = pa.schema([("doc_key", pa.string()), ("source_id", pa.string()), ("owner_file", pa.string())])


@dataclass
class LakeExportReport:
    files_exported: int = 0
    load: LoadReport | None = None



def export_name(file_name: str, source_id: str, sha256: str) -> str:
    """Landing-file name of an exported lake file: `<run>-<source>-<sha12>.jsonl`, as the DuckDB loader parses it."""
    run = _SAFE_NAME.sub("_", Path(file_name).name.partition("-")[0]) or "lake"
    source = source_id if _SOURCE_ID.match(source_id) else "src_" + hashlib.sha1(source_id.encode()).hexdigest()[:12]
    return f"{run}-{source}-{sha256[:12]}.jsonl"


def _line(record: str) -> str:
    return record.replace("\r", " ").replace("\n", " ")


def _capture_line(owner_record: str, seen_raw: str) -> str:
    """The document's (earliest) record as this capture saw it: its own first_seen_at."""
    record = json.loads(owner_record)
    if record.get("first_seen_at") == seen_raw:
        return _line(owner_record)
    record["first_seen_at"] = seen_raw
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def _export_batch(con: duckdb.DuckDBPyConnection, batch: list[dict[str, Any]], out_dir: Path) -> list[Path]:
    names = [row["file_name"] for row in batch]
    con.register("lake_export_files", pa.Table.from_pylist([{"file_name": n} for n in names],
                                                           schema=EXPORT_FILES_SCHEMA))
    try:
        lines: dict[str, list[tuple[int, str]]] = {name: [] for name in names}
        for row in db.query(con, "lake/export_records"):
            lines[row["file_name"]].append((row["line"], _line(row["record"] or "")))
        captures = db.query(con, "lake/export_captures")
        owners_wanted = {(c["doc_key"], c["source_id"], c["owner_file"]) for c in captures}
        owners = _owner_records(con, owners_wanted)
        for c in captures:
            lines[c["file_name"]].append((c["line"], _capture_line(owners[c["doc_key"]], c["seen_raw"])))
    finally:
        con.unregister("lake_export_files")
    written = []
    for row in batch:
        path = out_dir / export_name(row["file_name"], row["source_id"], row["sha256"])
        tmp = path.with_name(f".{path.name}.tmp")
        body = "".join(text + "\n" for _line_no, text in sorted(lines[row["file_name"]]))
        tmp.write_text(body, encoding="utf-8")
        os.replace(tmp, path)
        written.append(path)
    return written


def _owner_records(con: duckdb.DuckDBPyConnection, wanted: set[tuple[str, str, str]]) -> dict[str, str]:
    """Record of each wanted document, found through the file that held it, else (it moved) through its source."""
    found: dict[str, str] = {}
    for sql in ("lake/export_owners", "lake/export_owners_moved"):
        missing = [w for w in wanted if w[0] not in found]
        if not missing:
            break
        table = pa.Table.from_pylist([{"doc_key": k, "source_id": s, "owner_file": f} for k, s, f in missing],
                                     schema=EXPORT_OWNERS_SCHEMA)
        con.register("lake_export_owners", table)
        try:
            for row in db.query(con, sql):
                found[row["doc_key"]] = row["record"]
        finally:
            con.unregister("lake_export_owners")
    lost = {w[0] for w in wanted} - found.keys()
    if lost:
        raise LakeError(f"lake is inconsistent: {len(lost)} captured document(s) have no record, e.g. {min(lost)}")
    return found


def export_lake_landing(con: duckdb.DuckDBPyConnection, out_dir: Path, skip: Container[str] = ()) -> list[Path]:
    """Write every lake file whose export name is not in `skip` as a JSONL landing file in `out_dir`.

    One landing file per lake file (so per source and run), named by `export_name`; lines in the landing file's
    order: non-article records as they came, and each article capture as the document's earliest record with the
    capture's own first_seen_at. Everything is read in one transaction, so loaders committing meanwhile are seen
    whole or not at all.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    con.execute("begin")
    try:
        pending = [row for row in db.query(con, "lake/lake_files")
                   if export_name(row["file_name"], row["source_id"], row["sha256"]) not in skip]
        pending.sort(key=lambda row: (Path(row["file_name"]).name, row["file_name"]))
        for start in range(0, len(pending), EXPORT_BATCH_FILES):
            written.extend(_export_batch(con, pending[start:start + EXPORT_BATCH_FILES], out_dir))
    finally:
        rollback_quietly(con)
    return written


def _analysis_loaded_names(db_path: Path) -> set[str]:
    if not db_path.exists():
        return set()
    with db.reader(db_path) as con:
        return {row["file_name"] for row in db.query(con, "lake/analysis_loaded_names")}


def load_from_lake(catalog_dsn: str, data_path: str | Path, db_path: Path, progress: bool = True) -> LakeExportReport:
    """Bring the analysis DuckDB file up to date from the lake with the existing loader.

    The lake's files not yet loaded into `db_path` (its `loaded_files` is the export ledger) are written as JSONL
    landing files to `<db folder>/lake-landing/`, loaded by `pipeline.load.load_files`, and removed once loaded.
    """
    from pipeline.load.loader import load_files

    staging = db_path.parent / "lake-landing"
    loaded = _analysis_loaded_names(db_path)
    con = connect_lake(catalog_dsn, data_path)
    try:
        paths = export_lake_landing(con, staging, skip=loaded)
    finally:
        con.close()
    report = LakeExportReport(files_exported=len(paths))
    report.load = load_files(db_path, paths, progress=progress)
    loaded = _analysis_loaded_names(db_path)
    for path in staging.glob("*.jsonl"):
        if path.name in loaded:
            path.unlink()
    return report


