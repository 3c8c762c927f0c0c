"""The Capabilities page through AppTest: every change is in the workspace at once, and what the
page shows follows core.views.capabilities (gaps, VRIO, investment)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.analysis.scoring import load_settings
from core.strategy import capabilities
from core.views.capabilities import capabilities_view, need_scores
from core.workspace.database import open_workspace
from tests.app.app_helpers import new_app, texts, visit
from ui.capabilities_rows import NEW_KEY

PAGE = "pages/capabilities.py"


@pytest.fixture
def at(sample_token) -> AppTest:
    return visit(new_app(sample_token), PAGE)


def stored_view(token: str):
    ws = open_workspace(token)
    try:
        scoring = load_settings(ws)
        return capabilities_view(ws, need_scores(ws, scoring), scoring)
    finally:
        ws.close()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.main.metric if m.label == label)


def test_adding_a_capability_saves_it_at_once(at, sample_token):
    assert metric(at, "Capabilities") == "0"
    at.text_input(key=NEW_KEY).input("**Real-time** [data](http://x.org)").run()
    assert not at.exception, at.exception
    view = stored_view(sample_token)
    assert view.rows["name"].tolist() == ["**Real-time** [data](http://x.org)"]
    assert metric(at, "Capabilities") == "1"
    assert "**Real-time** [data](http://x.org)" in texts(at.toast)


def test_setting_a_column_closes_its_gap_and_the_page_shows_it(at, sample_token):
    ws = open_workspace(sample_token)
    strong = capabilities.add_capability(ws, "OCR engine", strength=3, cost="low", effort="medium")
    ws.close()
    before = stored_view(sample_token)
    assert len(before.gaps) > 0
    at.run()
    assert metric(at, "Critical gaps") == str(len(before.gaps))
    top_gap = before.gaps["outcome_id"].iloc[0]
    at.selectbox(key="cap_col").set_value(top_gap)
    at.selectbox(key="cap_col_level").set_value("critical")
    at.button(key="cap_col_go").click().run()
    assert not at.exception, at.exception
    after = stored_view(sample_token)
    assert top_gap not in after.gaps["outcome_id"].tolist()
    assert len(after.gaps) == len(before.gaps) - 1
    assert metric(at, "Critical gaps") == str(len(after.gaps))
    assert after.level(strong, top_gap) == 3


def test_a_bad_cost_in_the_rows_editor_is_refused_with_a_message(at, sample_token):
    ws = open_workspace(sample_token)
    capabilities.add_capability(ws, "Brand", cost="low")
    ws.close()
    at.run()
    edit_table(at, "rows", sample_token, {"edited_rows": {0: {"cost": "lots"}}})
    assert "“lots” is not low, medium, high or a number" in texts(at.error)
    assert stored_view(sample_token).rows["cost"].tolist() == ["low"]


def test_rows_editor_edits_reorders_and_deletes(at, sample_token):
    ws = open_workspace(sample_token)
    first = capabilities.add_capability(ws, "First")
    second = capabilities.add_capability(ws, "Second")
    capabilities.set_link(ws, first, stored_view(sample_token).columns["outcome_id"].iloc[0], "enables")
    ws.close()
    at.run()
    edit_table(at, "rows", sample_token, {"edited_rows": {1: {"order": 1, "cost": "2.5", "owner": "Ops"}}})
    rows = stored_view(sample_token).rows
    assert rows["capability_id"].tolist() == [second, first]
    assert rows["cost"].tolist()[0] == "2.5" and rows["owner"].tolist()[0] == "Ops"
    edit_table(at, "rows", sample_token, {"deleted_rows": [1]})
    view = stored_view(sample_token)
    assert view.rows["capability_id"].tolist() == [second] and view.cells.empty


def test_matrix_grid_cell_edit_is_saved(at, sample_token):
    ws = open_workspace(sample_token)
    capability = capabilities.add_capability(ws, "Data")
    ws.close()
    at.run()
    outcome = stored_view(sample_token).columns["outcome_id"].iloc[1]
    edit_table(at, "grid", sample_token, {"edited_rows": {0: {"n1": "supports"}}})
    assert stored_view(sample_token).level(capability, outcome) == 1


def test_vrio_tab_shows_counts_and_summary(at, sample_token):
    ws = open_workspace(sample_token)
    capability = capabilities.add_capability(ws, "Know-how", strength=2)
    capabilities.update_capability(ws, capability, valuable=True, rare=True, inimitable=True, barrier="know-how")
    ws.close()
    at.run()
    assert not at.exception, at.exception
    assert metric(at, "Unused advantage") == "1"
    assert "Know-how — unused advantage" in texts(at.main.markdown)


def edit_table(at: AppTest, name: str, token: str, state: dict) -> AppTest:
    """What the browser sends after editing a data editor: its edit state under the page's key."""
    ws = open_workspace(token)
    revision = ws.revision
    ws.close()
    at.session_state[f"capabilities_{name}_{revision}_0"] = {
        "edited_rows": {}, "added_rows": [], "deleted_rows": [], **state
    }  # fmt: skip
    at.run()
    assert not at.exception, at.exception
    return at


def test_edited_frame_applies_the_editor_state_as_the_callback_sees_it():
    import pandas as pd

    from ui.editor_saves import edited_frame

    frame = pd.DataFrame({"capability_id": ["a", "b", "c"], "name": ["A", "B", "C"]})
    state = {"edited_rows": {0: {"name": "A2"}}, "deleted_rows": [1], "added_rows": [{"name": "D"}]}
    result = edited_frame(frame, state)
    assert result["name"].tolist() == ["A2", "C", "D"]
    assert result["capability_id"].tolist()[:2] == ["a", "c"] and pd.isna(result["capability_id"].iloc[2])
    assert frame["name"].tolist() == ["A", "B", "C"]  # the shown frame is untouched


def test_a_need_added_as_a_column_and_one_removed(at, sample_token):
    before = stored_view(sample_token)
    extra, dropped = before.available["outcome_id"].iloc[0], before.columns["outcome_id"].iloc[0]
    at.selectbox(key="cap_add_need").set_value(extra).run()
    at.button(key="cap_add_need_go").click().run()
    assert not at.exception, at.exception
    assert metric(at, "Need columns") == str(len(before.columns) + 1)
    at.selectbox(key="cap_drop_need").set_value(dropped).run()
    at.button(key="cap_drop_need_go").click().run()
    assert not at.exception, at.exception
    after = stored_view(sample_token)
    columns = after.columns["outcome_id"].tolist()
    assert extra in columns and dropped not in columns and len(columns) == len(before.columns)
    assert metric(at, "Need columns") == str(len(before.columns))
