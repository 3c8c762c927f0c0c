"""Outcome-based segmentation of respondents (docs/ARCHITECTURE.md, Segments and need clusters).

The procedure, for respondents × outcomes:

1. **Opportunity vectors** from the raw ratings, each rating rescaled to 0–10 on the survey's
   scale ((r − low) / (high − low) × 10), a missing importance or satisfaction imputed by the
   outcome's mean::

       opp[i, j] = imp[i, j] + max(imp[i, j] − sat[i, j], 0)          # 0…20

   Respondents with a valid (importance, satisfaction) pair for fewer than half the outcomes
   are left out (their vector would be mostly imputed); the count is reported.
2. **Standardised** per outcome: z = (opp − mean) / sd (an outcome nobody differs on scores 0).
3. **Reduced** with PCA to the first 10 principal components (fewer when there are fewer
   outcomes). k-means with k ≤ 8 separates at most 7 directions between segment centres, and
   the leading components carry them; the rest is mostly rating noise. On 5,000 × 150 the
   search over k takes about a quarter of the time (0.7 s against 2.8 s) and finds the same
   segments (ARI 1.0); the samples' planted segments are recovered as well as with the full
   vectors. ``pca_components=None`` clusters the full vectors.
4. **k-means**, ``n_init=10`` restarts, ``random_state=0`` (fixed seed: same data, same
   segments). k is fixed by the user (2–12), or chosen in 2–8 by the mean **silhouette**,
   computed in the clustering space on a seeded sample of at most 2,000 respondents
   (sklearn's ``sample_size``), which keeps the search fast on 5,000 respondents. On more than
   ``search_sample`` (10,000) respondents, the k-means runs of the search itself use a seeded
   sample of that many respondents, and only the chosen k is then fitted on everyone (its
   silhouette recomputed from that fit): on 50,000 × 150 this takes the search from about 8 s to
   about 4 s and the samples' planted segments are recovered all the same. Smaller surveys are
   searched on every respondent, as before.
   The numerics run single-threaded (threadpoolctl): on matrices this small, OpenMP's threads
   cost more than they save, and many times more on a server whose cores are busy.
5. Segments are numbered by size, largest first; :mod:`core.analysis.segment_profiles` re-scores each
   within itself and names it after its most underserved outcome among those where it is
   clearly more underserved than everyone ("Underserved on: …").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from core.analysis.scoring import ScoringSettings
from core.analysis.segment_profiles import readable_names, segment_scores
from core.analysis.segment_store import (
    SegmentationError,
    default_name,
    get_segmentation,
    rename_segments,
    save_segmentation,
)
from core.intake.progress import Progress, quiet
from core.intake.scales import DEFAULT_SCALE, Scale
from core.intake.store import survey_info
from core.sqlfiles import query
from core.workspace.database import Workspace

__all__ = ["SegmentationError", "SegmentationOptions", "cluster_respondents", "run_segmentation"]

AUTO_K = range(2, 9)
MAX_FIXED_K = 12


@dataclass(frozen=True)
class RatingMatrix:
    """Ratings as respondents × outcomes arrays, rescaled to 0–10; NaN where missing."""

    respondent_ids: list[str]
    outcome_ids: list[str]
    importance: np.ndarray
    satisfaction: np.ndarray


@dataclass(frozen=True)
class SegmentationOptions:
    """How respondents are clustered; ``k=None`` chooses k in 2–8 by silhouette."""

    k: int | None = None
    pca_components: int | None = 10
    n_init: int = 10
    random_state: int = 0
    silhouette_sample: int = 2000
    search_sample: int = 10_000
    min_rated_share: float = 0.5


@dataclass(frozen=True)
class Clustering:
    """The outcome of :func:`cluster_respondents`; ``labels`` 0…k−1, 0 the largest segment."""

    respondent_ids: list[str]
    labels: np.ndarray
    k: int
    silhouette: float | None
    silhouettes: dict[int, float] = field(default_factory=dict)
    n_components: int = 0
    n_excluded: int = 0
    outcomes_used: int = 0


def rating_matrix(workspace: Workspace, scale: Scale = DEFAULT_SCALE) -> RatingMatrix:
    """The workspace's ratings as two dense matrices, from one query over the ratings table."""
    cur = workspace.cursor()
    respondents = [r[0] for r in cur.execute(query("segmentation", "matrix_respondents")).fetchall()]
    outcomes = [r[0] for r in cur.execute(query("segmentation", "matrix_outcomes")).fetchall()]
    cells = cur.execute(query("segmentation", "matrix_cells")).fetchnumpy()
    shape = (len(respondents), len(outcomes))
    rows, cols = np.asarray(cells["row_index"], dtype=np.int64), np.asarray(cells["col_index"], dtype=np.int64)
    matrices = []
    for column in ("importance", "satisfaction"):
        values = np.ma.filled(np.ma.asarray(cells[column]).astype(float), np.nan)
        matrix = np.full(shape, np.nan)
        matrix[rows, cols] = 10 * (values - scale.low) / (scale.high - scale.low)
        matrices.append(matrix)
    return RatingMatrix(respondents, outcomes, *matrices)


