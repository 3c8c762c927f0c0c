"""Need clusters: outcomes grouped by how respondents rate their importance together.

The procedure (docs/ARCHITECTURE.md, Segments and need clusters):

1. **Correlation** of importance ratings across respondents: Pearson r between every two
   outcomes, a missing rating imputed by the outcome's mean (the samples' planted clusters
   come out the same with pairwise-complete r, which is much slower on 150 outcomes). An
   outcome everybody rated alike has r = 0 with the others.
2. **Hierarchical clustering**, average linkage on the distance d = 1 − r (0 for outcomes
   that always move together, 1 for unrelated ones, up to 2 for opposite ones).
3. **Cut** into k clusters: k fixed by the user, or chosen in 2–12 by the mean silhouette on
   the same distances. Clusters are numbered in dendrogram order (neighbouring numbers are
   similar clusters) and named after their most central outcome (highest mean r with the
   rest of its cluster).
4. **Per cluster**: its outcomes, the job steps it spans, and its **mean opportunity** (mean
   of its outcomes' opportunity scores, overall or per group); it is *underserved as a whole*
   when that mean reaches the "solid" band (10 by default). That is the need-cluster
   dominance view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import numpy as np
import pandas as pd

from core.analysis.outcome_text import short_statement
from core.analysis.scoring import ScoringSettings
from core.analysis.segment_store import SegmentationError
from core.analysis.segmentation import rating_matrix
from core.intake.store import survey_info
from core.intake.survey_queries import outcomes_table
from core.workspace.database import Workspace

AUTO_K = range(2, 13)
LINKAGE = "average"


class NeedClusterError(SegmentationError):
    """Need clusters cannot be formed; the message says why."""


@dataclass(frozen=True)
class NeedClusters:
    """Clusters of outcomes; everything ordered as on the heat map (by cluster, dendrogram order)."""

    assignments: pd.DataFrame  # outcome_id, cluster, cluster_name, position, statement, step, step_order
    correlation: pd.DataFrame  # Pearson r, outcomes × outcomes, in heat-map order
    k: int
    silhouette: float | None
    silhouettes: dict[int, float] = field(default_factory=dict)


def importance_correlation(importance: np.ndarray) -> np.ndarray:
    """Pearson r between columns (outcomes), missing values imputed by the column mean.

    A constant column has r = 0 with every other column (and 1 with itself).
    """
    x = np.where(np.isnan(importance), np.nanmean(importance, axis=0), importance)
    x = x - x.mean(axis=0)
    norms = np.sqrt((x * x).sum(axis=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = (x.T @ x) / np.outer(norms, norms)
    r = np.nan_to_num(np.clip(r, -1.0, 1.0), nan=0.0)
    np.fill_diagonal(r, 1.0)
    return r


def cluster_outcomes(r: np.ndarray, k: int | None = None) -> tuple[np.ndarray, np.ndarray, dict[int, float]]:
    """Average linkage on 1 − r, cut to ``k`` clusters (None: best silhouette in 2–12).

    Returns cluster labels (1…k), the dendrogram's leaf order, and the silhouettes tried.
    """
    # SciPy's clustering and scikit-learn load only when need clusters are drawn (LAZY_IMPORTS)
    from scipy.cluster.hierarchy import fcluster, leaves_list, linkage
    from scipy.spatial.distance import squareform
    from sklearn.metrics import silhouette_score

    p = len(r)
    distance = np.clip(1.0 - r, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    distance = (distance + distance.T) / 2
    tree = linkage(squareform(distance, checks=False), method=LINKAGE)
    if k is not None:
        if not 2 <= k <= p - 1:
            raise NeedClusterError(f"Choose between 2 and {p - 1} need clusters for {p} outcomes (k = {k} was asked).")
        candidates = [k]
    else:
        candidates = [c for c in AUTO_K if c <= p - 1]
    silhouettes: dict[int, float] = {}
    best: tuple[int, np.ndarray] | None = None
    for c in candidates:
        labels = fcluster(tree, t=c, criterion="maxclust")
        if not 2 <= len(np.unique(labels)) <= p - 1:
            continue
        silhouettes[c] = float(silhouette_score(distance, labels, metric="precomputed"))
        if best is None or silhouettes[c] > silhouettes[best[0]]:
            best = (c, labels)
    if best is None:
        raise NeedClusterError("The outcomes' importance ratings do not separate into clusters.")
    return best[1], leaves_list(tree), silhouettes


def _renumber(labels: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Clusters numbered 1…k by first appearance in the dendrogram's leaf order."""
    first = dict.fromkeys(labels[order])
    mapping = {old: new for new, old in enumerate(first, start=1)}
    return np.array([mapping[label] for label in labels])


