"""The focus matrix's rule and metrics (core.strategy.focus, core.analysis.advantage): pure functions on small
hand-made frames, then the suggestion on the sample survey through the real pipeline."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from core.analysis.advantage import target_profile
from core.analysis.competition import CompetitionSettings, leaders, step_means
from core.analysis.scoring import ScoringSettings, outcome_scores, step_scores
from core.intake.loading import load_sample
from core.strategy.focus import (
    ACCEPT,
    DIFFERENTIATE,
    MEET,
    UNASSIGNED,
    FocusSettings,
    card_label,
    choice_counts,
    conflicts,
    group_shares,
    group_step_totals,
    important_threshold,
    normalise,
    opportunity_share,
    scenario_metrics,
    step_table,
    suggest,
    suggestion_rule,
)

SCORING = ScoringSettings()


def scores_frame(rows: list[tuple[int, str, float, float]], group: str = "All", n: int = 100) -> pd.DataFrame:
    """Outcome scores: (step_id, outcome_id, importance, satisfaction) → the columns the maths reads."""
    frame = pd.DataFrame(rows, columns=["step_id", "outcome_id", "importance", "satisfaction"])
    frame["opportunity"] = frame["importance"] + (frame["importance"] - frame["satisfaction"]).clip(lower=0)
    frame["group"], frame["group_n"] = group, n
    return frame


def steps_frame(scores: pd.DataFrame, names: dict[int, str]) -> pd.DataFrame:
    """What core.analysis.scoring.step_scores returns (group All), built with pandas."""
    rows = []
    for order, (step_id, name) in enumerate(names.items(), start=1):
        part = scores[scores["step_id"] == step_id]
        rows.append(
            {
                "group": "All",
                "step_id": step_id,
                "step_order": order,
                "step": name,
                "n_outcomes": len(part),
                "mean_opportunity": part["opportunity"].mean(),
                "mean_importance": part["importance"].mean(),
                "mean_satisfaction": part["satisfaction"].mean(),
                "n_attractive": int((part["opportunity"] >= SCORING.solid).sum()),
                "top_opportunity": part["opportunity"].max(),
            }
        )
    return step_table(pd.DataFrame(rows), scores, SCORING)


@pytest.fixture
def survey() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Five steps with a clear story:

    1 holds an extreme outcome (I 9, S 1 → 17); 2 a high one (I 7, S 2 → 12);
    3 important and well served (I 7, S 6.5 → 7.5); 4 unimportant (I 2, S 2 → 2);
    5 overserved (I 6, S 9 → 6).
    """
    scores = scores_frame(
        [
            (1, "A1", 9.0, 1.0),
            (1, "A2", 5.0, 5.0),
            (2, "B1", 7.0, 2.0),
            (3, "C1", 7.0, 6.5),
            (4, "D1", 2.0, 2.0),
            (5, "E1", 6.0, 9.0),
        ]
    )
    return scores, steps_frame(scores, {1: "Plan", 2: "Receive", 3: "Capture", 4: "Archive", 5: "Report"})


# --- steps and cards ---------------------------------------------------------------------------
def test_step_table_adds_totals_and_overserved(survey):
    _, steps = survey
    first = steps.iloc[0]
    assert first["total_opportunity"] == pytest.approx(17 + 5)
    assert first["high_opportunity"] == pytest.approx(17)  # only outcomes ≥ high (12) count
    assert list(steps["overserved"]) == [False, False, False, False, True]
    assert list(steps["n_attractive"]) == [1, 1, 0, 0, 0]


def test_card_labels_are_unique_and_say_number_name_opportunity_and_underserved(survey):
    _, steps = survey
    labels = [card_label(row) for _, row in steps.iterrows()]
    assert len(set(labels)) == len(labels)
    assert labels[0] == "1 · Plan\nopp 11.0 · 1 underserved"
    empty = steps.iloc[0].copy()
    empty["mean_opportunity"], empty["n_attractive"] = float("nan"), 0
    assert card_label(empty).endswith("opp – · 0 underserved")


def test_normalise_drops_unknown_steps_and_unassigned():
    given = {1: DIFFERENTIATE, 2: UNASSIGNED, 9: MEET, "3": "accept"}
    assert normalise(given, [1, 2, 3]) == {1: DIFFERENTIATE, 3: ACCEPT}


# --- the suggestion rule -------------------------------------------------------------------------
def test_suggestion_places_every_step_by_the_rule(survey):
    scores, steps = survey
    assert important_threshold(scores, FocusSettings()) == pytest.approx(scores["importance"].mean())
    placed = suggest(steps, scores, SCORING, FocusSettings(important=5.0))
    assert placed == {1: DIFFERENTIATE, 2: DIFFERENTIATE, 3: MEET, 4: ACCEPT, 5: ACCEPT}


