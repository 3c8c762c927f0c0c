"""Editing the job map: ordered steps and the outcomes each holds (docs/ARCHITECTURE.md, Data model).

SQL: ``core/sql/jobmap.sql``. Each public function is one transaction; when it changed
something it bumps the workspace revision (:meth:`Workspace.touch`) so cached scores and
tables are recomputed, and it returns a short list of what changed (empty: nothing did). An
invalid edit raises :class:`JobMapError` inside the transaction, so nothing is applied.

- Step names are trimmed, non-empty and unique ignoring case.
- ``step_order`` is renumbered 1..n after every change: a step's order is its position.
- A step that still holds outcomes never vanishes with them: :func:`delete_step` moves them to
  the step given, else to the step "Unassigned" (added at the end when missing).
- Deleting a step also deletes its rows in ``decisions``: focus-matrix choices are one row per
  step and would describe nothing. The scenarios themselves stay.
- A moved outcome keeps its ``outcome_order`` (its place in the survey), so within its new
  step it sorts by where it stood in the survey.
- :func:`apply_step_table` / :func:`apply_outcome_table` apply what an ``st.data_editor``
  returned: the whole table, or nothing when any row is invalid.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import cast

import pandas as pd

from core.strategy.jobmap_rows import (
    NO_NAME,
    OUTCOME_TABLE_COLUMNS,
    UNASSIGNED,
    JobMapError,
    Step,
    check_unique,
    delete_step_rows,
    edit,
    edit_statement_row,
    find_outcome,
    find_step,
    insert_step,
    move_outcome_row,
    read_outcomes,
    read_steps,
    required,
    set_order,
    text_or_none,
    update_step,
    whole_number,
)
from core.wording import named
from core.workspace.change_marks import Drawn
from core.workspace.database import Workspace


class _Keep(Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP  # rename_step(..., description=KEEP) leaves the description as it is


def rename_step(
    workspace: Workspace,
    step_id: int,
    name: str,
    description: str | _Keep | None = KEEP,
    drawn: Drawn | None = None,
) -> list[str]:
    """Rename a step (and set its description unless ``KEEP``); names stay unique ignoring case."""
    with edit(workspace, drawn) as (cur, changes):
        steps = read_steps(cur)
        step = find_step(steps, step_id)
        clean = required(name, NO_NAME)
        check_unique([s.name for s in steps if s.step_id != step_id] + [clean])
        new_description = step.description if description is KEEP else text_or_none(description)
        update_step(cur, step, clean, new_description, changes)
    return changes


def add_step(workspace: Workspace, name: str, after_step_id: int | None = None, description: str | None = None) -> int:
    """Add a step at the end, or right after ``after_step_id``; returns the new step_id (max + 1)."""
    with edit(workspace) as (cur, changes):
        steps = read_steps(cur)
        clean = required(name, NO_NAME)
        check_unique([s.name for s in steps] + [clean])
        if after_step_id is not None:
            find_step(steps, after_step_id)
        step_id = insert_step(cur, clean, text_or_none(description), after_step_id)
        changes.append(f"Added step “{clean}”")
    return step_id


def delete_step(
    workspace: Workspace, step_id: int, move_outcomes_to: int | None = None, drawn: Drawn | None = None
) -> list[str]:
    """Delete a step and its focus-matrix decisions; its outcomes move first.

    The outcomes go to ``move_outcomes_to``, or else to the step "Unassigned" (created at the
    end when missing). Deleting "Unassigned" itself while it holds outcomes needs a target.
    ``drawn``: refused when the step (or a step whose place the deletion shifts) changed elsewhere.
    """
    with edit(workspace, drawn) as (cur, changes):
        delete_step_rows(cur, step_id, move_outcomes_to, changes)
    return changes


def reorder_steps(workspace: Workspace, ordered_step_ids: Sequence[int]) -> list[str]:
    """Put the steps in the given order; ``ordered_step_ids`` must list every step exactly once."""
    with edit(workspace) as (cur, changes):
        steps = read_steps(cur)
        ids = [int(step_id) for step_id in ordered_step_ids]
        if sorted(ids) != sorted(s.step_id for s in steps):
            raise JobMapError("The new order must list every step exactly once.")
        if ids != [s.step_id for s in steps]:
            set_order(cur, ids)
            changes.append("Reordered the steps")
    return changes


def move_step(workspace: Workspace, step_id: int, offset: int, drawn: Drawn | None = None) -> list[str]:
    """Move a step ``offset`` places (−1 up, +1 down), stopping at either end of the map;
    ``drawn``: refused when a step it moves changed (or moved) elsewhere since (issue 17.4)."""
    with edit(workspace, drawn) as (cur, changes):
        steps = read_steps(cur)
        step = find_step(steps, step_id)
        ids = [s.step_id for s in steps]
        target = min(max(step.position - 1 + offset, 0), len(ids) - 1)
        if target != step.position - 1:
            ids.remove(step_id)
            ids.insert(target, step_id)
            set_order(cur, ids)
            changes.append(f"Moved “{step.name}” to position {target + 1}")
    return changes


def move_outcome(workspace: Workspace, outcome_id: str, step_id: int, drawn: Drawn | None = None) -> list[str]:
    """Move one outcome to another step; ``drawn``: refused when it moved elsewhere since (issue 17.4)."""
    with edit(workspace, drawn) as (cur, changes):
        key, current_step, _ = find_outcome(read_outcomes(cur), outcome_id)
        step = find_step(read_steps(cur), step_id)
        if step.step_id != current_step:
            move_outcome_row(cur, key, step, changes)
    return changes


def edit_statement(workspace: Workspace, outcome_id: str, statement: str, drawn: Drawn | None = None) -> list[str]:
    """Change an outcome's statement (trimmed, non-empty); ``drawn`` as in :func:`move_outcome`."""
    with edit(workspace, drawn) as (cur, changes):
        key, _, current = find_outcome(read_outcomes(cur), outcome_id)
        clean = required(statement, f"Outcome {key} needs a statement: it cannot be empty.")
        if clean != current:
            edit_statement_row(cur, key, clean, changes)
    return changes


