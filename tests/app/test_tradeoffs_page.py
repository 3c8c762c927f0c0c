"""The Trade-offs page through AppTest: weights, hand scores, basis, hand rows and "Use as
scenario" — every change is in the workspace at once, and the ranking follows it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.strategy import scenarios
from core.strategy.tradeoff_store import hand_rows, load_hand_scores, load_tradeoff_settings, load_weights
from core.workspace.database import open_workspace
from tests.app.app_helpers import new_app, texts, visit
from ui.tradeoffs_live import EDITOR_KEY, WEIGHT_KEY
from ui.tradeoffs_rows import BASIS_KEY, NEW_ROW_KEY

PAGE = "pages/trade_offs.py"


@pytest.fixture
def at(sample_token: str) -> AppTest:
    return visit(new_app(sample_token), PAGE)


def ranking(at: AppTest) -> list[str]:
    frame = next(d for d in at.main.dataframe if "Rank" in d.value.columns).value
    return list(frame["Row"])


def slider(at: AppTest, criterion: str):
    return next(s for s in at.main.slider if s.key == WEIGHT_KEY + criterion)


def test_page_shows_ranking_chart_and_matrix(at: AppTest) -> None:
    assert at.main.title[0].value == "Trade-offs"
    rows = ranking(at)
    assert len(rows) >= 5 and all(r[0].isdigit() for r in rows)  # job steps: "1. …"
    assert len(at.main.slider) == 10
    assert sum(s.value for s in at.main.slider) == 100
    assert at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")
    assert "Capability fit is empty" in texts(at.main.caption)  # no capability yet: the reason is shown


def test_weight_change_is_saved_rescaled_and_reranks(at: AppTest, sample_token: str) -> None:
    before = ranking(at)
    for criterion in ("opportunity", "unmet", "gap", "reach", "wtp"):
        slider(at, criterion).set_value(0)
        at.run()
    slider(at, "capability").set_value(0).run()
    slider(at, "reach").set_value(100).run()
    assert not at.exception
    with_workspace = open_workspace(sample_token)
    try:
        weights = load_weights(with_workspace)
    finally:
        with_workspace.close()
    assert weights["reach"] == 100 and sum(weights.values()) == 100
    assert [s.value for s in at.main.slider if s.key != WEIGHT_KEY + "reach"] == [0] * 9
    assert ranking(at) != before  # only reach counts now: another order


def test_hand_score_edit_is_saved(at: AppTest, sample_token: str) -> None:
    editor = next(e for e in at.data_editor if e.key.startswith(EDITOR_KEY))
    at.session_state[editor.key] = {"edited_rows": {0: {"Cost": 5}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    workspace = open_workspace(sample_token)
    try:
        stored = load_hand_scores(workspace)
    finally:
        workspace.close()
    assert any(criterion == "cost" and score == 5 for (criterion, _), score in stored.items())


def test_basis_and_hand_rows(at: AppTest, sample_token: str) -> None:
    steps = set(ranking(at))
    at.segmented_control(key=BASIS_KEY).set_value("clusters").run()
    assert set(ranking(at)).isdisjoint(steps)  # need clusters now, named after their central outcome
    at.text_input(key=NEW_ROW_KEY).input("**New** step [x](http://example.org)")
    at.button(key="FormSubmitter:tradeoff_add_row-Add row").click().run()
    assert not at.exception
    workspace = open_workspace(sample_token)
    try:
        assert load_tradeoff_settings(workspace).by == "clusters"
        assert [n for _, n in hand_rows(workspace)] == ["**New** step [x](http://example.org)"]
    finally:
        workspace.close()
    assert "**New** step [x](http://example.org)" in ranking(at)  # as typed, in a table cell


def test_use_as_scenario_creates_the_active_scenario(at: AppTest, sample_token: str) -> None:
    at.button(key="tradeoff_use").click().run()
    assert not at.exception
    assert "Saved as the scenario" in texts(at.main.success)
    workspace = open_workspace(sample_token)
    try:
        active = scenarios.active_scenario(workspace)
        listed = scenarios.list_scenarios(workspace)
        names = dict(zip(listed["scenario_id"], listed["name"], strict=True))
        assert names[active] == "Trade-offs: job steps"
        choices = set(scenarios.assignment(workspace, active).values())
    finally:
        workspace.close()
    assert choices == {"differentiate", "meet", "accept"}
