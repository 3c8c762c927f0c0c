"""The step note on the Focus matrix: saved as it is typed, so a reload never loses it.

``st.text_area`` sends its value only when the field is left or on Ctrl+Enter, so a note typed
and then reloaded was lost. The note field is a small plain-JS component
(ui/components/step_note) that sends ``{mount, seq, text}`` 500 ms after the last key and when the
field is left; :func:`note_field` stores each new ``seq`` once (a stale value never overwrites a
note changed elsewhere). Text typed in the last 500 ms before a reload is kept as a draft in the
browser and sent when the page is back: by that step's field, or by the first note field shown
(which sends the drafts of the scenario's other steps too), unless the stored note changed meanwhile.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from core.strategy import scenarios
from core.workspace.change_marks import ChangedElsewhere
from core.workspace.database import Workspace
from ui import stale_views
from ui.components import step_note

ACKS = "focus_note_acks"  # {note key: (mount, last seq stored)}
LABEL = "Note on this step (saved as you type)"


def note_key(scenario_id: str, step_id: int) -> str:
    return f"focus_note_{scenario_id}_{step_id}"


def note_value(mount: str, seq: int, text: str, others: list[tuple[int, str]] = ()) -> dict:
    """What the note field sends after an edit (tests inject it); ``others``: (step_id, text)
    drafts of other steps left by a reload."""
    return {"mount": mount, "seq": seq, "text": text, "others": [[s, t] for s, t in others]}


def _read(value: object) -> tuple[str, int, str, list[tuple[int, str]]] | None:
    if not isinstance(value, dict):
        return None
    mount, seq, text = value.get("mount"), value.get("seq"), value.get("text")
    if not (isinstance(mount, str) and isinstance(seq, int) and isinstance(text, str)):
        return None
    others = [
        (o[0], o[1])
        for o in value.get("others") or ()
        if isinstance(o, list) and len(o) == 2 and isinstance(o[0], int) and isinstance(o[1], str)
    ]
    return mount, seq, text, others


def _store(ws: Workspace, scenario_id: str, step_id: int, text: str) -> str | None:
    try:  # checked against the Focus matrix's drawn revision (ui/focus_live.py, ui/stale_views.py)
        scenarios.set_note(ws, scenario_id, step_id, text, stale_views.drawn(stale_views.focus(scenario_id)))
    except (scenarios.ScenarioError, ChangedElsewhere) as exc:
        return str(exc)
    return None


def note_field(ws: Workspace, scenario_id: str, step_id: int, notes: dict[int, str]) -> str | None:
    """Store a new edit sent by the field, then draw it showing the stored note.

    ``notes``: the stored note of every step of the scenario ("" for none). Returns an error
    message when a note was refused (None otherwise)."""
    key = note_key(scenario_id, step_id)
    notes = dict(notes)
    errors = []
    if (sent := _read(st.session_state.get(key))) is not None:
        mount, seq, text, others = sent
        acks = st.session_state.setdefault(ACKS, {})
        last_mount, last_seq = acks.get(key, (None, 0))
        if mount != last_mount or seq > last_seq:
            acks[key] = (mount, seq)
            for step, note in [*((s, t) for s, t in others if s in notes and s != step_id), (step_id, text)]:
                if note.strip() != notes.get(step, ""):
                    errors.append(_store(ws, scenario_id, step, note))
                    notes[step] = note.strip()
    scope = f"{hashlib.sha1(str(ws.token).encode()).hexdigest()[:12]}:{scenario_id}"
    step_note(
        value=notes.get(step_id, ""),
        others={str(s): n for s, n in notes.items() if s != step_id},
        label=LABEL,
        placeholder="Why this choice, what it takes, who owns it…",
        scope=scope,
        draft_key=f"{scope}:{step_id}",
        key=key,
        default=None,
    )
    return next((e for e in errors if e), None)
