"""The Differentiation Communication Map's rows, columns and settings in the workspace (issue 14.1).

SQL: ``core/sql/communication.sql``; tables: ``core/sql/schema_frameworks.sql``; messages:
core.strategy.communication_messages; checks and coverage: core.strategy.communication_checks.
Every change runs in one transaction and then bumps the workspace revision, so it is saved the
moment it happens. A bad request raises :class:`CommunicationError` with a sentence for the
user; nothing changes.

Decisions:

- **Touchpoints** (rows) have a name (trimmed, non-empty, at most 80 characters, unique ignoring
  case) and a journey stage (:data:`STAGES`, or blank). The defaults (:data:`DEFAULT_TOUCHPOINTS`)
  are seeded **once**: :func:`ensure_touchpoints` seeds a workspace that has no touchpoints and
  was never seeded, and records that it did (setting ``communication_seeded``), so deleting every
  touchpoint never brings the defaults back.
- Deleting a touchpoint deletes its messages too. The page asks first when there are any: the
  rows editor refuses to delete a touchpoint holding messages and points to a button that names
  how many messages go with it (README, Communication).
- **Elements** (columns): by default every step chosen *differentiate* in the active focus
  scenario (``step:<step_id>``); the facilitator hides a default (a ``comm_elements`` row of kind
  ``step`` with ``hidden``) or adds a capability of the Capabilities page, a proof or a free text.
  A step element that holds messages stays a column after its step stops being differentiated
  (its choice shows, and the checks list messages about *accepted* steps); when the step is
  deleted from the job map, its messages are **kept and shown as "step removed"** (never
  silently dropped), and the checks list them so the facilitator can move or delete them.
- The active scenario is read, never created here (the Focus matrix creates "Scenario 1").
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace

import pandas as pd

from core.sqlfiles import query
from core.strategy.focus import DIFFERENTIATE, LABELS, UNASSIGNED
from core.strategy.ordering import in_order
from core.strategy.scenarios import ACTIVE_KEY
from core.workspace.change_marks import Drawn
from core.workspace.database import Workspace
from core.workspace.setting_writes import put_setting
from core.workspace.settings import Loaded, SettingSpec, load_setting

STAGES = ("awareness", "consideration", "purchase", "use", "loyalty")
DEFAULT_TOUCHPOINTS = (
    ("Website", "awareness"),
    ("Advertising", "awareness"),
    ("Sales conversation", "consideration"),
    ("Demo", "consideration"),
    ("Proposal", "purchase"),
    ("Onboarding", "use"),
    ("Support", "use"),
    ("Renewal", "loyalty"),
)
SEEDED_KEY = "communication_seeded"
SETTINGS_KEY = "communication"
ELEMENT_KINDS = {"proof": "Proof", "text": "Free text", "capability": "Capability"}
STORED_KINDS = (*ELEMENT_KINDS, "step")  # "step": a default step column the facilitator hid
REMOVED = "removed"  # the choice of a step element whose step is gone
MAX_NAME = 80
MAX_TEXT = 1000
MAX_MIN_TOUCHPOINTS = 20
ELEMENT_COLUMNS = ["element_id", "kind", "name", "step_id", "step_order", "choice", "differentiated", "hidden"]


class CommunicationError(ValueError):
    """A change that cannot be made, with a sentence for the user; nothing was changed."""


def _sql(name: str) -> str:
    return query("communication", name)


# --- settings ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class CommunicationSettings:
    """Stored under ``communication``: N of the "fewer than N touchpoints" check, "who we are not
    for" (free text) and the target segments (``<segmentation_id>:<segment>`` keys)."""

    min_touchpoints: int = 3
    not_for: str = ""
    targets: tuple[str, ...] = ()


def check_settings(settings: CommunicationSettings) -> None:
    """The ranges the page accepts; raises ValueError outside them."""
    if not 1 <= settings.min_touchpoints <= MAX_MIN_TOUCHPOINTS:
        raise ValueError(f"N must be between 1 and {MAX_MIN_TOUCHPOINTS} touchpoints")
    if not isinstance(settings.targets, list | tuple) or not all(isinstance(t, str) for t in settings.targets):
        raise ValueError("the target segments must be a list of texts")
    if len(settings.not_for) > MAX_TEXT:
        raise ValueError(f"“who we are not for” must be at most {MAX_TEXT} characters")


SPEC = SettingSpec(
    SETTINGS_KEY, CommunicationSettings, "communication settings", "the Communication page", check_settings
)


