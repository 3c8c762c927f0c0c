"""The guided start at the top of the Data page (issue 15, item 4), and its "Show the guide" link.

Plain text and two buttons, no new imports beyond the page's own (the Data page's first-visit
speed: tests/app/test_first_visit_imports.py, bench/browser_bench.py). The workflow is the list of
pages in ui/router.py, so a new page appears in it by itself. Compact on purpose: at 1280 × 720
the Data page's upload stays above the fold with the guide open (tests/e2e/test_guide.py).
Whether it shows is stored per workspace (core/guide.py).
"""

from __future__ import annotations

from pathlib import PurePath

import streamlit as st

from core.guide import guide_visible, is_sample, set_guide_visible
from core.intake.loading import sample_title
from core.intake.store import SurveyInfo
from core.wording import plural
from core.workspace.database import Workspace
from ui.router import pages
from ui.text import literal

DISMISS_KEY = "guide_dismiss"
SHOW_KEY = "guide_show"
WHAT_IT_DOES = (
    "Turn a Jobs-to-be-Done survey (importance and satisfaction of each desired outcome) into opportunity "
    "scores that show the underserved needs. Segment the market by unmet needs and see where competitors lead. "
    "Then decide, step by step of the job, where to differentiate, meet or accept — every change is saved at once."
)


def workflow() -> str:
    """The pages in the router's order, numbered: "1. Data → 2. Job map → …"."""
    shown = [page for page in pages() if page.visibility != "hidden"]  # not the presentation's last slide
    return " → ".join(f"{i}. {page.title}" for i, page in enumerate(shown, start=1))


def loaded_sentence(info: SurveyInfo | None) -> str:
    """Which survey is loaded and its size (user text through ui.text.literal)."""
    if info is None:
        return "No survey is loaded yet: upload one below, or start from a sample."
    size = f"{plural(info.respondents, 'respondent')}, {plural(info.outcomes, 'outcome')} in "
    size += plural(info.steps, "job step")
    if is_sample(info):
        name = sample_title(PurePath(info.file_name))
        return f"**Loaded now:** the bundled sample “{literal(name)}” (synthetic data) — {size}. Upload yours below."
    return f"**Loaded now:** “{literal(info.name)}” — {size}."


def _store(ws: Workspace, visible: bool) -> None:
    set_guide_visible(ws, visible)


def render_guide(ws: Workspace, info: SurveyInfo | None) -> bool:
    """The guide, or its "Show the guide" link when it is hidden; True when the guide is shown.

    Layout for 1280 × 720: the three sentences, then one caption (which survey is loaded, the
    workflow) beside the link-style Hide button; the page leaves out its own survey caption meanwhile.
    """
    if not guide_visible(ws, info):
        st.button(
            "Show the guide", key=SHOW_KEY, type="tertiary", icon=":material/help:", on_click=_store, args=(ws, True)
        )
        return False
    with st.container(border=True):
        st.markdown(f"**Getting started.** {WHAT_IT_DOES}")
        text, hide = st.columns([4, 1], vertical_alignment="center")
        text.caption(f"{loaded_sentence(info)}  \n**Workflow:** {workflow()}")
        hide.button(
            "Hide the guide",
            key=DISMISS_KEY,
            type="tertiary",
            icon=":material/close:",
            on_click=_store,
            args=(ws, False),
        )
    return True
