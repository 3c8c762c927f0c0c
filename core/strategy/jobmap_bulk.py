"""Bulk changes to the job map — a job-map file applied, many outcomes moved at once — and their undo.

SQL: ``core/sql/jobmap_bulk.sql``; the single edits live in :mod:`core.strategy.jobmap`, whose
rules hold here too (unique step names, step_order renumbered 1..n, one transaction per change,
the workspace revision bumped when something changed).

**Applying a job-map file** (:func:`apply_jobmap_plan`, the plan from
:func:`core.strategy.jobmap_import.read_jobmap_file`): each step of the file is the existing step
of that name (ignoring case; a description in the file replaces its description) or a new step;
the matched outcomes move to their steps; a step the file does not name that is left without
outcomes (typically "Unassigned") is deleted with its focus-matrix choices; the file's steps come
first, in the file's order, then the other steps in their order.

**Undo** (:func:`undo_last`): before each bulk change the whole job map — every step (id, order,
name, description), every outcome's step, and the focus-matrix choices (``decisions``) — is
stored as one JSON snapshot in the table ``jobmap_history`` of the workspace, with the survey
import it belongs to. Undo puts the newest snapshot back: the steps exactly as they were,
each outcome in its old step, the choices of steps the change deleted (choices made since on
steps that still exist are kept; choices on steps the change created go with them). The last
``HISTORY_KEEP`` bulk changes can be undone, newest first; a new survey import clears them.
Single edits made after a bulk change are reverted by its undo too (the snapshot is the whole map).
The history is not in the workspace .xlsx file: after a restore, undo starts afresh.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pandas as pd
from duckdb import DuckDBPyConnection as Cursor

from core.sqlfiles import query
from core.strategy.jobmap_import import JobMapPlan
from core.strategy.jobmap_rows import (
    JobMapError,
    delete_step_rows,
    edit,
    find_step,
    insert_step,
    read_outcomes,
    read_steps,
    set_order,
    update_step,
)
from core.wording import plural
from core.workspace.change_marks import Drawn
from core.workspace.database import Workspace

HISTORY_KEEP = 10
NOTHING_TO_UNDO = "There is no bulk job-map change to undo."


def sql(name: str) -> str:
    return query("jobmap_bulk", name)


def _rows(cur: Cursor, name: str) -> list[list[object]]:
    return [list(row) for row in cur.execute(sql(name)).fetchall()]


def _last(cur: Cursor) -> tuple | None:
    """The newest undo entry of this survey (seq, label, snapshot), or None."""
    rows = cur.execute(sql("last_history")).fetchall()
    return rows[0] if rows else None


def _push_snapshot(cur: Cursor, label: str) -> None:
    snapshot = {
        "steps": _rows(cur, "snapshot_steps"),
        "outcomes": _rows(cur, "snapshot_outcomes"),
        "decisions": _rows(cur, "snapshot_decisions"),
    }
    cur.execute(sql("push_history"), {"label": label, "snapshot": json.dumps(snapshot)})
    cur.execute(sql("trim_history"), {"keep": HISTORY_KEEP})


def _move(cur: Cursor, moves: pd.DataFrame) -> int:
    """Move outcomes (``moves``: outcome_id, step_id); returns how many changed step."""
    cur.register("incoming_moves", moves)
    try:
        return int(cur.execute(sql("move_outcomes")).fetchall()[0][0])
    finally:
        cur.unregister("incoming_moves")


def apply_jobmap_plan(workspace: Workspace, plan: JobMapPlan) -> list[str]:
    """Apply a job-map file's plan in one transaction (see the module docstring); what changed."""
    with edit(workspace) as (cur, changes):
        _push_snapshot(cur, f"job map from {plan.file_name}")
        existing = {step.name.casefold(): step for step in read_steps(cur)}
        file_ids: dict[str, int] = {}
        created = 0
        for file_step in plan.steps:
            step = existing.get(file_step.name.casefold())
            if step is None:
                file_ids[file_step.name] = insert_step(cur, file_step.name, file_step.description)
                created += 1
                continue
            description = file_step.description if file_step.description is not None else step.description
            update_step(cur, step, step.name, description, changes)
            file_ids[file_step.name] = step.step_id
        known = read_outcomes(cur)
        moves = pd.DataFrame(
            [(oid, file_ids[name]) for oid, name in plan.moves if oid in known], columns=["outcome_id", "step_id"]
        )
        moved = _move(cur, moves)
        in_file = set(file_ids.values())
        for step_id, name in cur.execute(sql("empty_steps")).fetchall():
            if step_id not in in_file:
                delete_step_rows(cur, int(step_id), None, [])
                changes.append(f"Removed the step “{name}”, left without outcomes")
        ordered = [file_ids[s.name] for s in plan.steps]
        set_order(cur, ordered + [s.step_id for s in read_steps(cur) if s.step_id not in in_file])
        if moved or created:
            changes.insert(
                0,
                f"Applied {plan.file_name}: {plural(len(plan.steps), 'step')} ({created} new), "
                f"{plural(moved, 'outcome')} moved",
            )
        if not changes:
            _drop_last(cur)
    return changes


