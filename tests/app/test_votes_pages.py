"""Participant voting in the app (issue 17.2): the vote link opens only the phone-sized vote page,
votes are saved at once and kept across a reload; the facilitator's Focus matrix shows the tally
and applies the room's majority."""

from __future__ import annotations

import pytest

from core.intake.survey_queries import outcomes_table, steps_table
from core.strategy import scenarios, votes
from core.strategy.focus import ACCEPT, DIFFERENTIATE, MEET
from core.workspace.database import open_workspace
from core.workspace.links import Role, link
from tests.app.app_helpers import new_app, page_failures, texts


@pytest.fixture
def edit_token(sample_token: str) -> str:
    workspace = open_workspace(sample_token)
    scenarios.active_scenario(workspace)
    workspace.close()
    return sample_token


def _votes(token: str) -> list[tuple]:
    workspace = open_workspace(token, refuse_writes=True)
    rows = workspace.cursor().execute("SELECT participant_id, step_id, choice FROM votes ORDER BY ALL").fetchall()
    workspace.close()
    return rows


def test_the_vote_link_opens_the_vote_page_and_saves_each_vote_at_once(edit_token: str) -> None:
    vote = link(edit_token, Role.VOTE)
    app = new_app(vote, timeout=60)
    app.run()
    assert not app.exception and not page_failures(app)
    assert [t.value for t in app.title] == ["Your vote"]
    assert not app.sidebar.button and not app.sidebar.toggle  # no Share menu, no presentation toggles
    participant = app.query_params["voter"]
    first = int(steps_table(open_workspace(edit_token, refuse_writes=True))["step_id"].iloc[0])
    app.segmented_control(key=f"vote_step_{first}").set_value(DIFFERENTIATE).run()
    assert _votes(edit_token) == [(participant, first, DIFFERENTIATE)]
    app.text_input(key="vote_name").input("Ana *bold*").run()
    app.segmented_control(key=f"vote_step_{first}").set_value(MEET).run()  # a change replaces the vote
    assert _votes(edit_token) == [(participant, first, MEET)]
    check = open_workspace(edit_token, refuse_writes=True)
    assert votes.my_name(check, participant) == "Ana *bold*"
    outcomes = outcomes_table(check)["outcome_id"].astype(str).tolist()
    check.close()
    dots = app.multiselect(key="vote_dots")
    assert dots.max_selections == 3
    dots.set_value(outcomes[:2]).run()
    assert not app.exception
    # A reload (a new session on the same URL) shows the participant's votes again.
    again = new_app(vote)
    again.query_params["voter"] = participant
    again.run()
    assert again.segmented_control(key=f"vote_step_{first}").value == MEET
    assert again.multiselect(key="vote_dots").value == outcomes[:2]


def test_step_names_are_shown_literally_on_the_vote_page(edit_token: str) -> None:
    workspace = open_workspace(edit_token)
    first = int(steps_table(workspace)["step_id"].iloc[0])
    workspace.cursor().execute("UPDATE steps SET name = '**Loud** [x](http://e.org)' WHERE step_id = $s", {"s": first})
    workspace.close()
    app = new_app(link(edit_token, Role.VOTE))
    app.run()
    assert "**Loud** [x](http://e.org)" in texts(app.markdown)


def test_the_facilitator_sees_the_tally_and_applies_the_majority(edit_token: str) -> None:
    workspace = open_workspace(edit_token)
    steps = steps_table(workspace)["step_id"].astype(int).tolist()
    board = scenarios.active_scenario(workspace)
    scenarios.set_assignment(workspace, board, {steps[0]: ACCEPT})
    votes.cast_vote(workspace, "participant-a1", steps[0], DIFFERENTIATE)
    votes.cast_vote(workspace, "participant-b2", steps[0], DIFFERENTIATE)
    votes.cast_vote(workspace, "participant-b2", steps[1], MEET)
    workspace.close()
    app = new_app(edit_token, timeout=120)
    app.switch_page("pages/focus_matrix.py").run()
    assert not app.exception and not page_failures(app)
    tables = [d.value for d in app.dataframe if "Agreement" in d.value.columns]
    assert len(tables) == 1
    table = tables[0].set_index("Step")
    first_name = table.index[0]
    assert table.loc[first_name, "Differentiate"] == 2 and table.loc[first_name, "Agreement"] == 100
    assert table.loc[first_name, "Differs"] == "⚠ differs"
    said = "\n".join(m.value for m in app.markdown)
    assert "**2 participants**" in said, said
    assert "differs from the board on **2 steps**" in said  # the second: MEET against an unassigned step
    app.button(key="room_votes_apply").click().run()
    assert not app.exception
    check = open_workspace(edit_token, refuse_writes=True)
    created = scenarios.list_scenarios(check).query("name == 'Room majority'")["scenario_id"].tolist()
    assert len(created) == 1
    assert scenarios.assignment(check, created[0]) == {steps[0]: DIFFERENTIATE, steps[1]: MEET}
    check.close()
    assert "Room majority" in texts(app.success)


def test_a_viewer_sees_the_tally_but_cannot_apply(edit_token: str) -> None:
    app = new_app(link(edit_token, Role.VIEW), timeout=120)
    app.switch_page("pages/focus_matrix.py").run()
    assert not app.exception
    assert [e.label for e in app.expander if e.label == "Room votes"]
    assert not [b for b in app.button if b.key == "room_votes_apply"]
