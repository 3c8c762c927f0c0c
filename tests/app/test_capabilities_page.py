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


def test_a_bad_cost_is_refused_with_a_message(at, sample_token):
    ws = open_workspace(sample_token)
    capability = capabilities.add_capability(ws, "Brand")
    ws.close()
    at.run()
    with pytest.raises(capabilities.CapabilityError, match="not low, medium, high or a number"):
        ws = open_workspace(sample_token)
        try:
            capabilities.update_capability(ws, capability, cost="lots")
        finally:
            ws.close()


def test_vrio_tab_shows_counts_and_summary(at, sample_token):
    ws = open_workspace(sample_token)
    capability = capabilities.add_capability(ws, "Know-how", strength=2)
    capabilities.update_capability(ws, capability, valuable=True, rare=True, inimitable=True, barrier="know-how")
    ws.close()
    at.run()
    assert not at.exception, at.exception
    assert metric(at, "Unused advantage") == "1"
    assert "Know-how — unused advantage" in texts(at.main.markdown)
