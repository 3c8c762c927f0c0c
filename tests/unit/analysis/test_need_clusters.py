"""Need clusters on real workspaces: the planted clusters, the maths, dominance, degenerate input."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from core.analysis.need_clusters import (
    NeedClusterError,
    cluster_summary,
    importance_correlation,
    need_clusters,
    step_span,
)
from core.analysis.scoring import ScoringSettings, outcome_scores
from core.analysis.segmentation import run_segmentation
from tests.unit.samples import SAMPLES, truth
from tests.unit.survey_builders import canonical_workbook, store_workbook
from ui.charts.clusters import dominance_by_segment, dominance_chart, heatmap_cells, heatmap_spec


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_planted_need_clusters_are_recovered(loaded, name):
    clusters = need_clusters(loaded[name])
    planted = truth(name)["need_clusters"]
    frame = clusters.assignments
    assert clusters.k == len(set(planted.values()))
    assert adjusted_rand_score(frame["outcome_id"].map(planted), frame["cluster"]) >= 0.8
    # heat-map order: positions 0..p−1, each cluster a contiguous block, clusters numbered in order
    assert frame["position"].tolist() == list(range(len(frame)))
    assert frame["cluster"].is_monotonic_increasing
    assert list(clusters.correlation.index) == list(frame["outcome_id"])
    assert clusters.silhouette == max(clusters.silhouettes.values())


def test_fixed_number_of_clusters(loaded):
    clusters = need_clusters(loaded["consumer_meal_planning"], k=2)
    assert clusters.k == 2 and set(clusters.assignments["cluster"]) == {1, 2}
    with pytest.raises(NeedClusterError, match="between 2 and 58"):
        need_clusters(loaded["consumer_meal_planning"], k=59)


def test_cluster_summary_and_dominance(loaded):
    ws = loaded["b2b_invoice_processing"]
    settings = ScoringSettings()
    clusters = need_clusters(ws)
    scores = outcome_scores(ws, settings)
    summary = cluster_summary(clusters, scores, settings)
    assert summary["n_outcomes"].sum() == 80
    first = clusters.assignments[clusters.assignments["cluster"] == 1]["outcome_id"]
    expected = scores[scores["outcome_id"].isin(first)]["opportunity"].mean()
    assert summary.iloc[0]["mean_opportunity"] == pytest.approx(expected)
    assert not summary["underserved"].any()  # pooled: no cluster is underserved as a whole…
    segmentation_id = run_segmentation(ws)
    by_segment = cluster_summary(clusters, outcome_scores(ws, settings, by=f"segmentation:{segmentation_id}"), settings)
    # …but the four clusters that drive a segment each are, for that segment (capture accuracy,
    # which drives none, is not).
    best = by_segment.groupby("cluster")["mean_opportunity"].max()
    assert (best >= settings.solid).sum() == 4 and by_segment["underserved"].sum() == 4
    planted = truth("b2b_invoice_processing")["need_clusters"]
    weakest = clusters.assignments[clusters.assignments["cluster"] == best.idxmin()]["outcome_id"].map(planted)
    assert set(weakest) == {"Capture accuracy"}
    for chart in (
        dominance_chart(summary, settings.solid),
        dominance_by_segment(by_segment, list(by_segment["group"])),
    ):
        assert chart.to_dict()["config"]["axis"]["labelFontSize"] >= 14
    spec = heatmap_spec(clusters)
    assert len(spec["datasets"]["correlation_cells"]) == 80 * 79
    assert heatmap_cells(clusters)[0] == {"x": 1, "y": 0, "w": 1, "r": round(float(clusters.correlation.iloc[0, 1]), 2)}


def test_importance_correlation_is_pearson_with_mean_imputation():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(50, 4))
    assert np.allclose(importance_correlation(x), np.corrcoef(x.T))
    x[:, 3] = 2.0  # nobody differs on it
    x[0, 0] = np.nan
    r = importance_correlation(x)
    assert (r[3, :3] == 0).all() and r[3, 3] == 1
    filled = x.copy()
    filled[0, 0] = np.nanmean(x[:, 0])
    assert r[0, 1] == pytest.approx(np.corrcoef(filled[:, 0], filled[:, 1])[0, 1])


def test_step_span():
    assert step_span([1, 2, 3, 4, 6]) == "1–4, 6"
    assert step_span([2, 5, 6, 10, 11]) == "2, 5, 6, 10, 11"
    assert step_span([7, 7, 8, 9]) == "7–9"


def small(tmp_path, workspace, ratings):
    outcomes = {o: ("S", f"Minimize the time it takes to {o}") for o in ratings}
    store_workbook(workspace, canonical_workbook(tmp_path / "n.xlsx", outcomes, ratings))


def test_no_survey(workspace):
    with pytest.raises(NeedClusterError, match="Load a survey first"):
        need_clusters(workspace)


def test_identical_ratings_everywhere(tmp_path, workspace):
    small(tmp_path, workspace, {o: [(4, 2)] * 10 for o in "ABCD"})
    with pytest.raises(NeedClusterError, match="same importance rating from everyone"):
        need_clusters(workspace)


def test_too_few_outcomes_or_respondents(tmp_path, workspace):
    small(tmp_path, workspace, {"A": [(5, 1), (1, 2), (3, 3)], "B": [(1, 1), (5, 5), (2, 2)]})
    with pytest.raises(NeedClusterError, match="at least 3 rated outcomes; this survey has 2"):
        need_clusters(workspace)
    small(tmp_path, workspace, {o: [(5, 1)] for o in "ABCD"})
    with pytest.raises(NeedClusterError, match="at least 3 respondents; this survey has 1"):
        need_clusters(workspace)


def test_two_obvious_clusters(tmp_path, workspace):
    rng = np.random.default_rng(3)
    first, second = rng.integers(1, 6, 30), rng.integers(1, 6, 30)
    ratings = {o: [(int(v), 3) for v in first] for o in ("A1", "A2", "A3")}
    ratings |= {o: [(int(v), 3) for v in second] for o in ("B1", "B2", "B3")}
    small(tmp_path, workspace, ratings)
    clusters = need_clusters(workspace)
    groups = clusters.assignments.groupby("cluster")["outcome_id"].apply(set).tolist()
    assert sorted(groups, key=sorted) == [{"A1", "A2", "A3"}, {"B1", "B2", "B3"}]
