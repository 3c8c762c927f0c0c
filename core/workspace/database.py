"""Workspaces: one DuckDB database per workshop.

A workspace is a DuckDB file ``<data dir>/<token>.duckdb``; the token comes from
``secrets.token_urlsafe`` and is the only way in (the app puts it in the URL). Tests and the
CLI use an in-memory workspace. Every query runs on a cursor of the workspace's one
connection (:meth:`Workspace.cursor`), so Streamlit's threads never share a cursor.

The data directory is ``$JTBD_DATA_DIR`` when set, else ``data/workspaces`` (core.workspace.paths).
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeGuard

import duckdb

from core.sqlfiles import query, schema_extensions, script
from core.workspace.paths import data_dir

_TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
SCHEMA_VERSION = 1


class WorkspaceNotFound(LookupError):
    """Raised when a token names no existing workspace."""


def new_token() -> str:
    """A fresh, unguessable workspace token (URL-safe)."""
    return secrets.token_urlsafe(18)


def is_valid_token(token: str | None) -> TypeGuard[str]:
    """True when ``token`` has the shape of a workspace token (no paths, no dots)."""
    return bool(token) and bool(_TOKEN_PATTERN.match(token))


def workspace_path(token: str) -> Path:
    if not is_valid_token(token):
        raise WorkspaceNotFound("That workspace link is not valid.")
    return data_dir() / f"{token}.duckdb"


def workspace_exists(token: str | None) -> bool:
    return is_valid_token(token) and workspace_path(token).exists()


class Workspace:
    """One open workspace: a DuckDB connection plus small helpers for settings."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, token: str | None, path: Path | None):
        self._connection = connection
        self.token = token
        self.path = path
        self._write_lock = threading.RLock()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A new cursor on this workspace; use one per thread / per operation."""
        return self._connection.cursor()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor inside a transaction that commits on success and rolls back on error."""
        with self._write_lock:
            cur = self.cursor()
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            else:
                cur.execute("COMMIT")
            finally:
                cur.close()

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self.cursor().execute(query("settings", "get"), {"key": key}).fetchone()
        return default if row is None or row[0] is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        with self._write_lock:
            cur = self.cursor()
            cur.execute(query("settings", "put"), {"key": key, "value": json.dumps(value)})
            cur.execute(query("settings", "bump_revision"))

    @property
    def revision(self) -> int:
        """A counter that grows with every change of data or settings (a cache key)."""
        return int(self.get_setting("revision", 0))

    def touch(self) -> None:
        """Record that something changed: derived data cached under the old revision is stale."""
        with self._write_lock:
            self.cursor().execute(query("settings", "bump_revision"))

    def close(self) -> None:
        self._connection.close()


def _initialise(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute(script("schema"))
    for family in schema_extensions():
        connection.execute(script(family))
    connection.execute(query("settings", "put_if_absent"), {"key": "schema_version", "value": str(SCHEMA_VERSION)})


def open_workspace(token: str | None = None, *, create: bool = False) -> Workspace:
    """Open a workspace.

    - ``token=None``: a fresh in-memory workspace (tests, CLI).
    - ``token`` given: the file ``<data dir>/<token>.duckdb``; raises :class:`WorkspaceNotFound`
      unless it exists or ``create`` is true.
    """
    if token is None:
        connection = duckdb.connect(":memory:")
        path = None
    else:
        path = workspace_path(token)
        if not path.exists() and not create:
            raise WorkspaceNotFound(
                "No workspace matches that link. It may have been deleted, or the link is incomplete."
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = duckdb.connect(str(path))
    _initialise(connection)
    return Workspace(connection, token, path)


def create_workspace() -> Workspace:
    """A new file-backed workspace with a new token."""
    return open_workspace(new_token(), create=True)
