"""Keeping a workspace's DuckDB working copy and its durable store in step (issue 17, item 3).

With a durable store (PostgreSQL), the store holds the workspace and the local DuckDB file is a
working copy (docs/ARCHITECTURE.md, "Workspaces in PostgreSQL"):

* **Push, after every committed write.** :func:`attach` makes :class:`StoreSync` the workspace's
  write listener (core.workspace.database: every write ends in it). It fingerprints every table
  (core.workspace.store_snapshots), compares with the fingerprints last pushed or pulled (kept in
  the local table ``store_sync_state``) and sends only the tables that differ, in one store
  transaction. A card move sends ``decisions``, ``scenario_history`` and ``settings``; the survey
  tables go only when the survey changed. The push is synchronous: when the call that changed
  the workspace returns, the change is in the store.
* **Pull, on open and at the start of each script run** (:func:`refresh`): one cheap query reads
  the store's revision; when it is newer than the copy's, the tables written since are applied
  in one local transaction, and the copy's revision counter is set above both, so no view cached
  under the old number is served.
* **View links pull too, and never push** (decision). A view link's handle refuses every write,
  yet its working copy must follow the facilitator working on another app process: :func:`attach`
  gives it a *pull-only* sync (``StoreSync.pushes`` false). The pull writes the copy through a
  cursor of its own, as for an edit handle, never through the handle's refused write entry points;
  a pull-only sync never sends anything, not even a local workspace the store has never seen.
* **One sync state per working copy.** Every handle of a process on one file (edit, view, vote
  sessions) shares one DuckDB instance, so they share ``store_sync_state`` too, and their pushes and
  pulls take one lock per file: a change pulled by one handle is not applied again by another.
  A pull leaves the copy alone while a table it would replace holds a local change the store has
  not got (committed by an edit session whose push is still to come, or failed): that session's
  next push sends it, the next pull brings the rest.
* **Rebuild.** A workspace the store holds but the data directory lacks (a hosted restart wiped
  the disk, or another app process created it) is rebuilt from the store on open
  (:func:`open_stored_workspace`).
* **Adopt.** A local workspace the store has never seen (created before the store was
  configured) is pushed whole on open.
* **Store unreachable.** A failed push never undoes the local change: the workspace keeps working
  on its copy, :attr:`StoreSync.problem` says what failed (the app shows it), and the next write
  or run pushes every table that still differs. A pull waits until such a push succeeded, so it
  never overwrites a change the store has not got.

A workspace the store no longer holds although this copy was synced with it was deleted
elsewhere: :func:`refresh` raises :class:`WorkspaceDeleted`.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from core.sqlfiles import query
from core.workspace.database import (
    Workspace,
    WorkspaceNotFound,
    is_valid_token,
    open_workspace,
    workspace_exists,
    workspace_path,
)
from core.workspace.store import WorkspaceStore
from core.workspace.store_snapshots import BIG_ROWS, apply, columns_of, fingerprints, is_exact, snapshot
from core.workspace.store_types import StoreUnavailable

REVISION = "revision"
TABLE_PREFIX = "table:"
SETTINGS = "settings"  # where a pull raises the copy's revision counter
_LOCKS: dict[str, threading.RLock] = {}
_LOCKS_GUARD = threading.Lock()


class WorkspaceDeleted(WorkspaceNotFound):
    """The store no longer holds a workspace this copy was synced with: it was deleted elsewhere."""


def _sql(name: str) -> str:
    return query("store_sync", name)


def _lock(path: Path | None) -> threading.RLock:
    """One lock per working copy in this process: its sessions push and pull one at a time."""
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(str(path), threading.RLock())


def _state(cur: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(cur.execute(_sql("state")).fetchall())


class StoreSync:
    """The write listener that pushes a workspace's changed tables to ``store``."""

    def __init__(self, store: WorkspaceStore, big_rows: int = BIG_ROWS, *, pushes: bool = True):
        self.store = store
        self.big_rows = big_rows
        self.pushes = pushes  # False: a view link's sync, which only pulls (module docstring)
        self.problem: str | None = None  # the last failed push, until one succeeds
        self.pushed_tables: tuple[str, ...] = ()  # what the last push sent (tests, benchmarks)

    def __call__(self, workspace: Workspace, tables: tuple[str, ...] | None = None) -> None:
        if not self.pushes:
            return  # a view link's handle writes nothing; if it ever did, it would not reach the store
        try:
            self.push(workspace, tables)
        except StoreUnavailable as error:
            self.problem = (
                f"The last change is saved on this server but not yet in the workspace store: {error} "
                "It is sent with the next change, or when the page runs again."
            )

    def push(self, workspace: Workspace, only: tuple[str, ...] | None = None) -> int:
        """Send every table (of ``only``, when given) whose fingerprint differs from the last push or
        pull; returns how many. After a failed push, every table is looked at again."""
        if self.problem is not None:
            only = None
        token = _token(workspace)
        with _lock(workspace.path):
            cur = workspace.cursor()
            try:
                # one transaction: a consistent view for fingerprints and snapshots, and the record of
                # what was sent (one local commit); pushes and pulls of this copy hold the lock
                cur.execute("BEGIN TRANSACTION")
                state = _state(cur)
                known = {name[len(TABLE_PREFIX) :]: fp for name, fp in state.items() if name.startswith(TABLE_PREFIX)}
                current = fingerprints(cur, self.big_rows, known, only)
                changed = [name for name, fp in current.items() if known.get(name) != fp]
                columns = columns_of(cur, changed) if changed else {}
                tables = [snapshot(cur, name, columns[name], current[name]) for name in changed]
                self.pushed_tables = tuple(changed)
                if tables:
                    revision = self.store.write(token, tables)
                    for table in tables:
                        cur.execute(_sql("put_state"), {"name": TABLE_PREFIX + table.name, "value": table.fingerprint})
                    if revision == int(state.get(REVISION, 0)) + 1:  # nobody else wrote in between
                        cur.execute(_sql("put_state"), {"name": REVISION, "value": str(revision)})
                cur.execute("COMMIT")
            finally:
                cur.close()  # an open transaction (the store failed) is rolled back
            self.problem = None
            return len(tables)

    def pull(self, workspace: Workspace) -> bool:
        """Apply the tables the store has newer than this copy; True when anything was applied."""
        token = _token(workspace)
        with _lock(workspace.path):
            if self.problem is not None:
                self.push(workspace)  # raises StoreUnavailable while the store is still away
            cur = workspace.cursor()
            try:
                state = _state(cur)
                synced = int(state.get(REVISION, 0))
                stored = self.store.revision(token)
                if stored is None:
                    if synced > 0:
                        raise WorkspaceDeleted(
                            "This workspace was deleted (from another copy of the app). Its link no longer opens it."
                        )
                    if self.pushes:
                        self.push(workspace)  # a local workspace the store has never seen: adopt it
                    return False
                if stored == synced:
                    return False
                changes = self.store.changes_since(token, synced)
                if changes is None:
                    return False  # deleted between the two reads: the next run says so
                applied = _apply_changes(cur, changes.revision, changes.tables, state, self.big_rows)
            finally:
                cur.close()
        if applied:
            workspace.forget_read_settings()  # written here, not through the handle's writes: re-read them
        return applied


