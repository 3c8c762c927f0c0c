"""Whole-table edits of the Capabilities page (the rows editor and the matrix grid), all or nothing.

The page's ``st.data_editor`` tables return the table with the facilitator's edits; these
functions compare it with what is stored and apply every difference in one transaction, or
raise :class:`core.strategy.capabilities.CapabilityError` naming the row and change nothing.
They return what changed, in words, for a toast.

Rows table columns: ``capability_id`` (blank for a new row), ``order``, ``name``,
``description``, ``owner``, ``strength``, ``cost``, ``effort``. A new row with every cell blank
is not saved yet (the facilitator just pressed "+"); a row removed from the table is deleted
with its links. ``order`` is the row's position: rows are sorted by it (ties keep their order).

Matrix table: ``capability_id`` plus one column per need (outcome id) holding a link label
(none / supports / enables / critical). Notes are kept.

Two people at once (issue 17.4): each function takes the table's ``drawn`` view and is refused
with ChangedElsewhere when another writer saved the same table since. Decision: the check is per
table (``table:capabilities`` for the rows and VRIO tables, which write the same rows;
``table:capability_links`` for the grid), not per row: a stale table holds the old value of every
cell, and the comparison with what is stored would put those back, so any change elsewhere to the
table makes the whole stale table unsafe to apply.
"""

from __future__ import annotations

import math

import pandas as pd

from core.sqlfiles import query
from core.strategy.capabilities import (
    FIELDS,
    CapabilityError,
    check_known,
    clean_fields,
    is_blank,
    link_level,
    link_notes,
    links,
    new_id,
    stored_rows,
    write_link,
)
from core.strategy.vrio import LINK_LABELS
from core.workspace.change_marks import Drawn, check_and_mark
from core.workspace.database import Workspace

EDITABLE = ("name", "description", "owner", "strength", "cost", "effort")
ROWS_ITEM, LINKS_ITEM = "table:capabilities", "table:capability_links"  # change marks (module docstring)


def _records(frame: pd.DataFrame) -> list[dict]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _order_key(row: dict, index: int) -> tuple[float, int, int]:
    """Sort key: the typed position; a row moved there goes before the row that held it."""
    order = row.get("order")
    try:
        value = math.inf if is_blank(order) else float(order)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise CapabilityError(f"Order “{order}” is not a number: type a row position (1, 2, …).") from None
    return value, 0 if value != index + 1 else 1, index


def apply_capability_table(workspace: Workspace, edited: pd.DataFrame, drawn: Drawn | None = None) -> list[str]:
    """Save the rows editor's table (module docstring); returns the changes in words."""
    stored = stored_rows(workspace)
    rows = [r for r in _records(edited) if not (is_blank(r.get("capability_id")) and _empty(r))]
    named: dict[str, str] = {}
    cleaned: list[tuple[str | None, dict]] = []
    for number, row in enumerate(rows, start=1):
        capability_id = None if is_blank(row.get("capability_id")) else str(row["capability_id"])
        if capability_id is not None and capability_id not in stored:
            raise CapabilityError("A capability in the table no longer exists (deleted on another screen?).")
        try:
            fields = clean_fields({**(stored.get(capability_id or "") or {}), **row}, named, capability_id or "")
        except CapabilityError as error:
            raise CapabilityError(f"Row {number}: {error}") from None
        named[fields["name"].casefold()] = capability_id or f"new {number}"
        cleaned.append((capability_id, fields))
    order = sorted(range(len(rows)), key=lambda i: _order_key(rows[i], i))
    kept = {c for c, _ in cleaned if c is not None}
    changes = [f"Deleted {stored[c]['name']}" for c in stored if c not in kept]
    for capability_id, fields in cleaned:
        if capability_id is None:
            changes.append(f"Added {fields['name']}")
        elif any(fields[f] != stored[capability_id][f] for f in EDITABLE):
            was = stored[capability_id]["name"]
            changes.append(f"Renamed {was} → {fields['name']}" if was != fields["name"] else f"Updated {was}")
    ids = [c for c, _ in cleaned]
    if order != list(range(len(rows))) or [c for c in ids if c] != [c for c in stored if c in kept]:
        changes.append("Reordered the capabilities")
    if not changes:
        return []
    with workspace.transaction() as cur:
        check_and_mark(cur, [ROWS_ITEM], drawn, "The capabilities table")
        for capability_id in stored:
            if capability_id not in kept:
                cur.execute(query("capabilities", "delete_capability_links"), {"capability_id": capability_id})
                cur.execute(query("capabilities", "delete_capability"), {"capability_id": capability_id})
        for index, (capability_id, fields) in enumerate(cleaned):
            if capability_id is None:
                capability_id = new_id()
                ids[index] = capability_id
                cur.execute(
                    query("capabilities", "insert_capability"),
                    {"capability_id": capability_id, **{f: fields[f] for f in FIELDS}},
                )
            cur.execute(query("capabilities", "update_capability"), {"capability_id": capability_id, **fields})
        for position, index in enumerate(order, start=1):
            cur.execute(query("capabilities", "set_position"), {"capability_id": ids[index], "position": position})
    return changes  # the revision grew inside the transaction (check_and_mark)