def read_communication_settings(workspace: Workspace) -> Loaded[CommunicationSettings]:
    """The ``communication`` setting with the warnings about values that took their defaults
    (shown on the Communication page, ui/settings_notice.py)."""
    loaded = load_setting(workspace, SPEC)
    return replace(loaded, settings=replace(loaded.settings, targets=tuple(loaded.settings.targets)))


def load_communication_settings(workspace: Workspace) -> CommunicationSettings:
    """The ``communication`` setting; anything missing or unreadable takes its default."""
    return read_communication_settings(workspace).settings


def save_communication_settings(
    workspace: Workspace, *, drawn: Drawn | None = None, **changes: object
) -> CommunicationSettings:
    """Change some settings (min_touchpoints, not_for, targets); raises CommunicationError, and
    ChangedElsewhere when ``drawn`` (the page) is older than a change of them made elsewhere."""
    current = load_communication_settings(workspace)
    if "not_for" in changes:
        changes["not_for"] = " ".join(str(changes["not_for"] or "").split())
    if "targets" in changes:
        changes["targets"] = tuple(dict.fromkeys(str(t) for t in changes["targets"] or ()))  # type: ignore[union-attr]
    try:
        new = replace(current, **changes)  # type: ignore[arg-type]
        check_settings(new)
    except (TypeError, ValueError) as error:
        raise CommunicationError(f"Not saved: {error}.") from None
    value = {**new.__dict__, "targets": list(new.targets)}
    put_setting(workspace, SETTINGS_KEY, value, drawn=drawn, what="The communication settings")
    return new


# --- checking what the facilitator typed --------------------------------------------------------
def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return bool(pd.isna(value))  # type: ignore[arg-type]


def clean_text(value: object, what: str, limit: int = MAX_TEXT) -> str | None:
    """Single-spaced text, None when blank; CommunicationError beyond ``limit`` characters."""
    if is_blank(value):
        return None
    text = " ".join(str(value).split())
    if len(text) > limit:
        raise CommunicationError(f"The {what} has {len(text)} characters; keep it to {limit}.")
    return text


def stage_of(value: object) -> str | None:
    """A journey stage from :data:`STAGES` (any case), None when blank; CommunicationError otherwise."""
    text = clean_text(value, "stage", 40)
    if text is None:
        return None
    if text.lower() not in STAGES:
        raise CommunicationError(f"Stage “{text}” is not one of: {', '.join(STAGES)} (or leave it blank).")
    return text.lower()


# --- touchpoints ---------------------------------------------------------------------------------
def touchpoints(workspace: Workspace) -> pd.DataFrame:
    """touchpoint_id, name, stage, position — in row order."""
    return workspace.cursor().execute(_sql("touchpoints")).df()


def _touchpoint_name(workspace: Workspace, value: object, touchpoint_id: str | None) -> str:
    name = clean_text(value, "touchpoint name", MAX_NAME)
    if not name:
        raise CommunicationError("A touchpoint needs a name: type one, or delete the row.")
    for other_id, other in zip(*(touchpoints(workspace)[c] for c in ("touchpoint_id", "name")), strict=True):
        if str(other).casefold() == name.casefold() and other_id != touchpoint_id:
            raise CommunicationError(f"There is already a touchpoint called “{name}”: give this one another name.")
    return name


def ensure_touchpoints(workspace: Workspace) -> bool:
    """Seed the default touchpoints once (module docstring); True when it seeded them now."""
    if workspace.read_only or workspace.get_setting(SEEDED_KEY):
        return False
    count = workspace.cursor().execute(_sql("touchpoint_count")).fetchone()
    seeded = False
    if count is not None and int(count[0]) == 0:
        with workspace.transaction() as cur:
            for name, stage in DEFAULT_TOUCHPOINTS:
                cur.execute(_sql("insert_touchpoint"), {"touchpoint_id": new_id("tp"), "name": name, "stage": stage})
        seeded = True
    workspace.set_setting(SEEDED_KEY, True)
    return seeded


def new_id(prefix: str) -> str:
    """A fresh id such as ``tp_1a2b3c4d5e6f``."""
    return f"{prefix}_{secrets.token_hex(6)}"


