"""Capabilities, their links to needs and the matrix's columns in the workspace (issue 13.1).

SQL: ``core/sql/capabilities.sql``; tables: ``core/sql/schema_frameworks.sql``; rules:
core.strategy.vrio. Every change runs in one transaction and then bumps the workspace revision
(:meth:`Workspace.touch`), so it is saved the moment it happens and every screen sees it.

- A capability has a name (trimmed, non-empty, at most 120 characters, unique ignoring case),
  a description and an owner (free text), a current strength 0–3, a cost and an effort
  (low / medium / high or a number of points, core.strategy.vrio.level_points), and VRIO answers.
- Deleting a capability deletes its links.
- One link per capability × need: :func:`set_link` replaces the pair's row; *none* without a
  note is stored as no row at all.
- Columns: :func:`include_need` records that the facilitator added (True) or removed (False) a
  need from the default columns; None forgets the choice (back to the default).
- A bad request raises :class:`CapabilityError` with a sentence for the user; nothing changes.
"""

from __future__ import annotations

import secrets
from typing import Any

import pandas as pd

from core.sqlfiles import query
from core.strategy.ordering import in_order, moved
from core.strategy.vrio import BARRIERS, LINK_LABELS, level_points
from core.wording import named
from core.workspace.database import Workspace

MAX_NAME = 120
MAX_TEXT = 1000
FIELDS = ("name", "description", "owner", "strength", "cost", "effort")
VRIO_FIELDS = ("valuable", "rare", "inimitable", "barrier", "organized")
STRENGTHS = (0, 1, 2, 3)  # current strength: 0 none … 3 strong
_KEEP: Any = object()  # set_link: leave the note as it is


class CapabilityError(ValueError):
    """A change that cannot be made, with a sentence for the user; nothing was changed."""


def _sql(name: str) -> str:
    return query("capabilities", name)


def capabilities(workspace: Workspace) -> pd.DataFrame:
    """Every capability in row order (the columns of ``capabilities``)."""
    return workspace.cursor().execute(_sql("capabilities")).df()


def links(workspace: Workspace) -> pd.DataFrame:
    """capability_id, outcome_id, strength (0–3), note: one row per linked pair."""
    return workspace.cursor().execute(_sql("links")).df()


def need_choices(workspace: Workspace) -> dict[str, bool]:
    """outcome_id → True (added to the columns) / False (removed from them)."""
    return {str(o): bool(i) for o, i in workspace.cursor().execute(_sql("need_choices")).fetchall()}


# --- checking what the facilitator typed ------------------------------------------------------
def is_blank(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))  # type: ignore[arg-type]


def _text(value: object, what: str, limit: int = MAX_TEXT) -> str | None:
    if is_blank(value):
        return None
    text = " ".join(str(value).split())
    if len(text) > limit:
        raise CapabilityError(f"The {what} has {len(text)} characters; keep it to {limit}.")
    return text or None


def _name(value: object, taken: dict[str, str], capability_id: str | None) -> str:
    name = _text(value, "capability name", MAX_NAME)
    if not name:
        raise CapabilityError("A capability needs a name: type one, or delete the row.")
    other = taken.get(name.casefold())
    if other is not None and other != capability_id:
        raise CapabilityError(f"There is already a capability called “{name}”: give this one another name.")
    return name


def _strength(value: object) -> int | None:
    if is_blank(value):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise CapabilityError(f"Strength “{value}” is not a number: use 0, 1, 2 or 3.") from None
    if number not in STRENGTHS:
        raise CapabilityError(f"Strength {value} is outside 0–3: use 0 (none) to 3 (strong).")
    return int(number)


def _level(value: object, what: str) -> str | None:
    if is_blank(value) or not str(value).strip():
        return None
    try:
        points = level_points(value)
    except ValueError as error:
        raise CapabilityError(f"{what.capitalize()}: {error} Use low, medium, high or a number of points.") from None
    text = str(value).strip().lower()
    return text if text in ("low", "medium", "high") else f"{points:g}"


