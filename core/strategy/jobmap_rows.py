"""The job map's rows inside one transaction: reading steps and outcomes, and the writes every
job-map edit is made of (core.strategy.jobmap and core.strategy.jobmap_bulk build on them).
SQL: ``core/sql/jobmap.sql``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pandas as pd
from duckdb import DuckDBPyConnection as Cursor

from core.sqlfiles import one_row, query
from core.wording import plural
from core.workspace.change_marks import Drawn, check_and_mark
from core.workspace.database import Workspace

UNASSIGNED = "Unassigned"
NO_NAME = "A step needs a name: the name cannot be empty."
OUTCOME_TABLE_COLUMNS = ("outcome_id", "step", "statement")


class JobMapError(ValueError):
    """An edit that would break the job map; nothing was changed."""


@dataclass(frozen=True)
class Step:
    """One step as stored: ``position`` is its 1-based place in the job map."""

    step_id: int
    position: int
    name: str
    description: str | None


# --- reading, inside a transaction ------------------------------------------------------------
def sql(name: str) -> str:
    return query("jobmap", name)


def read_steps(cur: Cursor) -> list[Step]:
    rows = cur.execute(sql("steps")).fetchall()
    return [Step(int(step_id), pos, name, desc) for pos, (step_id, _, name, desc) in enumerate(rows, start=1)]


def find_step(steps: Sequence[Step], step_id: object) -> Step:
    for step in steps:
        if step.step_id == step_id:
            return step
    raise JobMapError(f"There is no step with id {step_id}.")


def outcome_counts(cur: Cursor) -> dict[int, int]:
    return {int(step_id): int(n) for step_id, n in cur.execute(sql("outcome_counts")).fetchall()}


def read_outcomes(cur: Cursor) -> dict[str, tuple[int, str]]:
    return {oid: (int(step_id), text) for oid, step_id, text in cur.execute(sql("outcomes")).fetchall()}


# --- values from users and editors ------------------------------------------------------------
def text_or_none(value: Any) -> str | None:
    """Cell text, trimmed; None for blanks and missing values (None, NaN, pd.NA)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def whole_number(value: object, what: str) -> int | None:
    """A whole number from a cell (1, 1.0, "1"); None when blank."""
    if text_or_none(value) is None:
        return None
    number = float(pd.to_numeric(str(value).strip(), errors="coerce"))
    if not number.is_integer():
        raise JobMapError(f"{what} must be a whole number, not “{value}”.")
    return int(number)


def required(value: object, message: str) -> str:
    clean = text_or_none(value)
    if clean is None:
        raise JobMapError(message)
    return clean


