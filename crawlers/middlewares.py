"""Downloader safety and hygiene: which hosts may be fetched, Retry-After, and page encodings.

- `NetworkGuardMiddleware` refuses any request that is not http/https or whose host is (or resolves
  to) a private, loopback, link-local, multicast, reserved or otherwise non-public address, unless
  the address is inside `TRACKER_ALLOW_PRIVATE_NETWORKS`. Redirects come back through the
  downloader as new requests, so every hop is checked again.
- `GuardedResolver` applies the same rule to the address actually used for connecting, so a host
  that resolves to a public address for the check and a private one for the connection (DNS
  rebinding) is still refused.
- `RetryAfterMiddleware` honours a short `Retry-After` on 429/503 before RetryMiddleware retries.
- `ConditionalGetMiddleware` (for `tracker watch`) sends If-None-Match / If-Modified-Since.
- `BodyEncodingMiddleware` re-labels HTML whose HTTP charset is wrong, so `<meta charset>` and
  the bytes beat the header everywhere (`pipeline.extract.encoding.decode_html`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import os
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.resolver import CachingThreadedResolver
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred
from twisted.internet.error import DNSLookupError
from twisted.internet.threads import deferToThread

from pipeline.extract.encoding import decode_html, normalise_charset

ALLOWED_SCHEMES = frozenset({"http", "https"})
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolve = Callable[[str, int], list[str]]
MAX_RETRY_AFTER_SECONDS = 120.0


class RefusedAddress(IgnoreRequest):
    """A request refused by the network guard; the message says which address and why."""


@dataclass(frozen=True)
class NetworkPolicy:
    allowed: tuple[IPNetwork, ...] = ()

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> NetworkPolicy:
        return cls(parse_networks(settings.getlist("TRACKER_ALLOW_PRIVATE_NETWORKS")))

    def refusal(self, address: str) -> str | None:
        """Why this address may not be fetched, or None when it may."""
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return f"{address!r} is not an IP address"
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        if any(ip in network for network in self.allowed):
            return None
        kind = non_public_kind(ip)
        if kind is None:
            return None
        return f"address {ip} is {kind} (allow it with TRACKER_ALLOW_PRIVATE_NETWORKS)"


def parse_networks(values: Iterable[str]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(str(value).strip(), strict=False) for value in values if str(value).strip())


def non_public_kind(ip: IPAddress) -> str | None:
    """The kind of non-public address `ip` is, or None for a public address."""
    checks = (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("reserved", ip.is_reserved),
        ("shared (CGNAT)", isinstance(ip, ipaddress.IPv4Address) and ip in ipaddress.ip_network("100.64.0.0/10")),
        ("private", ip.is_private),
        ("not globally routable", not ip.is_global),
    )
    return next((kind for kind, hit in checks if hit), None)


def resolve_host(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (an IP literal in any form inet_aton accepts resolves to itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def check_url(url: str, policy: NetworkPolicy, resolve: Resolve = resolve_host) -> str | None:
    """Why `url` may not be fetched, or None. Resolves the host with `resolve` (blocking)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        return f"scheme {scheme or '(none)'!r} is not http or https"
    host = parts.hostname
    if not host:
        return "URL has no host"
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        return "URL has an invalid port"
    try:
        addresses = resolve(host, port)
    except OSError as exc:
        raise DNSLookupError(f"DNS lookup failed for {host}: {exc}") from exc
    if not addresses:
        raise DNSLookupError(f"DNS lookup for {host} gave no address")
    for address in addresses:
        refusal = policy.refusal(address)
        if refusal:
            return refusal
    return None


class NetworkGuardMiddleware:
    """Refuses non-http(s) URLs and non-public addresses at every request, redirects included."""

    def __init__(self, policy: NetworkPolicy, resolve: Resolve = resolve_host, dns_timeout: float = 15.0) -> None:
        self.policy = policy
        self.resolve = resolve
        self.dns_timeout = dns_timeout
        self.crawler: Crawler | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        guard = cls(NetworkPolicy.from_settings(crawler.settings),
                    dns_timeout=crawler.settings.getfloat("DNS_TIMEOUT", 15.0))
        guard.crawler = crawler
        return guard

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        lookup: Deferred[str | None] = deferToThread(check_url, request.url, self.policy, self.resolve)
        refusal = await asyncio.wait_for(asyncio.ensure_future(maybe_deferred_to_future(lookup)), self.dns_timeout)
        if refusal is None:
            return
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value("tracker/refused_address")
        raise RefusedAddress(f"refused: {refusal}")