def _flag(value: object, what: str) -> bool | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    raise CapabilityError(f"{what.capitalize()} must be yes, no or blank.")


def _barrier(value: object) -> str | None:
    text = _text(value, "barrier", 80)
    if text is not None and text not in BARRIERS:
        raise CapabilityError(f"Barrier “{text}” is not one of: {', '.join(BARRIERS)}.")
    return text


def clean_fields(row: dict, taken: dict[str, str], capability_id: str | None) -> dict:
    """Every field of a capability checked and normalised (raises CapabilityError)."""
    return {
        "name": _name(row.get("name"), taken, capability_id),
        "description": _text(row.get("description"), "description"),
        "owner": _text(row.get("owner"), "owner", MAX_NAME),
        "strength": _strength(row.get("strength")),
        "cost": _level(row.get("cost"), "cost"),
        "effort": _level(row.get("effort"), "effort"),
        **{f: _flag(row.get(f), f) for f in ("valuable", "rare", "inimitable", "organized")},
        "barrier": _barrier(row.get("barrier")),
    }


def stored_rows(workspace: Workspace) -> dict[str, dict]:
    frame = capabilities(workspace).astype(object).where(lambda f: f.notna(), None)
    return {str(r["capability_id"]): r for r in frame.to_dict("records")}


def taken_names(stored: dict[str, dict]) -> dict[str, str]:
    return {str(r["name"]).casefold(): cid for cid, r in stored.items()}


def new_id() -> str:
    """A fresh capability id."""
    return "cap_" + secrets.token_hex(6)


# --- capabilities -----------------------------------------------------------------------------
def add_capability(workspace: Workspace, name: str, **fields: object) -> str:
    """Add a capability at the bottom; returns its id."""
    stored = stored_rows(workspace)
    row = clean_fields({"name": name, **fields}, taken_names(stored), None)
    capability_id = new_id()
    with workspace.transaction() as cur:
        cur.execute(_sql("insert_capability"), {"capability_id": capability_id, **{f: row[f] for f in FIELDS}})
        if any(row[f] is not None for f in VRIO_FIELDS):
            cur.execute(_sql("update_capability"), {"capability_id": capability_id, **row})
    workspace.touch()
    return capability_id


def update_capability(workspace: Workspace, capability_id: str, **fields: object) -> None:
    """Change some fields of a capability (name, description, owner, strength, cost, effort, VRIO)."""
    stored = stored_rows(workspace)
    if capability_id not in stored:
        raise CapabilityError("That capability no longer exists (deleted on another screen?).")
    unknown = set(fields) - set(FIELDS) - set(VRIO_FIELDS)
    if unknown:
        raise CapabilityError(f"Unknown capability {named(sorted(unknown), 'field')}.")
    row = clean_fields({**stored[capability_id], **fields}, taken_names(stored), capability_id)
    with workspace.transaction() as cur:
        cur.execute(_sql("update_capability"), {"capability_id": capability_id, **row})
    workspace.touch()


def reorder(workspace: Workspace, order: list[str]) -> None:
    """Put the capabilities in ``order`` (ids); ids left out keep their relative order after them."""
    stored = list(stored_rows(workspace))
    with workspace.transaction() as cur:
        for position, capability_id in enumerate(in_order(stored, order), start=1):
            cur.execute(_sql("set_position"), {"capability_id": capability_id, "position": position})
    workspace.touch()


def move_capability(workspace: Workspace, capability_id: str, offset: int) -> None:
    """Move one capability up (negative ``offset``) or down the rows."""
    ids = list(stored_rows(workspace))
    if capability_id not in ids:
        raise CapabilityError("That capability no longer exists (deleted on another screen?).")
    reorder(workspace, moved(ids, capability_id, offset))


def delete_capability(workspace: Workspace, capability_id: str) -> None:
    """Delete a capability and its links."""
    with workspace.transaction() as cur:
        cur.execute(_sql("delete_capability_links"), {"capability_id": capability_id})
        cur.execute(_sql("delete_capability"), {"capability_id": capability_id})
    workspace.touch()


