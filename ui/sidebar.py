"""The sidebar every page shares: what the workspace holds and how it is scored."""

from __future__ import annotations

import streamlit as st

from core.analysis.scoring import RULE_LABELS, load_settings
from core.workspace.database import Workspace
from ui import page_views
from ui.text import literal
from ui.wave_picker import render_wave_picker

METHOD_NAMES = {"top2box": "Top-two-box", "mean": "Mean (rescaled)"}


def render_sidebar(workspace: Workspace) -> None:
    info = page_views.survey(workspace).info
    settings = load_settings(workspace)
    with st.sidebar:
        if info is None:
            st.info("No survey loaded yet. Upload one on the **Data** page.")
            return
        st.markdown(f"### {literal(info.name)}")
        left, right = st.columns(2)
        left.metric("Respondents", f"{info.respondents:,}")
        right.metric("Outcomes", info.outcomes)
        left.metric("Job steps", info.steps)
        right.metric("Competitors", len(page_views.competitors(workspace).analysis.names) or "–")
        st.caption(
            f"Scoring: **{METHOD_NAMES[settings.method]}** on a {info.scale.name} scale · "
            f"bands {settings.solid:g} / {settings.high:g} / {settings.extreme:g} · "
            f"{RULE_LABELS[settings.complete_pairs]}"
        )
        render_wave_picker(workspace)
        st.caption("Bookmark this page: its link reopens this workspace.")
