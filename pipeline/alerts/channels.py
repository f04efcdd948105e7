"""Delivering one alert to one channel: the payload each service expects, its signature, the HTTP POST or the mail.

DingTalk and WeCom group robots and Feishu bots answer HTTP 200 with an error code in the JSON body when they refuse
a message; that counts as a failure like any non-2xx answer. Errors never carry the URL (it holds the token).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pipeline.alerts.config import Channel
from pipeline.alerts.messages import Message
from pipeline.report.mail import MailError, build_message, send

HTTP_TIMEOUT_SECONDS = 10.0


class DeliveryError(RuntimeError):
    """The channel did not accept the alert; the message is one line without secrets."""


@dataclass(frozen=True, kw_only=True)
class Outgoing(Message):
    """What one alert says (its message), as the channels need it, with the alert's id."""

    alert_id: str


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """Base64 of HMAC-SHA256 keyed by the secret over "timestamp\\nsecret" (DingTalk 加签)."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def feishu_sign(secret: str, timestamp_s: int) -> str:
    """Base64 of HMAC-SHA256 keyed by "timestamp\\nsecret" over an empty message (Feishu 签名校验)."""
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def webhook_signature(secret: str, timestamp_s: int, body: bytes) -> str:
    """X-Tracker-Signature: sha256=<hex HMAC-SHA256 of "timestamp." + body>."""
    return "sha256=" + hmac.new(secret.encode(), f"{timestamp_s}.".encode() + body, hashlib.sha256).hexdigest()


def with_query(url: str, extra: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = urlencode([*parse_qsl(parts.query, keep_blank_values=True), *extra.items()])
    return urlunsplit(parts._replace(query=query))


def dingtalk_request(channel: Channel, alert: Outgoing, now: float) -> tuple[str, dict[str, Any], dict[str, str]]:
    payload = {"msgtype": "text", "text": {"content": alert.text},
               "at": {"atMobiles": list(channel.mention_mobiles), "isAtAll": False}}
    url = channel.url or ""
    if channel.secret:
        stamp = int(now * 1000)
        url = with_query(url, {"timestamp": str(stamp), "sign": dingtalk_sign(channel.secret, stamp)})
    return url, payload, {}


def wecom_request(channel: Channel, alert: Outgoing, now: float) -> tuple[str, dict[str, Any], dict[str, str]]:
    payload = {"msgtype": "text", "text": {"content": alert.text,
                                           "mentioned_mobile_list": list(channel.mention_mobiles)}}
    return channel.url or "", payload, {}


def feishu_request(channel: Channel, alert: Outgoing, now: float) -> tuple[str, dict[str, Any], dict[str, str]]:
    payload: dict[str, Any] = {"msg_type": "text", "content": {"text": alert.text}}
    if channel.secret:
        stamp = int(now)
        payload = {"timestamp": str(stamp), "sign": feishu_sign(channel.secret, stamp), **payload}
    return channel.url or "", payload, {}


def webhook_request(channel: Channel, alert: Outgoing, now: float) -> tuple[str, dict[str, Any], dict[str, str]]:
    payload = {"alert_id": alert.alert_id, "title": alert.title, "text": alert.body, **alert.facts}
    headers = {}
    if channel.secret:
        stamp = int(now)
        headers = {"X-Tracker-Timestamp": str(stamp),
                   "X-Tracker-Signature": webhook_signature(channel.secret, stamp, encode(payload))}
    return channel.url or "", payload, headers


REQUESTS = {"dingtalk": dingtalk_request, "wecom": wecom_request, "feishu": feishu_request,
            "webhook": webhook_request}


def encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def post_json(url: str, payload: dict[str, Any], headers: dict[str, str]) -> bytes:
    request = urllib.request.Request(url, data=encode(payload), method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8", **headers})
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_SECONDS) as response:
            return response.read(1_000_000)
    except urllib.error.HTTPError as exc:
        raise DeliveryError(f"HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DeliveryError(f"cannot reach the service ({reason})") from None


def check_answer(kind: str, raw: bytes) -> None:
    """The robots' own verdict in the body: errcode (DingTalk, WeCom) or code / StatusCode (Feishu), 0 is success."""
    if kind == "webhook":
        return
    try:
        answer = json.loads(raw or b"{}")
    except json.JSONDecodeError:
        raise DeliveryError("the service answered with something that is not JSON") from None
    code = answer.get("errcode", answer.get("code", answer.get("StatusCode", 0)))
    if code not in (0, None):
        message = answer.get("errmsg") or answer.get("msg") or answer.get("StatusMessage") or ""
        raise DeliveryError(f"refused: code {code} {str(message)[:120]}".rstrip())


def deliver(channel: Channel, alert: Outgoing) -> None:
    """Send one alert; DeliveryError when the channel did not take it."""
    if channel.kind == "email":
        if channel.mail is None:
            raise DeliveryError("no SMTP settings")
        try:
            send(channel.mail, build_message(channel.mail, alert.title, alert.body, None, []))
        except MailError as exc:
            raise DeliveryError(str(exc)) from None
        return
    url, payload, headers = REQUESTS[channel.kind](channel, alert, time.time())
    check_answer(channel.kind, post_json(url, payload, headers))