# --- whole tables from st.data_editor ---------------------------------------------------------
@dataclass
class _StepRow:
    row: int  # 1-based row number in the table, for messages
    step: Step | None  # None for a new step
    order: int | None
    name: str
    description: str | None
    step_id: int | None = None  # filled in for new steps once inserted

    @property
    def moved(self) -> bool:
        return self.order is not None and (self.step is None or self.order != self.step.position)


def _require_columns(edited: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in edited.columns]
    if missing:
        raise JobMapError(f"The {what} table lacks the {named(missing, 'column')}.")


def _step_rows(edited: pd.DataFrame, steps: Sequence[Step]) -> list[_StepRow]:
    """Parse and validate the edited step table; blank new rows (just added, not filled) are skipped."""
    _require_columns(edited, ("step_id", "order", "name"), "step")
    rows: list[_StepRow] = []
    for number, record in enumerate(edited.to_dict("records"), start=1):
        step_id = whole_number(record["step_id"], f"Row {number}: the step id")
        name, description = text_or_none(record["name"]), text_or_none(record.get("description"))
        order = whole_number(record["order"], f"Row {number}: the order")
        if step_id is None and name is None and description is None and order is None:
            continue
        step = None if step_id is None else find_step(steps, step_id)
        if name is None:
            label = "a new step" if step is None else f"step {step.position} (“{step.name}”)"
            raise JobMapError(f"Row {number}: {label} needs a name.")
        if order is not None and order < 1:
            raise JobMapError(f"Row {number}: the order must be 1 or more.")
        rows.append(_StepRow(number, step, order, name, description))
    ids = [row.step.step_id for row in rows if row.step is not None]
    if len(ids) != len(set(ids)):
        raise JobMapError("A step appears twice in the table.")
    check_unique(row.name for row in rows)
    return rows


