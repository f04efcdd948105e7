"""Run one crawl of a set of sources in this process and report what each source gave."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawlers import settings as default_settings
from crawlers.spiders.sources import SourcesSpider, SourceTally
from pipeline.sources import Source


@dataclass(frozen=True)
class CrawlReport:
    run_id: str
    tallies: dict[str, SourceTally]


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def crawl_settings(landing_dir: Path, raw_dir: Path, run_id: str, overrides: dict[str, Any] | None = None) -> Settings:
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    settings.update(
        {"TRACKER_LANDING_DIR": str(landing_dir), "TRACKER_RAW_DIR": str(raw_dir), "TRACKER_RUN_ID": run_id},
        priority="cmdline",
    )
    settings.update(overrides or {}, priority="cmdline")
    return settings


def crawl(
    sources: list[Source], landing_dir: Path, raw_dir: Path, overrides: dict[str, Any] | None = None
) -> CrawlReport:
    """Fetch every source once (list pages with pagination, feeds) into landing files. Blocks until done.

    Twisted's reactor cannot be restarted, so call this at most once per process.
    """
    run_id = new_run_id()
    settings = crawl_settings(landing_dir, raw_dir, run_id, overrides)
    process = CrawlerProcess(settings)
    # Unreachable pages are reported once per source, in one line, by the spider's errback.
    for name in ("scrapy.downloadermiddlewares.robotstxt", "scrapy.downloadermiddlewares.retry"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    crawler = process.create_crawler(SourcesSpider)
    process.crawl(
        crawler,
        sources=sources,
        raw_dir=str(raw_dir),
        max_list_pages=settings.getint("TRACKER_MAX_LIST_PAGES"),
    )
    process.start()
    spider = crawler.spider
    tallies = spider.tally if isinstance(spider, SourcesSpider) else {}
    return CrawlReport(run_id=run_id, tallies=tallies)