def test_suggestion_differentiates_at_most_the_focus_limit_and_meets_the_rest(survey):
    scores, steps = survey
    placed = suggest(steps, scores, SCORING, FocusSettings(focus_limit=1, important=5.0))
    assert placed[1] == DIFFERENTIATE  # holds the most high opportunity (17 against 12)
    assert placed[2] == MEET  # high opportunity beyond the limit: met, not accepted


def test_suggestion_prefers_steps_no_competitor_leads(survey):
    scores, steps = survey
    leading = pd.DataFrame({"step_id": [1, 2], "leads": [True, False]})
    placed = suggest(steps, scores, SCORING, FocusSettings(focus_limit=1, important=5.0), leading)
    assert placed[2] == DIFFERENTIATE and placed[1] == MEET


def test_a_step_without_scores_stays_unassigned(survey):
    scores, steps = survey
    steps = pd.concat([steps, steps.iloc[[0]].assign(step_id=6, step_order=6, n_outcomes=0, top_opportunity=None)])
    assert 6 not in suggest(steps, scores, SCORING, FocusSettings())


def test_the_rule_is_stated_with_the_thresholds_in_force():
    text = " ".join(suggestion_rule(ScoringSettings(high=13.0), FocusSettings(focus_limit=2), 4.6))
    assert "≥ 13" in text and "at most 2" in text and "< 4.6" in text and "survey average" in text


# --- metrics -------------------------------------------------------------------------------------
def test_opportunity_share_is_the_differentiated_share_of_all_opportunity(survey):
    scores, steps = survey
    total = scores["opportunity"].sum()
    assert opportunity_share(steps, {1: DIFFERENTIATE, 2: MEET}) == pytest.approx((17 + 5) / total)
    assert opportunity_share(steps, {}) == 0.0
    assert opportunity_share(steps.assign(total_opportunity=0.0), {1: DIFFERENTIATE}) is None


def test_unscored_outcomes_count_in_neither_sum(survey):
    scores, steps = survey
    extra = pd.concat([scores, scores_frame([(1, "A3", float("nan"), float("nan"))])], ignore_index=True)
    with_unscored = step_table(steps.drop(columns=["total_opportunity", "high_opportunity"]), extra, SCORING)
    assert opportunity_share(with_unscored, {1: DIFFERENTIATE}) == pytest.approx(
        opportunity_share(steps, {1: DIFFERENTIATE})
    )


def test_counts_and_the_focus_warning(survey):
    _, steps = survey
    assert choice_counts([1, 2, 3, 4, 5], {1: DIFFERENTIATE, 2: MEET}) == {
        UNASSIGNED: 3,
        DIFFERENTIATE: 1,
        MEET: 1,
        ACCEPT: 0,
    }
    limit = FocusSettings(focus_limit=2)
    at_limit = scenario_metrics(steps, dict.fromkeys([1, 2], DIFFERENTIATE), pd.DataFrame(), {}, SCORING, limit)
    over = scenario_metrics(steps, dict.fromkeys([1, 2, 3], DIFFERENTIATE), pd.DataFrame(), {}, SCORING, limit)
    assert not at_limit.over_focus and over.over_focus
    assert over.counts[DIFFERENTIATE] == 3 and at_limit.best_group is None


def test_conflict_when_differentiating_where_a_competitor_leads(survey):
    _, steps = survey
    by_step = pd.DataFrame(
        {"competitor": ["X", "Y", "X", "Y"], "step_id": [1, 1, 2, 2], "satisfaction": [7.0, 3.0, 4.0, 3.5]}
    )
    leading = leaders(by_step, "step_id", CompetitionSettings(lead_margin=1.0))
    found = conflicts(steps, {1: DIFFERENTIATE, 2: DIFFERENTIATE}, leading, SCORING)
    assert [(c.step_id, c.kind) for c in found] == [(1, "competitor leads")]  # step 2: X leads by only 0.5
    assert "X already leads (7.0 against 3.0 for Y)" in found[0].message


def test_conflict_when_accepting_a_step_with_an_extreme_opportunity(survey):
    _, steps = survey
    found = conflicts(steps, {1: ACCEPT, 2: ACCEPT}, pd.DataFrame(), SCORING)
    assert [(c.step_id, c.kind) for c in found] == [(1, "extreme accepted")]  # 17 ≥ 15; step 2's 12 is not


