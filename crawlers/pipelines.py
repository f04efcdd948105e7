"""Item pipeline: every record goes to its source's landing file. Nothing here opens the database.

An item that any pipeline stage fails on is not lost: `item_error` writes it, with the error, as a
quarantine record to the same landing file, and `tracker replay` can load it later. At close, each
source gets one poll record (what was fetched, what failed) for source health.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from twisted.python.failure import Failure

from crawlers.landing import LandingWriter, PollRecord, QuarantineRecord


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _as_dict(item: Any) -> dict[str, Any] | None:
    if is_dataclass(item) and not isinstance(item, type):
        return asdict(item)
    return dict(item) if isinstance(item, dict) else None


class LandingPipeline:
    def __init__(self, directory: Path, run_id: str, started_at: str | None = None) -> None:
        self.directory = directory
        self.run_id = run_id
        self.started_at = started_at or _now()
        self.writers: dict[str, LandingWriter] = {}
        self.item_errors = 0
        self.crawler: Crawler | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LandingPipeline:
        settings = crawler.settings
        pipeline = cls(Path(settings.get("TRACKER_LANDING_DIR")), settings.get("TRACKER_RUN_ID"))
        pipeline.crawler = crawler
        crawler.signals.connect(pipeline.item_error, signal=signals.item_error)
        return pipeline

    def _writer(self, source_id: str) -> LandingWriter:
        writer = self.writers.get(source_id)
        if writer is None:
            writer = self.writers[source_id] = LandingWriter(self.directory, self.run_id, source_id)
        return writer

    def process_item(self, item: Any) -> Any:
        writer = self._writer(item.source_id)
        try:
            writer.write(item)
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
        self._writer(source_id).write(
            QuarantineRecord(
                source_id=source_id, url=url, stage=stage, error=error[:2000], at=_now(),
                raw_sha256=(record or {}).get("raw_sha256"), record=record if record else {"repr": repr(item)[:10000]},
            )
        )

    def close_spider(self, spider: Spider | None = None) -> None:
        spider = spider or (self.crawler.spider if self.crawler else None)
        for source_id, tally in (getattr(spider, "tally", None) or {}).items():
            self._writer(source_id).write(
                PollRecord(
                    source_id=source_id, run_id=self.run_id, polled_at=self.started_at,
                    entry_ok=tally.entry_ok, entry_failed=tally.entry_failed, blocked=tally.blocked,
                    fetch_failed=tally.fetch_failed, articles=tally.articles, quarantined=tally.quarantined,
                    error=tally.errors[0][:500] if tally.errors else None,
                )
            )
        for writer in self.writers.values():
            writer.flush()
