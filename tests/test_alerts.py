"""`tracker alerts` against a real HTTP receiver on 127.0.0.1 (demo/receiver.py, which checks tokens, payload shapes
and signatures as DingTalk, WeCom and Feishu do) and a real SMTP server on 127.0.0.1; the signatures are checked
again here, from the services' documented algorithms."""

from __future__ import annotations

import base64
import email
import email.header
import hashlib
import hmac
import socketserver
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import alertworld
import pytest
from conftest import tracker
from test_mail import SmtpSink

import db
from demo.receiver import Receiver
from pipeline.alerts.config import load_config
from pipeline.alerts.run import run_alerts

pytestmark = pytest.mark.timeout(180)

SECRETS = {"dingtalk": "SECdingtalk-test-secret", "feishu": "feishu-test-secret", "webhook": "hook-test-secret"}


@pytest.fixture
def smtp() -> Iterator[socketserver.ThreadingTCPServer]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SmtpSink)
    server.received = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def write_config(tmp_path: Path, receiver: Receiver, monkeypatch: pytest.MonkeyPatch, smtp_port: int) -> Path:
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "wecom.url").write_text(receiver.url("/cgi-bin/webhook/send?key=wecom-key-123") + "\n")
    (secrets / "feishu.secret").write_text(SECRETS["feishu"])
    monkeypatch.setenv("LJ_DINGTALK_URL", receiver.url("/robot/send?access_token=ding-token-456"))
    monkeypatch.setenv("LJ_DINGTALK_SECRET", SECRETS["dingtalk"])
    monkeypatch.setenv("LJ_FEISHU_URL", receiver.url("/open-apis/bot/v2/hook/feishu-token-789"))
    monkeypatch.setenv("LJ_HOOK_SECRET", SECRETS["webhook"])
    for name, value in (("HOST", "127.0.0.1"), ("PORT", str(smtp_port)), ("FROM", "alerts@example.cn"),
                        ("STARTTLS", "0")):
        monkeypatch.setenv(f"TRACKER_SMTP_{name}", value)
    config = tmp_path / "alerts.toml"
    config.write_text(f"""
[alerts]
dashboard_url = "http://dash.example.cn:8501"

[[route]]
region = "江南省临江市"
responsible = "临江市政府新闻办 值班室"
channels = ["ding", "wecom", "feishu", "hook", "mail"]

[channel.ding]
kind = "dingtalk"
url_env = "LJ_DINGTALK_URL"
secret_env = "LJ_DINGTALK_SECRET"
mention_mobiles = ["13800000000"]

[channel.wecom]
kind = "wecom"
url_file = "{secrets / 'wecom.url'}"

[channel.feishu]
kind = "feishu"
url_env = "LJ_FEISHU_URL"
secret_file = "{secrets / 'feishu.secret'}"

[channel.hook]
kind = "webhook"
url = "{receiver.url('/hooks/tracker')}"
secret_env = "LJ_HOOK_SECRET"

[channel.mail]
kind = "email"
to = ["press@linjiang.example.cn"]
""", encoding="utf-8")
    return config


def b64_hmac(key: str, message: str) -> str:
    return base64.b64encode(hmac.new(key.encode(), message.encode(), hashlib.sha256).digest()).decode()


