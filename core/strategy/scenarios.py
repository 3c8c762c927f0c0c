"""Focus-matrix scenarios in the workspace: never lost (docs/ARCHITECTURE.md, Focus matrix and scenarios).

SQL: ``core/sql/scenarios.sql``. A scenario is a name plus one decision per job step: a choice
(core.strategy.focus.CHOICES; no row = unassigned), a note and a target. Every function that changes
something runs one transaction, then bumps the workspace revision (:meth:`Workspace.touch`), so
a refresh, a second laptop or a server restart sees the change at once.

- A scenario always exists: :func:`active_scenario` creates "Scenario 1" when there is none and
  remembers the active one in the workspace setting ``focus_scenario``.
- Names are trimmed, non-empty, at most 80 characters and unique ignoring case.
- Decisions of steps that no longer exist are ignored; new steps are unassigned.
- Undo: before each change of choices the previous assignment is stored in
  ``scenario_history`` (newest 100 per scenario); :func:`undo` restores the latest one. Entries
  made before the survey was replaced are never applied.
- Two people at once (issue 17.4, core.workspace.change_marks): moves, undos, notes, targets and
  names take the view they were made from (``drawn``) and are refused when the same item changed
  elsewhere since.
- A bad request (unknown scenario, step or choice; a duplicate name) raises
  :class:`ScenarioError` with a sentence for the user; nothing is changed.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

import pandas as pd

from core.sqlfiles import one_row, query
from core.strategy.focus import CHOICES, LABELS, UNASSIGNED, Assignment
from core.workspace.change_marks import Drawn, check_and_mark
from core.workspace.database import Workspace

ACTIVE_KEY = "focus_scenario"
HISTORY_KEEP = 100
MAX_NAME = 80


class ScenarioError(ValueError):
    """A scenario change that cannot be made; nothing was changed."""


@dataclass(frozen=True)
class Target:
    """What a step aims for: the outcomes to excel at, and how many points (satisfaction 0–10)
    above the best competitor a differentiated step aims (None: the default margin)."""

    outcomes: tuple[str, ...] = ()
    margin: float | None = None

    def to_json(self) -> str | None:
        """Canonical JSON, or None when the target is empty."""
        if not self.outcomes and self.margin is None:
            return None
        return json.dumps({"outcomes": list(self.outcomes), "margin": self.margin}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | None) -> Target:
        if not text:
            return cls()
        data = json.loads(text)
        margin = data.get("margin")
        return cls(tuple(str(o) for o in data.get("outcomes") or ()), None if margin is None else float(margin))


@dataclass(frozen=True)
class Decision:
    step_id: int
    choice: str
    note: str | None = None
    target: Target = Target()


def _sql(name: str) -> str:
    return query("scenarios", name)


# --- scenarios ---------------------------------------------------------------------------
def list_scenarios(workspace: Workspace) -> pd.DataFrame:
    """scenario_id, name, created_at, notes, n_decided — oldest first."""
    return workspace.cursor().execute(_sql("list")).df()


def _names(workspace: Workspace) -> dict[str, str]:
    frame = list_scenarios(workspace)
    return dict(zip(frame["scenario_id"], frame["name"], strict=True))


def _require(workspace: Workspace, scenario_id: str) -> str:
    """The scenario's name; ScenarioError when it does not exist (any more)."""
    row = workspace.cursor().execute(_sql("scenario_name"), {"scenario_id": scenario_id}).fetchone()
    if row is None:
        raise ScenarioError("That scenario no longer exists; it may have been deleted on another screen.")
    return row[0]


def _clean_name(workspace: Workspace, name: object, exclude: str | None = None) -> str:
    text = " ".join(str(name or "").split())
    if not text:
        raise ScenarioError("A scenario needs a name.")
    if len(text) > MAX_NAME:
        raise ScenarioError(f"Keep scenario names to {MAX_NAME} characters.")
    taken = {n.casefold() for sid, n in _names(workspace).items() if sid != exclude}
    if text.casefold() in taken:
        raise ScenarioError(f"There is already a scenario called “{text}”.")
    return text


