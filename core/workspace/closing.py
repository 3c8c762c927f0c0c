"""Closing a workspace's DuckDB connection, also while another thread is in a call on it.

DuckDB (2.0) refuses to close a connection that another thread is inside a call on (a fetch, a
cursor being made): ``ResourceInUseException``, "connection is busy with another call". The app
does not choose when a connection closes: Streamlit releases a session's connection when the
session ends (ui/session.py, ``on_release``), whatever that session's threads are doing, and a
refused close left the connection open (and a warning in the server log) until garbage
collection. Decision: such a connection is closed by a daemon thread as soon as the call
returns; nothing waits for it.
"""

from __future__ import annotations

import threading
import time

import duckdb

RETRY_SECONDS = 0.05  # the first wait before closing again; doubled up to MAX_RETRY_SECONDS
MAX_RETRY_SECONDS = 1.0


def close_connection(connection: duckdb.DuckDBPyConnection) -> None:
    """Close ``connection`` now, or, when another thread is in a call on it, once that call returns."""
    try:
        connection.close()
    except duckdb.ResourceInUseException:
        threading.Thread(target=_close_when_free, args=(connection,), name="close-connection", daemon=True).start()


def _close_when_free(connection: duckdb.DuckDBPyConnection) -> None:
    wait = RETRY_SECONDS
    while True:
        time.sleep(wait)
        try:
            connection.close()
            return
        except duckdb.ResourceInUseException:
            wait = min(2 * wait, MAX_RETRY_SECONDS)
