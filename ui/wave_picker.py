"""The "Scores from wave" choice (issue 14.5): a sidebar selectbox, shown only when the workspace
has more than one survey wave, and the captions that say which wave a page's scores come from.

The choice is the ``wave`` field of the scoring settings (core.analysis.scoring), so it is
persisted at once, read by the one settings loader, and part of every cached view's key. Scores
for everyone follow it; segment- and attribute-based views stay on the base wave (the only one
with raw rows) and say so in a caption (:func:`base_wave_caption`).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.analysis.scoring import load_settings
from core.analysis.waves import BASE_WAVE, choose_wave, list_waves
from core.wording import plural
from core.workspace.database import Workspace
from ui.text import literal
from ui.view_cache import cached

PICKER_KEY = "scores_from_wave"


def waves(workspace: Workspace) -> pd.DataFrame:
    return cached(list_waves, workspace)


def shown_wave(workspace: Workspace) -> tuple[int, str] | None:
    """(wave id, label) of the wave scores come from, when it is not the base wave (and exists)."""
    chosen = load_settings(workspace).wave
    if chosen == BASE_WAVE:
        return None
    listed = waves(workspace)
    hit = listed.loc[listed["wave_id"] == chosen, "label"]
    return (chosen, str(hit.iloc[0])) if len(hit) else None


def _choose(workspace: Workspace) -> None:
    choose_wave(workspace, int(st.session_state[PICKER_KEY]))


def render_wave_picker(workspace: Workspace) -> None:
    """The sidebar selectbox (only with more than one wave)."""
    listed = waves(workspace)
    if len(listed) < 2:
        return
    labels = dict(zip(listed["wave_id"].astype(int), listed["label"].astype(str), strict=True))
    current = load_settings(workspace).wave
    st.session_state[PICKER_KEY] = current if current in labels else BASE_WAVE
    st.selectbox(
        "Scores from wave",
        list(labels),
        format_func=lambda w: labels[w] + (" (base)" if w == BASE_WAVE else ""),
        key=PICKER_KEY,
        on_change=_choose,
        args=(workspace,),
        # Live on a view link too: there the choice is the viewer's own (core.analysis.waves.choose_wave).
        help=("The scores you see on every page" if workspace.refuses_writes else "Every page's scores for everyone")
        + " come from this wave; segments stay on the base wave.",
    )


def wave_note(workspace: Workspace) -> str:
    """`` · from wave “Q3”`` for the scoring caption, or nothing on the base wave."""
    shown = shown_wave(workspace)
    return f" · from wave “{literal(shown[1])}”" if shown else ""


def base_wave_caption(workspace: Workspace) -> None:
    """On segment-based views: say that they stay on the base wave when another one is chosen."""
    if shown_wave(workspace) is not None:
        base = waves(workspace)
        label = base.loc[base["wave_id"] == BASE_WAVE, "label"]
        name = str(label.iloc[0]) if len(label) else "the base wave"
        st.caption(
            f"Segments, attributes and competitors stay on the base wave “{literal(name)}”: only it keeps "
            "every respondent's ratings. Scores for everyone come from the wave chosen in the sidebar."
        )


def data_page_waves(workspace: Workspace, offer_import: bool = True) -> None:
    """The Data page's short list of the waves, with a link to the Waves page; with one wave, a
    link to import another (left out while the guided start fills the screen: ``offer_import``)."""
    listed = waves(workspace)
    if len(listed) < 2:
        if not offer_import:
            return
        st.page_link(
            "pages/waves.py", label="Survey waves: import a later wave of this survey", icon=":material/timeline:"
        )
        return
    parts = []
    for row in listed.itertuples():
        respondents = "– respondents" if pd.isna(row.respondents) else plural(int(row.respondents), "respondent")
        base = ", base" if int(row.wave_id) == BASE_WAVE else ""
        parts.append(f"“{literal(row.label)}” ({respondents}{base})")
    st.caption(f"Survey waves: {', '.join(parts)}.")
    st.page_link("pages/waves.py", label="Compare the waves", icon=":material/timeline:")
