"""The counts behind scoring a saved segmentation's segments: ``segment_rating_counts`` and
``segment_rating_totals`` (core/sql/schema_counts.sql).

Decision (issue 12, item 6). Scoring a segmentation's segments joined every rating to its
segment and counted them again on every cold view: 0.5 s at 50,000 × 150, on the Segments page,
on every page whose scores are shown for a segmentation, and in the exports. The counts are the
same for as long as the segments are, so they are kept, as :mod:`core.workspace.rating_counts`
keeps everyone's: per segmentation, segment, outcome and (importance, satisfaction) pair, plus
each segment's respondents with a ratings row. Scoring reads them (core/sql/scoring.sql,
``$source = 'segment_counts'``) and gives exactly what the raw ratings give
(tests/unit/analysis/test_segment_counts.py).

They cannot go stale because every write of ``segments`` writes them in the same transaction:

* saving a segmentation (:func:`core.analysis.segment_store.save_segmentation`) counts it;
* renaming a segment renames its counts; deleting a segmentation deletes them;
* replacing or re-reading the survey clears segmentations and counts together
  (core/sql/store.sql, ``clear_survey``), and restoring a workspace file counts every restored
  segmentation (core.workspace.restore).

A segmentation saved before the counts existed gets them on the file's first writable open
(:func:`fill_missing`, run by ``core.workspace.database.initialise``); until then, and through a
read-only handle (which gets empty temporary tables, :func:`ensure_readable`), it is scored from
the raw ratings. Only
segmentations are counted: attribute groups are read from the raw ratings, as before.
"""

from __future__ import annotations

import duckdb

from core.sqlfiles import one_row, query


def refresh(cur: duckdb.DuckDBPyConnection, segmentation_id: str | None = None) -> None:
    """Rewrite the counts of ``segmentation_id`` (None: of every segmentation) from ``segments``
    and ``ratings``, through ``cur`` inside the caller's transaction."""
    forget(cur, segmentation_id)
    for name in ("count", "count_totals"):
        cur.execute(query("segment_counts", name), {"segmentation_id": segmentation_id})


def forget(cur: duckdb.DuckDBPyConnection, segmentation_id: str | None = None) -> None:
    """Delete the counts of ``segmentation_id`` (None: of every segmentation)."""
    for name in ("forget", "forget_totals"):
        cur.execute(query("segment_counts", name), {"segmentation_id": segmentation_id})


def fill_missing(cur: duckdb.DuckDBPyConnection) -> None:
    """Count every saved segmentation that has no counts yet (a file from before them)."""
    for (segmentation_id,) in cur.execute(query("segment_counts", "uncounted")).fetchall():
        refresh(cur, segmentation_id)


def rename(cur: duckdb.DuckDBPyConnection, segmentation_id: str, old_name: str, new_name: str) -> None:
    """A segment's counts follow its new name."""
    params = {"segmentation_id": segmentation_id, "old_name": old_name, "new_name": new_name}
    for name in ("rename", "rename_totals"):
        cur.execute(query("segment_counts", name), params)


def counted(cur: duckdb.DuckDBPyConnection, grouping: str) -> bool:
    """Whether ``grouping`` ('segmentation:<id>') is scored from the counts."""
    return grouping.startswith("segmentation:") and bool(
        one_row(cur.execute(query("segment_counts", "counted"), {"grouping": grouping}))[0]
    )


def ensure_readable(cur: duckdb.DuckDBPyConnection, *, read_only: bool) -> None:
    """Give a read-only handle on a file from before the counts empty temporary tables (writable
    handles always have the tables: core.workspace.database.initialise)."""
    if read_only and not one_row(cur.execute(query("segment_counts", "present")))[0]:
        cur.execute(query("segment_counts", "temporary"))
