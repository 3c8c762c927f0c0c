"""The Strategy options page through AppTest (issue 16.3, 16.4): the growth table follows
core.views.strategy_options, an override is in the workspace at once, and "Try as scenario"
creates the pattern's scenario, makes it active and links the Focus matrix."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core.analysis.scoring import load_settings
from core.analysis.segment_store import save_segmentation
from core.strategy import scenarios
from core.strategy.focus import DIFFERENTIATE
from core.strategy.growth import overrides
from core.views.strategy_options import strategy_analysis, strategy_options_view
from core.workspace.database import open_workspace
from tests.app.app_helpers import new_app, shown, texts, visit

PAGE = "pages/strategy_options.py"
HOSTILE = "**Bold** [site](http://x.org) <b>x</b>"


@pytest.fixture
def segmented(sample_token: str) -> str:
    """The sample workspace with one saved segmentation whose first segment has a hostile name."""
    ws = open_workspace(sample_token)
    ids = [r[0] for r in ws.cursor().execute("SELECT respondent_id FROM respondents ORDER BY 1").fetchall()]
    groups = pd.DataFrame({"respondent_id": ids, "segment": [HOSTILE if i % 3 else "Careful" for i in range(len(ids))]})
    segmentation = save_segmentation(ws, "Pace", groups, k=2, silhouette=None, params={})
    ws.close()
    return segmentation


@pytest.fixture
def at(sample_token, segmented) -> AppTest:
    return visit(new_app(sample_token), PAGE)


def stored_view(token: str):
    ws = open_workspace(token)
    try:
        return strategy_options_view(ws, strategy_analysis(ws, load_settings(ws), None))
    finally:
        ws.close()


def test_the_page_shows_every_segment_and_the_market_with_the_rule_s_strategy(at, sample_token):
    view = stored_view(sample_token)
    table = at.main.dataframe[0].value
    assert table["Segment"].tolist() == view.growth["segment"].tolist()
    assert table["Segment"].tolist()[-1] == "Whole market"
    assert HOSTILE in table["Segment"].tolist()  # a cell value: never rendered as Markdown
    assert table["Strategy"].tolist() == view.growth["rule_strategy"].tolist()
    assert "Underserved" in texts(at.markdown) and "Discrete" in texts(at.markdown)
    (spec,) = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    assert spec["title"]["text"].startswith("Growth strategy by segment")


def test_an_override_is_saved_at_once_and_marked_in_the_table(at, sample_token, segmented):
    view = stored_view(sample_token)
    first = view.growth.iloc[0]
    other = next(s for s in ("discrete", "disruptive") if s != first["rule_strategy"])
    picker = next(s for s in at.selectbox if s.label == "Strategy")
    picker.set_value(other).run()
    assert not at.exception, at.exception
    ws = open_workspace(sample_token)
    assert overrides(ws, segmented) == {first["segment"]: other}
    ws.close()
    assert at.main.dataframe[0].value["Strategy"].iloc[0] == f"{other} (override)"
    picker = next(s for s in at.selectbox if s.label == "Strategy")
    picker.set_value("").run()  # "Follow the rule"
    ws = open_workspace(sample_token)
    assert overrides(ws, segmented) == {}
    ws.close()


def test_try_as_scenario_creates_the_pattern_s_scenario_and_links_the_focus_matrix(at, sample_token):
    view = stored_view(sample_token)
    pattern = next(p for p in view.analysis.patterns if p.supported)
    at.button(key=f"try_{pattern.key}").click().run()
    assert not at.exception, at.exception
    ws = open_workspace(sample_token)
    active = scenarios.active_scenario(ws)
    name = scenarios.list_scenarios(ws).set_index("scenario_id").loc[active, "name"]
    chosen = scenarios.assignment(ws, active)
    ws.close()
    assert name.startswith(pattern.name)
    assert {s for s, c in chosen.items() if c == DIFFERENTIATE} == set(pattern.steps)
    assert f"Scenario “{name}” created" in shown("\n".join(str(s.value) for s in at.success))
    links = [e for e in at.main.get("page_link")]
    assert links and "Focus matrix" in str(links[0].proto)


def test_a_pattern_that_is_not_supported_names_its_shortfall(at, sample_token):
    view = stored_view(sample_token)
    missing = [p for p in view.analysis.patterns if not p.supported]
    assert missing
    shown_text = texts(at.markdown)
    for pattern in missing:
        assert f"*Fell short:* {pattern.shortfall}" in shown_text
