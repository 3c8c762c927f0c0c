"""The Next steps slide (the last of presentation mode): the decision just taken, in words, and
the workshop's pages that follow it, read from the router's list (ui/slides.follow_ups)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.strategy import scenarios
from core.strategy.focus import CHOICES, LABELS, MEANINGS
from core.workspace.database import Workspace
from ui import presentation
from ui.focus_view import focus_view
from ui.text import literal

# What each known follow-up page is for; a page added later is listed by its title alone.
PURPOSES = {
    "capabilities": "which capabilities make the differentiated steps possible, which are missing (VRIO)",
    "trade_offs": "rank the options against weighted criteria before committing budget",
    "communication": "what we tell customers about the steps we differentiate, and where",
    "customers": "what makes each top customer unique, and whether they know we know it",
    "metrics": "how we will know the differentiation works",
    "waves": "compare a later survey wave with this one: what improved, where a competitor catches up",
    "method": "the terms on screen, their formulas and a worked example from this survey",
}


def _decision(ws: Workspace) -> None:
    steps: pd.DataFrame = focus_view(ws).steps
    scenario_id = scenarios.active_scenario(ws)
    names = scenarios.list_scenarios(ws).set_index("scenario_id")["name"]
    chosen = scenarios.assignment(ws, scenario_id)
    st.markdown(f"**The focus decision** · scenario “{literal(names.get(scenario_id, ''))}”")
    rows = list(zip(steps["step_id"].astype(int), steps["step_order"].astype(int), steps["step"], strict=True))
    for choice in CHOICES:
        picked = [f"{order} · {literal(name)}" for step_id, order, name in rows if chosen.get(step_id) == choice]
        st.markdown(f"- **{LABELS[choice]}** ({MEANINGS[choice]}): " + ("; ".join(picked) if picked else "no step yet"))


def next_steps_body(ws: Workspace, pages: list[st.Page]) -> None:
    _decision(ws)
    st.markdown("**What comes next**")
    follow = presentation.next_steps(pages)
    if not follow:
        st.caption("No follow-up pages in this app.")
    for page in follow:
        purpose = PURPOSES.get(page.url_path)
        st.page_link(page, label=page.title + (f" — {purpose}" if purpose else ""))
