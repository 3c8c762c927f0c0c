"""Editing the job map (core.strategy.jobmap) on the first bundled sample: 11 steps, 80 outcomes."""

from __future__ import annotations

import pandas as pd
import pytest

from core.analysis.scoring import outcome_scores, step_scores
from core.intake.importers import import_survey
from core.intake.loading import load_sample, sample_files
from core.intake.store import store_survey
from core.intake.survey_queries import outcomes_table, steps_table
from core.strategy import jobmap
from core.strategy.jobmap import JobMapError

FIRST_STEP = "Plan the payment cycle"


@pytest.fixture(scope="module")
def sample_survey():
    """The first sample, read once per module (reading the workbook is the slow part)."""
    path = sample_files()[0]
    result = import_survey(path.read_bytes(), path.name)
    assert result.ok
    return result.survey


@pytest.fixture
def ws(workspace, sample_survey):
    """The in-memory workspace holding the first sample, stored as load_sample stores it."""
    store_survey(workspace, sample_survey)
    return workspace


def names(ws) -> list[str]:
    return steps_table(ws)["name"].tolist()


def step_of(ws, outcome_id: str) -> int:
    frame = outcomes_table(ws)
    return int(frame.loc[frame["outcome_id"] == outcome_id, "step_id"].iloc[0])


def counts(ws) -> dict[int, int]:
    return outcomes_table(ws)["step_id"].value_counts().to_dict()


def step_table(ws) -> pd.DataFrame:
    """What the page's steps editor starts from: step_id, order (1..n), name, description."""
    frame = steps_table(ws)
    return frame.assign(order=range(1, len(frame) + 1))[["step_id", "order", "name", "description"]]


def outcome_table(ws) -> pd.DataFrame:
    return outcomes_table(ws)[["outcome_id", "step", "statement"]]


def per_step(ws) -> pd.DataFrame:
    return step_scores(ws, outcome_scores(ws)).set_index("step_id")


def add_decision(ws, step_id: int) -> None:
    ws.cursor().execute(
        "INSERT INTO decisions (scenario_id, step_id, choice) VALUES ('s1', $step_id, 'differentiate')",
        {"step_id": step_id},
    )


def decision_steps(ws) -> list[int]:
    return [row[0] for row in ws.cursor().execute("SELECT step_id FROM decisions ORDER BY step_id").fetchall()]


def test_load_sample_gives_the_map_the_editors_start_from(workspace):
    load_sample(workspace)
    steps = steps_table(workspace)
    assert len(steps) == 11 and len(outcomes_table(workspace)) == 80
    assert steps["step_order"].tolist() == list(range(1, 12))
    assert steps["name"].iloc[0] == FIRST_STEP


# --- rename -----------------------------------------------------------------------------------
def test_rename_step_and_description(ws):
    before = ws.revision
    changes = jobmap.rename_step(ws, 1, "  Plan the payment run ", description="Which invoices to pay, when")
    assert names(ws)[0] == "Plan the payment run"
    assert steps_table(ws)["description"].iloc[0] == "Which invoices to pay, when"
    assert any("Renamed" in change for change in changes)
    assert ws.revision > before
    jobmap.rename_step(ws, 1, "Plan payments")  # description kept by default
    assert steps_table(ws)["description"].iloc[0] == "Which invoices to pay, when"
    jobmap.rename_step(ws, 1, "Plan payments", description="")  # blank clears it
    assert pd.isna(steps_table(ws)["description"].iloc[0])


def test_renaming_to_the_same_name_changes_nothing(ws):
    before = ws.revision
    assert jobmap.rename_step(ws, 1, FIRST_STEP) == []
    assert ws.revision == before


@pytest.mark.parametrize(
    ("step_id", "name", "message"),
    [
        (1, "", "needs a name"),
        (1, "   ", "needs a name"),
        (2, "plan THE payment cycle", "unique"),
        (99, "Anything", "no step"),
    ],
)
def test_rename_errors_change_nothing(ws, step_id, name, message):
    before, revision = names(ws), ws.revision
    with pytest.raises(JobMapError, match=message):
        jobmap.rename_step(ws, step_id, name)
    assert names(ws) == before and ws.revision == revision


def test_job_map_error_is_a_value_error():
    assert issubclass(JobMapError, ValueError)


# --- add --------------------------------------------------------------------------------------
def test_add_step_at_the_end_and_after_a_step(ws):
    before = ws.revision
    new = jobmap.add_step(ws, "Archive the invoices")
    assert new == 12 and names(ws)[-1] == "Archive the invoices"
    assert ws.revision > before
    other = jobmap.add_step(ws, "Forecast supplier spend", after_step_id=2, description="Before receiving")
    assert other == 13
    steps = steps_table(ws)
    assert steps["name"].tolist()[:4] == [
        FIRST_STEP,
        "Receive supplier invoices",
        "Forecast supplier spend",
        "Capture invoice data",
    ]
    assert steps["step_order"].tolist() == list(range(1, 14))