class GuardedResolver(CachingThreadedResolver):
    """Scrapy's caching resolver that refuses to hand out non-public addresses for connecting."""

    policy = NetworkPolicy()

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: Any) -> Self:
        resolver = super().from_crawler(crawler, reactor)
        resolver.policy = NetworkPolicy.from_settings(crawler.settings)
        return resolver

    def getHostByName(self, name: str, timeout: Any = ()) -> Deferred[str]:
        return super().getHostByName(name, timeout).addCallback(self._checked, name)

    def _checked(self, address: str, name: str) -> str:
        refusal = self.policy.refusal(address)
        if refusal:
            raise DNSLookupError(f"{name}: refused: {refusal}")
        return address


class RetryAfterMiddleware:
    """Waits out a short `Retry-After` on 429 and 503 before RetryMiddleware schedules the retry."""

    def __init__(self, retry_codes: Iterable[int], max_wait: float = MAX_RETRY_AFTER_SECONDS) -> None:
        self.retry_codes = {429, 503} & set(retry_codes)
        self.max_wait = max_wait

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        return cls(settings.getlist("RETRY_HTTP_CODES"), settings.getfloat("TRACKER_MAX_RETRY_AFTER",
                                                                           MAX_RETRY_AFTER_SECONDS))

    async def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if response.status in self.retry_codes:
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
            if wait is not None and 0 < wait <= self.max_wait:
                await asyncio.sleep(wait)
        return response


def retry_after_seconds(value: bytes | None) -> float | None:
    """Seconds from a `Retry-After` header given in seconds; None for dates and junk."""
    if not value:
        return None
    try:
        return float(value.decode("latin-1").strip())
    except ValueError:
        return None


class BodyEncodingMiddleware:
    """HTML whose HTTP charset disagrees with its meta declaration and bytes is re-labelled."""

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if not isinstance(response, HtmlResponse) or not response.body:
            return response
        header = header_charset(response)
        _text, used = decode_html(response.body, header)
        if normalise_charset(header) == used or used == "ascii":
            return response
        return response.replace(encoding=used)


def header_charset(response: TextResponse | Response) -> str | None:
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


class ConditionalGetMiddleware:
    """Conditional GET for list pages and feeds: If-None-Match / If-Modified-Since from the last 200.

    Validators are kept per URL in the JSON file named by TRACKER_VALIDATORS_FILE (set by
    `tracker watch`); a 304 reaches the spider, which counts the page as fetched and unchanged.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.validators: dict[str, dict[str, str]] = _read_json(path)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        from scrapy import signals
        from scrapy.exceptions import NotConfigured

        path = crawler.settings.get("TRACKER_VALIDATORS_FILE")
        if not path:
            raise NotConfigured
        middleware = cls(Path(path))
        crawler.signals.connect(middleware.save, signal=signals.spider_closed)
        return middleware

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        known = self.validators.get(request.url) if request.meta.get("entry") else None
        if known and known.get("etag"):
            request.headers.setdefault(b"If-None-Match", known["etag"].encode("latin-1"))
        if known and known.get("last_modified"):
            request.headers.setdefault(b"If-Modified-Since", known["last_modified"].encode("latin-1"))

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if request.meta.get("entry") and response.status == 200:
            etag = response.headers.get(b"ETag")
            modified = response.headers.get(b"Last-Modified")
            if etag or modified:
                self.validators[request.url] = {
                    "etag": etag.decode("latin-1") if etag else "",
                    "last_modified": modified.decode("latin-1") if modified else "",
                }
        return response

    def save(self, spider: Spider | None = None) -> None:
        _write_json(self.path, self.validators)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)
