"""First visits read the shared sample; the first change creates the workspace (issue 9.6)."""

from __future__ import annotations

from pathlib import Path

from core.intake.survey_queries import steps_table
from core.strategy import scenarios
from core.workspace.database import open_workspace
from tests.app.app_helpers import new_app, switch_to, visit
from tests.app.test_job_map_page import PAGE as JOB_MAP
from tests.app.test_job_map_page import SAMPLE_STEPS, edit, steps_editor

REPO = Path(__file__).resolve().parents[2]
# Every page file, the Data page first (the router's default), including pages added later
PAGES = ["pages/data.py", *(f"pages/{p.name}" for p in sorted((REPO / "pages").glob("*.py")) if p.name != "data.py")]


def workspace_files(data_dir: Path) -> list[Path]:
    return sorted(data_dir.glob("*.duckdb"))


def test_visiting_every_page_creates_no_workspace_and_no_link(data_dir: Path):
    app = new_app()
    app.run()
    for page in PAGES:
        switch_to(app, page)
    assert workspace_files(data_dir) == []
    assert "ws" not in app.query_params
    assert app.session_state["sample_workspace"].read_only


def test_the_first_change_creates_the_workspace_and_puts_it_in_the_link(data_dir: Path):
    app = visit(new_app(), JOB_MAP)
    edit(app, steps_editor(app), edited_rows={0: {"name": "Plan the cycle"}})
    files = workspace_files(data_dir)
    assert len(files) == 1
    token = files[0].stem
    assert app.query_params["ws"] == [token] or app.query_params["ws"] == token
    assert app.session_state["workspace_token"] == token
    workspace = open_workspace(token)
    try:
        assert steps_table(workspace)["name"].iloc[0] == "Plan the cycle"
    finally:
        workspace.close()
    # the next run works in the new workspace, and another first visitor still gets the untouched sample
    app.run()
    assert steps_editor(app).value["name"].iloc[0] == "Plan the cycle"
    other = visit(new_app(), JOB_MAP)
    assert steps_editor(other).value["name"].tolist() == SAMPLE_STEPS
    assert workspace_files(data_dir) == files


def test_a_first_visitor_can_try_a_pattern_as_a_scenario(data_dir: Path):
    """The shared sample is copy on write, not a read-only link: "Try as scenario" is live on a first
    visit, and its click is the first change (it used to be disabled: ``read_only`` is also true
    for copy on write)."""
    app = visit(new_app(), "pages/strategy_options.py")
    buttons = [b for b in app.button if str(b.key).startswith("try_")]
    assert buttons and not any(b.disabled for b in buttons), [(b.key, b.disabled) for b in buttons]
    buttons[0].click().run()
    assert not app.exception, app.exception
    files = workspace_files(data_dir)
    assert len(files) == 1  # the first change created the visitor's own workspace
    workspace = open_workspace(files[0].stem)
    try:
        assert len(scenarios.list_scenarios(workspace)) >= 1
    finally:
        workspace.close()