def _free_name(workspace: Workspace, base: str) -> str:
    taken = {n.casefold() for n in _names(workspace).values()}
    if base.casefold() not in taken:
        return base
    number = 2
    while f"{base} {number}".casefold() in taken:
        number += 1
    return f"{base} {number}"


def next_name(workspace: Workspace) -> str:
    """ "Scenario N" with the first N not taken."""
    number = len(_names(workspace)) + 1
    while f"scenario {number}" in {n.casefold() for n in _names(workspace).values()}:
        number += 1
    return f"Scenario {number}"


def create_scenario(workspace: Workspace, name: str | None = None, assignment: Assignment | None = None) -> str:
    """A new scenario (all steps unassigned unless ``assignment`` is given); returns its id."""
    scenario_id = secrets.token_hex(6)
    with workspace.transaction() as cur:
        clean = _clean_name(workspace, name or next_name(workspace))
        cur.execute(_sql("insert_scenario"), {"scenario_id": scenario_id, "name": clean, "notes": None})
        if assignment:
            _write_choices(cur, scenario_id, _known(workspace, assignment))
    workspace.touch()
    return scenario_id


def rename_scenario(workspace: Workspace, scenario_id: str, name: str, drawn: Drawn | None = None) -> None:
    """Rename; ``drawn`` (the view it was typed in) refuses a rename of a name changed elsewhere since."""
    _require(workspace, scenario_id)
    clean = _clean_name(workspace, name, exclude=scenario_id)
    with workspace.transaction() as cur:
        check_and_mark(cur, [f"scenario:{scenario_id}"], drawn, "This scenario's name")  # bumps the revision
        cur.execute(_sql("rename_scenario"), {"scenario_id": scenario_id, "name": clean})


def set_scenario_notes(workspace: Workspace, scenario_id: str, notes: str | None) -> None:
    _require(workspace, scenario_id)
    with workspace.transaction() as cur:
        cur.execute(_sql("set_scenario_notes"), {"scenario_id": scenario_id, "notes": (notes or "").strip() or None})
    workspace.touch()


def duplicate_scenario(workspace: Workspace, scenario_id: str, name: str | None = None) -> str:
    """A copy with the same choices, notes and targets (not the undo history); returns its id."""
    original = _require(workspace, scenario_id)
    new_id = secrets.token_hex(6)
    with workspace.transaction() as cur:
        clean = _clean_name(workspace, name or _free_name(workspace, f"{original} (copy)"))
        cur.execute(_sql("insert_scenario"), {"scenario_id": new_id, "name": clean, "notes": None})
        cur.execute(_sql("copy_decisions"), {"scenario_id": scenario_id, "new_id": new_id})
    workspace.touch()
    return new_id


def delete_scenario(workspace: Workspace, scenario_id: str) -> str:
    """Delete a scenario with its decisions and history; returns the scenario now active.

    The last scenario cannot be deleted (a scenario always exists).
    """
    _require(workspace, scenario_id)
    names = _names(workspace)
    if len(names) == 1:
        raise ScenarioError("This is the only scenario: create or duplicate another one before deleting it.")
    with workspace.transaction() as cur:
        for statement in ("delete_scenario_decisions", "delete_scenario_history", "delete_scenario"):
            cur.execute(_sql(statement), {"scenario_id": scenario_id})
    workspace.touch()
    if workspace.get_setting(ACTIVE_KEY) == scenario_id:
        workspace.set_setting(ACTIVE_KEY, next(s for s in names if s != scenario_id))
    return active_scenario(workspace)


def active_scenario(workspace: Workspace) -> str:
    """The active scenario's id; creates "Scenario 1" when the workspace has none."""
    chosen = workspace.get_setting(ACTIVE_KEY)
    names = _names(workspace)
    if chosen in names:
        return chosen
    if names:
        chosen = next(iter(names))
    else:
        try:
            chosen = create_scenario(workspace, "Scenario 1")
        except ScenarioError:  # another screen created it a moment ago
            return active_scenario(workspace)
    workspace.set_setting(ACTIVE_KEY, chosen, personal=True)
    return chosen


def set_active(workspace: Workspace, scenario_id: str) -> None:
    """Make ``scenario_id`` the active scenario; on a view link, for this viewer only (``personal``)."""
    _require(workspace, scenario_id)
    if workspace.get_setting(ACTIVE_KEY) != scenario_id:
        workspace.set_setting(ACTIVE_KEY, scenario_id, personal=True)


