"""The five differentiation patterns (core.strategy.patterns) on small surveys written by openpyxl
where a pattern is planted, and on ones where it is not: the verdict, the steps, and the shortfall
with its number and threshold. Then "try as scenario" (core.strategy.pattern_scenario)."""

from __future__ import annotations

import pandas as pd
import pytest

from core.analysis.need_clusters import need_clusters
from core.analysis.scoring import ScoringSettings, outcome_scores
from core.analysis.segment_store import save_segmentation
from core.strategy import patterns, scenarios
from core.strategy.focus import ACCEPT, DIFFERENTIATE, MEET
from core.strategy.pattern_scenario import pattern_assignment, try_pattern
from core.strategy.step_ties import step_ties, weakly_tied
from core.workspace.database import open_workspace
from tests.unit.survey_builders import canonical_workbook, store_workbook

SCORING = ScoringSettings()
HIGH, LOW = (5, 1), (1, 5)  # importance 10 & satisfaction 0 → opportunity 20; importance 0 → 0


def survey(tmp_path, steps: dict[str, list[str]], ratings: dict[str, list[tuple]]):
    """A workspace holding a canonical survey: step → outcome ids, outcome → (imp, sat) per respondent."""
    outcomes = {o: (step, f"statement {o}") for step, ids in steps.items() for o in ids}
    ws = open_workspace()
    store_workbook(ws, canonical_workbook(tmp_path / "s.xlsx", outcomes, ratings))
    return ws


def step_ids(ws) -> dict[str, int]:
    return {name: int(sid) for sid, name in ws.cursor().execute("SELECT step_id, name FROM steps").fetchall()}


FOUR_STEPS = {
    "Plan": ["A1", "A2", "A3"],
    "Buy": ["B1", "B2", "B3"],
    "Use": ["C1", "C2", "C3"],
    "Fix": ["D1", "D2", "D3"],
}


# --- step-specific excellence ------------------------------------------------------------
def test_step_excellence_is_supported_when_one_step_holds_the_high_outcomes(tmp_path):
    # the three high outcomes are all in "Plan": 3 of 3 (100 %), 4× its 3-of-12 share of outcomes
    ratings = {o: [HIGH if o.startswith("A") else LOW] * 10 for ids in FOUR_STEPS.values() for o in ids}
    ws = survey(tmp_path, FOUR_STEPS, ratings)
    found = patterns.step_excellence(outcome_scores(ws, SCORING), SCORING)
    assert found.supported and found.steps == (step_ids(ws)["Plan"],)
    assert "3 of 3 high outcomes (100 %), 4.0× their share of all outcomes (3 of 12)" in found.evidence


def test_step_excellence_names_the_shortfall_when_high_outcomes_are_spread(tmp_path):
    # one high outcome in each of Plan, Buy, Use: the top two hold 2 of 3 (67 %) but only
    # 0.67 / (6 / 12) = 1.3× their share of outcomes (needs 2×)
    ratings = {o: [HIGH if o in ("A1", "B1", "C1") else LOW] * 10 for ids in FOUR_STEPS.values() for o in ids}
    ws = survey(tmp_path, FOUR_STEPS, ratings)
    found = patterns.step_excellence(outcome_scores(ws, SCORING), SCORING)
    assert not found.supported and found.steps == ()
    assert found.shortfall == "The top 2 steps: 1.3× their share of outcomes (needs 2×)."


def test_step_excellence_needs_three_high_outcomes(tmp_path):
    ratings = {o: [HIGH if o in ("A1", "A2") else LOW] * 10 for ids in FOUR_STEPS.values() for o in ids}
    found = patterns.step_excellence(outcome_scores(survey(tmp_path, FOUR_STEPS, ratings), SCORING), SCORING)
    assert not found.supported and "2 high outcomes; at least 3 are needed" in found.shortfall


