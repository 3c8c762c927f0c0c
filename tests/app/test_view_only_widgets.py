"""A view link's pages show no live write control (issue 17, item 1).

Every routed page (ui/router.py SECTIONS) is opened through a view link on a workspace holding
something on each page (the sample survey, a scenario, a segmentation, a capability, a trade-off
row, a touchpoint with a message, a customer, a metric with a measurement, a second wave). Every
widget on the page — button, input, slider, picker, data editor, uploader — must be disabled,
unless it only changes what is looked at: those are listed below by key (scenario and wave
pickers, filters, view choices, downloads, presentation mode), each with the reason it is allowed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Dataframe, DownloadButton, UnknownElement, Widget

from core.analysis.scoring import load_settings
from core.analysis.segment_store import save_segmentation
from core.analysis.waves import BASE_WAVE, add_wave, list_waves
from core.analysis.waves_intake import check_wave
from core.strategy import capabilities, communication, metric_measurements, metrics, scenarios
from core.strategy import customers as cs
from core.strategy.communication_messages import set_message
from core.strategy.tradeoff_store import add_hand_row
from core.workspace.database import open_workspace
from core.workspace.links import Role, link
from tests.app.app_helpers import new_app, page_failures, switch_to, texts
from tests.wave_files import second_wave
from ui import warm_imports
from ui.router import SECTIONS
from ui.wave_picker import PICKER_KEY

# The page file of every title in SECTIONS (URL paths are the files' stems).
PAGE_FILES = {
    "Data": "data",
    "Job map": "job_map",
    "Opportunities": "opportunities",
    "Segments": "segments",
    "Competitors": "competitors",
    "Strategy options": "strategy_options",
    "Focus matrix": "focus_matrix",
    "Next steps": "next_steps",
    "Vote": "vote",
    "Capabilities": "capabilities",
    "Trade-offs": "trade_offs",
    "Communication": "communication",
    "Customers": "customers",
    "Metrics": "metrics",
    "Waves": "waves",
    "Method": "method",
    "Export": "export",
}

# Widgets a viewer may use, by key (a regular expression matched against the whole key): each
# changes only what this browser looks at, never what is stored.
LOOK_ONLY = {
    r"presentation_(dark_)?toggle": "presentation mode and its dark variant (the URL, this browser)",
    r"slide_prev|slide_next|slide_dark|present_exit": "the slide bar: previous, next, dark, exit",
    r"scores_from_wave": "the wave shown: on a view link the viewer's own choice (Workspace personal settings)",
    r"focus_scenario_pick": "the scenario shown: the viewer's own choice, kept on its handle",
    r"focus_mode": "Decide / Compare scenarios: which view of the Focus matrix",
    r"job_map_outcome_filter": "which step's outcomes the table lists",
    r"opportunities_by|opportunities_intervals": "the grouping of the scores shown, error bars on or off",
    r"seg_selected|seg_profile_.*|seg_attr_.*": "which saved segmentation, segment, attribute to look at",
    r"comp_step": "which step the competitor chart shows",
    r"strategy_segmentation": "which saved segmentation the growth strategy is shown for",
    r"cap_note_cap|cap_note_need": "which cell's note to read (the note itself is read-only)",
    r"communication_element|communication_variant": "which element and segment variant the messages show",
    r"customers_filter_tag|customers_filter_segment|customers_sort|customers_page": "filters, sort, paging",
    r"customers_rules": "opens the rules (their two settings are read-only inside)",
    r"metrics_selected|metrics_all_charts": "which metric, every metric's chart",
    r"waves_first|waves_second|waves_level|waves_measure|waves_significant": "what the wave comparison shows",
    r"method_search": "searches the method's terms",
}
# Buttons that open a dialog of look-only content: clicked, and the dialog is checked too.
OPENERS = {"Customers": "customers_rules"}
READ_ONLY_STOP = "this part of the page needs a change only the facilitator can make"


def _walk(node):
    if isinstance(node, Block):
        for child in node.children.values():
            yield from _walk(child)
    else:
        yield node


def _describe(element) -> str:
    label = getattr(element, "label", None) or getattr(getattr(element, "proto", None), "label", "")
    return f"{element.type} key={getattr(element, 'key', None)!r} label={label!r}"


def live_write_controls(at: AppTest) -> list[str]:
    """Every enabled control on the page (main and sidebar) that is not on the look-only list."""
    found = []
    for element in _walk(at._tree):
        if isinstance(element, DownloadButton):
            continue  # a download changes nothing stored
        if isinstance(element, Dataframe):
            if element.editing_mode == "read_only" or element.proto.disabled:
                continue
        elif isinstance(element, Widget):
            if element.proto.disabled:
                continue
        elif isinstance(element, UnknownElement) and element.type == "component_instance":
            if json.loads(element.proto.json_args or "{}").get("readonly") is True:
                continue  # a custom component (the drag board) is a control too, unless read-only
        else:
            continue
        key = getattr(element, "key", None) or ""
        if any(re.fullmatch(pattern, key) for pattern in LOOK_ONLY):
            continue
        found.append(_describe(element))
    return found


@pytest.fixture
def seeded(sample_token: str, tmp_path: Path) -> str:
    """The sample with something on every page; returns the edit token."""
    ws = open_workspace(sample_token)
    try:
        cur = ws.cursor()
        steps = [int(r[0]) for r in cur.execute("SELECT step_id FROM steps ORDER BY step_order").fetchall()]
        first_need = cur.execute("SELECT min(outcome_id) FROM outcomes WHERE step_id = ?", [steps[0]]).fetchone()[0]
        scenario = scenarios.active_scenario(ws)
        scenarios.set_assignment(ws, scenario, {steps[0]: "differentiate", steps[1]: "meet"})
        ids = [r[0] for r in cur.execute("SELECT respondent_id FROM respondents ORDER BY 1").fetchall()]
        groups = pd.DataFrame(
            {"respondent_id": ids, "segment": ["Fast" if i % 3 else "Careful" for i in range(len(ids))]}
        )
        save_segmentation(ws, "Pace", groups, k=2, silhouette=None, params={})
        capability = capabilities.add_capability(ws, "OCR engine", strength=3, cost="low", effort="medium")
        capabilities.set_link(ws, capability, first_need, "supports")
        add_hand_row(ws, "Partner channel")
        website = communication.add_touchpoint(ws, "Website")
        set_message(ws, f"step:{steps[0]}", website, text="Fast", proof_kind="evidence", proof="Benchmark")
        customer = cs.add_customer(ws, "Acme", tags=["key"])
        cs.add_fact(ws, customer, "value", "Pays on time")
        metric = metrics.add_from_template(ws, "margin")
        metric_measurements.add_measurement(ws, metric, "2026-01-31", 40)
        check = check_wave(ws, second_wave(tmp_path / "wave 2.xlsx").read_bytes(), "wave 2.xlsx")
        add_wave(ws, check.wave, "Autumn", dt.date(2026, 10, 1))
    finally:
        ws.close()
    return sample_token


def test_sections_name_only_known_pages() -> None:
    assert {title for titles in SECTIONS.values() for title in titles} == set(PAGE_FILES)


def visit_every_page(token: str, present: bool = False) -> dict[str, list[str]]:
    """Open every routed page through ``token`` (as slides when ``present``); the live write controls
    found, by page title. Every page must run without an exception or stopping at a refused write."""
    at = new_app(token, timeout=180)
    if present:
        at.query_params["present"] = "1"
    at.run()
    assert not at.exception, at.exception
    # The background warm-up parses the page files (ast.parse) while Streamlit parses the page it
    # runs: on CPython 3.11.7 two threads in ast.parse at once can fail ("AST constructor recursion
    # depth mismatch", CPython gh-106905). Let it finish first, so this test checks only the pages.
    warm_imports.wait(180)
    live: dict[str, list[str]] = {}
    for title in [t for titles in SECTIONS.values() for t in titles]:
        at.switch_page(f"pages/{PAGE_FILES[title]}.py").run(timeout=180)
        assert not at.exception, (title, at.exception)
        assert not page_failures(at), (title, page_failures(at))
        assert not [i for i in at.main.info if READ_ONLY_STOP in str(i.value)], f"{title} stopped at a write"
        controls = live_write_controls(at)
        if title in OPENERS and any(b.key == OPENERS[title] for b in at.button):
            at.button(key=OPENERS[title]).click().run(timeout=180)
            assert not at.exception, (title, at.exception)
            controls += [f"(in its dialog) {c}" for c in live_write_controls(at) if c not in controls]
        if controls:
            live[title] = controls
    return live


def test_a_viewer_sees_no_live_write_control_on_any_page(seeded: str) -> None:
    live = visit_every_page(link(seeded, Role.VIEW))
    assert not live, "\n".join(f"{page}: {controls}" for page, controls in live.items())


def test_a_viewer_presenting_sees_no_live_write_control_on_any_slide(seeded: str) -> None:
    """Presentation mode draws some pages differently (slides): the same rule holds there."""
    live = visit_every_page(link(seeded, Role.VIEW), present=True)
    assert not live, "\\n".join(f"{page}: {controls}" for page, controls in live.items())


def test_a_viewer_of_a_workspace_nobody_has_worked_on_sees_every_page(sample_token: str) -> None:
    """The sample only (no scenario, no touchpoint seeded, no metric): pages that set something up on
    first open (default touchpoints, the first scenario) must not stop a viewer."""
    live = visit_every_page(link(sample_token, Role.VIEW))
    assert not live, "\n".join(f"{page}: {controls}" for page, controls in live.items())


def test_the_facilitator_still_has_the_write_controls(seeded: str) -> None:
    """The same pages through the edit link: the controls hidden from a viewer are there (the
    scan above can fail, it finds them)."""
    live = visit_every_page(seeded)
    for page in ("Capabilities", "Trade-offs", "Communication", "Customers", "Metrics"):
        assert page in live, page
    assert any("capabilities_add" in c for c in live["Capabilities"])
    assert any("metrics_template_margin" in c for c in live["Metrics"])
    assert any("tradeoff_weight_opportunity" in c for c in live["Trade-offs"])


def test_a_viewer_switches_the_wave_shown_for_itself_only(seeded: str) -> None:
    """The sidebar's "Scores from wave" is live for a viewer: the choice is its own (a personal
    setting on its handle); the workspace keeps the facilitator's wave."""
    at = new_app(link(seeded, Role.VIEW), timeout=180)
    at.run()
    switch_to(at, "pages/opportunities.py", timeout=180)
    autumn = next(w for w, label in _waves(seeded) if label == "Autumn")
    at.selectbox(key=PICKER_KEY).set_value(autumn).run(timeout=180)
    assert not at.exception, at.exception
    assert "from wave “Autumn”" in texts(at.caption)  # the viewer's pages follow its choice
    ws = open_workspace(seeded)
    try:
        assert load_settings(ws).wave == BASE_WAVE  # stored: unchanged
    finally:
        ws.close()


def _waves(token: str) -> list[tuple[int, str]]:
    ws = open_workspace(token)
    try:
        return [(int(w), str(label)) for w, label in list_waves(ws)[["wave_id", "label"]].itertuples(index=False)]
    finally:
        ws.close()
