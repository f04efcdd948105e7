"""Landing files and the raw page store: the record of what was seen.

Records are appended to a `.tmp` file and renamed into place every `chunk_size` records and at close,
so a crash never leaves a half-written landing file. The `.tmp` file carries its writer's process id:
once that process is gone, `landing_files` salvages the chunk's complete lines into a landing file
and keeps an unfinished last line in `quarantine/`, so a killed crawl loses nothing it had written.
Raw page bytes are stored once, gzip-compressed, under their SHA-256.

Distributed workers (`tracker worker`, `TRACKER_LANDING_FORMAT=parquet`) write Parquet instead, partitioned by day
and source: `<landing>/day=YYYY-MM-DD/source=<source_id>/<run_id>-<worker_id>-<NNNN>.parquet` (day = UTC day of
writing), one row a record with the columns `record_type, source_id, url, at, record`, where `record` is exactly the
JSON line the JSONL writer writes. Records are buffered per source and each file is written whole as a hidden `.tmp`
file and renamed, so a killed worker loses only its unflushed buffer (the cluster sweeper polls those again).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

LANDING_SUFFIX = ".jsonl"
PARQUET_SUFFIX = ".parquet"
LANDING_FORMATS = ("jsonl", "parquet")
QUARANTINE_DIR = "quarantine"
_ORPHAN = re.compile(r"^\.(?P<stem>.+)\.(?P<pid>\d+)\.jsonl\.tmp$")


@dataclass(frozen=True)
class QuarantineRecord:
    """An item that failed on its way to the database, with its error; `tracker replay` retries it."""

    source_id: str
    url: str | None
    stage: str  # extract | pipeline | load
    error: str
    at: str  # ISO 8601 with offset
    raw_sha256: str | None = None  # page bytes in the raw store, when the failure came after fetching
    record: dict[str, Any] | None = None  # the item as far as it got
    record_type: str = "quarantine"


@dataclass(frozen=True)
class OutcomeRecord:
    """What happened to an item that did not become an article record (filtered, and why)."""

    source_id: str
    url: str
    outcome: str
    reason: str
    at: str
    record_type: str = "outcome"


@dataclass(frozen=True)
class PollRecord:
    """One source's result in one crawl run: the evidence for its health."""

    source_id: str
    run_id: str
    polled_at: str
    entry_ok: int
    entry_failed: int
    blocked: int
    fetch_failed: int
    articles: int
    quarantined: int
    error: str | None
    record_type: str = "poll"


def record_json(data: dict[str, Any]) -> str:
    """A record as one landing line: the same text in JSONL files and in Parquet's `record` column."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _fsync_replace(tmp: Path, final: Path) -> None:
    _fsync(tmp)
    os.replace(tmp, final)


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def fsync_all(paths: list[Path]) -> None:
    """fsync many files at once: the file system commits concurrent fsyncs together, one after another it cannot."""
    if len(paths) == 1:
        _fsync(paths[0])
    elif paths:
        with ThreadPoolExecutor(max_workers=min(16, len(paths))) as pool:
            list(pool.map(_fsync, paths))


class LandingWriter:
    """Writes one source's records of one run as numbered chunk files `<run>-<source>-<n>.jsonl`."""

    def __init__(self, directory: Path, run_id: str, source_id: str, chunk_size: int = 200) -> None:
        self.directory = directory
        self.stem = f"{run_id}-{source_id}"
        self.chunk_size = chunk_size
        self.chunk = 0
        self.count = 0
        self.handle: Any = None
        self.tmp_path: Path | None = None
        self.before_commit: Callable[[], None] | None = None  # made durable first (the raw pages records name)
        directory.mkdir(parents=True, exist_ok=True)

    def write(self, record: object) -> Path | None:
        """Append one record; returns the landing file when this record completed a chunk."""
        if self.handle is None:
            self.tmp_path = self.directory / f".{self.stem}-{self.chunk:04d}.{os.getpid()}{LANDING_SUFFIX}.tmp"
            self.handle = self.tmp_path.open("w", encoding="utf-8")
        data = asdict(record) if hasattr(record, "__dataclass_fields__") else record  # type: ignore[arg-type]
        self.handle.write(record_json(data) + "\n")
        self.handle.flush()  # a killed process leaves every written line in the .tmp file
        self.count += 1
        if self.count >= self.chunk_size:
            return self.flush()
        return None

    def flush(self) -> Path | None:
        """Close the current chunk and rename it into place."""
        if self.handle is None or self.tmp_path is None:
            return None
        self.handle.close()
        final = self.directory / f"{self.stem}-{self.chunk:04d}{LANDING_SUFFIX}"
        if self.before_commit is not None:
            self.before_commit()
        _fsync_replace(self.tmp_path, final)
        self.handle, self.tmp_path = None, None
        self.chunk += 1
        self.count = 0
        return final