# --- decisions ---------------------------------------------------------------------------
def decisions(workspace: Workspace, scenario_id: str) -> dict[int, Decision]:
    """The scenario's decisions for the steps that exist now, by step_id."""
    rows = workspace.cursor().execute(_sql("decisions"), {"scenario_id": scenario_id}).fetchall()
    return {int(s): Decision(int(s), c, n, Target.from_json(t)) for s, c, n, t in rows}


def assignment(workspace: Workspace, scenario_id: str) -> Assignment:
    """step_id → choice for the decided steps that exist now (unassigned steps are absent)."""
    return {s: d.choice for s, d in decisions(workspace, scenario_id).items() if d.choice in CHOICES}


def all_assignments(workspace: Workspace) -> dict[str, Assignment]:
    """Every scenario's assignment, by scenario id (for comparing scenarios)."""
    result: dict[str, Assignment] = {sid: {} for sid in _names(workspace)}
    for sid, step_id, choice, _, _ in workspace.cursor().execute(_sql("all_decisions")).fetchall():
        if choice in CHOICES and sid in result:
            result[sid][int(step_id)] = choice
    return result


def _step_ids(workspace: Workspace) -> list[int]:
    return [int(r[0]) for r in workspace.cursor().execute(_sql("step_ids")).fetchall()]


def _known(workspace: Workspace, new: dict) -> Assignment:
    """The assignment restricted to existing steps; an unknown choice is an error."""
    known = set(_step_ids(workspace))
    for choice in new.values():
        if choice not in (*CHOICES, UNASSIGNED):
            raise ScenarioError(f"Unknown choice “{choice}”: use {', '.join(LABELS[c] for c in CHOICES)}.")
    return {int(s): c for s, c in new.items() if int(s) in known and c in CHOICES}


def _write_choices(cur, scenario_id: str, new: Assignment, old: Assignment | None = None) -> None:
    old = old or {}
    changed = sorted(set(new) | set(old))
    changed = [s for s in changed if new.get(s, UNASSIGNED) != old.get(s, UNASSIGNED)]
    params = {"scenario_id": scenario_id, "step_ids": changed, "choices": [new.get(s, UNASSIGNED) for s in changed]}
    cur.execute(_sql("update_choices"), params)
    cur.execute(_sql("insert_choices"), params)
    cur.execute(_sql("prune"), {"scenario_id": scenario_id})


def _dump(assignment: Assignment) -> str:
    return json.dumps({str(k): v for k, v in sorted(assignment.items())})


def set_assignment(
    workspace: Workspace, scenario_id: str, new: dict, label: str = "Moved steps", drawn: Drawn | None = None
) -> bool:
    """Make ``new`` the scenario's choices (steps it omits become unassigned); undoable.

    Returns False when nothing changed. Steps that do not exist are ignored. With ``drawn`` (the
    board or list the move was made on), a step whose choice changed elsewhere since is refused
    (:class:`ChangedElsewhere`, nothing written); other steps' marks do not matter.
    """
    _require(workspace, scenario_id)
    clean = _known(workspace, new)
    with workspace.transaction() as cur:
        rows = cur.execute(_sql("decisions"), {"scenario_id": scenario_id}).fetchall()
        old = {int(s): c for s, c, _, _ in rows if c in CHOICES}
        if clean == old:
            return False
        moved = [s for s in set(clean) | set(old) if clean.get(s) != old.get(s)]
        check_and_mark(cur, [f"choice:{scenario_id}:{s}" for s in moved], drawn, "A step you moved")
        params = {"scenario_id": scenario_id}
        cur.execute(_sql("push_history"), {**params, "label": label, "assignment": _dump(old)})
        cur.execute(_sql("trim_history"), {**params, "keep": HISTORY_KEEP})
        _write_choices(cur, scenario_id, clean, old)
    return True  # the revision grew inside the transaction (check_and_mark)


