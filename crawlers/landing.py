"""Landing files and the raw page store: the record of what was seen.

Records are appended to a `.tmp` file and renamed into place every `chunk_size` records and at close,
so a crash never leaves a half-written landing file. The `.tmp` file carries its writer's process id:
once that process is gone, `landing_files` salvages the chunk's complete lines into a landing file
and keeps an unfinished last line in `quarantine/`, so a killed crawl loses nothing it had written.
Raw page bytes are stored once, gzip-compressed, under their SHA-256.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

LANDING_SUFFIX = ".jsonl"
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


def _fsync_replace(tmp: Path, final: Path) -> None:
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, final)


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
        directory.mkdir(parents=True, exist_ok=True)

    def write(self, record: object) -> None:
        if self.handle is None:
            self.tmp_path = self.directory / f".{self.stem}-{self.chunk:04d}.{os.getpid()}{LANDING_SUFFIX}.tmp"
            self.handle = self.tmp_path.open("w", encoding="utf-8")
        data = asdict(record) if hasattr(record, "__dataclass_fields__") else record  # type: ignore[arg-type]
        self.handle.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
        self.handle.flush()  # a killed process leaves every written line in the .tmp file
        self.count += 1
        if self.count >= self.chunk_size:
            self.flush()

    def flush(self) -> Path | None:
        """Close the current chunk and rename it into place."""
        if self.handle is None or self.tmp_path is None:
            return None
        self.handle.close()
        final = self.directory / f"{self.stem}-{self.chunk:04d}{LANDING_SUFFIX}"
        _fsync_replace(self.tmp_path, final)
        self.handle, self.tmp_path = None, None
        self.chunk += 1
        self.count = 0
        return final


class RawStore:
    """Content-addressed, compressed page bytes: `<root>/<ab>/<sha256>.gz`."""

    def __init__(self, root: Path) -> None:
        self.root = root

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
        _fsync_replace(tmp, final)
        return digest

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

    Chunks left behind by a killed writer are salvaged first.
    """
    if not directory.exists():
        return []
    salvage_orphans(directory)
    return sorted(p for p in directory.glob(f"*{LANDING_SUFFIX}") if not p.name.startswith("."))
