"""The small sheets of a workspace file, read into typed frames or refused with a message naming
the sheet, row and column (core.workspace.restore; the checks are in restore_checks)."""

from __future__ import annotations

import json

import pandas as pd

from core.strategy.focus import CHOICES, UNASSIGNED
from core.strategy.scenarios import Target
from core.wording import named
from core.workspace import restore_checks as checks
from core.workspace.file import WorkspaceFileError

TYPES = {"BIGINT": "Int64", "DOUBLE": "Float64", "VARCHAR": None}  # attribute type → pandas dtype (None: text)


def need(frame: pd.DataFrame | None, sheet: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """The sheet, or a message naming the columns it lacks."""
    missing = [c for c in columns if frame is None or c not in frame.columns]
    if frame is None or missing:
        raise WorkspaceFileError(
            f"The sheet '{sheet}' lacks the {named(missing, 'column')}: the file was changed "
            f"after it was downloaded. {checks.FIX}"
        )
    return frame


def steps(frame: pd.DataFrame | None) -> pd.DataFrame:
    frame = need(frame, "steps", ("step_id", "step_order", "name", "description"))
    result = pd.DataFrame(
        {
            "step_id": checks.typed("steps", frame, "step_id", "int"),
            "step_order": checks.typed("steps", frame, "step_order", "int"),
            "name": checks.typed("steps", frame, "name", "text"),
            "description": checks.typed("steps", frame, "description", "text", required=False),
        }
    )
    checks.unique("steps", result, ["step_id"], "The step id")
    return result.astype({"step_id": "int64", "step_order": "int64"}).reset_index(drop=True)


def outcomes(frame: pd.DataFrame | None, step_ids: set[int]) -> pd.DataFrame:
    sheet = "job_map"
    frame = need(frame, sheet, ("outcome_id", "statement", "step_id", "outcome_order", "source"))
    result = pd.DataFrame(
        {
            "outcome_id": checks.typed(sheet, frame, "outcome_id", "text"),
            "step_id": checks.typed(sheet, frame, "step_id", "int"),
            "statement": checks.typed(sheet, frame, "statement", "text"),
            "source": checks.typed(sheet, frame, "source", "text", required=False),
            "outcome_order": checks.typed(sheet, frame, "outcome_order", "int"),
        }
    )
    checks.unique(sheet, result, ["outcome_id"], "The outcome id")
    checks.known(sheet, result["step_id"], "step_id", step_ids, "a step (the steps sheet)")
    return result.astype({"step_id": "int64", "outcome_order": "int64"}).reset_index(drop=True)


def catalogue(frame: pd.DataFrame | None) -> pd.DataFrame:
    sheet = "attributes"
    frame = need(frame, sheet, ("column_name", "original_header", "data_type", "position"))
    result = pd.DataFrame(
        {
            "column_name": checks.typed(sheet, frame, "column_name", "text"),
            "original_header": checks.typed(sheet, frame, "original_header", "text"),
            "data_type": checks.typed(sheet, frame, "data_type", "text"),
            "position": checks.typed(sheet, frame, "position", "int"),
        }
    )
    checks.column_names(sheet, result["column_name"], "column_name")
    checks.unique(sheet, result.assign(name=result["column_name"].str.lower()), ["name"], "The attribute")
    checks.known(sheet, result["data_type"], "data_type", set(TYPES), "a column type (BIGINT, DOUBLE, VARCHAR)")
    return result.astype({"position": "int64"}).reset_index(drop=True)


def scenarios(frame: pd.DataFrame | None) -> pd.DataFrame:
    sheet = "scenarios"
    frame = need(frame, sheet, ("scenario_id", "name", "created_at", "notes"))
    result = pd.DataFrame(
        {
            "scenario_id": checks.typed(sheet, frame, "scenario_id", "text"),
            "name": checks.typed(sheet, frame, "name", "text"),
            "created_at": checks.typed(sheet, frame, "created_at", "timestamp"),
            "notes": checks.typed(sheet, frame, "notes", "text", required=False),
        }
    )
    checks.unique(sheet, result, ["scenario_id"], "The scenario id")
    checks.unique(sheet, result, ["name"], "The scenario name")
    return result.reset_index(drop=True)


def _target(index: int, chosen: object, margin: float | None) -> str | None:
    try:
        listed = json.loads(str(chosen)) if chosen is not None else []
        if not isinstance(listed, list) or not all(isinstance(o, str) for o in listed):
            raise ValueError
    except ValueError:
        problem = f'{str(chosen)[:60]!r} is not a list of outcome ids like ["O15", "O16"].'
        raise checks.fail("decisions", index, "target_outcomes", problem) from None
    if margin is not None and not 0 <= margin <= 10:
        raise checks.fail("decisions", index, "target_margin", f"{margin:g} is not between 0 and 10 points.")
    return Target(tuple(listed), margin).to_json()


def decisions(frame: pd.DataFrame | None, scenario_ids: set[str], step_ids: set[int]) -> pd.DataFrame:
    sheet = "decisions"
    frame = need(frame, sheet, ("scenario_id", "step_id", "choice", "note", "target_outcomes", "target_margin"))
    result = pd.DataFrame(
        {
            "scenario_id": checks.typed(sheet, frame, "scenario_id", "text"),
            "step_id": checks.typed(sheet, frame, "step_id", "int"),
            "choice": checks.typed(sheet, frame, "choice", "text"),
            "note": checks.typed(sheet, frame, "note", "text", required=False),
        }
    )
    checks.known(sheet, result["scenario_id"], "scenario_id", scenario_ids, "a scenario (the scenarios sheet)")
    checks.known(sheet, result["step_id"], "step_id", step_ids, "a step (the steps sheet)")
    choices = {*CHOICES, UNASSIGNED}
    checks.known(sheet, result["choice"], "choice", choices, "a choice (differentiate, meet, accept or unassigned)")
    checks.unique(sheet, result, ["scenario_id", "step_id"], "The scenario and step")
    margins = checks.typed(sheet, frame, "target_margin", "float", required=False)
    targets = frame["target_outcomes"]
    result["target"] = [_target(i, o, m) for i, o, m in zip(targets.index, targets, margins, strict=True)]
    return result.astype({"step_id": "int64"}).reset_index(drop=True)


def segmentations(
    frames: dict[str, pd.DataFrame | None],
) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """(segmentations, segments), both None unless the file has both sheets."""
    if frames["segmentations"] is None or frames["segments"] is None:
        return None, None
    sheet = "segmentations"
    frame = need(frames[sheet], sheet, ("segmentation_id", "name", "created_at", "k", "silhouette", "params"))
    saved = pd.DataFrame(
        {
            "segmentation_id": checks.typed(sheet, frame, "segmentation_id", "text"),
            "name": checks.typed(sheet, frame, "name", "text"),
            "created_at": checks.typed(sheet, frame, "created_at", "timestamp"),
            "k": checks.typed(sheet, frame, "k", "int", required=False),
            "silhouette": checks.typed(sheet, frame, "silhouette", "float", required=False),
            "params": checks.typed(sheet, frame, "params", "json object", required=False),
        }
    )
    checks.unique(sheet, saved, ["segmentation_id"], "The segmentation id")
    frame = need(frames["segments"], "segments", ("segmentation_id", "respondent_id", "segment"))
    members = pd.DataFrame(
        {c: checks.typed("segments", frame, c, "text") for c in ("segmentation_id", "respondent_id", "segment")}
    )
    ids = set(saved["segmentation_id"])
    checks.known("segments", members["segmentation_id"], "segmentation_id", ids, "a segmentation")
    checks.unique("segments", members, ["segmentation_id", "respondent_id"], "The respondent")
    return saved.reset_index(drop=True), members.reset_index(drop=True)
