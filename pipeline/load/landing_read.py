"""Reading landing files (JSONL lines or the `record` column of Parquet) into records grouped by type."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


RECORD_TYPES = ("article", "listing", "fetch_error", "source", "quarantine", "outcome", "poll", "replayed")


@dataclass(frozen=True)
class BadLine:
    number: int
    text: str
    problem: str


def file_run_and_source(path: Path) -> tuple[str, str]:
    """`<run>-<source>-<chunk>.jsonl` → (run, source); other names give the whole stem as run.

    Parquet files `source=<source>/<run>-<worker>-<chunk>.parquet` name their source by their folder.
    """
    if path.suffix == ".parquet":
        run = path.name.removesuffix(".parquet").partition("-")[0]
        folder = path.parent.name
        return run, (folder.removeprefix("source=") if folder.startswith("source=") else "") or "unknown"
    stem = path.name.removesuffix(".jsonl")
    run, _, rest = stem.partition("-")
    source = rest.rpartition("-")[0] or rest
    return run, source or "unknown"


def _landing_lines(path: Path) -> Iterable[tuple[int, str]]:
    """(number, text) of each record of a landing file: JSONL lines, or the `record` column of a Parquet file."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        column = pq.read_table(path, columns=["record"]).column("record").to_pylist()
        yield from ((number, text or "") for number, text in enumerate(column, start=1))
        return
    with path.open(encoding="utf-8", errors="replace") as handle:
        yield from enumerate(handle, start=1)


def parse_landing_lines(path: Path) -> tuple[dict[str, list[dict[str, Any]]], list[BadLine]]:
    """Records of a landing file (JSONL or Parquet) grouped by type, and the lines that are not records."""
    grouped: dict[str, list[dict[str, Any]]] = {kind: [] for kind in RECORD_TYPES}
    bad: list[BadLine] = []
    for number, line in _landing_lines(path):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append(BadLine(number, line.rstrip("\n"), f"{path.name}:{number}: not valid JSON ({exc.msg})"))
            continue
        kind = record.get("record_type", "article") if isinstance(record, dict) else None
        if kind not in grouped:
            bad.append(BadLine(number, line.rstrip("\n"), f"{path.name}:{number}: unknown record type {kind!r}"))
            continue
        grouped[kind].append(record)
    return grouped, bad


def parse_landing_file(path: Path) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Records of a landing file grouped by type, and one problem line for each unreadable line."""
    grouped, bad = parse_landing_lines(path)
    return grouped, [line.problem for line in bad]

