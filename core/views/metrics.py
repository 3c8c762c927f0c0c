"""The Metrics page's view: the metrics with their latest value and status, the measurements,
the templates and the choices for the links (issue 14.4).

Status: core.strategy.metric_status (the rule is its RULE, shown on the page), judged on
``today``, which the page passes (so a view cached for a day is right all day). A metric made
from a computable template (core.strategy.metric_sources) carries its value computed now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from core.strategy import metric_sources
from core.strategy.metric_measurements import measurements
from core.strategy.metric_status import STATUSES, metric_status
from core.strategy.metric_templates import DIRECTIONS, FAMILIES, LOWER, templates_frame
from core.strategy.metrics import metrics, sql
from core.workspace.database import Workspace

STATUS_COLUMNS = ["n", "latest", "latest_on", "status", "progress", "time_gone", "reason"]


@dataclass(frozen=True)
class MetricsView:
    """What the Metrics page shows (field comments name the columns)."""

    today: dt.date
    # the metrics table's columns + family_label, direction_label, STATUS_COLUMNS, step, segment_label,
    # computed (bool), current (float or None), rule, missing
    metrics: pd.DataFrame
    measurements: pd.DataFrame  # metric_id, measured_on, value, note, source; oldest first
    templates: pd.DataFrame  # core.strategy.metric_templates.templates_frame + used (metrics made from it)
    steps: pd.DataFrame  # step_id, step_order, name
    segments: pd.DataFrame  # segmentation_id, segmentation, segment
    counts: dict[str, int] = field(default_factory=dict)  # status → metrics, every status

    def row(self, metric_id: str | None) -> dict | None:
        """One metric's row as a dict, or None."""
        hit = self.metrics[self.metrics["metric_id"] == metric_id]
        return hit.iloc[0].to_dict() if len(hit) else None

    def series(self, metric_id: str) -> pd.DataFrame:
        """One metric's measurements, oldest first."""
        return self.measurements[self.measurements["metric_id"] == metric_id].reset_index(drop=True)


def _date(value: object) -> dt.date | None:
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return None
    return pd.Timestamp(value).date()  # type: ignore[arg-type]


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def _status_rows(rows: pd.DataFrame, values: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """STATUS_COLUMNS per metric. The rule needs only each metric's first and latest measurement
    and their count, taken per metric by one sort and group (no pass over every measurement)."""
    ordered = values.assign(day=pd.to_datetime(values["measured_on"])).sort_values(["metric_id", "day"], kind="stable")
    grouped = ordered.groupby(ordered["metric_id"].astype(str), sort=False)
    ends: dict[str, list[tuple[dt.date, float]]] = {}
    for frame in (grouped[["day", "value"]].first(), grouped[["day", "value"]].last()):
        days, numbers = frame["day"].dt.date.tolist(), frame["value"].astype(float).tolist()
        for metric_id, day, number in zip(frame.index.tolist(), days, numbers, strict=True):
            ends.setdefault(str(metric_id), []).append((day, number))
    count = grouped.size()
    out = []
    for row in rows.itertuples(index=False):
        metric_id = str(row.metric_id)
        n = int(count.get(metric_id, 0))
        points = ends.get(metric_id, [])
        state = metric_status(
            points,
            baseline=_number(row.baseline),
            baseline_date=_date(row.baseline_date),
            target=_number(row.target),
            target_date=_date(row.target_date),
            lower_is_better=str(row.direction) == LOWER,
            today=today,
        )
        latest = points[-1] if points else (None, None)
        out.append([n, latest[1], latest[0], state.status, state.progress, state.time_gone, state.reason])
    return pd.DataFrame(out, columns=STATUS_COLUMNS, index=rows.index)


def _links(rows: pd.DataFrame, steps: pd.DataFrame) -> tuple[list, list]:
    names = dict(zip(steps["step_id"], steps["name"], strict=True))
    step = [names.get(s) if pd.notna(s) else None for s in rows["step_id"]]
    segment = [s if isinstance(s, str) else None for s in rows["segment"]]
    return step, segment


def metrics_view(workspace: Workspace, today: dt.date) -> MetricsView:
    """Build the page's view from the metric tables, judged on ``today``."""
    cur = workspace.cursor()
    rows = metrics(workspace)
    values = measurements(workspace)
    steps = cur.execute(sql("steps")).df()
    segments = cur.execute(sql("segments")).df()
    rows["family_label"] = rows["family"].map(FAMILIES).fillna(rows["family"])
    rows["direction_label"] = rows["direction"].map(DIRECTIONS).fillna(rows["direction"])
    rows = pd.concat([rows, _status_rows(rows, values, today)], axis=1)
    rows["step"], rows["segment_label"] = _links(rows, steps)
    sources = [metric_sources.source(k) for k in rows["template_key"]]
    rows["computed"] = [s is not None for s in sources]
    current = [metric_sources.current_value(workspace, k) for k in rows["template_key"]]
    rows["current"] = pd.Series(current, dtype=object, index=rows.index)
    rows["rule"] = [s.rule if s else None for s in sources]
    rows["missing"] = [s.missing if s else None for s in sources]
    templates = templates_frame()
    templates["used"] = templates["key"].map(rows["template_key"].value_counts()).fillna(0).astype(int)
    return MetricsView(
        today=today,
        metrics=rows.reset_index(drop=True),
        measurements=values,
        templates=templates,
        steps=steps,
        segments=segments,
        counts={s: int((rows["status"] == s).sum()) for s in STATUSES},
    )