def add_touchpoint(workspace: Workspace, name: object, stage: object = None) -> str:
    """Add a touchpoint at the bottom; returns its id."""
    clean = _touchpoint_name(workspace, name, None)
    touchpoint_id = new_id("tp")
    with workspace.transaction() as cur:
        row = {"touchpoint_id": touchpoint_id, "name": clean, "stage": stage_of(stage)}
        cur.execute(_sql("insert_touchpoint"), row)
    workspace.touch()
    return touchpoint_id


def _require_touchpoint(workspace: Workspace, touchpoint_id: str) -> None:
    if touchpoint_id not in set(touchpoints(workspace)["touchpoint_id"]):
        raise CommunicationError("That touchpoint no longer exists (deleted on another screen?).")


def update_touchpoint(workspace: Workspace, touchpoint_id: str, name: object, stage: object) -> None:
    """Rename a touchpoint and set its stage."""
    _require_touchpoint(workspace, touchpoint_id)
    clean = _touchpoint_name(workspace, name, touchpoint_id)
    with workspace.transaction() as cur:
        row = {"touchpoint_id": touchpoint_id, "name": clean, "stage": stage_of(stage)}
        cur.execute(_sql("update_touchpoint"), row)
    workspace.touch()


def reorder_touchpoints(workspace: Workspace, order: list[str]) -> None:
    """Put the touchpoints in ``order`` (ids); ids left out keep their relative order after them."""
    stored = list(touchpoints(workspace)["touchpoint_id"])
    with workspace.transaction() as cur:
        for position, touchpoint_id in enumerate(in_order(stored, order), start=1):
            cur.execute(_sql("set_touchpoint_position"), {"touchpoint_id": touchpoint_id, "position": position})
    workspace.touch()


def delete_touchpoint(workspace: Workspace, touchpoint_id: str) -> None:
    """Delete a touchpoint and every message at it (the page asks first; module docstring)."""
    with workspace.transaction() as cur:
        cur.execute(_sql("delete_touchpoint_messages"), {"touchpoint_id": touchpoint_id})
        cur.execute(_sql("delete_touchpoint"), {"touchpoint_id": touchpoint_id})
    workspace.touch()


# --- elements -------------------------------------------------------------------------------------
def stored_elements(workspace: Workspace) -> pd.DataFrame:
    """The comm_elements rows: element_id, kind, ref, name, position, hidden."""
    return workspace.cursor().execute(_sql("elements")).df()


def job_steps(workspace: Workspace) -> pd.DataFrame:
    """step_id, step_order, name in job order."""
    return workspace.cursor().execute(_sql("steps")).df()


def active_choices(workspace: Workspace) -> tuple[str | None, dict[int, str]]:
    """(name of the active scenario, step_id → choice); (None, {}) when there is no scenario."""
    cur = workspace.cursor()
    names = dict(cur.execute(_sql("scenario_names")).fetchall())
    chosen = workspace.get_setting(ACTIVE_KEY)
    if chosen not in names:
        chosen = next(iter(names), None)
    if chosen is None:
        return None, {}
    rows = cur.execute(_sql("scenario_choices"), {"scenario_id": chosen}).fetchall()
    return str(names[chosen]), {int(s): str(c) for s, c in rows}


