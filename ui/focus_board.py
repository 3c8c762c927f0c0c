"""The focus board: step cards dragged between Unassigned, Differentiate, Meet and Accept
(streamlit-sortables), and a list mode (one segmented control per step) for keyboard and touch.

Both edit the scenario's assignment in the workspace; the board is drawn from it on every run,
so the two always agree. How the drag board stays honest:

- streamlit-sortables keeps its own copy of the cards once mounted and ignores new arguments.
  Its key is therefore ``focus_board_<scenario>_<digest of the card labels>_<epoch>``: new
  labels (a job-map edit, new scores) or an assignment changed elsewhere (list mode, Suggest,
  Undo, another screen) bump the key, and the board remounts showing the workspace's state.
- A move is read from the component's value *before* anything is drawn
  (:func:`take_board_move`), compared with what the board last showed, and only the cards that
  moved are applied to the stored assignment, so a stale board never overwrites newer choices.
- Cards are labelled ``"3 · Capture invoice data\\nopp 5.5 · 1 underserved"``: unique by step
  number; labels map back to step ids through the table they were made from.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st
from streamlit_sortables import sort_items

from core.strategy.focus import CHOICES, COLUMNS, LABELS, MEANINGS, UNASSIGNED, Assignment, card_label
from ui.focus_charts import CHOICE_COLOURS

STATE = "focus_board_state"  # {base key: {"epoch": int, "shown": Assignment}}
CURRENT_KEY = "focus_board_key"  # the board's component key in this run (tests inject values under it)
HEADERS = {c: f"{LABELS[c].upper()} — {MEANINGS[c]}" for c in COLUMNS}
_HEADER_CHOICE = {header: choice for choice, header in HEADERS.items()}

_HEADER_INK = {UNASSIGNED: "#111418", "differentiate": "#FFFFFF", "meet": "#111418", "accept": "#111418"}
_HEADER_FILL = {UNASSIGNED: "#E3E7EC", **{c: CHOICE_COLOURS[c] for c in CHOICES}}


def _column_css(position: int, choice: str) -> str:
    edge = "#8C96A3" if choice == UNASSIGNED else CHOICE_COLOURS[choice]
    return f"""
