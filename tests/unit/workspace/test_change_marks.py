"""Two people at once (issue 17.4): a change made from a stale view is refused, atomically."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.analysis.scoring import load_settings, save_settings
from core.strategy import scenarios
from core.workspace.change_marks import ChangedElsewhere, Drawn
from core.workspace.database import Workspace


@pytest.fixture
def board(loaded: dict[str, Workspace]) -> tuple[Workspace, str, list[int]]:
    workspace = next(iter(loaded.values()))
    scenario = scenarios.create_scenario(workspace)
    steps = sorted(scenarios.assignment(workspace, scenario)) or [
        int(s) for (s,) in workspace.cursor().execute("SELECT step_id FROM steps ORDER BY step_order").fetchall()
    ]
    return workspace, scenario, steps


def test_a_move_from_a_stale_view_of_the_same_step_is_refused_and_changes_nothing(board) -> None:
    workspace, scenario, steps = board
    x = steps[0]
    seen_by_b = Drawn(workspace.revision, "tab-b")
    scenarios.set_choice(workspace, scenario, x, "differentiate", drawn=Drawn(workspace.revision, "tab-a"))
    revision, history = workspace.revision, scenarios.history_size(workspace, scenario)
    with pytest.raises(ChangedElsewhere, match="changed elsewhere") as refused:
        scenarios.set_choice(workspace, scenario, x, "accept", drawn=seen_by_b)
    assert refused.value.items == [f"choice:{scenario}:{x}"]
    assert scenarios.assignment(workspace, scenario)[x] == "differentiate"  # A's move stands
    assert (workspace.revision, scenarios.history_size(workspace, scenario)) == (revision, history)


def test_a_stale_view_may_still_move_another_step(board) -> None:
    workspace, scenario, steps = board
    x, y = steps[0], steps[1]
    seen_by_b = Drawn(workspace.revision, "tab-b")
    scenarios.set_choice(workspace, scenario, x, "meet", drawn=Drawn(workspace.revision, "tab-a"))
    assert scenarios.set_choice(workspace, scenario, y, "accept", drawn=seen_by_b)
    assert scenarios.assignment(workspace, scenario) == {x: "meet", y: "accept"}


def test_a_writer_never_conflicts_with_its_own_quick_changes(board) -> None:
    workspace, scenario, steps = board
    drawn = Drawn(workspace.revision, "tab-a")  # the board was not redrawn between the moves
    for choice in ("meet", "accept", "differentiate"):
        scenarios.set_choice(workspace, scenario, steps[0], choice, drawn=drawn)
    assert scenarios.assignment(workspace, scenario)[steps[0]] == "differentiate"


def test_an_unchecked_change_still_marks_its_items(board) -> None:
    workspace, scenario, steps = board
    seen = Drawn(workspace.revision, "tab-b")
    scenarios.set_choice(workspace, scenario, steps[0], "meet")  # e.g. the CLI or a background job
    with pytest.raises(ChangedElsewhere):
        scenarios.set_choice(workspace, scenario, steps[0], "accept", drawn=seen)


def test_a_fresh_view_after_the_refusal_succeeds(board) -> None:
    workspace, scenario, steps = board
    stale = Drawn(workspace.revision, "tab-b")
    scenarios.set_choice(workspace, scenario, steps[0], "meet", drawn=Drawn(workspace.revision, "tab-a"))
    with pytest.raises(ChangedElsewhere):
        scenarios.set_choice(workspace, scenario, steps[0], "accept", drawn=stale)
    scenarios.set_choice(workspace, scenario, steps[0], "accept", drawn=Drawn(workspace.revision, "tab-b"))
    assert scenarios.assignment(workspace, scenario)[steps[0]] == "accept"


def test_notes_and_scenario_names_are_checked(board) -> None:
    workspace, scenario, steps = board
    stale = Drawn(workspace.revision, "tab-b")
    scenarios.set_note(workspace, scenario, steps[0], "A's note", drawn=Drawn(workspace.revision, "tab-a"))
    scenarios.rename_scenario(workspace, scenario, "A's name", drawn=Drawn(workspace.revision, "tab-a"))
    with pytest.raises(ChangedElsewhere):
        scenarios.set_note(workspace, scenario, steps[0], "B's note", drawn=stale)
    with pytest.raises(ChangedElsewhere):
        scenarios.rename_scenario(workspace, scenario, "B's name", drawn=stale)
    assert scenarios.decisions(workspace, scenario)[steps[0]].note == "A's note"
    names = scenarios.list_scenarios(workspace).set_index("scenario_id")["name"]
    assert names[scenario] == "A's name"
    scenarios.set_note(workspace, scenario, steps[1], "B's other note", drawn=stale)  # another step: fine


def test_scoring_settings_are_checked(board) -> None:
    workspace, _, _ = board
    before = load_settings(workspace)
    stale = Drawn(workspace.revision, "tab-b")
    save_settings(workspace, replace(before, solid=before.solid + 1), drawn=Drawn(workspace.revision, "tab-a"))
    with pytest.raises(ChangedElsewhere):
        save_settings(workspace, replace(before, high=before.high + 1), drawn=stale)
    assert load_settings(workspace) == replace(before, solid=before.solid + 1)
