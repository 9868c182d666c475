"""Delivery channels: console (Rich), JSON-lines log, SMTP e-mail digest, webhooks.

A *target* is where one outbox row goes; its ``channel`` string is the outbox key and is
safe to show (a webhook URL often carries an access token, so its channel is
``<format>:<host>#<hash of the URL>``, never the URL). ``send(target, items, ctx)`` delivers
one message carrying one or more reminders (``Reminder.to_json()`` dicts plus a ``text``
line) and raises ``DeliveryError`` with a short reason on any failure.

What a message carries: contract id and title, obligation title, kind, clause, dates,
amounts. Never the contract's text or quotes.

E-mail and the chat formats (DingTalk, Feishu/Lark, WeCom, Slack) are *digests*: the daily
job hands them all of a recipient's reminders at once (chat messages are cut into chunks
that fit the services' size limits). The console, the log and the generic JSON webhook get
one message per reminder. Only the standard library is used (smtplib, urllib.request), each
network call with a timeout. Credentials come from ``config.Smtp`` (the environment).
"""

from __future__ import annotations

import hashlib
import json
import os
import smtplib
import ssl
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tracker.config import Smtp

WEBHOOK_FORMATS = ("generic", "dingtalk", "feishu", "wecom", "slack")
DIGEST_KINDS = ("email", "dingtalk", "feishu", "wecom", "slack")
CHAT_LIMIT_BYTES = 3800  # WeCom markdown: 4096 bytes; DingTalk/Feishu/Slack allow more


class DeliveryError(Exception):
    """A message could not be delivered; the text is short and holds no secrets."""


@dataclass(frozen=True)
class Target:
    channel: str  # outbox key, safe to display
    kind: str  # console | log | email | webhook
    address: str = field(default="", repr=False)  # e-mail address, URL, or log file path
    format: str = "generic"  # webhooks: generic | dingtalk | feishu | wecom | slack

    @property
    def digest(self) -> bool:
        return self.kind == "email" or (self.kind == "webhook" and self.format != "generic")


def webhook_channel(url: str, fmt: str) -> str:
    host = urlsplit(url).hostname or "?"
    return f"{fmt}:{host}#{hashlib.sha256(url.encode()).hexdigest()[:8]}"


def email_target(address: str) -> Target:
    return Target(f"email:{address}", "email", address)


def webhook_target(url: str, fmt: str = "generic") -> Target:
    return Target(webhook_channel(url, fmt), "webhook", url, fmt)


def check_webhook_url(url: str) -> str | None:
    """None if the URL can be a webhook, else the problem."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be an http:// or https:// URL"
    return None


def check_email(address: str) -> str | None:
    local, at, domain = address.partition("@")
    if not at or not local or not domain or any(c.isspace() for c in address) or "," in address:
        return "not an e-mail address"
    return None


@dataclass
class Context:
    """What the channels need besides the message: settings and where to write."""

    smtp: Smtp = field(default_factory=Smtp)
    timeout: float = 10.0
    console: Any = None  # a rich Console; None: stderr
    title: str = "tracker reminders"
    _smtp_conn: Any = field(default=None, repr=False)


# ------------------------------------------------------------------------------ rendering


def _line(item: dict[str, Any]) -> str:
    return str(item.get("text") or f"{item.get('reason')}: {item.get('title')}")


def chat_chunks(items: Sequence[dict[str, Any]], max_items: int = 50,
                max_bytes: int = CHAT_LIMIT_BYTES) -> list[list[dict[str, Any]]]:
    """Split a digest into messages that fit the chat services' limits (never an empty one)."""
    out: list[list[dict[str, Any]]] = []
    cur: list[dict[str, Any]] = []
    size = 200  # heading
    for it in items:
        n = len(_line(it).encode()) + 4
        if cur and (len(cur) >= max_items or size + n > max_bytes):
            out.append(cur)
            cur, size = [], 200
        cur.append(it)
        size += n
    if cur:
        out.append(cur)
    return out


