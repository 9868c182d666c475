"""Channels against real servers on 127.0.0.1: SMTP (plain, STARTTLS, SSL, auth), HTTP webhooks."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from remind_servers import CERT, free_port, http_server, smtp_server

from tracker import notify
from tracker.config import Smtp
from tracker.notify import Context, DeliveryError, Target, email_target, webhook_target


def item(n: int = 1, **kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "obligation_id": n, "contract_id": 7, "contract": "智能客服意图识别模型训练项目",
        "kind": "payment", "party": "client", "title": f"第{n}期款", "clause": "4.2",
        "reason": "due_in_3d", "due_date": "2025-03-17", "for_date": "2025-03-14", "days": 3,
        "amount": "150000.00", "currency": "CNY",
        "text": f"due in 3 days (2025-03-17): 第{n}期款 (payment, clause 4.2) 150000.00 CNY, contract #7",
    }
    base.update(kw)
    return base


# ------------------------------------------------------------------------------ webhooks


@pytest.mark.parametrize("fmt", notify.WEBHOOK_FORMATS)
def test_webhook_formats_arrive(fmt: str) -> None:
    reply = b"ok" if fmt == "slack" else b'{"errcode":0,"errmsg":"ok"}'
    with http_server(reply=reply) as srv:
        notify.send(webhook_target(srv.url, fmt), [item(1), item(2)], Context(timeout=5))
        assert len(srv.received) == 1
        body = srv.received[0]
    if fmt == "generic":
        assert [r["obligation_id"] for r in body["reminders"]] == [1, 2]
        assert body["reminders"][0]["clause"] == "4.2"
    elif fmt == "dingtalk":
        assert body["msgtype"] == "markdown" and "第2期款" in body["markdown"]["text"]
    elif fmt == "feishu":
        assert body["msg_type"] == "text" and "第1期款" in body["content"]["text"]
    elif fmt == "wecom":
        assert body["msgtype"] == "markdown" and "150000.00" in body["markdown"]["content"]
    elif fmt == "slack":
        assert "第1期款" in body["text"]


def test_http_500_is_a_failure() -> None:
    with http_server(mode="500") as srv, pytest.raises(DeliveryError, match="HTTP 500"):
        notify.send(webhook_target(srv.url), [item()], Context(timeout=5))


def test_timeout_is_a_failure_and_bounded() -> None:
    with http_server(mode="slow", delay=2.0) as srv:
        t0 = time.monotonic()
        with pytest.raises(DeliveryError, match="timed out"):
            notify.send(webhook_target(srv.url), [item()], Context(timeout=0.3))
        assert time.monotonic() - t0 < 1.5


def test_server_down_is_a_failure() -> None:
    url = f"http://127.0.0.1:{free_port()}/hook"
    with pytest.raises(DeliveryError) as exc:
        notify.send(webhook_target(url), [item()], Context(timeout=2))
    assert "refused" in str(exc.value).lower()


def test_chat_error_code_in_a_200_reply_is_a_failure() -> None:
    with http_server(reply=b'{"errcode":310000,"errmsg":"keywords not in content"}') as srv, \
            pytest.raises(DeliveryError, match="310000"):
        notify.send(webhook_target(srv.url, "dingtalk"), [item()], Context(timeout=5))


def test_webhook_channel_hides_the_token() -> None:
    t = webhook_target("https://oapi.dingtalk.com/robot/send?access_token=SECRET123", "dingtalk")
    assert "SECRET" not in t.channel and "SECRET" not in repr(t)
    assert t.channel.startswith("dingtalk:oapi.dingtalk.com#")


def test_chat_chunks_respect_size_and_count() -> None:
    items = [item(i, text="x" * 300) for i in range(40)]
    chunks = notify.chat_chunks(items, max_items=50, max_bytes=3800)
    assert sum(len(c) for c in chunks) == 40 and all(c for c in chunks)
    for c in chunks:
        body = json.dumps(notify.webhook_body("wecom", c, "t"), ensure_ascii=False)
        assert len(json.loads(body)["markdown"]["content"].encode()) <= 4096
    assert len(notify.chat_chunks([item(i) for i in range(7)], max_items=3)) == 3


def test_notification_carries_no_quote() -> None:
    it = item(quote="乙方应于本合同生效之日起15日内支付")
    # Reminder.to_json never puts a quote in; the channel just forwards fields. Guard the renderer:
    body = notify.webhook_body("dingtalk", [it], "t")
    assert "乙方应于" not in json.dumps(body, ensure_ascii=False)


# ------------------------------------------------------------------------------ log, console


def test_log_channel_appends_json_lines_0600(tmp_path: Path) -> None:
    log = tmp_path / "sub" / "reminders.jsonl"
    t = Target("log", "log", str(log))
    notify.send(t, [item(1)], Context())
    notify.send(t, [item(2)], Context())
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    assert [x["obligation_id"] for x in lines] == [1, 2]
    assert log.stat().st_mode & 0o777 == 0o600


def test_console_channel_prints(tmp_path: Path) -> None:
    from rich.console import Console

    con = Console(record=True, width=200, file=open(tmp_path / "out", "w"))  # noqa: SIM115
    notify.send(Target("console", "console"), [item(1, reason="overdue", text="OVERDUE [x] 第1期款")],
                Context(console=con))
    assert "OVERDUE [x] 第1期款" in con.export_text()


# ------------------------------------------------------------------------------ SMTP


def test_email_digest_plain() -> None:
    with smtp_server() as srv:
        ctx = Context(smtp=Smtp(host="127.0.0.1", port=srv.port, security="none", sender="t@x.test"), timeout=5)
        notify.send(email_target("fin@client.test"), [item(1), item(2), item(3)], ctx)
        notify.close(ctx)
    assert len(srv.messages) == 1
    msg = srv.messages[0]
    assert msg["To"] == "fin@client.test" and "3 reminders" in msg["Subject"]
    body = msg.get_payload(decode=True).decode()
    assert "第1期款" in body and "第3期款" in body and "150000.00" in body
    assert srv.envelopes[0] == ("t@x.test", ["fin@client.test"])


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # aiosmtpd: implicit TLS
@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_email_over_tls_with_login(security: str) -> None:
    with smtp_server(security=security, user="bot", password="pw") as srv:
        smtp = Smtp(host="127.0.0.1", port=srv.port, security=security, ca_file=str(CERT),
                    user="bot", password="pw")
        ctx = Context(smtp=smtp, timeout=5)
        notify.send(email_target("a@b.test"), [item()], ctx)
        notify.close(ctx)
    assert len(srv.messages) == 1 and srv.logins == ["bot"]


def test_email_wrong_password_fails_without_leaking_it() -> None:
    with smtp_server(security="starttls", user="bot", password="pw") as srv:
        smtp = Smtp(host="127.0.0.1", port=srv.port, security="starttls", ca_file=str(CERT),
                    user="bot", password="WRONG-secret")
        with pytest.raises(DeliveryError) as exc:
            notify.send(email_target("a@b.test"), [item()], Context(smtp=smtp, timeout=5))
    assert "WRONG-secret" not in str(exc.value)
    assert srv.messages == []


def test_email_untrusted_certificate_is_refused() -> None:
    with smtp_server(security="starttls") as srv:
        smtp = Smtp(host="127.0.0.1", port=srv.port, security="starttls")  # system CAs only
        with pytest.raises(DeliveryError, match="SMTP"):
            notify.send(email_target("a@b.test"), [item()], Context(smtp=smtp, timeout=5))
    assert srv.messages == []


def test_email_server_down() -> None:
    smtp = Smtp(host="127.0.0.1", port=free_port(), security="none")
    with pytest.raises(DeliveryError, match="SMTP 127.0.0.1"):
        notify.send(email_target("a@b.test"), [item()], Context(smtp=smtp, timeout=2))


def test_email_without_host_configured() -> None:
    with pytest.raises(DeliveryError, match="no SMTP host"):
        notify.send(email_target("a@b.test"), [item()], Context(smtp=Smtp(host="")))


def test_address_checks() -> None:
    assert notify.check_email("a@b.test") is None
    assert notify.check_email("nope") and notify.check_email("a@b, c@d")
    assert notify.check_webhook_url("https://x.test/h") is None
    assert notify.check_webhook_url("file:///etc/passwd")
