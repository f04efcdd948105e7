"""`tracker digest --send` against an SMTP server on 127.0.0.1 started inside the test; the schedule's timing."""

from __future__ import annotations

import email
import socketserver
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from email.message import Message
from pathlib import Path

import dbfactory
import pytest
from conftest import tracker

from pipeline.report.mail import MailError, load_settings
from pipeline.report.schedule import Timetable, due_digest, parse_every, parse_weekday, run_schedule
from pipeline.report.week import SHANGHAI


class SmtpSink(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) to accept one message: EHLO, MAIL, RCPT, DATA, QUIT."""

    received: list[tuple[str, list[str], bytes]]

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode("ascii") + b"\r\n")

    def handle(self) -> None:
        sender, recipients = "", []
        self.reply("220 sink ready")
        while line := self.rfile.readline():
            verb = line[:4].decode("ascii", "replace").upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 sink")
            elif verb == "MAIL":
                sender = line.decode().split(":", 1)[1].strip()
                self.reply("250 ok")
            elif verb == "RCPT":
                recipients.append(line.decode().split(":", 1)[1].strip())
                self.reply("250 ok")
            elif verb == "DATA":
                self.reply("354 end with .")
                body = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    body += chunk[1:] if chunk.startswith(b"..") else chunk
                self.server.received.append((sender, recipients, body))  # type: ignore[attr-defined]
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


@pytest.fixture
def smtp_server() -> Iterator[socketserver.ThreadingTCPServer]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SmtpSink)
    server.received = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_digest_is_mailed_with_attachments(
    smtp_server: socketserver.ThreadingTCPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = dbfactory.build(tmp_path / "tracker.duckdb")
    monkeypatch.setenv("TRACKER_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TRACKER_SMTP_PORT", str(smtp_server.server_address[1]))
    monkeypatch.setenv("TRACKER_SMTP_FROM", "digest@example.cn")
    monkeypatch.setenv("TRACKER_SMTP_TO", "press@example.cn, leader@example.cn")
    monkeypatch.setenv("TRACKER_SMTP_STARTTLS", "0")
    result = tracker("digest", "--week", "2024-W10", "--db", str(database), "--out", str(tmp_path / "out"), "--send")
    assert result.returncode == 0, result.stderr
    assert "mailed to press@example.cn, leader@example.cn" in result.stdout
    ((sender, recipients, raw),) = smtp_server.received  # type: ignore[attr-defined]
    assert sender == "<digest@example.cn>"
    assert recipients == ["<press@example.cn>", "<leader@example.cn>"]
    message: Message = email.message_from_bytes(raw)
    assert str(email.header.make_header(email.header.decode_header(message["Subject"]))) == (
        "谁先发声 · 政务舆情回应时效周报 2024-W10"
    )
    attachments = {part.get_filename(): part.get_payload(decode=True) for part in message.walk() if part.get_filename()}
    assert set(attachments) == {
        "digest-2024-W10.md",
        "digest-2024-W10.html",
        "digest-2024-W10.pdf",
        "digest-2024-W10.docx",
    }
    assert attachments["digest-2024-W10.pdf"] == (tmp_path / "out" / "digest-2024-W10.pdf").read_bytes()
    assert attachments["digest-2024-W10.docx"] == (tmp_path / "out" / "digest-2024-W10.docx").read_bytes()
    (word,) = [part for part in message.walk() if part.get_filename() == "digest-2024-W10.docx"]
    assert word.get_content_type() == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_settings_from_file_and_environment(tmp_path: Path) -> None:
    config = tmp_path / "mail.toml"
    config.write_text('[smtp]\nhost = "smtp.example.cn"\nport = 465\nfrom = "a@example.cn"\nto = ["b@example.cn"]\n')
    settings = load_settings({"TRACKER_SMTP_PORT": "2525"}, config)
    assert (settings.host, settings.port, settings.recipients, settings.starttls) == (
        "smtp.example.cn",
        2525,
        ("b@example.cn",),
        True,
    )
    with pytest.raises(MailError, match="missing: host, from, to"):
        load_settings({}, None)


def test_send_without_settings_is_one_line(tmp_path: Path) -> None:
    database = dbfactory.build(tmp_path / "tracker.duckdb")
    result = tracker("digest", "--week", "2024-W10", "--db", str(database), "--out", str(tmp_path), "--send")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "mail settings missing" in result.stderr


def test_schedule_timetable(tmp_path: Path) -> None:
    assert parse_every("30m") == timedelta(minutes=30) and parse_every("2h") == timedelta(hours=2)
    assert parse_weekday("Mon") == 0
    table = Timetable(timedelta(minutes=30), digest_weekday=0, digest_hour=8)
    monday = datetime(2024, 3, 11, 9, 0, tzinfo=SHANGHAI)
    assert due_digest(monday, table, tmp_path) == "2024-W10"
    assert due_digest(monday.replace(hour=7), table, tmp_path) is None
    assert due_digest(monday + timedelta(days=1), table, tmp_path) is None
    (tmp_path / "digest-2024-W10.md").write_text("done")
    assert due_digest(monday, table, tmp_path) is None

    calls: list[str] = []
    run_schedule(table, tmp_path / "new", lambda: calls.append("cycle"), calls.append, once=True, clock=lambda: monday)
    assert calls == ["cycle", "2024-W10"]

    def failing() -> None:
        raise RuntimeError("network down")

    assert run_schedule(table, tmp_path / "new", failing, calls.append, once=True, clock=lambda: monday) == 0
    assert calls[-1] == "2024-W10"  # the digest still ran after a failed crawl