def opportunity_vectors(importance: np.ndarray, satisfaction: np.ndarray) -> np.ndarray:
    """opp = imp + max(imp − sat, 0) per cell, missing imp/sat imputed by the outcome's mean.

    An outcome with no valid rating at all imputes 0 (the caller drops such outcomes first).
    """
    imp = _impute_column_means(importance)
    sat = _impute_column_means(satisfaction)
    return imp + np.maximum(imp - sat, 0.0)


def _impute_column_means(matrix: np.ndarray) -> np.ndarray:
    missing = np.isnan(matrix)
    filled = np.where(missing, 0.0, matrix)
    valid = len(matrix) - missing.sum(axis=0)
    means = np.divide(filled.sum(axis=0), valid, out=np.zeros(matrix.shape[1]), where=valid > 0)
    return np.where(missing, means, filled)


def standardise(x: np.ndarray) -> np.ndarray:
    """z = (x − column mean) / column sd (population); a constant column becomes 0."""
    sd = x.std(axis=0)
    return np.divide(x - x.mean(axis=0), sd, out=np.zeros_like(x), where=sd > 1e-12)


def _checked_vectors(matrix: RatingMatrix, options: SegmentationOptions) -> tuple[np.ndarray, np.ndarray, int]:
    """Standardised vectors of the respondents kept, which rows they are, and the outcomes used."""
    if not matrix.respondent_ids or not matrix.outcome_ids:
        raise SegmentationError("The survey has no respondents or no outcomes to segment.")
    valid = ~(np.isnan(matrix.importance) | np.isnan(matrix.satisfaction))
    kept = np.flatnonzero(valid.mean(axis=1) >= options.min_rated_share)
    if len(kept) < 3:
        raise SegmentationError(
            f"Segmentation needs at least 3 respondents who rated at least half of the outcomes; "
            f"this survey has {len(kept)}."
        )
    # no copies when everyone is kept and every outcome rated (the usual case on a big survey)
    everyone = len(kept) == len(valid)
    imp = matrix.importance if everyone else matrix.importance[kept]
    sat = matrix.satisfaction if everyone else matrix.satisfaction[kept]
    rated = ~(np.isnan(imp).all(axis=0) | np.isnan(sat).all(axis=0))
    if not rated.all():
        imp, sat = imp[:, rated], sat[:, rated]
    x = standardise(opportunity_vectors(imp, sat))
    if not x.any():
        raise SegmentationError("Every respondent gave the same ratings, so there are no differences to segment on.")
    return x, kept, int(rated.sum())


def _reduce(x: np.ndarray, options: SegmentationOptions) -> np.ndarray:
    components = options.pca_components
    if components is None or components >= min(x.shape):
        return x
    from sklearn.decomposition import PCA  # scikit-learn loads only to cluster (LAZY_IMPORTS)

    return PCA(n_components=components, random_state=options.random_state).fit_transform(x)


def _by_size(labels: np.ndarray, k: int) -> np.ndarray:
    """Relabel 0…k−1 from the largest segment to the smallest (ties by first label)."""
    counts = np.bincount(labels, minlength=k)
    order = np.argsort(-counts, kind="stable")
    mapping = np.empty(k, dtype=int)
    mapping[order] = np.arange(k)
    return mapping[labels]


def _silhouette(x: np.ndarray, labels: np.ndarray, options: SegmentationOptions) -> float:
    from sklearn.metrics import silhouette_score  # scikit-learn loads only to cluster (LAZY_IMPORTS)

    sample = options.silhouette_sample if len(x) > options.silhouette_sample else None
    return float(silhouette_score(x, labels, sample_size=sample, random_state=options.random_state))


def _distinct_patterns(x: np.ndarray, enough: int) -> int:
    """How many different rows ``x`` has, exactly when fewer than ``enough``, else at least ``enough``.

    The count only bounds k (≤ 12), so the first rows usually settle it without sorting them all.
    """
    head = x[: 4 * enough].round(9)
    if len(np.unique(head, axis=0)) >= enough:
        return enough
    return len(np.unique(x.round(9), axis=0))


def _search_rows(n: int, options: SegmentationOptions) -> np.ndarray | None:
    """The seeded sample of respondents k is chosen on; None when everyone is few enough."""
    if n <= options.search_sample:
        return None
    rng = np.random.default_rng(options.random_state)
    return np.sort(rng.choice(n, size=options.search_sample, replace=False))


def _kmeans(x: np.ndarray, k: int, options: SegmentationOptions) -> np.ndarray:
    from sklearn.cluster import KMeans  # scikit-learn loads only to cluster (LAZY_IMPORTS)

    # scikit-learn has no annotations; pyright takes n_init's type from its default, "auto"
    model = KMeans(n_clusters=k, n_init=options.n_init, random_state=options.random_state)  # pyright: ignore[reportArgumentType]
    return model.fit_predict(x)


