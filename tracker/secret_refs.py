"""Webhook secrets: kept out of the database, out of the command line, and out of every output.

A webhook URL usually *is* the credential (DingTalk's ``access_token=``, WeCom's ``key=``,
Slack's and Feishu's hook paths), and a signed robot has a signing secret besides. Neither
needs to be stored: ``tracker assign`` records a *reference* and the daily job resolves it
when it sends:

- ``env:NAME``: the value of the environment variable NAME (``--webhook-env``, ``--sign-secret-env``);
- ``file:/abs/path``: the first line of a file only its owner can read (mode 0600 or stricter;
  ``--webhook-file``, ``--sign-secret-file``).

``redact`` shortens every query value and every long path segment of any URL in a text to its
last four characters (``access_token=…abc1``), so an error, a log line or a listing never shows
a token. Signing (``sign_dingtalk``, ``sign_feishu``) follows the services' documentation:
HMAC-SHA256 over ``"{timestamp}\\n{secret}"``, base64.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus, urlsplit, urlunsplit

_URL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^\s'\"<>]+")
_TOKENISH = re.compile(r"[A-Za-z0-9_\-]{16,}")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class SecretError(Exception):
    """A secret reference cannot be resolved; the text names the reference, never a value."""


def _tail(value: str) -> str:
    return "…" + value[-4:] if len(value) > 4 else "…"


def redact_url(url: str) -> str:
    """``url`` with query values and token-like path segments cut to their last four characters."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return _URL.sub("<url>", url)
    path = "/".join(_tail(seg) if _TOKENISH.fullmatch(seg) else seg for seg in parts.path.split("/"))
    query = "&".join(f"{k}={_tail(v)}" if eq else _tail(k)
                     for k, eq, v in (item.partition("=") for item in parts.query.split("&") if item))
    netloc = parts.netloc.rsplit("@", 1)[-1]  # user:password@ never shown
    return urlunsplit((parts.scheme, netloc, path, query, ""))


def redact(text: str) -> str:
    """Every URL inside ``text`` redacted (``redact_url``)."""
    return _URL.sub(lambda m: redact_url(m.group(0)), text)


def is_ref(address: str) -> bool:
    return address.startswith(("env:", "file:"))


def check_ref(ref: str) -> str | None:
    """None if ``ref`` is a usable reference now, else the problem."""
    try:
        resolve(ref, os.environ)
    except SecretError as exc:
        return str(exc)
    return None


def env_ref(name: str) -> str:
    if not _ENV_NAME.fullmatch(name):
        raise SecretError(f"{name!r} is not an environment variable name")
    return f"env:{name}"


def has_token(url: str) -> bool:
    """True if ``url`` carries something ``redact_url`` would hide (a query value, a token-like
    path segment, a password): then it is a credential and is not stored as given."""
    return redact_url(url) != url


def keep_in_file(value: str, directory: Path) -> str:
    """Write ``value`` to a file only its owner can read, in ``directory`` (made 0700), and return
    its ``file:`` reference. The name is a digest of the value, so the same URL kept twice is one
    file and one reference (``tracker assign`` stays idempotent)."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(directory, 0o700)
    import hashlib

    path = directory / f"webhook-{hashlib.sha256(value.encode()).hexdigest()[:16]}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, (value + "\n").encode())
    finally:
        os.close(fd)
    return file_ref(path)


def file_ref(path: str | Path) -> str:
    return f"file:{Path(path).expanduser().resolve()}"


def resolve(ref: str, env: Mapping[str, str]) -> str:
    """The secret a reference names (``env:NAME`` or ``file:/path``); ``SecretError`` if unavailable."""
    kind, _, where = ref.partition(":")
    if kind == "env":
        value = env.get(where, "")
        if not value.strip():
            raise SecretError(f"environment variable ${where} is not set")
        return value.strip()
    if kind == "file":
        p = Path(where)
        try:
            st = p.stat()
            if st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
                raise SecretError(f"secrets file {p} is readable by others (chmod 600 {p})")
            lines = p.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise SecretError(f"secrets file {p}: {exc.strerror or type(exc).__name__}") from None
        except UnicodeDecodeError:
            raise SecretError(f"secrets file {p} is not UTF-8 text") from None
        value = next((ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")), "")
        if not value:
            raise SecretError(f"secrets file {p} is empty")
        return value
    raise SecretError("unknown secret reference (expected env:NAME or file:/path)")


def _hmac_b64(key: bytes, msg: bytes) -> str:
    import base64
    import hashlib
    import hmac

    return base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode()


def sign_dingtalk(url: str, secret: str, timestamp_ms: int) -> str:
    """The DingTalk robot URL with ``&timestamp=…&sign=…``: HMAC-SHA256 keyed by the secret over
    ``"{timestamp}\\n{secret}"`` (milliseconds), base64, URL-encoded."""
    sign = _hmac_b64(secret.encode(), f"{timestamp_ms}\n{secret}".encode())
    glue = "&" if urlsplit(url).query else "?"
    return f"{url}{glue}timestamp={timestamp_ms}&sign={quote_plus(sign)}"


def sign_feishu(body: dict[str, Any], secret: str, timestamp_s: int) -> dict[str, Any]:
    """The Feishu/Lark robot body with ``timestamp`` and ``sign``: HMAC-SHA256 keyed by
    ``"{timestamp}\\n{secret}"`` (seconds) over an empty message, base64."""
    sign = _hmac_b64(f"{timestamp_s}\n{secret}".encode(), b"")
    return {"timestamp": str(timestamp_s), "sign": sign, **body}
