"""The job map editors: steps and outcomes as ``st.data_editor`` tables, saved at every edit.

How an edit is saved: the editor returns the table with the user's edits; when its edit state
holds anything, the table goes to ``core.strategy.jobmap.apply_*``, which applies all of it or nothing.
On success the page reruns and a toast lists what changed; an invalid edit shows an error and
stays in the editor (nothing saved) until it is fixed or discarded.

Each editor's key carries the workspace revision, so after any change (here, another page or
another laptop on the same workspace) the editor starts again from the stored rows. An edit made in
a table drawn before such a change arrives under the old key, which this run no longer draws: it is
not applied (its rows may have moved since) and :func:`show_feedback` says so (issue 17.4), unless
the old key is one this session saved itself.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from core.strategy import jobmap
from core.wording import plural
from core.workspace.change_marks import ChangedElsewhere, Drawn
from core.workspace.database import Workspace
from ui import stale_views
from ui.editor_saves import has_edits, toast_saved
from ui.pickers import picked, relabel
from ui.text import literal

TOAST_KEY = "job_map_toast"
ERROR_KEY = "job_map_error"
NONCE_KEY = "job_map_nonce"
SAVED_KEY = "job_map_saved_editors"  # editor keys whose edits this session saved (not stale)
STALE_EDIT = (
    "**Not saved:** your edit to the job-map table was made in a table drawn before the job map changed "
    "elsewhere (another tab or another person), so it was not applied. Here is the current table: make "
    "the change again if you still want it."
)
MOVE_KEY = "job_map_selected_step"
ROW_PX = 35  # the data editor's one-line row
WRAP_PX = 76  # rows taller than 4rem wrap their text: long statements stay readable on a projector
STEP_TABLE = ["step_id", "order", "name", "n_outcomes", "mean_opportunity", "n_attractive", "top", "description"]
OUTCOME_TABLE = ["outcome_id", "step", "statement", "opportunity"]
Apply = Callable[[Workspace, pd.DataFrame], list[str]]


# --- saving ---------------------------------------------------------------------------------
def editor_key(name: str, workspace: Workspace) -> str:
    """A key that changes with the workspace revision (and when edits are discarded)."""
    return f"job_map_{name}_{workspace.revision}_{st.session_state.get(NONCE_KEY, 0)}"


def _discard() -> None:
    st.session_state[NONCE_KEY] = st.session_state.get(NONCE_KEY, 0) + 1


def announce(changes: list[str]) -> None:
    """Keep what changed for a toast on the next run (a rerun follows every save)."""
    st.session_state[TOAST_KEY] = changes


def _stale_edits(revision: int) -> list[str]:
    """Editor keys holding edits made in a table drawn at another revision (module docstring)."""
    nonce, saved = str(st.session_state.get(NONCE_KEY, 0)), st.session_state.get(SAVED_KEY, ())
    stale = []
    for key in list(st.session_state.keys()):
        parts = str(key).rsplit("_", 2)
        if len(parts) != 3 or not parts[0].startswith(("job_map_steps", "job_map_outcomes_")):
            continue
        if parts[1] != str(revision) and parts[2] == nonce and key not in saved and has_edits(str(key)):
            stale.append(str(key))
    return stale


def show_feedback(workspace: Workspace) -> None:
    """The toast for the last save, the error of the last button, or a stale table's edit, once."""
    if stale := _stale_edits(workspace.revision):
        st.session_state[SAVED_KEY] = [*st.session_state.get(SAVED_KEY, ()), *stale][-20:]  # said once
        st.error(STALE_EDIT, icon=":material/sync_problem:")
    changes = st.session_state.pop(TOAST_KEY, None)
    if changes:
        toast_saved(changes)
    error = st.session_state.pop(ERROR_KEY, None)
    if error:
        st.error(error)  # escaped where it is stored


