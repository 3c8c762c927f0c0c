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

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import Any, cast

import pandas as pd
from duckdb import DuckDBPyConnection as Cursor

from core.sqlfiles import one_row, query
from core.wording import plural
from core.workspace.database import Workspace

UNASSIGNED = "Unassigned"
NO_NAME = "A step needs a name: the name cannot be empty."
OUTCOME_TABLE_COLUMNS = ("outcome_id", "step", "statement")


class JobMapError(ValueError):
    """An edit that would break the job map; nothing was changed."""


class _Keep(Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP  # rename_step(..., description=KEEP) leaves the description as it is


@dataclass(frozen=True)
class Step:
    """One step as stored: ``position`` is its 1-based place in the job map."""

    step_id: int
    position: int
    name: str
    description: str | None


# --- reading, inside a transaction ------------------------------------------------------------
def _sql(name: str) -> str:
    return query("jobmap", name)


def _steps(cur: Cursor) -> list[Step]:
    rows = cur.execute(_sql("steps")).fetchall()
    return [Step(int(step_id), pos, name, desc) for pos, (step_id, _, name, desc) in enumerate(rows, start=1)]


def _step(steps: Sequence[Step], step_id: object) -> Step:
    for step in steps:
        if step.step_id == step_id:
            return step
    raise JobMapError(f"There is no step with id {step_id}.")


def _outcome_counts(cur: Cursor) -> dict[int, int]:
    return {int(step_id): int(n) for step_id, n in cur.execute(_sql("outcome_counts")).fetchall()}


def _outcomes(cur: Cursor) -> dict[str, tuple[int, str]]:
    return {oid: (int(step_id), text) for oid, step_id, text in cur.execute(_sql("outcomes")).fetchall()}


# --- values from users and editors ------------------------------------------------------------
def _text(value: Any) -> str | None:
    """Cell text, trimmed; None for blanks and missing values (None, NaN, pd.NA)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _whole_number(value: object, what: str) -> int | None:
    """A whole number from a cell (1, 1.0, "1"); None when blank."""
    if _text(value) is None:
        return None
    number = float(pd.to_numeric(str(value).strip(), errors="coerce"))
    if not number.is_integer():
        raise JobMapError(f"{what} must be a whole number, not “{value}”.")
    return int(number)


def _required(value: object, message: str) -> str:
    clean = _text(value)
    if clean is None:
        raise JobMapError(message)
    return clean


def _check_unique(names: Iterable[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name.casefold() in seen:
            raise JobMapError(f"Two steps would be called “{name}”: step names must be unique (ignoring case).")
        seen.add(name.casefold())


# --- writing, inside a transaction ------------------------------------------------------------
@contextmanager
def _edit(workspace: Workspace) -> Iterator[tuple[Cursor, list[str]]]:
    """One transaction; the revision grows after it commits if anything was recorded as changed."""
    changes: list[str] = []
    with workspace.transaction() as cur:
        yield cur, changes
    if changes:
        workspace.touch()


def _set_order(cur: Cursor, step_ids: list[int]) -> None:
    cur.execute(_sql("set_order"), {"step_ids": step_ids})


def _update_step(cur: Cursor, step: Step, name: str, description: str | None, changes: list[str]) -> None:
    if (name, description) != (step.name, step.description):
        cur.execute(_sql("update_step"), {"step_id": step.step_id, "name": name, "description": description})
    if name != step.name:
        changes.append(f"Renamed step {step.position} “{step.name}” to “{name}”")
    if description != step.description:
        changes.append(f"Edited the description of “{name}”")


def _insert_step(cur: Cursor, name: str, description: str | None, after_step_id: int | None = None) -> int:
    """Add a step right after ``after_step_id`` (at the end when None); returns its id."""
    ids = [step.step_id for step in _steps(cur)]
    step_id = int(one_row(cur.execute(_sql("next_step_id")))[0])
    params = {"step_id": step_id, "step_order": len(ids) + 1, "name": name, "description": description}
    cur.execute(_sql("insert_step"), params)
    ids.insert(len(ids) if after_step_id is None else ids.index(after_step_id) + 1, step_id)
    _set_order(cur, ids)
    return step_id


def _delete_step(cur: Cursor, step_id: int, move_outcomes_to: int | None, changes: list[str]) -> None:
    steps = _steps(cur)
    step = _step(steps, step_id)
    if move_outcomes_to is not None:
        if move_outcomes_to == step_id:
            raise JobMapError(f"Move the outcomes of “{step.name}” to another step, not to itself.")
        _step(steps, move_outcomes_to)
    moved = _outcome_counts(cur).get(step_id, 0)
    note = ""
    if moved:
        if move_outcomes_to is None:
            unassigned = (s for s in steps if s.name.casefold() == UNASSIGNED.casefold() and s.step_id != step_id)
            target = next(unassigned, None)
            if target is None and step.name.casefold() == UNASSIGNED.casefold():
                raise JobMapError(
                    f"“{step.name}” still holds {plural(moved, 'outcome')}: move them to other steps first."
                )
            move_outcomes_to = target.step_id if target else _insert_step(cur, UNASSIGNED, None)
        target_name = _step(_steps(cur), move_outcomes_to).name
        cur.execute(_sql("move_step_outcomes"), {"step_id": step_id, "to_step_id": move_outcomes_to})
        note = f"; its {moved} outcome{'s' if moved != 1 else ''} moved to “{target_name}”"
    cur.execute(_sql("delete_step_decisions"), {"step_id": step_id})
    cur.execute(_sql("delete_step"), {"step_id": step_id})
    _set_order(cur, [s.step_id for s in _steps(cur)])
    changes.append(f"Deleted step “{step.name}”{note}")


def _move_outcome(cur: Cursor, outcome_id: str, step: Step, changes: list[str]) -> None:
    cur.execute(_sql("move_outcome"), {"outcome_id": outcome_id, "step_id": step.step_id})
    changes.append(f"Moved {outcome_id} to “{step.name}”")


def _edit_statement(cur: Cursor, outcome_id: str, statement: str, changes: list[str]) -> None:
    cur.execute(_sql("edit_statement"), {"outcome_id": outcome_id, "statement": statement})
    changes.append(f"Edited the statement of {outcome_id}")


def _outcome(outcomes: dict[str, tuple[int, str]], outcome_id: object) -> tuple[str, int, str]:
    key = _text(outcome_id)
    if key not in outcomes:
        raise JobMapError(f"There is no outcome {outcome_id}.")
    return key, *outcomes[key]


# --- one edit at a time -----------------------------------------------------------------------
def rename_step(workspace: Workspace, step_id: int, name: str, description: str | _Keep | None = KEEP) -> list[str]:
    """Rename a step (and set its description unless ``KEEP``); names stay unique ignoring case."""
    with _edit(workspace) as (cur, changes):
        steps = _steps(cur)
        step = _step(steps, step_id)
        clean = _required(name, NO_NAME)
        _check_unique([s.name for s in steps if s.step_id != step_id] + [clean])
        new_description = step.description if description is KEEP else _text(description)
        _update_step(cur, step, clean, new_description, changes)
    return changes


def add_step(workspace: Workspace, name: str, after_step_id: int | None = None, description: str | None = None) -> int:
    """Add a step at the end, or right after ``after_step_id``; returns the new step_id (max + 1)."""
    with _edit(workspace) as (cur, changes):
        steps = _steps(cur)
        clean = _required(name, NO_NAME)
        _check_unique([s.name for s in steps] + [clean])
        if after_step_id is not None:
            _step(steps, after_step_id)
        step_id = _insert_step(cur, clean, _text(description), after_step_id)
        changes.append(f"Added step “{clean}”")
    return step_id


def delete_step(workspace: Workspace, step_id: int, move_outcomes_to: int | None = None) -> list[str]:
    """Delete a step and its focus-matrix decisions; its outcomes move first.

    The outcomes go to ``move_outcomes_to``, or else to the step "Unassigned" (created at the
    end when missing). Deleting "Unassigned" itself while it holds outcomes needs a target.
    """
    with _edit(workspace) as (cur, changes):
        _delete_step(cur, step_id, move_outcomes_to, changes)
    return changes


def reorder_steps(workspace: Workspace, ordered_step_ids: Sequence[int]) -> list[str]:
    """Put the steps in the given order; ``ordered_step_ids`` must list every step exactly once."""
    with _edit(workspace) as (cur, changes):
        steps = _steps(cur)
        ids = [int(step_id) for step_id in ordered_step_ids]
        if sorted(ids) != sorted(s.step_id for s in steps):
            raise JobMapError("The new order must list every step exactly once.")
        if ids != [s.step_id for s in steps]:
            _set_order(cur, ids)
            changes.append("Reordered the steps")
    return changes


def move_step(workspace: Workspace, step_id: int, offset: int) -> list[str]:
    """Move a step ``offset`` places (−1 up, +1 down), stopping at either end of the map."""
    with _edit(workspace) as (cur, changes):
        steps = _steps(cur)
        step = _step(steps, step_id)
        ids = [s.step_id for s in steps]
        target = min(max(step.position - 1 + offset, 0), len(ids) - 1)
        if target != step.position - 1:
            ids.remove(step_id)
            ids.insert(target, step_id)
            _set_order(cur, ids)
            changes.append(f"Moved “{step.name}” to position {target + 1}")
    return changes


def move_outcome(workspace: Workspace, outcome_id: str, step_id: int) -> list[str]:
    """Move one outcome to another step."""
    with _edit(workspace) as (cur, changes):
        key, current_step, _ = _outcome(_outcomes(cur), outcome_id)
        step = _step(_steps(cur), step_id)
        if step.step_id != current_step:
            _move_outcome(cur, key, step, changes)
    return changes


def edit_statement(workspace: Workspace, outcome_id: str, statement: str) -> list[str]:
    """Change an outcome's statement (trimmed, non-empty)."""
    with _edit(workspace) as (cur, changes):
        key, _, current = _outcome(_outcomes(cur), outcome_id)
        clean = _required(statement, f"Outcome {key} needs a statement: it cannot be empty.")
        if clean != current:
            _edit_statement(cur, key, clean, changes)
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
        raise JobMapError(f"The {what} table lacks the column(s) {', '.join(missing)}.")


def _step_rows(edited: pd.DataFrame, steps: Sequence[Step]) -> list[_StepRow]:
    """Parse and validate the edited step table; blank new rows (just added, not filled) are skipped."""
    _require_columns(edited, ("step_id", "order", "name"), "step")
    rows: list[_StepRow] = []
    for number, record in enumerate(edited.to_dict("records"), start=1):
        step_id = _whole_number(record["step_id"], f"Row {number}: the step id")
        name, description = _text(record["name"]), _text(record.get("description"))
        order = _whole_number(record["order"], f"Row {number}: the order")
        if step_id is None and name is None and description is None and order is None:
            continue
        step = None if step_id is None else _step(steps, step_id)
        if name is None:
            label = "a new step" if step is None else f"step {step.position} (“{step.name}”)"
            raise JobMapError(f"Row {number}: {label} needs a name.")
        if order is not None and order < 1:
            raise JobMapError(f"Row {number}: the order must be 1 or more.")
        rows.append(_StepRow(number, step, order, name, description))
    ids = [row.step.step_id for row in rows if row.step is not None]
    if len(ids) != len(set(ids)):
        raise JobMapError("A step appears twice in the table.")
    _check_unique(row.name for row in rows)
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


def apply_step_table(workspace: Workspace, edited: pd.DataFrame) -> list[str]:
    """Apply an edited step table (columns step_id, order, name, description; others ignored).

    Rows with a known step_id rename or re-describe that step; rows without one add steps;
    steps missing from the table are deleted (their outcomes go to "Unassigned", their
    decisions are deleted); a changed ``order`` moves a row to that position. Anything
    invalid raises JobMapError before the transaction commits, so nothing is applied.
    Returns what changed.
    """
    with _edit(workspace) as (cur, changes):
        steps = _steps(cur)
        rows = _step_rows(edited, steps)
        kept = {row.step.step_id for row in rows if row.step is not None}
        final = _final_order(rows)
        for row in rows:
            if row.step is not None:
                _update_step(cur, row.step, row.name, row.description, changes)
        for position, row in enumerate(final, start=1):
            if row.step is None:
                row.step_id = _insert_step(cur, row.name, row.description)
                changes.append(f"Added step “{row.name}” at position {position}")
        for step in steps:
            if step.step_id not in kept:
                _delete_step(cur, step.step_id, None, changes)
        ordered = [row.step.step_id if row.step else row.step_id for row in final]
        extra = [s.step_id for s in _steps(cur) if s.step_id not in ordered]  # a new "Unassigned"
        _set_order(cur, cast(list[int], ordered) + extra)  # new steps got their ids above
        for position, row in enumerate(final, start=1):
            if row.step is not None and row.moved and row.step.position != position:
                changes.append(f"Moved “{row.name}” to position {position}")
    return changes


def apply_outcome_table(workspace: Workspace, edited: pd.DataFrame) -> list[str]:
    """Apply an edited outcome table (columns outcome_id, step (a step name), statement).

    Only the rows present are compared, so a table filtered to one step is fine; rows are
    neither added nor deleted here. An invalid row rolls back the whole table.
    """
    _require_columns(edited, OUTCOME_TABLE_COLUMNS, "outcome")
    with _edit(workspace) as (cur, changes):
        steps = _steps(cur)
        by_name = {step.name.casefold(): step for step in steps}
        outcomes = _outcomes(cur)
        seen: set[str] = set()
        for number, record in enumerate(edited.to_dict("records"), start=1):
            key, step_id, statement = _outcome(outcomes, record["outcome_id"])
            if key in seen:
                raise JobMapError(f"Row {number}: outcome {key} appears twice.")
            seen.add(key)
            step_name = _text(record["step"])
            step = by_name.get(step_name.casefold()) if step_name else None
            if step is None:
                raise JobMapError(f"Row {number}: {key} must belong to a step; there is no step “{step_name or ''}”.")
            clean = _required(record["statement"], f"Row {number}: {key} needs a statement.")
            if step.step_id != step_id:
                _move_outcome(cur, key, step, changes)
            if clean != statement:
                _edit_statement(cur, key, clean, changes)
    return changes
