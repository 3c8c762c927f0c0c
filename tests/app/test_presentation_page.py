"""Presentation mode through AppTest: the sidebar toggle and the ``?present=1`` link, the mode kept
across page switches, the slide buttons, Exit, and the Focus matrix's side-by-side layout."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.app_helpers import new_app, switch_to, visit
from tests.app.test_focus_page import drag, steps_of
from ui.charts.palette import DARK_BACKGROUND
from ui.presentation import PRESENT_TOGGLE
from ui.presentation_css import DARK, PRESENT, PRINT


def css(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.html)


def bar_label(at: AppTest) -> str:
    return "\n".join(m.value for m in at.main.markdown if "/" in m.value and m.value.startswith("**"))


def presenting(token: str, page: str, **params: str) -> AppTest:
    at = new_app(token)
    at.query_params["present"] = "1"
    for name, value in params.items():
        at.query_params[name] = value
    return visit(at, page)


def test_the_link_turns_presentation_on_and_a_page_switch_keeps_it(sample_token):
    at = presenting(sample_token, "pages/job_map.py")
    assert PRESENT in css(at) and PRINT in css(at) and DARK not in css(at)
    assert at.button(key="slide_prev").disabled and not at.button(key="slide_next").disabled
    assert "1 / 6" in bar_label(at)

    del at.query_params["present"]  # what Streamlit's navigation does to the query
    switch_to(at, "pages/segments.py")
    assert at.query_params["present"] == ["1"] or at.query_params["present"] == "1"
    assert PRESENT in css(at) and "3 / 6" in bar_label(at)


def test_without_the_link_only_print_styles_and_no_slide_bar(sample_token):
    at = visit(new_app(sample_token), "pages/opportunities.py")
    assert css(at) and PRESENT not in css(at) and PRINT in css(at)
    assert not [b for b in at.button if str(b.key).startswith("slide_")]


def test_the_sidebar_toggle_presents_and_exit_leaves(sample_token):
    at = visit(new_app(sample_token), "pages/opportunities.py")
    at.sidebar.toggle(key=PRESENT_TOGGLE).set_value(True).run()
    assert not at.exception, at.exception
    assert "present" in at.query_params and PRESENT in css(at)
    assert "2 / 6" in bar_label(at)
    at.button(key="present_exit").click().run()
    assert not at.exception, at.exception
    assert "present" not in at.query_params and PRESENT not in css(at)
    assert at.sidebar.toggle(key=PRESENT_TOGGLE).value is False


def test_slide_buttons_go_to_the_next_and_previous_slide(sample_token):
    at = presenting(sample_token, "pages/focus_matrix.py")
    assert "5 / 6" in bar_label(at)
    at.button(key="slide_next").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Next steps" and "6 / 6" in bar_label(at)
    assert at.button(key="slide_next").disabled
    assert [p.label.split(" — ")[0] for p in at.main.get("page_link")] == [
        "Capabilities",
        "Trade-offs",
        "Communication",
        "Customers",
        "Metrics",
        "Waves",
    ]

    at = presenting(sample_token, "pages/competitors.py")
    assert "4 / 6" in bar_label(at)
    at.button(key="slide_prev").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Segments" and "3 / 6" in bar_label(at)


def test_the_dark_toggle_in_the_bar_keeps_presenting_in_the_dark(sample_token):
    at = presenting(sample_token, "pages/focus_matrix.py")
    at.toggle(key="slide_dark").set_value(True).run()
    assert not at.exception, at.exception
    assert DARK in css(at) and at.query_params["dark"] in ("1", ["1"])
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert len(specs) == 2 and all(s["config"]["background"] == DARK_BACKGROUND for s in specs)


@pytest.fixture
def at(sample_token: str) -> AppTest:
    """The Focus matrix, presenting (the ``ws`` fixture opens its workspace after it ran)."""
    return presenting(sample_token, "pages/focus_matrix.py")


def test_a_move_on_the_focus_matrix_toasts_its_conflict_while_presenting(at, ws):
    _, steps = steps_of(ws)
    six = int(steps.loc[steps["step_order"] == 6, "step_id"].iloc[0])
    drag(at, ws, {six: "differentiate"})
    assert any("ClearMatch already leads" in t.value for t in at.toast)
    assert any("ClearMatch already leads" in w.value for w in at.warning)  # the box under the charts
    drag(at, ws, {six: "differentiate"})  # no new warning: no second toast
    assert not any("ClearMatch already leads" in t.value for t in at.toast)


def test_the_dark_charts_of_the_slides_are_valid_vega_lite_on_black(sample_token):
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    schema = load_schema()
    at = presenting(sample_token, "pages/opportunities.py", dark="1")
    # a slide's charts: the landscape; the advantage map; the strategy profile and the map
    for page, charts in (("opportunities", 1), ("competitors", 1), ("focus_matrix", 2)):
        switch_to(at, f"pages/{page}.py")
        specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
        assert len(specs) == charts, page
        for spec in specs:
            assert spec["config"]["background"] == DARK_BACKGROUND, page
            validate_jsonschema(spec, schema)


def test_slides_show_what_the_room_looks_at_and_leave_the_tools_to_the_page(sample_token):
    """Presenting, the story's pages are slides (issue 15.3): the Opportunities slide is the
    landscape (its own slide-sized spec) and the top ten; the Job map slide is cards, no editor;
    the Competitors slide is the map without the tables; no chart offers image downloads."""
    at = presenting(sample_token, "pages/opportunities.py")
    landscape = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert landscape["height"] < 420 + 90, "the slide's landscape is the page's own size"
    tables = at.dataframe
    assert len(tables) == 1 and len(tables[0].value) == 10
    assert not [b for b in at.get("download_button")], "downloads on a slide"
    assert not at.main.get("popover"), "image downloads on a slide"

    switch_to(at, "pages/job_map.py")
    assert not at.get("data_editor") and not at.selectbox, "the Job map slide shows the editor"
    cards = [m.value for m in at.main.markdown if m.value.startswith("**") and " · " in m.value]
    assert cards[0].startswith("**1 · ") and len(cards) == 11, cards
    assert any("outcomes · mean" in c.value for c in at.caption)

    switch_to(at, "pages/competitors.py")
    assert not at.dataframe, "the Competitors slide shows the tables"
    assert not at.exception


def test_next_steps_states_the_focus_decision(sample_token):
    from core.strategy import scenarios
    from core.workspace.database import open_workspace

    workspace = open_workspace(sample_token)
    try:
        _, steps = steps_of(workspace)
        six = int(steps.loc[steps["step_order"] == 6, "step_id"].iloc[0])
        scenarios.set_choice(workspace, scenarios.active_scenario(workspace), six, "differentiate", "test")
    finally:
        workspace.close()
    at = presenting(sample_token, "pages/next_steps.py")
    lines = [m.value for m in at.main.markdown if m.value.startswith("- **")]
    assert any(line.startswith("- **Differentiate**") and "6 · Resolve exceptions" in line for line in lines), lines
    assert any(line.startswith("- **Meet**") and "no step yet" in line for line in lines), lines
