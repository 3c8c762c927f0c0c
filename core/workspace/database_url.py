"""A workspace on any DuckDB database named by a connection string (issue 12, item 6).

The scoring and profiling SQL (``core/sql/``) is plain DuckDB: it reads the canonical tables and
nothing of the host, so it runs unchanged on an in-memory database, a local file or a MotherDuck
database. :func:`open_database` opens a :class:`Workspace` on any of them, so the same public
functions (``core.analysis.scoring.outcome_scores``, segment profiles…) score it.

Configuration is read here and nowhere else: ``$JTBD_DUCKDB_URL`` (Streamlit Community Cloud
turns root-level secrets into environment variables, so a ``JTBD_DUCKDB_URL`` secret works too):

* ``:memory:`` — a fresh in-memory database;
* a path — a local DuckDB file (created when missing), opened like a workspace file, with the
  same "in use" and "unreadable" messages;
* ``md:<database>`` — MotherDuck. Its token is read by DuckDB's ``motherduck`` extension from
  ``$motherduck_token``; this is the one case where DuckDB may install and load an extension
  (workspace files never do: ``CONNECT_CONFIG``). Untested here (no network): see
  docs/ARCHITECTURE.md, "How the app scales".

The app's workshops still live in per-token files under the data directory
(``core.workspace.database.open_workspace``); this hook is for a pooled database scored from
the CLI, a notebook or a future page.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from core.workspace.database import CONNECT_CONFIG, Workspace, connect_file, initialise
from core.workspace.opening_errors import opening_error

ENVIRONMENT_KEY = "JTBD_DUCKDB_URL"
MEMORY = ":memory:"
MOTHERDUCK_PREFIXES = ("md:", "motherduck:")


class NoDatabaseConfigured(LookupError):
    """Neither a connection string nor ``$JTBD_DUCKDB_URL`` names a database."""


def configured_url() -> str | None:
    """``$JTBD_DUCKDB_URL`` with surrounding blanks removed; None when unset or blank."""
    return (os.environ.get(ENVIRONMENT_KEY) or "").strip() or None


def _connect(url: str) -> tuple[duckdb.DuckDBPyConnection, Path | None]:
    if url == MEMORY:
        return duckdb.connect(MEMORY, config=CONNECT_CONFIG), None
    if url.startswith(MOTHERDUCK_PREFIXES):
        config = {**CONNECT_CONFIG, "autoinstall_known_extensions": True, "autoload_known_extensions": True}
        try:
            return duckdb.connect(url, config=config), None
        except duckdb.Error as error:
            raise ConnectionError(
                f"The database {url.split('?')[0]!r} could not be opened: {error}. Check the database "
                "name, the motherduck_token environment variable and the network."
            ) from error
    path = Path(url).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return connect_file(path), path


def open_database(url: str | None = None) -> Workspace:
    """A writable workspace on the database ``url`` (default: ``$JTBD_DUCKDB_URL``), its schema
    created when missing. Raises :class:`NoDatabaseConfigured` when neither names one."""
    url = (url or "").strip() or configured_url()
    if url is None:
        raise NoDatabaseConfigured(
            f"No database is configured: set {ENVIRONMENT_KEY} to ':memory:', a DuckDB file path or "
            "an 'md:<database>' MotherDuck connection string."
        )
    connection, path = _connect(url)
    try:
        initialise(connection)
    except duckdb.Error as error:
        connection.close()
        raise opening_error(error) from error
    return Workspace(connection, None, path)
