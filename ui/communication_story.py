"""The checks (each a clear list) and the differentiation story (value, the right people, the
story, each checked for completeness, and a one-screen summary read aloud). N, the target
segments and "who we are not for" are saved the moment they change."""

from __future__ import annotations

import streamlit as st

from core.strategy import communication as comm
from core.strategy.communication_story import StoryPart
from core.views.communication import CommunicationView
from core.workspace.database import Workspace
from ui import stale_views
from ui.communication_data import change
from ui.communication_map import variant_names
from ui.text import literal
from ui.view_only import writable

N_KEY = "communication_n"
TARGETS_KEY = "communication_targets"
NOT_FOR_KEY = "communication_not_for"


def _save(workspace: Workspace, field: str, key: str) -> None:
    value, drawn = st.session_state.get(key), stale_views.drawn(stale_views.setting(comm.SETTINGS_KEY))
    change(lambda: comm.save_communication_settings(workspace, drawn=drawn, **{field: value}), "Saved")


def _listing(title: str, lines: list[str], empty: str) -> None:
    st.markdown(f"**{title} ({len(lines)})**")
    if not lines:
        st.caption(f"✓ {empty}")
        return
    st.markdown("\n".join(f"- {literal(line)}" for line in lines))


def checks_section(workspace: Workspace, view: CommunicationView) -> None:
    """N, then the five check lists (core.strategy.communication_checks)."""
    checks = view.checks
    key = f"{N_KEY}_{workspace.revision}"
    st.columns([2, 3])[0].number_input(
        "N: a differentiated element needs a message at this many touchpoints",
        min_value=1, max_value=comm.MAX_MIN_TOUCHPOINTS, step=1, value=view.settings.min_touchpoints,
        key=key, on_change=_save, args=(workspace, "min_touchpoints", key), disabled=not writable(workspace),
    )  # fmt: skip
    left, right = st.columns(2)
    with left:
        _listing(f"Elements with a message at fewer than {checks.min_touchpoints} touchpoints",
                 list(checks.thin["line"]), "every differentiated element is said often enough")  # fmt: skip
        _listing("Touchpoints with nothing to say", list(checks.silent["line"]), "every touchpoint says something")
        _listing("Messages without a proof point", list(checks.unproven["line"]), "every message has a proof point")
    with right:
        _listing("Messages about steps the scenario accepts", list(checks.accepted["line"]),
                 "no message advertises a step we chose to be merely good enough at")  # fmt: skip
        _listing("Messages about steps no longer on the job map", list(checks.removed["line"]), "none")


def _part(part: StoryPart) -> None:
    mark = "✓" if part.complete else "⚠"
    st.markdown(f"#### {mark} {part.title}")
    for line in part.lines:
        st.markdown(f"- {literal(line)}")
    for missing in part.missing:
        st.markdown(f"- :orange[Missing: {literal(missing)}]")


def story_section(workspace: Workspace, view: CommunicationView) -> None:
    """The summary read aloud, the three parts, and the people's inputs."""
    with st.container(border=True):
        st.markdown("### The differentiation story")
        for line in view.story.summary:
            st.markdown(literal(line))
    value, people, story = st.columns(3)
    with value:
        _part(view.story.value)
    with people:
        _part(view.story.people)
        names = variant_names(view)
        names.pop("", None)
        stored = [t for t in view.settings.targets if t in names]
        key = f"{TARGETS_KEY}_{workspace.revision}"
        st.multiselect("Target segments", list(names), default=stored, format_func=names.get, key=key,
                       on_change=_save, args=(workspace, "targets", key), disabled=not writable(workspace),
                       placeholder="pick segments" if names else "save a segmentation first")  # fmt: skip
        key = f"{NOT_FOR_KEY}_{workspace.revision}"
        st.text_input("Who we are not for", value=view.settings.not_for, key=key, max_chars=comm.MAX_TEXT,
                      on_change=_save, args=(workspace, "not_for", key), disabled=not writable(workspace))  # fmt: skip
    with story:
        _part(view.story.story)
