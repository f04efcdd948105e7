"""Polite Scrapy defaults for slow government servers. `tracker crawl` passes the run's own paths."""

BOT_NAME = "who-spoke-first"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

USER_AGENT = "who-spoke-first/0.1 (public-opinion response timeliness tracker; +https://example.org/who-spoke-first)"
ROBOTSTXT_OBEY = True

CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

DOWNLOAD_TIMEOUT = 30
DNS_TIMEOUT = 15
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 5
METAREFRESH_MAXDELAY = 10
URLLENGTH_LIMIT = 2048

# Only http and https: file, ftp, data and s3 handlers are off.
DOWNLOAD_HANDLERS = {"file": None, "ftp": None, "s3": None, "data": None}
# Non-public addresses (private, loopback, link-local, multicast, reserved) are refused at every
# request and redirect hop, and again at connect time, unless inside one of these CIDRs.
TRACKER_ALLOW_PRIVATE_NETWORKS: list[str] = []
TRACKER_MAX_RETRY_AFTER = 120.0
DNS_RESOLVER = "crawlers.middlewares.GuardedResolver"
DOWNLOADER_MIDDLEWARES = {
    "crawlers.middlewares.NetworkGuardMiddleware": 40,
    "crawlers.middlewares.RetryAfterMiddleware": 560,
    "crawlers.middlewares.ConditionalGetMiddleware": 570,
    # After decompression (590), before meta-refresh handling (580) reads the text.
    "crawlers.middlewares.BodyEncodingMiddleware": 585,
}
MEMUSAGE_ENABLED = True
MEMUSAGE_LIMIT_MB = 1024
MEMUSAGE_WARNING_MB = 768
CLOSESPIDER_TIMEOUT = 3600
EXTENSIONS = {
    "pipeline.core.progress.CrawlProgress": 500,
    # The limit on resident memory now, not the peak a parent process passed on (`crawlers.memusage`).
    "scrapy.extensions.memusage.MemoryUsage": None,
    "crawlers.memusage.ResidentMemoryUsage": 0,
}
TRACKER_PROGRESS_SECONDS = 10.0

ITEM_PIPELINES = {"crawlers.pipelines.LandingPipeline": 500}
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "ERROR"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"

# Set per run by crawlers.run: where landing files and raw pages go, and the run id.
TRACKER_LANDING_DIR = "data/landing"
TRACKER_RAW_DIR = "data/raw"
TRACKER_RUN_ID = ""
TRACKER_MAX_LIST_PAGES = 5
# Set by `tracker watch`: per-URL ETag / Last-Modified of list pages and feeds, for conditional GET.
TRACKER_VALIDATORS_FILE = ""

# Landing file format: "jsonl" (one crawl on one machine) or "parquet" (what cluster workers write by default),
# and records per landing file.
TRACKER_LANDING_FORMAT = "jsonl"
TRACKER_LANDING_CHUNK = 200

# Cluster (crawlers/cluster/), only when a Redis URL is set (`tracker worker --redis URL`): poll jobs and article
# requests are shared through Redis by any number of workers.
TRACKER_REDIS_URL = ""
TRACKER_WORKER_ID = ""
TRACKER_IDLE_EXIT = 0.0  # seconds both queues must stay empty before a worker exits (0: run until stopped)
TRACKER_CLAIM_SECONDS = 1800  # how long a worker's claim on an article lasts (a dead worker's claim runs out)
TRACKER_LANDING_FLUSH_SECONDS = 10.0  # a worker writes its buffered records at least this often
TRACKER_POLL_BATCH = 4  # poll jobs a worker takes at a time
TRACKER_POLL_BACKLOG = 64  # no new polls while the shared request queue is at least this long
