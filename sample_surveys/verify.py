"""Check that the analysis procedures recover the planted structure of a sample survey.

    python -m sample_surveys.verify [DIR]     # checks every <name>.xlsx with a <name>.truth.json

Procedures (the ones the workbench uses, re-implemented here with numpy/pandas/sklearn/scipy):

* segments — per respondent and outcome, opportunity = imp + max(imp − sat, 0) from the raw
  1–5 ratings (imp and sat missing values imputed by the outcome mean), standardised per
  outcome, k-means (n_init=10, random_state=0) with k in 2..8 chosen by silhouette;
* need clusters — average-linkage hierarchical clustering on 1 − Pearson r of the importance
  ratings (pairwise-complete), cut into the planted number of clusters;
* opportunity — top-two-box importance and satisfaction on 0–10, imp + max(imp − sat, 0).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.preprocessing import StandardScaler


def ratings(responses: pd.DataFrame, prefix: str, outcome_ids: list[str]) -> pd.DataFrame:
    """Numeric ratings (float, NaN when missing or not 1–5), one column per outcome."""
    frame = responses[[f"{prefix}{o}" for o in outcome_ids]].apply(pd.to_numeric, errors="coerce")
    frame = frame.where(frame.isin([1, 2, 3, 4, 5]))
    frame.columns = outcome_ids
    return frame.astype(float)


def opportunity_matrix(imp: pd.DataFrame, sat: pd.DataFrame) -> np.ndarray:
    """Standardised per-respondent opportunity vectors (outcome-mean imputation)."""
    imp = imp.fillna(imp.mean())
    sat = sat.fillna(sat.mean())
    opp = imp + (imp - sat).clip(lower=0)
    return StandardScaler().fit_transform(opp.to_numpy())


def kmeans_by_silhouette(x: np.ndarray, k_range: range = range(2, 9)) -> tuple[int, dict[int, float], np.ndarray]:
    """Best k by silhouette, every silhouette, and the labels at the best k."""
    scores, labels = {}, {}
    for k in k_range:
        labels[k] = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(x)
        scores[k] = float(silhouette_score(x, labels[k]))
    best = max(scores, key=scores.__getitem__)
    return best, scores, labels[best]


def need_clusters(imp: pd.DataFrame, k: int) -> np.ndarray:
    """Average-linkage clusters of outcomes on 1 − Pearson r of importance ratings."""
    distance = (1.0 - imp.corr().to_numpy()).clip(min=0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return fcluster(tree, t=k, criterion="maxclust")


def t2b_opportunity(imp: pd.DataFrame, sat: pd.DataFrame) -> pd.DataFrame:
    """Top-two-box importance, satisfaction (0–10, available case) and opportunity per outcome."""
    imp10 = 10 * (imp >= 4).sum() / imp.notna().sum()
    sat10 = 10 * (sat >= 4).sum() / sat.notna().sum()
    return pd.DataFrame(
        {"importance": imp10, "satisfaction": sat10, "opportunity": imp10 + (imp10 - sat10).clip(lower=0)}
    )


def leading_steps(job_map: pd.DataFrame, sat: pd.DataFrame, solution: pd.Series) -> dict[str, list[int]]:
    """For each solution, the steps on which its users' mean satisfaction is the highest."""
    step_of = job_map.set_index("outcome_id")["step_order"]
    by_step = sat.T.groupby(step_of).mean().T
    means = by_step.groupby(solution.to_numpy()).mean()
    winners = means.idxmax(axis=0)
    return {name: sorted(int(s) for s in winners.index[winners == name]) for name in means.index}


def check(responses: pd.DataFrame, job_map: pd.DataFrame, truth: dict[str, Any]) -> dict[str, Any]:
    """Run every procedure against the truth and return the figures."""
    outcome_ids = job_map["outcome_id"].tolist()
    imp = ratings(responses, "imp_", outcome_ids)
    sat = ratings(responses, "sat_", outcome_ids)
    planted = responses["respondent_id"].map(truth["segments"])
    k, scores, labels = kmeans_by_silhouette(opportunity_matrix(imp, sat))
    n_clusters = len(set(truth["need_clusters"].values()))
    clusters = need_clusters(imp, n_clusters)
    scores_t2b = t2b_opportunity(imp, sat)
    underserved = truth["underserved_outcomes"]
    opp_by_segment = {
        name: float(t2b_opportunity(imp[planted == name], sat[planted == name])["opportunity"].mean())
        for name in truth["segment_profiles"]
    }
    return {
        "planted_segments": len(truth["segment_profiles"]),
        "k_by_silhouette": k,
        "silhouettes": {kk: round(v, 3) for kk, v in scores.items()},
        "segment_ari": adjusted_rand_score(planted, labels),
        "need_cluster_ari": adjusted_rand_score([truth["need_clusters"][o] for o in outcome_ids], clusters),
        "underserved_min_opportunity": float(scores_t2b.loc[underserved, "opportunity"].min()),
        "others_max_opportunity": float(scores_t2b.drop(index=underserved)["opportunity"].max()),
        "overserved_margin_min": float(
            (
                scores_t2b.loc[truth["overserved_outcomes"], "satisfaction"]
                - scores_t2b.loc[truth["overserved_outcomes"], "importance"]
            ).min()
        ),
        "mean_opportunity_by_segment": {s: round(v, 2) for s, v in opp_by_segment.items()},
        "median_wtp_by_segment": responses.groupby(planted)["willingness_to_pay"].median().to_dict(),
        "leading_steps": leading_steps(job_map, sat, responses["current_solution"]),
        "planted_leads": truth["competitor_leads"],
    }


def check_file(workbook: Path) -> dict[str, Any]:
    """Read a sample workbook and its truth file and run :func:`check`."""
    truth = json.loads(workbook.with_suffix(".truth.json").read_text(encoding="utf-8"))
    sheets = pd.read_excel(workbook, sheet_name=None, engine="calamine")
    return check(sheets["responses"], sheets["job_map"], truth)


def main(argv: list[str] | None = None) -> int:
    """Print the figures for every sample workbook in the directory."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path(__file__).resolve().parent
    for workbook in sorted(folder.glob("*.xlsx")):
        if workbook.with_suffix(".truth.json").exists():
            print(f"== {workbook.name}")
            for key, value in check_file(workbook).items():
                print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
