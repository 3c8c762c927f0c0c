"""Metrics the workspace can compute itself (issue 14.4): a registry by template key.

Each :class:`MetricSource` maps a template key (core.strategy.metric_templates) to a function
``(workspace) -> float | None`` and the rule text the page shows; None means "cannot be computed
now", and ``missing`` says why. A metric made from such a template shows its current value
live, and "Record today's value" stores it as a dated measurement (source ``computed``).

- **Resource alignment** (Capabilities page): the share, in %, of the capabilities' resource
  requirement (cost + effort in points, core.strategy.vrio.requirement) that goes to
  capabilities linked (supports or more) to a need of a step chosen *differentiate* in the
  active focus scenario. Capabilities not sized (neither cost nor effort) are left out.
- **Development focus**: the share, in %, of capabilities linked (supports or more) to a need
  of a step chosen *differentiate* in the active focus scenario.
- **Message consistency** (Communication page): the share, in %, of the map's differentiated
  elements that carry a message *with a proof point* at N or more touchpoints (N = the page's
  "fewer than N touchpoints" setting); core.strategy.communication_checks.message_consistency.
- **Satisfaction where we differentiate** (customer perception, from the survey waves):
  core.strategy.metric_waves — one value per wave, dated on its fielded date.

The two capability shares are None without an active scenario that differentiates a step, and
without a capability (resp. a sized one); message consistency is None without a differentiated
element on the Communication map.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from core.strategy import metric_waves
from core.strategy.communication_checks import message_consistency
from core.strategy.metric_measurements import add_measurement
from core.strategy.metrics import MetricError, sql, stored_rows
from core.strategy.vrio import requirement
from core.views.capabilities import active_scenario, differentiate_steps
from core.workspace.database import Workspace


@dataclass(frozen=True)
class MetricSource:
    """How a template's metric is computed from the workspace (``compute`` None: not yet)."""

    key: str
    rule: str
    compute: Callable[[Workspace], float | None] | None
    missing: str  # what the page says when compute is None or returns None
    # stores a series of dated values at once (the waves' metric); returns how many
    record_all: Callable[[Workspace, str], int] | None = None


def _focus(workspace: Workspace) -> list[tuple[object, object, bool]] | None:
    """(cost, effort, linked) per capability, or None without a scenario that differentiates a step."""
    scenario_id, _ = active_scenario(workspace)
    if scenario_id is None or not differentiate_steps(workspace, scenario_id):
        return None
    rows = workspace.cursor().execute(sql("capability_focus"), {"scenario_id": scenario_id}).fetchall()
    return [(cost, effort, bool(linked)) for _, cost, effort, linked in rows]


def _points(cost: object, effort: object) -> float | None:
    try:
        return requirement(cost, effort)
    except ValueError:  # a value that is not a level or number (a tampered file) counts as blank
        return None


def resource_alignment(workspace: Workspace) -> float | None:
    """% of the sized capabilities' requirement going to capabilities linked to differentiated steps."""
    focus = _focus(workspace)
    if focus is None:
        return None
    sized = [(points, linked) for cost, effort, linked in focus if (points := _points(cost, effort)) is not None]
    total = sum(points for points, _ in sized)
    if not sized or total <= 0:
        return None
    return 100.0 * sum(points for points, linked in sized if linked) / total


def development_focus(workspace: Workspace) -> float | None:
    """% of capabilities linked to a need of a step chosen to differentiate."""
    focus = _focus(workspace)
    if not focus:
        return None
    return 100.0 * sum(linked for _, _, linked in focus) / len(focus)


def consistency_percent(workspace: Workspace) -> float | None:
    """Message consistency in % (core.strategy.communication_checks.message_consistency × 100)."""
    share = message_consistency(workspace)
    return None if share is None else 100.0 * share


_NEEDS_SCENARIO = "an active focus scenario that differentiates a step"
SOURCES: dict[str, MetricSource] = {
    "resource_alignment": MetricSource(
        "resource_alignment",
        "Share of the capabilities' resource requirement (cost + effort points) that goes to capabilities "
        "linked to needs of the steps chosen to differentiate in the active focus scenario.",
        resource_alignment,
        f"Needs {_NEEDS_SCENARIO} and a capability with a cost or effort (Capabilities page).",
    ),
    "development_focus": MetricSource(
        "development_focus",
        "Share of capabilities linked to needs of the steps chosen to differentiate in the active focus scenario.",
        development_focus,
        f"Needs {_NEEDS_SCENARIO} and at least one capability (Capabilities page).",
    ),
    "message_consistency": MetricSource(
        "message_consistency",
        "Share of the differentiated elements of the Communication map that carry a message with a proof point "
        "at N or more touchpoints (N: the Communication page's setting).",
        consistency_percent,
        "Needs a differentiated element on the Communication map: a step chosen to differentiate in the active "
        "focus scenario, or an element added there.",
    ),
    metric_waves.TEMPLATE_KEY: MetricSource(
        metric_waves.TEMPLATE_KEY,
        metric_waves.RULE,
        metric_waves.satisfaction_now,
        metric_waves.MISSING,
        metric_waves.record_waves,
    ),
}


def source(template_key: object) -> MetricSource | None:
    """The source of a metric made from template ``template_key``, or None (entered by hand)."""
    return SOURCES.get(str(template_key)) if template_key else None


def current_value(workspace: Workspace, template_key: object) -> float | None:
    """The value computed now, or None (not computable, or not computed yet)."""
    found = source(template_key)
    return found.compute(workspace) if found is not None and found.compute is not None else None


def record_today(workspace: Workspace, metric_id: str, today: dt.date | None = None) -> float:
    """Store the value computed now as the measurement of ``today`` (source ``computed``), replacing
    that day's value; returns it. Raises MetricError when the metric is not computed or cannot be now."""
    row = stored_rows(workspace).get(metric_id)
    if row is None:
        raise MetricError("That metric no longer exists (deleted on another screen?).")
    found = source(row["template_key"])
    if found is None:
        raise MetricError(f"“{row['name']}” is entered by hand: the workspace cannot compute it.")
    value = current_value(workspace, row["template_key"])
    if value is None:
        raise MetricError(f"“{row['name']}” cannot be computed now. {found.missing}")
    add_measurement(workspace, metric_id, today or dt.date.today(), round(value, 2), None, source="computed")
    return value
