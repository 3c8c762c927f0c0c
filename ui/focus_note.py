"""The step note on the Focus matrix: saved as it is typed, so a reload never loses it.

``st.text_area`` sends its value only when the field is left or on Ctrl+Enter, so a note typed
and then reloaded was lost. The note field is a small plain-JS component
(ui/components/step_note) that sends ``{mount, seq, text}`` 500 ms after the last key and when the
field is left; :func:`note_field` stores each new ``seq`` once (a stale value never overwrites a
note changed elsewhere). Text typed in the last 500 ms before a reload is kept as a draft in the
browser and sent when the page is back (unless the stored note changed meanwhile).
"""

from __future__ import annotations

import hashlib

import streamlit as st

from core.strategy import scenarios
from core.workspace.database import Workspace
from ui.components import step_note

ACKS = "focus_note_acks"  # {note key: (mount, last seq stored)}
LABEL = "Note on this step (saved as you type)"


def note_key(scenario_id: str, step_id: int) -> str:
    return f"focus_note_{scenario_id}_{step_id}"


def note_value(mount: str, seq: int, text: str) -> dict:
    """What the note field sends after an edit (tests inject it)."""
    return {"mount": mount, "seq": seq, "text": text}


def _read(value: object) -> tuple[str, int, str] | None:
    if not isinstance(value, dict):
        return None
    mount, seq, text = value.get("mount"), value.get("seq"), value.get("text")
    if isinstance(mount, str) and isinstance(seq, int) and isinstance(text, str):
        return mount, seq, text
    return None


def note_field(ws: Workspace, scenario_id: str, step_id: int, stored: str) -> str | None:
    """Store a new edit sent by the field, then draw it showing the stored note.

    Returns an error message when the note was refused (None otherwise)."""
    key = note_key(scenario_id, step_id)
    error = None
    if (sent := _read(st.session_state.get(key))) is not None:
        mount, seq, text = sent
        acks = st.session_state.setdefault(ACKS, {})
        last_mount, last_seq = acks.get(key, (None, 0))
        if mount != last_mount or seq > last_seq:
            acks[key] = (mount, seq)
            try:
                scenarios.set_note(ws, scenario_id, step_id, text)
                stored = text.strip()
            except scenarios.ScenarioError as exc:
                error = str(exc)
    workspace_id = hashlib.sha1(str(ws.token).encode()).hexdigest()[:12]
    step_note(
        value=stored,
        label=LABEL,
        placeholder="Why this choice, what it takes, who owns it…",
        draft_key=f"{workspace_id}:{scenario_id}:{step_id}",
        key=key,
        default=None,
    )
    return error
