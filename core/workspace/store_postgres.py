"""The PostgreSQL workspace store (issue 17, item 3; chosen in core.workspace.store).

Tables (``core/sql/store_postgres.sql``, created on first use): ``jtbd_workspaces`` (a revision per
workspace), ``jtbd_workspace_tables`` (per workspace and table: Parquet bytes, its columns, a
fingerprint and the revision it was written at) and ``jtbd_kv`` (JSON values by namespace and key).

Decisions:

* **One statement per write.** :meth:`PostgresStore.write` raises the workspace's revision and
  writes every changed table in one ``INSERT … RETURNING`` statement (data-modifying CTEs): one
  transaction and one network round trip, whatever the number of tables, so a hosted database
  far away costs one latency per change. A reader (:meth:`changes_since`) reads the revision
  and the newer tables in one statement too, so it sees a write entirely or not at all.
* **Last writer wins, per table.** Two app processes that change the same table of the same
  workspace at the same moment both succeed; the later one's table is kept (issue 17, item 4
  adds the stale-view check on top).
* **One connection per store object**, in autocommit mode, used under a lock (Streamlit runs
  sessions on several threads); a broken connection (the database restarted, an idle
  connection closed by a hosted proxy) is reopened once and the request retried.
* Errors become :class:`StoreUnavailable` with the host and database named, never the password.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, LiteralString, TypeVar, cast

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.json import Jsonb

from core.sqlfiles import queries
from core.workspace.store_types import StoredChanges, StoreUnavailable, TableSnapshot

T = TypeVar("T")
CONNECT_TIMEOUT_S = 10


def _sql(name: str) -> LiteralString:
    """A statement of core/sql/store_postgres.sql: text of this repository, never built from input
    (values are always bound), which is what psycopg's LiteralString type asks for."""
    return cast(LiteralString, queries("store_postgres")[name])


def describe_url(url: str) -> str:
    """``host:port/database`` of a PostgreSQL URL, for messages (no user name, no password)."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "a PostgreSQL database (its URL could not be read)"
    host = info.get("host") or "localhost"
    port = f":{info['port']}" if info.get("port") else ""
    return f"PostgreSQL at {host}{port}/{info.get('dbname') or ''}"


class PostgresStore:
    """Workspaces kept in a PostgreSQL database (``postgresql://user:password@host:port/db``)."""

    durable = True

    def __init__(self, url: str):
        self._url = url
        self._lock = threading.Lock()
        self._connection: psycopg.Connection | None = None
        self._where = describe_url(url)
        self._run(lambda conn: None)  # connect and create the schema now: a wrong URL says so at start

    def describe(self) -> str:
        return self._where

    def _connect(self) -> psycopg.Connection:
        try:
            connection = psycopg.connect(self._url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as error:
            raise StoreUnavailable(
                f"The workspace store ({self._where}) cannot be reached: {_first_line(error)}. Check the "
                "store URL (host, port, database, user and password) and that the database accepts connections."
            ) from error
        with connection.transaction():
            connection.execute(_sql("schema_lock"))
            connection.execute(_sql("schema"))
        return connection

    def _run(self, work: Callable[[psycopg.Connection], T]) -> T:
        """``work(connection)`` under the lock; a broken connection is reopened once and retried."""
        with self._lock:
            for attempt in (1, 2):
                if self._connection is None or self._connection.closed:
                    self._connection = self._connect()
                try:
                    return work(self._connection)
                except psycopg.OperationalError as error:
                    self._connection.close()
                    self._connection = None
                    if attempt == 2:
                        raise StoreUnavailable(
                            f"The workspace store ({self._where}) failed: {_first_line(error)}."
                        ) from error
                except psycopg.Error as error:
                    raise StoreUnavailable(
                        f"The workspace store ({self._where}) refused a request: {_first_line(error)}."
                    ) from error
        raise AssertionError("not reached")

    def revision(self, workspace_id: str) -> int | None:
        row = self._run(lambda c: c.execute(_sql("revision"), {"workspace_id": workspace_id}).fetchone())
        return None if row is None else int(row[0])

    def changes_since(self, workspace_id: str, revision: int) -> StoredChanges | None:
        params = {"workspace_id": workspace_id, "since": revision}
        rows = self._run(lambda c: c.execute(_sql("changes_since"), params).fetchall())
        if not rows:
            return None
        tables = tuple(
            TableSnapshot(name, columns, fingerprint, bytes(data))
            for _, name, columns, fingerprint, data in rows
            if name is not None
        )
        return StoredChanges(int(rows[0][0]), tables)

    def write(self, workspace_id: str, tables: list[TableSnapshot]) -> int:
        params = {
            "workspace_id": workspace_id,
            "names": [t.name for t in tables],
            "columns": [t.columns for t in tables],
            "fingerprints": [t.fingerprint for t in tables],
            "snapshots": [t.data for t in tables],
        }
        row = self._run(lambda c: c.execute(_sql("write"), params).fetchone())
        assert row is not None  # the statement always returns the workspace's row
        return int(row[0])

    def delete_workspace(self, workspace_id: str) -> bool:
        row = self._run(lambda c: c.execute(_sql("delete_workspace"), {"workspace_id": workspace_id}).fetchone())
        return row is not None

    def workspace_ids(self) -> list[str]:
        return [row[0] for row in self._run(lambda c: c.execute(_sql("workspace_ids")).fetchall())]

    def kv_get(self, ns: str, key: str) -> dict[str, Any] | None:
        row = self._run(lambda c: c.execute(_sql("kv_get"), {"ns": ns, "key": key}).fetchone())
        return None if row is None else row[0]

    def kv_put(self, ns: str, key: str, value: dict[str, Any]) -> None:
        self._run(lambda c: c.execute(_sql("kv_put"), {"ns": ns, "key": key, "value": Jsonb(value)}))

    def kv_delete(self, ns: str, key: str) -> bool:
        return self._run(lambda c: c.execute(_sql("kv_delete"), {"ns": ns, "key": key}).fetchone()) is not None

    def kv_items(self, ns: str) -> dict[str, dict[str, Any]]:
        return dict(self._run(lambda c: c.execute(_sql("kv_items"), {"ns": ns}).fetchall()))

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
