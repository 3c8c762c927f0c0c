"""The Opportunities page as a slide (presentation mode, issue 15.3): one projector screen.

Decision: while presenting, the page shows what the room looks at — the group picker, the
landscape (a little smaller, still near square) and beside it the ten biggest opportunities —
and leaves the full ranked table, its downloads and the step bars to the normal page (the Job
map slide shows the steps). At 1280 × 720 all of it fits without scrolling.
"""

from __future__ import annotations

import streamlit as st

from core.analysis.scoring import ScoringSettings, load_settings
from core.views.opportunities import opportunities_view
from core.workspace.database import Workspace
from ui import presentation
from ui.charts.opportunities import landscape
from ui.group_filter import GroupChoice
from ui.ranking import ranked
from ui.text import literal
from ui.view_cache import cached

SLIDE_PLOT = 370  # px of the landscape's plot on a slide (the page's own is 420)
TOP = 10


def slide_landscape(workspace: Workspace, scoring: ScoringSettings, by: str | None, group: str) -> dict:
    view = cached(opportunities_view, workspace, scoring, by)
    return landscape(view.scores_of(group), scoring, height=SLIDE_PLOT)


def opportunity_slide(workspace: Workspace, choice: GroupChoice, scores) -> None:
    """The landscape and the top ten side by side (``scores``: the group's outcome scores)."""
    spec = cached(slide_landscape, workspace, load_settings(workspace), choice.by, choice.group)
    left, right = st.columns([7, 5], gap="medium")
    with left:
        st.vega_lite_chart(presentation.chart(spec), theme=None, key="landscape_slide", width="content")
    with right:
        st.markdown(
            f"**The {TOP} biggest opportunities · {literal(choice.label)}**",
            help="Exit presentation mode for every outcome, the downloads and opportunity by step.",
        )
        top = ranked(scores).head(TOP)
        st.dataframe(
            top,
            column_order=["rank", "statement", "opportunity"],
            column_config={
                "rank": st.column_config.NumberColumn("Rank", width=48),
                "statement": st.column_config.TextColumn("Outcome", width=300),
                "opportunity": st.column_config.NumberColumn("Opportunity", format="%.1f", width=100),
            },
            hide_index=True,
            height=38 * (len(top) + 1) + 2,
        )
