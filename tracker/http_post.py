"""One bounded HTTP POST for the webhook channels: no redirects, a total deadline, short errors.

``urllib.request`` follows a 301/302/303 by replaying the POST as an empty GET (the message
is lost and the row looks sent), and its timeout bounds each socket read, not the request: a
server trickling one byte every few seconds holds it forever. So a webhook is one
``http.client`` request: a 3xx answer is a failure (a redirect is never followed), and a
watchdog shuts the socket down when the whole exchange — connect, send, status, headers and
body — has not finished within ``deadline`` seconds. ``Watchdog`` also bounds the SMTP
conversation in ``tracker.notify``.

Errors are ``DeliveryError`` with a short reason that never contains the URL (it may carry an
access token); ``tracker.secret_refs.redact`` is applied on top by the caller.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # socket, ssl and http.client are imported where a request is made (issue 12)
    import socket
    import ssl

MAX_REPLY = 65536


class PostError(Exception):
    """The POST failed; the text is short, names no URL and holds no secret."""


class Watchdog:
    """Calls ``kill`` once if the block has not finished within ``seconds``; ``fired`` says so."""

    def __init__(self, seconds: float, kill: Callable[[], None]) -> None:
        self.seconds = seconds
        self.fired = False
        self._kill = kill
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def _fire(self) -> None:
        self.fired = True
        with contextlib.suppress(Exception):  # a socket already closed is what we wanted
            self._kill()

    def __enter__(self) -> Watchdog:
        self._timer.start()
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self._timer.cancel()


def shutdown(sock: socket.socket | None) -> None:
    """Unblock every pending read and write on ``sock`` (from another thread)."""
    if sock is not None:
        import socket

        sock.shutdown(socket.SHUT_RDWR)


Resolver = Callable[[str, int], Sequence[tuple]]  # type: ignore[type-arg]


def _getaddrinfo(host: str, port: int) -> Sequence[tuple]:  # type: ignore[type-arg]
    import socket

    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)


def resolve_within(host: str, port: int, seconds: float, resolver: Resolver = _getaddrinfo) -> Sequence[tuple]:  # type: ignore[type-arg]
    """``resolver(host, port)`` (``getaddrinfo``) given at most ``seconds``: the system resolver
    cannot be interrupted and ignores socket timeouts, so it runs in a daemon thread that is
    abandoned, not waited for, when a slow DNS server would outlast the delivery deadline."""
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["ok"] = resolver(host, port)
        except Exception as exc:  # handed to the caller's thread below
            box["err"] = exc

    worker = threading.Thread(target=work, name="resolve", daemon=True)
    worker.start()
    worker.join(max(0.0, seconds))
    if "err" in box:
        raise box["err"]  # type: ignore[misc]
    if "ok" not in box:
        raise TimeoutError("host name not resolved within the delivery deadline")
    return box["ok"]  # type: ignore[return-value]


def bounded_connector(deadline: float, resolver: Resolver = _getaddrinfo) -> Callable[..., socket.socket]:
    """A ``socket.create_connection`` whose name resolution ends by ``deadline`` seconds from now
    (the watchdog can only shut a socket that exists); connecting then tries each address."""
    end = time.monotonic() + deadline

    def connect(address: tuple[str, int], timeout: float | None = None,
                source_address: tuple[str, int] | None = None) -> socket.socket:
        import socket

        host, port = address
        infos = resolve_within(host, port, end - time.monotonic(), resolver)
        last: OSError = OSError("no address for the host")
        for _family, _type, _proto, _name, addr in infos:
            try:
                return socket.create_connection((addr[0], addr[1]), timeout, source_address)
            except OSError as exc:
                last = exc
        raise last

    return connect


def check_url(url: str) -> str | None:
    """None if ``url`` can be POSTed to, else the problem (never quoting the URL)."""
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return "the URL contains spaces or control characters"
    if not url.isascii():
        return "the URL contains non-ASCII characters (percent-encode them)"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a bad port)
    except ValueError:
        return "the URL is malformed"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be an http:// or https:// URL"
    return None


def proxy_for(url: str, env: Mapping[str, str]) -> str | None:
    """The proxy ``urllib`` would use for ``url`` under ``env`` (``https_proxy``, ``http_proxy``,
    ``no_proxy``, either case), or None."""
    from urllib.request import proxy_bypass_environment  # type: ignore[attr-defined]

    parts = urlsplit(url)
    proxy = env.get(f"{parts.scheme}_proxy") or env.get(f"{parts.scheme.upper()}_PROXY")
    if not proxy:
        return None
    no = env.get("no_proxy") or env.get("NO_PROXY") or ""
    if no and proxy_bypass_environment(parts.hostname or "", {"no": no}):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


def post(url: str, body: bytes, headers: Mapping[str, str], *, timeout: float, deadline: float,
         context: ssl.SSLContext | None = None, proxy: str | None = None,
         resolver: Resolver = _getaddrinfo) -> tuple[int, bytes]:
    """POST ``body``; (status, first 64 KB of the reply) for a 2xx answer, else ``PostError``.
    ``proxy`` (``http://host:port``): an https URL is tunnelled through it (CONNECT), an http
    URL is sent to it whole. The deadline covers name resolution too (``resolver``)."""
    problem = check_url(url) or (check_url(proxy) if proxy else None)
    if problem:
        raise PostError(problem if not proxy else f"{problem} (or the proxy's)")
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    via = urlsplit(proxy) if proxy else None
    import http.client  # here, not at the top: a dry run of the daily job sends nothing (issue 12)
    import ssl

    conn: http.client.HTTPConnection
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(via.hostname or "" if via else host, via.port if via else port,
                                           timeout=timeout, context=context or ssl.create_default_context())
        if via:
            conn.set_tunnel(host, port)
    elif via:
        conn = http.client.HTTPConnection(via.hostname or "", via.port, timeout=timeout)
        target = url  # an HTTP proxy takes the absolute URI
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
    conn._create_connection = bounded_connector(deadline, resolver)  # type: ignore[attr-defined]
    dog = Watchdog(deadline, lambda: shutdown(conn.sock))
    try:
        with dog:
            conn.request("POST", target, body=body, headers=dict(headers))
            resp = conn.getresponse()
            status, reply = resp.status, resp.read(MAX_REPLY)
    except Exception as exc:
        raise PostError(_reason(exc, dog, timeout)) from None
    finally:
        conn.close()
    if dog.fired:  # the answer may be whole by luck, but the deadline has passed
        raise PostError(f"no complete answer within {deadline:g}s")
    if 300 <= status < 400:
        raise PostError(f"HTTP {status} redirect, not followed (a webhook POST is never replayed elsewhere)")
    if not 200 <= status < 300:
        raise PostError(f"HTTP {status}")
    return status, reply


def _reason(exc: BaseException, dog: Watchdog, timeout: float) -> str:
    import http.client
    import socket
    import ssl

    if isinstance(exc, TimeoutError) and "not resolved" in str(exc):
        return str(exc)
    if dog.fired:
        return f"no complete answer within {dog.seconds:g}s"
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"timed out after {timeout:g}s"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS certificate not trusted ({exc.verify_message})"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error ({exc.reason or type(exc).__name__})"
    if isinstance(exc, socket.gaierror):
        return "host name not found"
    if isinstance(exc, OSError):
        return str(exc.strerror or type(exc).__name__)
    if isinstance(exc, http.client.HTTPException):
        return f"bad HTTP exchange ({type(exc).__name__})"
    return type(exc).__name__

