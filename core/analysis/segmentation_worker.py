"""Segmentation off the server's interpreter: k-means in a bounded child process, cancellable.

One Streamlit server runs every session's reruns; a segmentation of 20,000 respondents spends
seconds in scikit-learn and NumPy, and on the script thread (or any thread of the server) that
work holds the GIL in bursts and slows every other session's reruns. So the app (decision):

- reads the ratings matrix and saves the result in the server (DuckDB releases the GIL while it
  works, and only the server process may open the workspace file);
- runs :func:`core.analysis.segmentation.cluster_respondents` — the CPU-heavy part — in a child
  process through :func:`core.intake.isolation.run_bounded` (the same forkserver, memory cap
  and kill-on-timeout as reading an upload), which reports progress per k tried;
- checks ``cancelled()`` while the child runs (the child is killed) and again before saving,
  so a cancelled segmentation saves nothing.

The CLI and the tests call :func:`core.analysis.segmentation.run_segmentation` in-process.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from core.analysis.scoring import ScoringSettings
from core.analysis.segment_store import SegmentationError
from core.analysis.segmentation import (
    Clustering,
    Progress,
    RatingMatrix,
    SegmentationOptions,
    cluster_respondents,
    run_segmentation,
)
from core.intake.isolation import MEMORY_MIB, Budget, Cancelled, ReadAborted, run_bounded
from core.intake.isolation import Channel as _Channel
from core.workspace.database import Workspace

__all__ = ["Cancelled", "cluster_bounded", "run_segmentation_bounded"]

# A segmentation of 133,000 × 150 takes well under a minute; the limit only catches a runaway.
SECONDS = float(os.environ.get("JTBD_SEGMENT_SECONDS", "600"))
BUDGET = Budget(memory_mib=MEMORY_MIB, seconds=SECONDS)


def _cluster_child(
    matrix: RatingMatrix, options: SegmentationOptions, *, channel: _Channel
) -> Clustering | SegmentationError:
    """In the child: cluster; a degenerate survey comes back as the error (re-raised by the parent)."""
    try:
        return cluster_respondents(matrix, options, progress=channel.progress)
    except SegmentationError as exc:
        return exc


def cluster_bounded(
    matrix: RatingMatrix,
    options: SegmentationOptions,
    *,
    cancelled: Callable[[], bool] | None = None,
    progress: Progress | None = None,
) -> Clustering:
    """:func:`cluster_respondents` in a bounded child; raises :class:`Cancelled` when cancelled."""
    try:
        result = run_bounded(
            _cluster_child,
            matrix,
            options,
            what="The segmentation",
            budget=BUDGET,
            progress=progress,
            cancelled=cancelled,
        )
    except ReadAborted as exc:
        raise SegmentationError(f"No segmentation was computed: {exc.problem}") from None
    if isinstance(result, SegmentationError):
        raise result
    if cancelled is not None and cancelled():  # clicked as the child finished: still nothing saved
        raise Cancelled("The segmentation was cancelled. Nothing was changed.")
    return result


def run_segmentation_bounded(
    workspace: Workspace,
    options: SegmentationOptions,
    *,
    name: str | None = None,
    settings: ScoringSettings | None = None,
    cancelled: Callable[[], bool] | None = None,
    progress: Progress | None = None,
) -> str:
    """:func:`run_segmentation` with the clustering in a bounded child; the saved segmentation's id.

    ``progress(fraction, message)`` covers the whole run: reading, clustering (5–90 %), saving.
    """

    def report(fraction: float, message: str) -> None:
        if progress is not None:
            progress(fraction, message)

    def clustering_progress(fraction: float, message: str) -> None:
        report(0.05 + 0.85 * fraction, message)

    def cluster(matrix: RatingMatrix, options: SegmentationOptions) -> Clustering:
        report(0.05, f"Segmenting {len(matrix.respondent_ids):,} respondents on {len(matrix.outcome_ids)} outcomes")
        clustering = cluster_bounded(matrix, options, cancelled=cancelled, progress=clustering_progress)
        report(0.9, "Saving and naming the segments")
        return clustering

    report(0.0, "Reading the ratings")
    segmentation_id = run_segmentation(workspace, options, name=name, settings=settings, cluster=cluster)
    report(1.0, "Saved")
    return segmentation_id
