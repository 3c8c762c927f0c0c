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
from core.strategy.communication import (
    CommunicationSettings,
    active_choices,
    job_steps,
    load_communication_settings,
    map_elements,
    touchpoints,
)
from core.strategy.communication_checks import Checks, checks, consistency, coverage, reach, written
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


def hint_table(scores: pd.DataFrame, by_segment: pd.DataFrame) -> pd.DataFrame:
    """The top outcomes per segment key (None = everyone) and step (step_id -1 = the whole job):
    key, step_id, statement, opportunity; best first. Depends on the scores only, so ``ui``
    caches it with them (a message edit recomputes nothing here)."""
    frame = pd.concat([scores.assign(key=None), by_segment], ignore_index=True).dropna(subset=["opportunity"])
    frame = frame.sort_values("opportunity", ascending=False, kind="stable")
    frame["_key"] = frame["key"].fillna("")
    per_step = frame.groupby(["_key", "step_id"], sort=False).head(TOP_OUTCOMES)
    whole = frame.groupby("_key", sort=False).head(TOP_OUTCOMES).assign(step_id=-1)
    table = pd.concat([per_step, whole], ignore_index=True)
    return table[["key", "step_id", "statement", "opportunity"]].reset_index(drop=True)


def wording_hints(columns: pd.DataFrame, hints: pd.DataFrame) -> pd.DataFrame:
    """Per shown element and segment variant (None = everyone), its top outcomes (module docstring)."""
    steps = columns.assign(step_id=columns["step_id"].fillna(-1).astype(int))[["element_id", "step_id"]]
    merged = steps.merge(hints, on="step_id", how="inner", sort=False)
    merged = merged.sort_values("opportunity", ascending=False, kind="stable")
    return merged.rename(columns={"key": "segment"})[["element_id", "segment", "statement", "opportunity"]].reset_index(
        drop=True
    )


def communication_view(
    workspace: Workspace,
    scores: pd.DataFrame,
    by_segment: pd.DataFrame,
    scoring: ScoringSettings,
    hints: pd.DataFrame | None = None,
) -> CommunicationView:
    """Build the page's view from the cached scores (and ``hints``: :func:`hint_table` of them,
    computed here when not given) and the communication tables."""
    del scoring  # the scores were computed under it; kept in the signature as the cache's key
    hints = hint_table(scores, by_segment) if hints is None else hints
    frame = messages(workspace)
    points = touchpoints(workspace)
    kept = written(frame, set(points["touchpoint_id"]))  # the messages with a text, computed once
    scenario, choices = active_choices(workspace)
    steps = job_steps(workspace)
    elements = map_elements(workspace, set(frame["element_id"]), choices, steps)
    elements["touchpoints"] = reach(elements, points, kept).to_numpy()
    held = frame.groupby("element_id").size()
    elements["messages_held"] = elements["element_id"].map(held).fillna(0).astype(int)
    settings = load_communication_settings(workspace)
    saved = segments(workspace)
    columns = elements[elements["shown"]].reset_index(drop=True)
    return CommunicationView(
        scenario=scenario,
        settings=settings,
        touchpoints=points,
        elements=elements,
        columns=columns,
        messages=frame,
        coverage=coverage(elements, points, kept),
        checks=checks(elements, points, kept, settings.min_touchpoints),
        story=tell(scenario, choices, steps, scores, settings, saved, elements, points, kept),
        segments=saved,
        hints=wording_hints(columns, hints),
        consistency=consistency(elements, points, kept, settings.min_touchpoints),
    )