@pytest.mark.parametrize(
    ("name", "after", "message"),
    [("", None, "needs a name"), ("resolve EXCEPTIONS", None, "unique"), ("X", 42, "no step")],
)
def test_add_step_errors(ws, name, after, message):
    revision = ws.revision
    with pytest.raises(JobMapError, match=message):
        jobmap.add_step(ws, name, after_step_id=after)
    assert len(names(ws)) == 11 and ws.revision == revision


# --- delete -----------------------------------------------------------------------------------
def test_delete_an_empty_step(ws):
    new = jobmap.add_step(ws, "Spare", after_step_id=1)
    revision = ws.revision
    assert jobmap.delete_step(ws, new) == ["Deleted step “Spare”"]
    assert "Spare" not in names(ws) and len(names(ws)) == 11
    assert steps_table(ws)["step_order"].tolist() == list(range(1, 12))
    assert ws.revision > revision


def test_deleting_a_step_moves_its_outcomes_to_unassigned(ws):
    held = counts(ws)[3]
    changes = jobmap.delete_step(ws, 3)
    assert "moved to “Unassigned”" in changes[0]
    steps = steps_table(ws)
    assert steps["name"].iloc[-1] == jobmap.UNASSIGNED and len(steps) == 11
    unassigned = int(steps["step_id"].iloc[-1])
    assert counts(ws)[unassigned] == held and len(outcomes_table(ws)) == 80
    jobmap.delete_step(ws, 4)  # a second deletion reuses the same "Unassigned"
    assert names(ws).count(jobmap.UNASSIGNED) == 1
    assert counts(ws)[unassigned] == held + 7


def test_delete_step_moves_outcomes_to_the_step_given(ws):
    before = counts(ws)
    jobmap.delete_step(ws, 2, move_outcomes_to=1)
    assert counts(ws)[1] == before[1] + before[2]
    assert jobmap.UNASSIGNED not in names(ws)


def test_delete_step_also_deletes_its_focus_matrix_decisions(ws):
    add_decision(ws, 2)
    add_decision(ws, 5)
    jobmap.delete_step(ws, 2, move_outcomes_to=1)
    assert decision_steps(ws) == [5]


@pytest.mark.parametrize(("target", "message"), [(2, "not to itself"), (77, "no step")])
def test_delete_step_errors(ws, target, message):
    revision = ws.revision
    with pytest.raises(JobMapError, match=message):
        jobmap.delete_step(ws, 2, move_outcomes_to=target)
    assert len(names(ws)) == 11 and ws.revision == revision


def test_unassigned_holding_outcomes_needs_a_target_to_be_deleted(ws):
    jobmap.delete_step(ws, 3)
    unassigned = int(steps_table(ws)["step_id"].iloc[-1])
    with pytest.raises(JobMapError, match="move them to other steps"):
        jobmap.delete_step(ws, unassigned)
    jobmap.delete_step(ws, unassigned, move_outcomes_to=4)
    assert jobmap.UNASSIGNED not in names(ws) and len(outcomes_table(ws)) == 80


# --- reorder ----------------------------------------------------------------------------------
def test_reorder_steps(ws):
    order = list(range(11, 0, -1))
    revision = ws.revision
    assert jobmap.reorder_steps(ws, order)
    assert steps_table(ws)["step_id"].tolist() == order
    assert steps_table(ws)["step_order"].tolist() == list(range(1, 12))
    assert ws.revision > revision


@pytest.mark.parametrize("ids", [[1, 2, 3], [*range(1, 11), 1], [*range(1, 11), 12], [*range(1, 12), 12]])
def test_reorder_must_be_a_permutation(ws, ids):
    with pytest.raises(JobMapError, match="every step exactly once"):
        jobmap.reorder_steps(ws, ids)
    assert steps_table(ws)["step_id"].tolist() == list(range(1, 12))


def test_move_step_up_and_down_stops_at_the_ends(ws):
    assert jobmap.move_step(ws, 3, -1) == ["Moved “Capture invoice data” to position 2"]
    assert steps_table(ws)["step_id"].tolist()[:3] == [1, 3, 2]
    jobmap.move_step(ws, 3, +1)
    assert steps_table(ws)["step_id"].tolist() == list(range(1, 12))
    revision = ws.revision
    assert jobmap.move_step(ws, 1, -1) == [] and jobmap.move_step(ws, 11, +1) == []
    assert ws.revision == revision
    with pytest.raises(JobMapError):
        jobmap.move_step(ws, 99, 1)


