"""Job-map files onto an existing survey, bulk moves and their undo (core.strategy.jobmap_import,
core.strategy.jobmap_bulk), with real openpyxl-written files and a real DuckDB."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from core.intake.survey_queries import outcomes_table, steps_table
from core.strategy.jobmap import JobMapError
from core.strategy.jobmap_bulk import apply_jobmap_plan, last_change, move_outcomes, undo_last
from core.strategy.jobmap_import import JobMapFileError, plan_summary, read_jobmap_file
from core.strategy.scenarios import create_scenario, set_choice
from tests.unit.survey_builders import canonical_workbook, store_workbook, write_xlsx

STATEMENTS = {
    "O1": "Minimize the time it takes to plan the week",
    "O2": "Minimize the likelihood of forgetting an ingredient",
    "O3": "Minimize the time it takes to cook dinner",
    "O4": "Minimize the effort of cleaning up",
    "O5": "Minimize the cost of a week of meals",
}


@pytest.fixture
def ws(workspace, tmp_path):
    """A survey whose outcomes all landed in one step "Unassigned" (as a platform export does)."""
    ratings = {oid: [((i + n) % 5 + 1, (i * n) % 5 + 1) for i in range(8)] for n, oid in enumerate(STATEMENTS)}
    outcomes = {oid: ("Unassigned", text) for oid, text in STATEMENTS.items()}
    store_workbook(workspace, canonical_workbook(tmp_path / "survey.xlsx", outcomes, ratings))
    return workspace


def outcomes(ws) -> pd.DataFrame:
    return outcomes_table(ws)[["outcome_id", "statement"]]


def xlsx(tmp_path, rows, name="jobmap.xlsx", sheet="job_map") -> tuple[bytes, str]:
    path = write_xlsx(tmp_path / name, {sheet: rows})
    return path.read_bytes(), name


def step_of(ws) -> dict[str, str]:
    frame = outcomes_table(ws)
    return dict(zip(frame["outcome_id"], frame["step"], strict=True))


def test_a_file_puts_outcomes_in_steps_matched_by_id_or_statement(ws, tmp_path):
    content, name = xlsx(
        tmp_path,
        [
            ["Step", "Outcome ID", "Statement"],
            ["Plan", "O1", None],
            ["Plan", None, "  minimize the likelihood of FORGETTING   an ingredient "],  # by statement
            ["Cook", "o3", "anything"],  # by id, ignoring case
            ["Clean", "O99", "Minimize something unknown"],  # matches nothing
        ],
    )
    plan = read_jobmap_file(content, name, outcomes(ws))
    assert [s.name for s in plan.steps] == ["Plan", "Cook"]  # Clean named no known outcome
    assert plan.unmatched_rows == ("row 5: O99 “Minimize something unknown”",)
    assert [o.split(" ")[0] for o in plan.not_in_file] == ["O4", "O5"]
    summary = plan_summary(plan)
    assert summary[0].startswith("1 row matches no outcome of this survey")
    assert "O99" in summary[0]
    assert summary[1].startswith("2 outcomes of the survey are not in the file and kept their step: O4 “Minimize")

    revision = ws.revision
    changes = apply_jobmap_plan(ws, plan)
    assert changes[0] == "Applied jobmap.xlsx: 2 steps (2 new), 3 outcomes moved"
    assert ws.revision == revision + 1
    assert steps_table(ws)["name"].tolist() == ["Plan", "Cook", "Unassigned"]  # still holds O4, O5
    assert step_of(ws) == {"O1": "Plan", "O2": "Plan", "O3": "Cook", "O4": "Unassigned", "O5": "Unassigned"}


def test_a_csv_with_step_order_and_descriptions_empties_unassigned(ws):
    content = (
        b"outcome_id,step,step_order,description\n"
        b"O5,Shop,2,Buying what the week needs\n"
        b"O1,Plan,1,\n"
        b"O2,Shop,2,\n"
        b"O3,Cook,3,Making the meal\n"
        b"O4,Cook,3,\n"
    )
    plan = read_jobmap_file(content, "map.csv", outcomes(ws))
    assert [(s.name, s.description) for s in plan.steps] == [
        ("Plan", None),
        ("Shop", "Buying what the week needs"),
        ("Cook", "Making the meal"),
    ]
    changes = apply_jobmap_plan(ws, plan)
    assert "Removed the step “Unassigned”, left without outcomes" in changes
    steps = steps_table(ws)
    assert steps["name"].tolist() == ["Plan", "Shop", "Cook"]
    assert steps["step_order"].tolist() == [1, 2, 3]
    assert steps["description"].tolist()[1] == "Buying what the week needs"
    assert plan_summary(plan) == []


def test_undo_puts_back_steps_outcomes_and_the_choices_of_deleted_steps(ws):
    before_steps = steps_table(ws)[["step_id", "step_order", "name", "description"]]
    before = step_of(ws)
    scenario = create_scenario(ws, "Plan A")
    unassigned = int(before_steps["step_id"].iloc[0])
    set_choice(ws, scenario, unassigned, "differentiate")
    plan = read_jobmap_file(b"outcome_id,step\nO1,Plan\nO2,Plan\nO3,Cook\nO4,Cook\nO5,Cook\n", "m.csv", outcomes(ws))
    apply_jobmap_plan(ws, plan)
    assert "Unassigned" not in steps_table(ws)["name"].tolist()
    assert last_change(ws) == "job map from m.csv"

    revision = ws.revision
    assert undo_last(ws) == ["Undid: job map from m.csv"]
    assert ws.revision == revision + 1
    pd.testing.assert_frame_equal(steps_table(ws)[["step_id", "step_order", "name", "description"]], before_steps)
    assert step_of(ws) == before
    choice = ws.cursor().execute("SELECT choice FROM decisions WHERE step_id = ?", [unassigned]).fetchone()
    assert choice == ("differentiate",)
    assert last_change(ws) is None
    with pytest.raises(JobMapError, match="no bulk job-map change to undo"):
        undo_last(ws)


def test_moving_many_outcomes_at_once_is_one_undoable_change(ws):
    plan = read_jobmap_file(b"outcome_id,step\nO1,Plan\nO2,Plan\nO3,Cook\n", "m.csv", outcomes(ws))
    apply_jobmap_plan(ws, plan)
    cook = int(steps_table(ws).set_index("name").loc["Cook", "step_id"])
    revision = ws.revision
    assert move_outcomes(ws, ["O1", "O4", "O5"], cook) == ["Moved 3 outcomes to “Cook”"]
    assert ws.revision == revision + 1
    assert step_of(ws) == {"O1": "Cook", "O2": "Plan", "O3": "Cook", "O4": "Cook", "O5": "Cook"}
    assert last_change(ws) == "3 outcomes moved to “Cook”"
    undo_last(ws)
    assert step_of(ws) == {"O1": "Plan", "O2": "Plan", "O3": "Cook", "O4": "Unassigned", "O5": "Unassigned"}
    undo_last(ws)  # and the file before it
    assert set(step_of(ws).values()) == {"Unassigned"}
    with pytest.raises(JobMapError, match="There is no outcome O42"):
        move_outcomes(ws, ["O1", "O42"], int(steps_table(ws)["step_id"].iloc[0]))


def test_the_undo_names_only_the_outcomes_that_changed_step(ws):
    """Picking outcomes already in the target step moves (and undoes) only the others, and says so."""
    unassigned = int(steps_table(ws)["step_id"].iloc[0])  # every outcome starts in "Unassigned"
    plan = read_jobmap_file(b"outcome_id,step\nO1,Plan\nO2,Plan\n", "m.csv", outcomes(ws))
    apply_jobmap_plan(ws, plan)
    assert move_outcomes(ws, ["O1", "O2", "O3"], unassigned) == ["Moved 2 outcomes to “Unassigned”"]
    assert last_change(ws) == "2 outcomes moved to “Unassigned”"


def test_a_move_that_changes_nothing_leaves_no_undo_entry(ws):
    unassigned = int(steps_table(ws)["step_id"].iloc[0])
    assert move_outcomes(ws, ["O1"], unassigned) == []
    assert last_change(ws) is None


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["outcome_id", "statement"], ["O1", "x"]], "has no step column (columns seen: “outcome_id”, “statement”)"),
        ([["step", "notes"], ["Plan", "x"]], "neither an outcome_id nor a statement column"),
        ([["step", "outcome_id"]], "has a header but no rows"),
        (
            [["step", "outcome_id"], ["Plan", "X1"], ["Cook", "X2"]],
            "None of the 2 rows of sheet 'job_map' matches an outcome of this survey",
        ),
        ([["step", "outcome_id", "step_order"], ["Plan", "O1", "first"]], "step order “first”, which is not a whole"),
    ],
)
def test_bad_files_are_refused_with_what_was_seen(ws, tmp_path, rows, message):
    content, name = xlsx(tmp_path, rows)
    with pytest.raises(JobMapFileError, match=re.escape(message)):
        read_jobmap_file(content, name, outcomes(ws))
    assert set(step_of(ws).values()) == {"Unassigned"}


def test_an_empty_or_unreadable_file_is_refused(ws):
    with pytest.raises(JobMapFileError, match=re.escape("empty.csv is empty")):
        read_jobmap_file(b"", "empty.csv", outcomes(ws))
    with pytest.raises(JobMapFileError, match="not a spreadsheet"):
        read_jobmap_file(b"\x00\x01\x02binary" * 10, "map.bin", outcomes(ws))


def test_the_job_map_sheet_is_found_among_others(ws, tmp_path):
    path = write_xlsx(
        tmp_path / "book.xlsx",
        {"Notes": [["anything"], ["here"]], "Steps": [["Job step", "Outcome"], ["Plan", STATEMENTS["O1"]]]},
    )
    plan = read_jobmap_file(path.read_bytes(), "book.xlsx", outcomes(ws))
    assert plan.moves == (("O1", "Plan"),)


def test_a_new_survey_import_clears_the_undo_history(ws, tmp_path):
    apply_jobmap_plan(ws, read_jobmap_file(b"outcome_id,step\nO1,Plan\n", "m.csv", outcomes(ws)))
    assert last_change(ws) == "job map from m.csv"
    ratings = {"O1": [(5, 1), (4, 2)]}
    store_workbook(ws, canonical_workbook(tmp_path / "again.xlsx", {"O1": ("Unassigned", STATEMENTS["O1"])}, ratings))
    assert last_change(ws) is None
    with pytest.raises(JobMapError, match="no bulk job-map change"):
        undo_last(ws)
