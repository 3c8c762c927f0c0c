"""Presentation mode's plain rules (ui/slides.py), its style sheets (ui/presentation_css.py) and
the charts' dark variant (ui/charts/palette.dark_spec)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ui.charts.focus import advantage_map, strategy_profile
from ui.charts.palette import DARK_BACKGROUND, DARK_INK, INK, MUTED, dark_spec
from ui.presentation_css import BAR, DARK, FOCUS, PRESENT, PRINT, style_sheet
from ui.slides import Mode, follow_ups, position, resolve_mode, slide_order, url_params

ROUTER = ["", "job_map", "opportunities", "segments", "competitors", "focus_matrix", "next_steps"]
ROUTER += ["capabilities", "trade_offs", "export"]


@pytest.mark.parametrize(
    ("params", "kept", "expected"),
    [
        ({}, Mode(), Mode()),
        ({"present": "1"}, Mode(), Mode(True, False)),
        ({"present": "1", "dark": "1"}, Mode(), Mode(True, True)),
        ({}, Mode(True, True), Mode(True, True)),  # a page switch drops the query: the session keeps it
        ({"present": "0"}, Mode(True, True), Mode(False, True)),
        ({"dark": "0"}, Mode(True, True), Mode(True, False)),
        ({"present": "yes please"}, Mode(False), Mode(False)),  # garbled: neither on nor off, keep
    ],
)
def test_the_mode_comes_from_the_url_and_else_from_the_session(params, kept, expected):
    assert resolve_mode(params, kept) == expected


def test_the_url_states_the_mode_and_drops_what_is_off():
    assert url_params(Mode(True, True)) == {"present": "1", "dark": "1"}
    assert url_params(Mode(False, True)) == {"present": None, "dark": "1"}
    assert url_params(Mode()) == {"present": None, "dark": None}
    assert Mode(False, True).dark_shown is False  # dark is a variant of presenting
    assert Mode(True, True).dark_shown is True


def test_slides_follow_the_workshop_and_skip_pages_the_router_lacks():
    assert slide_order(ROUTER) == ["job_map", "opportunities", "segments", "competitors", "focus_matrix", "next_steps"]
    without_segments = [s for s in ROUTER if s != "segments"]
    assert slide_order(without_segments) == ["job_map", "opportunities", "competitors", "focus_matrix", "next_steps"]


def test_next_steps_lists_the_router_pages_after_the_focus_decision():
    assert follow_ups(ROUTER) == ["capabilities", "trade_offs"]
    later = [*ROUTER[:-1], "communication", "metrics", "export"]
    assert follow_ups(later) == ["capabilities", "trade_offs", "communication", "metrics"]
    assert follow_ups(["job_map"]) == []


def test_the_position_says_where_a_slide_is_and_its_neighbours():
    slides = slide_order(ROUTER)
    first, third, last = position(slides, "job_map"), position(slides, "segments"), position(slides, "next_steps")
    assert (first.previous, first.next, first.label) == (None, "opportunities", "1 / 6")
    assert (third.previous, third.next, third.label) == ("opportunities", "competitors", "3 / 6")
    assert (last.previous, last.next, last.label) == ("focus_matrix", None, "6 / 6")
    elsewhere = position(slides, "export")
    assert (elsewhere.previous, elsewhere.next, elsewhere.on_slide) == (None, "job_map", False)


def test_style_sheets_print_always_present_and_dark_only_when_asked():
    assert style_sheet(False, True, True) == PRINT  # not presenting: print styles only
    presenting = style_sheet(True, False, False)
    assert PRESENT in presenting and DARK not in presenting and FOCUS not in presenting
    assert FOCUS in style_sheet(True, False, True) and DARK in style_sheet(True, True, True)
    assert "@media print" in PRINT and f".st-key-{BAR}" in PRINT and '[data-testid="stSidebar"]' in PRINT
    assert "@media screen" in DARK  # a print stays black on white
    assert "http" not in style_sheet(True, True, True)  # no web fonts, nothing from another host


def _without_data(spec: dict) -> str:
    return json.dumps({k: v for k, v in spec.items() if k != "datasets"})


def _profile() -> dict:
    steps = pd.DataFrame(
        {
            "step_id": [1, 2],
            "step_order": [1, 2],
            "step": ["black", "Plan"],  # user text that happens to be a colour name
            "mean_opportunity": [9.0, 4.0],
            "n_attractive": [2, 0],
        }
    )
    return strategy_profile(steps, {1: "differentiate"})


def test_the_dark_variant_lights_the_ink_and_keeps_the_data():
    spec = _profile()
    dark = dark_spec(spec)
    text = _without_data(dark)
    assert INK not in text and MUTED not in text and DARK_INK in text
    assert dark["config"]["background"] == DARK_BACKGROUND
    assert dark["config"]["axis"]["labelColor"] == DARK_INK and dark["config"]["axis"]["labelFontSize"] == 15
    assert dark["datasets"]["profile"] is spec["datasets"]["profile"]  # data (user text) untouched
    assert _without_data(spec) == _without_data(_profile())  # the light spec is not changed in place


def test_the_dark_advantage_map_keeps_its_threshold_readable():
    lines = pd.DataFrame({"series": ["A"], "step_order": [1], "step_label": ["1 · x"], "satisfaction": [4.0]})
    targets = pd.DataFrame({"step_order": [1], "step": ["x"], "target": [5.0], "choice": ["meet"]})
    dark = _without_data(dark_spec(advantage_map(lines, targets, 5.0)))
    assert "#B22222" not in dark and "#FF6B6B" in dark
