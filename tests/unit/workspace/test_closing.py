"""A workspace's connection closes also while another thread is in a call on it (core.workspace.closing):
Streamlit releases a session's connection when the session ends, whatever its threads are doing."""

from __future__ import annotations

import threading
import time

import duckdb
import pytest

from core.workspace.database import create_workspace


def busy(connection: duckdb.DuckDBPyConnection) -> tuple[threading.Event, threading.Thread, list]:
    """A thread inside a call on ``connection`` (a query waiting in a function) until the event is set."""
    release, started, results = threading.Event(), threading.Event(), []

    def held(value: int) -> int:
        started.set()
        release.wait(10)
        return value

    connection.create_function("held", held, ["INTEGER"], "INTEGER")
    thread = threading.Thread(target=lambda: results.append(connection.execute("SELECT held(7)").fetchall()))
    thread.start()
    assert started.wait(10)
    return release, thread, results


def closers() -> int:
    """Threads waiting to close a busy connection."""
    return sum(t.name == "close-connection" for t in threading.enumerate())


def closed(connection: duckdb.DuckDBPyConnection) -> bool:
    try:
        connection.execute("SELECT 1")
    except duckdb.ConnectionException:
        return True
    return False


def test_a_connection_busy_in_another_thread_is_closed_once_its_call_returns(data_dir):
    workspace = create_workspace()
    connection = workspace._connection
    release, thread, results = busy(connection)
    with pytest.raises(duckdb.ResourceInUseException):  # what DuckDB does when asked directly
        connection.close()

    workspace.close()  # no error: the close waits for the call on a thread of its own

    assert closers() == 1 and thread.is_alive()
    release.set()
    thread.join(10)
    assert results == [[(7,)]]  # the call finished with its result
    deadline = time.monotonic() + 5
    while not closed(connection) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert closed(connection)
    deadline = time.monotonic() + 5
    while closers() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert closers() == 0  # its work done, the closing thread ends


def test_an_idle_connection_is_closed_at_once(data_dir):
    workspace = create_workspace()
    workspace.close()
    assert closed(workspace._connection)
    assert closers() == 0
