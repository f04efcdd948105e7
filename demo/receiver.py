"""A local stand-in for the services alerts go to, on 127.0.0.1: it takes DingTalk and WeCom group-robot posts,
Feishu bot posts and plain JSON webhooks at the paths those services use, checks them as the services do (the
access token or key, the payload shape, the HMAC-SHA256 signature and its timestamp) and records what arrived.

    with Receiver(secrets={"dingtalk": "SEC..."}) as receiver:
        url = receiver.url("/robot/send?access_token=abc")

`fail_first` answers the first N posts with HTTP 503 (a service that is down); `on_receive` is called with each
post after it is recorded and before it is answered.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

SIGNATURE_WINDOW_SECONDS = 3600  # both DingTalk and Feishu refuse a timestamp more than an hour off


@dataclass(frozen=True)
class Received:
    service: str  # dingtalk | wecom | feishu | webhook
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: dict[str, Any]
    status: int
    answer: dict[str, Any]

    @property
    def accepted(self) -> bool:
        return self.status == 200 and self.answer.get("errcode", self.answer.get("code", 0)) == 0

    @property
    def text(self) -> str:
        """The message text, wherever the service's payload keeps it."""
        if self.service == "feishu":
            return str(self.body.get("content", {}).get("text", ""))
        if self.service == "webhook":
            return f"{self.body.get('title', '')}\n{self.body.get('text', '')}"
        return str(self.body.get("text", {}).get("content", ""))


def service_of(path: str) -> str:
    if path.startswith("/robot/send"):
        return "dingtalk"
    if path.startswith("/cgi-bin/webhook/send"):
        return "wecom"
    if path.startswith("/open-apis/bot/v2/hook/"):
        return "feishu"
    return "webhook"


def _b64_hmac(key: bytes, message: bytes) -> str:
    return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()


def _fresh(stamp: float) -> bool:
    return abs(time.time() - stamp) <= SIGNATURE_WINDOW_SECONDS


def check_dingtalk(query: dict[str, str], body: dict[str, Any], secret: str | None) -> dict[str, Any]:
    if not query.get("access_token"):
        return {"errcode": 300001, "errmsg": "token is not exist"}
    if secret is not None:
        stamp, sign = query.get("timestamp", ""), query.get("sign", "")
        if not stamp.isdigit() or not _fresh(int(stamp) / 1000):
            return {"errcode": 310000, "errmsg": "invalid timestamp"}
        if not hmac.compare_digest(sign, _b64_hmac(secret.encode(), f"{stamp}\n{secret}".encode())):
            return {"errcode": 310000, "errmsg": "sign not match"}
    if body.get("msgtype") != "text" or not isinstance(body.get("text", {}).get("content"), str):
        return {"errcode": 40035, "errmsg": "缺少参数 json"}
    return {"errcode": 0, "errmsg": "ok"}


def check_wecom(query: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    if not query.get("key"):
        return {"errcode": 93000, "errmsg": "invalid webhook url"}
    if body.get("msgtype") != "text" or not isinstance(body.get("text", {}).get("content"), str):
        return {"errcode": 40008, "errmsg": "invalid message type"}
    return {"errcode": 0, "errmsg": "ok"}


def check_feishu(body: dict[str, Any], secret: str | None) -> dict[str, Any]:
    if secret is not None:
        stamp, sign = str(body.get("timestamp", "")), str(body.get("sign", ""))
        expected = _b64_hmac(f"{stamp}\n{secret}".encode(), b"")
        if not stamp.isdigit() or not _fresh(int(stamp)) or not hmac.compare_digest(sign, expected):
            return {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}
    if body.get("msg_type") != "text" or not isinstance(body.get("content", {}).get("text"), str):
        return {"code": 9499, "msg": "Bad Request"}
    return {"code": 0, "msg": "success", "data": {}}


def check_webhook(headers: dict[str, str], raw: bytes, secret: str | None) -> tuple[int, dict[str, Any]]:
    if secret is not None:
        stamp = headers.get("x-tracker-timestamp", "")
        expected = "sha256=" + hmac.new(secret.encode(), f"{stamp}.".encode() + raw, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(headers.get("x-tracker-signature", ""), expected):
            return 401, {"ok": False, "error": "bad signature"}
    return 200, {"ok": True}


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            body = {}
        service = service_of(parts.path)
        status, answer = self.server.owner.judge(service, query, headers, body, raw)
        received = Received(service, parts.path, query, headers, body, status, answer)
        self.server.owner.record(received)
        reply = json.dumps(answer, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, format: str, *args: Any) -> None:
        return


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: Receiver


@dataclass
class Receiver:
    secrets: dict[str, str] = field(default_factory=dict)  # per service: dingtalk, feishu, webhook
    fail_first: int = 0
    on_receive: Callable[[Received], None] | None = None
    received: list[Received] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: _Server | None = None
    _thread: threading.Thread | None = None

    def judge(self, service: str, query: dict[str, str], headers: dict[str, str], body: dict[str, Any],
              raw: bytes) -> tuple[int, dict[str, Any]]:
        with self._lock:
            if len(self.received) < self.fail_first:
                return 503, {"error": "service unavailable"}
        if service == "dingtalk":
            return 200, check_dingtalk(query, body, self.secrets.get("dingtalk"))
        if service == "wecom":
            return 200, check_wecom(query, body)
        if service == "feishu":
            return 200, check_feishu(body, self.secrets.get("feishu"))
        return check_webhook(headers, raw, self.secrets.get("webhook"))

    def record(self, received: Received) -> None:
        with self._lock:
            self.received.append(received)
        if self.on_receive is not None:
            self.on_receive(received)

    def start(self) -> Self:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def url(self, path: str) -> str:
        assert self._server is not None, "start() first"
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def accepted(self) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.accepted]

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
