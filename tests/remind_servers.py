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
    mode: str = "ok"  # ok | 500 | slow | reply
    delay: float = 0.0
    reply: bytes = b'{"errcode": 0, "errmsg": "ok"}'
    received: list[dict[str, Any]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
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
        def do_POST(self) -> None:  # noqa: N802
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n)
            if state.mode == "slow":
                time.sleep(state.delay)
            if state.mode == "500":
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