# --- outcomes ---------------------------------------------------------------------------------
def test_move_outcome_and_edit_statement(ws):
    revision = ws.revision
    assert jobmap.move_outcome(ws, "O15", 4) == ["Moved O15 to “Validate invoice details”"]
    assert step_of(ws, "O15") == 4
    assert ws.revision > revision
    revision = ws.revision
    jobmap.edit_statement(ws, "O15", "  Minimize the likelihood of misreading a line item  ")
    statement = outcomes_table(ws).set_index("outcome_id").loc["O15", "statement"]
    assert statement == "Minimize the likelihood of misreading a line item"
    assert ws.revision > revision
    assert jobmap.move_outcome(ws, "O15", 4) == [] and jobmap.edit_statement(ws, "O15", statement) == []


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda ws: jobmap.move_outcome(ws, "O999", 1), "no outcome"),
        (lambda ws: jobmap.move_outcome(ws, "O01", 42), "no step"),
        (lambda ws: jobmap.edit_statement(ws, "O01", "  "), "needs a statement"),
        (lambda ws: jobmap.edit_statement(ws, "nope", "Text"), "no outcome"),
    ],
)
def test_outcome_errors(ws, call, message):
    before, revision = outcome_table(ws), ws.revision
    with pytest.raises(JobMapError, match=message):
        call(ws)
    pd.testing.assert_frame_equal(outcome_table(ws), before)
    assert ws.revision == revision


# --- scores follow the edits ------------------------------------------------------------------
def test_step_scores_follow_the_edits(ws):
    scores = outcome_scores(ws).set_index("outcome_id")
    before = per_step(ws)
    jobmap.rename_step(ws, 3, "Capture the data")
    jobmap.move_outcome(ws, "O15", 4)  # O15 is the top outcome of step 3
    after = per_step(ws)
    assert after.loc[3, "step"] == "Capture the data"
    assert after.loc[3, "n_outcomes"] == before.loc[3, "n_outcomes"] - 1
    assert after.loc[4, "n_outcomes"] == before.loc[4, "n_outcomes"] + 1
    assert after.loc[4, "top_outcome_id"] == "O15"
    assert after.loc[3, "top_outcome_id"] != "O15"
    step3 = [o for o in scores.index if scores.loc[o, "step_id"] == 3 and o != "O15"]
    assert after.loc[3, "mean_opportunity"] == pytest.approx(scores.loc[step3, "opportunity"].mean())
    jobmap.delete_step(ws, 3, move_outcomes_to=4)
    after = per_step(ws)
    assert (
        3 not in after.index and after.loc[4, "n_outcomes"] == before.loc[3, "n_outcomes"] + before.loc[4, "n_outcomes"]
    )
    assert after.loc[4, "n_attractive"] == before.loc[3, "n_attractive"] + before.loc[4, "n_attractive"]


def test_outcome_scores_follow_a_reorder(ws):
    jobmap.move_step(ws, 11, -10)
    scores = outcome_scores(ws)
    assert scores["step_id"].iloc[0] == 11 and scores["step_order"].iloc[0] == 1


# --- whole tables from the editors ------------------------------------------------------------
def test_apply_step_table_without_edits_changes_nothing(ws):
    revision = ws.revision
    assert jobmap.apply_step_table(ws, step_table(ws)) == []
    assert ws.revision == revision


def test_apply_step_table_renames_adds_deletes_and_reorders(ws):
    table = step_table(ws)
    table.loc[table["step_id"] == 1, "name"] = "Plan the payment run"
    table.loc[table["step_id"] == 2, "description"] = "Email, post and portals"
    table.loc[table["step_id"] == 11, "order"] = 1  # move the last step first
    table = table[table["step_id"] != 6]  # delete "Resolve exceptions" (8 outcomes)
    added = pd.DataFrame([{"name": "Archive the invoices", "order": None}, {"name": "Forecast spend", "order": 3}, {}])
    table = pd.concat([table, added], ignore_index=True)  # the trailing {} is an editor row not filled in yet
    revision = ws.revision
    changes = jobmap.apply_step_table(ws, table)
    assert ws.revision > revision
    steps = steps_table(ws)
    assert steps["name"].tolist() == [
        "Close the period and support the audit",
        "Plan the payment run",
        "Forecast spend",
        "Receive supplier invoices",
        "Capture invoice data",
        "Validate invoice details",
        "Match invoices to orders and receipts",
        "Route invoices for approval",
        "Code and post invoices",
        "Schedule and release payments",
        "Monitor invoice and payment status",
        "Archive the invoices",
        jobmap.UNASSIGNED,
    ]
    assert steps["step_order"].tolist() == list(range(1, 14))
    assert steps.set_index("step_id").loc[2, "description"] == "Email, post and portals"
    assert len(outcomes_table(ws)) == 80 and counts(ws)[int(steps["step_id"].iloc[-1])] == 8
    text = " | ".join(changes)
    for expected in (
        "Renamed",
        "description",
        "Added step “Forecast spend” at position 3",
        "Deleted step “Resolve",
        "Moved “Close the period and support the audit” to position 1",
    ):
        assert expected in text


