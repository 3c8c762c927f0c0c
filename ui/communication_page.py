"""The Communication page's body as one ``st.fragment``: an edit reruns only this part (the
shared sidebar's survey facts, cached by the revision every edit bumps, are not redrawn;
bench/communication_bench.py)."""

from __future__ import annotations

import streamlit as st

from core.strategy.communication import SETTINGS_KEY, ensure_touchpoints
from core.workspace.database import Workspace
from ui import stale_views
from ui.communication_data import show_feedback, view
from ui.communication_map import map_section
from ui.communication_rows import columns_control, touchpoints_editor
from ui.communication_story import checks_section, story_section
from ui.fragments import workspace_fragment
from ui.text import literal


@workspace_fragment
def communication_body(ws: Workspace) -> None:
    """Headline figures, then the tabs: map and coverage, checks, story, rows and columns."""
    show_feedback()
    ensure_touchpoints(ws)  # once per workspace, never again (core.strategy.communication)
    stale_views.remember(stale_views.setting(SETTINGS_KEY), ws.revision)  # before the settings shown (17.4)
    v = view(ws)
    scenario = f"focus scenario “{literal(v.scenario)}”" if v.scenario else "no focus scenario yet"
    elements, points, findings, consistency = st.columns(4)
    elements.metric(
        "Elements",
        int(v.elements["differentiated"].sum()),
        help=f"The columns: steps chosen *differentiate* in the {scenario}, plus elements added by hand. "
        "Every change is saved at once.",
    )
    points.metric("Touchpoints", len(v.touchpoints))
    findings.metric("Check findings", v.checks.total)
    consistency.metric(
        "Message consistency",
        "–" if v.consistency is None else f"{v.consistency * 100:.0f} %",
        help=f"Share of differentiated elements with a message and proof point at ≥ {v.settings.min_touchpoints} "
        "touchpoints.",
    )
    map_tab, checks_tab, story_tab, rows_tab = st.tabs(
        ["Map and coverage", f"Checks ({v.checks.total})", "Story", "Rows and columns"]
    )
    with map_tab:
        map_section(ws, v)
    with checks_tab:
        checks_section(ws, v)
    with story_tab:
        story_section(ws, v)
    with rows_tab:
        st.markdown("**Touchpoints**")
        touchpoints_editor(ws, v)
        st.markdown("**Columns**")
        columns_control(ws, v)