# --- job-integration leadership ----------------------------------------------------------
def integration_survey(tmp_path, together: bool):
    """Plan and Buy each hold high outcomes (importance 4 or 5: top-two-box 10, satisfaction 1).
    ``together``: the same respondents rate Plan's and Buy's importance 5 (r = 1); otherwise Buy's
    importance pattern is orthogonal to Plan's (r = 0)."""
    plan = [5, 5, 4, 4] * 5
    buy = plan if together else [5, 4, 5, 4] * 5
    other = [1, 2, 1, 2] * 5
    ratings = {
        "A1": [(v, 1) for v in plan],
        "A2": [(v, 1) for v in plan],
        "B1": [(v, 1) for v in buy],
        "B2": [(v, 1) for v in buy],
        "C1": [(v, 5) for v in other],
        "C2": [(v, 5) for v in reversed(other)],
    }
    steps = {"Plan": ["A1", "A2"], "Buy": ["B1", "B2"], "Use": ["C1", "C2"]}
    return survey(tmp_path, steps, ratings)


def test_job_integration_is_supported_when_adjacent_underserved_steps_correlate(tmp_path):
    ws = integration_survey(tmp_path, together=True)
    found = patterns.job_integration(outcome_scores(ws, SCORING), need_clusters(ws).correlation, SCORING)
    assert found.supported and found.steps == (step_ids(ws)["Plan"], step_ids(ws)["Buy"])
    assert "mean r between their outcomes 1.00" in found.evidence


def test_job_integration_names_the_correlation_that_fell_short(tmp_path):
    ws = integration_survey(tmp_path, together=False)
    found = patterns.job_integration(outcome_scores(ws, SCORING), need_clusters(ws).correlation, SCORING)
    assert not found.supported
    assert found.shortfall == "The best adjacent pair's mean r is 0.00 (needs 0.30)."


# --- underserved-segment focus -------------------------------------------------------------
def segment_survey(tmp_path, planted: int):
    """40 respondents in "Night shift" rate ``planted`` outcomes high; everyone else rates them low
    (opportunity 0 for the rest, below the solid band)."""
    outcomes = ["A1", "A2", "A3", "B1", "B2", "B3"]
    ratings = {o: [HIGH if i < planted else LOW] * 40 + [LOW] * 40 for i, o in enumerate(outcomes)}
    ws = survey(tmp_path, {"Plan": outcomes[:3], "Buy": outcomes[3:]}, ratings)
    ids = [f"R{i + 1:04d}" for i in range(80)]
    groups = pd.DataFrame({"respondent_id": ids, "segment": ["Night shift"] * 40 + ["Day shift"] * 40})
    segmentation = save_segmentation(ws, "Shifts", groups, k=2, silhouette=None, params={})
    return ws, outcome_scores(ws, SCORING, by=f"segmentation:{segmentation}")


def test_segment_focus_is_supported_when_a_segment_has_its_own_underserved_outcomes(tmp_path):
    ws, scores = segment_survey(tmp_path, planted=4)
    found = patterns.segment_focus(scores, "Shifts", outcome_scores(ws, SCORING), SCORING)
    assert found.supported and found.subject == "Night shift"
    assert found.steps == (step_ids(ws)["Plan"], step_ids(ws)["Buy"])
    assert "4 outcomes ≥ 12 for it and below 10 for the rest" in found.evidence


def test_segment_focus_names_the_count_that_fell_short(tmp_path):
    ws, scores = segment_survey(tmp_path, planted=2)
    found = patterns.segment_focus(scores, "Shifts", outcome_scores(ws, SCORING), SCORING)
    assert not found.supported and found.shortfall == "2 such outcomes (needs 3)."


def test_the_rest_is_scored_exactly_from_the_other_segments():
    # two segments of one outcome: A 10 of 10 top importance, 0 satisfied; B 2 of 5, 4 of 5
    rows = pd.DataFrame(
        {
            "group": ["A", "B"],
            "group_n": [10, 5],
            "outcome_id": ["O", "O"],
            "step_id": [1, 1],
            "importance": [10.0, 4.0],
            "satisfaction": [0.0, 8.0],
            "n_importance": [10, 5],
            "n_satisfaction": [10, 5],
            "opportunity": [20.0, 4.0],
        }
    )
    rest = patterns.rest_scores(rows).set_index("group")["rest_opportunity"]
    assert rest.to_dict() == {"A": 4.0, "B": 20.0}