# --- links -----------------------------------------------------------------------------------
def link_level(value: object) -> int:
    """A link level from 0–3 or its label (none / supports / enables / critical)."""
    if is_blank(value):
        return 0
    by_label = {label: level for level, label in LINK_LABELS.items()}
    if isinstance(value, str) and value.strip().lower() in by_label:
        return by_label[value.strip().lower()]
    if not isinstance(value, str) and value in LINK_LABELS:
        return int(value)  # type: ignore[arg-type]
    raise CapabilityError(f"“{value}” is not a link level: use none, supports, enables or critical.")


def check_known(workspace: Workspace, capability_ids: list[str], outcome_ids: list[str]) -> None:
    cur = workspace.cursor()
    known = {
        str(r[0]) for r in cur.execute(_sql("capability_ids")).fetchall()
    }  # not the whole rows: a cell edit's check
    if any(c not in known for c in capability_ids):
        raise CapabilityError("That capability no longer exists (deleted on another screen?).")
    outcomes = {str(r[0]) for r in cur.execute(_sql("outcome_ids")).fetchall()}
    missing = [o for o in outcome_ids if o not in outcomes]
    if missing:
        raise CapabilityError(f"The survey has no need {missing[0]}: it may have been replaced.")


def write_link(cur: Any, capability_id: str, outcome_id: str, level: int, note: str | None) -> None:
    pair = {"capability_id": capability_id, "outcome_id": outcome_id}
    cur.execute(_sql("delete_link"), pair)
    if level or note:
        cur.execute(_sql("insert_link"), {**pair, "strength": level, "note": note})


def link_notes(workspace: Workspace) -> dict[tuple[str, str], str | None]:
    frame = links(workspace)
    return {
        (str(c), str(o)): (None if is_blank(n) else str(n))
        for c, o, n in zip(frame["capability_id"], frame["outcome_id"], frame["note"], strict=True)
    }


def set_link(workspace: Workspace, capability_id: str, outcome_id: str, strength: object, note: object = _KEEP) -> None:
    """How ``capability_id`` enables ``outcome_id``: 0–3 or its label; ``note`` None clears it."""
    set_links(workspace, [(capability_id, outcome_id)], strength, note)


def set_links(workspace: Workspace, pairs: list[tuple[str, str]], strength: object, note: object = _KEEP) -> None:
    """The same level (and, when given, note) for every (capability_id, outcome_id) pair, at once."""
    level = link_level(strength)
    new_note = None if note is _KEEP else _text(note, "note")
    check_known(workspace, [c for c, _ in pairs], [o for _, o in pairs])
    notes = link_notes(workspace) if note is _KEEP else {}
    with workspace.transaction() as cur:
        for capability_id, outcome_id in pairs:
            kept = notes.get((capability_id, outcome_id)) if note is _KEEP else new_note
            write_link(cur, capability_id, outcome_id, level, kept)
    workspace.touch()


def set_row(workspace: Workspace, capability_id: str, outcome_ids: list[str], strength: object) -> None:
    """One capability's links to every need in ``outcome_ids`` (a whole row of the matrix)."""
    set_links(workspace, [(capability_id, o) for o in outcome_ids], strength)


def set_column(workspace: Workspace, outcome_id: str, capability_ids: list[str], strength: object) -> None:
    """Every capability in ``capability_ids`` linked to one need (a whole column of the matrix)."""
    set_links(workspace, [(c, outcome_id) for c in capability_ids], strength)


# --- columns ---------------------------------------------------------------------------------
def include_need(workspace: Workspace, outcome_id: str, included: bool | None) -> None:
    """Add (True) or remove (False) a need from the matrix's columns; None restores the default."""
    check_known(workspace, [], [outcome_id])
    with workspace.transaction() as cur:
        cur.execute(_sql("clear_need"), {"outcome_id": outcome_id})
        if included is not None:
            cur.execute(_sql("insert_need"), {"outcome_id": outcome_id, "included": bool(included)})
    workspace.touch()
