"""Opportunity scoring through the real pipeline: xlsx → importer → DuckDB → SQL."""

from __future__ import annotations

import math

import pytest

from core.analysis.scoring import ScoringSettings, band, opportunity, outcome_scores, step_scores, wilson_interval
from core.intake.importers import import_survey
from core.intake.scales import SCALES
from core.intake.store import store_survey
from tests.unit.survey_builders import canonical_workbook


def load(workspace, path, **kwargs):
    result = import_survey(path, **kwargs)
    assert result.ok, result.report.to_text()
    store_survey(workspace, result.survey)
    return result


def scores_by_outcome(workspace, **kwargs):
    frame = outcome_scores(workspace, **kwargs)
    return {row.outcome_id: row for row in frame.itertuples()}


def test_published_worked_example(tmp_path, workspace):
    # 270 respondents: 200 rate importance 4-5, 75 rate satisfaction 4-5.
    pairs = [(5 if i < 200 else 2, 4 if i < 75 else 3) for i in range(270)]
    load(
        workspace, canonical_workbook(tmp_path / "w.xlsx", {"O1": ("Plan", "Minimize the time to plan")}, {"O1": pairs})
    )
    row = scores_by_outcome(workspace)["O1"]
    assert (row.n_importance, row.n_satisfaction) == (270, 270)
    assert round(row.importance, 1) == 7.4
    assert round(row.satisfaction, 1) == 2.8
    assert round(row.opportunity, 1) == 12.0
    assert row.opportunity == pytest.approx(2 * 2000 / 270 - 750 / 270)
    assert row.band == "high"


def test_floor_when_satisfaction_exceeds_importance(tmp_path, workspace):
    # importance 3/10 top-two, satisfaction 9/10 → opportunity = importance
    pairs = [(5 if i < 3 else 1, 5 if i < 9 else 1) for i in range(10)]
    load(workspace, canonical_workbook(tmp_path / "f.xlsx", {"O1": ("S", "x")}, {"O1": pairs}))
    row = scores_by_outcome(workspace)["O1"]
    assert row.importance == pytest.approx(3.0)
    assert row.satisfaction == pytest.approx(9.0)
    assert row.opportunity == pytest.approx(3.0)
    assert bool(row.overserved) is True
    assert row.band == "not attractive"


def test_max_is_per_outcome_not_over_the_column(tmp_path, workspace):
    under = [(5, 1)] * 10  # I=10, S=0 → 20
    over = [(1, 5)] * 10  # I=0, S=10 → 0 (not negative, not affected by the other outcome)
    load(
        workspace, canonical_workbook(tmp_path / "m.xlsx", {"A": ("S", "a"), "B": ("S", "b")}, {"A": under, "B": over})
    )
    rows = scores_by_outcome(workspace)
    assert rows["A"].opportunity == pytest.approx(20.0)
    assert rows["B"].opportunity == pytest.approx(0.0)


def test_invalid_codes_are_missing_not_zero(tmp_path, workspace):
    # Four valid top-box ratings; the other cells are invalid and must not enter the denominator.
    importance = [5, 5, 4, 4, None, "N/A", "Don't know", 0, 6, -99]
    satisfaction = [1, 1, 2, 2, "", "n/a", 7, 0, -1, 3]
    pairs = list(zip(importance, satisfaction, strict=True))
    result = load(workspace, canonical_workbook(tmp_path / "i.xlsx", {"O1": ("S", "x")}, {"O1": pairs}))
    row = scores_by_outcome(workspace)["O1"]
    assert row.n_importance == 4
    assert row.importance == pytest.approx(10.0)
    assert row.n_satisfaction == 5
    assert row.satisfaction == pytest.approx(0.0)
    invalid = result.report.invalid_values[("responses", "imp_O1")]
    assert sum(invalid.values()) == 6
    assert invalid["outside the scale"] == 2
    assert invalid["negative code"] == 1


def test_mean_method_rescales_means_to_0_10(tmp_path, workspace):
    pairs = [(5, 1), (4, 2), (3, 3)]  # mean importance 4 → 7.5; mean satisfaction 2 → 2.5
    load(workspace, canonical_workbook(tmp_path / "mean.xlsx", {"O1": ("S", "x")}, {"O1": pairs}))
    row = scores_by_outcome(workspace, settings=ScoringSettings(method="mean"))["O1"]
    assert row.importance == pytest.approx(7.5)
    assert row.satisfaction == pytest.approx(2.5)
    assert row.opportunity == pytest.approx(12.5)
    assert row.importance_low < row.importance < row.importance_high


