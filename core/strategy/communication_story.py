"""The differentiation story (issue 14.2): value, the right people, the story — each filled from
the work already done and checked for completeness, plus a one-screen summary read aloud.

- **Value**: the steps the active scenario chose to *differentiate* (hidden map columns
  included: hiding is about the map, not the strategy) and the opportunity they hold: Σ
  opportunity of their outcomes, and its share of the Σ over all outcomes (the Focus matrix's
  "share of total opportunity targeted", core.strategy.focus.opportunity_share). Missing: no
  scenario, or no differentiated step.
- **The right people**: the target segments the facilitator picked from saved segmentations
  (setting ``communication.targets``; focus scenarios store no targets) with their share of the
  respondents of their segmentation, and "who we are not for" (free text). Missing: no saved
  segmentation, no target, a target that no longer exists (renamed or deleted), no "not for".
- **The story**: per differentiated element of the map, its message for everyone at the first
  touchpoint (in row order) that has one, else its first variant. Missing: elements without any
  message.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.strategy.communication import CommunicationSettings
from core.strategy.communication_checks import written
from core.strategy.focus import DIFFERENTIATE
from core.wording import percent, plural


@dataclass(frozen=True)
class StoryPart:
    title: str
    lines: tuple[str, ...]  # what the part says
    missing: tuple[str, ...]  # what is missing, each naming what to do

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Story:
    value: StoryPart
    people: StoryPart
    story: StoryPart
    share: float | None  # the value's share of total opportunity
    summary: tuple[str, ...]  # the one-screen text read aloud

    @property
    def parts(self) -> tuple[StoryPart, StoryPart, StoryPart]:
        return (self.value, self.people, self.story)


def value_part(
    scenario: str | None, choices: dict[int, str], steps: pd.DataFrame, scores: pd.DataFrame
) -> tuple[StoryPart, float | None, list[str]]:
    """The value part, the share of opportunity, and the names of the differentiated steps.

    ``steps``: step_id, step_order, name; ``scores``: outcome scores (step_id, opportunity)."""
    differentiated = [s for s, c in choices.items() if c == DIFFERENTIATE]
    chosen = steps[steps["step_id"].astype(int).isin(differentiated)]
    opportunity = scores.dropna(subset=["opportunity"]).groupby("step_id")["opportunity"].sum()
    total = float(opportunity.sum())
    names = [f"{int(o)} · {n}" for o, n in zip(chosen["step_order"], chosen["name"], strict=True)]
    if scenario is None:
        missing = "No focus scenario yet: choose the steps to differentiate on the Focus matrix."
        return StoryPart("Value", (), (missing,)), None, []
    if chosen.empty:
        missing = f"Scenario “{scenario}” differentiates no step: choose at least one on the Focus matrix."
        return StoryPart("Value", (), (missing,)), None, []
    held = [float(opportunity.get(int(s), 0.0)) for s in chosen["step_id"]]
    share = sum(held) / total if total > 0 else None
    lines = [f"{n}: opportunity {h:.1f}" for n, h in zip(names, held, strict=True)]
    if share is not None:
        lines.append(f"Together {sum(held):.1f} of {total:.1f} opportunity points: {percent(share)} of the total.")
    return StoryPart("Value", tuple(lines), ()), share, names


def people_part(settings: CommunicationSettings, segments: pd.DataFrame) -> tuple[StoryPart, list[str]]:
    """The right people: targets with their share; ``segments``: key, segmentation_id, segmentation, segment, n."""
    lines: list[str] = []
    missing: list[str] = []
    said: list[str] = []
    totals = segments.groupby("segmentation_id")["n"].sum()
    by_key = {str(r["key"]): r for r in segments.to_dict("records")}
    if segments.empty:
        missing.append("No saved segmentation: run one on the Segments page, then pick the target segments here.")
    elif not settings.targets:
        missing.append("No target segment: pick the segments we are for.")
    for key in settings.targets:
        row = by_key.get(key)
        if row is None:
            missing.append(f"Target “{key.split(':', 1)[-1]}” no longer exists (renamed or deleted): pick it again.")
            continue
        share = int(row["n"]) / int(totals[row["segmentation_id"]])
        lines.append(f"{row['segment']} ({row['segmentation']}): {int(row['n'])} respondents, {percent(share)}.")
        said.append(f"{row['segment']} ({percent(share)})")
    if settings.not_for:
        lines.append(f"Not for: {settings.not_for}")
    else:
        missing.append("Say who we are not for.")
    return StoryPart("The right people", tuple(lines), tuple(missing)), said


def story_part(elements: pd.DataFrame, points: pd.DataFrame, frame: pd.DataFrame) -> tuple[StoryPart, list[str]]:
    """The story: one message per differentiated element (module docstring)."""
    differentiated = elements[elements["differentiated"]]
    if differentiated.empty:
        return StoryPart("The story", (), ("No differentiated element: nothing to tell yet.",)), []
    row = {t: i for i, t in enumerate(points["touchpoint_id"])}
    at = dict(zip(points["touchpoint_id"], points["name"], strict=True))
    kept = written(frame, set(points["touchpoint_id"]))
    kept = kept.assign(_variant=kept["segment"].notna(), _row=kept["touchpoint_id"].map(row))
    kept = kept.sort_values(["_variant", "_row"], kind="stable")
    first = kept.drop_duplicates("element_id").set_index("element_id")
    lines, missing, said = [], [], []
    for element_id, name in zip(differentiated["element_id"], differentiated["name"], strict=True):
        if element_id not in first.index:
            missing.append(f"{name}: no message yet — write one in the map.")
            continue
        message = first.loc[element_id]
        proof = f" Proof: {message['proof']}." if message["has_proof"] else " (no proof point)"
        lines.append(f"{name} — “{message['text']}” ({at[message['touchpoint_id']]}).{proof}")
        said.append(f"{name}: “{message['text']}”")
    return StoryPart("The story", tuple(lines), tuple(missing)), said


def tell(
    scenario: str | None,
    choices: dict[int, str],
    steps: pd.DataFrame,
    scores: pd.DataFrame,
    settings: CommunicationSettings,
    segments: pd.DataFrame,
    elements: pd.DataFrame,
    points: pd.DataFrame,
    frame: pd.DataFrame,
) -> Story:
    """The three parts and the summary (module docstring)."""
    value, share, steps_named = value_part(scenario, choices, steps, scores)
    people, targets = people_part(settings, segments)
    story, messages_said = story_part(elements, points, frame)
    summary = []
    if steps_named:
        held = f" — {percent(share)} of the total opportunity" if share is not None else ""
        summary.append(f"Value: we differentiate on {', '.join(steps_named)}{held}.")
    if targets or settings.not_for:
        who = f"for {', '.join(targets)}" if targets else "for customers we have not named yet"
        summary.append(f"The right people: {who}" + (f"; not for {settings.not_for}." if settings.not_for else "."))
    if messages_said:
        summary.append("The story: " + "; ".join(messages_said) + ".")
    gaps = sum(len(p.missing) for p in (value, people, story))
    summary.append("Complete." if gaps == 0 else f"Still missing: {plural(gaps, 'item')}, listed under each part.")
    return Story(value, people, story, share, tuple(summary))
