"""The Communication page's view: the Differentiation Communication Map and the story (issue 14.1–2).

Three parts, so a message edit costs no scoring query: :func:`need_scores` (everyone's outcome
scores) and :func:`segment_need_scores` (each saved segment's), both cached by ``ui`` on the
survey's signature, and :func:`communication_view`, which reads the small communication tables
and applies core.strategy.communication_checks and communication_story.

Wording hints: for a step element, its top outcomes by opportunity (:data:`TOP_OUTCOMES`, the
scoring settings of the Opportunities page); for an added element, the top outcomes of the
whole job. A per-segment variant offers the same, scored within that segment.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.analysis.scoring import ScoringSettings, outcome_scores
from core.sqlfiles import query
from core.strategy.communication import (
    CommunicationSettings,
    active_choices,
    load_communication_settings,
    map_elements,
    touchpoints,
)
from core.strategy.communication_checks import Checks, checks, consistency, coverage, reach
from core.strategy.communication_messages import messages, segments
from core.strategy.communication_story import Story, tell
from core.workspace.database import Workspace

TOP_OUTCOMES = 3
SCORE_COLUMNS = ["outcome_id", "statement", "step_id", "opportunity"]


@dataclass(frozen=True)
class CommunicationView:
    """What the Communication page shows (field comments name the columns)."""

    scenario: str | None  # the active focus scenario's name (None: no scenario yet)
    settings: CommunicationSettings
    touchpoints: pd.DataFrame  # touchpoint_id, name, stage, position; row order
    elements: pd.DataFrame  # every element: ELEMENT_COLUMNS + shown, touchpoints, messages_held
    columns: pd.DataFrame  # the shown elements, in column order (same columns)
    messages: pd.DataFrame  # MESSAGE_COLUMNS
    coverage: pd.DataFrame  # touchpoint_id, element_id, messages, proven, status
    checks: Checks
    story: Story
    segments: pd.DataFrame  # key, segmentation_id, segmentation, segment, n
    hints: pd.DataFrame  # element_id, segment (None = everyone), statement, opportunity; best first
    consistency: float | None  # core.strategy.communication_checks.message_consistency

    def cell(self, element_id: str, touchpoint_id: str, segment: str | None = None) -> dict | None:
        """The stored message of one cell, or None."""
        frame = self.messages
        hit = frame[
            (frame["element_id"] == element_id)
            & (frame["touchpoint_id"] == touchpoint_id)
            & (frame["segment"].fillna("") == (segment or ""))
        ]
        return None if hit.empty else hit.iloc[0].to_dict()


def need_scores(workspace: Workspace, scoring: ScoringSettings) -> pd.DataFrame:
    """Everyone's outcome scores (SCORE_COLUMNS)."""
    scores = outcome_scores(workspace, scoring)
    return scores.loc[scores["group"] == "All", SCORE_COLUMNS].reset_index(drop=True)


def segment_need_scores(workspace: Workspace, scoring: ScoringSettings) -> pd.DataFrame:
    """Every saved segment's outcome scores: key (``<segmentation_id>:<segment>``) + SCORE_COLUMNS."""
    frames = []
    for segmentation_id in segments(workspace)["segmentation_id"].drop_duplicates():
        scores = outcome_scores(workspace, scoring, by=f"segmentation:{segmentation_id}")
        scores = scores.assign(key=[f"{segmentation_id}:{g}" for g in scores["group"]])
        frames.append(scores[["key", *SCORE_COLUMNS]])
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["key", *SCORE_COLUMNS])


def _top(scores: pd.DataFrame, step_id: object) -> pd.DataFrame:
    rows = scores.dropna(subset=["opportunity"])
    if step_id is not None and not pd.isna(step_id):  # type: ignore[arg-type]
        rows = rows[rows["step_id"] == int(step_id)]  # type: ignore[arg-type]
    return rows.sort_values("opportunity", ascending=False, kind="stable").head(TOP_OUTCOMES)


def wording_hints(columns: pd.DataFrame, scores: pd.DataFrame, by_segment: pd.DataFrame) -> pd.DataFrame:
    """Per shown element and segment variant (None = everyone), its top outcomes (module docstring)."""
    rows = []
    groups = [(None, scores)] + [(k, g) for k, g in by_segment.groupby("key", sort=False)]
    for element_id, step_id in zip(columns["element_id"], columns["step_id"], strict=True):
        for key, frame in groups:
            for top in _top(frame, step_id).itertuples():
                rows.append((element_id, key, top.statement, float(top.opportunity)))  # type: ignore[arg-type]
    return pd.DataFrame(rows, columns=["element_id", "segment", "statement", "opportunity"])


def communication_view(
    workspace: Workspace, scores: pd.DataFrame, by_segment: pd.DataFrame, scoring: ScoringSettings
) -> CommunicationView:
    """Build the page's view from the cached scores and the communication tables."""
    del scoring  # the scores were computed under it; kept in the signature as the cache's key
    frame = messages(workspace)
    points = touchpoints(workspace)
    elements = map_elements(workspace, set(frame["element_id"]))
    elements["touchpoints"] = reach(elements, points, frame).to_numpy()
    held = frame.groupby("element_id").size()
    elements["messages_held"] = elements["element_id"].map(held).fillna(0).astype(int)
    settings = load_communication_settings(workspace)
    scenario, choices = active_choices(workspace)
    steps = workspace.cursor().execute(query("communication", "steps")).df()
    saved = segments(workspace)
    columns = elements[elements["shown"]].reset_index(drop=True)
    return CommunicationView(
        scenario=scenario,
        settings=settings,
        touchpoints=points,
        elements=elements,
        columns=columns,
        messages=frame,
        coverage=coverage(elements, points, frame),
        checks=checks(elements, points, frame, settings.min_touchpoints),
        story=tell(scenario, choices, steps, scores, settings, saved, elements, points, frame),
        segments=saved,
        hints=wording_hints(columns, scores, by_segment),
        consistency=consistency(elements, points, frame, settings.min_touchpoints),
    )
