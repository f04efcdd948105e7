"""The landing pipeline of a cluster worker, and the Scrapy settings that make a crawl a worker."""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

import redis
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from twisted.internet import task

from crawlers.cluster.jobs import Mark, apply_marks
from crawlers.cluster.keys import DUPEFILTER, REQUESTS
from crawlers.cluster.spider import ClusterSpider
from crawlers.pipelines import LandingPipeline, Writer
from crawlers.spiders.sources import SourceTally

logger = logging.getLogger(__name__)


class ClusterLandingPipeline(LandingPipeline):
    """The landing pipeline of a worker: marks progress in Redis only after the records behind it are in a landing
    file; flushes every `TRACKER_LANDING_FLUSH_SECONDS` and whenever the worker goes idle, so a killed worker loses
    only a short buffer. Each source's files start with its registry record, so the loader knows the source.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pending: dict[str, list[Mark]] = defaultdict(list)
        self.flush_seconds = 10.0
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClusterLandingPipeline:
        pipeline = super().from_crawler(crawler)
        assert isinstance(pipeline, ClusterLandingPipeline)
        pipeline.flush_seconds = crawler.settings.getfloat("TRACKER_LANDING_FLUSH_SECONDS", 10.0)
        crawler.signals.connect(pipeline.flush_all, signal=signals.spider_idle)
        return pipeline

    def open_spider(self, spider: Spider | None = None) -> None:
        if self.flush_seconds > 0:
            self.loop = task.LoopingCall(self.flush_all)
            self.loop.start(self.flush_seconds, now=False)

    def _spider(self) -> ClusterSpider | None:
        spider = self.crawler.spider if self.crawler else None
        return spider if isinstance(spider, ClusterSpider) else None

    def _writer(self, source_id: str) -> Writer:
        fresh = source_id not in self.writers
        writer = super()._writer(source_id)
        spider = self._spider()
        if fresh and spider is not None and source_id in spider.sources:
            from pipeline.core.sources import source_record

            if writer.write(source_record(spider.sources[source_id])) is not None:
                self.flushed(source_id)
        return writer

    def process_item(self, item: Any) -> Any:
        spider = self._spider()
        mark = spider.take_mark(item) if spider is not None else None
        if mark is not None:
            self.pending[mark.source_id].append(mark)  # before the write: the write may complete a file
        return super().process_item(item)

    def flushed(self, source_id: str) -> None:
        marks, self.pending[source_id] = self.pending[source_id], []
        spider = self._spider()
        if marks and spider is not None:
            try:
                apply_marks(spider.redis, marks)
            except redis.RedisError as exc:  # the records are on disk; the sweeper will poll the source again
                logger.error("worker %s: source %r: could not record progress in redis: %s", spider.worker_id,
                             source_id, (str(exc).splitlines() or ["error"])[0])

    def flush_all(self, spider: Spider | None = None) -> None:
        for source_id in list(self.writers):
            self.flush(source_id)

    def polled(self, spider: Spider | None) -> dict[str, SourceTally]:
        """None at close: a worker lands one poll record per poll job, when the job's entry pages have answered."""
        return {}

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        super().close_spider(spider)


def cluster_settings(redis_url: str, worker_id: str, idle_exit: float) -> dict[str, Any]:
    """Scrapy settings that turn a crawl into a cluster worker (the caller's `-s` overrides still win)."""
    return {
        "TRACKER_REDIS_URL": redis_url,
        "TRACKER_WORKER_ID": worker_id,
        "TRACKER_IDLE_EXIT": idle_exit,
        "REDIS_URL": redis_url,
        "SCHEDULER": "crawlers.cluster.claims.ClusterScheduler",
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_KEY": REQUESTS,
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_DUPEFILTER_KEY": DUPEFILTER,
        "DUPEFILTER_CLASS": "crawlers.cluster.claims.ClusterDupeFilter",
        "ITEM_PIPELINES": {"crawlers.cluster.landing.ClusterLandingPipeline": 500},
        "TRACKER_LANDING_FORMAT": "parquet",
        "CLOSESPIDER_TIMEOUT": 0,  # a worker runs until its queues stay empty (or it is stopped)
    }