# --- need-cluster dominance ------------------------------------------------------------------
def cluster_inputs(mean: float):
    scores = pd.DataFrame(
        {
            "outcome_id": ["A1", "A2", "B1", "C1"],
            "step_id": [1, 1, 2, 3],
            "step_order": [1, 1, 2, 3],
            "step": ["Plan", "Plan", "Buy", "Use"],
            "opportunity": [mean + 1, mean - 1, mean, 3.0],
            "importance": [5.0] * 4,
        }
    )
    assignments = pd.DataFrame({"outcome_id": ["A1", "A2", "B1", "C1"], "cluster": [1, 1, 1, 2]})
    summary = pd.DataFrame(
        {
            "cluster": [1, 2],
            "cluster_name": ["1. speed", "2. cost"],
            "n_outcomes": [3, 1],
            "steps": ["1, 2", "3"],
            "mean_opportunity": [mean, 3.0],
        }
    )
    return summary, assignments, scores


def test_cluster_dominance_is_supported_when_a_multi_step_cluster_is_underserved_as_a_whole():
    summary, assignments, scores = cluster_inputs(11.0)
    found = patterns.cluster_dominance(summary, assignments, scores, SCORING)
    assert found.supported and found.steps == (1, 2) and found.subject == "1. speed"


def test_cluster_dominance_names_the_mean_that_fell_short():
    summary, assignments, scores = cluster_inputs(8.5)
    found = patterns.cluster_dominance(summary, assignments, scores, SCORING)
    assert not found.supported
    assert found.shortfall == "The best multi-step cluster's mean opportunity is 8.5 (needs 10)."


# --- new job step creation ---------------------------------------------------------------
def step_scores(names=("Plan", "Buy")) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "outcome_id": ["A1", "B1"],
            "step_id": [1, 2],
            "step_order": [1, 2],
            "step": list(names),
            "importance": [8.0, 8.0],
        }
    )


def test_new_step_is_supported_by_outcomes_left_unassigned():
    found = patterns.new_step(step_scores(("Plan", "Unassigned")), None, None, 5.0)
    assert found.supported and found.steps == (2,)


def test_new_step_is_supported_by_a_white_space_step():
    competitors = pd.DataFrame({"competitor": ["X", "Y", "X", "Y"], "step_id": [1, 1, 2, 2],
                                "satisfaction": [7.0, 6.0, 3.0, 4.5]})  # fmt: skip
    space = pd.DataFrame({"outcome_id": ["B1"]})
    found = patterns.new_step(step_scores(), competitors, space, 5.0)
    assert found.supported and found.steps == (2,) and "best competitor 4.5" in found.evidence


def test_new_step_names_the_competitor_score_that_fell_short():
    competitors = pd.DataFrame({"competitor": ["X", "X"], "step_id": [1, 2], "satisfaction": [7.0, 5.5]})
    found = patterns.new_step(step_scores(), competitors, pd.DataFrame({"outcome_id": ["B1"]}), 5.0)
    assert not found.supported
    assert found.shortfall.startswith("Its best competitor scores 5.5 on average (needs below 5).")
    assert "The outcomes' correlations are not available" in found.shortfall


# Walsh vectors over 8 respondents: zero mean, mutually orthogonal (r = 0), r = 1 with themselves.
W1, W2, W3, W4 = "++++----", "++--++--", "+-+-+-+-", "++----++"


def importance(pattern: str) -> list[tuple]:
    return [(5 if c == "+" else 1, 1) for c in pattern]


def tie_survey(tmp_path, use: dict[str, str]):
    """Plan (A1 = A2 = W1, r = 1) and Buy (B1 = B2 = W2) are tight steps; "Use" holds ``use``."""
    ratings = {"A1": W1, "A2": W1, "B1": W2, "B2": W2, **use}
    steps = {"Plan": ["A1", "A2"], "Buy": ["B1", "B2"], "Use": list(use)}
    return survey(tmp_path, steps, {o: importance(p) for o, p in ratings.items()})


