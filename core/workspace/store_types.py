"""What a workspace store exchanges with the app (core.workspace.store): table snapshots, the
changes since a revision, and the two errors a store raises. No store code lives here, so each
store module and the choice in :mod:`core.workspace.store` import it without importing each other."""

from __future__ import annotations

from dataclasses import dataclass


class StoreConfigError(ValueError):
    """The configured store URL names no store this app knows (the message says which it saw)."""


class StoreUnavailable(RuntimeError):
    """The store could not be reached or refused a request; ``str(error)`` has no password in it."""


@dataclass(frozen=True)
class TableSnapshot:
    """One table of a workspace as the store keeps it."""

    name: str
    columns: str  # JSON [[name, type], …] in column order, as DuckDB's catalog reports them
    fingerprint: str  # changes whenever the table's content (or its columns) change
    data: bytes  # the rows as Parquet


@dataclass(frozen=True)
class StoredChanges:
    """What a store holds of one workspace beyond a revision: its revision now and newer tables."""

    revision: int
    tables: tuple[TableSnapshot, ...]
