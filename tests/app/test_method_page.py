"""The Method page through AppTest (issue 15, item 4): the worked example is the loaded survey's
top outcome with its real numbers, the glossary lists every term and the search filters it; without
a survey the glossary still shows and the page says where to load one."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.analysis.competition import load_competition_settings
from core.analysis.scoring import load_settings, save_settings, with_settings
from core.glossary import glossary
from core.views.method import method_view
from core.workspace.database import create_workspace, open_workspace
from tests.app.app_helpers import new_app, texts, visit
from ui.method_page import SEARCH_KEY

PAGE = "pages/method.py"


@pytest.fixture
def at(sample_token) -> AppTest:
    return visit(new_app(sample_token), PAGE)


def stored_example(token: str):
    ws = open_workspace(token)
    try:
        return method_view(ws, load_settings(ws), load_competition_settings(ws)).example
    finally:
        ws.close()


def test_the_worked_example_shows_the_top_outcomes_real_numbers(at, sample_token):
    example = stored_example(sample_token)
    assert example is not None
    shown = texts(at.main.markdown)
    assert example.statement in shown
    assert f"{example.importance.top:,} of {example.importance.n:,} valid importance ratings are 4 or 5" in shown
    assert f"10 × {example.importance.top:,} / {example.importance.n:,} = {example.importance.score:.2f}" in shown
    assert example.opportunity_formula in shown
    assert f"band **{example.band}**" in shown


def test_the_example_follows_a_settings_change(at, sample_token):
    ws = open_workspace(sample_token)
    save_settings(ws, with_settings(load_settings(ws), method="mean"))
    ws.close()
    at.run()
    example = stored_example(sample_token)
    assert example is not None and example.method == "mean"
    assert f"mean importance rating {example.importance.mean:.2f}" in texts(at.main.markdown)


def test_every_term_is_listed_and_the_search_filters_them(at):
    shown = texts(at.main.markdown)
    for term in glossary():
        assert f"**{term.name}** — " in shown, term.name
    at.text_input(key=SEARCH_KEY).input("minimum acceptable").run()
    shown = texts(at.main.markdown)
    assert "**Critical threshold** — " in shown and "**Opportunity** — " not in shown
    assert "1 of" in texts(at.main.caption)
    at.text_input(key=SEARCH_KEY).input("**nothing** [here](http://x.org)").run()
    assert "No term matches “**nothing** [here](http://x.org)”" in texts(at.main.info)


def test_without_a_survey_the_glossary_shows_and_points_to_the_data_page(data_dir):
    workspace = create_workspace()
    token = workspace.token
    workspace.close()
    at = visit(new_app(token), PAGE)
    assert "Load a survey on the **Data** page" in texts(at.main.info)
    assert "**Opportunity** — " in texts(at.main.markdown)