def _final_order(rows: list[_StepRow]) -> list[_StepRow]:
    """Rows in their new order.

    Rows whose order was not changed keep their relative order; a row whose order was changed
    (or a new row with an order) is placed at that position, in increasing order; new rows
    without an order go to the end.
    """
    sequence = sorted((r for r in rows if r.step and not r.moved), key=lambda r: cast(Step, r.step).position)
    for row in sorted((r for r in rows if r.moved), key=lambda r: (r.order, r.row)):
        sequence.insert(min(cast(int, row.order) - 1, len(sequence)), row)  # a moved row has an order
    return sequence + [r for r in rows if r.step is None and r.order is None]


def apply_step_table(workspace: Workspace, edited: pd.DataFrame, drawn: Drawn | None = None) -> list[str]:
    """Apply an edited step table (columns step_id, order, name, description; others ignored).

    Rows with a known step_id rename or re-describe that step; rows without one add steps;
    steps missing from the table are deleted (their outcomes go to "Unassigned", their
    decisions are deleted); a changed ``order`` moves a row to that position. Anything
    invalid raises JobMapError before the transaction commits, so nothing is applied.
    Returns what changed.
    """
    with edit(workspace, drawn) as (cur, changes):
        steps = read_steps(cur)
        rows = _step_rows(edited, steps)
        kept = {row.step.step_id for row in rows if row.step is not None}
        final = _final_order(rows)
        for row in rows:
            if row.step is not None:
                update_step(cur, row.step, row.name, row.description, changes)
        for position, row in enumerate(final, start=1):
            if row.step is None:
                row.step_id = insert_step(cur, row.name, row.description)
                changes.append(f"Added step “{row.name}” at position {position}")
        for step in steps:
            if step.step_id not in kept:
                delete_step_rows(cur, step.step_id, None, changes)
        ordered = [row.step.step_id if row.step else row.step_id for row in final]
        extra = [s.step_id for s in read_steps(cur) if s.step_id not in ordered]  # a new "Unassigned"
        set_order(cur, cast(list[int], ordered) + extra)  # new steps got their ids above
        for position, row in enumerate(final, start=1):
            if row.step is not None and row.moved and row.step.position != position:
                changes.append(f"Moved “{row.name}” to position {position}")
    return changes


def apply_outcome_table(workspace: Workspace, edited: pd.DataFrame, drawn: Drawn | None = None) -> list[str]:
    """Apply an edited outcome table (columns outcome_id, step (a step name), statement).

    Only the rows present are compared, so a table filtered to one step is fine; rows are
    neither added nor deleted here. An invalid row rolls back the whole table, and so does a row
    changing an outcome moved or edited elsewhere since ``drawn`` (ChangedElsewhere).
    """
    _require_columns(edited, OUTCOME_TABLE_COLUMNS, "outcome")
    with edit(workspace, drawn) as (cur, changes):
        steps = read_steps(cur)
        by_name = {step.name.casefold(): step for step in steps}
        outcomes = read_outcomes(cur)
        seen: set[str] = set()
        for number, record in enumerate(edited.to_dict("records"), start=1):
            key, step_id, statement = find_outcome(outcomes, record["outcome_id"])
            if key in seen:
                raise JobMapError(f"Row {number}: outcome {key} appears twice.")
            seen.add(key)
            step_name = text_or_none(record["step"])
            step = by_name.get(step_name.casefold()) if step_name else None
            if step is None:
                raise JobMapError(f"Row {number}: {key} must belong to a step; there is no step “{step_name or ''}”.")
            clean = required(record["statement"], f"Row {number}: {key} needs a statement.")
            if step.step_id != step_id:
                move_outcome_row(cur, key, step, changes)
            if clean != statement:
                edit_statement_row(cur, key, clean, changes)
    return changes


__all__ = [  # the job map's public API; the row-level pieces are core.strategy.jobmap_rows'
    "KEEP",
    "UNASSIGNED",
    "JobMapError",
    "Step",
    "add_step",
    "apply_outcome_table",
    "apply_step_table",
    "delete_step",
    "edit_statement",
    "move_outcome",
    "move_step",
    "rename_step",
    "reorder_steps",
]
