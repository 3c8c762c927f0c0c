"""The Job map page through AppTest: it shows the job map, and every edit is saved at once."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.intake.survey_queries import outcomes_table, steps_table
from core.workspace.database import open_workspace
from tests.app.app_helpers import new_app, visit

PAGE = "pages/job_map.py"
NO_EDITS = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
SAMPLE_STEPS = [
    "Plan the payment cycle",
    "Receive supplier invoices",
    "Capture invoice data",
    "Validate invoice details",
    "Match invoices to orders and receipts",
    "Resolve exceptions",
    "Route invoices for approval",
    "Code and post invoices",
    "Schedule and release payments",
    "Monitor invoice and payment status",
    "Close the period and support the audit",
]


@pytest.fixture
def at(sample_token) -> AppTest:
    """The Job map page on a fresh copy of the sample workspace (reached by its ?ws= link)."""
    return visit(new_app(sample_token), PAGE)


def saved_tables(app: AppTest):
    """The workspace the session works in, opened the way any other process would."""
    workspace = open_workspace(app.session_state["workspace_token"])
    try:
        return steps_table(workspace), outcomes_table(workspace)
    finally:
        workspace.close()


def steps_editor(app: AppTest):
    return next(e for e in app.data_editor if e.key.startswith("job_map_steps_"))


def outcomes_editor(app: AppTest):
    return next(e for e in app.data_editor if e.key.startswith("job_map_outcomes_"))


def edit(app: AppTest, editor, **state) -> AppTest:
    """Seed a data editor's edit state (what the browser would send) and rerun."""
    app.session_state[editor.key] = {**NO_EDITS, **state}
    app.run()
    assert not app.exception, app.exception
    return app


def toast_text(app: AppTest) -> str:
    return " ".join(toast.value for toast in app.toast)


def test_first_visit_shows_the_eleven_steps_with_their_summary(data_dir):
    app = visit(new_app(), PAGE)
    assert app.title[0].value == "Job map"
    steps = steps_editor(app).value
    assert steps["name"].tolist() == SAMPLE_STEPS
    assert steps["order"].tolist() == list(range(1, 12))
    assert steps["n_outcomes"].sum() == 80
    assert steps["mean_opportunity"].between(0, 20).all()
    assert steps.loc[2, "top"].startswith("15.7 · Minimize the likelihood of line items")
    assert steps_editor(app).editing_mode == "dynamic"
    outcomes = outcomes_editor(app).value
    assert len(outcomes) == 80 and outcomes.columns.tolist() == ["outcome_id", "step", "statement", "opportunity"]
    assert list(data_dir.glob("*.duckdb")) == []  # the sample is shared, read-only: no file until a change


def test_renaming_a_step_is_saved_at_once(at):
    editor = steps_editor(at)
    edit(at, editor, edited_rows={2: {"name": "Capture the invoice data"}})
    assert "Renamed step 3" in toast_text(at)
    assert steps_editor(at).key != editor.key  # a new revision: the editor starts from the stored rows
    assert steps_editor(at).value["name"].iloc[2] == "Capture the invoice data"
    assert "Capture the invoice data" in outcomes_editor(at).value["step"].tolist()
    steps, _ = saved_tables(at)
    assert steps["name"].iloc[2] == "Capture the invoice data"


def test_adding_deleting_and_reordering_steps_in_the_table(at):
    edit(
        at,
        steps_editor(at),
        edited_rows={10: {"order": 1}},
        added_rows=[{"name": "Archive the invoices", "order": 2}],
        deleted_rows=[5],
    )
    steps, outcomes = saved_tables(at)
    assert steps["name"].tolist()[:3] == [
        "Close the period and support the audit",
        "Archive the invoices",
        SAMPLE_STEPS[0],
    ]
    assert "Resolve exceptions" not in steps["name"].tolist()
    assert steps["name"].iloc[-1] == "Unassigned"
    assert (outcomes["step"] == "Unassigned").sum() == 8 and len(outcomes) == 80
    assert steps_editor(at).value["name"].tolist() == steps["name"].tolist()
    assert "Deleted step “Resolve exceptions”" in toast_text(at)


