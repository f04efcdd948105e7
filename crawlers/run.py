"""Run one crawl of a set of sources in this process and report what each source gave.

With a Redis URL (`run_worker`, or `TRACKER_REDIS_URL` among a crawl's settings) the process is a cluster worker
instead: it takes poll jobs and article requests from Redis (crawlers/cluster.py).
"""

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
from pipeline.core.sources import Source


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
    redis_url = (overrides or {}).get("TRACKER_REDIS_URL")
    if redis_url:  # one cycle of these sources through the cluster, this process its (first) worker
        from crawlers.cluster.jobs import enqueue_cycle
        from crawlers.cluster.keys import connect, default_worker_id, new_cycle_id

        enqueue_cycle(connect(str(redis_url)), sources, new_cycle_id())
        idle_exit = float((overrides or {}).get("TRACKER_IDLE_EXIT") or 5.0)
        return run_worker(sources, landing_dir, raw_dir, str(redis_url), default_worker_id(), idle_exit,
                          {"TRACKER_LANDING_FORMAT": "jsonl", **(overrides or {})})
    run_id = new_run_id()
    settings = crawl_settings(landing_dir, raw_dir, run_id, overrides)
    return _run_spider(SourcesSpider, settings, run_id, sources, raw_dir)


def run_worker(
    sources: list[Source], landing_dir: Path, raw_dir: Path, redis_url: str, worker_id: str, idle_exit: float,
    overrides: dict[str, Any] | None = None,
) -> CrawlReport:
    """Be one cluster worker until both Redis queues have been empty for `idle_exit` seconds (0: until stopped).

    Writes Parquet landing files unless `TRACKER_LANDING_FORMAT` says otherwise. Blocks; once per process.
    """
    from crawlers.cluster.keys import check_worker_id, connect
    from crawlers.cluster.landing import cluster_settings
    from crawlers.cluster.spider import ClusterSpider

    check_worker_id(worker_id)
    connect(redis_url)  # a Redis that does not answer stops here, in one line
    run_id = new_run_id()
    settings = crawl_settings(landing_dir, raw_dir, run_id, {**cluster_settings(redis_url, worker_id, idle_exit),
                                                              **(overrides or {})})
    return _run_spider(
        ClusterSpider, settings, run_id, sources, raw_dir,
        redis_url=redis_url,
        worker_id=worker_id,
        poll_batch=settings.getint("TRACKER_POLL_BATCH", 4),
        poll_backlog=settings.getint("TRACKER_POLL_BACKLOG", 64),
        idle_exit=float(settings.getfloat("TRACKER_IDLE_EXIT", idle_exit)),
    )


def _run_spider(spider_class: type[SourcesSpider], settings: Settings, run_id: str, sources: list[Source],
                raw_dir: Path, **spider_args: Any) -> CrawlReport:
    """Build the one CrawlerProcess of this process, run the spider to its end, and report its tallies."""
    process = CrawlerProcess(settings)
    _quiet_fetch_logs()
    crawler = process.create_crawler(spider_class)
    process.crawl(crawler, sources=sources, raw_dir=str(raw_dir),
                  max_list_pages=settings.getint("TRACKER_MAX_LIST_PAGES"), **spider_args)
    process.start()
    spider = crawler.spider
    tallies = dict(spider.tally) if isinstance(spider, SourcesSpider) else {}
    return CrawlReport(run_id=run_id, tallies=tallies)


def _quiet_fetch_logs() -> None:
    # Unreachable pages are reported once per source, in one line, by the spider's errback.
    for name in ("scrapy.downloadermiddlewares.robotstxt", "scrapy.downloadermiddlewares.retry"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
