"""How a workspace handle reads its settings: a query per read, or one per script run.

The app opens a snapshot block per script run (ui/router.py) and per fragment run
(ui/fragments.py); inside it, this thread reads every setting from one query made at its first
read (a Focus matrix run read 41 settings, each a point query of about 0.5 ms). The run's reads
then come from one moment, as its data does; a change made elsewhere meanwhile shows at the next
run, as one made just after the run would. The handle drops the snapshot (:meth:`SettingsReads.forget`)
after each of its writes, on its copy on write and on a pull from the workspace store, so a run
reads its own changes. Blocks nest; other threads are not affected.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import duckdb

from core.sqlfiles import query


class SettingsReads:
    """A handle's reads of its settings (JSON text by key). It holds no reference to the handle (a
    cycle would keep a dropped workspace's DuckDB connection open until the garbage collector ran):
    each read is given the handle's ``cursor``."""

    def __init__(self) -> None:
        self._run = threading.local()  # per thread: depth of snapshot blocks, the snapshot

    def get(self, key: str, cursor: Callable[[], duckdb.DuckDBPyConnection]) -> str | None:
        """The setting ``key`` as stored (JSON text), None when it is not set."""
        if getattr(self._run, "depth", 0):
            values = getattr(self._run, "values", None)
            if values is None:
                values = self._run.values = dict(cursor().execute(query("settings", "all")).fetchall())
            return values.get(key)
        row = cursor().execute(query("settings", "get"), {"key": key}).fetchone()
        return None if row is None else row[0]

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Inside the block, this thread reads the settings from one query (module docstring)."""
        depth = getattr(self._run, "depth", 0)
        self._run.depth = depth + 1
        try:
            yield
        finally:
            self._run.depth = depth
            if not depth:
                self.forget()

    def forget(self) -> None:
        """Drop this thread's snapshot: the next read queries the settings again."""
        self._run.values = None