def save(workspace: Workspace, edited: pd.DataFrame, key: str, apply: Apply) -> None:
    """Save the editor's edits now: rerun with a toast, or show why nothing was saved."""
    if not has_edits(key):
        return
    try:
        changes = apply(workspace, edited)
    except jobmap.JobMapError as error:
        st.error(f"**Not saved:** {literal(error)} Nothing was changed: fix the cell, or discard the edits.")
        st.button("Discard these edits", icon=":material/undo:", on_click=_discard, key=f"{key}_discard")
        return
    except ChangedElsewhere as error:  # a stale table (issue 17.4): show the current one
        st.session_state[ERROR_KEY] = literal(error)
        _discard()
        st.rerun()
    if changes:
        st.session_state[SAVED_KEY] = [*st.session_state.get(SAVED_KEY, ()), key][-20:]  # its own, not stale
        announce(changes)
        st.rerun()


# --- the steps ------------------------------------------------------------------------------
def steps_frame(steps: pd.DataFrame, summary: pd.DataFrame) -> pd.DataFrame:
    """One row per step, in order: the editable step plus its read-only summary."""
    columns = ["step_id", "n_outcomes", "mean_opportunity", "n_attractive", "top_opportunity", "top_outcome"]
    frame = steps.merge(summary[columns], on="step_id", how="left")
    frame["order"] = range(1, len(frame) + 1)
    frame["description"] = frame["description"].astype("string")
    frame["top"] = [
        f"{score:.1f} · {text}" if isinstance(text, str) else None
        for score, text in zip(frame["top_opportunity"], frame["top_outcome"], strict=True)
    ]
    return frame[STEP_TABLE]


def step_labels(steps: pd.DataFrame) -> dict[int, str]:
    """``{step_id: name}`` in job order (no position: a selectbox would keep showing a stale one)."""
    return {int(step_id): name for step_id, name in zip(steps["step_id"], steps["name"], strict=True)}


def _move(workspace: Workspace, step_id: int, offset: int) -> None:
    try:  # from the page as last drawn (a callback runs before this run draws it again)
        announce(jobmap.move_step(workspace, step_id, offset, stale_views.drawn(stale_views.JOB_MAP)))
    except ChangedElsewhere as error:
        st.session_state[ERROR_KEY] = f"**Not moved:** {literal(error)}"


def _delete(workspace: Workspace, step_id: int, target_key: str | None) -> None:
    target = picked(target_key) if target_key else None
    try:
        announce(jobmap.delete_step(workspace, step_id, target, stale_views.drawn(stale_views.JOB_MAP)))
    except (jobmap.JobMapError, ChangedElsewhere) as error:
        st.session_state[ERROR_KEY] = f"**Not deleted:** {literal(error)}"
    else:
        st.session_state.pop(MOVE_KEY, None)


def step_controls(workspace: Workspace, steps: pd.DataFrame, outcomes: pd.DataFrame) -> None:
    """Pick a step, then move it up or down or delete it (choosing where its outcomes go)."""
    labels = step_labels(steps)
    ids = list(labels)
    pick, up, down, delete = st.columns([4, 1, 1.2, 1.3], vertical_alignment="bottom")
    relabel(MOVE_KEY, labels)
    step_id = pick.selectbox("Step", ids, format_func=labels.get, key=MOVE_KEY)
    if step_id is None:
        return
    up.button(
        "Up",
        icon=":material/arrow_upward:",
        on_click=_move,
        args=(workspace, step_id, -1),
        disabled=step_id == ids[0],
        key="job_map_up",
    )
    down.button(
        "Down",
        icon=":material/arrow_downward:",
        on_click=_move,
        args=(workspace, step_id, 1),
        disabled=step_id == ids[-1],
        key="job_map_down",
    )
    with delete.popover("Delete", icon=":material/delete:"):
        held = int((outcomes["step_id"] == step_id).sum())
        st.markdown(f"Delete **{literal(labels[step_id])}**? It holds {plural(held, 'outcome')}.")
        target_key = f"job_map_delete_target_{step_id}"
        if held:
            others = [i for i in ids if i != step_id]
            relabel(target_key, {i: labels[i] for i in others})
            st.selectbox(
                "Move its outcomes to",
                [None, *others],
                format_func=lambda i: f"“{jobmap.UNASSIGNED}” (a step at the end)" if i is None else labels[i],
                key=target_key,
            )
        st.caption("Its focus-matrix choices in saved scenarios are deleted with it.")
        st.button(
            "Delete step",
            type="primary",
            on_click=_delete,
            args=(workspace, step_id, target_key if held else None),
            key="job_map_delete",
        )