def step_span(step_orders: list[int]) -> str:
    """``[1, 2, 3, 4, 6]`` → ``"1–4, 6"``."""
    orders = sorted({int(s) for s in step_orders})
    runs: list[list[int]] = []
    for s in orders:
        if runs and s == runs[-1][-1] + 1:
            runs[-1].append(s)
        else:
            runs.append([s])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs)


def need_clusters(workspace: Workspace, k: int | None = None) -> NeedClusters:
    """Cluster the workspace's outcomes by the correlation of their importance ratings."""
    info = survey_info(workspace)
    if info is None:
        raise NeedClusterError("Load a survey first: there are no outcomes to cluster.")
    matrix = rating_matrix(workspace, info.scale)
    importance = matrix.importance[~np.isnan(matrix.importance).all(axis=1)]
    rated = np.asarray(~np.isnan(importance).all(axis=0))
    if rated.sum() < 3:
        raise NeedClusterError(f"Need clusters need at least 3 rated outcomes; this survey has {int(rated.sum())}.")
    if len(importance) < 3:
        raise NeedClusterError(
            f"Need clusters need the importance ratings of at least 3 respondents; this survey has {len(importance)}."
        )
    importance = importance[:, rated]
    if np.nanstd(importance, axis=0).max() < 1e-12:
        raise NeedClusterError(
            "Every outcome got the same importance rating from everyone, so no outcomes move together."
        )
    ids = [o for o, keep in zip(matrix.outcome_ids, rated, strict=True) if keep]
    r = importance_correlation(importance)
    labels, order, silhouettes = cluster_outcomes(r, k)
    labels = _renumber(labels, order)
    outcomes = outcomes_table(workspace).set_index("outcome_id").loc[ids]
    frame = pd.DataFrame(
        {
            "outcome_id": ids,
            "cluster": labels,
            "statement": outcomes["statement"].to_numpy(),
            "step": outcomes["step"].to_numpy(),
            "step_order": outcomes["step_order"].to_numpy(),
        }
    )
    frame["centrality"] = [r[i, labels == labels[i]].mean() for i in range(len(ids))]
    medoids = frame.loc[frame.groupby("cluster")["centrality"].idxmax()].set_index("cluster")["statement"]
    frame["cluster_name"] = [f"{c}. {short_statement(medoids[c], 46)}" for c in frame["cluster"]]
    frame["position"] = np.argsort(order)
    frame = frame.sort_values("position").reset_index(drop=True)
    frame["position"] = range(len(frame))
    ordered = [ids.index(o) for o in frame["outcome_id"]]
    correlation = pd.DataFrame(r[np.ix_(ordered, ordered)], index=frame["outcome_id"], columns=frame["outcome_id"])
    best = int(frame["cluster"].max())
    return NeedClusters(frame, correlation, best, silhouettes.get(len(set(labels))), silhouettes)


def cluster_summary(clusters: NeedClusters, scores: pd.DataFrame, settings: ScoringSettings) -> pd.DataFrame:
    """Per cluster (and per group of ``scores``): outcomes, steps spanned, mean opportunity.

    ``scores``: :func:`core.analysis.scoring.outcome_scores` output (any ``by``). Columns: group,
    cluster, cluster_name, n_outcomes, steps, mean_opportunity, mean_importance,
    mean_satisfaction, n_underserved (outcomes ≥ the solid band), underserved (mean ≥ solid).
    """
    merged = scores.merge(clusters.assignments[["outcome_id", "cluster", "cluster_name"]], on="outcome_id")
    rows = []
    for (group, cluster), part in merged.groupby(["group", "cluster"], sort=True):
        mean = part["opportunity"].mean()
        rows.append(
            {
                "group": group,
                "cluster": int(cast(int, cluster)),
                "cluster_name": part["cluster_name"].iloc[0],
                "n_outcomes": len(part),
                "steps": step_span(part["step_order"].tolist()),
                "mean_opportunity": mean,
                "mean_importance": part["importance"].mean(),
                "mean_satisfaction": part["satisfaction"].mean(),
                "n_underserved": int((part["opportunity"] >= settings.solid).sum()),
                "underserved": bool(pd.notna(mean) and mean >= settings.solid),
            }
        )
    return pd.DataFrame(rows)