def webhook_body(fmt: str, items: Sequence[dict[str, Any]], title: str) -> dict[str, Any]:
    """The JSON body for one message in a webhook format."""
    lines = [_line(it) for it in items]
    if fmt == "generic":
        return {"source": "tracker", "title": title, "count": len(items), "reminders": list(items)}
    if fmt == "dingtalk":
        return {"msgtype": "markdown",
                "markdown": {"title": title, "text": f"### {title}\n\n" + "\n".join(f"- {x}" for x in lines)}}
    if fmt == "feishu":
        return {"msg_type": "text", "content": {"text": title + "\n" + "\n".join(f"• {x}" for x in lines)}}
    if fmt == "wecom":
        return {"msgtype": "markdown",
                "markdown": {"content": f"**{title}**\n" + "\n".join(f"> {x}" for x in lines)}}
    if fmt == "slack":
        return {"text": f"*{title}*\n" + "\n".join(f"• {x}" for x in lines)}
    raise ValueError(f"unknown webhook format {fmt!r}")


def _check_reply(fmt: str, status: int, body: bytes) -> None:
    """The chat services answer 200 with an error code inside; a non-zero code is a failure."""
    if fmt in ("generic", "slack"):
        if fmt == "slack" and body.strip() not in (b"", b"ok"):
            raise DeliveryError(f"slack answered {body[:80].decode(errors='replace')!r}")
        return
    try:
        reply = json.loads(body or b"{}")
    except ValueError:
        raise DeliveryError(f"{fmt} answered HTTP {status} with a non-JSON body") from None
    if not isinstance(reply, dict):
        return
    code = reply.get("errcode", reply.get("code", reply.get("StatusCode", 0)))
    if code not in (0, None, "0"):
        msg = str(reply.get("errmsg") or reply.get("msg") or reply.get("StatusMessage") or "")[:80]
        raise DeliveryError(f"{fmt} refused the message: code {code} {msg}".rstrip())


def email_message(smtp: Smtp, to: str, items: Sequence[dict[str, Any]], title: str) -> EmailMessage:
    msg = EmailMessage()
    days = sorted({str(it.get("for_date")) for it in items})
    msg["Subject"] = f"[tracker] {len(items)} reminder{'s' if len(items) != 1 else ''} for {', '.join(days)}"
    msg["From"] = smtp.sender
    msg["To"] = to
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="tracker.local")
    body = [title, ""]
    for it in items:
        body.append(f"- {_line(it)}")
    body += ["", "Sent by tracker (contract obligation tracker). Details: `tracker upcoming`."]
    msg.set_content("\n".join(body), charset="utf-8")
    return msg


# ------------------------------------------------------------------------------ sending


def send(target: Target, items: Sequence[dict[str, Any]], ctx: Context) -> None:
    """Deliver one message with ``items`` to ``target``; DeliveryError on failure."""
    if not items:
        return
    if target.kind == "console":
        _console(items, ctx)
    elif target.kind == "log":
        _log(Path(target.address), items)
    elif target.kind == "email":
        _email(target, items, ctx)
    elif target.kind == "webhook":
        _webhook(target, items, ctx)
    else:
        raise DeliveryError(f"unknown channel kind {target.kind!r}")


def _console(items: Sequence[dict[str, Any]], ctx: Context) -> None:
    console = ctx.console
    if console is None:
        from rich.console import Console

        console = ctx.console = Console(stderr=True, highlight=False, soft_wrap=True)
    style = {"overdue": "bold red", "penalty": "red", "suspension_right": "bold red",
             "event_late": "yellow", "evaluation_shortfall": "yellow", "calendar_uncovered": "magenta"}
    from rich.markup import escape

    for it in items:
        reason = str(it.get("reason"))
        st = style.get(reason, "bold" if reason == "due_today" else "")
        text = escape(_line(it))
        console.print(f"[{st}]{text}[/]" if st else text)


