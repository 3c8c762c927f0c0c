"""The focus board: step cards dragged between Unassigned, Differentiate, Meet and Accept
(our own plain-JS component, ui/components/focus_board), and a list mode (one segmented control
per step) for keyboard and touch.

Both edit the scenario's assignment in the workspace; the board is drawn from it on every run,
so the two always agree. How the drag board stays honest under quick drags:

- The board has one stable key per scenario and is never remounted: a new assignment (a move,
  Suggest, Undo, the list, another screen, a job-map edit) reaches it as new arguments. So a drag
  made on the board just after Suggest is not lost to a remount.
- Each drop appends ``[seq, step_id, choice]`` to a log the board sends whole every time (values
  sent while a run is busy are merged by Streamlit: only the last one arrives, and it holds every
  move). :func:`take_board_move` applies, in order, the moves whose seq is above the last one
  stored for that board mount, on top of the stored assignment, so a stale board never
  overwrites newer choices and a move is never applied twice.
- The board is told the last seq stored (``ack``) and shows the stored assignment plus its moves
  not yet stored, so it shows what is stored as soon as the server has caught up.
(streamlit-sortables 0.3.1 was replaced: quick drags crashed it with React error #185.)
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.strategy.focus import CHOICES, COLUMNS, LABELS, MEANINGS, UNASSIGNED, Assignment, card_label
from core.wording import plural
from ui.charts.focus import CHOICE_COLOURS
from ui.components import focus_board
from ui.text import literal

STATE = "focus_board_acks"  # {board key: {mount id: last seq stored}}
MAX_MOUNTS = 20  # acks kept per board (one per page load of the board)
CURRENT_KEY = "focus_board_key"  # the board's component key in this run (tests inject values under it)
HEADERS = {c: f"{LABELS[c].upper()} — {MEANINGS[c]}" for c in COLUMNS}

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


# Presentation mode: compact cards, so the board fits beside the charts on one projector screen.
COMPACT_CSS = """
.sortable-component { gap: 6px; }
.sortable-container:nth-of-type(1) .sortable-container-body {
    display: grid; grid-template-columns: repeat(3, minmax(0, 1fr));
}
.sortable-container-header { font-size: 14px; padding: 3px 8px; }
.sortable-container-body { min-height: 56px; padding: 2px; }
.sortable-item, .sortable-item:hover { font-size: 13.5px; line-height: 1.2; padding: 3px 7px; margin: 3px; }
.sortable-item { border-left-width: 7px !important; }
"""
# The dark room: light cards on black; the column headers keep their choice colours.
DARK_CSS = """
html, body { background: #000000; }
.sortable-container { background: #111418; }
.sortable-item, .sortable-item:hover { background: #1B1F24; color: #F5F7FA; border-color: #8C96A3; }
.sortable-item:focus-visible { outline-color: #8CC8FF; }
"""


def board_css(compact: bool = False, dark: bool = False) -> str:
    """The board's style: the usual one, compact while presenting, light on black in a dark room."""
    return BOARD_CSS + (COMPACT_CSS if compact else "") + (DARK_CSS if dark else "")


def card_labels(steps: pd.DataFrame) -> dict[str, int]:
    """Card label → step_id, in job order."""
    return {card_label(row): int(row["step_id"]) for _, row in steps.iterrows()}


def board_items(labels: dict[str, int], assignment: Assignment) -> list[dict]:
    """The component's containers: one per column, cards in job order."""
    return [
        {"header": HEADERS[choice], "items": [k for k, s in labels.items() if assignment.get(s, UNASSIGNED) == choice]}
        for choice in COLUMNS
    ]


def board_value(mount: str, moves: list[tuple[int, str]]) -> dict:
    """What the board sends after the drops ``moves`` (step_id, choice), in order, since it was mounted."""
    return {"mount": mount, "moves": [[seq, step, choice] for seq, (step, choice) in enumerate(moves, start=1)]}


def board_key(scenario_id: str) -> str:
    return f"focus_board_{scenario_id}"


def read_moves(value: object) -> tuple[str, list[tuple[int, int, str]]] | None:
    """``(mount, [(seq, step_id, choice), ...])`` from a board value, sorted by seq; None when the
    value is not one (nothing sent yet, or malformed: ignored rather than guessed at)."""
    if not isinstance(value, dict) or not isinstance(value.get("mount"), str):
        return None
    moves = []
    for move in value.get("moves") or ():
        if not isinstance(move, list | tuple) or len(move) != 3:
            return None
        seq, step, choice = move
        if not isinstance(seq, int) or not isinstance(step, int) or choice not in COLUMNS:
            return None
        moves.append((seq, step, choice))
    return value["mount"], sorted(moves)


def take_board_move(scenario_id: str, steps: pd.DataFrame, current: Assignment) -> Assignment | None:
    """The assignment after the moves the board sent since the last run, or None when none.

    The new moves are applied in order on top of ``current`` (the stored assignment) and
    acknowledged; moves of steps no longer on the map are dropped.
    """
    key = board_key(scenario_id)
    parsed = read_moves(st.session_state.get(key))
    if parsed is None:
        return None
    mount, moves = parsed
    acks = st.session_state.setdefault(STATE, {}).setdefault(key, {})
    done = acks.get(mount, 0)
    new = [m for m in moves if m[0] > done]
    if not new:
        return None
    acks.pop(mount, None)
    acks[mount] = new[-1][0]
    while len(acks) > MAX_MOUNTS:
        acks.pop(next(iter(acks)))
    known = {int(s) for s in steps["step_id"]}
    result = dict(current)
    for _, step, choice in new:
        if step in known:
            result[step] = choice
    result = {s: c for s, c in result.items() if c in CHOICES}
    return None if result == current else result


def describe_move(steps: pd.DataFrame, before: Assignment, after: Assignment) -> str:
    """``"3 · Capture invoice data → Differentiate"``, or ``"4 steps moved"``."""
    changed = [s for s in steps["step_id"].astype(int) if before.get(s, UNASSIGNED) != after.get(s, UNASSIGNED)]
    if len(changed) != 1:
        return f"{plural(len(changed), 'step')} moved"
    row = steps[steps["step_id"] == changed[0]].iloc[0]
    return f"{int(row['step_order'])} · {row['step']} → {LABELS[after.get(changed[0], UNASSIGNED)]}"


def drag_board(
    scenario_id: str, steps: pd.DataFrame, current: Assignment, css: str = BOARD_CSS, *, readonly: bool = False
) -> None:
    """Draw the board for ``current`` under its stable key, with the last move stored, styled by
    ``css`` (:func:`board_css`); ``readonly`` (a view link) shows the cards without moving them."""
    labels = card_labels(steps)
    key = board_key(scenario_id)
    st.session_state[CURRENT_KEY] = key
    parsed = read_moves(st.session_state.get(key))
    ack = None
    if parsed is not None:
        ack = {"mount": parsed[0], "seq": st.session_state.get(STATE, {}).get(key, {}).get(parsed[0], 0)}
    focus_board(
        items=board_items(labels, current),
        cards=[{"id": step_id, "label": label} for label, step_id in labels.items()],
        columns=[{"choice": c, "header": HEADERS[c]} for c in COLUMNS],
        assignment={str(s): c for s, c in current.items()},
        unassigned=UNASSIGNED,
        ack=ack,
        css=css,
        readonly=readonly,
        key=key,
        default=None,
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
            f"**{int(row['step_order'])} · {literal(row['step'])}**  \n"
            f"opp {row['mean_opportunity']:.1f} · {int(row['n_attractive'])} underserved"
            if pd.notna(row["mean_opportunity"])
            else f"**{int(row['step_order'])} · {literal(row['step'])}**"
        )
        control.segmented_control(
            f"Choice for step {int(row['step_order'])}",
            options,
            format_func=LABELS.get,
            key=key,
            label_visibility="collapsed",
            on_change=lambda s=step_id, k=key: on_choice(s, st.session_state.get(k)),
        )
