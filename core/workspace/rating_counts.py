"""The counts behind scoring: ``rating_counts`` and ``rating_totals`` (core/sql/schema_counts.sql).

Decision (issue 12, items 2 and 6). Every score of everyone — top-two-box shares, means,
standard deviations, n, under either counting rule — is a function of how many ratings rows
each outcome has per (importance, satisfaction) pair, plus the number of respondents with a
ratings row. Those counts are kept in two small tables (at most (scale points + 1)² rows per
outcome — 36 on a 1–5 scale — whatever the number of respondents), so :func:`core.analysis.scoring.outcome_scores`
answers from them instead of rescanning every rating and counting distinct respondents.

They cannot go stale because they are derived data with one writer:

* :func:`refresh` rewrites both tables whole from ``ratings``; ``core.intake.store.write_survey``
  — the one code path that writes ``ratings`` (imports, replacing the survey, restoring a
  workspace file) — calls it in the same transaction, after the ratings are inserted, so a
  failure rolls both back together. ``tests/unit/analysis/test_rating_counts.py`` checks every
  write path and that no other SQL in ``core/`` writes ``ratings``.
* A workspace file written before the counts existed gets them on its first writable open
  (:func:`fill_if_missing`, run by ``core.workspace.database.initialise``); a read-only handle on
  such a file gets them as temporary tables of the scoring cursor (:func:`counted_cursor`).

Groups (attributes, segmentations) and competitors are still counted from the raw ratings, by
the same query (core/sql/scoring.sql, ``pair_counts``), so one formula serves every source.
"""

from __future__ import annotations

import duckdb

from core.sqlfiles import one_row, query
from core.workspace import segment_counts


def refresh(cur: duckdb.DuckDBPyConnection) -> None:
    """Rewrite the counts from ``ratings`` through ``cur`` (inside the caller's transaction)."""
    cur.execute(query("rating_counts", "refresh"))


def fill_if_missing(cur: duckdb.DuckDBPyConnection) -> None:
    """Fill the counts when they were never written (a new database, or a file from before them)."""
    if not one_row(cur.execute(query("rating_counts", "filled")))[0]:
        refresh(cur)


def counted_cursor(cur: duckdb.DuckDBPyConnection, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """``cur``, on which ``rating_counts`` and ``rating_totals`` (and the segments' counts,
    core.workspace.segment_counts) can be read.

    Writable handles always have them (``initialise``); only a read-only handle (``read_only``)
    on a file from before the counts lacks them, and then ``cur`` gets them as temporary tables.
    """
    if read_only and not one_row(cur.execute(query("rating_counts", "present")))[0]:
        cur.execute(query("rating_counts", "temporary"))
    segment_counts.ensure_readable(cur, read_only=read_only)  # the scoring query reads those too
    return cur