def _apply_changes(cur: duckdb.DuckDBPyConnection, revision: int, tables, state: dict[str, str], big_rows: int) -> bool:
    """Apply ``tables`` in one local transaction and record the copy's new sync state.

    Nothing is applied while a table it would replace, or ``settings`` (where the copy's revision
    counter is raised), holds a local change the store has not got (:func:`_unpushed`). The
    fingerprints recorded are taken after the counter was raised, so the raise alone is neither
    pushed nor mistaken for such a change by the next pull.
    """
    local_revision = _local_revision(cur)
    cur.execute("BEGIN TRANSACTION")
    try:
        fresh = [t for t in tables if state.get(TABLE_PREFIX + t.name) != t.fingerprint]  # not pushed from here
        applied = [t.name for t in fresh]
        if applied and _unpushed(cur, [*applied, SETTINGS], state, big_rows):
            cur.execute("ROLLBACK")  # the push of that change comes first; the next run pulls
            return False
        local = columns_of(cur, applied) if applied else {}
        for stored in fresh:
            apply(cur, stored, local.get(stored.name))
        if applied:
            pulled_revision = _local_revision(cur)
            cur.execute(_sql("set_revision"), {"revision": max(local_revision, pulled_revision) + 1})
            now = fingerprints(cur, big_rows, only=(*applied, SETTINGS))
            for name, fingerprint in now.items():
                cur.execute(_sql("put_state"), {"name": TABLE_PREFIX + name, "value": fingerprint})
        cur.execute(_sql("put_state"), {"name": REVISION, "value": str(revision)})
        cur.execute("COMMIT")
    except duckdb.Error:
        cur.execute("ROLLBACK")  # e.g. another session of this process is writing the same table:
        return False  # nothing applied; the next run pulls again
    return bool(applied)


