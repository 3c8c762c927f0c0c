"""The Job map page's bulk changes through AppTest: a job-map file, many outcomes moved, undo."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.intake.survey_queries import outcomes_table, steps_table
from core.workspace.database import open_workspace
from tests.app.app_helpers import new_app, texts, visit
from tests.unit.xlsx_helpers import xlsx_bytes

PAGE = "pages/job_map.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def at(sample_token) -> AppTest:
    return visit(new_app(sample_token), PAGE)


def saved(app: AppTest):
    workspace = open_workspace(app.session_state["workspace_token"])
    try:
        return steps_table(workspace), outcomes_table(workspace)
    finally:
        workspace.close()


def upload(app: AppTest, content: bytes, name: str, mime: str = XLSX) -> AppTest:
    app.file_uploader[0].set_value((name, content, mime)).run()
    assert not app.exception, app.exception
    return app


def test_a_job_map_file_is_applied_at_once_reported_and_undone(at: AppTest):
    steps_before, outcomes_before = saved(at)
    first, second, third = outcomes_before["outcome_id"][:3]
    statement = outcomes_before["statement"].iloc[3]
    rows = [
        ["step", "outcome_id", "statement"],
        ["Triage", first, None],
        ["Triage", second, None],
        ["Check", third, None],
        ["Check", None, statement.upper()],  # matched by statement
        ["Check", "NOPE-1", "**not** an outcome of this survey"],
    ]
    upload(at, xlsx_bytes({"job_map": rows}), "map.xlsx")
    steps, outcomes = saved(at)
    assert steps["name"].tolist()[:2] == ["Triage", "Check"]
    moved = outcomes.set_index("outcome_id")["step"]
    assert moved[first] == moved[second] == "Triage"
    assert moved[outcomes_before["outcome_id"].iloc[3]] == "Check"
    warning = texts(at.warning)
    assert "1 row matches no outcome of this survey" in warning
    assert "NOPE-1 “**not** an outcome of this survey”" in warning  # shown as typed…
    assert any("\\*\\*not\\*\\*" in str(w.value) for w in at.warning)  # …because sent escaped, not as Markdown
    assert f"{len(outcomes_before) - 4} outcomes of the survey are not in the file" in warning
    assert "Undoes: job map from map.xlsx" in texts(at.caption)

    at.button(key="job_map_bulk_undo").click().run()
    steps, outcomes = saved(at)
    assert steps["name"].tolist() == steps_before["name"].tolist()
    assert outcomes["step"].tolist() == outcomes_before["step"].tolist()
    assert at.button(key="job_map_bulk_undo").disabled


def test_many_outcomes_move_to_one_step_in_one_change(at: AppTest):
    steps_before, outcomes_before = saved(at)
    picked = list(outcomes_before["outcome_id"][:5])
    target = int(steps_before["step_id"].iloc[-1])
    at.multiselect(key="job_map_bulk_outcomes").set_value(picked).run()
    at.selectbox(key="job_map_bulk_target").set_value(target).run()
    at.button(key="job_map_bulk_move").click().run()
    assert not at.exception, at.exception
    _, outcomes = saved(at)
    assert set(outcomes.set_index("outcome_id").loc[picked, "step_id"]) == {target}
    at.button(key="job_map_bulk_undo").click().run()
    _, outcomes = saved(at)
    assert outcomes["step_id"].tolist() == outcomes_before["step_id"].tolist()


def test_a_file_without_a_step_column_is_refused_with_a_clear_message(at: AppTest):
    steps_before, _ = saved(at)
    upload(at, b"outcome_id,where\nX,Y\n", "bad.csv", "text/csv")
    error = texts(at.error)
    assert "Not applied:" in error and "has no step column" in error and "Nothing was changed" in error
    assert saved(at)[0]["name"].tolist() == steps_before["name"].tolist()