def _empty(row: dict) -> bool:
    return all(is_blank(row.get(f)) or (isinstance(row.get(f), str) and not row[f].strip()) for f in EDITABLE)


def apply_link_table(
    workspace: Workspace, edited: pd.DataFrame, outcome_ids: list[str], drawn: Drawn | None = None
) -> list[str]:
    """Save the matrix grid (module docstring); returns the changed cells in words."""
    stored = stored_rows(workspace)
    current = {
        (str(c), str(o)): int(s) for c, o, s in links(workspace)[["capability_id", "outcome_id", "strength"]].values
    }
    changed: list[tuple[str, str, int]] = []
    for row in _records(edited):
        capability_id = str(row.get("capability_id"))
        if capability_id not in stored:
            raise CapabilityError("A capability in the matrix no longer exists (deleted on another screen?).")
        for outcome_id in outcome_ids:
            try:
                level = link_level(row.get(outcome_id))
            except CapabilityError as error:
                raise CapabilityError(f"{stored[capability_id]['name']} × {outcome_id}: {error}") from None
            if level != current.get((capability_id, outcome_id), 0):
                changed.append((capability_id, outcome_id, level))
    if not changed:
        return []
    check_known(workspace, [], [o for _, o, _ in changed])
    notes = link_notes(workspace)
    with workspace.transaction() as cur:
        check_and_mark(cur, [LINKS_ITEM], drawn, "The capability matrix")
        for capability_id, outcome_id, level in changed:
            write_link(cur, capability_id, outcome_id, level, notes.get((capability_id, outcome_id)))
    return [f"{stored[c]['name']} × {o}: {LINK_LABELS[level]}" for c, o, level in changed]


VALUABLE_OPTIONS = {"derived": None, "yes": True, "no": False}


def _checked(value: object) -> bool:
    return bool(value) if not is_blank(value) else False


def apply_vrio_table(workspace: Workspace, edited: pd.DataFrame, drawn: Drawn | None = None) -> list[str]:
    """Save the VRIO table: capability_id, valuable (derived / yes / no), rare, inimitable,
    barrier, organized. Only rows that changed are written; an unticked box is stored as "no"."""
    stored = stored_rows(workspace)
    changed: dict[str, dict] = {}
    for row in _records(edited):
        capability_id = str(row.get("capability_id"))
        if capability_id not in stored:
            raise CapabilityError("A capability in the VRIO table no longer exists (deleted on another screen?).")
        choice = str(row.get("valuable") or "derived").strip().lower()
        if choice not in VALUABLE_OPTIONS:
            raise CapabilityError(f"Valuable “{row.get('valuable')}”: use derived, yes or no.")
        old = stored[capability_id]
        new = {
            "valuable": VALUABLE_OPTIONS[choice],
            **{f: _checked(row.get(f)) for f in ("rare", "inimitable", "organized")},
            "barrier": None if is_blank(row.get("barrier")) or not str(row["barrier"]).strip() else row["barrier"],
        }
        same = new["valuable"] == old["valuable"] and new["barrier"] == old["barrier"]
        if not same or any(new[f] != _checked(old[f]) for f in ("rare", "inimitable", "organized")):
            try:
                changed[capability_id] = clean_fields({**old, **new}, {}, capability_id)
            except CapabilityError as error:
                raise CapabilityError(f"{old['name']}: {error}") from None
    if not changed:
        return []
    with workspace.transaction() as cur:
        check_and_mark(cur, [ROWS_ITEM], drawn, "The VRIO table")
        for capability_id, fields in changed.items():
            cur.execute(query("capabilities", "update_capability"), {"capability_id": capability_id, **fields})
    return [f"VRIO of {stored[c]['name']}" for c in changed]
