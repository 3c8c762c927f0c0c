"""Saved segmentations: the ``segmentations`` and ``segments`` tables (core/sql/segmentation.sql).

A segmentation is saved by name (unique in the workspace, case-insensitive); its segments are
rows (respondent_id, segmentation_id, segment) where ``segment`` is the segment's name, unique
within the segmentation. Saved segments are a grouping ``'segmentation:<id>'`` for
:func:`core.analysis.scoring.outcome_scores` and for the group filter. Every write bumps the
workspace revision.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.sqlfiles import query
from core.workspace import segment_counts
from core.workspace.database import Workspace

MAX_NAME_LENGTH = 80
GROUPING_PREFIX = "segmentation:"


class SegmentationError(ValueError):
    """A segmentation cannot be run, found or changed; the message says why, for people."""


@dataclass(frozen=True)
class SavedSegmentation:
    segmentation_id: str
    name: str
    created_at: object
    k: int
    silhouette: float | None
    params: dict[str, Any]
    n_respondents: int

    @property
    def grouping(self) -> str:
        """The key for ``outcome_scores(by=…)`` and the group filter."""
        return GROUPING_PREFIX + self.segmentation_id


def clean_name(name: str, what: str = "name") -> str:
    """Trimmed, single-spaced text; refuses empty and over-long names."""
    text = " ".join(str(name or "").split())
    if not text:
        raise SegmentationError(f"The {what} cannot be empty.")
    if len(text) > MAX_NAME_LENGTH:
        raise SegmentationError(f"The {what} is too long ({len(text)} characters; at most {MAX_NAME_LENGTH}).")
    return text


def list_segmentations(workspace: Workspace) -> list[SavedSegmentation]:
    """Every saved segmentation, oldest first."""
    rows = workspace.cursor().execute(query("segmentation", "list_segmentations")).fetchall()
    return [
        SavedSegmentation(sid, name, created, int(k or 0), silhouette, json.loads(params or "{}"), int(n))
        for sid, name, created, k, silhouette, params, n in rows
    ]


def get_segmentation(workspace: Workspace, segmentation_id: str) -> SavedSegmentation:
    for saved in list_segmentations(workspace):
        if saved.segmentation_id == segmentation_id:
            return saved
    raise SegmentationError("That segmentation no longer exists (the survey may have been replaced).")


def default_name(workspace: Workspace, k: int) -> str:
    """``"Segmentation 1 (4 segments)"``, numbered past the saved ones."""
    taken = {s.name.casefold() for s in list_segmentations(workspace)}
    number = len(taken) + 1
    while (name := f"Segmentation {number} ({k} segments)").casefold() in taken:
        number += 1
    return name


def save_segmentation(
    workspace: Workspace,
    name: str,
    assignments: pd.DataFrame,
    *,
    k: int,
    silhouette: float | None,
    params: dict[str, Any],
) -> str:
    """Store a segmentation and its segments (``assignments``: respondent_id, segment); its id."""
    name = clean_name(name, "segmentation's name")
    if any(s.name.casefold() == name.casefold() for s in list_segmentations(workspace)):
        raise SegmentationError(f"A segmentation named “{name}” already exists: choose another name.")
    segmentation_id = secrets.token_hex(4)
    with workspace.transaction() as cur:
        cur.execute(
            query("segmentation", "insert_segmentation"),
            {
                "segmentation_id": segmentation_id,
                "name": name,
                "k": k,
                "silhouette": silhouette,
                "params": json.dumps(params),
            },
        )
        cur.register("incoming_segments", assignments[["respondent_id", "segment"]])
        try:
            cur.execute(query("segmentation", "insert_segments"), {"segmentation_id": segmentation_id})
        finally:
            cur.unregister("incoming_segments")
        segment_counts.refresh(cur, segmentation_id)  # what scoring its segments reads
    workspace.touch()
    return segmentation_id


def segment_sizes(workspace: Workspace, segmentation_id: str) -> pd.DataFrame:
    """grp, n of one segmentation, largest first."""
    return workspace.cursor().execute(query("segmentation", "segment_sizes"), {"segmentation_id": segmentation_id}).df()


def assignments(workspace: Workspace, segmentation_id: str) -> pd.DataFrame:
    """respondent_id, segment."""
    return workspace.cursor().execute(query("segmentation", "assignments"), {"segmentation_id": segmentation_id}).df()


def segmentation_groupings(workspace: Workspace) -> pd.DataFrame:
    """Saved segmentations as group filters: grouping ('segmentation:<id>'), header (name), n_groups."""
    return workspace.cursor().execute(query("segmentation", "segmentation_groupings")).df()


def rename_segments(workspace: Workspace, segmentation_id: str, renames: dict[str, str]) -> None:
    """Rename segments (old → new) at once; the names must stay unique within the segmentation."""
    current: list[str] = list(segment_sizes(workspace, segmentation_id)["grp"])
    unknown = [old for old in renames if old not in current]
    if unknown:
        raise SegmentationError(f"No segment named “{unknown[0]}” in this segmentation.")
    cleaned = {old: clean_name(new, "segment name") for old, new in renames.items()}
    final = [cleaned.get(name, name) for name in current]
    seen: set[str] = set()
    for name in final:
        if name.casefold() in seen:
            raise SegmentationError(f"Another segment is already called “{name}”: segment names must differ.")
        seen.add(name.casefold())
    changes = {old: new for old, new in cleaned.items() if new != old}
    if not changes:
        return
    with workspace.transaction() as cur:
        # Through temporary names, so swapping two names never collides halfway.
        temporary = {old: f"\x00{i}" for i, old in enumerate(changes)}
        for old, temp in temporary.items():
            cur.execute(
                query("segmentation", "rename_segment"),
                {"segmentation_id": segmentation_id, "old_name": old, "new_name": temp},
            )
            segment_counts.rename(cur, segmentation_id, old, temp)
        for old, temp in temporary.items():
            cur.execute(
                query("segmentation", "rename_segment"),
                {"segmentation_id": segmentation_id, "old_name": temp, "new_name": changes[old]},
            )
            segment_counts.rename(cur, segmentation_id, temp, changes[old])
        for step in (temporary, {temp: changes[old] for old, temp in temporary.items()}):  # customers' links follow
            for old, new in step.items():
                cur.execute(
                    query("customers", "rename_segment"),
                    {"segmentation_id": segmentation_id, "old_name": old, "new_name": new},
                )
    workspace.touch()


def rename_segment(workspace: Workspace, segmentation_id: str, old_name: str, new_name: str) -> None:
    """Rename one segment; refuses a name another segment of the segmentation has."""
    rename_segments(workspace, segmentation_id, {old_name: new_name})


def rename_segmentation(workspace: Workspace, segmentation_id: str, name: str) -> None:
    name = clean_name(name, "segmentation's name")
    get_segmentation(workspace, segmentation_id)
    if any(
        s.name.casefold() == name.casefold() and s.segmentation_id != segmentation_id
        for s in list_segmentations(workspace)
    ):
        raise SegmentationError(f"A segmentation named “{name}” already exists: choose another name.")
    with workspace.transaction() as cur:
        cur.execute(query("segmentation", "rename_segmentation"), {"segmentation_id": segmentation_id, "name": name})
    workspace.touch()


def delete_segmentation(workspace: Workspace, segmentation_id: str) -> None:
    with workspace.transaction() as cur:
        cur.execute(query("segmentation", "delete_segments"), {"segmentation_id": segmentation_id})
        segment_counts.forget(cur, segmentation_id)
        cur.execute(query("segmentation", "delete_segmentation"), {"segmentation_id": segmentation_id})
    workspace.touch()
