"""A real PostgreSQL for the workspace-store tests (issue 17, item 3): Debian's ``postgresql``
package, a throw-away cluster in a temporary directory, listening on a free loopback port.

``initdb`` and ``postgres`` refuse to run as root, so under root they run as the ``postgres``
user the Debian package creates (the temporary directory is handed to it). Authentication is
``trust`` on 127.0.0.1 only; the unix socket lives in the temporary directory. ``fsync`` is off:
the cluster is thrown away at the end. Missing binaries skip the tests on a developer's machine
and fail them under ``CI=true`` (like a missing Chromium): ``make test`` installs the package.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

HOST = "127.0.0.1"
SUPERUSER = "jtbd_test"


def running_under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1"}


def postgres_bindir() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` holding initdb (or initdb on PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def require_postgres() -> Path:
    bindir = postgres_bindir()
    if bindir is not None:
        return bindir
    message = (
        "PostgreSQL's server programs (initdb, pg_ctl) were not found: install Debian's package "
        "(apt-get install postgresql; `make test` does it)."
    )
    if running_under_ci():
        pytest.fail(f"{message} A missing PostgreSQL is a failure under CI=true.", pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class PostgresServer:
    """One throw-away cluster: :meth:`start`, :meth:`create_database`, :meth:`stop`."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="jtbd-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._user = "postgres" if os.geteuid() == 0 else None
        self._databases = 0

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [str(self.bindir / args[0]), *args[1:]], user=self._user, capture_output=True, text=True, timeout=120
        )
        if result.returncode != 0:
            log = (self.root / "server.log").read_text() if (self.root / "server.log").exists() else ""
            raise RuntimeError(f"{args[0]} failed ({result.returncode}): {result.stderr}\n{result.stdout}\n{log}")

    def start(self) -> PostgresServer:
        if self._user is not None:
            shutil.chown(self.root, self._user)
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-sync")
        options = (
            f"-c listen_addresses={HOST} -p {self.port} -c unix_socket_directories={self.root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "server.log"), "-w", "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@{HOST}:{self.port}/{database}"

    def create_database(self) -> str:
        """A new, empty database on the server; returns its URL."""
        import psycopg

        self._databases += 1
        name = f"store_{os.getpid()}_{self._databases}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
