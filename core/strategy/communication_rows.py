"""The Communication page's touchpoint table, saved as a whole (an st.data_editor's result).

:func:`apply_touchpoint_table` checks every row first (names, stages, deletions) and only then
writes, so a bad row changes nothing. A row removed from the table is deleted only when its
touchpoint holds no message: deleting one that does goes through the page's explicit prompt,
which names how many messages go with it (core.strategy.communication, module docstring).
"""

from __future__ import annotations

import pandas as pd

from core.strategy.communication import (
    MAX_NAME,
    CommunicationError,
    add_touchpoint,
    clean_text,
    delete_touchpoint,
    reorder_touchpoints,
    stage_of,
    touchpoints,
    update_touchpoint,
)
from core.strategy.communication_messages import messages
from core.wording import plural
from core.workspace.database import Workspace


def message_counts(workspace: Workspace) -> dict[str, int]:
    """touchpoint_id → number of messages (any element, any variant) stored there."""
    return {str(k): int(v) for k, v in messages(workspace).groupby("touchpoint_id").size().items()}


def apply_touchpoint_table(workspace: Workspace, table: pd.DataFrame) -> list[str]:
    """Save the edited touchpoints (touchpoint_id, order, name, stage): add, rename, re-stage,
    reorder (by ``order``, then the table's order) and delete; returns what changed."""
    stored = touchpoints(workspace)
    before = {str(r["touchpoint_id"]): r for r in stored.to_dict("records")}
    rows = table.astype(object).where(table.notna(), None).to_dict("records")
    counts = message_counts(workspace)
    kept_ids = {str(r["touchpoint_id"]) for r in rows if r.get("touchpoint_id")}
    gone = [t for t in before if t not in kept_ids]
    for touchpoint_id in gone:
        if counts.get(touchpoint_id):
            name = before[touchpoint_id]["name"]
            raise CommunicationError(
                f"“{name}” holds {plural(counts[touchpoint_id], 'message')}: delete it with “Delete a touchpoint "
                "and its messages” below, which asks first."
            )
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        name = clean_text(row.get("name"), "touchpoint name", MAX_NAME)
        if not name:
            raise CommunicationError(f"Row {number} has no touchpoint name: type one, or delete the row.")
        if name.casefold() in seen:
            raise CommunicationError(f"Rows {seen[name.casefold()]} and {number} are both called “{name}”.")
        seen[name.casefold()] = number
        row["name"], row["stage"] = name, stage_of(row.get("stage"))
    said = []
    for touchpoint_id in gone:
        delete_touchpoint(workspace, touchpoint_id)
        said.append(f"Deleted {before[touchpoint_id]['name']}")
    for row in rows:
        touchpoint_id = row.get("touchpoint_id")
        if not touchpoint_id:
            row["touchpoint_id"] = add_touchpoint(workspace, row["name"], row["stage"])
            said.append(f"Added {row['name']}")
            continue
        old = before.get(str(touchpoint_id))
        if old is None:
            raise CommunicationError("That touchpoint no longer exists (deleted on another screen?).")
        if (old["name"], old["stage"] if isinstance(old["stage"], str) else None) != (row["name"], row["stage"]):
            update_touchpoint(workspace, str(touchpoint_id), row["name"], row["stage"])
            said.append(f"Saved {row['name']}")
    ranked = sorted(enumerate(rows, start=1), key=lambda pair: _rank(pair[1].get("order"), pair[0]))
    order = [str(r["touchpoint_id"]) for _, r in ranked]
    if order != [str(t) for t in touchpoints(workspace)["touchpoint_id"]]:
        reorder_touchpoints(workspace, order)
        said.append("New order of the touchpoints")
    return said


def _rank(value: object, row: int) -> tuple[float, int]:
    """Sort key of a row: its Order; a row moved up goes before the row it lands on, a row moved
    down after it; a row without an Order (a new one) goes last."""
    try:
        order = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("inf"), 0
    return order, (order > row) - (order < row)