def set_choice(
    workspace: Workspace,
    scenario_id: str,
    step_id: int,
    choice: str | None,
    label: str | None = None,
    drawn: Drawn | None = None,
) -> bool:
    """One step's choice (None or 'unassigned' unassigns it); undoable. False when unchanged."""
    if int(step_id) not in _step_ids(workspace):
        raise ScenarioError("That job step no longer exists; it may have been deleted on the Job map page.")
    new = dict(assignment(workspace, scenario_id))
    new[int(step_id)] = choice or UNASSIGNED
    label = label or f"{LABELS.get(choice or UNASSIGNED, choice)}: step {step_id}"
    return set_assignment(workspace, scenario_id, new, label, drawn)


def history_size(workspace: Workspace, scenario_id: str) -> int:
    """How many changes of this scenario can be undone."""
    return int(one_row(workspace.cursor().execute(_sql("history_size"), {"scenario_id": scenario_id}))[0])


def undo(workspace: Workspace, scenario_id: str, drawn: Drawn | None = None) -> str | None:
    """Restore the choices before the latest change; returns that change's label (None: nothing to undo).

    The steps it puts back are checked like a move: from a stale board (``drawn``), an undo of a
    step another writer moved since is refused (:class:`ChangedElsewhere`), so it never takes back
    a move its user has not seen; the history entry stays."""
    _require(workspace, scenario_id)
    with workspace.transaction() as cur:
        last = cur.execute(_sql("last_history"), {"scenario_id": scenario_id}).fetchone()
        if last is None:
            return None
        seq, label, stored = last
        known = set(_step_ids(workspace))
        previous = {int(s): c for s, c in json.loads(stored).items() if int(s) in known and c in CHOICES}
        rows = cur.execute(_sql("decisions"), {"scenario_id": scenario_id}).fetchall()
        current = {int(s): c for s, c, _, _ in rows if c in CHOICES}
        moved = [s for s in set(previous) | set(current) if previous.get(s) != current.get(s)]
        check_and_mark(cur, [f"choice:{scenario_id}:{s}" for s in moved], drawn, "A step this undo would move back")
        _write_choices(cur, scenario_id, previous, current)
        cur.execute(_sql("drop_history_entry"), {"scenario_id": scenario_id, "seq": seq})
    return label  # the revision grew inside the transaction (check_and_mark)


def _decision_row(cur, scenario_id: str, step_id: int) -> None:
    if not cur.execute(_sql("step_exists"), {"step_id": int(step_id)}).fetchone()[0]:
        raise ScenarioError("That job step no longer exists; it may have been deleted on the Job map page.")
    cur.execute(_sql("ensure_decision"), {"scenario_id": scenario_id, "step_id": int(step_id)})


def set_note(
    workspace: Workspace, scenario_id: str, step_id: int, note: str | None, drawn: Drawn | None = None
) -> None:
    """The facilitator's note on a step (blank clears it); ``drawn``: refused if changed elsewhere since."""
    _require(workspace, scenario_id)
    with workspace.transaction() as cur:
        check_and_mark(cur, [f"note:{scenario_id}:{int(step_id)}"], drawn, "This step's note")
        _decision_row(cur, scenario_id, step_id)
        params = {"scenario_id": scenario_id, "step_id": int(step_id), "note": (note or "").strip() or None}
        cur.execute(_sql("set_note"), params)
        cur.execute(_sql("prune"), {"scenario_id": scenario_id})


def set_target(
    workspace: Workspace, scenario_id: str, step_id: int, target: Target, drawn: Drawn | None = None
) -> None:
    """A step's target: outcomes to excel at and the margin above the best competitor;
    ``drawn``: refused when this step's target changed elsewhere since (item ``target:<scenario>:<step>``)."""
    if target.margin is not None and not 0 <= target.margin <= 10:
        raise ScenarioError("The margin above the best competitor is between 0 and 10 points.")
    _require(workspace, scenario_id)
    with workspace.transaction() as cur:
        check_and_mark(cur, [f"target:{scenario_id}:{int(step_id)}"], drawn, "This step's target")
        _decision_row(cur, scenario_id, step_id)
        params = {"scenario_id": scenario_id, "step_id": int(step_id), "target": target.to_json()}
        cur.execute(_sql("set_target"), params)
        cur.execute(_sql("prune"), {"scenario_id": scenario_id})