def _unpushed(cur: duckdb.DuckDBPyConnection, names: list[str], state: dict[str, str], big_rows: int) -> bool:
    """True when one of the tables ``names`` differs from what this copy last pushed or pulled: a
    local change not yet in the store (an edit session's push still to come, or failed), which
    replacing the table would lose.

    Only exact fingerprints (small tables) are compared. A big table's stands for its content through
    the survey signature and DuckDB's row estimate, both of which can differ without a change of its
    own; the app changes a big table only with a revision bump, so ``settings`` stands for it here.
    """
    known = {name: state[TABLE_PREFIX + name] for name in names if TABLE_PREFIX + name in state}
    current = fingerprints(cur, big_rows, known, tuple(known)) if known else {}
    return any(
        current.get(name) != fingerprint
        for name, fingerprint in known.items()
        if is_exact(fingerprint) and is_exact(current.get(name, ""))
    )


def _local_revision(cur: duckdb.DuckDBPyConnection) -> int:
    rows = cur.execute(query("settings", "get"), {"key": "revision"}).fetchall()
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def _token(workspace: Workspace) -> str:
    if workspace.token is None:
        raise ValueError("only a workspace with a token (a file under the data directory) can be stored")
    return workspace.token


def sync_of(workspace: Workspace) -> StoreSync | None:
    """The store sync attached to ``workspace``, if any."""
    listener = workspace.write_listener
    return listener if isinstance(listener, StoreSync) else None


def attach(workspace: Workspace, store: WorkspaceStore, big_rows: int = BIG_ROWS) -> Workspace:
    """Keep ``workspace`` in ``store``: a writable file workspace or a vote link's handle (votes are
    its only writes) pushes after every write; a view link's handle only pulls. Pull what the store
    has newer now. A local store (not durable), a copy-on-write handle (the shared sample: its copy
    is attached once made) and a handle on a read-only connection (nothing can be pulled into it)
    change nothing."""
    if not store.durable or workspace.copy_on_write or _read_only_connection(workspace):
        return workspace
    workspace.cursor().execute(_sql("state_table"))
    sync = StoreSync(store, big_rows, pushes=workspace.accepts_votes)
    workspace.on_write(sync)
    sync.pull(workspace)
    return workspace


def _read_only_connection(workspace: Workspace) -> bool:
    return workspace.cursor().execute(_sql("access_mode")).fetchall()[0][0] == "read_only"


def refresh(workspace: Workspace) -> bool:
    """Pull what the store has newer than the copy (start of each script run); True when the copy
    changed. A workspace without a store does nothing. Raises :class:`WorkspaceDeleted`."""
    sync = sync_of(workspace)
    return False if sync is None else sync.pull(workspace)


def stored_workspace_exists(token: str | None, store: WorkspaceStore) -> bool:
    """True when the workspace ``token`` is on this server or in the store."""
    if workspace_exists(token):
        return True
    return store.durable and is_valid_token(token) and store.revision(token) is not None


def open_stored_workspace(token: str, store: WorkspaceStore, *, create: bool = False) -> Workspace:
    """The workspace ``token`` kept in ``store``: its working copy, rebuilt from the store when
    missing and brought up to date. Raises WorkspaceNotFound when neither has it (unless ``create``)."""
    if not store.durable:
        return open_workspace(token, create=create)
    if not workspace_path(token).exists() and not create and store.revision(token) is None:
        raise WorkspaceNotFound("No workspace matches that link. It may have been deleted, or the link is incomplete.")
    workspace = open_workspace(token, create=True)
    try:
        return attach(workspace, store)
    except BaseException:
        workspace.close()
        raise
