"""Two people at once (issue 17.4), the remaining changes: the Focus board's Undo, step targets,
job-map outcome moves and the Capabilities tables made from a stale view are refused
(ChangedElsewhere) and change nothing."""

from __future__ import annotations

import pandas as pd
import pytest

from core.strategy import capabilities as caps
from core.strategy import jobmap, jobmap_bulk, scenarios
from core.strategy.capability_tables import apply_capability_table, apply_link_table, apply_vrio_table
from core.strategy.scenarios import Target
from core.workspace.change_marks import ChangedElsewhere, Drawn
from core.workspace.database import Workspace


@pytest.fixture
def board(loaded: dict[str, Workspace]) -> tuple[Workspace, str, list[int]]:
    workspace = next(iter(loaded.values()))
    scenario = scenarios.create_scenario(workspace)
    steps = [int(s) for (s,) in workspace.cursor().execute("SELECT step_id FROM steps ORDER BY step_order").fetchall()]
    return workspace, scenario, steps


def _now(workspace: Workspace, writer: str) -> Drawn:
    return Drawn(workspace.revision, writer)


# --- 1. Undo on the Focus board -------------------------------------------------------------------
def test_an_undo_from_a_stale_board_of_a_step_moved_elsewhere_is_refused(board) -> None:
    workspace, scenario, steps = board
    x = steps[0]
    scenarios.set_choice(workspace, scenario, x, "meet", drawn=_now(workspace, "tab-b"))
    seen_by_b = _now(workspace, "tab-b")  # B's board shows X in Meet, Undo (1)
    scenarios.set_choice(workspace, scenario, x, "differentiate", drawn=_now(workspace, "tab-a"))
    revision, history = workspace.revision, scenarios.history_size(workspace, scenario)
    with pytest.raises(ChangedElsewhere, match="changed elsewhere") as refused:
        scenarios.undo(workspace, scenario, drawn=seen_by_b)  # would take back A's move, unseen by B
    assert refused.value.items == [f"choice:{scenario}:{x}"]
    assert scenarios.assignment(workspace, scenario)[x] == "differentiate"
    assert (workspace.revision, scenarios.history_size(workspace, scenario)) == (revision, history)


def test_an_undo_from_a_fresh_board_or_of_the_writers_own_move_goes_through(board) -> None:
    workspace, scenario, steps = board
    drawn_a = _now(workspace, "tab-a")
    scenarios.set_choice(workspace, scenario, steps[0], "meet", drawn=drawn_a)
    assert scenarios.undo(workspace, scenario, drawn=drawn_a)  # its own quick move: no conflict
    assert steps[0] not in scenarios.assignment(workspace, scenario)
    scenarios.set_choice(workspace, scenario, steps[1], "accept", drawn=drawn_a)
    assert scenarios.undo(workspace, scenario, drawn=_now(workspace, "tab-b"))  # B saw A's move: fine
    assert scenarios.assignment(workspace, scenario) == {}


def test_an_undo_marks_the_steps_it_moved_back(board) -> None:
    workspace, scenario, steps = board
    scenarios.set_choice(workspace, scenario, steps[0], "meet", drawn=_now(workspace, "tab-a"))
    seen_by_b = _now(workspace, "tab-b")
    scenarios.undo(workspace, scenario, drawn=_now(workspace, "tab-a"))
    with pytest.raises(ChangedElsewhere):  # B still shows Meet: a move of that step from there is stale
        scenarios.set_choice(workspace, scenario, steps[0], "accept", drawn=seen_by_b)


# --- 2. Targets ---------------------------------------------------------------------------------
def test_a_target_set_from_a_stale_view_is_refused_per_step(board) -> None:
    workspace, scenario, steps = board
    seen_by_b = _now(workspace, "tab-b")
    scenarios.set_target(workspace, scenario, steps[0], Target((), 2.0), drawn=_now(workspace, "tab-a"))
    revision = workspace.revision
    with pytest.raises(ChangedElsewhere) as refused:
        scenarios.set_target(workspace, scenario, steps[0], Target((), 4.5), drawn=seen_by_b)
    assert refused.value.items == [f"target:{scenario}:{steps[0]}"]
    assert scenarios.decisions(workspace, scenario)[steps[0]].target.margin == 2.0
    assert workspace.revision == revision
    scenarios.set_target(workspace, scenario, steps[1], Target((), 4.5), drawn=seen_by_b)  # another step: fine
    assert scenarios.decisions(workspace, scenario)[steps[1]].target.margin == 4.5


