"""A small HTTP server on 127.0.0.1 for fault and bad-input tests: one reply recipe per path.

Every stall and stream is bounded (at most `MAX_HOLD_SECONDS`, and ends when the server stops),
so a test can never hang on it.

    with LoopbackServer({"/ok": Reply(body=b"hi"), "/slow": Reply(delay=5)}) as server:
        fetch(server.url("/ok"))
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

MAX_HOLD_SECONDS = 30.0


@dataclass(frozen=True)
class Hit:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic()


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds before the status line
    send_bytes: int | None = None  # send only this many body bytes ...
    then: str = "close"  # ... then "close", "reset" (TCP RST) or "stall" (hold the connection)
    content_length: int | None = None  # the Content-Length to announce (default: len(body))
    stream_chunk: bytes | None = None  # chunked body repeated until the client goes away
    no_reply: bool = False  # accept and never answer
    etag: str | None = None  # answer If-None-Match with 304


Route = Reply | Callable[[Hit, int], Reply]  # a callable gets the hit and how many times this path was hit


class _Handler(BaseHTTPRequestHandler):
    server: LoopbackServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
        reply = self.server.reply_for(hit)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._send(reply, hit)

    def _hold(self, seconds: float) -> None:
        self.server.stopping.wait(min(seconds, MAX_HOLD_SECONDS))

    def _send(self, reply: Reply, hit: Hit) -> None:
        if reply.no_reply:
            self._hold(MAX_HOLD_SECONDS)
            return
        if reply.delay:
            self._hold(reply.delay)
        if reply.etag and hit.headers.get("if-none-match") == reply.etag:
            self.send_response(304)
            self.send_header("ETag", reply.etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        if reply.etag:
            self.send_header("ETag", reply.etag)
            self.send_header("Cache-Control", "no-cache")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.stream_chunk is not None:
            self._stream(reply.stream_chunk)
            return
        self.send_header("Content-Length", str(reply.content_length if reply.content_length is not None
                                               else len(reply.body)))
        self.end_headers()
        if reply.send_bytes is None:
            self.wfile.write(reply.body)
            return
        self.wfile.write(reply.body[: reply.send_bytes])
        self.wfile.flush()
        if reply.then == "stall":
            self._hold(MAX_HOLD_SECONDS)
        elif reply.then == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True

    def _stream(self, chunk: bytes) -> None:
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        deadline = time.monotonic() + MAX_HOLD_SECONDS
        frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
        while time.monotonic() < deadline and not self.server.stopping.is_set():
            self.wfile.write(frame)
        self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        pass


class LoopbackServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = dict(routes or {})
        self.hits: list[Hit] = []
        self.counts: dict[str, int] = {}
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def reply_for(self, hit: Hit) -> Reply:
        with self.lock:
            self.hits.append(hit)
            count = self.counts[hit.path] = self.counts.get(hit.path, 0) + 1
        route = self.routes.get(hit.path)
        if route is None:
            return Reply(status=404, body=b"<html><body>404</body></html>")
        return route(hit, count) if callable(route) else route

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that give up (timeouts, size limits) are part of the tests

    def hits_for(self, path: str) -> list[Hit]:
        with self.lock:
            return [hit for hit in self.hits if hit.path == path]

    def start(self) -> Self:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def gzip_bomb(size: int = 50 * 1024 * 1024) -> bytes:
    """`size` zero bytes, gzip-compressed (about 50 KB for 50 MiB)."""
    return gzip.compress(b"\0" * size, compresslevel=9, mtime=0)


def brotli_bomb(size: int = 50 * 1024 * 1024) -> bytes:
    """`size` zero bytes, brotli-compressed (a few KB)."""
    import brotli

    return brotli.compress(b"\0" * size, quality=5)


def list_page(title: str, links: list[tuple[str, str, str]], charset: str = "utf-8") -> str:
    """A column page: (href, headline, date) per item, in a list the link finder recognises."""
    items = "".join(f'<li><a href="{href}">{text}</a><span>{date}</span></li>' for href, text, date in links)
    return (f'<html><head><meta charset="{charset}"><title>{title}</title></head><body>'
            f'<div class="list"><ul>{items}</ul></div></body></html>')


def article_page(title: str, body: str, published: str, charset: str = "utf-8", source: str = "") -> str:
    origin = f"<span>来源：{source}</span>" if source else ""
    return (f'<html><head><meta charset="{charset}"><title>{title}</title>'
            f'<meta name="PubDate" content="{published}"></head><body><div class="article"><h1>{title}</h1>'
            f'<div class="info">发布时间：{published} {origin}</div>'
            f'<div class="content"><p>{body}</p></div></div></body></html>')


def rss(items: list[dict[str, str]], encoding: str = "utf-8", prolog_encoding: str | None = None) -> bytes:
    """An RSS 2.0 document; each item may have title, link, guid, pubDate, description, content."""
    entries = []
    for item in items:
        parts = [f"<{key}>{item[key]}</{key}>" for key in ("title", "link", "guid", "pubDate", "description")
                 if key in item]
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        entries.append("<item>" + "".join(parts) + "</item>")
    declared = prolog_encoding or encoding
    text = (f'<?xml version="1.0" encoding="{declared}"?>'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            "<title>feed</title><link>http://127.0.0.1/</link><description>d</description>"
            + "".join(entries) + "</channel></rss>")
    return text.encode(encoding)
