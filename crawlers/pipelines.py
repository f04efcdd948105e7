"""Item pipeline: every record goes to its source's landing file. Nothing here opens the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler

from crawlers.landing import LandingWriter


class LandingPipeline:
    def __init__(self, directory: Path, run_id: str) -> None:
        self.directory = directory
        self.run_id = run_id
        self.writers: dict[str, LandingWriter] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LandingPipeline:
        settings = crawler.settings
        return cls(Path(settings.get("TRACKER_LANDING_DIR")), settings.get("TRACKER_RUN_ID"))

    def process_item(self, item: Any) -> Any:
        source_id = item.source_id
        writer = self.writers.get(source_id)
        if writer is None:
            writer = self.writers[source_id] = LandingWriter(self.directory, self.run_id, source_id)
        writer.write(item)
        return item

    def close_spider(self, spider: Spider | None = None) -> None:
        for writer in self.writers.values():
            writer.flush()
