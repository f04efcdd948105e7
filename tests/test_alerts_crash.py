"""A `tracker alerts` process killed between sending an alert and recording it: the next run sends it at most once
more and says so; the run after that sends nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import alertworld
import pytest
from conftest import tracker

import db
from demo.receiver import Received, Receiver

pytestmark = pytest.mark.timeout(180)


def test_killed_between_sending_and_recording_sends_at_most_once_more(tmp_path: Path) -> None:
    database = alertworld.build(tmp_path / "tracker.duckdb", datetime.now(UTC))
    victim: list[subprocess.Popen[str]] = []

    def kill_sender(_: Received) -> None:
        if victim and victim[0].poll() is None:
            os.kill(victim[0].pid, signal.SIGKILL)  # the post arrived; the sender dies before it hears the answer

    with Receiver(on_receive=kill_sender) as receiver:
        config = tmp_path / "alerts.toml"
        config.write_text(f"""
[[route]]
region = "江南省临江市"
responsible = "临江市人民政府办公室"
channels = ["hook"]

[channel.hook]
kind = "webhook"
url = "{receiver.url('/hooks/tracker')}"
""", encoding="utf-8")
        command = [sys.executable, "-m", "pipeline.cli", "alerts", "--db", str(database), "--config", str(config)]
        victim.append(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        victim[0].communicate(timeout=120)
        assert victim[0].returncode == -signal.SIGKILL
        killed_on = receiver.received[0].body["alert_id"]
        with db.reader(database) as con:
            left = con.execute("select alert_id, status from alert_outbox order by alert_id").fetchall()
        assert {status for _, status in left} == {"sending"}  # both claimed, neither recorded

        victim.clear()
        rerun = tracker("alerts", "--db", str(database), "--config", str(config))
        last = tracker("alerts", "--db", str(database), "--config", str(config))
        ids = [r.body["alert_id"] for r in receiver.received]

    assert rerun.returncode == 0, rerun.stderr
    assert f"alert {killed_on} to hook: the last run stopped between sending it and recording that; it may have " \
           "arrived already, so it is sent once more" in rerun.stdout
    assert ids.count(killed_on) == 2  # once before the kill, once more after it
    assert all(ids.count(alert) <= 2 for alert in ids) and len(set(ids)) == 2
    assert "alerts: 0 new; 0 delivered, 0 failed, 0 waiting in the outbox" in last.stdout
    with db.reader(database) as con:
        rows = con.execute("select status, attempts, resent_after_interruption from alert_outbox").fetchall()
    assert rows == [("sent", 2, True)] * 2
