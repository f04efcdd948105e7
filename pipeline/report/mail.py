"""Mail the weekly digest through SMTP.

Settings come from a TOML file (`[smtp]` with host, port, user, password, from, to, starttls) and are overridden by
the environment: TRACKER_SMTP_HOST, _PORT, _USER, _PASSWORD, _FROM, _TO (comma-separated), _STARTTLS (1/0).
"""

from __future__ import annotations

import mimetypes
import smtplib
import ssl
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

ENV_PREFIX = "TRACKER_SMTP_"
ATTACHED_SUFFIXES: tuple[str, ...] = (".pdf", ".docx", ".html", ".md")
MIME_TYPES: dict[str, str] = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
SMTP_TIMEOUT_SECONDS = 60


class MailError(ValueError):
    """Mail settings are missing or wrong; the message says which."""


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    sender: str
    recipients: tuple[str, ...]
    user: str | None = None
    password: str | None = None
    starttls: bool = True


def _flag(value: Any) -> bool:
    return value if isinstance(value, bool) else str(value).strip().lower() in ("1", "true", "yes", "on")


def load_settings(environ: Mapping[str, str], config: Path | None = None) -> MailSettings:
    """Settings from `config` (if given) overridden by TRACKER_SMTP_* variables."""
    values: dict[str, Any] = {}
    if config is not None:
        try:
            values.update(tomllib.loads(config.read_text(encoding="utf-8")).get("smtp", {}))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise MailError(f"{config}: cannot read mail settings ({exc})") from None
    for key in ("host", "port", "user", "password", "from", "to", "starttls"):
        if f"{ENV_PREFIX}{key.upper()}" in environ:
            values[key] = environ[f"{ENV_PREFIX}{key.upper()}"]
    recipients = values.get("to", [])
    if isinstance(recipients, str):
        recipients = [r.strip() for r in recipients.split(",") if r.strip()]
    missing = [name for name in ("host", "from") if not values.get(name)] + ([] if recipients else ["to"])
    if missing:
        raise MailError(
            f"mail settings missing: {', '.join(missing)} (set {ENV_PREFIX}HOST/FROM/TO or [smtp] in a file)"
        )
    try:
        port = int(values.get("port", 587))
    except ValueError:
        raise MailError(f"mail port {values.get('port')!r} is not a number") from None
    return MailSettings(
        host=str(values["host"]),
        port=port,
        sender=str(values["from"]),
        recipients=tuple(str(r) for r in recipients),
        user=str(values["user"]) if values.get("user") else None,
        password=str(values["password"]) if values.get("password") else None,
        starttls=_flag(values.get("starttls", True)),
    )


def build_message(
    settings: MailSettings, subject: str, text: str, html: str | None, files: Sequence[Path]
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for path in files:
        kind = MIME_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
        maintype, subtype = (kind or "application/octet-stream").split("/", 1)
        message.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype, filename=path.name)
    return message


def send(settings: MailSettings, message: EmailMessage) -> None:
    """Deliver through the SMTP server; MailError with one line when it refuses or cannot be reached."""
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.user:
                smtp.login(settings.user, settings.password or "")
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"mail to {settings.host}:{settings.port} failed: {exc}") from None


def send_digest(settings: MailSettings, paths: Sequence[Path]) -> None:
    """Mail one written digest: the Markdown as text, the HTML as the rich part, the PDF, Word, HTML and Markdown
    files attached."""
    markdown = next(p for p in paths if p.suffix == ".md")
    html = next((p for p in paths if p.suffix == ".html"), None)
    attachments = [p for p in paths if p.suffix in ATTACHED_SUFFIXES]
    text = markdown.read_text(encoding="utf-8")
    subject = text.splitlines()[0].lstrip("# ").replace("\\", "")
    body_html = html.read_text(encoding="utf-8") if html is not None else None
    send(settings, build_message(settings, subject, text, body_html, attachments))
