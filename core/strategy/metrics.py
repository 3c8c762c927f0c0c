"""Differentiation metrics in the workspace (issue 14.4): add, edit, reorder, delete.

SQL: ``core/sql/metrics.sql``; tables: ``core/sql/schema_frameworks.sql``; the templates:
core.strategy.metric_templates; measurements: core.strategy.metric_measurements. Every change
runs in one transaction and bumps the workspace revision, so it is saved the moment it happens.

- A metric has a family (one of the four), a name (trimmed, non-empty, at most 120 characters,
  unique ignoring case: imports name metrics by it), a definition, a unit, a direction
  (higher / lower is better), a baseline and the date it held (the status rule's start, by
  default the day the metric was added), a target and a target date, an owner and optional
  links to a job step and to a segment.
- Added from a template, a metric takes the template's family, name, definition, unit and
  direction and keeps its key; a second copy of the same template gets " (2)" after its name.
- Deleting a metric deletes its measurements.
- A bad request raises :class:`MetricError` with a sentence for the user; nothing changes.
"""

from __future__ import annotations

import datetime as dt
import secrets

import pandas as pd

from core.sqlfiles import query
from core.strategy.metric_templates import DIRECTIONS, FAMILIES, template
from core.strategy.metric_values import ValueProblem, parse_date, parse_number
from core.strategy.ordering import in_order, moved
from core.wording import named
from core.workspace.database import Workspace

MAX_NAME = 120
MAX_TEXT = 1000
FIELDS = (
    "family",
    "name",
    "definition",
    "unit",
    "direction",
    "baseline",
    "baseline_date",
    "target",
    "target_date",
    "owner",
    "step_id",
    "segmentation_id",
    "segment",
)


class MetricError(ValueError):
    """A change that cannot be made, with a sentence for the user; nothing was changed."""


def sql(name: str) -> str:
    """A named query of core/sql/metrics.sql."""
    return query("metrics", name)


def metrics(workspace: Workspace) -> pd.DataFrame:
    """Every metric in list order (the columns of ``metrics``)."""
    return workspace.cursor().execute(sql("metrics")).df()


def stored_rows(workspace: Workspace) -> dict[str, dict]:
    frame = metrics(workspace).astype(object).where(lambda f: f.notna(), None)
    return {str(r["metric_id"]): r for r in frame.to_dict("records")}


def new_id() -> str:
    """A fresh metric id."""
    return "met_" + secrets.token_hex(6)


# --- checking what the facilitator typed ------------------------------------------------------
def is_blank(value: object) -> bool:
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    return not isinstance(value, str) and bool(pd.isna(value))  # type: ignore[arg-type]


def clean_text(value: object, what: str, limit: int = MAX_TEXT) -> str | None:
    """Text with its runs of white space made single; None when blank; too long raises."""
    if is_blank(value):
        return None
    text = " ".join(str(value).split())
    if len(text) > limit:
        raise MetricError(f"The {what} has {len(text)} characters; keep it to {limit}.")
    return text or None


def _name(value: object, taken: dict[str, str], metric_id: str | None) -> str:
    name = clean_text(value, "metric name", MAX_NAME)
    if not name:
        raise MetricError("A metric needs a name: type one, or delete the metric.")
    other = taken.get(name.casefold())
    if other is not None and other != metric_id:
        raise MetricError(f"There is already a metric called “{name}”: give this one another name.")
    return name


def _choice(value: object, allowed: dict[str, str], what: str) -> str:
    text = "" if is_blank(value) else str(value).strip()
    for key, label in allowed.items():
        if text.casefold() in (key.casefold(), label.casefold()):
            return key
    raise MetricError(f"{what.capitalize()} “{text}” is not one of: {', '.join(allowed.values())}.")


def _number(value: object, what: str) -> float | None:
    if is_blank(value):
        return None
    try:
        return parse_number(value)
    except ValueProblem as problem:
        raise MetricError(f"{what.capitalize()}: {problem}") from None


def _date(value: object, what: str) -> dt.date | None:
    if is_blank(value):
        return None
    try:
        return parse_date(value)
    except ValueProblem as problem:
        raise MetricError(f"{what.capitalize()}: {problem}") from None


def _step(value: object, steps: set[int]) -> int | None:
    if is_blank(value):
        return None
    try:
        step = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise MetricError(f"“{value}” is not a job step.") from None
    if step not in steps:
        raise MetricError("That job step no longer exists (the job map changed?): choose another or none.")
    return step