def test_outcomes_weakly_tied_to_any_step_support_a_new_step(tmp_path):
    # C1 = W3 and C2 = W4: r = 0 with each other and with every Plan and Buy outcome, so their
    # strongest tie to any step is 0.00 < 0.10: two weakly tied outcomes (needs 2)
    ws = tie_survey(tmp_path, {"C1": W3, "C2": W4})
    scores, correlation = outcome_scores(ws, SCORING), need_clusters(ws).correlation
    found = patterns.new_step(scores, None, None, 5.0, correlation)
    assert found.supported and found.steps == (step_ids(ws)["Use"],) and found.subject == "weakly tied outcomes"
    assert found.evidence.startswith("2 outcomes weakly tied to any step: C1 “statement C1” (step Use): ")
    assert "strongest tie r 0.00" in found.evidence and "C2 “statement C2”" in found.evidence
    assert "below 0.10" in found.rule


def test_one_weakly_tied_outcome_falls_short_with_its_r(tmp_path):
    # C1 = C2 = W3, C3 = W4: C1's tie to Use = mean(r(C1, C2) = 1, r(C1, C3) = 0) = 0.5;
    # C3's = mean(0, 0) = 0 and 0 to Plan and Buy: one weakly tied outcome, 2 are needed
    ws = tie_survey(tmp_path, {"C1": W3, "C2": W3, "C3": W4})
    scores, correlation = outcome_scores(ws, SCORING), need_clusters(ws).correlation
    ties = step_ties(scores, correlation).set_index("outcome_id")
    assert ties.loc["C1", "own_r"] == pytest.approx(0.5) and ties.loc["C1", "best_r"] == pytest.approx(0.5)
    assert ties.loc["A1", "own_r"] == pytest.approx(1.0) and ties.loc["A1", "best_step_id"] == step_ids(ws)["Plan"]
    assert ties.loc["C3", "best_r"] == pytest.approx(0.0)
    assert list(weakly_tied(ties.reset_index())["outcome_id"]) == ["C3"]
    found = patterns.new_step(scores, None, None, 5.0, correlation)
    assert not found.supported
    assert "1 outcome weakly tied to any step (needs 2); the weakest, C3, has a strongest tie r 0.00" in (
        found.shortfall or ""
    )


def test_an_outcome_alone_in_its_step_is_judged_by_the_other_steps():
    scores = step_scores()
    correlation = pd.DataFrame([[1.0, 0.05], [0.05, 1.0]], index=["A1", "B1"], columns=["A1", "B1"])
    ties = step_ties(scores, correlation).set_index("outcome_id")
    assert pd.isna(ties.loc["A1", "own_r"]) and ties.loc["A1", "best_r"] == pytest.approx(0.05)
    assert patterns.new_step(scores, None, None, 5.0, correlation).steps == (1, 2)


# --- try as scenario -----------------------------------------------------------------------
def test_the_pattern_s_steps_are_differentiated_and_a_suggested_differentiate_becomes_meet():
    suggestion = {1: DIFFERENTIATE, 2: ACCEPT, 3: MEET, 4: DIFFERENTIATE}
    assert pattern_assignment((4, 2), suggestion) == {1: MEET, 2: DIFFERENTIATE, 3: MEET, 4: DIFFERENTIATE}


def test_try_pattern_creates_a_named_active_scenario(tmp_path):
    ratings = {o: [HIGH if o.startswith("A") else LOW] * 10 for ids in FOUR_STEPS.values() for o in ids}
    ws = survey(tmp_path, FOUR_STEPS, ratings)
    found = patterns.step_excellence(outcome_scores(ws, SCORING), SCORING)
    plan = step_ids(ws)["Plan"]
    first, name = try_pattern(ws, found, {plan: MEET})
    assert name == "Step-specific excellence: 1. Plan"
    assert scenarios.active_scenario(ws) == first
    assert scenarios.assignment(ws, first) == {plan: DIFFERENTIATE}
    second, again = try_pattern(ws, found, {})
    assert again == "Step-specific excellence: 1. Plan (2)" and scenarios.active_scenario(ws) == second
    with pytest.raises(ValueError, match="not supported"):
        try_pattern(ws, patterns.Pattern("x", "X", "", False, ""), {})