# --- 3. Job-map outcome moves ---------------------------------------------------------------------
def _column(workspace: Workspace, column: str, outcome_id: str):
    return workspace.cursor().execute(f"SELECT {column} FROM outcomes WHERE outcome_id = ?", [outcome_id]).fetchone()[0]


def _step_of(workspace: Workspace, outcome_id: str) -> int:
    return int(_column(workspace, "step_id", outcome_id))


def _outcomes(workspace: Workspace) -> list[tuple[str, int]]:
    rows = workspace.cursor().execute("SELECT outcome_id, step_id FROM outcomes ORDER BY outcome_order").fetchall()
    return [(str(o), int(s)) for o, s in rows]


def test_an_outcome_moved_elsewhere_is_not_moved_again_from_a_stale_table(board) -> None:
    workspace, _, steps = board
    outcome, home = _outcomes(workspace)[0]
    there, elsewhere = [s for s in steps if s != home][:2]
    seen_by_b = _now(workspace, "tab-b")
    jobmap.move_outcome(workspace, outcome, there, drawn=_now(workspace, "tab-a"))
    with pytest.raises(ChangedElsewhere) as refused:
        jobmap.move_outcome(workspace, outcome, elsewhere, drawn=seen_by_b)
    assert refused.value.items == [f"outcome:{outcome}"]
    assert _step_of(workspace, outcome) == there
    other, _ = _outcomes(workspace)[1]
    jobmap.move_outcome(workspace, other, elsewhere, drawn=seen_by_b)  # an outcome A left alone
    assert _step_of(workspace, other) == elsewhere


def test_the_outcome_table_is_refused_whole_when_one_of_its_moves_is_stale(board) -> None:
    workspace, _, steps = board
    (first, home), (second, _) = _outcomes(workspace)[:2]
    there = next(s for s in steps if s != home)
    seen_by_b = _now(workspace, "tab-b")
    jobmap.move_outcome(workspace, first, there, drawn=_now(workspace, "tab-a"))
    table = (
        workspace.cursor()
        .execute("SELECT o.outcome_id, s.name AS step, o.statement FROM outcomes o JOIN steps s USING (step_id)")
        .df()
    )
    names = dict(workspace.cursor().execute("SELECT step_id, name FROM steps").fetchall())
    stale = table.assign(step=table["step"].where(table["outcome_id"] != first, names[home]))  # B's old cell
    stale.loc[stale["outcome_id"] == second, "statement"] = "B's words"
    with pytest.raises(ChangedElsewhere):
        jobmap.apply_outcome_table(workspace, stale, drawn=seen_by_b)
    assert _step_of(workspace, first) == there
    assert _column(workspace, "statement", second) != "B's words"


def test_a_bulk_move_from_a_stale_page_is_refused_when_one_of_its_outcomes_moved_elsewhere(board) -> None:
    workspace, _, steps = board
    (first, home), (second, _) = _outcomes(workspace)[:2]
    there, elsewhere = [s for s in steps if s != home][:2]
    seen_by_b = _now(workspace, "tab-b")
    jobmap.move_outcome(workspace, first, there, drawn=_now(workspace, "tab-a"))
    before = _outcomes(workspace)
    with pytest.raises(ChangedElsewhere):
        jobmap_bulk.move_outcomes(workspace, [first, second], elsewhere, drawn=seen_by_b)
    assert _outcomes(workspace) == before
    jobmap_bulk.move_outcomes(workspace, [second], elsewhere, drawn=seen_by_b)  # not the one A moved
    assert _step_of(workspace, second) == elsewhere


def test_a_bulk_undo_from_a_stale_page_is_refused_when_what_it_puts_back_changed_elsewhere(board) -> None:
    workspace, _, steps = board
    outcome, home = _outcomes(workspace)[2]
    there, elsewhere = [s for s in steps if s != home][:2]
    jobmap_bulk.move_outcomes(workspace, [outcome], there, drawn=_now(workspace, "tab-a"))
    seen_by_b = _now(workspace, "tab-b")  # B's page offers "Undo: 1 outcome moved to …"
    jobmap.move_outcome(workspace, outcome, elsewhere, drawn=_now(workspace, "tab-a"))
    label = jobmap_bulk.last_change(workspace)
    with pytest.raises(ChangedElsewhere):
        jobmap_bulk.undo_last(workspace, drawn=seen_by_b)
    assert _step_of(workspace, outcome) == elsewhere and jobmap_bulk.last_change(workspace) == label
    assert jobmap_bulk.undo_last(workspace, drawn=_now(workspace, "tab-b"))  # from the current page: undone
    assert _step_of(workspace, outcome) == home


