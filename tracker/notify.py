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
one message per reminder. Only the standard library is used (smtplib; http.client through
``tracker.http_post``: no redirect followed, a total deadline per delivery besides the
per-read timeout). Any failure is a one-line ``DeliveryError`` with URLs redacted
(``tracker.secret_refs``). Credentials come from ``config.Smtp`` (the environment); a password
is never sent over an unencrypted connection unless ``allow_plaintext_login`` says so. Webhook
URLs and signing secrets may be references (``env:NAME``, ``file:/path``) resolved from
``Context.env`` at sending time; DingTalk and Feishu robots with signature security are signed.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from tracker import secret_refs
from tracker.config import Smtp
from tracker.http_post import PostError, Watchdog, post, proxy_for, resolve_within, shutdown

if TYPE_CHECKING:  # smtplib, ssl and email are imported where mail is sent: not for a dry run (issue 12)
    import smtplib
    from email.message import EmailMessage

WEBHOOK_FORMATS = ("generic", "dingtalk", "feishu", "wecom", "slack")
DIGEST_KINDS = ("email", "dingtalk", "feishu", "wecom", "slack")
CHAT_LIMIT_BYTES = 3800  # WeCom markdown: 4096 bytes; DingTalk/Feishu/Slack allow more


class DeliveryError(Exception):
    """A message could not be delivered; the text is short and holds no secrets."""


@dataclass(frozen=True)
class Target:
    """Where a reminder goes: a channel (the outbox key) and how to reach it."""

    channel: str  # outbox key, safe to display
    kind: str  # console | log | email | webhook
    address: str = field(default="", repr=False)  # e-mail address, URL (or env:/file: reference), log path
    format: str = "generic"  # webhooks: generic | dingtalk | feishu | wecom | slack
    secret: str = field(default="", repr=False)  # signing secret reference (env:NAME | file:/path) or ""

    @property
    def digest(self) -> bool:
        return self.kind == "email" or (self.kind == "webhook" and self.format != "generic")


def webhook_channel(url: str, fmt: str) -> str:
    if secret_refs.is_ref(url):  # the name of a variable or a file: safe to show
        return f"{fmt}:{url}"
    try:
        host = urlsplit(url).hostname or "?"
    except ValueError:
        host = "?"
    import hashlib  # here: hashlib is not needed by a run that sends nothing (start-up, issue 12)

    return f"{fmt}:{host}#{hashlib.sha256(url.encode()).hexdigest()[:8]}"


def email_target(address: str) -> Target:
    return Target(f"email:{address}", "email", address)


def webhook_target(url: str, fmt: str = "generic", secret: str | None = None) -> Target:
    return Target(webhook_channel(url, fmt), "webhook", url, fmt, secret or "")


def check_webhook_url(url: str) -> str | None:
    """None if the URL can be a webhook, else the problem (the URL is not quoted in it)."""
    from tracker.http_post import check_url

    return check_url(url)


def check_email(address: str) -> str | None:
    local, at, domain = address.partition("@")
    if not at or not local or not domain or any(c.isspace() for c in address) or "," in address:
        return "not an e-mail address"
    return None


@dataclass
class Context:
    """What the channels need besides the message: settings and where to write."""

    smtp: Smtp = field(default_factory=Smtp)
    timeout: float = 10.0  # per socket operation
    deadline: float = 60.0  # per delivery, in total (a trickling server cannot hold a run)
    env: Mapping[str, str] = field(default_factory=dict, repr=False)  # resolves env: references
    clock: Callable[[], float] = time.time  # signature timestamps
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
    k = 0
    for n in chunk_sizes((_line(it) for it in items), max_items, max_bytes):
        out.append(list(items[k:k + n]))
        k += n
    return out