.sortable-container:nth-of-type({position}) .sortable-container-header {{
    background: {_HEADER_FILL[choice]}; color: {_HEADER_INK[choice]};
}}
.sortable-container:nth-of-type({position}) {{ border-color: {edge}; }}
.sortable-container:nth-of-type({position}) .sortable-item {{ border-left: 10px solid {edge}; }}"""


BOARD_CSS = """
.sortable-component {
    display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 10px;
    font-family: "Source Sans Pro", Helvetica, Arial, sans-serif; padding: 2px;
}
.sortable-container {
    margin: 0; padding: 0; width: auto !important; border: 2px solid #C9D1D9; border-radius: 8px;
    background: #F6F8FA; overflow: hidden;
}
.sortable-container:nth-of-type(1) { grid-column: 1 / -1; }
.sortable-container:nth-of-type(1) .sortable-container-body { flex-direction: row; flex-wrap: wrap; }
.sortable-container:nth-of-type(1) .sortable-item { flex: 0 1 calc(25% - 10px); }
.sortable-container-header {
    font-size: 17px; font-weight: 700; letter-spacing: 0.02em; padding: 6px 12px; margin: 0;
}
.sortable-container-body {
    display: flex; flex-direction: column; flex-wrap: nowrap; align-items: stretch; align-content: flex-start;
    min-height: 84px; padding: 4px; background: transparent; border-radius: 0;
}
.sortable-item, .sortable-item:hover {
    background: #FFFFFF; color: #111418; border: 1px solid #C9D1D9; border-radius: 6px;
    font-size: 16px; line-height: 1.3; text-align: left; white-space: pre-line;
    padding: 6px 10px; margin: 4px; box-shadow: 0 1px 2px rgba(0, 0, 0, 0.12);
}
.sortable-item:focus-visible { outline: 3px solid #1D4E89; outline-offset: 2px; }
.sortable-item.dragging { box-shadow: 0 6px 16px rgba(0, 0, 0, 0.3); border-left: 10px solid #1D4E89; }
""" + "".join(_column_css(i, choice) for i, choice in enumerate(COLUMNS, start=1))


def card_labels(steps: pd.DataFrame) -> dict[str, int]:
    """Card label → step_id, in job order."""
    return {card_label(row): int(row["step_id"]) for _, row in steps.iterrows()}


def board_items(labels: dict[str, int], assignment: Assignment) -> list[dict]:
    """The component's containers: one per column, cards in job order."""
    return [
        {"header": HEADERS[choice], "items": [k for k, s in labels.items() if assignment.get(s, UNASSIGNED) == choice]}
        for choice in COLUMNS
    ]


def read_board(value: object, labels: dict[str, int]) -> Assignment | None:
    """The assignment a board value shows (None when it is not a board value).

    Containers are matched by header (by position when a header is unknown); cards by label;
    unknown cards are ignored.
    """
    if not isinstance(value, list):
        return None
    result: Assignment = {}
    for position, container in enumerate(value):
        if not isinstance(container, dict):
            return None
        choice = _HEADER_CHOICE.get(container.get("header"))
        if choice is None:
            choice = COLUMNS[position] if position < len(COLUMNS) else None
        for label in container.get("items") or ():
            step_id = labels.get(label)
            if step_id is not None and choice in CHOICES:
                result[step_id] = choice
    return result


def _base_key(scenario_id: str, labels: dict[str, int]) -> str:
    digest = hashlib.sha1("\x1f".join(labels).encode()).hexdigest()[:10]
    return f"focus_board_{scenario_id}_{digest}"


def take_board_move(scenario_id: str, steps: pd.DataFrame, current: Assignment) -> Assignment | None:
    """The assignment after the cards the user just dragged, or None when nothing moved.

    Only cards whose column differs from what the board last showed count as moved; they are
    applied on top of ``current`` (the stored assignment).
    """
    labels = card_labels(steps)
    entry = st.session_state.get(STATE, {}).get(_base_key(scenario_id, labels))
    if entry is None:
        return None
    shown = read_board(st.session_state.get(f"{_base_key(scenario_id, labels)}_{entry['epoch']}"), labels)
    if shown is None:
        return None
    before = entry["shown"]
    moved = {s: shown.get(s, UNASSIGNED) for s in labels.values()}
    moved = {s: c for s, c in moved.items() if c != before.get(s, UNASSIGNED)}
    entry["shown"] = shown
    if not moved:
        return None
    result = {**current, **moved}
    return {s: c for s, c in result.items() if c in CHOICES}


def describe_move(steps: pd.DataFrame, before: Assignment, after: Assignment) -> str:
    """``"3 · Capture invoice data → Differentiate"``, or ``"4 steps moved"``."""
    changed = [s for s in steps["step_id"].astype(int) if before.get(s, UNASSIGNED) != after.get(s, UNASSIGNED)]
    if len(changed) != 1:
        return f"{len(changed)} steps moved"
    row = steps[steps["step_id"] == changed[0]].iloc[0]
    return f"{int(row['step_order'])} · {row['step']} → {LABELS[after.get(changed[0], UNASSIGNED)]}"


def drag_board(scenario_id: str, steps: pd.DataFrame, current: Assignment) -> None:
    """Draw the board for ``current``; remount it when it last showed something else."""
    labels = card_labels(steps)
    base = _base_key(scenario_id, labels)
    state = st.session_state.setdefault(STATE, {})
    entry = state.get(base)
    if entry is None or entry["shown"] != current:
        entry = state[base] = {"epoch": (entry["epoch"] + 1) if entry else 0, "shown": dict(current)}
    key = f"{base}_{entry['epoch']}"
    st.session_state[CURRENT_KEY] = key
    sort_items(
        board_items(labels, current), multi_containers=True, direction="horizontal", custom_style=BOARD_CSS, key=key
    )


def list_key(scenario_id: str, step_id: int) -> str:
    return f"focus_list_{scenario_id}_{step_id}"


def list_mode(scenario_id: str, steps: pd.DataFrame, current: Assignment, on_choice) -> None:
    """One segmented control per step (Tab to it, arrows/Enter/Space to choose; tap on touch).

    ``on_choice(step_id, choice_or_None)`` persists a change; clicking the chosen option again
    clears it (Unassigned).
    """
    options = list(CHOICES)
    for _, row in steps.iterrows():
        step_id = int(row["step_id"])
        key = list_key(scenario_id, step_id)
        stored = current.get(step_id)
        if st.session_state.get(key) != stored:
            st.session_state[key] = stored
        label, control = st.columns([5, 4], vertical_alignment="center")
        label.markdown(
            f"**{int(row['step_order'])} · {row['step']}**  \n"
            f"opp {row['mean_opportunity']:.1f} · {int(row['n_attractive'])} underserved"
            if pd.notna(row["mean_opportunity"])
            else f"**{int(row['step_order'])} · {row['step']}**"
        )
        control.segmented_control(
            f"Choice for step {int(row['step_order'])}",
            options,
            format_func=LABELS.get,
            key=key,
            label_visibility="collapsed",
            on_change=lambda s=step_id, k=key: on_choice(s, st.session_state.get(k)),
        )