def map_elements(
    workspace: Workspace,
    with_messages: set[str] | None = None,
    choices: dict[int, str] | None = None,
    steps: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every element the map knows (ELEMENT_COLUMNS), in column order, with ``shown``.

    Differentiated elements: the active scenario's differentiated steps that are not hidden, in
    job order, then the added elements in the order they were added. ``with_messages``: element
    ids holding messages; those of steps that are no longer differentiated (or no longer exist)
    are shown after them, so no message disappears from the map (module docstring). ``choices``
    (of :func:`active_choices`) and ``steps`` (:func:`job_steps`) are read when not given."""
    choices = active_choices(workspace)[1] if choices is None else choices
    steps = job_steps(workspace) if steps is None else steps
    stored = stored_elements(workspace)
    hidden = {str(r) for r, h in zip(stored["ref"], stored["hidden"], strict=True) if h}
    capabilities = dict(workspace.cursor().execute(_sql("capability_names")).fetchall())
    rows = []
    for step in steps.itertuples():
        step_id = int(step.step_id)  # type: ignore[arg-type]
        choice = choices.get(step_id, UNASSIGNED)
        rows.append(
            {
                "element_id": f"step:{step_id}",
                "kind": "step",
                "name": f"{int(step.step_order)} · {step.name}",  # type: ignore[arg-type]
                "step_id": step_id,
                "step_order": int(step.step_order),  # type: ignore[arg-type]
                "choice": choice,
                "differentiated": choice == DIFFERENTIATE and str(step_id) not in hidden,
                "hidden": str(step_id) in hidden,
            }
        )
    known_steps = {r["element_id"] for r in rows}
    for element in stored[stored["kind"] != "step"].itertuples():
        name = str(element.name or "")
        if element.kind == "capability":
            name = str(capabilities.get(element.ref, f"{name} (capability removed)"))
        rows.append(
            {"element_id": str(element.element_id), "kind": str(element.kind), "name": name, "step_id": None,
             "step_order": None, "choice": None, "differentiated": True, "hidden": False}
        )  # fmt: skip
    for element_id in sorted((with_messages or set()) - known_steps):
        if element_id.startswith("step:"):
            rows.append(
                {"element_id": element_id, "kind": "step", "name": f"Step removed ({element_id[5:]})",
                 "step_id": int(element_id[5:]) if element_id[5:].isdigit() else None, "step_order": None,
                 "choice": REMOVED, "differentiated": False, "hidden": False}
            )  # fmt: skip
    frame = pd.DataFrame(rows, columns=ELEMENT_COLUMNS)
    holds = frame["element_id"].isin(with_messages or set())
    frame["shown"] = frame["differentiated"] | (holds & ~frame["hidden"])
    order = frame["differentiated"].map({True: 0, False: 1})
    return frame.assign(_order=order).sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


def choice_label(choice: object) -> str:
    """How a step element's choice reads on the page."""
    if choice == REMOVED:
        return "step removed"
    if choice is None or (not isinstance(choice, str) and pd.isna(choice)):  # type: ignore[arg-type]
        return "added"
    return LABELS.get(str(choice), str(choice)).lower()


def add_element(workspace: Workspace, kind: str, name: object = None, capability_id: str | None = None) -> str:
    """Add a column: a capability (by id) or a proof or free text (``name``); returns its id."""
    if kind not in ELEMENT_KINDS:
        raise CommunicationError(f"“{kind}” is not an element kind: use {', '.join(ELEMENT_KINDS)}.")
    ref = None
    if kind == "capability":
        names = dict(workspace.cursor().execute(_sql("capability_names")).fetchall())
        if capability_id not in names:
            raise CommunicationError("Pick a capability of the Capabilities page (that one no longer exists).")
        taken = stored_elements(workspace)
        if capability_id in set(taken.loc[taken["kind"] == "capability", "ref"]):
            raise CommunicationError(f"“{names[capability_id]}” is already a column.")
        ref, text = capability_id, str(names[capability_id])
    else:
        text = clean_text(name, f"{ELEMENT_KINDS[kind].lower()}", MAX_NAME * 2)
        if not text:
            raise CommunicationError(f"Type the {ELEMENT_KINDS[kind].lower()} to add as a column.")
    element_id = new_id("el")
    with workspace.transaction() as cur:
        cur.execute(_sql("insert_element"), {"element_id": element_id, "kind": kind, "ref": ref, "name": text,
                                             "hidden": None})  # fmt: skip
    workspace.touch()
    return element_id


def delete_element(workspace: Workspace, element_id: str) -> None:
    """Delete an added element and its messages (a default step is hidden, not deleted)."""
    if element_id.startswith("step:"):
        raise CommunicationError("A differentiated step is hidden, not deleted: use “Hide”.")
    with workspace.transaction() as cur:
        cur.execute(_sql("delete_element_messages"), {"element_id": element_id})
        cur.execute(_sql("delete_element"), {"element_id": element_id})
    workspace.touch()


def hide_step(workspace: Workspace, step_id: int, hidden: bool) -> None:
    """Hide (True) or show again (False) a default step column; its messages are kept either way."""
    element_id = f"step-hidden:{int(step_id)}"
    with workspace.transaction() as cur:
        cur.execute(_sql("delete_element"), {"element_id": element_id})
        if hidden:
            cur.execute(_sql("insert_element"), {"element_id": element_id, "kind": "step", "ref": str(int(step_id)),
                                                 "name": None, "hidden": True})  # fmt: skip
    workspace.touch()


def delete_step_messages(workspace: Workspace, element_id: str) -> None:
    """Delete every message of an element (e.g. of a removed or accepted step), at the facilitator's request."""
    with workspace.transaction() as cur:
        cur.execute(_sql("delete_element_messages"), {"element_id": element_id})
    workspace.touch()
