"""Allowed values of the follow-through sheets of a workspace file (core.workspace.restore), beyond
the column types every framework sheet gets (core.workspace.restore_checks.framework_frame).

A column whose values the app itself constrains when they are typed is held to the same rule on
restore, with the app's own constants (never a copy of the lists): a capability's strength 0–3,
cost and effort (low / medium / high or points, core.strategy.vrio.level_points), barrier; a
link's level; trade-off weights (0–100 %) and hand scores (1–5) of known criteria; a touchpoint's
journey stage, a message's proof kind, a communication column's kind; a metric's family,
direction and template, a measurement's source; a wave's label, and the counts' ratings on the
survey's scale with counts of 0 or more. A value outside them is refused with the sheet, the row
(as the spreadsheet numbers it), the column, the value seen and the allowed values; the restore
then changes nothing. Decisions: stage and proof kind are accepted in any case, as on the pages,
and stored in lower case like the pages store them; a blank optional cell stays allowed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

import pandas as pd

from core.analysis.waves import MAX_LABEL
from core.intake.scales import Scale
from core.strategy.capabilities import STRENGTHS
from core.strategy.communication import STAGES, STORED_KINDS
from core.strategy.communication_messages import PROOF_KINDS
from core.strategy.metric_measurements import SOURCES
from core.strategy.metric_templates import BY_KEY, DIRECTIONS, FAMILIES
from core.strategy.tradeoff_criteria import HAND_IDS, HAND_RANGE, IDS
from core.strategy.vrio import BARRIERS, LINK_LABELS, level_points
from core.workspace.restore_checks import fail

WEIGHT_RANGE = (0, 100)  # a criterion's weight, in whole % of the total
COUNT_TABLES = ("wave_counts", "wave_competitor_counts")


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"“{value}”" if isinstance(value, str) else str(value)


def one_of(sheet: str, frame: pd.DataFrame, column: str, allowed: Iterable, *, any_case: bool = False) -> None:
    """Refuse a non-blank value of ``column`` outside ``allowed`` (in lower case first, with
    ``any_case``, which also stores the column in lower case)."""
    if column not in frame.columns:
        return
    choices = tuple(allowed)
    values = frame[column]
    if any_case:
        values = values.map(lambda v: v.strip().lower() if isinstance(v, str) else v)
    bad = values[values.notna() & ~values.isin(choices)]
    if len(bad):
        seen = frame.loc[bad.index[0], column]
        listed = ", ".join(_shown(c) for c in choices)
        raise fail(sheet, int(bad.index[0]), column, f"{_shown(seen)} is not allowed here; use one of {listed}.")
    if any_case:
        frame[column] = values


def between(sheet: str, frame: pd.DataFrame, column: str, low: float, high: float | None) -> None:
    """Refuse a non-blank number of ``column`` below ``low`` or above ``high`` (None: no upper bound)."""
    if column not in frame.columns:
        return
    numbers = pd.to_numeric(frame[column], errors="coerce")
    outside = numbers < low if high is None else (numbers < low) | (numbers > high)
    bad = numbers[outside.fillna(False)]
    if len(bad):
        allowed = f"{low:g} or more" if high is None else f"from {low:g} to {high:g}"
        problem = f"{_shown(bad.iloc[0])} is outside the allowed values ({allowed})."
        raise fail(sheet, int(bad.index[0]), column, problem)


def each(sheet: str, frame: pd.DataFrame, column: str, rule: Callable[[object], object], fix: str) -> None:
    """Refuse the first non-blank value that ``rule`` rejects (a ValueError with a sentence); for
    the small sheets only (at most 10,000 rows, restore_checks.MAX_ROWS)."""
    if column not in frame.columns:
        return
    for index, value in cast(Iterable[tuple[int, Any]], frame[column].items()):
        if value is None:
            continue
        try:
            rule(value)
        except ValueError as error:
            raise fail(sheet, int(index), column, f"{error} {fix}") from None


def _label(value: object) -> None:
    text = " ".join(str(value).split())
    if not text or len(text) > MAX_LABEL:
        seen = text if len(text) <= 40 else text[:40] + "…"
        raise ValueError(f"“{seen}” has {len(text)} characters; a wave label holds 1 to {MAX_LABEL}.")


def _capabilities(frames: dict[str, pd.DataFrame]) -> None:
    if (rows := frames.get("capabilities")) is not None:
        one_of("capabilities", rows, "strength", STRENGTHS)
        for column in ("cost", "effort"):
            each("capabilities", rows, column, level_points, "Use low, medium, high or a number of points.")
        one_of("capabilities", rows, "barrier", BARRIERS)
    if (links := frames.get("capability_links")) is not None:
        one_of("capability_links", links, "strength", LINK_LABELS)


def _tradeoffs(frames: dict[str, pd.DataFrame]) -> None:
    if (criteria := frames.get("tradeoff_criteria")) is not None:
        one_of("tradeoff_criteria", criteria, "criterion_id", IDS)
        between("tradeoff_criteria", criteria, "weight", *WEIGHT_RANGE)
    if (scores := frames.get("tradeoff_scores")) is not None:
        one_of("tradeoff_scores", scores, "criterion_id", HAND_IDS)
        between("tradeoff_scores", scores, "score", *HAND_RANGE)


def _communication(frames: dict[str, pd.DataFrame]) -> None:
    if (touchpoints := frames.get("touchpoints")) is not None:
        one_of("touchpoints", touchpoints, "stage", STAGES, any_case=True)
    if (messages := frames.get("messages")) is not None:
        one_of("messages", messages, "proof_kind", PROOF_KINDS, any_case=True)
    if (elements := frames.get("comm_elements")) is not None:
        one_of("comm_elements", elements, "kind", STORED_KINDS)


def _metrics(frames: dict[str, pd.DataFrame]) -> None:
    if (metrics := frames.get("metrics")) is not None:
        one_of("metrics", metrics, "family", FAMILIES)
        one_of("metrics", metrics, "direction", DIRECTIONS)
        one_of("metrics", metrics, "template_key", BY_KEY)
    if (measurements := frames.get("metric_measurements")) is not None:
        one_of("metric_measurements", measurements, "source", SOURCES)


def check_framework_values(frames: dict[str, pd.DataFrame]) -> None:
    """Refuse a follow-through value the app would not accept (module docstring); touchpoint
    stages and proof kinds are stored in lower case."""
    _capabilities(frames)
    _tradeoffs(frames)
    _communication(frames)
    _metrics(frames)
    if (waves := frames.get("waves")) is not None:
        each("waves", waves, "label", _label, "Give the wave a shorter label.")
        between("waves", waves, "respondents", 0, None)
    if (totals := frames.get("wave_competitor_totals")) is not None:
        between("wave_competitor_totals", totals, "respondents", 0, None)


def check_wave_ratings(frames: dict[str, pd.DataFrame], scale: Scale) -> None:
    """Refuse a wave count whose rating lies off the survey's scale, or a negative count."""
    for sheet in COUNT_TABLES:
        if (counts := frames.get(sheet)) is not None:
            for column in ("importance", "satisfaction"):
                between(sheet, counts, column, scale.low, scale.high)
            between(sheet, counts, "n", 0, None)
