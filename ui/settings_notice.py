"""Warnings about stored settings that could not be read (core.workspace.settings), shown on the
pages that use them. The warnings quote what was stored, which may come from a hand-edited
workspace file, so they are shown as literal text (Markdown characters escaped)."""

from __future__ import annotations

import streamlit as st

from core.analysis.competition import read_competition_settings
from core.analysis.scoring import read_settings, scoring_rule
from core.strategy.communication import read_communication_settings
from core.strategy.focus_data import read_focus_settings
from core.strategy.tradeoff_store import read_tradeoff_settings
from core.workspace.database import Workspace
from ui.text import literal
from ui.wave_picker import shown_wave, wave_note

READERS = {
    "scoring": read_settings,
    "competition": read_competition_settings,
    "focus": read_focus_settings,
    "tradeoffs": read_tradeoff_settings,
    "communication": read_communication_settings,
}


def show_settings_warnings(workspace: Workspace, *kinds: str) -> None:
    """One ``st.warning`` per stored value of these settings (the keys of :data:`READERS`) that
    could not be read and took its default."""
    for kind in kinds:
        for warning in READERS[kind](workspace).warnings:
            st.warning(literal(warning), icon=":material/tune:")


def show_scoring_rule(workspace: Workspace) -> None:
    """The scoring method and counting rule as a caption ("Scores: top-two-box, per item"), on every
    page that shows scores."""
    st.caption(
        scoring_rule(read_settings(workspace).settings) + wave_note(workspace),
        help="Change it on the Data page (Scoring settings); the wave in the sidebar.",
    )


def scores_note(workspace: Workspace) -> str:
    """The scoring rule (and the wave, when not the base one) as plain text, for chart images of
    scores: an image is not Markdown, so the wave's label is written as typed."""
    shown = shown_wave(workspace)
    return scoring_rule(read_settings(workspace).settings) + (f" · from wave “{shown[1]}”" if shown else "")