def clean_fields(row: dict, taken: dict[str, str], metric_id: str | None, steps: set[int]) -> dict:
    """Every field of a metric checked and normalised (raises MetricError)."""
    segment = clean_text(row.get("segment"), "segment", MAX_NAME)
    return {
        "family": _choice(row.get("family"), FAMILIES, "family"),
        "name": _name(row.get("name"), taken, metric_id),
        "definition": clean_text(row.get("definition"), "definition"),
        "unit": clean_text(row.get("unit"), "unit", 40),
        "direction": _choice(row.get("direction"), DIRECTIONS, "direction"),
        "baseline": _number(row.get("baseline"), "baseline"),
        "baseline_date": _date(row.get("baseline_date"), "baseline date"),
        "target": _number(row.get("target"), "target"),
        "target_date": _date(row.get("target_date"), "target date"),
        "owner": clean_text(row.get("owner"), "owner", MAX_NAME),
        "step_id": _step(row.get("step_id"), steps),
        "segmentation_id": clean_text(row.get("segmentation_id"), "segmentation", MAX_NAME) if segment else None,
        "segment": segment,
    }


def _taken(stored: dict[str, dict]) -> dict[str, str]:
    return {str(r["name"]).casefold(): mid for mid, r in stored.items()}


def _steps(workspace: Workspace) -> set[int]:
    return {int(r[0]) for r in workspace.cursor().execute(sql("steps")).fetchall()}


def _free_name(name: str, taken: dict[str, str]) -> str:
    candidate, number = name, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{name} ({number})"
    return candidate


# --- metrics ------------------------------------------------------------------------------------
def add_metric(workspace: Workspace, name: str, *, template_key: str | None = None, **fields: object) -> str:
    """Add a metric at the bottom of the list; returns its id. ``baseline_date`` defaults to today."""
    stored = stored_rows(workspace)
    values = {"family": "perception", "direction": "higher", "baseline_date": dt.date.today(), **fields}
    row = clean_fields({"name": name, **values}, _taken(stored), None, _steps(workspace))
    metric_id = new_id()
    with workspace.transaction() as cur:
        cur.execute(sql("insert_metric"), {"metric_id": metric_id, **row, "template_key": template_key})
    workspace.touch()
    return metric_id


def add_from_template(workspace: Workspace, key: str, **fields: object) -> str:
    """Add the metric of template ``key`` (family, name, definition, unit, direction); returns its id."""
    try:
        chosen = template(key)
    except KeyError:
        raise MetricError(f"There is no metric template “{key}”.") from None
    name = _free_name(chosen.name, _taken(stored_rows(workspace)))
    given = {"family": chosen.family, "definition": chosen.definition, "unit": chosen.unit}
    return add_metric(workspace, name, template_key=key, **given, direction=chosen.direction, **fields)


def update_metric(workspace: Workspace, metric_id: str, **fields: object) -> None:
    """Change some fields of a metric (any of :data:`FIELDS`); a blank clears an optional one."""
    stored = stored_rows(workspace)
    if metric_id not in stored:
        raise MetricError("That metric no longer exists (deleted on another screen?).")
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise MetricError(f"Unknown metric {named(sorted(unknown), 'field')}.")
    steps = _steps(workspace)
    if "step_id" not in fields and stored[metric_id]["step_id"] is not None:  # a step gone with a new job map
        steps.add(int(stored[metric_id]["step_id"]))  # stays linked until the link itself is changed
    row = clean_fields({**stored[metric_id], **fields}, _taken(stored), metric_id, steps)
    with workspace.transaction() as cur:
        cur.execute(sql("update_metric"), {"metric_id": metric_id, **row})
    workspace.touch()


def reorder(workspace: Workspace, order: list[str]) -> None:
    """Put the metrics in ``order`` (ids); ids left out keep their relative order after them."""
    stored = list(stored_rows(workspace))
    with workspace.transaction() as cur:
        for position, metric_id in enumerate(in_order(stored, order), start=1):
            cur.execute(sql("set_position"), {"metric_id": metric_id, "position": position})
    workspace.touch()


def move_metric(workspace: Workspace, metric_id: str, offset: int) -> None:
    """Move one metric up (negative ``offset``) or down the list."""
    ids = list(stored_rows(workspace))
    if metric_id not in ids:
        raise MetricError("That metric no longer exists (deleted on another screen?).")
    reorder(workspace, moved(ids, metric_id, offset))


def delete_metric(workspace: Workspace, metric_id: str) -> None:
    """Delete a metric and its measurements."""
    with workspace.transaction() as cur:
        cur.execute(sql("delete_metric_measurements"), {"metric_id": metric_id})
        cur.execute(sql("delete_metric"), {"metric_id": metric_id})
    workspace.touch()