def test_every_channel_gets_its_payload_signed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, smtp: socketserver.ThreadingTCPServer
) -> None:
    database = alertworld.build(tmp_path / "data" / "tracker.duckdb", datetime.now(UTC))
    with Receiver(secrets=dict(SECRETS)) as receiver:
        config = write_config(tmp_path, receiver, monkeypatch, smtp.server_address[1])
        first = tracker("alerts", "--db", str(database), "--config", str(config))
        assert first.returncode == 0, first.stderr
        again = tracker("alerts", "--db", str(database), "--config", str(config))
        posts = list(receiver.received)
    assert "alerts: 2 new; 10 delivered, 0 failed, 0 waiting in the outbox" in first.stdout
    assert "alerts: 0 new; 0 delivered, 0 failed, 0 waiting in the outbox" in again.stdout
    for secret in (*SECRETS.values(), "ding-token-456", "wecom-key-123", "feishu-token-789"):
        assert secret not in first.stdout + first.stderr + again.stdout + again.stderr

    assert sorted(p.service for p in posts) == ["dingtalk"] * 2 + ["feishu"] * 2 + ["webhook"] * 2 + ["wecom"] * 2
    assert all(p.accepted for p in posts), [p.answer for p in posts]
    for post in posts:
        if post.service == "dingtalk":
            assert post.query["access_token"] == "ding-token-456"
            stamp = post.query["timestamp"]
            assert post.query["sign"] == b64_hmac(SECRETS["dingtalk"], f"{stamp}\n{SECRETS['dingtalk']}")
            assert abs(int(stamp) / 1000 - datetime.now(UTC).timestamp()) < 120
            assert post.body["msgtype"] == "text" and post.body["at"] == {"atMobiles": ["13800000000"],
                                                                          "isAtAll": False}
        elif post.service == "wecom":
            assert post.query == {"key": "wecom-key-123"} and post.body["msgtype"] == "text"
            assert post.body["text"]["mentioned_mobile_list"] == []
        elif post.service == "feishu":
            assert post.path == "/open-apis/bot/v2/hook/feishu-token-789" and post.body["msg_type"] == "text"
            stamp = post.body["timestamp"]
            expected = base64.b64encode(hmac.new(f"{stamp}\n{SECRETS['feishu']}".encode(), b"",
                                                 hashlib.sha256).digest()).decode()
            assert post.body["sign"] == expected and set(post.body) == {"timestamp", "sign", "msg_type", "content"}
        else:
            raw = post.headers["x-tracker-timestamp"].encode() + b"." + _raw_json(post.body)
            assert post.headers["x-tracker-signature"] == "sha256=" + hmac.new(
                SECRETS["webhook"].encode(), raw, hashlib.sha256).hexdigest()
            assert {"alert_id", "kind", "event_title", "deadline", "first_media", "dashboard_url"} <= set(post.body)

    soon = [p for p in posts if p.service == "dingtalk" and "仓库爆炸" in p.text]
    (text,) = [p.text for p in soon]
    with db.reader(database) as con:
        first_media, deadline = con.execute(
            "select published_at, deadline from documents, event_rule_status where doc_id = 'ev-soon-m1'"
            " and event_id = 'ev-soon' and rule_id = '80-authoritative-5h'").fetchone()
    assert text.startswith("【时钟即将到期】临江港区仓库爆炸 现场浓烟\n")
    assert f"媒体首报：临江日报 {first_media:%Y-%m-%d %H:%M}（北京时间） https://news.example.cn/ljrb/ev-soon-m1.html" in text
    assert "责任来源：临江市人民政府（尚未发布）" in text
    assert "规则：国办发〔2016〕80号：重大突发事件 5 小时内发布权威信息" in text
    assert f"截止：{deadline:%Y-%m-%d %H:%M}（北京时间），还剩 " in text
    assert "负责：临江市政府新闻办 值班室" in text
    assert "详情：http://dash.example.cn:8501/event?event=ev-soon" in text
    late = next(p.text for p in posts if p.service == "wecom" and "管道爆炸" in p.text)
    assert late.startswith("【已超时未发布】") and "已过截止时间 1 小时" in late

    mails = smtp.received  # type: ignore[attr-defined]
    assert len(mails) == 2 and all(m[1] == ["<press@linjiang.example.cn>"] for m in mails)
    subjects = sorted(str(email.header.make_header(email.header.decode_header(
        email.message_from_bytes(m[2])["Subject"]))) for m in mails)
    assert subjects == ["【已超时未发布】临江化工园区管道爆炸起火", "【时钟即将到期】临江港区仓库爆炸 现场浓烟"]


def _raw_json(body: dict) -> bytes:
    import json

    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def hook_config(tmp_path: Path, receiver: Receiver, extra: str = "") -> Path:
    config = tmp_path / "alerts.toml"
    config.write_text(f"""
[alerts]
retry_seconds = 0.2
{extra}
[[route]]
source = "lj-gov"
responsible = "临江市人民政府办公室"
channels = ["hook"]

[channel.hook]
kind = "webhook"
url = "{receiver.url('/hooks/tracker')}"
""", encoding="utf-8")
    return config


