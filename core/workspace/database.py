"""Workspaces: one DuckDB database per workshop.

A workspace is a DuckDB file ``<data dir>/<token>.duckdb``; the token comes from
``secrets.token_urlsafe`` and is the only way in (the app puts it in the URL). Tests and the
CLI use an in-memory workspace. Every query runs on a cursor of the workspace's one
connection (:meth:`Workspace.cursor`), so Streamlit's threads never share a cursor.

The data directory is ``$JTBD_DATA_DIR`` when set, else ``data/workspaces`` (core.workspace.paths).

Read-only handles (decision). A handle opened ``read_only`` refuses every write: each write entry
point (:meth:`Workspace.transaction`, :meth:`Workspace.set_setting`, :meth:`Workspace.touch`)
first calls :meth:`Workspace._writable`. Without ``on_first_write`` that raises
:class:`WorkspaceReadOnly` (the view links of issue 17 use this). With it, the handle is
*copy on write*: the first write calls ``on_first_write()``, which returns a new writable
workspace (the bundled sample copied to a fresh token, see :mod:`core.workspace.samples`); the
handle takes over its connection, token and path, and the write goes there. Callers notice the
switch through :attr:`Workspace.token`. Direct writes through a cursor of a read-only handle are
refused by DuckDB itself.

Where writes end (issue 17, item 3). Those three entry points are the only ways the app changes a
workspace, and each ends in :meth:`Workspace._written`, which calls the write listener
(:meth:`Workspace.on_write`): the workspace store pushes the changed tables there, after the
local commit (core.workspace.store_sync). Rule: tables are written only inside
:meth:`Workspace.transaction` (after which any table may have changed); :meth:`set_setting` and
:meth:`touch` change only ``settings``, so only that table is looked at after them.

Opening problems become messages, never tracebacks: a file that is not a DuckDB database (empty,
truncated, corrupt, something else) raises :class:`WorkspaceUnreadable`, a file another process
holds raises :class:`WorkspaceInUse`; both carry a message without server paths
(core.workspace.opening_errors).
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, TypeGuard

import duckdb

from core.sqlfiles import query, schema_extensions, script
from core.workspace import rating_counts, segment_counts
from core.workspace.closing import close_connection
from core.workspace.opening_errors import opening_error
from core.workspace.paths import data_dir
from core.workspace.settings_reads import SettingsReads

_TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
SCHEMA_VERSION = 1
VOTE_TABLES = ("voters", "votes", "dot_votes")  # what Workspace.write_votes can change


SETTINGS_ONLY = ("settings",)  # what set_setting and touch change
WriteListener = Callable[["Workspace", tuple[str, ...] | None], None]


class WorkspaceNotFound(LookupError):
    """Raised when a token names no existing workspace."""


class WorkspaceReadOnly(PermissionError):
    """Raised when something tries to change a workspace opened read-only."""


# No extension is ever fetched or loaded on its own: a non-DuckDB file (e.g. SQLite) must not make
# DuckDB download a reader from the internet.
CONNECT_CONFIG: dict[str, str | bool | int | float | list[str]] = {  # the type duckdb.connect takes
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
}
_OPENING_GUARD = threading.Lock()
_OPENING: dict[Path, threading.Lock] = {}  # one lock per workspace file: see _opening


def _opening(path: Path) -> threading.Lock:
    """The lock that serialises opening ``path`` in this process: opening runs :func:`initialise`,
    whose ``CREATE OR REPLACE`` statements write the catalog, and sessions opening one workshop at
    the same moment (a room scanning the vote QR code, browsers reconnecting after a restart) share
    one DuckDB instance, where their catalog writes collided (a write-write conflict that read as a
    damaged file). DuckDB's file lock keeps other processes out, so a lock per file is enough."""
    with _OPENING_GUARD:
        return _OPENING.setdefault(path.resolve(), threading.Lock())


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
    """One open workspace: a DuckDB connection plus small helpers for settings.

    ``read_only`` handles refuse writes, or, with ``on_first_write``, copy on write (module docstring).
    ``owns_connection=False`` leaves the connection open on :meth:`close` (a shared read-only sample).
    """

    def __init__(
        self,
        connection: duckdb.DuckDBPyConnection,
        token: str | None,
        path: Path | None,
        *,
        read_only: bool = False,
        on_first_write: Callable[[], Workspace] | None = None,
        owns_connection: bool = True,
        votes: bool = False,
    ):
        self._connection = connection
        self.token = token
        self.path = path
        self._write_lock = threading.RLock()
        self._read_only = read_only
        self._on_first_write = on_first_write
        self._owns_connection = owns_connection
        self._write_listener: WriteListener | None = None
        self._personal: dict[str, str] = {}  # a viewer's own choices (see set_setting), this handle only
        self._votes = votes  # a vote link's handle: refuses writes except write_votes
        self._settings = SettingsReads()  # read once per script run (settings_snapshot)

    @property
    def read_only(self) -> bool:
        """True while writes are refused or not yet materialised (copy on write)."""
        return self._read_only

    @property
    def copy_on_write(self) -> bool:
        """True while the first write will create a new workspace instead of failing."""
        return self._read_only and self._on_first_write is not None

    def _writable(self) -> None:
        """Called before every write: refuse it, or materialise a copy-on-write handle first."""
        if not self._read_only:
            return
        with self._write_lock:
            if not self._read_only:
                return
            self.require_writable()
            assert self._on_first_write is not None
            target = self._on_first_write()
            if self._owns_connection:
                close_connection(self._connection)
            self._connection, self.token, self.path = target._connection, target.token, target.path
            self._write_listener = target._write_listener
            self._owns_connection, target._owns_connection = target._owns_connection, False
            self._read_only, self._on_first_write = False, None
            self.forget_read_settings()

    @property
    def write_listener(self) -> WriteListener | None:
        """Called after every committed write (the workspace store's push)."""
        return self._write_listener

    def on_write(self, listener: WriteListener | None) -> None:
        """Call ``listener(self, tables)`` after every committed write from now on (None: no more);
        ``tables`` names the tables the write can have changed, None when it can be any."""
        self._write_listener = listener

    def _written(self, tables: tuple[str, ...] | None = None) -> None:
        self.forget_read_settings()
        if self._write_listener is not None:
            self._write_listener(self, tables)

    def require_writable(self) -> None:
        """Refuse now, before a long read (an upload, a restore), when this handle refuses writes.
        A copy-on-write handle passes: its first write creates the workspace."""
        if self.refuses_writes:
            raise WorkspaceReadOnly("This workspace is open read-only: it cannot be changed from here.")

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A new cursor on this workspace; use one per thread / per operation."""
        return self._connection.cursor()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor inside a transaction that commits on success and rolls back on error."""
        self._writable()
        with self._committed() as cur:
            yield cur
        self._written()

    @contextmanager
    def _committed(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction under the write lock: committed on success, rolled back on error."""
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

    @property
    def accepts_votes(self) -> bool:
        """True when participant votes may be written: an edit handle, or a vote link's handle."""
        return not self.refuses_writes or self._votes

    def write_votes(self, statements: list[tuple[str, dict[str, Any]]]) -> None:
        """Run ``(name, parameters)`` pairs of ``core/sql/votes.sql`` in one transaction (issue 17.2).

        The one write a vote link's handle allows: only statements named ``write_*`` of that file
        (they touch the vote tables only), so a vote link cannot change anything else; a view
        link's handle refuses, as it refuses every write.
        """
        if not self.accepts_votes:
            raise WorkspaceReadOnly("This link can only look: it cannot vote. Ask the facilitator for the vote link.")
        if any(not name.startswith("write_") for name, _ in statements):
            raise ValueError("write_votes runs only the write_* statements of core/sql/votes.sql")
        sql = [(query("votes", name), parameters) for name, parameters in statements]
        if not self.refuses_writes:
            self._writable()
        with self._committed() as cur:
            for text, parameters in sql:
                cur.execute(text, parameters)
        self._written(VOTE_TABLES)

    def get_setting(self, key: str, default: Any = None) -> Any:
        if key in self._personal:
            return json.loads(self._personal[key])
        value = self._settings.get(key, self.cursor)
        return default if value is None else json.loads(value)

    def settings_snapshot(self) -> AbstractContextManager[None]:
        """Inside the block, this thread reads every setting from one query (core.workspace.settings_reads)."""
        return self._settings.snapshot()

    def forget_read_settings(self) -> None:
        """Drop this thread's settings snapshot: the next read queries the settings again."""
        self._settings.forget()

    @property
    def refuses_writes(self) -> bool:
        """True for a handle whose writes fail (a view or vote link), not for copy on write."""
        return self._read_only and self._on_first_write is None

    @property
    def personal_key(self) -> str:
        """The viewer's own choices as text: part of a cache key, so two viewers never share a view."""
        return json.dumps(self._personal, sort_keys=True)

    def set_setting(self, key: str, value: Any, *, personal: bool = False) -> None:
        """Store ``value`` under ``key`` (and bump the revision).

        ``personal`` marks a choice of what to *look at* (the active scenario, the wave shown): on a
        handle that refuses writes (a view link) it is kept on this handle only — one browser
        session, since the app holds one handle per session — instead of being refused, so a viewer
        can switch scenarios without changing what anyone else sees (decision, issue 17.1).
        """
        if personal and self.refuses_writes:
            self._personal[key] = json.dumps(value)
            return
        self._writable()
        with self._write_lock:
            cur = self.cursor()
            cur.execute(query("settings", "put"), {"key": key, "value": json.dumps(value)})
            cur.execute(query("settings", "bump_revision"))
        self._written(SETTINGS_ONLY)

    @property
    def revision(self) -> int:
        """A counter that grows with every change of data or settings (a cache key)."""
        return int(self.get_setting("revision", 0))

    def touch(self) -> None:
        """Record that something changed: derived data cached under the old revision is stale."""
        self._writable()
        with self._write_lock:
            self.cursor().execute(query("settings", "bump_revision"))
        self._written(SETTINGS_ONLY)

    def close(self) -> None:
        """Close the connection this handle owns (core.workspace.closing: also while another
        thread is in a call on it, once that call returns)."""
        if self._owns_connection:
            close_connection(self._connection)


def initialise(connection: duckdb.DuckDBPyConnection) -> None:
    """Create the schema (and any missing feature tables) on a new or older workspace database,
    and the rating counts of a file written before they existed (core.workspace.rating_counts,
    core.workspace.segment_counts)."""
    connection.execute(script("schema"))
    for family in schema_extensions():
        connection.execute(script(family))
    rating_counts.fill_if_missing(connection)
    segment_counts.fill_missing(connection)
    connection.execute(query("settings", "put_if_absent"), {"key": "schema_version", "value": str(SCHEMA_VERSION)})


def connect_file(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the DuckDB file ``path``, its opening problems turned into messages.

    Raises :class:`WorkspaceInUse` when another process holds the file and
    :class:`WorkspaceUnreadable` when it is not a DuckDB database (or is damaged).
    """
    try:
        return duckdb.connect(str(path), read_only=read_only, config=CONNECT_CONFIG)
    except duckdb.Error as error:
        raise opening_error(error) from error


def open_workspace(
    token: str | None = None,
    *,
    create: bool = False,
    read_only: bool = False,
    refuse_writes: bool = False,
    votes: bool = False,
) -> Workspace:
    """Open a workspace.

    - ``token=None``: a fresh in-memory workspace (tests, CLI).
    - ``token`` given: the file ``<data dir>/<token>.duckdb``; raises :class:`WorkspaceNotFound`
      unless it exists or ``create`` is true, :class:`WorkspaceUnreadable` when the file is not a
      workspace, :class:`WorkspaceInUse` when another process holds it.
    - ``read_only``: a handle that refuses writes (:class:`WorkspaceReadOnly`) on a read-only connection.
    - ``refuse_writes``: a handle that refuses writes on an ordinary connection (a view link,
      core.workspace.links): DuckDB lets one process open a file only one way, so a viewer shares the
      editors' database instance and sees their changes at once; the refusal is the handle's.
    - ``votes``: with ``refuse_writes``, a vote link's handle: it writes votes only
      (:meth:`Workspace.write_votes`, core.strategy.votes) and refuses every other write.
    """
    if token is None:
        connection = _initialised(duckdb.connect(":memory:", config=CONNECT_CONFIG), read_only=False)
        path = None
    else:
        path = workspace_path(token)
        if not path.exists() and not create:
            raise WorkspaceNotFound(
                "No workspace matches that link. It may have been deleted, or the link is incomplete."
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        with _opening(path):
            connection = _initialised(connect_file(path, read_only=read_only), read_only=read_only)
    return Workspace(connection, token, path, read_only=read_only or refuse_writes, votes=votes and not read_only)


def _initialised(connection: duckdb.DuckDBPyConnection, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """``connection`` with its schema brought up to date (:func:`initialise`), unless read-only."""
    if not read_only:
        try:
            initialise(connection)
        except duckdb.Error as error:  # a damaged file can open and fail on its first statement
            connection.close()
            raise opening_error(error) from error
    return connection


def create_workspace() -> Workspace:
    """A new file-backed workspace with a new token."""
    return open_workspace(new_token(), create=True)
