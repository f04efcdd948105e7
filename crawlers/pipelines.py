"""Item pipeline: every record goes to its source's landing file. Nothing here opens the database.

An item that any pipeline stage fails on is not lost: `item_error` writes it, with the error, as a
quarantine record to the same landing file, and `tracker replay` can load it later. At close, each
source gets one poll record (what was fetched, what failed) for source health.

`TRACKER_LANDING_FORMAT` picks the file format: `jsonl` (the default) or `parquet` (what cluster workers write);
`TRACKER_LANDING_CHUNK` is the number of records per file.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, is_dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from twisted.python.failure import Failure

from crawlers.landing import (
    LANDING_FORMATS,
    LandingWriter,
    ParquetLandingWriter,
    PollRecord,
    QuarantineRecord,
    RawStore,
)
from crawlers.spiders.sources import SourceTally

Writer = LandingWriter | ParquetLandingWriter


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _as_dict(item: Any) -> dict[str, Any] | None:
    if is_dataclass(item) and not isinstance(item, type):
        return asdict(item)
    return dict(item) if isinstance(item, dict) else None


class LandingPipeline:
    def __init__(self, directory: Path, run_id: str, started_at: str | None = None, landing_format: str = "jsonl",
                 chunk_size: int = 200, worker_id: str = "w0") -> None:
        if landing_format not in LANDING_FORMATS:
            raise ValueError(f"TRACKER_LANDING_FORMAT {landing_format!r}: expected one of {', '.join(LANDING_FORMATS)}")
        self.directory = directory
        self.run_id = run_id
        self.started_at = started_at or _now()
        self.landing_format = landing_format
        self.chunk_size = chunk_size
        self.worker_id = worker_id
        self.writers: dict[str, Writer] = {}
        self.item_errors = 0
        self.crawler: Crawler | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LandingPipeline:
        settings = crawler.settings
        pipeline = cls(
            Path(settings.get("TRACKER_LANDING_DIR")), settings.get("TRACKER_RUN_ID"),
            landing_format=settings.get("TRACKER_LANDING_FORMAT") or "jsonl",
            chunk_size=settings.getint("TRACKER_LANDING_CHUNK", 200),
            worker_id=settings.get("TRACKER_WORKER_ID") or "w0",
        )
        pipeline.crawler = crawler
        crawler.signals.connect(pipeline.item_error, signal=signals.item_error)
        return pipeline

    def _writer(self, source_id: str) -> Writer:
        writer = self.writers.get(source_id)
        if writer is None:
            if self.landing_format == "parquet":
                writer = ParquetLandingWriter(self.directory, self.run_id, source_id, self.chunk_size, self.worker_id)
            else:
                writer = LandingWriter(self.directory, self.run_id, source_id, self.chunk_size)
            raw_store = getattr(self.crawler.spider if self.crawler else None, "raw_store", None)
            if isinstance(raw_store, RawStore):
                writer.before_commit = raw_store.sync
            self.writers[source_id] = writer
        return writer

    def _write(self, source_id: str, record: Any) -> None:
        if self._writer(source_id).write(record) is not None:
            self.flushed(source_id)

    def flushed(self, source_id: str) -> None:
        """Called after a landing file of this source was renamed into place (the cluster marks progress here)."""

    def flush(self, source_id: str) -> None:
        writer = self.writers.get(source_id)
        if writer is not None and writer.flush() is not None:
            self.flushed(source_id)

    def process_item(self, item: Any) -> Any:
        try:
            self._write(item.source_id, item)
        except (TypeError, ValueError) as exc:  # not serialisable: keep what can be kept
            self._quarantine(item, "pipeline", f"{type(exc).__name__}: {exc}")
        return item

    def item_error(self, item: Any, response: Any, spider: Spider, failure: Failure) -> None:
        """Another pipeline stage raised for this item: quarantine it instead of losing it."""
        self.item_errors += 1
        self._quarantine(item, "pipeline", f"{failure.type.__name__}: {failure.getErrorMessage()}")

    def _quarantine(self, item: Any, stage: str, error: str) -> None:
        record = _as_dict(item)
        source_id = getattr(item, "source_id", None) or (record or {}).get("source_id") or "unknown"
        url = getattr(item, "url", None) or (record or {}).get("url")
        self._write(
            source_id,
            QuarantineRecord(
                source_id=source_id, url=url, stage=stage, error=error[:2000], at=_now(),
                raw_sha256=(record or {}).get("raw_sha256"), record=record if record else {"repr": repr(item)[:10000]},
            )
        )

    def polled(self, spider: Spider | None) -> dict[str, SourceTally]:
        """The sources this run reports a poll for: every source of the crawl."""
        return dict(getattr(spider, "tally", None) or {})

    def close_spider(self, spider: Spider | None = None) -> None:
        spider = spider or (self.crawler.spider if self.crawler else None)
        for source_id, tally in self.polled(spider).items():
            self._write(
                source_id,
                PollRecord(
                    source_id=source_id, run_id=self.run_id, polled_at=self.started_at,
                    entry_ok=tally.entry_ok, entry_failed=tally.entry_failed, blocked=tally.blocked,
                    fetch_failed=tally.fetch_failed, articles=tally.articles, quarantined=tally.quarantined,
                    error=tally.errors[0][:500] if tally.errors else None,
                ),
            )
        self._flush_all_at_once()

    def _flush_all_at_once(self) -> None:
        """Every writer's last file, their fsyncs issued together (the raw pages they name are synced first)."""
        raw_store = getattr(self.crawler.spider if self.crawler else None, "raw_store", None)
        if isinstance(raw_store, RawStore):
            raw_store.sync()
        sources = list(self.writers)
        with ThreadPoolExecutor(max_workers=max(1, min(16, len(sources)))) as pool:
            written = list(pool.map(lambda source_id: self.writers[source_id].flush(), sources))
        for source_id, path in zip(sources, written, strict=True):
            if path is not None:
                self.flushed(source_id)
