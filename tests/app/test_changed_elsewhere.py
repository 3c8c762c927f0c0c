"""Two people at once (issue 17.4), in two app sessions on one workspace: a change made from a
stale page is refused with "changed elsewhere" and the page shows the current state."""

from __future__ import annotations

from core.analysis.scoring import load_settings
from core.strategy.scenarios import active_scenario, list_scenarios
from core.workspace.database import open_workspace
from tests.app.app_helpers import new_app, texts


def _stored(token: str):
    workspace = open_workspace(token)
    try:
        return load_settings(workspace), list_scenarios(workspace)
    finally:
        workspace.close()


def test_scoring_settings_changed_in_another_tab_are_not_overwritten(sample_token: str) -> None:
    a, b = new_app(sample_token), new_app(sample_token)
    for app in (a, b):
        app.run()
        app.session_state["data_tab"] = "Scoring settings"
        app.run()
        assert not app.exception
    a.number_input(key="scoring_extreme").set_value(16.0).run()
    assert load_settings_of(sample_token).extreme == 16.0

    b.number_input(key="scoring_solid").set_value(9.0).run()  # B still shows the old settings
    assert not b.exception
    assert "changed elsewhere" in texts(b.error)
    settings = load_settings_of(sample_token)
    assert (settings.extreme, settings.solid) != (16.0, 9.0) and settings.extreme == 16.0
    assert b.number_input(key="scoring_extreme").value == 16.0  # B now shows the current settings

    b.number_input(key="scoring_solid").set_value(9.0).run()  # from the current state: saved
    assert load_settings_of(sample_token).solid == 9.0


def test_a_scenario_renamed_in_another_tab_is_not_renamed_again_from_a_stale_page(sample_token: str) -> None:
    workspace = open_workspace(sample_token)
    scenario = active_scenario(workspace)
    workspace.close()
    a, b = new_app(sample_token), new_app(sample_token)
    for app in (a, b):
        app.run()
        app.switch_page("pages/focus_matrix.py").run(timeout=120)
        assert not app.exception
    a.text_input(key=f"focus_rename_{scenario}").set_value("A's name")
    a.button(key="focus_rename_save").click().run(timeout=120)
    b.text_input(key=f"focus_rename_{scenario}").set_value("B's name")
    b.button(key="focus_rename_save").click().run(timeout=120)
    assert not b.exception
    assert "changed elsewhere" in texts(b.error)
    _, scenarios = _stored(sample_token)
    assert scenarios.set_index("scenario_id")["name"][scenario] == "A's name"


def load_settings_of(token: str):
    return _stored(token)[0]
