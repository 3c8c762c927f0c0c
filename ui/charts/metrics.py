"""The Metrics page's chart: one metric's measurements over time, as a plain Vega-Lite dict
(no streamlit, no Altair: building an Altair chart per redraw cost more than the rest of the page,
bench/metrics_bench.py; tests/app/test_metrics_page.py validates the spec against the schema).

The measurements are a line with points, in the colour of the metric's status (on track green,
at risk orange, off track vermillion, otherwise grey); the baseline is a dashed grey rule and the
target a solid blue rule, each labelled with its value at the right edge; when the baseline, its
date, the target and the target date are all known, a thin dotted "plan" line joins (baseline
date, baseline) to (target date, target): the status rule compares the latest value with that
line. Dates are UTC days, so every browser shows the day that was entered. Names, units and notes
go in as data (axis title, tooltips), never as Markdown.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from core.strategy.metric_status import AT_RISK, OFF_TRACK, ON_TRACK
from ui.charts.palette import MUTED, theme_config
from ui.charts.reading import titled

CHART_HEIGHT = 230
STATUS_COLOURS = {ON_TRACK: "#009E73", AT_RISK: "#E69F00", OFF_TRACK: "#D55E00"}
TARGET_COLOUR = "#0072B2"
DAY = "%d %b %Y"


def status_colour(status: str) -> str:
    """The colour of a status (grey for no data / no target)."""
    return STATUS_COLOURS.get(status, MUTED)


def _day(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[arg-type]
        return None
    return pd.Timestamp(value).strftime("%Y-%m-%d")  # type: ignore[arg-type]


def _plain(value: object) -> object:
    """A JSON value: None for missing, Python numbers and strings."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return value.item() if hasattr(value, "item") else value  # type: ignore[union-attr]


def chart_rows(series: pd.DataFrame) -> list[dict]:
    """day (ISO), date (as the axis writes it), value, note, source per measurement, oldest first."""
    days = [pd.Timestamp(d) for d in series["measured_on"]]
    rows = [
        {
            "day": day.strftime("%Y-%m-%d"),
            "date": day.strftime(DAY),
            "value": float(value),
            "note": "" if _plain(note) is None else str(note),
            "source": "" if _plain(source) is None else str(source),
        }
        for day, value, note, source in zip(days, series["value"], series["note"], series["source"], strict=True)
    ]
    return sorted(rows, key=lambda r: r["day"])


def _x() -> dict:
    return {
        "field": "day",
        "type": "temporal",
        "title": None,
        "scale": {"type": "utc"},
        "axis": {"format": DAY, "labelAngle": 0, "tickCount": 5},
    }


def _y(title: str) -> dict:
    return {"field": "value", "type": "quantitative", "title": title, "scale": {"zero": False, "nice": True}}


def metric_chart(
    series: pd.DataFrame,
    *,
    unit: str | None,
    status: str,
    baseline: float | None,
    target: float | None,
    baseline_date: dt.date | None = None,
    target_date: dt.date | None = None,
    height: int = CHART_HEIGHT,
    title: str | None = None,
) -> dict:
    """The chart of one metric (module docstring) as a Vega-Lite spec for ``st.vega_lite_chart``;
    ``series``: measured_on, value, note, source; ``title`` (the metric's name) for small multiples."""
    axis_title = unit or "value"
    colour = status_colour(status)
    tooltip = [
        {"field": "date", "type": "nominal", "title": "Date"},
        {"field": "value", "type": "quantitative", "title": axis_title, "format": ",.4~f"},
        {"field": "note", "type": "nominal", "title": "Note"},
        {"field": "source", "type": "nominal", "title": "Source"},
    ]
    points = {"data": {"values": chart_rows(series)}, "encoding": {"x": _x(), "y": _y(axis_title)}}
    layers: list[dict] = [
        {**points, "mark": {"type": "line", "color": colour, "strokeWidth": 3}},
        {**points, "mark": {"type": "point", "color": colour, "filled": True, "size": 110}, "encoding": {
            "x": _x(), "y": _y(axis_title), "tooltip": tooltip}},
    ]  # fmt: skip
    for name, value, tone, dash in (("Baseline", baseline, MUTED, [6, 4]), ("Target", target, TARGET_COLOUR, [1, 0])):
        if value is None:
            continue
        line = {"data": {"values": [{"value": float(value), "label": f"{name} {float(value):g}"}]}}
        y = {"field": "value", "type": "quantitative"}
        layers.append({**line, "mark": {"type": "rule", "strokeWidth": 2, "color": tone, "strokeDash": dash},
                       "encoding": {"y": y}})  # fmt: skip
        layers.append({**line, "mark": {"type": "text", "align": "right", "baseline": "bottom", "dy": -3,
                       "fontSize": 14, "x": "width", "color": tone}, "encoding": {"y": y, "text": {
                       "field": "label", "type": "nominal"}}})  # fmt: skip
    start, end = _day(baseline_date), _day(target_date)
    if baseline is not None and target is not None and start and end:
        plan = [{"day": start, "value": float(baseline)}, {"day": end, "value": float(target)}]
        mark = {"type": "line", "color": TARGET_COLOUR, "strokeDash": [2, 3], "strokeWidth": 1.5}
        layers.append({"data": {"values": plan}, "mark": mark, "encoding": {"x": _x(), "y": _y(axis_title)}})
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "config": theme_config(),
        "height": height,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "layer": layers,
    }
    # a metric's name (small multiples) is data: plain text in the title, never Markdown
    spec["title"] = {**titled(title or "Measurements, baseline and target", "metric"), "fontSize": 16, "limit": 360}
    return spec
