"""What a scenario wins (core.strategy.wins) on a tiny real survey (tests/unit/wins_survey.py: the
hand-computed top outcomes of each respondent are in its docstring)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.analysis.segment_store import save_segmentation
from core.strategy.focus import ACCEPT, DIFFERENTIATE, MEET
from core.strategy.wins import (
    NO_SEGMENT,
    NO_SOLUTION,
    rule_text,
    scenario_wins,
    wins_basis,
    wins_segmentation,
    won_mask,
)
from core.workspace.database import Workspace, open_workspace
from tests.unit.survey_builders import canonical_workbook, store_workbook
from tests.unit.wins_survey import OUTCOMES, choose, steps_of, wins_workspace


@pytest.fixture(scope="module")
def survey(tmp_path_factory) -> Workspace:
    return wins_workspace(open_workspace(), tmp_path_factory.mktemp("wins"))


def won_ids(basis, assignment) -> set[str]:
    return set(basis.people.loc[won_mask(basis, assignment), "respondent_id"])


def test_hits_per_step_are_the_hand_computed_top_three(survey):
    basis = wins_basis(survey)
    ids = steps_of(survey)
    hits = pd.DataFrame(basis.hits, index=basis.people["respondent_id"], columns=list(basis.step_ids))
    hits = hits.rename(columns={v: k[-1] for k, v in ids.items()})
    expected = {
        "R0001": {"A": 2, "B": 1, "C": 0},
        "R0002": {"A": 1, "B": 2, "C": 0},  # the sample's opportunity puts A2 before C1
        "R0003": {"A": 0, "B": 0, "C": 1},
        "R0004": {"A": 0, "B": 0, "C": 0},
        "R0005": {"A": 1, "B": 1, "C": 1},  # B1 (4,2) before C2 (4,3)
        "R0006": {"A": 1, "B": 0, "C": 0},  # B2 has no satisfaction: not underserved
    }
    assert hits.to_dict(orient="index") == expected
    assert dict(zip(basis.people["respondent_id"], basis.people["n_top"], strict=True)) == {
        "R0001": 3,
        "R0002": 3,
        "R0003": 1,
        "R0004": 0,
        "R0005": 3,
        "R0006": 1,
    }
    assert list(basis.people["n_underserved"]) == [3, 4, 1, 0, 4, 1]


def test_who_is_won_under_two_assignments(survey):
    basis = wins_basis(survey)
    only_a = choose(survey, A=DIFFERENTIATE, B=MEET, C=ACCEPT)
    assert won_ids(basis, only_a) == {"R0001", "R0006"}
    b_and_c = choose(survey, A=ACCEPT, B=DIFFERENTIATE, C=DIFFERENTIATE)
    assert won_ids(basis, b_and_c) == {"R0002", "R0003", "R0005"}
    wins = scenario_wins(basis, b_and_c)
    assert (wins.won, wins.sample, wins.with_underserved) == (3, 6, 5)
    assert wins.share == pytest.approx(0.5)
    assert scenario_wins(basis, {}).won == 0


def test_won_by_current_solution_and_their_willingness_to_pay(survey):
    basis = wins_basis(survey)
    assert (basis.solution, basis.wtp) == ("Current solution", "Willingness to pay")
    wins = scenario_wins(basis, choose(survey, B=DIFFERENTIATE, C=DIFFERENTIATE))
    table = wins.by_solution.set_index("solution")
    assert list(table.index) == ["Xpense", "Yardly", NO_SOLUTION]  # most won first
    assert table.loc["Xpense", ["n", "won"]].tolist() == [3, 2]  # R3, R5 of R1, R3, R5
    assert table.loc["Yardly", ["n", "won"]].tolist() == [2, 1]  # R2
    assert table.loc[NO_SOLUTION, ["n", "won"]].tolist() == [1, 0]
    assert table.loc["Xpense", "share"] == pytest.approx(2 / 3)
    # R2 200 + R3 300; R5's negative amount is no amount.
    assert (wins.wtp_sum, wins.wtp_mean, wins.wtp_n) == (500.0, 250.0, 2)
    first = scenario_wins(basis, choose(survey, A=DIFFERENTIATE))
    assert (first.wtp_sum, first.wtp_mean, first.wtp_n) == (1000.0, 1000.0, 1)  # "$1,000" read as 1000; R6 none


def test_won_by_segment_of_the_chosen_or_newest_segmentation(survey):
    assert wins_segmentation(survey, None) is None
    assert scenario_wins(wins_basis(survey), {}).by_segment.empty
    members = pd.DataFrame(
        {"respondent_id": ["R0001", "R0002", "R0003", "R0004", "R0005"], "segment": ["S1", "S1", "S1", "S2", "S2"]}
    )
    first = save_segmentation(survey, "Needs", members, k=2, silhouette=None, params={})
    other = save_segmentation(survey, "Other", members.assign(segment="All of them"), k=1, silhouette=None, params={})
    assert wins_segmentation(survey, None) == other  # the newest
    assert wins_segmentation(survey, f"segmentation:{first}") == first  # the one "serves best" uses
    assert wins_segmentation(survey, "attribute:current_solution") == other
    basis = wins_basis(survey, first)
    assert basis.segmentation == "Needs"
    table = scenario_wins(basis, choose(survey, B=DIFFERENTIATE, C=DIFFERENTIATE)).by_segment.set_index("segment")
    assert table.loc["S1", ["n", "won"]].tolist() == [3, 2]  # R2, R3
    assert table.loc["S2", ["n", "won"]].tolist() == [2, 1]  # R5
    assert table.loc[NO_SEGMENT, ["n", "won"]].tolist() == [1, 0]  # R6 is in no segment


def test_the_rule_is_stated_with_the_scales_top_box():
    text = rule_text()
    assert "at least half of their top 3 underserved outcomes" in text
    assert "importance 4–5" in text and "satisfaction below 4" in text


def test_a_survey_without_solution_or_wtp_says_so(tmp_path):
    workspace = wins_workspace(open_workspace(), tmp_path, attributes=False)
    basis = wins_basis(workspace)
    wins = scenario_wins(basis, choose(workspace, A=DIFFERENTIATE))
    assert basis.solution is None and basis.wtp is None
    assert wins.by_solution.empty and wins.wtp_sum is None and wins.wtp_mean is None
    assert wins.won == 2


CHOICES = st.sampled_from([DIFFERENTIATE, MEET, ACCEPT, None])


@settings(max_examples=60, deadline=None)
@given(choices=st.lists(CHOICES, min_size=3, max_size=3), step=st.integers(0, 2))
def test_moving_a_step_to_differentiate_never_loses_anyone(survey, choices, step):
    basis = wins_basis(survey)
    before = {s: c for s, c in zip(basis.step_ids, choices, strict=True) if c is not None}
    before[basis.step_ids[step]] = ACCEPT
    after = {**before, basis.step_ids[step]: DIFFERENTIATE}
    assert won_ids(basis, before) <= won_ids(basis, after)


RATING = st.one_of(st.none(), st.integers(1, 5))
RESPONDENT = st.lists(st.tuples(RATING, RATING), min_size=6, max_size=6)  # (importance, satisfaction) per outcome


@settings(max_examples=15, deadline=None)
@given(ratings=st.lists(RESPONDENT, min_size=6, max_size=6))
def test_everything_differentiated_wins_everyone_with_an_underserved_outcome(tmp_path_factory, ratings):
    by_outcome = {o: [ratings[r][i] for r in range(6)] for i, o in enumerate(OUTCOMES)}
    if not any(
        any(i is not None for i, _ in pairs) and any(s is not None for _, s in pairs) for pairs in by_outcome.values()
    ):
        return  # no outcome rated for both importance and satisfaction: "nothing to score" (issue 11.2)
    workspace = open_workspace()
    path = canonical_workbook(tmp_path_factory.mktemp("all") / "all.xlsx", OUTCOMES, by_outcome)
    store_workbook(workspace, path)
    basis = wins_basis(workspace)
    everything = dict.fromkeys(basis.step_ids, DIFFERENTIATE)
    underserved = {
        f"R{r + 1:04d}"
        for r in range(6)
        if any(i is not None and s is not None and i >= 4 and s < 4 for i, s in ratings[r])
    }
    assert won_ids(basis, everything) == underserved
    assert scenario_wins(basis, everything).with_underserved == len(underserved)
    workspace.close()