def chunk_sizes(lines: Iterable[str], max_items: int = 50, max_bytes: int = CHAT_LIMIT_BYTES) -> list[int]:
    """How many of the digest's lines go into each chat message, in order (``chat_chunks``)."""
    out: list[int] = []
    cur = 0
    size = 200  # heading
    for line in lines:
        n = len(line.encode()) + 4
        if cur and (cur >= max_items or size + n > max_bytes):
            out.append(cur)
            cur, size = 0, 200
        cur += 1
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
    from email.message import EmailMessage
    from email.utils import formatdate, make_msgid

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
    """Deliver one message with ``items`` to ``target``; DeliveryError (one line, no secret) on
    any failure at all."""
    if not items:
        return
    try:
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
    except DeliveryError as exc:
        raise DeliveryError(secret_refs.redact(str(exc).splitlines()[0] if str(exc) else "failed")) from None
    except Exception as exc:  # a bug or a library surprise fails this delivery only
        raise DeliveryError(f"{target.channel}: {type(exc).__name__}") from None


def _console(items: Sequence[dict[str, Any]], ctx: Context) -> None:
    console = ctx.console
    if console is None:
        from rich.console import Console

        console = ctx.console = Console(stderr=True, highlight=False, soft_wrap=True)
    style = {"overdue": "bold red", "penalty": "red", "suspension_right": "bold red",
             "event_late": "yellow", "evaluation_shortfall": "yellow", "calendar_uncovered": "magenta"}
    lines = [_line(it) for it in items]
    if not console.is_terminal and not console.record and not console.is_jupyter:  # no styles to apply
        console.file.write("".join(line + "\n" for line in lines))
        console.file.flush()
        return
    from rich.text import Text

    texts = []  # one print of plain Text objects: no markup to escape and parse per line
    for it, line in zip(items, lines, strict=True):
        reason = str(it.get("reason"))
        texts.append(Text(line, style=style.get(reason, "bold" if reason == "due_today" else "")))
    console.print(*texts, sep="\n")


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
    try:
        url = secret_refs.resolve(target.address, ctx.env) if secret_refs.is_ref(target.address) else target.address
        secret = secret_refs.resolve(target.secret, ctx.env) if target.secret else ""
    except secret_refs.SecretError as exc:
        raise DeliveryError(f"{target.channel}: {exc}") from None
    data = webhook_body(target.format, items, ctx.title)
    if secret and target.format == "dingtalk":
        url = secret_refs.sign_dingtalk(url, secret, int(ctx.clock() * 1000))
    elif secret and target.format == "feishu":
        data = secret_refs.sign_feishu(data, secret, int(ctx.clock()))
    elif secret:
        raise DeliveryError(f"{target.channel}: signing is only defined for dingtalk and feishu")
    body = json.dumps(data, ensure_ascii=False).encode()
    try:
        status, reply = post(url, body, {"Content-Type": "application/json; charset=utf-8",
                                         "User-Agent": "tracker-reminders/1"},
                             timeout=ctx.timeout, deadline=ctx.deadline, proxy=proxy_for(url, ctx.env))
    except PostError as exc:
        raise DeliveryError(f"{target.channel}: {exc}") from None
    _check_reply(target.format, status, reply)


def _smtp_connect(smtp: Smtp, timeout: float, deadline: float) -> smtplib.SMTP:
    import smtplib
    import ssl

    if not smtp.host:
        raise DeliveryError("no SMTP host configured ([smtp] host or $TRACKER_SMTP_HOST)")
    where = f"SMTP {smtp.host}:{smtp.port}"
    login = bool(smtp.user and smtp.password)
    if login and smtp.security == "none" and not smtp.allow_plaintext_login:
        raise DeliveryError(f'{where}: refusing to send the password unencrypted (security = "none"); '
                            'use starttls or ssl, or set allow_plaintext_login = true')
    if login and not (str(smtp.user).isascii() and str(smtp.password).isascii()):
        raise DeliveryError(f"{where}: the SMTP user name or password has non-ASCII characters, "
                            "which SMTP AUTH cannot send")
    context = ssl.create_default_context(cafile=smtp.ca_file or None)
    conn: smtplib.SMTP = (smtplib.SMTP_SSL(timeout=timeout, context=context) if smtp.security == "ssl"
                          else smtplib.SMTP(timeout=timeout))
    conn._host = smtp.host  # type: ignore[attr-defined]  # what __init__ would set: STARTTLS and SMTP_SSL check the certificate against it
    start = time.monotonic()
    try:
        infos = resolve_within(smtp.host, smtp.port, deadline)
    except TimeoutError as exc:
        raise DeliveryError(f"{where}: {exc}") from None
    except OSError:
        raise DeliveryError(f"{where}: host name not found") from None
    dog = Watchdog(max(0.0, deadline - (time.monotonic() - start)),
                   lambda: shutdown(getattr(conn, "sock", None)))
    try:
        with dog:
            _connect_any(conn, infos, smtp.port)
            if smtp.security == "starttls":
                conn.starttls(context=context)
            if login:
                conn.login(str(smtp.user), str(smtp.password))
        if dog.fired:
            raise TimeoutError
        return conn
    except smtplib.SMTPAuthenticationError:
        conn.close()
        raise DeliveryError(f"{where}: authentication failed") from None
    except Exception as exc:
        conn.close()
        if dog.fired:
            raise DeliveryError(f"{where}: no complete answer within {deadline:g}s") from None
        text = "timed out" if isinstance(exc, TimeoutError) else _smtp_reason(exc)
        raise DeliveryError(f"{where}: {text}") from None


