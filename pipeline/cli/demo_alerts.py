"""The demo's alerts round: `tracker alerts` on the demo database, delivered to a local receiver (demo/receiver.py)
standing in for a DingTalk group robot and a Feishu bot, both signed.

The demo's live event (demo.world.LIVE_EVENTS) was first reported 3 hours before the demo started; its clocks have
most of a day to run. The round reads the clocks as they will stand `READ_BEFORE_DEADLINE` before the first deadline
still running (the 24 h clock of the analyst's provincial rule), so that one is about to end with the default lead
time (a fifth of the clock). Tokens and secrets are made for the run and handed over in an environment mapping.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from pathlib import Path

import db
from demo.receiver import Receiver
from pipeline.alerts.config import load_config
from pipeline.alerts.messages import beijing
from pipeline.alerts.run import run_alerts
from pipeline.timeliness.clocks import open_clocks

READ_BEFORE_DEADLINE = timedelta(hours=4)
SERVICE_NAMES = {"dingtalk": "钉钉群机器人", "feishu": "飞书机器人", "wecom": "企业微信群机器人", "webhook": "JSON webhook"}

DEMO_ALERTS_TOML = """\
[alerts]
dashboard_url = "http://127.0.0.1:{port}"

[[route]]
source = "jn-gov"
responsible = "江南省人民政府办公厅 政务公开处（值班电话 025-8000 0000）"
channels = ["jn-dingtalk", "jn-feishu"]

[[route]]
region = "江南省临江市"
responsible = "临江市人民政府新闻办公室（值班电话 0518-8000 0000）"
channels = ["lj-dingtalk"]

[channel.jn-dingtalk]
kind = "dingtalk"
url_env = "DEMO_JN_DINGTALK_URL"
secret_env = "DEMO_JN_DINGTALK_SECRET"

[channel.jn-feishu]
kind = "feishu"
url_env = "DEMO_JN_FEISHU_URL"
secret_env = "DEMO_JN_FEISHU_SECRET"

[channel.lj-dingtalk]
kind = "dingtalk"
url_env = "DEMO_LJ_DINGTALK_URL"
secret_env = "DEMO_JN_DINGTALK_SECRET"
"""


def reading_time(db_path: Path, now: datetime) -> datetime | None:
    """READ_BEFORE_DEADLINE before the earliest deadline of a clock that is still running at `now`."""
    with db.reader(db_path) as con:
        running = [c.deadline for c in open_clocks(con, now) if c.status == "pending" and c.deadline > now]
    return min(running) - READ_BEFORE_DEADLINE if running else None


def alerts_round(db_path: Path, now: datetime, port: int) -> None:
    config_path = db_path.parent / "alerts.toml"
    config_path.write_text(DEMO_ALERTS_TOML.format(port=port), encoding="utf-8")
    keys = {"dingtalk": "SEC" + secrets.token_hex(16), "feishu": secrets.token_hex(16)}
    read_at = reading_time(db_path, now)
    if read_at is None:
        print("alerts round: no clock is running")
        return
    with Receiver(secrets=keys) as receiver:
        environ = {
            "DEMO_JN_DINGTALK_URL": receiver.url(f"/robot/send?access_token={secrets.token_hex(8)}"),
            "DEMO_LJ_DINGTALK_URL": receiver.url(f"/robot/send?access_token={secrets.token_hex(8)}"),
            "DEMO_JN_FEISHU_URL": receiver.url(f"/open-apis/bot/v2/hook/{secrets.token_hex(8)}"),
            "DEMO_JN_DINGTALK_SECRET": keys["dingtalk"], "DEMO_JN_FEISHU_SECRET": keys["feishu"],
        }
        config = load_config(config_path, environ)
        print(f"alerts round: clocks read at {beijing(read_at)} (Beijing time), "
              f"{READ_BEFORE_DEADLINE.total_seconds() / 3600:g} h before the first running deadline; "
              f"routes in {config_path}")
        report = run_alerts(db_path, config, now=read_at)
        received = list(receiver.received)
    for line in report.lines():
        print(line)
    for post in received:
        verdict = "accepted, signature checked" if post.accepted else f"refused: {post.answer}"
        print(f"received by the local {SERVICE_NAMES[post.service]} ({verdict}):")
        for line in post.text.splitlines():
            print(f"  {line}")