PARQUET_SCHEMA = pa.schema(
    [
        ("record_type", pa.string(), False),
        ("source_id", pa.string(), False),
        ("url", pa.string(), True),
        ("at", pa.string(), False),
        ("record", pa.string(), False),
    ]
)
_URL_FIELD = {"article": "url", "listing": "page_url", "fetch_error": "url", "quarantine": "url", "outcome": "url"}
_AT_FIELD = {"article": "first_seen_at", "listing": "fetched_at", "fetch_error": "fetched_at", "quarantine": "at",
             "outcome": "at", "poll": "polled_at", "replayed": "at"}
_WORKER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.]{0,63}$")


def _utc_now() -> datetime:
    return datetime.now(UTC)


def parquet_row(data: dict[str, Any], written_at: datetime) -> dict[str, Any]:
    """The Parquet row of one record: its type, source, URL, fetched/seen time and the JSON line itself."""
    kind = str(data.get("record_type", "article"))
    url = data.get(_URL_FIELD.get(kind, ""))
    at = data.get(_AT_FIELD.get(kind, ""))
    return {
        "record_type": kind,
        "source_id": str(data.get("source_id") or "unknown"),
        "url": str(url) if url is not None else None,
        "at": str(at) if at else written_at.isoformat(),
        "record": record_json(data),
    }


class ParquetLandingWriter:
    """Writes one source's records of one worker run as `day=<UTC day>/source=<id>/<run>-<worker>-<n>.parquet`.

    Records are buffered and written as one file every `chunk_size` records and at `flush()`.
    """

    def __init__(self, directory: Path, run_id: str, source_id: str, chunk_size: int = 200,
                 worker_id: str = "w0", clock: Any = _utc_now) -> None:
        if not _WORKER_ID.match(worker_id):
            raise ValueError(f"worker id {worker_id!r}: use letters, digits, '_' and '.' (at most 64)")
        if "-" in run_id or not run_id:
            raise ValueError(f"run id {run_id!r}: must be non-empty and without '-'")
        self.directory = directory
        self.run_id = run_id
        self.worker_id = worker_id
        self.source_id = source_id
        self.chunk_size = chunk_size
        self.chunk = 0
        self.rows: list[dict[str, Any]] = []
        self.clock = clock
        self.before_commit: Callable[[], None] | None = None  # made durable first (the raw pages records name)

    @property
    def count(self) -> int:
        return len(self.rows)

    def write(self, record: object) -> Path | None:
        """Buffer one record; returns the Parquet file when this record completed a chunk."""
        data = asdict(record) if hasattr(record, "__dataclass_fields__") else record  # type: ignore[arg-type]
        self.rows.append(parquet_row(data, self.clock()))  # type: ignore[arg-type]
        if len(self.rows) >= self.chunk_size:
            return self.flush()
        return None

    def flush(self) -> Path | None:
        """Write the buffered records as one Parquet file (hidden `.tmp`, then renamed); None when empty."""
        if not self.rows:
            return None
        day = self.clock().strftime("%Y-%m-%d")
        folder = self.directory / f"day={day}" / f"source={self.source_id}"
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"{self.run_id}-{self.worker_id}-{self.chunk:04d}{PARQUET_SUFFIX}"
        tmp = folder / f".{final.name}.{os.getpid()}.tmp"
        table = pa.Table.from_pylist(self.rows, schema=PARQUET_SCHEMA)
        pq.write_table(table, tmp, compression="zstd")
        if self.before_commit is not None:
            self.before_commit()
        _fsync_replace(tmp, final)
        self.rows = []
        self.chunk += 1
        return final