def test_seven_point_scale_uses_its_own_top_two(tmp_path, workspace):
    pairs = [(7, 1), (6, 5), (5, 6), (2, 7)] * 5
    load(workspace, canonical_workbook(tmp_path / "s7.xlsx", {"O1": ("S", "x")}, {"O1": pairs}), scale=SCALES["1-7"])
    row = scores_by_outcome(workspace)["O1"]
    assert row.importance == pytest.approx(5.0)  # 6 and 7 are the top two
    assert row.satisfaction == pytest.approx(5.0)


def test_wilson_interval_matches_reference_and_sql(tmp_path, workspace):
    low, high = wilson_interval(200, 270)
    assert (round(low, 4), round(high, 4)) == (0.6853, 0.7894)  # k=200, n=270: centre 0.7374, half-width 0.0520
    pairs = [(5 if i < 200 else 2, 3) for i in range(270)]
    load(workspace, canonical_workbook(tmp_path / "wil.xlsx", {"O1": ("S", "x")}, {"O1": pairs}))
    row = scores_by_outcome(workspace)["O1"]
    assert row.importance_low == pytest.approx(10 * low)
    assert row.importance_high == pytest.approx(10 * high)


def test_bands_and_custom_thresholds():
    assert [band(s) for s in (15, 14.9, 12, 11.9, 10, 9.99)] == [
        "extreme",
        "high",
        "high",
        "solid",
        "solid",
        "not attractive",
    ]
    assert band(11, ScoringSettings(solid=8, high=11, extreme=13)) == "high"
    assert opportunity(7.4, 2.8) == pytest.approx(12.0)
    assert opportunity(3, 9) == 3
    with pytest.raises(ValueError):
        ScoringSettings(method="median")
    with pytest.raises(ValueError):
        ScoringSettings(solid=13, high=12)


def test_scores_per_group_use_the_groups_own_n(tmp_path, workspace):
    pairs = [(5, 1)] * 6 + [(1, 5)] * 4
    sizes = ["small"] * 6 + ["large"] * 4
    load(workspace, canonical_workbook(tmp_path / "g.xlsx", {"O1": ("S", "x")}, {"O1": pairs}, {"Company size": sizes}))
    frame = outcome_scores(workspace, by="attribute:company_size").set_index("group")
    assert frame.loc["small", "group_n"] == 6 and frame.loc["large", "group_n"] == 4
    assert frame.loc["small", "opportunity"] == pytest.approx(20.0)
    assert frame.loc["large", "opportunity"] == pytest.approx(0.0)
    assert frame.loc["large", "n_importance"] == 4


def test_step_scores_summarise_their_outcomes(tmp_path, workspace):
    outcomes = {"A": ("Plan", "a"), "B": ("Plan", "b"), "C": ("Run", "c")}
    ratings = {"A": [(5, 1)] * 4, "B": [(4, 4)] * 4, "C": [(1, 1)] * 4}  # opp 20, 10, 0
    load(workspace, canonical_workbook(tmp_path / "st.xlsx", outcomes, ratings))
    scored = outcome_scores(workspace)
    steps = step_scores(workspace, scored).set_index("step")
    assert list(steps.index) == ["Plan", "Run"]
    assert steps.loc["Plan", "mean_opportunity"] == pytest.approx(15.0)
    assert steps.loc["Plan", "n_attractive"] == 2
    assert steps.loc["Plan", "top_outcome_id"] == "A"
    assert steps.loc["Run", "n_attractive"] == 0


def test_outcome_without_ratings_has_no_scores(tmp_path, workspace):
    pairs = [(5, None)] * 3
    load(
        workspace,
        canonical_workbook(
            tmp_path / "n.xlsx", {"O1": ("S", "x"), "O2": ("S", "y")}, {"O1": pairs, "O2": [(4, 4)] * 3}
        ),
    )
    row = scores_by_outcome(workspace)["O1"]
    assert row.n_satisfaction == 0
    assert math.isnan(row.satisfaction) and math.isnan(row.opportunity)
    assert row.band is None or row.band != row.band  # NULL band