def _log(path: Path, items: Sequence[dict[str, Any]]) -> None:
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        data = "".join(json.dumps(it, ensure_ascii=False, sort_keys=True) + "\n" for it in items).encode()
        with os.fdopen(fd, "wb") as f:
            f.write(data)  # one O_APPEND write for the whole batch
    except OSError as exc:
        raise DeliveryError(f"log {path}: {exc.strerror or exc}") from None


def _webhook(target: Target, items: Sequence[dict[str, Any]], ctx: Context) -> None:
    body = json.dumps(webhook_body(target.format, items, ctx.title), ensure_ascii=False).encode()
    req = urllib.request.Request(target.address, data=body, method="POST",
                                 headers={"Content-Type": "application/json; charset=utf-8",
                                          "User-Agent": "tracker-reminders/1"})
    try:
        with urllib.request.urlopen(req, timeout=ctx.timeout) as resp:  # noqa: S310 (http/https checked)
            status, reply = resp.status, resp.read(65536)
    except urllib.error.HTTPError as exc:
        raise DeliveryError(f"{target.channel}: HTTP {exc.code}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise DeliveryError(f"{target.channel}: timed out after {ctx.timeout:g}s") from None
        raise DeliveryError(f"{target.channel}: {getattr(reason, 'strerror', None) or reason}") from None
    except TimeoutError:
        raise DeliveryError(f"{target.channel}: timed out after {ctx.timeout:g}s") from None
    except (OSError, ValueError) as exc:
        raise DeliveryError(f"{target.channel}: {type(exc).__name__}: {exc}") from None
    _check_reply(target.format, status, reply)


def _smtp_connect(smtp: Smtp, timeout: float) -> smtplib.SMTP:
    if not smtp.host:
        raise DeliveryError("no SMTP host configured ([smtp] host or $TRACKER_SMTP_HOST)")
    context = ssl.create_default_context(cafile=smtp.ca_file or None)
    try:
        conn: smtplib.SMTP
        if smtp.security == "ssl":
            conn = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=timeout, context=context)
        else:
            conn = smtplib.SMTP(smtp.host, smtp.port, timeout=timeout)
            if smtp.security == "starttls":
                conn.starttls(context=context)
        if smtp.user and smtp.password:
            conn.login(smtp.user, smtp.password)
        return conn
    except smtplib.SMTPAuthenticationError:
        raise DeliveryError(f"SMTP {smtp.host}:{smtp.port}: authentication failed") from None
    except (smtplib.SMTPException, OSError, ssl.SSLError) as exc:
        text = "timed out" if isinstance(exc, TimeoutError) else \
            (getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)
        raise DeliveryError(f"SMTP {smtp.host}:{smtp.port}: {text}") from None


def _email(target: Target, items: Sequence[dict[str, Any]], ctx: Context) -> None:
    msg = email_message(ctx.smtp, target.address, items, ctx.title)
    for attempt in (1, 2):  # a kept-open connection may have been dropped by the server
        if ctx._smtp_conn is None:
            ctx._smtp_conn = _smtp_connect(ctx.smtp, ctx.timeout)
        try:
            refused = ctx._smtp_conn.send_message(msg)
        except smtplib.SMTPServerDisconnected:
            ctx._smtp_conn = None
            if attempt == 2:
                raise DeliveryError(f"SMTP {ctx.smtp.host}:{ctx.smtp.port}: server disconnected") from None
            continue
        except smtplib.SMTPRecipientsRefused:
            raise DeliveryError(f"SMTP refused recipient {target.address}") from None
        except (smtplib.SMTPException, OSError) as exc:
            close(ctx)
            text = "timed out" if isinstance(exc, TimeoutError) else str(exc)[:120]
            raise DeliveryError(f"SMTP {ctx.smtp.host}:{ctx.smtp.port}: {text}") from None
        if refused:
            raise DeliveryError(f"SMTP refused recipient {target.address}")
        return


def close(ctx: Context) -> None:
    """Close a kept-open SMTP connection."""
    conn, ctx._smtp_conn = ctx._smtp_conn, None
    if conn is not None:
        try:
            conn.quit()
        except (smtplib.SMTPException, OSError):
            conn.close()