def _connect_any(conn: smtplib.SMTP, infos: Sequence[tuple], port: int) -> None:  # type: ignore[type-arg]
    """Connect to the first address of ``infos`` that answers (the name is already resolved, so
    the deadline covered it; TLS still checks the certificate against the host name)."""
    last: OSError = OSError("no address for the host")
    for *_, addr in infos:
        try:
            conn.connect(addr[0], port)
            return
        except OSError as exc:
            last = exc
    raise last


def _smtp_reason(exc: BaseException) -> str:
    import smtplib
    import ssl

    if isinstance(exc, smtplib.SMTPResponseException):
        err = exc.smtp_error
        text = err.decode(errors="replace") if isinstance(err, bytes) else str(err)
        return f"{exc.smtp_code} {text[:100]}".strip()
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc).splitlines()[0][:120] if str(exc) else ""
    return text if isinstance(exc, smtplib.SMTPException | ssl.SSLError) and text else type(exc).__name__


def _email(target: Target, items: Sequence[dict[str, Any]], ctx: Context) -> None:
    import smtplib

    msg = email_message(ctx.smtp, target.address, items, ctx.title)
    for attempt in (1, 2):  # a kept-open connection may have been dropped by the server
        if ctx._smtp_conn is None:
            ctx._smtp_conn = _smtp_connect(ctx.smtp, ctx.timeout, ctx.deadline)
        conn = ctx._smtp_conn
        dog = Watchdog(ctx.deadline, _shutdown_of(conn))
        try:
            with dog:
                refused = conn.send_message(msg)
            if dog.fired:
                raise TimeoutError
        except smtplib.SMTPServerDisconnected:
            if dog.fired:
                close(ctx)
                raise DeliveryError(f"SMTP {ctx.smtp.host}:{ctx.smtp.port}: no complete answer within "
                                    f"{ctx.deadline:g}s") from None
            ctx._smtp_conn = None
            if attempt == 2:
                raise DeliveryError(f"SMTP {ctx.smtp.host}:{ctx.smtp.port}: server disconnected") from None
            continue
        except smtplib.SMTPRecipientsRefused:
            raise DeliveryError(f"SMTP refused recipient {target.address}") from None
        except Exception as exc:
            close(ctx)
            text = f"no complete answer within {ctx.deadline:g}s" if dog.fired else \
                "timed out" if isinstance(exc, TimeoutError) else _smtp_reason(exc)
            raise DeliveryError(f"SMTP {ctx.smtp.host}:{ctx.smtp.port}: {text}") from None
        if refused:
            raise DeliveryError(f"SMTP refused recipient {target.address}")
        return


def _shutdown_of(conn: smtplib.SMTP) -> Callable[[], None]:
    return lambda: shutdown(getattr(conn, "sock", None))


def close(ctx: Context) -> None:
    """Close a kept-open SMTP connection."""
    conn, ctx._smtp_conn = ctx._smtp_conn, None
    if conn is not None:
        import smtplib

        try:
            conn.quit()
        except (smtplib.SMTPException, OSError):
            conn.close()