def test_best_served_group_has_the_largest_share_of_its_own_opportunity_in_differentiated_steps():
    groups = pd.concat(
        [
            scores_frame([(1, "A1", 9.0, 1.0), (2, "B1", 6.0, 6.0)], "Small firms", 40),
            scores_frame([(1, "A1", 4.0, 4.0), (2, "B1", 9.0, 1.0)], "Large firms", 60),
        ]
    )
    totals = group_step_totals(groups)
    assert totals == {"Small firms": (40, {1: 17.0, 2: 6.0}), "Large firms": (60, {1: 4.0, 2: 17.0})}
    shares = group_shares(totals, {1: DIFFERENTIATE})
    assert list(shares["group"]) == ["Small firms", "Large firms"]
    assert shares["share"].iloc[0] == pytest.approx(17 / (17 + 6))
    assert shares["share"].iloc[1] == pytest.approx(4 / (4 + 17))
    steps = steps_frame(groups, {1: "a", 2: "b"})
    metrics = scenario_metrics(steps, {1: DIFFERENTIATE}, pd.DataFrame(), totals, SCORING, FocusSettings())
    assert (metrics.best_group, metrics.best_group_n) == ("Small firms", 40)
    assert metrics.best_group_share == pytest.approx(17 / 23)
    nothing = scenario_metrics(steps, {1: MEET}, pd.DataFrame(), totals, SCORING, FocusSettings())
    assert nothing.best_group is None


# --- competitors and the target profile ---------------------------------------------------------
def test_competitor_satisfaction_by_step_is_the_mean_over_its_outcomes():
    outcome_level = pd.DataFrame(
        {
            "competitor": ["X", "X", "X"],
            "step_id": [1, 1, 2],
            "step_order": [1, 1, 2],
            "step": ["a", "a", "b"],
            "outcome_id": ["a", "b", "c"],
            "satisfaction": [2.0, 4.0, None],
            "opportunity": [1.0, 1.0, 1.0],
            "importance": [1.0, 1.0, 1.0],
        }
    )
    by_step = step_means(outcome_level).set_index("step_id")["satisfaction"]
    assert by_step[1] == 3.0 and math.isnan(by_step[2])  # a step nobody rated has no satisfaction


def test_leaders_against_us_and_without_a_rival():
    by_step = pd.DataFrame(
        {"competitor": ["Us", "X", "Y", "Solo"], "step_id": [1, 1, 1, 2], "satisfaction": [6.5, 7.0, 2.0, 8.0]}
    )
    ours = leaders(by_step, "step_id", CompetitionSettings(us="Us")).set_index("step_id")
    assert ours.loc[1, "rival"] == "X" and ours.loc[1, "versus"] == "us"
    assert ours.loc[1, "lead"] == pytest.approx(0.5) and not ours.loc[1, "leads"]
    field = leaders(by_step[by_step["step_id"] == 2], "step_id", CompetitionSettings()).set_index("step_id")
    assert math.isnan(field.loc[2, "reference"]) and not field.loc[2, "leads"]  # one competitor: nobody leads


def test_target_profile_per_choice(survey):
    _, steps = survey
    leading = pd.DataFrame({"step_id": [1, 2, 3], "best": [7.0, 9.6, 3.0]})
    competition = CompetitionSettings(critical_threshold=5.0)
    plan = {1: DIFFERENTIATE, 2: DIFFERENTIATE, 3: MEET, 4: ACCEPT}
    targets = target_profile(steps, plan, leading, competition, {1: 1.5}).set_index("step_id")["target"]
    assert targets[1] == pytest.approx(8.5)  # best 7.0 + the step's margin 1.5
    assert targets[2] == pytest.approx(10.0)  # capped at 10
    assert targets[3] == pytest.approx(5.0)  # parity, but never below the critical threshold
    assert targets[4] == pytest.approx(5.0)  # accept: at the critical threshold
    assert math.isnan(targets[5])  # unassigned: no target
    without = target_profile(steps, plan, pd.DataFrame(columns=["step_id", "best"]), competition)
    assert without.set_index("step_id")["target"].isna().tolist() == [True, True, True, False, True]


# --- the sample survey, through the real pipeline ------------------------------------------------
def test_the_suggestion_on_the_sample_differentiates_steps_holding_its_planted_opportunities(workspace):
    load_sample(workspace)
    scores = outcome_scores(workspace, SCORING)
    steps = step_table(step_scores(workspace, scores, SCORING), scores, SCORING)
    placed = suggest(steps, scores, SCORING, FocusSettings())
    differentiated = {s for s, c in placed.items() if c == DIFFERENTIATE}
    # The README of sample_surveys plants the only outcomes ≥ 12 in steps 3, 4, 5, 6 and 9.
    assert len(differentiated) == 3 and differentiated <= {3, 4, 5, 6, 9}
    assert {s for s, c in placed.items() if c == MEET} >= {3, 4, 5, 6, 9} - differentiated
    assert set(placed) == set(steps["step_id"])