# --- 5. The Capabilities page's tables (checked per table) -----------------------------------------
def _rows_table(workspace: Workspace) -> pd.DataFrame:
    stored = caps.capabilities(workspace)
    columns = ["capability_id", "name", "description", "owner", "strength", "cost", "effort"]
    return stored[columns].assign(order=range(1, len(stored) + 1)).astype(object)


def test_a_stale_capabilities_table_never_puts_old_cells_back(board) -> None:
    workspace, _, _ = board
    first = caps.add_capability(workspace, "Fast matching")
    second = caps.add_capability(workspace, "Audit trail")
    seen_by_b, stale = Drawn(workspace.revision, "tab-b"), _rows_table(workspace)  # B's table as drawn
    renamed = _rows_table(workspace)
    renamed.loc[renamed["capability_id"] == first, "name"] = "Instant matching"
    apply_capability_table(workspace, renamed, drawn=Drawn(workspace.revision, "tab-a"))
    stale.loc[stale["capability_id"] == second, "owner"] = "B's owner"  # B's edit; its row 1 is old
    with pytest.raises(ChangedElsewhere):
        apply_capability_table(workspace, stale, drawn=seen_by_b)
    rows = caps.capabilities(workspace).set_index("capability_id")
    assert rows.loc[first, "name"] == "Instant matching" and pd.isna(rows.loc[second, "owner"])
    with pytest.raises(ChangedElsewhere):  # the VRIO table writes the same rows
        apply_vrio_table(workspace, _vrio(second, rare=True), drawn=seen_by_b)


def _vrio(capability_id: str, rare: bool) -> pd.DataFrame:
    return pd.DataFrame(
        {"capability_id": [capability_id], "valuable": ["yes"], "rare": [rare], "inimitable": [False],
         "barrier": [None], "organized": [False]}
    )  # fmt: skip


def test_a_stale_capability_matrix_is_refused_and_other_tables_are_not(board) -> None:
    workspace, _, _ = board
    capability = caps.add_capability(workspace, "Smart routing")
    outcome, _ = _outcomes(workspace)[0]
    seen_by_b = Drawn(workspace.revision, "tab-b")
    grid = pd.DataFrame({"capability_id": [capability], "name": ["Smart routing"], outcome: ["critical"]})
    apply_link_table(workspace, grid, [outcome], drawn=Drawn(workspace.revision, "tab-a"))
    with pytest.raises(ChangedElsewhere):
        apply_link_table(workspace, grid.assign(**{outcome: ["supports"]}), [outcome], drawn=seen_by_b)
    assert caps.links(workspace).set_index("capability_id").loc[capability, "strength"] == 3
    assert apply_vrio_table(workspace, _vrio(capability, rare=True), drawn=seen_by_b)  # another table: saved


# --- job-map step buttons: Up / Down and Delete ------------------------------------------------------
def _order(workspace: Workspace) -> list[int]:
    return [int(s) for (s,) in workspace.cursor().execute("SELECT step_id FROM steps ORDER BY step_order").fetchall()]


def test_a_step_move_or_delete_from_a_stale_job_map_is_refused_when_those_steps_moved(board) -> None:
    workspace, _, steps = board
    seen_by_b = _now(workspace, "tab-b")
    jobmap.move_step(workspace, steps[2], -1, drawn=_now(workspace, "tab-a"))  # A swaps the 2nd and 3rd steps
    order, revision = _order(workspace), workspace.revision
    with pytest.raises(ChangedElsewhere, match="changed elsewhere"):
        jobmap.move_step(workspace, steps[2], 1, drawn=seen_by_b)  # B, stale, moves the same step back
    with pytest.raises(ChangedElsewhere, match="changed elsewhere"):
        jobmap.delete_step(workspace, steps[1], drawn=seen_by_b)  # or deletes the step A moved down
    assert (_order(workspace), workspace.revision) == (order, revision)

    # A step A's move did not touch, below both: B's stale page may still move or delete it.
    jobmap.move_step(workspace, steps[-1], -1, drawn=seen_by_b)
    assert _order(workspace)[-2] == steps[-1]
    jobmap.delete_step(workspace, steps[5], drawn=_now(workspace, "tab-b"))
    assert steps[5] not in _order(workspace)
