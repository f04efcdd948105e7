"""Redis connection, key names and ids of the cluster (the keys are listed in crawlers/cluster/__init__.py)."""

from __future__ import annotations

import hashlib
import os
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import redis

from crawlers.links import canonical_url

PREFIX = "tracker"
POLLS = f"{PREFIX}:polls"
REQUESTS = f"{PREFIX}:requests"
LANDED = f"{PREFIX}:landed"
DUPEFILTER = f"{PREFIX}:dupefilter"  # scrapy-redis's own fingerprint set: never written by ClusterDupeFilter
CYCLE_TTL_SECONDS = 6 * 3600  # a cycle is swept within its 30 minutes; at 150,000 sources each holds ~300 MB
REDIS_SCHEMES = ("redis", "rediss", "unix")
CYCLE_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
WORKER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.]{0,63}$")
DONE_PAGE_STATES = ("parsed", "failed")
HEARTBEAT_SECONDS = 15  # a worker not heard from for this long is dead: its claims on articles are void


class ClusterError(ValueError):
    """A problem with the cluster's Redis or its arguments; the message is one line."""


# --- connection and keys -------------------------------------------------------------------------------------------


def display_url(url: str) -> str:
    """The Redis URL with its password hidden."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def check_redis_url(url: str) -> str:
    if not isinstance(url, str) or urlsplit(url).scheme not in REDIS_SCHEMES:
        raise ClusterError(f"redis URL {url!r}: expected redis://HOST:PORT[/DB], rediss://... or unix://PATH")
    return url


def connect(url: str) -> redis.Redis:
    """A client (text replies) for the bookkeeping keys; ClusterError naming the URL when Redis does not answer."""
    check_redis_url(url)
    try:
        client = redis.Redis.from_url(url, decode_responses=True, socket_connect_timeout=5, socket_timeout=30)
        client.ping()
    except (redis.RedisError, ValueError, OSError) as exc:
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise ClusterError(f"redis at {display_url(url)}: cannot connect ({reason})") from None
    return client


@contextmanager
def redis_errors(url: str) -> Iterator[None]:
    """Turn a Redis failure in the middle of a command into one line naming the URL."""
    try:
        yield
    except redis.RedisError as exc:
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise ClusterError(f"redis at {display_url(url)}: {reason}") from None


def redis_now(client: Any) -> float:
    seconds, micros = client.time()
    return float(seconds) + float(micros) / 1e6


def article_key(url: str) -> str:
    return hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()  # a key, not a signature


def claim_key(key: str) -> str:
    return f"{PREFIX}:claim:{key}"


def worker_key(worker_id: str) -> str:
    """Present while the worker is alive: it renews the key every tick, and it expires soon after a kill."""
    return f"{PREFIX}:worker:{worker_id}"


def _cycle(cycle_id: str) -> str:
    return f"{PREFIX}:cycle:{cycle_id}"


def sources_key(cycle_id: str) -> str:
    return f"{_cycle(cycle_id)}:sources"


def source_key(cycle_id: str, source_id: str) -> str:
    return f"{_cycle(cycle_id)}:src:{source_id}"


def pages_key(cycle_id: str, source_id: str) -> str:
    return f"{_cycle(cycle_id)}:pages:{source_id}"


def listed_key(cycle_id: str, source_id: str) -> str:
    return f"{_cycle(cycle_id)}:listed:{source_id}"


def failed_key(cycle_id: str) -> str:
    return f"{_cycle(cycle_id)}:failed"


def new_cycle_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def check_cycle_id(cycle_id: str) -> str:
    if not CYCLE_ID.match(cycle_id or ""):
        raise ClusterError(f"cycle id {cycle_id!r}: use 1-64 letters, digits, '_', '.', ':' or '-'")
    return cycle_id


def default_worker_id() -> str:
    host = re.sub(r"[^A-Za-z0-9]+", "_", socket.gethostname()).strip("_")[:40] or "worker"
    return f"{host}_{os.getpid()}"


def check_worker_id(worker_id: str) -> str:
    if not WORKER_ID.match(worker_id or ""):
        raise ClusterError(f"worker id {worker_id!r}: use 1-64 letters, digits, '_' or '.', starting with a letter or digit")
    return worker_id


def queues_empty(client: Any) -> bool:
    return not client.llen(POLLS) and not client.zcard(REQUESTS)

