"""Name resolution counts against the delivery deadline.

The system resolver ignores socket timeouts, so a DNS server that never answers would hold a
run past every deadline. These tests hand ``post`` and the SMTP connect a resolver that hangs
and check the delivery fails within the deadline, plus that a resolver answering normally
still reaches a real server on 127.0.0.1.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Sequence

import pytest
from remind_servers import http_server

from tracker.http_post import PostError, bounded_connector, post, resolve_within


def hanging(release: threading.Event):
    def resolver(host: str, port: int) -> Sequence[tuple]:  # type: ignore[type-arg]
        release.wait(30)
        raise socket.gaierror("never answered")
    return resolver


def test_a_hanging_resolver_fails_within_the_deadline() -> None:
    release = threading.Event()
    start = time.monotonic()
    with pytest.raises(PostError, match="host name not resolved within the delivery deadline"):
        post("http://dns-never-answers.invalid/hook", b"{}", {}, timeout=10, deadline=0.5,
             resolver=hanging(release))
    took = time.monotonic() - start
    release.set()
    assert took < 10  # the resolver would have held it 30 s


def test_resolve_within_passes_errors_and_answers_through() -> None:
    def refusing(host: str, port: int) -> Sequence[tuple]:  # type: ignore[type-arg]
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    with pytest.raises(socket.gaierror):
        resolve_within("nowhere.invalid", 80, 5, refusing)
    answer = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 80))]
    assert resolve_within("x", 80, 5, lambda h, p: answer) == answer


def test_a_resolver_that_answers_reaches_the_server() -> None:
    asked: list[str] = []

    def local(host: str, port: int) -> Sequence[tuple]:  # type: ignore[type-arg]
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    with http_server() as srv:
        status, _ = post(f"http://hooks.example.test:{srv.port}/hook", b'{"a": 1}',
                         {"Content-Type": "application/json"}, timeout=5, deadline=5, resolver=local)
        assert status == 200
        assert asked == ["hooks.example.test"]
        assert srv.posts == 1 and srv.received == [{"a": 1}]


def test_the_connector_tries_the_next_address() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        dead_port = closed.getsockname()[1]  # bound, not listening: refused
        with socket.socket() as live:
            live.bind(("127.0.0.1", 0))
            live.listen(1)
            port = live.getsockname()[1]
            addrs = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", dead_port)),
                     (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
            conn = bounded_connector(5, lambda h, p: addrs)(("anything.test", port), 5)
            with conn:
                assert conn.getpeername()[1] == port


def test_an_smtp_host_that_does_not_resolve_in_time_is_a_one_line_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker import notify
    from tracker.config import Smtp

    release = threading.Event()
    monkeypatch.setattr(notify, "resolve_within",
                        lambda h, p, s: resolve_within(h, p, s, hanging(release)))
    start = time.monotonic()
    with pytest.raises(notify.DeliveryError, match=r"^SMTP mail.example.test:25: host name not resolved"):
        notify._smtp_connect(Smtp(host="mail.example.test", port=25), timeout=10, deadline=0.5)
    release.set()
    assert time.monotonic() - start < 10