def test_official_post_is_announced_with_its_lag(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    database = alertworld.build(tmp_path / "tracker.duckdb", now)
    with Receiver() as receiver:
        config = load_config(hook_config(tmp_path, receiver), {})
        run_alerts(database, config)
        alertworld.official_post(database, "ev-soon", now - timedelta(minutes=5))
        report = run_alerts(database, config)
        assert run_alerts(database, config).lines()[-1].startswith("alerts: 0 new; 0 delivered")
        kinds = [p.body["kind"] for p in receiver.received]
    assert [line.split(": ", 1)[1].split(" ")[0] for line in report.decided] == ["已发布"]
    assert sorted(kinds) == ["due_soon", "missed", "responded"]
    (answer,) = [p.body for p in receiver.received if p.body["kind"] == "responded"]
    assert answer["lag_hours"] == pytest.approx(4.42, abs=0.02)  # posted 4 h 25 min after the first report (seen +1)
    assert "临江市人民政府 已于" in answer["text"] and "在时限内" in answer["text"]


def test_lead_time_per_rule(tmp_path: Path) -> None:
    database = alertworld.build(tmp_path / "tracker.duckdb", datetime.now(UTC))
    with Receiver() as receiver:
        config = load_config(hook_config(tmp_path, receiver, '[lead_hours]\n"80-authoritative-5h" = 0.25\n'), {})
        run_alerts(database, config)
        kinds = sorted(p.body["kind"] for p in receiver.received)
    assert kinds == ["missed"]  # 30 minutes left is not yet "about to end" with a 15-minute lead


def test_receiver_failing_three_times_then_recovering_gets_each_alert_once(tmp_path: Path) -> None:
    database = alertworld.build(tmp_path / "tracker.duckdb", datetime.now(UTC))
    with Receiver(fail_first=3) as receiver:
        config = load_config(hook_config(tmp_path, receiver), {})
        lines: list[str] = []
        for _ in range(20):
            report = run_alerts(database, config)
            lines += report.lines()
            if report.waiting == 0:
                break
            threading.Event().wait(0.3)
        posts = list(receiver.received)
    assert [p.status for p in posts[:3]] == [503, 503, 503]
    accepted = [p.body["alert_id"] for p in posts if p.accepted]
    assert len(accepted) == len(set(accepted)) == 2
    assert len(posts) == 5
    assert sum("not sent:" in line and "HTTP 503; kept in the outbox" in line for line in lines) == 3
    with db.reader(database) as con:
        rows = con.execute("select status, attempts from alert_outbox order by attempts").fetchall()
    assert sorted(rows) == [("sent", 2), ("sent", 3)]


def test_bad_configuration_stops_with_one_line_naming_the_entry(tmp_path: Path) -> None:
    database = alertworld.build(tmp_path / "tracker.duckdb", datetime.now(UTC))
    config = tmp_path / "alerts.toml"
    cases = {
        '[[route]]\nregion = "江南省"\nresponsible = "x"\nchannels = ["nope"]\n':
            "[[route]] #1 (江南省): channel 'nope' is not defined",
        '[[route]]\nsource = "lj-gov"\nresponsible = "x"\nchannels = ["d"]\n[channel.d]\nkind = "dingtalk"\n'
        'url_env = "NOT_SET_ANYWHERE_42"\n': "[channel.d]: environment variable NOT_SET_ANYWHERE_42 (url_env) is not set",
        '[[route]]\nsource = "lj-gov"\nresponsible = "x"\nchannels = ["d"]\n[channel.d]\nkind = "feishu"\n'
        'url = "https://open.feishu.cn/open-apis/bot/v2/hook/tok"\n': "[channel.d]: the robot URL holds its access token",
        '[[route]]\nsource = "lj-gov"\nresponsible = "x"\nchannels = ["d"]\n[channel.d]\nkind = "webhook"\n'
        'url = "https://example.cn/h"\nsecret = "hunter2-secret"\n': "[channel.d]: a secret does not belong in alerts.toml",
        '[[route]]\nsource = "lj-gov"\nresponsible = "x"\nchannels = ["d"]\n[channel.d]\nkind = "webhook"\n'
        f'url = "https://example.cn/h"\nsecret_file = "{Path(__file__).resolve()}"\n': "is inside the git repository",
        '[[route]]\nsource = "lj-gov"\nresponsible = "x"\nchannels = ["d"]\n[channel.d]\nkind = "webhook"\n'
        'url = "https://example.cn/h"\nsecret_evn = "X"\n': "[channel.d]: unknown key 'secret_evn'",
    }
    for text, wanted in cases.items():
        config.write_text(text, encoding="utf-8")
        result = tracker("alerts", "--db", str(database), "--config", str(config))
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("tracker alerts: ") and wanted in result.stderr, result.stderr
        assert "hunter2-secret" not in result.stderr and result.stdout == ""


def test_overview_shows_open_clocks_and_the_alerts_sent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    database = alertworld.build(tmp_path / "tracker.duckdb", datetime.now(UTC))
    with Receiver() as receiver:
        run_alerts(database, load_config(hook_config(tmp_path, receiver), {}))
    monkeypatch.setenv("TRACKER_DB", str(database))
    app = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py"), default_timeout=60)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.subheader[0].value == "进行中的时钟"
    clocks = app.dataframe[0].value
    assert list(clocks.columns) == ["事件", "责任来源", "规则", "截止（北京时间）", "剩余时间", "已发提醒"]
    rows = {(r["事件"], r["规则"]): r for r in clocks.to_dict("records")}
    assert set(rows) == {("临江港区仓库爆炸 现场浓烟", "80号 权威信息 5 小时"), ("临江港区仓库爆炸 现场浓烟", "61号 新闻发布会 24 小时"),
                         ("临江化工园区管道爆炸起火", "61号 新闻发布会 24 小时")}  # the ended 5 h clock is not running
    soon = rows[("临江港区仓库爆炸 现场浓烟", "80号 权威信息 5 小时")]
    assert soon["责任来源"] == "临江市人民政府" and soon["剩余时间"].endswith("分钟")
    assert soon["已发提醒"].startswith("即将到期 ") and soon["已发提醒"].endswith("（1/1 渠道）")
    assert rows[("临江化工园区管道爆炸起火", "61号 新闻发布会 24 小时")]["已发提醒"] == "未发"


def test_a_channel_that_is_down_keeps_the_alert_and_prints_no_secret(tmp_path: Path) -> None:
    database = alertworld.build(tmp_path / "tracker.duckdb", datetime.now(UTC))
    with Receiver() as receiver:
        dead = receiver.url("/robot/send?access_token=ding-token-456")
    config = tmp_path / "alerts.toml"  # the receiver is stopped: nothing listens on its port any more
    config.write_text('[[route]]\nsource = "lj-gov"\nresponsible = "x"\nchannels = ["ding"]\n'
                      '[channel.ding]\nkind = "dingtalk"\nurl_env = "DEAD_DING_URL"\nsecret_env = "DEAD_DING_SECRET"\n')
    report = run_alerts(database, load_config(config, {"DEAD_DING_URL": dead, "DEAD_DING_SECRET": "SECsecret-99"}))
    text = "\n".join(report.lines())
    assert len(report.failed) == 2 and "cannot reach the service" in text and report.waiting == 2
    assert "ding-token-456" not in text and "SECsecret-99" not in text and str(receiver.url("/")) not in text


def test_a_robot_refusing_with_http_200_and_an_error_code_is_a_failure(tmp_path: Path) -> None:
    """DingTalk answers a bad signature with HTTP 200 and errcode 310000: the alert stays in the outbox."""
    database = alertworld.build(tmp_path / "tracker.duckdb", datetime.now(UTC))
    with Receiver(secrets={"dingtalk": "SECright"}) as receiver:
        config = tmp_path / "alerts.toml"
        config.write_text('[[route]]\nsource = "lj-gov"\nresponsible = "x"\nchannels = ["ding"]\n'
                          '[channel.ding]\nkind = "dingtalk"\nurl_env = "U"\nsecret_env = "S"\n')
        url = receiver.url("/robot/send?access_token=t")
        report = run_alerts(database, load_config(config, {"U": url, "S": "SECwrong"}))
        statuses = [p.status for p in receiver.received]
    assert statuses == [200, 200] and report.waiting == 2
    assert [o.error for o in report.failed] == ["refused: code 310000 sign not match"] * 2