def test_an_invalid_edit_is_refused_and_nothing_is_saved(at):
    editor = steps_editor(at)
    edit(at, editor, edited_rows={1: {"name": "plan the PAYMENT cycle"}, 2: {"name": "Fine rename"}})
    assert "Not saved" in at.error[0].value and "unique" in at.error[0].value
    steps, _ = saved_tables(at)
    assert steps["name"].tolist() == SAMPLE_STEPS
    assert steps_editor(at).key == editor.key  # the edits stay in the editor, to be fixed
    at.button(key=f"{editor.key}_discard").click().run()
    assert not at.error and steps_editor(at).key != editor.key


def test_moving_an_outcome_and_editing_a_statement(at):
    edit(
        at,
        outcomes_editor(at),
        edited_rows={14: {"step": "Validate invoice details", "statement": "Minimize misread line items"}},
    )
    _, outcomes = saved_tables(at)
    row = outcomes.set_index("outcome_id").loc["O15"]
    assert (row["step"], row["statement"]) == ("Validate invoice details", "Minimize misread line items")
    summary = steps_editor(at).value.set_index("name")
    assert summary.loc["Capture invoice data", "n_outcomes"] == 7
    assert summary.loc["Validate invoice details", "n_outcomes"] == 8
    assert "Moved O15" in toast_text(at)


def test_the_outcomes_table_can_show_one_step(at):
    at.selectbox(key="job_map_outcome_filter").select_index(2).run()
    outcomes = outcomes_editor(at).value
    assert set(outcomes["step"]) == {"Receive supplier invoices"} and len(outcomes) == 7
    edit(at, outcomes_editor(at), edited_rows={0: {"step": "Plan the payment cycle"}})
    _, stored_outcomes = saved_tables(at)
    assert stored_outcomes.set_index("outcome_id").loc["O07", "step"] == "Plan the payment cycle"
    assert len(outcomes_editor(at).value) == 6


def test_move_buttons_reorder_steps(at):
    at.selectbox(key="job_map_selected_step").set_value(3).run()
    at.button(key="job_map_down").click().run()
    at.button(key="job_map_down").click().run()
    steps, _ = saved_tables(at)
    assert steps["step_id"].tolist()[:5] == [1, 2, 4, 5, 3]
    assert steps_editor(at).value["name"].iloc[4] == "Capture invoice data"
    at.button(key="job_map_up").click().run()
    assert saved_tables(at)[0]["step_id"].tolist()[:5] == [1, 2, 4, 3, 5]
    assert "position 4" in toast_text(at)


def test_delete_button_moves_the_outcomes_where_chosen(at):
    at.selectbox(key="job_map_selected_step").set_value(2).run()
    at.selectbox(key="job_map_delete_target_2").set_value(1).run()
    at.button(key="job_map_delete").click().run()
    steps, outcomes = saved_tables(at)
    assert "Receive supplier invoices" not in steps["name"].tolist() and "Unassigned" not in steps["name"].tolist()
    assert (outcomes["step_id"] == 1).sum() == 13
    assert len(steps_editor(at).value) == 10


def test_the_step_picker_shows_a_renamed_step_by_its_new_name(at):
    """The selectbox keeps its choice in the browser by label: after a rename the server must
    re-send the choice with the new label, or the picker keeps showing (and sending) the old name."""
    at.selectbox(key="job_map_selected_step").select(3).run()
    edit(at, steps_editor(at), edited_rows={2: {"name": "Capture the invoice data"}})
    picker = at.selectbox(key="job_map_selected_step")
    assert picker.value == 3
    assert picker.proto.set_value and picker.proto.raw_value == "Capture the invoice data"
    at.run()  # the next run, with nothing renamed, sends nothing new
    assert not at.selectbox(key="job_map_selected_step").proto.set_value
