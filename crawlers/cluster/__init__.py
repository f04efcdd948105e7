"""Distributed crawling on scrapy-redis: any number of workers share one frontier in Redis.

Used only when a Redis URL is configured (`TRACKER_REDIS_URL`, `tracker worker --redis URL`); without one the
crawler runs in one process exactly as before.

Why scrapy-redis and not Scrapyd nodes with sources partitioned by hash: a poll cycle must finish even when a worker
dies, and sources must not wait for one particular machine. With scrapy-redis the frontier (poll jobs and article
requests) lives in Redis, not in a worker, so it survives a worker's death, and any worker takes any source: adding or
losing a worker needs no re-partitioning. Scrapyd would give each node a fixed share that stalls when the node does.

scrapy-redis's known gaps, and what closes them here:
- fingerprints are added before download, so a failed or lost URL is never fetched again (rmax/scrapy-redis#177),
  and they never expire (#84, #144): `ClusterDupeFilter` counts an article as seen only when its record has LANDED
  (written to a landing file) or while a worker CLAIMS it (a key with a TTL, so a dead worker's claim runs out);
- list pages and feeds (and their pagination) are never filtered, so every poll fetches them again;
- popped requests have no acknowledgement: a killed worker's in-flight requests are lost. Each poll's progress is
  recorded in Redis, and `sweep` re-queues every source whose poll is overdue;
- requests are pickled into Redis: request meta holds only picklable values (the source id, not the `Source`;
  `ParsedTime` and `FeedEntry` dataclasses; strings);
- articles are also de-duplicated in the database by (source, URL), so a URL fetched twice is still one document.

Redis keys (Redis >= 6.2):
    tracker:polls                          LIST    poll jobs, JSON {"attempt", "cycle", "source_id"}; LPUSH, RPOP
    tracker:requests                       ZSET    the scrapy-redis scheduler queue (pickled requests)
    tracker:landed                         ZSET    article key -> when its record landed (kept TRACKER_LANDED_DAYS)
    tracker:claim:<key>                    STRING  the claiming worker's id; SET NX EX TRACKER_CLAIM_SECONDS
    tracker:worker:<id>                    STRING  a live worker's heartbeat (expires HEARTBEAT_SECONDS after it dies)
    tracker:cycle:<cycle>:sources          SET     the cycle's source ids
    tracker:cycle:<cycle>:src:<source>     HASH    job, attempts, expected, enqueued_at, taken_at, taken_by, progress_at,
                                                   and the current attempt's poll_attempt, polled_at, answered,
                                                   entry_ok, entry_failed, blocked, error (its poll record)
    tracker:cycle:<cycle>:pages:<source>   HASH    list page / feed URL -> queued | parsed | failed
    tracker:cycle:<cycle>:listed:<source>  SET     article URLs the source's pages listed
    tracker:cycle:<cycle>:failed           SET     article keys that failed or were filtered in this cycle
An article key is the SHA-1 of its canonical URL. Times are Redis server time (seconds), so machines' clocks agree.

Modules: `keys` (connection, key names, ids), `jobs` (poll jobs and the progress marks), `progress` (a cycle's
status), `sweep` (the sweeper), `claims` (the duplicate filter and scheduler), `spider` (the cluster spider),
`landing` (the worker's landing pipeline and its Scrapy settings).
"""