def test_apply_step_table_swaps_names(ws):
    table = step_table(ws)
    table.loc[0, "name"], table.loc[1, "name"] = table.loc[1, "name"], table.loc[0, "name"]
    jobmap.apply_step_table(ws, table)
    assert names(ws)[:2] == ["Receive supplier invoices", FIRST_STEP]


def test_apply_step_table_takes_the_editor_dtypes(ws):
    """st.data_editor returns step_id as float (NaN for new rows) and order as float."""
    table = step_table(ws).astype({"step_id": "float64", "order": "float64"})
    table.loc[table["step_id"] == 3, "order"] = 1.0
    jobmap.apply_step_table(ws, table)
    assert steps_table(ws)["step_id"].tolist()[:3] == [3, 1, 2]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.assign(name=t["name"].where(t["step_id"] != 2, "  ")), "needs a name"),
        (lambda t: t.assign(name=t["name"].where(t["step_id"] != 2, "resolve EXCEPTIONS")), "unique"),
        (lambda t: t.assign(order=t["order"].where(t["step_id"] != 2, 0)), "1 or more"),
        (lambda t: t.assign(order=t["order"].where(t["step_id"] != 2, 2.5)), "whole number"),
        (lambda t: t.assign(step_id=t["step_id"].where(t["step_id"] != 2, 99)), "no step"),
        (lambda t: t.assign(step_id=t["step_id"].where(t["step_id"] != 2, 1)), "twice"),
        (lambda t: pd.concat([t, pd.DataFrame([{"description": "no name"}])]), "new step needs a name"),
        (lambda t: t.drop(columns="name"), "lacks the column"),
    ],
)
def test_an_invalid_step_table_applies_nothing(ws, edit, message):
    table = step_table(ws)
    table.loc[table["step_id"] == 1, "name"] = "A valid rename that must not be applied"
    table = table[table["step_id"] != 5]  # a valid deletion that must not be applied
    before, revision = steps_table(ws), ws.revision
    with pytest.raises(JobMapError, match=message):
        jobmap.apply_step_table(ws, edit(table))
    pd.testing.assert_frame_equal(steps_table(ws), before)
    assert counts(ws)[5] == 8 and ws.revision == revision


def test_apply_outcome_table_moves_and_edits(ws):
    table = outcome_table(ws)
    table.loc[table["outcome_id"] == "O15", "step"] = "Validate invoice details"
    table.loc[table["outcome_id"] == "O02", "statement"] = "Minimize the likelihood of missing a due date"
    revision = ws.revision
    changes = jobmap.apply_outcome_table(ws, table)
    assert sorted(changes) == ["Edited the statement of O02", "Moved O15 to “Validate invoice details”"]
    assert step_of(ws, "O15") == 4 and ws.revision > revision
    assert jobmap.apply_outcome_table(ws, outcome_table(ws)) == []


def test_apply_outcome_table_of_one_step_only(ws):
    table = outcome_table(ws)
    table = table[table["step"] == FIRST_STEP].copy()
    table.loc[table["outcome_id"] == "O01", "step"] = "resolve exceptions"  # names match ignoring case
    jobmap.apply_outcome_table(ws, table)
    assert step_of(ws, "O01") == 6 and len(outcomes_table(ws)) == 80


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("step", "No such step", "no step “No such step”"),
        ("step", None, "must belong to a step"),
        ("statement", " ", "needs a statement"),
        ("outcome_id", "O999", "no outcome"),
        ("outcome_id", "O01", "twice"),
    ],
)
def test_an_invalid_outcome_table_applies_nothing(ws, column, value, message):
    table = outcome_table(ws)
    table.loc[table["outcome_id"] == "O15", "step"] = "Validate invoice details"  # valid, must not be applied
    table.loc[table["outcome_id"] == "O30", column] = value
    before, revision = outcome_table(ws), ws.revision
    with pytest.raises(JobMapError, match=message):
        jobmap.apply_outcome_table(ws, table)
    pd.testing.assert_frame_equal(outcome_table(ws), before)
    assert ws.revision == revision