def steps_editor(
    workspace: Workspace, steps: pd.DataFrame, summary: pd.DataFrame, solid: float, drawn: Drawn | None = None
) -> None:
    """The steps table: rename, describe, add, delete and reorder (Order column)."""
    key = editor_key("steps", workspace)
    edited = st.data_editor(
        steps_frame(steps, summary),
        key=key,
        num_rows="fixed" if workspace.refuses_writes else "dynamic",
        hide_index=True,
        column_order=STEP_TABLE[1:],
        height=ROW_PX + WRAP_PX * (len(steps) + 1) + 3,
        row_height=WRAP_PX,
        placeholder="",
        alt="Job steps: order, name, summary and description",
        column_config={
            "order": st.column_config.NumberColumn(
                "Order", min_value=1, step=1, format="%d", width=72, help="Type a new position to move the step."
            ),
            "name": st.column_config.TextColumn("Step", required=True, width=180),
            "description": st.column_config.TextColumn("Description", width=200),
            "n_outcomes": st.column_config.NumberColumn("Outcomes", format="%d", width=78),
            "mean_opportunity": st.column_config.ProgressColumn(
                "Mean opportunity", format="%.1f", min_value=0, max_value=20, width=130
            ),
            "n_attractive": st.column_config.NumberColumn(
                f"≥ {solid:g}", format="%d", width=48, help=f"Outcomes with opportunity ≥ {solid:g}"
            ),
            "top": st.column_config.TextColumn(
                "Top outcome", width=250, help="The step's top outcome: its opportunity · its statement."
            ),
        },
        disabled=True
        if workspace.refuses_writes
        else ["step_id", "n_outcomes", "mean_opportunity", "n_attractive", "top"],
    )
    save(workspace, edited, key, lambda ws, table: jobmap.apply_step_table(ws, table, drawn))


# --- the outcomes ---------------------------------------------------------------------------
def outcomes_frame(outcomes: pd.DataFrame, scores: pd.DataFrame, step_id: int | None) -> pd.DataFrame:
    """The outcomes in job order (of one step, or all) with their opportunity."""
    frame = outcomes.merge(scores[["outcome_id", "opportunity"]], on="outcome_id", how="left")
    if step_id is not None:
        frame = frame[frame["step_id"] == step_id]
    return frame[OUTCOME_TABLE].reset_index(drop=True)


def outcomes_editor(
    workspace: Workspace,
    steps: pd.DataFrame,
    outcomes: pd.DataFrame,
    scores: pd.DataFrame,
    drawn: Drawn | None = None,
) -> None:
    """The outcomes table, optionally of one step: move an outcome (Step column), edit its statement;
    ``drawn``: the table the edits were made in (refused when those outcomes changed elsewhere since)."""
    labels = step_labels(steps)
    shown = st.selectbox(
        "Show outcomes of",
        [None, *labels],
        format_func=lambda i: "All steps" if i is None else labels[i],
        key="job_map_outcome_filter",
    )
    key = editor_key(f"outcomes_{shown}", workspace)
    frame = outcomes_frame(outcomes, scores, shown)
    edited = st.data_editor(
        frame,
        key=key,
        hide_index=True,
        height=ROW_PX + WRAP_PX * min(len(frame), 7) + 3,
        row_height=WRAP_PX,
        alt="Desired outcomes: step and statement",
        column_config={
            "outcome_id": st.column_config.TextColumn("ID", width=56),
            "step": st.column_config.SelectboxColumn("Step", options=steps["name"].tolist(), required=True, width=180),
            "statement": st.column_config.TextColumn("Statement", required=True, width=400),
            "opportunity": st.column_config.ProgressColumn(
                "Opportunity", format="%.1f", min_value=0, max_value=20, width=120
            ),
        },
        disabled=True if workspace.refuses_writes else ["outcome_id", "opportunity"],  # a view link: all read-only
    )
    save(workspace, edited, key, lambda ws, table: jobmap.apply_outcome_table(ws, table, drawn))
