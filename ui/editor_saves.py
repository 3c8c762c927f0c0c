"""What the editing pages share (Job map, Capabilities, Communication, Customers, Metrics): whether
a data editor holds unsaved edits, running a change with its toast or its refusal, and showing
that feedback once on the next run."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ui.text import literal

SHOWN = 4


def toast_saved(changes: list[str]) -> None:
    """Toast "Saved." with the first changes and how many more there were."""
    shown = "  \n".join(literal(change) for change in changes[:SHOWN])
    shown += f"  \n… and {len(changes) - SHOWN} more" if len(changes) > SHOWN else ""
    st.toast(f"**Saved.** {shown}", icon=":material/check_circle:")


def has_edits(key: str) -> bool:
    """True when the data editor under ``key`` holds edits not yet saved."""
    state = st.session_state.get(key) or {}
    return any(state.get(part) for part in ("edited_rows", "added_rows", "deleted_rows"))


def run_change(
    action: Callable[[], object],
    done: str | list[str] | None,
    refused: tuple[type[Exception], ...],
    keys: tuple[str, str],
) -> bool:
    """Run a page's change ``action``; True when it was saved.

    What it said is kept for the next run's toast under ``keys[0]`` — the list ``action`` returned,
    else ``done`` — or, when the change was refused (one of ``refused``: a clear message from core),
    that message under ``keys[1]``, shown by :func:`show_feedback`. Anything else propagates (a bug,
    reported by ui/errors.py), never silently swallowed."""
    toast_key, error_key = keys
    try:
        result = action()
    except refused as error:
        st.session_state[error_key] = str(error)
        return False
    said = result if isinstance(result, list) else ([done] if isinstance(done, str) else done or [])
    if said:
        st.session_state[toast_key] = said
    return True


def show_feedback(keys: tuple[str, str]) -> None:
    """The toast for the last change, or why the last change was refused, once."""
    toast_key, error_key = keys
    said = st.session_state.pop(toast_key, None)
    if said:
        toast_saved(said)
    error = st.session_state.pop(error_key, None)
    if error:
        st.error(f"**Not saved:** {literal(error)}")
