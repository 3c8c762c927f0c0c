"""Methods side by side (core/analysis/methods.py) on a hand-computed survey, real xlsx → DuckDB.

Four respondents rate four outcomes on 1–5 (importance; satisfaction):

    O1  5 5 4 4 ; 1 1 2 2   top-two-box I 10,  S 0   → opportunity 20    means I 8.75, S 1.25 → 16.25, gap +7.5
    O2  3 3 3 3 ; 1 1 1 1   I 0,   S 0   → 0                               I 5,    S 0    → 10,    gap +5
    O3  5 5 1 1 ; 5 5 5 5   I 5,   S 10  → 5                               I 5,    S 10   → 5,     gap −5
    O4  4 4 4 1 ; 3 3 3 3   I 7.5, S 0   → 15                              I 5.625, S 5   → 6.25,  gap +0.625

Grand means of the rescaled means: Ī = 24.375 / 4 = 6.09375, S̄ = 16.25 / 4 = 4.0625, so O1 is
"concentrate here", O2 "low priority", O3 and O4 "possible overkill" (O4 leans less far away:
(5.625 − Ī) − (5 − S̄) = −1.406 against O3's −7.031, so O4 ranks before O3).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.analysis.methods import methods_comparison, ranks, spearman, top_overlap
from core.analysis.scoring import ScoringSettings
from tests.unit.survey_builders import canonical_workbook, store_workbook

RATINGS = {
    "O1": [(5, 1), (5, 1), (4, 2), (4, 2)],
    "O2": [(3, 1), (3, 1), (3, 1), (3, 1)],
    "O3": [(5, 5), (5, 5), (1, 5), (1, 5)],
    "O4": [(4, 3), (4, 3), (4, 3), (1, 3)],
}
OUTCOMES = {o: ("Plan", f"statement {o}") for o in RATINGS}


@pytest.fixture
def comparison(tmp_path, workspace):
    store_workbook(workspace, canonical_workbook(tmp_path / "methods.xlsx", OUTCOMES, RATINGS))
    return methods_comparison(workspace)


def test_scores_under_each_method(comparison):
    frame = comparison.outcomes.set_index("outcome_id")
    assert list(frame["opportunity"]) == pytest.approx([20, 0, 5, 15])
    assert list(frame["opportunity_mean10"]) == pytest.approx([16.25, 10, 5, 6.25])
    assert list(frame["gap"]) == pytest.approx([7.5, 5, -5, 0.625])
    assert comparison.grand_importance == pytest.approx(6.09375)
    assert comparison.grand_satisfaction == pytest.approx(4.0625)
    assert list(frame["ipa_quadrant"]) == ["concentrate here", "low priority", "possible overkill", "possible overkill"]


def test_ranks_under_each_method(comparison):
    frame = comparison.outcomes.set_index("outcome_id")
    assert list(frame["rank_opportunity"]) == [1, 4, 3, 2]
    assert list(frame["rank_opportunity_mean"]) == [1, 2, 4, 3]
    assert list(frame["rank_gap"]) == [1, 2, 4, 3]
    assert list(frame["rank_ipa"]) == [1, 2, 4, 3]


def test_agreement_with_the_default(comparison):
    agreement = comparison.agreement.set_index("method")
    # ranks d = 0, 2, −1, −1 → Σd² = 6 → ρ = 1 − 6·6 / (4·15) = 0.4
    assert agreement.loc["opportunity_mean", "spearman"] == pytest.approx(0.4)
    assert agreement.loc["gap", "spearman"] == pytest.approx(0.4)
    assert agreement.loc["opportunity", "spearman"] == pytest.approx(1.0)
    assert agreement.loc["opportunity", "top_overlap"] == 4 and agreement.loc["opportunity", "top_n"] == 4
    assert all(agreement["formula"].str.len() > 10)


def test_top_overlap_of_a_smaller_top(comparison):
    frame = comparison.outcomes
    # default's top 2: O1, O4; the means' top 2: O1, O2
    assert top_overlap(frame["rank_opportunity"], frame["rank_opportunity_mean"], 2) == (1, 2)


def test_the_biggest_mover_and_why(comparison):
    movers = comparison.movers[comparison.movers["method"] == "opportunity_mean"]
    first = movers.iloc[0]
    assert (first["outcome_id"], first["rank_default"], first["rank_method"]) == ("O2", 4, 2)
    # nobody rates O2's importance 4–5, but everyone a 3: the mean ranks it higher than the top-two-box share
    assert "importance bunched just below the top two points" in first["why"].lower()
    assert "0% in the top two points, mean 3.0 on 1–5" in first["why"]
    ipa = comparison.movers[comparison.movers["method"] == "ipa"].set_index("outcome_id")
    assert "low priority" in ipa.loc["O2", "why"] or "bunched" in ipa.loc["O2", "why"]


def test_overserved_outcomes_drop_under_the_gap(tmp_path, workspace):
    ratings = {
        "A": [(5, 1)] * 4,  # very underserved
        "B": [(5, 5), (5, 5), (5, 5), (4, 5)],  # important and well served: opportunity = importance
        "C": [(3, 5), (3, 5), (3, 5), (3, 5)],  # overserved on the means
        "D": [(2, 2)] * 4,
    }
    store_workbook(workspace, canonical_workbook(tmp_path / "g.xlsx", {o: ("S", o) for o in ratings}, ratings))
    comparison = methods_comparison(workspace)
    frame = comparison.outcomes.set_index("outcome_id")
    assert frame.loc["B", "rank_opportunity"] == 2 and frame.loc["B", "gap"] < 0
    gap = comparison.movers[comparison.movers["method"] == "gap"].set_index("outcome_id")
    assert "B" in gap.index and "gap goes negative" in gap.loc["B", "why"]


def test_a_group_is_compared_within_itself(tmp_path, workspace):
    ratings = {"O1": [(5, 1)] * 3 + [(1, 5)] * 3, "O2": [(1, 5)] * 3 + [(5, 1)] * 3}
    path = canonical_workbook(
        tmp_path / "g.xlsx", {o: ("S", o) for o in ratings}, ratings, {"Size": ["a"] * 3 + ["b"] * 3}
    )
    store_workbook(workspace, path)
    a = methods_comparison(workspace, ScoringSettings(), by="attribute:size", group="a").outcomes.set_index(
        "outcome_id"
    )
    assert list(a["rank_opportunity"]) == [1, 2] and a.loc["O1", "opportunity"] == pytest.approx(20)


scores = st.lists(st.one_of(st.floats(0, 20), st.none()), min_size=0, max_size=40)


@settings(max_examples=60, deadline=None)
@given(values=scores)
def test_a_method_agrees_with_itself(values):
    series = pd.Series([math.nan if v is None else v for v in values], dtype=float)
    order = ranks(series, series)
    rho = spearman(series, series)
    scored = int(series.notna().sum())
    if series.dropna().nunique() >= 2:
        assert rho == pytest.approx(1.0)
    else:
        assert rho is None  # undefined without variation, never a made-up number
    assert top_overlap(order, order) == (min(10, scored), min(10, scored))
    assert sorted(order.dropna()) == list(range(1, scored + 1))  # distinct ranks 1…n
