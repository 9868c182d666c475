"""Broken channels fail alone: real servers on 127.0.0.1, the real store, the real CLI.

A webhook URL with a space, a non-ASCII SMTP password, a 302, a server trickling one byte at a
time and an HTTP 500, all in one run next to a plain webhook and signed DingTalk and Feishu
robots: the good channels get everything, each bad one's rows end failed with a reason, no
token appears in any output. Plus: retries inside a run, the run deadline, the claim lease,
plaintext logins, secret references and redaction.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from dbconn import db_connect
from remind_helpers import add_contract, ob
from remind_servers import http_server, smtp_server
from typer.testing import CliRunner

from tracker import secret_refs
from tracker.cli import app
from tracker.config import Config, Delivery, Smtp
from tracker.daily import run_daily
from tracker.notify import Context, DeliveryError, email_target, send
from tracker.store import outbox

ROOT = Path(__file__).resolve().parents[1]
DUE = date(2025, 3, 17)
TOKEN = "SECRETTOKEN0123456789abcdef"
SIGN_SECRET = "SEC4f2a9b7c1d0e3f5a6b8c9d0e1f2a3b4c"


def rows(db: Path) -> dict[str, tuple[str, int, str | None]]:
    with db_connect(db) as c:
        return {ch: (st, n, err) for ch, st, n, err in c.execute(
            "SELECT channel, status, attempts, last_error FROM reminder_outbox")}


@pytest.fixture
def contract(db_path: Path) -> int:
    return add_contract(db_path, [ob("payment", DUE, title="首期款 30%", amount="150000.00")])


def test_one_run_with_every_kind_of_broken_channel(db_path: Path, contract: int, tmp_path: Path) -> None:
    secret_file = tmp_path / "feishu.secret"
    url_file = tmp_path / "feishu.url"
    with http_server() as good, http_server(sign="dingtalk", secret=SIGN_SECRET) as ding, \
            http_server(sign="feishu", secret=SIGN_SECRET) as feishu, http_server(mode="redirect") as moved, \
            http_server(mode="trickle", delay=0.4) as trickle, http_server(mode="500") as broken, \
            smtp_server() as mail:
        url_file.write_text(f"# the Feishu robot\n{feishu.url}?token={TOKEN}\n")
        secret_file.write_text(SIGN_SECRET + "\n")
        for f in (url_file, secret_file):
            f.chmod(0o600)
        env = {**os.environ, "TRACKER_DB": str(db_path), "PYTHONPATH": str(ROOT),
               "DING_URL": f"{ding.url}?access_token={TOKEN}", "DING_SECRET": SIGN_SECRET,
               "TRACKER_SMTP_HOST": "127.0.0.1", "TRACKER_SMTP_PORT": str(mail.port),
               "TRACKER_SMTP_USER": "tracker", "TRACKER_SMTP_PASSWORD": "pässwörd-ü"}
        conf = tmp_path / "config.toml"
        conf.write_text("[delivery]\nchannels = []\nmax_attempts = 1\nretries_in_run = 0\ntimeout_seconds = 5\n"
                        "deadline_seconds = 1.5\n[smtp]\nsecurity = \"starttls\"\n")
        env["TRACKER_CONFIG"] = str(conf)

        def cli(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run([sys.executable, "-m", "tracker", *args], env=env, capture_output=True,
                                  text=True, timeout=60, cwd=tmp_path)

        out = [cli("assign", str(contract), "--webhook", good.url),
               cli("assign", str(contract), "--webhook-env", "DING_URL", "--webhook-format", "dingtalk",
                   "--sign-secret-env", "DING_SECRET"),
               cli("assign", str(contract), "--webhook-file", str(url_file), "--webhook-format", "feishu",
                   "--sign-secret-file", str(secret_file)),
               cli("assign", str(contract), "--webhook", moved.url),
               cli("assign", str(contract), "--webhook", trickle.url + "?x=1"),
               cli("assign", str(contract), "--webhook", broken.url, "--webhook-format", "wecom"),
               cli("assign", str(contract), "--email", "fin@client.test")]
        assert [p.returncode for p in out] == [0] * 7, [p.stderr for p in out]
        with outbox.connect(db_path) as conn:  # what `assign` refuses, an older database may still hold
            outbox.add_recipient(conn, contract, "both", "webhook", f"http://127.0.0.1:1/h ook?access_token={TOKEN}",
                                 "dingtalk")
        run = cli("remind", "--as-of", DUE.isoformat())
        listing = cli("reminders", "--failed", "--json")
        moved_gets, trickle_posts = list(moved.gets), trickle.posts
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert len(good.reminders()) == 1 and good.reminders()[0]["title"] == "首期款 30%"
    assert len(ding.received) == 1 and ding.refused == 0  # the robot verified the signature
    assert len(feishu.received) == 1 and feishu.refused == 0
    assert "首期款 30%" in ding.received[0]["markdown"]["text"]
    assert moved_gets == [] and trickle_posts == 1
    assert mail.messages == []
    state = rows(db_path)
    sent = sorted(ch for ch, (st, n, _) in state.items() if st == "sent")
    assert len(sent) == 3 and all(state[ch][1] == 1 for ch in sent)
    assert any(ch.startswith("dingtalk:env:DING_URL") for ch in sent)
    assert any(ch.startswith("feishu:file:") for ch in sent)
    failed = {ch: err for ch, (st, n, err) in state.items() if st != "sent"}
    assert all(state[ch][:2] == ("failed", 1) for ch in failed), state
    errors = sorted(failed.values())
    assert len(errors) == 5
    assert any("HTTP 302 redirect, not followed" in e for e in errors)
    assert any("no complete answer within 1.5s" in e for e in errors)
    assert any("HTTP 500" in e for e in errors)
    assert any("spaces or control characters" in e for e in errors)
    assert any("non-ASCII characters" in e and "SMTP" in e for e in errors)
    assert len([ln for ln in run.stderr.splitlines() if ln.startswith("error: delivery to")]) == 5
    everything = run.stdout + run.stderr + listing.stdout + listing.stderr + "".join(p.stdout + p.stderr for p in out)
    assert TOKEN not in everything and SIGN_SECRET not in everything and "pässwörd" not in everything
    with db_connect(db_path) as c:
        stored = c.execute("SELECT address, secret FROM reminder_recipients").fetchall()
    assert ("env:DING_URL", "env:DING_SECRET") in stored and (f"file:{url_file}", f"file:{secret_file}") in stored
    assert SIGN_SECRET not in json.dumps(stored)
    assert [a for a, _ in stored if TOKEN in a] == [f"http://127.0.0.1:1/h ook?access_token={TOKEN}"]


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_no_redirect_is_followed_and_none_is_sent(db_path: Path, contract: int, status: int) -> None:
    with http_server(mode="redirect", status=status) as moved:
        with outbox.connect(db_path) as conn:
            outbox.add_recipient(conn, contract, "both", "webhook", moved.url)
        r = run_daily(db_path, DUE, config=Config(delivery=Delivery(channels=(), retries_in_run=0)))
        assert moved.gets == [] and moved.posts == 1
    assert r.delivered == [] and f"HTTP {status} redirect" in r.failed[0]["error"]
    assert [st for st, *_ in rows(db_path).values()] == ["retry"]


def test_failed_delivery_is_retried_inside_the_run(db_path: Path, contract: int) -> None:
    t = [1000.0]
    waits: list[float] = []

    def sleep(s: float) -> None:
        waits.append(s)
        t[0] += s

    cfg = Config(delivery=Delivery(channels=(), retries_in_run=2, retry_in_run_seconds=30.0, backoff_seconds=300))
    with http_server(mode="fail_first") as hook:
        with outbox.connect(db_path) as conn:
            outbox.add_recipient(conn, contract, "both", "webhook", hook.url)
        r = run_daily(db_path, DUE, config=cfg, clock=lambda: t[0], sleep=sleep)
        assert hook.posts == 2 and len(hook.reminders()) == 1
    assert r.ok and len(r.delivered) == 1 and waits == [30.0]
    assert list(rows(db_path).values()) == [("sent", 2, None)]


def test_retries_inside_the_run_back_off_then_leave_it_for_later(db_path: Path, contract: int) -> None:
    t = [1000.0]
    waits: list[float] = []

    def sleep(s: float) -> None:
        waits.append(s)
        t[0] += s

    cfg = Config(delivery=Delivery(channels=(), retries_in_run=2, retry_in_run_seconds=30.0, backoff_seconds=300,
                                   max_attempts=8))
    with http_server(mode="500") as hook:
        with outbox.connect(db_path) as conn:
            outbox.add_recipient(conn, contract, "both", "webhook", hook.url)
        r = run_daily(db_path, DUE, config=cfg, clock=lambda: t[0], sleep=sleep)
        assert hook.posts == 3
    assert waits == [30.0, 60.0]  # backoff doubles inside the run
    assert [(f["count"], "HTTP 500" in f["error"]) for f in r.failed] == [(1, True)]
    assert [v[:2] for v in rows(db_path).values()] == [("retry", 3)]
    with db_connect(db_path) as c:
        (next_at,) = c.execute("SELECT next_attempt_at FROM reminder_outbox").fetchone()
    assert next_at == t[0] + 300 * 4  # then the cross-run backoff: 300 s x 2^(attempts-1)


def test_the_run_deadline_leaves_the_rest_for_the_next_run(db_path: Path) -> None:
    cid = add_contract(db_path, [ob("payment", DUE, title=f"第{i}期款", amount="1000.00") for i in range(1, 5)])
    t = [0.0]

    def clock() -> float:
        t[0] += 10.0  # every look at the clock costs ten seconds
        return t[0]

    cfg = Config(delivery=Delivery(channels=(), retries_in_run=0, run_deadline_seconds=60.0))
    with http_server() as hook:
        with outbox.connect(db_path) as conn:
            outbox.add_recipient(conn, cid, "both", "webhook", hook.url)
        r = run_daily(db_path, DUE, config=cfg, clock=clock)
        first = len(hook.reminders())
        assert 0 < first < 4 and len(r.delivered) == first
        assert any("run deadline (60s) reached" in f["error"] and f["count"] == 4 - first for f in r.failed)
        with db_connect(db_path) as c:
            states = sorted(st for (st,) in c.execute("SELECT status FROM reminder_outbox"))
        assert states == ["pending"] * (4 - first) + ["sent"] * first
        run_daily(db_path, DUE, config=Config(delivery=Delivery(channels=(), retries_in_run=0)))
        assert sorted(x["title"] for x in hook.reminders()) == ["第1期款", "第2期款", "第3期款", "第4期款"]


def test_a_live_run_renews_its_lease(db_path: Path, contract: int) -> None:
    with outbox.connect(db_path) as conn:
        outbox.enqueue(conn, [(1, contract, "payment", "due_today", None, DUE.isoformat(), "console", "{}")], 0.0)
        owner = outbox.owner_id()
        assert len(outbox.claim(conn, "console", owner, 0.0)) == 1
        outbox.renew(conn, owner, 5000.0)
        assert outbox.reclaim_stale(conn, 5000.0 + 100) == 0  # renewed: not given away
        assert outbox.reclaim_stale(conn, 5000.0 + outbox.LEASE_SECONDS + 1) == 1


def smtp_ctx(port: int, **kw: object) -> Context:
    return Context(smtp=Smtp(host="127.0.0.1", port=port, sender="tracker@test", **kw), timeout=5)  # type: ignore[arg-type]


def item() -> dict[str, object]:
    return {"reason": "due_today", "title": "首期款", "for_date": "2025-03-17", "text": "due today: 首期款"}


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_password_is_never_sent_in_clear_unless_allowed() -> None:
    with smtp_server(user="u", password="p4ss") as mail:
        with pytest.raises(DeliveryError) as caught:
            send(email_target("a@b.test"), [item()], smtp_ctx(mail.port, security="none", user="u", password="p4ss"))
        assert 'refusing to send the password unencrypted (security = "none")' in str(caught.value)
        assert mail.logins == [] and mail.messages == []
        ctx = smtp_ctx(mail.port, security="none", user="u", password="p4ss", allow_plaintext_login=True)
        send(email_target("a@b.test"), [item()], ctx)
        assert mail.logins == ["u"] and len(mail.messages) == 1


def test_non_ascii_password_is_one_line_without_the_password() -> None:
    with smtp_server(security="starttls", user="u", password="p") as mail, pytest.raises(DeliveryError) as caught:
        send(email_target("a@b.test"), [item()], smtp_ctx(mail.port, security="starttls", user="u",
                                                          password="密码pässwörd"))
    msg = str(caught.value)
    assert "non-ASCII" in msg and "密码" not in msg and "\n" not in msg


def test_plaintext_login_setting_in_the_config_file(tmp_path: Path) -> None:
    from tracker import config

    path = tmp_path / "c.toml"
    path.write_text('[smtp]\nsecurity = "none"\nallow_plaintext_login = true\n')
    assert config.load({}, path).smtp.allow_plaintext_login is True
    path.write_text('[smtp]\nallow_plaintext_login = "yes"\n')
    with pytest.raises(Exception, match="expected bool"):
        config.load({}, path)


@pytest.mark.parametrize(("url", "shown"), [
    ("https://oapi.dingtalk.com/robot/send?access_token=1a2b3c4d5e6f7a8b9c0dabc1",
     "https://oapi.dingtalk.com/robot/send?access_token=…abc1"),
    ("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa",
     "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…5aaa"),
    ("https://open.feishu.cn/open-apis/bot/v2/hook/6d7e2c1a-0b9f-4e3d-8c2b-1a0f9e8d7c6b",
     "https://open.feishu.cn/open-apis/bot/v2/hook/…7c6b"),
    ("https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX",
     "https://hooks.slack.com/services/T0000/B0000/…XXXX"),
    ("https://user:pa55@example.com/h", "https://example.com/h"),
])
def test_redaction_keeps_four_characters(url: str, shown: str) -> None:
    assert secret_refs.redact_url(url) == shown
    assert secret_refs.redact(f"error: POST {url} failed") == f"error: POST {shown} failed"


def test_secret_references(tmp_path: Path) -> None:
    f = tmp_path / "s"
    f.write_text("# comment\n  abc  \n")
    f.chmod(0o644)
    with pytest.raises(secret_refs.SecretError, match="readable by others"):
        secret_refs.resolve(secret_refs.file_ref(f), {})
    f.chmod(0o600)
    assert secret_refs.resolve(secret_refs.file_ref(f), {}) == "abc"
    assert secret_refs.resolve("env:HOOK", {"HOOK": "https://x/y\n"}) == "https://x/y"
    with pytest.raises(secret_refs.SecretError, match=r"\$HOOK is not set"):
        secret_refs.resolve("env:HOOK", {})
    with pytest.raises(secret_refs.SecretError):
        secret_refs.env_ref("NOT A NAME")


def test_assign_needs_a_format_that_can_be_signed(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["assign", "all", "--webhook-env", "HOOK", "--sign-secret-env", "S"])
    assert res.exit_code == 2 and "needs --webhook-format dingtalk or feishu" in res.stderr


def test_webhooks_honour_the_proxy_environment() -> None:
    from tracker.http_post import proxy_for
    from tracker.notify import webhook_target

    assert proxy_for("https://oapi.dingtalk.com/x", {"HTTPS_PROXY": "proxy.corp:3128"}) == "http://proxy.corp:3128"
    assert proxy_for("https://oapi.dingtalk.com/x", {"https_proxy": "http://p:1", "no_proxy": ".dingtalk.com"}) is None
    assert proxy_for("http://h/x", {"https_proxy": "http://p:1"}) is None
    with http_server() as proxy:  # an HTTP proxy gets the absolute URI of the webhook
        ctx = Context(timeout=5, env={"http_proxy": f"http://127.0.0.1:{proxy.port}"})
        send(webhook_target("http://hooks.example.invalid/hook?k=1"), [item()], ctx)
        assert proxy.paths == ["http://hooks.example.invalid/hook?k=1"] and len(proxy.reminders()) == 1
