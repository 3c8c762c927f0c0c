"""Where workspaces are kept: the choice of store and the small protocol every store follows.

Decision (issue 17, item 3). A deployment keeps its workspaces in one of two stores, chosen by
configuration:

* **local** (the default, nothing to configure): the DuckDB files under the data directory are
  the workspaces; :class:`LocalStore` adds only a small key-value area beside them.
* **PostgreSQL** (``postgresql://…`` or ``postgres://…``): the database holds every workspace
  durably (:mod:`core.workspace.store_postgres`) and the DuckDB file is a *working copy*,
  rebuilt from the store when it is missing and brought up to date at the start of each script
  run (:mod:`core.workspace.store_sync`). For hosted deployments, whose disks do not survive a
  restart or a redeploy.

The URL comes from ``$JTBD_STORE_URL`` or, in the app, from the Streamlit secret ``store_url``
(read in ``ui/``, passed here: core never imports streamlit). The environment wins, so a test
or an operator can override a secret; Community Cloud also turns a root-level
``JTBD_STORE_URL`` secret into that environment variable.

What a store holds per workspace: its revision (a counter that grows with every pushed change)
and one snapshot per table (Parquet bytes, the columns and a fingerprint), each with the
revision it was written at, so a reader fetches only the tables newer than its copy. Besides
workspaces, a store keeps small JSON values by namespace and key (:meth:`kv_put` …) for
things that are not inside one workspace (the index of shared links, issue 17).
"""

from __future__ import annotations

import os
from typing import Any, Protocol, runtime_checkable

from core.workspace.store_local import LocalStore
from core.workspace.store_types import StoreConfigError, StoredChanges, TableSnapshot

ENVIRONMENT_KEY = "JTBD_STORE_URL"
SECRET_KEY = "store_url"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


@runtime_checkable
class WorkspaceStore(Protocol):
    """What the app asks of a store. ``workspace_id`` is the workspace's token."""

    durable: bool  # True when the store, not the local file, is the workspace (PostgreSQL)

    def describe(self) -> str:
        """The store in words for logs and pages (never a password)."""
        ...

    def revision(self, workspace_id: str) -> int | None:
        """The workspace's revision in the store; None when the store does not hold it."""
        ...

    def changes_since(self, workspace_id: str, revision: int) -> StoredChanges | None:
        """The tables written after ``revision`` (all of them for 0); None when not held."""
        ...

    def write(self, workspace_id: str, tables: list[TableSnapshot]) -> int:
        """Write ``tables`` in one transaction and return the workspace's new revision."""
        ...

    def delete_workspace(self, workspace_id: str) -> bool:
        """Remove the workspace and every table of it; False when it was not there."""
        ...

    def workspace_ids(self) -> list[str]:
        """Every workspace the store holds."""
        ...

    def kv_get(self, ns: str, key: str) -> dict[str, Any] | None: ...

    def kv_put(self, ns: str, key: str, value: dict[str, Any]) -> None: ...

    def kv_delete(self, ns: str, key: str) -> bool: ...

    def kv_items(self, ns: str) -> dict[str, dict[str, Any]]: ...

    def close(self) -> None: ...


def configured_url(secret: str | None = None) -> str | None:
    """The store URL: ``$JTBD_STORE_URL``, else ``secret`` (the app's ``store_url`` secret); None
    when both are unset or blank (the local store)."""
    for value in (os.environ.get(ENVIRONMENT_KEY), secret):
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


__all__ = ["LocalStore", "StoreConfigError", "StoredChanges", "TableSnapshot", "WorkspaceStore", "store_from_url"]


def store_from_url(url: str | None) -> WorkspaceStore:
    """The store ``url`` names: the :class:`LocalStore` for None/blank, PostgreSQL for
    ``postgresql://…``. Raises :class:`StoreConfigError` for anything else (a typo must not
    silently fall back to files a hosted restart wipes)."""
    if url is None or not url.strip():
        return LocalStore()
    url = url.strip()
    if url.startswith(POSTGRES_SCHEMES):
        from core.workspace.store_postgres import PostgresStore  # psycopg (~0.2 s) only when configured

        return PostgresStore(url)
    scheme = url.split("://", 1)[0] if "://" in url else url[:20]
    raise StoreConfigError(
        f"The workspace store is set to a URL starting with {scheme!r}, which this app does not know. "
        f"Set {ENVIRONMENT_KEY} (or the secret {SECRET_KEY!r}) to a postgresql://user:password@host/database "
        "URL, or leave it unset to keep workspaces in local files."
    )
