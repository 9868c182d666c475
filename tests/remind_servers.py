"""Real servers on 127.0.0.1 for the delivery tests: an SMTP server (aiosmtpd) and an HTTP server.

Both count what they received, so tests assert on what actually arrived.
"""

from __future__ import annotations

import email
import json
import socket
import ssl
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

TLS = Path(__file__).parent / "tls"
CERT, KEY = TLS / "cert.pem", TLS / "key.pem"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Http:
    port: int
    mode: str = "ok"  # ok | 500 | slow | reply | redirect | trickle | fail_first
    delay: float = 0.0
    reply: bytes = b'{"errcode": 0, "errmsg": "ok"}'
    status: int = 302  # redirect: the 3xx status answered
    sign: str = ""  # dingtalk | feishu: verify the robot signature with ``secret``, as the services do
    secret: str = ""
    received: list[dict[str, Any]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    gets: list[str] = field(default_factory=list)  # any GET that arrived (a replayed redirect)
    refused: int = 0  # requests with a bad or missing signature
    posts: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def reminders(self) -> list[dict[str, Any]]:
        """Every reminder that arrived in a generic-format body."""
        with self.lock:
            return [r for body in self.received for r in body.get("reminders", [])]


@contextmanager
def http_server(port: int = 0, **kw: Any) -> Iterator[Http]:
    state = Http(port=port, **kw)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            with state.lock:
                state.gets.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def do_POST(self) -> None:  # noqa: N802
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n)
            with state.lock:
                state.posts += 1
                first = state.posts == 1
            if state.mode == "slow":
                time.sleep(state.delay)
            if state.mode == "trickle":  # one byte of the status line every ``delay`` seconds, for ever
                try:
                    for ch in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"x" * 100_000:
                        self.wfile.write(bytes([ch]))
                        self.wfile.flush()
                        time.sleep(state.delay)
                except OSError:
                    pass
                return
            if state.mode == "redirect":
                self.send_response(state.status)
                self.send_header("Location", "/moved")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if state.sign and not _signature_ok(state, self.path, json.loads(body)):
                with state.lock:
                    state.refused += 1
                reply = b'{"errcode": 310000, "errmsg": "sign not match"}' if state.sign == "dingtalk" \
                    else b'{"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}'
                self.send_response(200)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)
                return
            if state.mode == "500" or (state.mode == "fail_first" and first):
                self.send_response(500)
                self.end_headers()
                self.wfile.write(b"boom")
                return
            with state.lock:
                state.received.append(json.loads(body))
                state.paths.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(state.reply)))
            self.end_headers()
            self.wfile.write(state.reply)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    state.port = server.server_address[1]
    t = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    t.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def _signature_ok(state: Http, path: str, body: dict[str, Any]) -> bool:
    """The robot's check, written from the services' documentation (not from tracker's code).

    DingTalk: ``timestamp`` (ms) and ``sign`` in the query; sign = base64(HMAC-SHA256(key=secret,
    msg=timestamp + "\\n" + secret)), and the timestamp within an hour of now.
    Feishu: ``timestamp`` (s) and ``sign`` in the JSON body; sign = base64(HMAC-SHA256(
    key=timestamp + "\\n" + secret, msg=empty)), within an hour of now.
    """
    import base64
    import hashlib
    import hmac
    from urllib.parse import parse_qs, urlsplit

    if state.sign == "dingtalk":
        q = parse_qs(urlsplit(path).query)
        ts, sign = (q.get("timestamp") or [""])[0], (q.get("sign") or [""])[0]
        if not ts.isdigit() or abs(int(ts) / 1000 - time.time()) > 3600:
            return False
        want = base64.b64encode(hmac.new(state.secret.encode(), f"{ts}\n{state.secret}".encode(),
                                         hashlib.sha256).digest()).decode()
        return hmac.compare_digest(sign, want)
    ts, sign = str(body.get("timestamp", "")), str(body.get("sign", ""))
    if not ts.isdigit() or abs(int(ts) - time.time()) > 3600:
        return False
    want = base64.b64encode(hmac.new(f"{ts}\n{state.secret}".encode(), b"", hashlib.sha256).digest()).decode()
    return hmac.compare_digest(sign, want)


@dataclass
class Smtp:
    port: int
    messages: list[Message] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)


@contextmanager
def smtp_server(*, security: str = "none", user: str | None = None, password: str | None = None
                ) -> Iterator[Smtp]:
    """aiosmtpd on 127.0.0.1: ``none``, ``starttls`` (required) or ``ssl`` (implicit TLS)."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    state = Smtp(port=free_port())

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
            state.messages.append(email.message_from_bytes(envelope.content))
            state.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            return "250 OK"

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
            and auth_data.password.decode() == password
        if ok:
            state.logins.append(auth_data.login.decode())
        return AuthResult(success=ok)

    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(CERT, KEY)
    kw: dict[str, Any] = {}
    if user:
        kw.update(authenticator=authenticator, auth_required=True, auth_require_tls=security == "starttls")
    if security == "starttls":
        kw.update(tls_context=tls, require_starttls=True)
    if security == "ssl":
        with warnings.catch_warnings():  # AUTH over implicit TLS: aiosmtpd only knows STARTTLS
            warnings.simplefilter("ignore", UserWarning)
            controller = Controller(Handler(), hostname="127.0.0.1", port=state.port, ssl_context=tls, **kw)
    else:
        controller = Controller(Handler(), hostname="127.0.0.1", port=state.port, **kw)
    controller.start()
    try:
        yield state
    finally:
        controller.stop()
