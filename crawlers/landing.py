"""Landing files and the raw page store: the record of what was seen.

Records are appended to a `.tmp` file and renamed into place every `chunk_size` records and at close,
so a crash loses at most the unfinished chunk and never leaves a half-written landing file.
Raw page bytes are stored once, gzip-compressed, under their SHA-256.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

LANDING_SUFFIX = ".jsonl"


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
            self.tmp_path = self.directory / f".{self.stem}-{self.chunk:04d}{LANDING_SUFFIX}.tmp"
            self.handle = self.tmp_path.open("w", encoding="utf-8")
        data = asdict(record) if hasattr(record, "__dataclass_fields__") else record  # type: ignore[arg-type]
        self.handle.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
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


def landing_files(directory: Path) -> list[Path]:
    """Finished landing files in name order (runs are named by start time, so this is time order)."""
    if not directory.exists():
        return []
    return sorted(p for p in directory.glob(f"*{LANDING_SUFFIX}") if not p.name.startswith("."))
