"""Participant voting (issue 17.2, core.strategy.votes): one vote per participant per step,
changes replace, tallies and agreement by hand, the room's majority as a scenario, roles, .xlsx."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from core.intake.survey_queries import outcomes_table, steps_table
from core.strategy import scenarios, votes
from core.strategy.focus import ACCEPT, DIFFERENTIATE, MEET
from core.strategy.votes import VoteError
from core.workspace.database import WorkspaceReadOnly, open_workspace
from core.workspace.file import workspace_xlsx
from core.workspace.links import Role, link, open_for
from core.workspace.restore import restore

ALICE, BOB, CARA = "alice-participant", "bob-participant-", "cara-participant"


@pytest.fixture
def ws(sample_token):
    workspace = open_workspace(sample_token)
    yield workspace
    workspace.close()


def _steps(ws) -> list[int]:
    return steps_table(ws)["step_id"].astype(int).tolist()


def _rows(ws, table: str) -> list[tuple]:
    drop = {"votes": " EXCLUDE (voted_at)", "voters": " EXCLUDE (joined_at)"}.get(table, "")
    return ws.cursor().execute(f"SELECT *{drop} FROM {table} ORDER BY ALL").fetchall()


def test_one_vote_per_participant_per_step_and_a_change_replaces_it(ws):
    step = _steps(ws)[0]
    votes.cast_vote(ws, ALICE, step, DIFFERENTIATE, name="Alice")
    votes.cast_vote(ws, ALICE, step, MEET)
    assert _rows(ws, "votes") == [(ALICE, step, MEET)]
    assert votes.my_votes(ws, ALICE) == {step: MEET}
    votes.cast_vote(ws, ALICE, step, None)  # withdrawn
    assert votes.my_votes(ws, ALICE) == {}


def test_the_name_is_optional_and_kept(ws):
    step = _steps(ws)[0]
    votes.cast_vote(ws, ALICE, step, ACCEPT, name="  Alice   B. ")
    votes.cast_vote(ws, BOB, step, ACCEPT)
    assert votes.my_name(ws, ALICE) == "Alice B."
    assert votes.my_name(ws, BOB) is None  # anonymous


def test_bad_votes_are_refused_with_a_message_and_nothing_is_written(ws):
    step = _steps(ws)[0]
    with pytest.raises(VoteError, match="not a choice"):
        votes.cast_vote(ws, ALICE, step, "maybe")
    with pytest.raises(VoteError, match="no longer on the job map"):
        votes.cast_vote(ws, ALICE, 9_999, MEET)
    with pytest.raises(VoteError, match="lost who you are"):
        votes.cast_vote(ws, "../x", step, MEET)
    with pytest.raises(VoteError, match="60 characters"):
        votes.cast_vote(ws, ALICE, step, MEET, name="x" * 61)
    assert _rows(ws, "votes") == [] and _rows(ws, "voters") == []


def test_tallies_agreement_majority_and_disagreement_by_hand(ws):
    s1, s2, s3, s4 = _steps(ws)[:4]
    # s1: D, D, M -> majority D, agreement 2/3; s2: M, A -> tie; s3: A, A, A -> A, agreement 1
    for pid, choice in ((ALICE, DIFFERENTIATE), (BOB, DIFFERENTIATE), (CARA, MEET)):
        votes.cast_vote(ws, pid, s1, choice)
    votes.cast_vote(ws, ALICE, s2, MEET)
    votes.cast_vote(ws, BOB, s2, ACCEPT)
    for pid in (ALICE, BOB, CARA):
        votes.cast_vote(ws, pid, s3, ACCEPT)
    board = {s1: MEET, s3: ACCEPT}
    tally = votes.step_tally(ws, board).set_index("step_id")
    assert tally.loc[s1, [DIFFERENTIATE, MEET, ACCEPT, "votes"]].tolist() == [2, 1, 0, 3]
    assert tally.loc[s1, "agreement"] == pytest.approx(2 / 3)
    assert tally.loc[s1, "majority"] == DIFFERENTIATE and bool(tally.loc[s1, "disagrees"])
    assert tally.loc[s2, "majority"] is None and tally.loc[s2, "agreement"] == pytest.approx(0.5)
    assert not tally.loc[s2, "disagrees"]  # no majority: nothing to disagree with
    assert tally.loc[s3, "agreement"] == 1.0 and not tally.loc[s3, "disagrees"]
    assert math.isnan(tally.loc[s4, "agreement"]) and tally.loc[s4, "votes"] == 0
    assert votes.counts(ws)["participants"] == 3 and votes.counts(ws)["votes"] == 8


def test_dot_votes_are_capped_at_the_workspace_setting_and_counted(ws):
    outcomes = outcomes_table(ws)["outcome_id"].astype(str).tolist()
    votes.set_dots(ws, ALICE, outcomes[:3])
    with pytest.raises(VoteError, match="up to 3 outcomes; 4 were chosen"):
        votes.set_dots(ws, BOB, outcomes[:4])
    votes.set_dot_limit(ws, 4)
    votes.set_dots(ws, BOB, outcomes[:4])
    votes.set_dots(ws, ALICE, outcomes[:1])  # replaced as a whole
    tally = votes.dot_tally(ws).set_index("outcome_id")["dots"].to_dict()
    assert tally == {outcomes[0]: 2, outcomes[1]: 1, outcomes[2]: 1, outcomes[3]: 1}
    with pytest.raises(VoteError, match="no longer in the survey"):
        votes.set_dots(ws, ALICE, ["nope"])
    with pytest.raises(VoteError, match="0 to 20"):
        votes.set_dot_limit(ws, 21)


def test_applying_the_majority_creates_a_scenario_ties_keep_the_board(ws):
    s1, s2, s3 = _steps(ws)[:3]
    active = scenarios.active_scenario(ws)
    scenarios.set_assignment(ws, active, {s2: ACCEPT, s3: MEET})
    votes.cast_vote(ws, ALICE, s1, DIFFERENTIATE)
    votes.cast_vote(ws, ALICE, s2, MEET)
    votes.cast_vote(ws, BOB, s2, DIFFERENTIATE)  # tie on s2: the board's ACCEPT stays
    created = votes.apply_majority(ws)
    names = dict(scenarios.list_scenarios(ws)[["scenario_id", "name"]].values)
    assert names[created] == "Room majority"
    assert scenarios.assignment(ws, created) == {s1: DIFFERENTIATE, s2: ACCEPT, s3: MEET}
    assert scenarios.assignment(ws, active) == {s2: ACCEPT, s3: MEET}  # the board is untouched
    again = votes.apply_majority(ws)
    assert dict(scenarios.list_scenarios(ws)[["scenario_id", "name"]].values)[again] == "Room majority 2"


def test_applying_without_votes_says_so(ws):
    with pytest.raises(VoteError, match="Nobody has voted"):
        votes.apply_majority(ws)


def test_a_vote_link_votes_a_view_link_cannot_and_the_vote_link_cannot_apply(sample_token: str):
    voter, role = open_for(link(sample_token, Role.VOTE))
    viewer, _ = open_for(link(sample_token, Role.VIEW))
    step = _steps(voter)[0]
    assert role is Role.VOTE
    votes.cast_vote(voter, ALICE, step, MEET, name="Alice")
    with pytest.raises(WorkspaceReadOnly, match="cannot vote"):
        votes.cast_vote(viewer, BOB, step, MEET)
    with pytest.raises(WorkspaceReadOnly):
        votes.apply_majority(voter)
    with pytest.raises(WorkspaceReadOnly):
        votes.set_dot_limit(voter, 5)
    with pytest.raises(ValueError, match="write_"):
        voter.write_votes([("step_tally", {})])
    editor, _ = open_for(sample_token)
    assert votes.my_votes(editor, ALICE) == {step: MEET} and votes.my_votes(editor, BOB) == {}
    for handle in (voter, viewer, editor):
        handle.close()


def test_votes_survive_reopening_and_round_trip_through_the_workspace_file(ws, sample_token: str, data_dir: Path):
    step = _steps(ws)[1]
    outcome = outcomes_table(ws)["outcome_id"].astype(str).iloc[0]
    votes.cast_vote(ws, ALICE, step, ACCEPT, name="=HYPERLINK(1)")
    votes.set_dots(ws, BOB, [outcome])
    ws.close()
    reopened = open_workspace(sample_token)
    assert votes.my_votes(reopened, ALICE) == {step: ACCEPT}
    content = workspace_xlsx(reopened)
    fresh = open_workspace()
    restore(fresh, content, "workspace.xlsx")
    for table in ("votes", "dot_votes"):
        assert _rows(fresh, table) == _rows(reopened, table), table
    assert votes.my_name(fresh, ALICE) == "=HYPERLINK(1)"
    fresh.close()
    reopened.close()