def cluster_respondents(
    matrix: RatingMatrix, options: SegmentationOptions = SegmentationOptions(), progress: Progress = quiet
) -> Clustering:
    """k-means on standardised (and PCA-reduced) opportunity vectors; see the module docstring.

    ``progress(fraction, message)`` is called before each k is tried (the app shows it).
    """
    x, kept, outcomes_used = _checked_vectors(matrix, options)
    n = len(kept)
    distinct = _distinct_patterns(x, MAX_FIXED_K + 1)
    if options.k is not None:
        k = int(options.k)
        if not 2 <= k <= MAX_FIXED_K:
            raise SegmentationError(f"Choose between 2 and {MAX_FIXED_K} segments (k = {k} was asked for).")
        if k >= n:
            raise SegmentationError(
                f"k = {k} asks for as many segments as there are respondents with ratings ({n}) or more: "
                f"choose a k below {n}."
            )
        if k > distinct:
            raise SegmentationError(
                f"Only {distinct} different rating patterns among {n} respondents: at most {distinct} segments."
            )
        candidates = [k]
    else:
        candidates = [k for k in AUTO_K if k < n and k <= distinct]
        if not candidates:
            raise SegmentationError(
                f"Too few different respondents to segment: {n} respondents with {distinct} different rating "
                "patterns (at least 3 are needed)."
            )
    silhouettes: dict[int, float] = {}
    best: tuple[int, np.ndarray] | None = None
    with threadpool_limits(limits=1):  # see the module docstring
        reduced = _reduce(x, options)
        rows = _search_rows(n, options) if len(candidates) > 1 else None
        searched = reduced if rows is None else reduced[rows]
        for done, k in enumerate(candidates):
            progress(done / len(candidates), f"Trying {k} segments ({done + 1} of {len(candidates)})")
            labels = _kmeans(searched, k, options)
            if len(np.unique(labels)) < 2:
                continue
            silhouettes[k] = _silhouette(searched, labels, options)
            if best is None or silhouettes[k] > silhouettes[best[0]]:
                best = (k, labels)
        if best is not None and rows is not None:  # k chosen on the sample: fit it on everyone
            labels = _kmeans(reduced, best[0], options)
            if len(np.unique(labels)) >= 2:
                silhouettes[best[0]] = _silhouette(reduced, labels, options)
                best = (best[0], labels)
            else:
                best = None
    if best is None:
        raise SegmentationError("The respondents could not be split into segments (their ratings barely differ).")
    k, labels = best
    return Clustering(
        respondent_ids=[matrix.respondent_ids[i] for i in kept],
        labels=_by_size(labels, k),
        k=k,
        silhouette=silhouettes[k],
        silhouettes=silhouettes,
        n_components=reduced.shape[1],
        n_excluded=len(matrix.respondent_ids) - n,
        outcomes_used=outcomes_used,
    )


def run_segmentation(
    workspace: Workspace,
    options: SegmentationOptions = SegmentationOptions(),
    *,
    name: str | None = None,
    settings: ScoringSettings | None = None,
    cluster: Callable[[RatingMatrix, SegmentationOptions], Clustering] | None = None,
) -> str:
    """Cluster the workspace's respondents, save the segmentation, name its segments; its id.

    ``cluster`` replaces :func:`cluster_respondents` (the app clusters in a bounded child process,
    :mod:`core.analysis.segmentation_worker`); reading the ratings and saving stay here.

    Names come from :func:`core.analysis.segment_profiles.readable_names` on the segments re-scored
    by :func:`core.analysis.segment_profiles.segment_scores`.
    Raises :class:`SegmentationError` with a readable message on degenerate input.
    """
    info = survey_info(workspace)
    if info is None:
        raise SegmentationError("Load a survey first: there is nothing to segment.")
    clustering = (cluster or cluster_respondents)(rating_matrix(workspace, info.scale), options)
    provisional = [f"Segment {i + 1}" for i in range(clustering.k)]
    frame = pd.DataFrame(
        {"respondent_id": clustering.respondent_ids, "segment": [provisional[i] for i in clustering.labels]}
    )
    params = {
        **asdict(options),
        "k_requested": "auto" if options.k is None else int(options.k),
        "silhouettes": {str(k): round(v, 4) for k, v in clustering.silhouettes.items()},
        "n_components": clustering.n_components,
        "n_excluded": clustering.n_excluded,
        "outcomes_used": clustering.outcomes_used,
        "scale": info.scale.name,
    }
    segmentation_id = save_segmentation(
        workspace,
        name if name and name.strip() else default_name(workspace, clustering.k),
        frame,
        k=clustering.k,
        silhouette=clustering.silhouette,
        params=params,
    )
    scores = segment_scores(workspace, get_segmentation(workspace, segmentation_id), settings)
    names = readable_names(scores, provisional)
    rename_segments(workspace, segmentation_id, dict(zip(provisional, names, strict=True)))
    return segmentation_id