def read_landing_records(path: Path) -> list[dict[str, Any]]:
    """The record dicts of one landing file, Parquet or JSONL, in file order."""
    if path.suffix == PARQUET_SUFFIX:
        column = pq.read_table(path, columns=["record"]).column("record").to_pylist()
        return [json.loads(text) for text in column]
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


class RawStore:
    """Content-addressed, compressed page bytes: `<root>/<ab>/<sha256>.gz`.

    With `defer_sync`, pages are not fsynced one by one as they are stored (a crawl's slowest step of its own):
    `sync()` makes every page stored since durable at once, and the landing pipeline calls it before each landing
    file that names them is committed.
    """

    def __init__(self, root: Path, defer_sync: bool = False) -> None:
        self.root = root
        self.defer_sync = defer_sync
        self.unsynced: list[Path] = []

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}.gz"

    def put(self, body: bytes) -> str:
        digest = hashlib.sha256(body).hexdigest()
        final = self.path_for(digest)
        if final.exists():
            return digest
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_suffix(f".tmp{os.getpid()}")
        # mtime=0 keeps the stored file identical for identical bytes.
        with tmp.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
            handle.write(body)
        if self.defer_sync:
            os.replace(tmp, final)
            self.unsynced.append(final)
        else:
            _fsync_replace(tmp, final)
        return digest

    def sync(self) -> None:
        """Make every page stored since the last call durable."""
        pending, self.unsynced = self.unsynced, []
        fsync_all(pending)

    def get(self, sha256: str) -> bytes:
        with gzip.open(self.path_for(sha256), "rb") as handle:
            return handle.read()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def salvage_orphans(directory: Path) -> list[Path]:
    """Turn `.tmp` chunks whose writer process is gone into landing files; returns the files made.

    Complete lines are kept; an unfinished last line goes to `quarantine/` as bytes.
    """
    made: list[Path] = []
    if not directory.exists():
        return made
    for tmp in sorted(directory.glob(f".*{LANDING_SUFFIX}.tmp")):
        match = _ORPHAN.match(tmp.name)
        if match is None or _alive(int(match.group("pid"))):
            continue
        data = tmp.read_bytes()
        complete, _, partial = data.rpartition(b"\n")
        if partial.strip():
            quarantine = directory / QUARANTINE_DIR
            quarantine.mkdir(exist_ok=True)
            (quarantine / f"{match.group('stem')}.{match.group('pid')}.partial").write_bytes(partial)
        if complete.strip():
            final = directory / f"{match.group('stem')}-salvaged{match.group('pid')}{LANDING_SUFFIX}"
            partial_tmp = final.with_name(f".{final.name}.salvage")
            partial_tmp.write_bytes(complete + b"\n")
            _fsync_replace(partial_tmp, final)
            made.append(final)
        tmp.unlink()
    return made


def landing_files(directory: Path) -> list[Path]:
    """Finished landing files in name order (runs are named by start time, so this is time order).

    JSONL files at the top of the folder and Parquet files in its `day=*/source=*/` partitions. JSONL chunks left
    behind by a killed writer are salvaged first; a hidden Parquet `.tmp` file was never finished and is ignored.
    """
    if not directory.exists():
        return []
    salvage_orphans(directory)
    jsonl = [p for p in directory.glob(f"*{LANDING_SUFFIX}") if not p.name.startswith(".")]
    parquet = [p for p in directory.glob(f"day=*/source=*/*{PARQUET_SUFFIX}") if not p.name.startswith(".")]
    return sorted(jsonl + parquet, key=lambda p: (p.name, str(p)))