def check_unique(names: Iterable[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name.casefold() in seen:
            raise JobMapError(f"Two steps would be called “{name}”: step names must be unique (ignoring case).")
        seen.add(name.casefold())


# --- writing, inside a transaction ------------------------------------------------------------
@contextmanager
def edit(workspace: Workspace, drawn: Drawn | None = None) -> Iterator[tuple[Cursor, list[str]]]:
    """One transaction; the revision grows after it commits if anything was recorded as changed.

    Steps added, deleted, renamed, re-described or moved (``step:<id>``) and outcomes moved to another
    step or re-worded (``outcome:<id>``) are marked (core.workspace.change_marks) in the same
    transaction; with ``drawn`` (the page the edit was made on), an edit of a step or outcome
    changed elsewhere since is refused with ChangedElsewhere and nothing is applied (issue 17.4).
    Decision: items are found by comparing the rows before and after the edit, so every job-map
    change (single edits, tables, bulk moves, a file, an undo) is checked the same way.
    """
    changes: list[str] = []
    with workspace.transaction() as cur:
        before = _marked_rows(cur)
        yield cur, changes
        after = _marked_rows(cur)
        touched = [item for item in set(before) | set(after) if before.get(item) != after.get(item)]
        if touched:  # also bumps the revision, inside the transaction
            check_and_mark(cur, touched, drawn, _what(touched))
    if changes and not touched:
        workspace.touch()


def _marked_rows(cur: Cursor) -> dict[str, tuple]:
    """What a job-map edit can change, by change-mark item: each step's name, description and
    place, each outcome's step and statement."""
    rows: dict[str, tuple] = {f"step:{s.step_id}": (s.name, s.description, s.position) for s in read_steps(cur)}
    rows.update({f"outcome:{oid}": row for oid, row in read_outcomes(cur).items()})
    return rows


def _what(items: list[str]) -> str:
    """The thing a refusal names: steps, outcomes, or both."""
    kinds = {item.split(":", 1)[0] for item in items}
    if kinds == {"step"}:
        return "A job-map step you edited"
    return "An outcome you moved or edited" if kinds == {"outcome"} else "A job-map step or outcome you changed"


def set_order(cur: Cursor, step_ids: list[int]) -> None:
    cur.execute(sql("set_order"), {"step_ids": step_ids})


def update_step(cur: Cursor, step: Step, name: str, description: str | None, changes: list[str]) -> None:
    if (name, description) != (step.name, step.description):
        cur.execute(sql("update_step"), {"step_id": step.step_id, "name": name, "description": description})
    if name != step.name:
        changes.append(f"Renamed step {step.position} “{step.name}” to “{name}”")
    if description != step.description:
        changes.append(f"Edited the description of “{name}”")


def insert_step(cur: Cursor, name: str, description: str | None, after_step_id: int | None = None) -> int:
    """Add a step right after ``after_step_id`` (at the end when None); returns its id."""
    ids = [step.step_id for step in read_steps(cur)]
    step_id = int(one_row(cur.execute(sql("next_step_id")))[0])
    params = {"step_id": step_id, "step_order": len(ids) + 1, "name": name, "description": description}
    cur.execute(sql("insert_step"), params)
    ids.insert(len(ids) if after_step_id is None else ids.index(after_step_id) + 1, step_id)
    set_order(cur, ids)
    return step_id


def delete_step_rows(cur: Cursor, step_id: int, move_outcomes_to: int | None, changes: list[str]) -> None:
    steps = read_steps(cur)
    step = find_step(steps, step_id)
    if move_outcomes_to is not None:
        if move_outcomes_to == step_id:
            raise JobMapError(f"Move the outcomes of “{step.name}” to another step, not to itself.")
        find_step(steps, move_outcomes_to)
    moved = outcome_counts(cur).get(step_id, 0)
    note = ""
    if moved:
        if move_outcomes_to is None:
            unassigned = (s for s in steps if s.name.casefold() == UNASSIGNED.casefold() and s.step_id != step_id)
            target = next(unassigned, None)
            if target is None and step.name.casefold() == UNASSIGNED.casefold():
                raise JobMapError(
                    f"“{step.name}” still holds {plural(moved, 'outcome')}: move them to other steps first."
                )
            move_outcomes_to = target.step_id if target else insert_step(cur, UNASSIGNED, None)
        target_name = find_step(read_steps(cur), move_outcomes_to).name
        cur.execute(sql("move_step_outcomes"), {"step_id": step_id, "to_step_id": move_outcomes_to})
        note = f"; its {plural(moved, 'outcome')} moved to “{target_name}”"
    cur.execute(sql("delete_step_decisions"), {"step_id": step_id})
    cur.execute(sql("delete_step"), {"step_id": step_id})
    set_order(cur, [s.step_id for s in read_steps(cur)])
    changes.append(f"Deleted step “{step.name}”{note}")


def move_outcome_row(cur: Cursor, outcome_id: str, step: Step, changes: list[str]) -> None:
    cur.execute(sql("move_outcome"), {"outcome_id": outcome_id, "step_id": step.step_id})
    changes.append(f"Moved {outcome_id} to “{step.name}”")


def edit_statement_row(cur: Cursor, outcome_id: str, statement: str, changes: list[str]) -> None:
    cur.execute(sql("edit_statement"), {"outcome_id": outcome_id, "statement": statement})
    changes.append(f"Edited the statement of {outcome_id}")


def find_outcome(outcomes: dict[str, tuple[int, str]], outcome_id: object) -> tuple[str, int, str]:
    key = text_or_none(outcome_id)
    if key not in outcomes:
        raise JobMapError(f"There is no outcome {outcome_id}.")
    return key, *outcomes[key]


# --- one edit at a time -----------------------------------------------------------------------
