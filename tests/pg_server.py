"""A real PostgreSQL server for the tests, started by the tests themselves on 127.0.0.1.

The server binaries come from the ``pgserver`` wheel (PostgreSQL 16, a test extra: a fresh machine
with only Python gets them from ``pip install -e '.[test]'``), else from ``$TRACKER_TEST_PG_BIN``
or a Debian ``postgresql`` package. PostgreSQL refuses to run as root, so under root ``initdb`` and
``postgres`` run as the unprivileged ``nobody``, from a copy of the binaries in the server's
temporary folder (a checkout under /root is out of nobody's reach). One server per test session (durability off: a
test database is thrown away); each test gets a fresh database copied from a migrated template
(``CREATE DATABASE … TEMPLATE``, a few milliseconds).
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

TEMPLATE = "tracker_template"


def find_bin() -> Path | None:
    env = os.environ.get("TRACKER_TEST_PG_BIN")
    if env:
        return Path(env)
    try:
        from pgserver._commands import POSTGRES_BIN_PATH

        if (POSTGRES_BIN_PATH / "postgres").exists():
            return Path(POSTGRES_BIN_PATH)
    except ImportError:
        pass
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.base = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
        self.data = self.base / "data"
        self.port = _free_port()
        self.user: str | None = None
        self.proc: subprocess.Popen[bytes] | None = None
        self._names = itertools.count(1)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def db_url(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def start(self) -> None:
        if os.geteuid() == 0:
            self.user = "nobody"
            entry = pwd.getpwnam(self.user)
            os.chmod(self.base, 0o755)
            if not str(self.bindir).startswith("/usr/"):  # a venv under /root: nobody may not reach it
                self.bindir = self._copy_binaries()
            self.data.mkdir(mode=0o700)
            os.chown(self.data, entry.pw_uid, entry.pw_gid)
        env = {**os.environ, "LC_ALL": "C"}
        subprocess.run([str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                        "-E", "UTF8", "--no-sync", "--no-instructions"],
                       check=True, capture_output=True, user=self.user, env=env, cwd=self.base)
        log = open(self.base / "server.log", "wb")  # noqa: SIM115 (kept open for the server's life)
        self.proc = subprocess.Popen(
            [str(self.bindir / "postgres"), "-D", str(self.data), "-h", "127.0.0.1", "-p", str(self.port),
             "-k", "", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
             "-c", "max_connections=300", "-c", "shared_buffers=128MB"],
            stdout=log, stderr=subprocess.STDOUT, user=self.user, env=env, cwd=self.base,
            start_new_session=True)
        import psycopg

        deadline = time.monotonic() + 60
        while True:
            try:
                psycopg.connect(self.url, connect_timeout=2).close()
                break
            except psycopg.OperationalError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("PostgreSQL did not start:\n"
                                       + (self.base / "server.log").read_text(errors="replace")[-2000:]) from None
                time.sleep(0.1)
        self.sql(f"CREATE DATABASE {TEMPLATE}")
        from tracker.store.write import Store

        Store(self.db_url(TEMPLATE)).close()  # migrated once; every test database is a copy

    def _copy_binaries(self) -> Path:
        """The wheel's tree (pgserver/pginstall/{bin,lib,share}, with the shared libraries its RPATH
        names at ../../../pgserver.libs) copied into the server's folder; the new bin dir."""
        install = self.bindir.parent
        dest = self.base / "pkg" / install.parent.name / install.name
        shutil.copytree(install, dest, ignore=shutil.ignore_patterns("include", "*.a"))
        libs = install.parent.parent / f"{install.parent.name}.libs"
        if libs.is_dir():
            shutil.copytree(libs, self.base / "pkg" / libs.name)
        return dest / self.bindir.name

    def sql(self, stmt: str) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(stmt)

    def new_database(self) -> str:
        name = f"t{os.getpid()}_{next(self._names)}"
        self.sql(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return self.db_url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGINT)  # fast shutdown
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.base, ignore_errors=True)
