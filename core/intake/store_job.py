"""Storing a checked survey as a cancellable background job: Cancel means roll back.

The app stores a confirmed upload on a worker thread (ui/jobs.py), not on the script thread, so
the page keeps answering and shows progress with a Cancel button. Decisions:

- **one transaction**: :func:`store_cancellable` runs :func:`core.intake.store.write_survey`
  inside :meth:`Workspace.transaction`; a cancel anywhere before ``COMMIT`` rolls it back, so
  the workspace is exactly as it was (same survey, same revision, same segmentations);
- **cancel is prompt**: ``cancelled()`` is checked before every statement, and a watcher thread
  polls it every :data:`POLL_SECONDS` and interrupts the statement that runs (DuckDB's
  ``interrupt()``; the ratings insert is nearly all of the time: ~2 s for 3 M ratings);
- **no second parse**: the survey arrives as the DataFrames the check child parsed and pickled
  back (core.intake.upload_check; pickling 20,000 × 150 takes ~0.2 s in the child, unpickling
  ~0.02 s here, the string columns being Arrow-backed). Handing the tables over as Parquet in a
  temporary file instead was measured (bench/store_off_thread_bench.py) and not adopted for now:
  the ratings insert from Parquet took 0.5–1.3× the insert from the DataFrames across runs on a
  loaded 2-core machine, plus 0.35–0.8 s to write the file in the child, and a temporary file per
  upload would have to be cleaned up after a cancel or a closed tab. DuckDB releases the GIL
  for most of the scan, so other sessions' reruns interleave with the store;
- **one DuckDB thread** (:data:`THREADS`) while a background store runs: on the 2-core test
  machine the store took as long with one thread as with two (~5 s for 3 M ratings, the scan of
  the frames being the bottleneck), while a fixed piece of Python work on another thread (a
  stand-in for another session's rerun) slowed 1.5–2.1× instead of 2.4–2.9×. The setting is the
  workspace database's, so it is restored afterwards; queries of the same workspace meanwhile
  run on one thread too;
- a cancel that arrives after ``COMMIT`` is too late: the survey was stored, and the caller
  says so (never "cancelled" for something that happened).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import duckdb

from core.intake.importers.survey import SurveyData
from core.intake.isolation import Cancelled
from core.intake.progress import Progress, quiet
from core.intake.store import write_survey
from core.sqlfiles import one_row, query
from core.workspace.database import Workspace

__all__ = ["Cancelled", "store_cancellable"]

POLL_SECONDS = 0.1
THREADS = 1


@contextmanager
def _threads(cur: duckdb.DuckDBPyConnection, threads: int) -> Iterator[None]:
    """Run the body with DuckDB limited to ``threads`` threads, then restore the setting."""
    before = one_row(cur.execute(query("store", "threads")))[0]
    cur.execute(query("store", "set_threads"), {"threads": threads})
    try:
        yield
    finally:
        cur.execute(query("store", "set_threads"), {"threads": before})


@contextmanager
def _interrupt_when(cancelled: Callable[[], bool], cur: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Interrupt ``cur``'s running statement as soon as ``cancelled()`` turns true."""
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(POLL_SECONDS):
            if cancelled():
                cur.interrupt()  # harmless between statements: only a running one is stopped
                return

    watcher = threading.Thread(target=watch, name="store-cancel-watch", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        stop.set()
        watcher.join()


def store_cancellable(
    workspace: Workspace,
    survey: SurveyData,
    content: bytes | None = None,
    *,
    cancelled: Callable[[], bool],
    progress: Progress = quiet,
) -> None:
    """Replace the workspace's survey like :func:`core.intake.store.store_survey`, stoppable:
    raises :class:`Cancelled` (after rolling back) when ``cancelled()`` turns true before the
    commit. ``progress(fraction, message)`` follows the statements."""
    what = f"Storing {survey.report.file_name or survey.name}"

    def step(fraction: float, message: str) -> None:
        if cancelled():
            raise Cancelled(f"{what} was cancelled. Nothing was changed.")
        progress(fraction, message)

    # The thread setting goes through a cursor of its own: it must be restored after a rollback too.
    with _threads(workspace.cursor(), THREADS), workspace.transaction() as cur:
        try:
            with _interrupt_when(cancelled, cur):
                write_survey(cur, survey, content, progress=step)
        except duckdb.InterruptException:
            raise Cancelled(f"{what} was cancelled. Nothing was changed.") from None
        step(0.99, "Saving")  # the last chance to cancel: after COMMIT the survey is stored
    progress(1.0, "Stored")
