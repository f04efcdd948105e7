"""Safety rules that need no server: schemes, non-public addresses (stub DNS), handlers, encodings, feedparser."""

import re
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.settings import Settings
from twisted.internet.error import DNSLookupError

from crawlers import settings as crawler_settings
from crawlers.middlewares import BodyEncodingMiddleware, GuardedResolver, NetworkPolicy, check_url
from crawlers.spiders.sources import utf8_feed
from pipeline.core.sources import SourceError, parse_sources

ROOT = Path(__file__).resolve().parents[1]
NO_PRIVATE = NetworkPolicy()


def stub(mapping: dict[str, list[str]]):
    def resolve(host: str, port: int) -> list[str]:
        if host not in mapping:
            raise OSError(f"stub: no such host {host}")
        return mapping[host]
    return resolve


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("file:///etc/passwd", "scheme 'file'"),
        ("/etc/passwd", "scheme '(none)'"),
        ("ftp://example.gov.cn/x", "scheme 'ftp'"),
        ("data:text/html,hi", "scheme 'data'"),
        ("http://10.0.0.5/", "private"),
        ("http://[::1]/", "loopback"),
        ("http://0x7f000001/", "loopback"),  # hex IP literal, read by the system resolver
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://100.64.1.1/", "shared (CGNAT)"),
        ("http://224.0.0.1/", "multicast"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://[fd00::1]/", "private"),
        ("http://240.0.0.1/", "reserved"),
        ("http://rebind.example/", "loopback"),  # a hostname resolving to 127.0.0.1 (stub DNS)
    ],
)
def test_non_public_and_non_http_urls_are_refused_before_any_socket(url: str, why: str) -> None:
    resolver = stub({"rebind.example": ["93.184.216.34", "127.0.0.1"]})

    def resolve(host: str, port: int) -> list[str]:
        if host == "rebind.example":
            return resolver(host, port)
        from crawlers.middlewares import resolve_host
        return resolve_host(host, port)

    refusal = check_url(url, NO_PRIVATE, resolve)
    assert refusal is not None and why in refusal


def test_public_hosts_pass_and_allowed_networks_pass() -> None:
    resolve = stub({"www.gov.cn": ["93.184.216.34"], "intranet.local": ["10.1.2.3"]})
    assert check_url("https://www.gov.cn/xinwen/", NO_PRIVATE, resolve) is None
    allow = NetworkPolicy.from_settings(Settings({"TRACKER_ALLOW_PRIVATE_NETWORKS": ["10.0.0.0/8"]}))
    assert check_url("http://intranet.local/", allow, resolve) is None
    assert "not http" in (check_url("file:///etc/passwd", allow, resolve) or "")


def test_dns_failure_is_a_lookup_error_not_a_pass() -> None:
    with pytest.raises(DNSLookupError):
        check_url("http://nowhere.invalid/", NO_PRIVATE, stub({}))


def test_connect_time_resolver_refuses_private_addresses() -> None:
    resolver = GuardedResolver.__new__(GuardedResolver)
    resolver.policy = NO_PRIVATE
    with pytest.raises(DNSLookupError, match="loopback"):
        resolver._checked("127.0.0.1", "rebind.example")
    assert resolver._checked("93.184.216.34", "www.gov.cn") == "93.184.216.34"


def test_registry_rejects_non_http_sources_with_a_clear_line() -> None:
    for url in ("file:///etc/passwd", "/etc/passwd", "ftp://example.gov.cn/"):
        with pytest.raises(SourceError, match=r"source 'bad-gov'.*not http or https"):
            parse_sources({"source": [{"id": "bad-gov", "name": "x", "kind": "official", "list_urls": [url]}]})


def test_only_http_handlers_and_the_guard_are_configured() -> None:
    handlers = crawler_settings.DOWNLOAD_HANDLERS
    assert all(handlers[scheme] is None for scheme in ("file", "ftp", "s3", "data"))
    assert "crawlers.middlewares.NetworkGuardMiddleware" in crawler_settings.DOWNLOADER_MIDDLEWARES
    assert crawler_settings.DNS_RESOLVER == "crawlers.middlewares.GuardedResolver"
    assert crawler_settings.TRACKER_ALLOW_PRIVATE_NETWORKS == []
    assert crawler_settings.REDIRECT_MAX_TIMES <= 5 and crawler_settings.DOWNLOAD_MAXSIZE <= 10 * 1024 * 1024


def test_meta_charset_and_bytes_beat_a_wrong_header_for_every_html_response() -> None:
    body = '<html><head><meta charset="gbk"><title>国务院新闻</title></head><body>政务公开</body></html>'.encode("gbk")
    response = HtmlResponse("http://example.gov.cn/", body=body, headers={"Content-Type": "text/html; charset=utf-8"},
                            request=Request("http://example.gov.cn/"))
    assert "\ufffd" in response.text  # what Scrapy alone does
    fixed = BodyEncodingMiddleware().process_response(response.request, response)
    assert "国务院新闻" in fixed.text and "\ufffd" not in fixed.text


def test_gbk_feed_labelled_utf8_is_re_encoded() -> None:
    body = '<?xml version="1.0" encoding="utf-8"?><rss><channel><item><title>国务院新闻</title></item></channel></rss>'
    fixed, headers = utf8_feed(body.encode("gbk"), {"content-type": "application/rss+xml; charset=utf-8"})
    assert "国务院新闻" in fixed.decode("utf-8") and headers["content-type"].endswith("charset=utf-8")
    good = body.encode("utf-8")
    assert utf8_feed(good, {"content-type": "application/rss+xml; charset=utf-8"})[0] is good


def test_feedparser_is_only_ever_given_bytes() -> None:
    """S4: feedparser must never fetch (it reads file:// and bare paths, and has no timeout)."""
    calls = []
    for folder in ("crawlers", "pipeline", "dashboard", "demo", "db"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            calls += [(path.name, m.group(1)) for m in re.finditer(r"feedparser\.parse\(\s*([^,)]*)", text)]
            assert not re.search(r"from feedparser import .*\bparse\b", text), path
    assert calls, "expected at least one feedparser.parse call"
    assert all(arg.startswith("BytesIO(") for _name, arg in calls), calls
