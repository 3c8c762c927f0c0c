"""Outcome-based segmentation on real DuckDB workspaces: the maths, the planted structure of the
sample surveys, profiles, persistence, willingness to pay, degenerate input and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from core.analysis.outcome_text import short_statement, unique_names
from core.analysis.scoring import outcome_scores
from core.analysis.segment_profiles import NAME_PREFIX, profile_segmentation, top_outcomes, two_proportion_test
from core.analysis.segment_store import (
    SegmentationError,
    assignments,
    delete_segmentation,
    get_segmentation,
    list_segmentations,
    rename_segment,
    rename_segmentation,
    rename_segments,
    segment_sizes,
    segmentation_groupings,
)
from core.analysis.segmentation import (
    SegmentationOptions,
    _distinct_patterns,
    opportunity_vectors,
    rating_matrix,
    run_segmentation,
    standardise,
)
from core.analysis.wtp import wtp_attribute, wtp_by_satisfaction, wtp_by_segment
from core.intake.loading import load_sample
from tests.unit.samples import SAMPLES, loaded_samples, truth
from tests.unit.survey_builders import canonical_workbook, store_workbook
from ui.charts.segments import attribute_mix_chart, silhouette_chart, sizes_chart, step_heatmap
from ui.charts.wtp import wtp_chart

REPO = Path(__file__).resolve().parents[3]
# sample_surveys/README.md: "the most underserved segment"
MOST_UNDERSERVED = {"b2b_invoice_processing": "Cash optimizers", "consumer_meal_planning": "Time-starved parents"}


@pytest.fixture(scope="module")
def segmented():
    """Each sample loaded once, with an automatic segmentation: {name: (workspace, segmentation_id)}."""
    with loaded_samples() as opened:
        yield {name: (workspace, run_segmentation(workspace)) for name, workspace in opened.items()}


def planted_of(workspace, segmentation_id, name) -> pd.DataFrame:
    frame = assignments(workspace, segmentation_id)
    frame["planted"] = frame["respondent_id"].map(truth(name)["segments"])
    return frame


# --- the maths ---------------------------------------------------------------------------
def test_opportunity_vectors_impute_by_outcome_mean_and_floor_the_gap():
    imp = np.array([[10.0, 0.0], [np.nan, 5.0], [6.0, 10.0]])
    sat = np.array([[0.0, 10.0], [5.0, np.nan], [8.0, 0.0]])
    opp = opportunity_vectors(imp, sat)
    # row 0: 10 + max(10 − 0, 0) = 20; 0 + max(0 − 10, 0) = 0
    assert opp[0].tolist() == [20.0, 0.0]
    # row 1: imp imputed by the mean of 10 and 6 = 8 → 8 + 3; sat imputed by (10 + 0) / 2 = 5 → 5 + 0
    assert opp[1].tolist() == [11.0, 5.0]
    assert opp[2].tolist() == [6.0, 20.0]


def test_standardise_gives_zero_mean_unit_sd_and_zero_for_constant_columns():
    x = standardise(np.array([[1.0, 3.0], [3.0, 3.0], [5.0, 3.0]]))
    assert np.allclose(x[:, 0].mean(), 0) and np.isclose(x[:, 0].std(), 1)
    assert (x[:, 1] == 0).all()


def test_two_proportion_test_matches_the_formula():
    z, p = two_proportion_test(np.array([45]), np.array([100]), np.array([30]), np.array([100]))
    pooled = 75 / 200
    expected = (0.45 - 0.30) / np.sqrt(pooled * (1 - pooled) * (2 / 100))
    assert z[0] == pytest.approx(expected)
    assert p[0] == pytest.approx(0.0285, abs=1e-3)
    z, p = two_proportion_test(np.array([0]), np.array([10]), np.array([0]), np.array([0]))
    assert z[0] == 0 and p[0] == 1  # undefined → no difference


def test_rating_matrix_is_scale_aware(tmp_path, workspace):
    outcomes = {"A": ("Plan", "Minimize the time it takes to plan"), "B": ("Plan", "Minimize errors")}
    ratings = {"A": [(5, 1), (1, 5), (3, None)], "B": [(4, 2), (2, 4), (None, 3)]}
    store_workbook(workspace, canonical_workbook(tmp_path / "m.xlsx", outcomes, ratings))
    matrix = rating_matrix(workspace)
    assert matrix.respondent_ids == ["R0001", "R0002", "R0003"] and matrix.outcome_ids == ["A", "B"]
    assert matrix.importance[0].tolist() == [10.0, 7.5]  # 5 → 10, 4 → 7.5 on 1–5
    assert np.isnan(matrix.satisfaction[2, 0]) and np.isnan(matrix.importance[2, 1])


def test_short_statements_and_unique_names():
    assert (
        short_statement("Minimize the likelihood of paying a duplicate invoice") == "risk of paying a duplicate invoice"
    )
    assert short_statement(
        "Minimize the time it takes to find the root cause of a price or quantity discrepancy", 40
    ) == ("time to find the root cause of a price…")
    assert unique_names([["a", "b"], ["A", "b"], ["a"]]) == ["a", "b", "a (2)"]


# --- the planted structure ---------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_planted_segments_are_recovered(segmented, name):
    workspace, segmentation_id = segmented[name]
    saved = get_segmentation(workspace, segmentation_id)
    frame = planted_of(workspace, segmentation_id, name)
    assert saved.k == len(truth(name)["segment_profiles"])
    assert adjusted_rand_score(frame["planted"], frame["segment"]) >= 0.8
    assert saved.params["k_requested"] == "auto" and set(saved.params["silhouettes"]) == {str(k) for k in range(2, 9)}


def test_k_chosen_on_a_seeded_sample_then_fitted_on_everyone(segmented):
    # a big survey chooses k on a seeded sample of respondents (README, Segments); the planted
    # segments are still found, and every respondent gets a segment from the fit on everyone
    name = sorted(SAMPLES)[0]
    workspace, _ = segmented[name]
    options = SegmentationOptions(search_sample=300)
    segmentation_id = run_segmentation(workspace, options)
    try:
        saved = get_segmentation(workspace, segmentation_id)
        frame = planted_of(workspace, segmentation_id, name)
        assert len(frame) > 300 and frame["segment"].notna().all()
        assert saved.k == len(truth(name)["segment_profiles"])
        assert adjusted_rand_score(frame["planted"], frame["segment"]) >= 0.8
        assert saved.params["search_sample"] == 300
        assert set(saved.params["silhouettes"]) == {str(k) for k in range(2, 9)}
    finally:  # the module's other tests share this workspace
        delete_segmentation(workspace, segmentation_id)


def test_distinct_patterns_are_exact_below_the_bound():
    rows = np.vstack([np.zeros((100, 3)), np.eye(3)])  # the 3 other patterns come after the first rows
    assert _distinct_patterns(rows, 13) == 4
    assert _distinct_patterns(np.arange(60.0).reshape(20, 3), 13) == 13  # at least the bound


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_profiles_find_the_most_underserved_segment_and_name_every_segment(segmented, name):
    workspace, segmentation_id = segmented[name]
    profiles = profile_segmentation(workspace, get_segmentation(workspace, segmentation_id))
    sizes = profiles.sizes
    assert sizes["n"].sum() == truth(name)["n_respondents"] and sizes["share"].sum() == pytest.approx(1)
    assert list(sizes["n"]) == sorted(sizes["n"], reverse=True)
    names = list(sizes["segment"])
    assert all(n.startswith(NAME_PREFIX) for n in names) and len({n.casefold() for n in names}) == len(names)
    # The most underserved segment (highest mean opportunity) is the planted one.
    frame = planted_of(workspace, segmentation_id, name)
    planted = frame.groupby("segment")["planted"].agg(lambda s: s.mode()[0])
    assert planted[sizes.sort_values("mean_opportunity").iloc[-1]["segment"]] == MOST_UNDERSERVED[name]
    top = top_outcomes(profiles.scores, names[0], 5)
    assert len(top) == 5 and top["opportunity"].is_monotonic_decreasing


def test_segment_scores_are_the_workspace_scores_within_each_segment(segmented):
    workspace, segmentation_id = segmented["b2b_invoice_processing"]
    saved = get_segmentation(workspace, segmentation_id)
    scores = outcome_scores(workspace, by=saved.grouping)
    members = assignments(workspace, segmentation_id)
    segment = members["segment"].iloc[0]
    ids = set(members.loc[members["segment"] == segment, "respondent_id"])
    ratings = workspace.cursor().execute("SELECT * FROM ratings WHERE outcome_id = 'O37'").df()
    mine = ratings[ratings["respondent_id"].isin(ids)]
    expected = 10 * (mine["importance"] >= 4).sum() / mine["importance"].notna().sum()
    row = scores[(scores["group"] == segment) & (scores["outcome_id"] == "O37")].iloc[0]
    assert row["importance"] == pytest.approx(expected)
    assert row["group_n"] == len(ids)


def test_differences_and_attribute_mix_show_the_control_guardians(segmented):
    workspace, segmentation_id = segmented["b2b_invoice_processing"]
    profiles = profile_segmentation(workspace, get_segmentation(workspace, segmentation_id))
    frame = planted_of(workspace, segmentation_id, "b2b_invoice_processing")
    guardians = frame[frame["planted"] == "Control guardians"]["segment"].mode()[0]
    control = [o for o, c in truth("b2b_invoice_processing")["need_clusters"].items() if c == "Control & compliance"]
    rows = profiles.differences[
        (profiles.differences["segment"] == guardians) & profiles.differences["outcome_id"].isin(control)
    ]
    more_important = rows["significant"] & (rows["importance_share"] > rows["rest_importance_share"])
    assert more_important.mean() > 0.8
    assert rows["finding"].str.contains("more important").mean() > 0.8
    mix = profiles.attribute_mix
    large = mix[(mix["attribute"] == "company_size") & (mix["value"] == "1000+")]
    ours = large[large["segment"] == guardians].iloc[0]
    assert ours["share"] > ours["overall_share"]  # control guardians skew to 1000+ employees


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_underserved_segments_would_pay_more(segmented, name):
    workspace, segmentation_id = segmented[name]
    assert wtp_attribute(workspace).attribute == "willingness_to_pay"
    wtp = wtp_by_segment(workspace, segmentation_id)
    sizes = profile_segmentation(workspace, get_segmentation(workspace, segmentation_id)).sizes
    merged = wtp.merge(sizes, on="segment")
    assert merged.sort_values("mean_opportunity").iloc[-1]["median"] == merged["median"].max()
    levels = wtp_by_satisfaction(workspace)
    assert len(levels) == 3 and levels["n"].sum() == truth(name)["n_respondents"]
    assert levels.iloc[0]["level"].startswith("Least satisfied third")


def test_chart_builders_make_valid_specs(segmented):
    workspace, segmentation_id = segmented["consumer_meal_planning"]
    saved = get_segmentation(workspace, segmentation_id)
    profiles = profile_segmentation(workspace, saved)
    order = list(profiles.sizes["segment"])
    from core.analysis.scoring import step_scores

    by_segment = step_scores(workspace, outcome_scores(workspace, by=saved.grouping))
    everyone = step_scores(workspace, outcome_scores(workspace))
    specs = [
        sizes_chart(profiles.sizes),
        silhouette_chart(saved.params["silhouettes"], saved.k),
        step_heatmap(by_segment, everyone, order),
        attribute_mix_chart(profiles.attribute_mix[profiles.attribute_mix["attribute"] == "age_band"], order),
        wtp_chart(wtp_by_segment(workspace, segmentation_id), "segment", order, "WTP"),
    ]
    for chart in specs:
        spec = chart.to_dict()  # validates against the Vega-Lite schema
        assert spec["config"]["axis"]["labelFontSize"] >= 14


# --- persistence ---------------------------------------------------------------------------
@pytest.fixture
def small_workspace(tmp_path, workspace):
    """12 respondents in two clear groups of needs, plus attributes."""
    outcomes = {
        f"O{i}": ("Plan" if i < 3 else "Do", f"Minimize the time it takes to do thing {i}") for i in range(1, 5)
    }
    first = [(5, 1), (5, 1), (1, 5), (1, 5)]
    second = [(1, 5), (1, 5), (5, 1), (5, 1)]
    rows = [first if r < 6 else second for r in range(12)]
    ratings = {f"O{i}": [row[i - 1] for row in rows] for i in range(1, 5)}
    attributes = {"Willingness to pay": [100] * 6 + [40] * 6, "Role": ["a", "b"] * 6}
    store_workbook(workspace, canonical_workbook(tmp_path / "s.xlsx", outcomes, ratings, attributes))
    return workspace


def test_saving_renaming_and_deleting_bump_the_revision(small_workspace):
    ws = small_workspace
    before = ws.revision
    segmentation_id = run_segmentation(ws, SegmentationOptions(k=2), name="Needs")
    assert ws.revision > before
    saved = get_segmentation(ws, segmentation_id)
    assert saved.name == "Needs" and saved.k == 2 and saved.n_respondents == 12
    names = list(segment_sizes(ws, segmentation_id)["grp"])
    assert len(set(names)) == 2 and all(n.startswith(NAME_PREFIX) for n in names)
    groupings = segmentation_groupings(ws)
    assert groupings.to_dict("records") == [{"grouping": saved.grouping, "header": "Needs", "n_groups": 2}]
    assert set(outcome_scores(ws, by=saved.grouping)["group"]) == set(names)

    revision = ws.revision
    rename_segment(ws, segmentation_id, names[0], "Planners")
    assert ws.revision > revision
    assert set(segment_sizes(ws, segmentation_id)["grp"]) == {"Planners", names[1]}
    with pytest.raises(SegmentationError, match="already called"):
        rename_segment(ws, segmentation_id, names[1], "planners")
    with pytest.raises(SegmentationError, match="cannot be empty"):
        rename_segment(ws, segmentation_id, "Planners", "  ")
    rename_segments(ws, segmentation_id, {"Planners": names[1], names[1]: "Planners"})  # a swap
    assert set(segment_sizes(ws, segmentation_id)["grp"]) == {"Planners", names[1]}

    with pytest.raises(SegmentationError, match="already exists"):
        run_segmentation(ws, SegmentationOptions(k=2), name="needs")
    other = run_segmentation(ws, SegmentationOptions(k=2))
    assert get_segmentation(ws, other).name == "Segmentation 2 (2 segments)"
    with pytest.raises(SegmentationError, match="already exists"):
        rename_segmentation(ws, other, "NEEDS")
    rename_segmentation(ws, other, "Second look")
    revision = ws.revision
    delete_segmentation(ws, segmentation_id)
    assert ws.revision > revision
    assert [s.name for s in list_segmentations(ws)] == ["Second look"]
    with pytest.raises(SegmentationError, match="no longer exists"):
        get_segmentation(ws, segmentation_id)


def test_small_survey_segments_and_wtp(small_workspace):
    segmentation_id = run_segmentation(small_workspace, SegmentationOptions(k=2))
    frame = assignments(small_workspace, segmentation_id)
    assert frame.groupby("segment")["respondent_id"].count().tolist() == [6, 6]
    assert adjusted_rand_score([r < "R0007" for r in frame["respondent_id"]], frame["segment"]) == 1.0
    wtp = wtp_by_segment(small_workspace, segmentation_id)
    assert sorted(wtp["median"]) == [40, 100]


def test_a_new_survey_clears_the_segmentations(small_workspace):
    run_segmentation(small_workspace, SegmentationOptions(k=2))
    load_sample(small_workspace, SAMPLES["consumer_meal_planning"])
    assert list_segmentations(small_workspace) == [] and segmentation_groupings(small_workspace).empty


# --- degenerate input ----------------------------------------------------------------------
def one_outcome(tmp_path, workspace, pairs, name="d.xlsx"):
    store_workbook(
        workspace, canonical_workbook(tmp_path / name, {"O1": ("S", "x"), "O2": ("S", "y")}, {"O1": pairs, "O2": pairs})
    )


def test_no_survey(workspace):
    with pytest.raises(SegmentationError, match="Load a survey first"):
        run_segmentation(workspace)


def test_one_respondent(tmp_path, workspace):
    one_outcome(tmp_path, workspace, [(5, 1)])
    with pytest.raises(SegmentationError, match=r"at least 3 respondents.*this survey has 1"):
        run_segmentation(workspace)


def test_identical_ratings_everywhere(tmp_path, workspace):
    one_outcome(tmp_path, workspace, [(4, 2)] * 20)
    with pytest.raises(SegmentationError, match="same ratings"):
        run_segmentation(workspace)


def test_k_larger_than_the_respondents(tmp_path, workspace):
    one_outcome(tmp_path, workspace, [(5, 1), (1, 5), (3, 3), (4, 2)])
    with pytest.raises(SegmentationError, match=r"k = 6 .*respondents with ratings \(4\)"):
        run_segmentation(workspace, SegmentationOptions(k=6))
    with pytest.raises(SegmentationError, match="between 2 and 12"):
        run_segmentation(workspace, SegmentationOptions(k=1))


def test_fewer_distinct_patterns_than_k(tmp_path, workspace):
    one_outcome(tmp_path, workspace, [(5, 1)] * 5 + [(1, 5)] * 5)
    with pytest.raises(SegmentationError, match="Only 2 different rating patterns"):
        run_segmentation(workspace, SegmentationOptions(k=3))
    segmentation_id = run_segmentation(workspace)  # auto: k = 2 is the only possibility
    assert get_segmentation(workspace, segmentation_id).k == 2


def test_respondents_who_rated_too_little_are_left_out_and_counted(tmp_path, workspace):
    pairs = [(5, 1)] * 4 + [(1, 5)] * 4
    blanks = [(None, None)] * 2
    store_workbook(
        workspace,
        canonical_workbook(
            tmp_path / "b.xlsx",
            {"O1": ("S", "x"), "O2": ("S", "y")},
            {"O1": pairs + blanks, "O2": [*pairs, (4, None), (None, None)]},
        ),
    )
    saved = get_segmentation(workspace, run_segmentation(workspace, SegmentationOptions(k=2)))
    # R0009 gave one importance and no satisfaction: no valid pair, so it is left out of the
    # clustering and counted; R0010 rated nothing at all, and the importer already dropped it.
    assert saved.n_respondents == 8 and saved.params["n_excluded"] == 1
    assert "R0009" not in set(assignments(workspace, saved.segmentation_id)["respondent_id"])


def test_no_wtp_attribute(tmp_path, workspace):
    one_outcome(tmp_path, workspace, [(5, 1), (1, 5), (3, 3)])
    assert wtp_attribute(workspace) is None
    assert wtp_by_satisfaction(workspace).empty


# --- the CLI -------------------------------------------------------------------------------
def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "core", "segment", *args], cwd=REPO, capture_output=True, text=True, timeout=180
    )


def test_cli_segment_json():
    result = run_cli(str(SAMPLES["consumer_meal_planning"]), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["k"] == 3 and 0 < report["silhouette"] <= 1
    assert [s["size"] for s in report["segments"]] == sorted((s["size"] for s in report["segments"]), reverse=True)
    assert all(s["name"].startswith(NAME_PREFIX) and len(s["top_outcomes"]) == 5 for s in report["segments"])
    assert len(report["assignments"]) == 800
    assert set(report["assignments"][0]) == {"respondent_id", "segment"}
    planted = truth("consumer_meal_planning")["segments"]
    found = [a["segment"] for a in report["assignments"]]
    assert adjusted_rand_score([planted[a["respondent_id"]] for a in report["assignments"]], found) >= 0.8


def test_cli_segment_table_with_fixed_k():
    result = run_cli(str(SAMPLES["b2b_invoice_processing"]), "--k", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("2 segments of 600 respondents (k 2, silhouette")
    assert result.stdout.count(NAME_PREFIX) == 2


def test_cli_segment_errors_are_one_clear_line(tmp_path):
    survey = canonical_workbook(tmp_path / "one.xlsx", {"O1": ("S", "x")}, {"O1": [(5, 1)]})
    result = run_cli(str(survey))
    assert result.returncode == 1
    assert result.stderr.startswith("error: Segmentation needs at least 3 respondents")
    assert "Traceback" not in result.stderr
    usage = run_cli(str(survey), "--k", "1")
    assert usage.returncode == 2 and "--k must be between 2 and 12" in usage.stderr