def move_outcomes(
    workspace: Workspace, outcome_ids: Sequence[str], step_id: int, drawn: Drawn | None = None
) -> list[str]:
    """Move several outcomes to one step at once (one undoable change); from a stale page
    (``drawn``), refused whole when one of them moved or changed elsewhere since (issue 17.4)."""
    with edit(workspace, drawn) as (cur, changes):
        step = find_step(read_steps(cur), step_id)
        known = read_outcomes(cur)
        unknown = [str(o) for o in outcome_ids if str(o) not in known]
        if unknown:
            raise JobMapError(f"There is no outcome {', '.join(unknown)}.")
        if not outcome_ids:
            raise JobMapError("Pick at least one outcome to move.")
        leaving = {str(o) for o in outcome_ids if known[str(o)][0] != step.step_id}  # the undo names these
        _push_snapshot(cur, f"{plural(len(leaving), 'outcome')} moved to “{step.name}”")
        moves = pd.DataFrame({"outcome_id": [str(o) for o in outcome_ids], "step_id": step.step_id})
        moved = _move(cur, moves)
        if moved:
            changes.append(f"Moved {plural(moved, 'outcome')} to “{step.name}”")
        else:
            _drop_last(cur)
    return changes


def _drop_last(cur: Cursor) -> None:
    row = _last(cur)
    if row is not None:
        cur.execute(sql("drop_history_entry"), {"seq": row[0]})


def last_change(workspace: Workspace) -> str | None:
    """The label of the bulk change :func:`undo_last` would undo, or None."""
    row = _last(workspace.cursor())
    return None if row is None else str(row[1])


def undo_last(workspace: Workspace, drawn: Drawn | None = None) -> list[str]:
    """Put the job map back as it was before the newest bulk change (see the module docstring).

    From a stale page (``drawn``) it is refused (ChangedElsewhere, the entry stays) when a step or
    outcome it would put back changed elsewhere since: it never reverts an edit its user has not seen."""
    with edit(workspace, drawn) as (cur, changes):
        row = _last(cur)
        if row is None:
            raise JobMapError(NOTHING_TO_UNDO)
        seq, label, stored = row
        snapshot = json.loads(stored)
        frames = {
            "restored_steps": pd.DataFrame(snapshot["steps"], columns=["step_id", "step_order", "name", "description"]),
            "incoming_moves": pd.DataFrame(snapshot["outcomes"], columns=["outcome_id", "step_id"]),
            "restored_decisions": pd.DataFrame(
                snapshot["decisions"], columns=["scenario_id", "step_id", "choice", "target", "note"], dtype=object
            ),
        }
        for name, frame in frames.items():
            cur.register(name, frame)
        try:
            for name in ("restore_clear_steps", "restore_steps", "move_outcomes"):
                cur.execute(sql(name))
            cur.execute(sql("restore_delete_decisions"))
            cur.execute(sql("restore_decisions"))
        finally:
            for name in frames:
                cur.unregister(name)
        cur.execute(sql("drop_history_entry"), {"seq": seq})
        changes.append(f"Undid: {label}")
    return changes
