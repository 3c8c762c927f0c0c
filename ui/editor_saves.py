"""What the editing pages share (Job map, Capabilities, Communication, Customers, Metrics): whether
a data editor holds unsaved edits, running a change with its toast or its refusal, showing that
feedback once on the next run, and the data editors that save every edit at once."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from ui.text import literal

SHOWN = 4
Refused = tuple[type[Exception], ...]  # core's clear refusals: shown as a message, never a traceback


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
    refused: Refused,
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


# --- data editors that save every edit at once (Capabilities, Communication, Metrics) -------------


def edited_frame(frame: pd.DataFrame, state: dict) -> pd.DataFrame:
    """The table a data editor shows after the edits in its ``state`` (edited, added, deleted rows)."""
    table = frame.reset_index(drop=True).astype(object)
    for row, cells in (state.get("edited_rows") or {}).items():
        for column, value in cells.items():
            table.at[int(row), column] = value
    table = table.drop(index=[int(r) for r in state.get("deleted_rows") or []])
    added = [dict(row) for row in state.get("added_rows") or []]
    if added:
        table = pd.concat([table, pd.DataFrame(added, columns=table.columns).astype(object)], ignore_index=True)
    return table.reset_index(drop=True)


def save_on_change(
    key: str, frame: pd.DataFrame, apply: Callable[[pd.DataFrame], list[str]], refused: Refused, toast_key: str
) -> None:
    """A data editor's on_change: apply its edits before the run, so the run that follows (with a
    new editor key, the revision having changed) shows them — one script run per edit. A refused
    edit changes nothing here; the run then finds the edits still in the editor and
    :func:`save_left_edits` says why."""
    try:
        said = apply(edited_frame(frame, st.session_state.get(key) or {}))
    except refused:
        return
    if said:
        st.session_state[toast_key] = said


def _bump(nonce_key: str) -> None:
    st.session_state[nonce_key] = st.session_state.get(nonce_key, 0) + 1


def save_left_edits(
    key: str, apply_now: Callable[[], list[str]], refused: Refused, toast_key: str, nonce_key: str
) -> None:
    """Edits still in the editor after its run (refused by on_change, or set through session state):
    save them now and rerun with a toast, or say why not and offer to discard them (a discard
    bumps ``nonce_key``, which the editor's key includes, so it restarts from the stored rows)."""
    if not has_edits(key):
        return
    try:
        said = apply_now()
    except refused as error:
        st.error(f"**Not saved:** {literal(error)} Nothing was changed: fix the cell, or discard the edits.")
        st.button(
            "Discard these edits", icon=":material/undo:", on_click=_bump, args=(nonce_key,), key=f"{key}_discard"
        )
        return
    if said:
        st.session_state[toast_key] = said
        st.rerun()
