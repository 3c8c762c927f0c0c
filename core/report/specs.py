"""The report's charts as plain Vega-Lite dicts (data inline), drawn by core.report.chart_images.

Decision: the report's charts are built here, in ``core``, and not taken from ``ui/charts``:
``python -m core report`` must draw them and ``core`` never imports ``ui``. They are the static,
print versions of the page charts (same encodings, colours and lines — the Okabe–Ito palette of
ui/charts/palette.py, the choice colours of the focus board — but no tooltips, selections or
"container" widths). The page download buttons (ui/chart_downloads.py) render the page's own spec.
"""

from __future__ import annotations

import json

import pandas as pd

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
WIDTH = 760
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#999999"]
CHOICE_COLOURS = {"Differentiate": "#0072B2", "Meet": "#009E73", "Accept": "#999999", "Unassigned": "#DDDDDD"}
UNDERSERVED_FILL = "#F6D7B0"
OVERSERVED_FILL = "#CFE3F3"
CONFIG = {
    "view": {"strokeWidth": 0},
    "axis": {"labelFontSize": 13, "titleFontSize": 14, "gridColor": "#E3E7EC", "labelLimit": 320},
    "legend": {"labelFontSize": 13, "titleFontSize": 13, "labelLimit": 320},
    "title": {"fontSize": 16, "anchor": "start"},
}


def records(frame: pd.DataFrame) -> list[dict]:
    """JSON-safe rows (NaN → null)."""
    return json.loads(frame.to_json(orient="records", double_precision=6))


def _spec(title: str, height: int, **body: object) -> dict:
    return {"$schema": SCHEMA, "title": title, "width": WIDTH, "height": height, "config": CONFIG, **body}


def _q(field: str, title: str, **more: object) -> dict:
    return {"field": field, "type": "quantitative", "title": title, **more}


def _n(field: str, title: str | None, **more: object) -> dict:
    return {"field": field, "type": "nominal", "title": title, **more}


def landscape(scores: pd.DataFrame, margin: float, lines: tuple[float, ...], label_top: int = 8) -> dict:
    """Importance (x) against satisfaction (y), 0–10; under the diagonal S = I underserved, the
    constant-opportunity lines S = 2·I − k for each k in ``lines``; the top ``label_top``
    outcomes by opportunity are numbered by rank."""
    points = scores.dropna(subset=["importance", "satisfaction"])[
        ["outcome_id", "step_label", "importance", "satisfaction", "opportunity"]
    ]
    top = points.nlargest(label_top, "opportunity").assign(rank=range(1, min(label_top, len(points)) + 1))
    guides = [{"k": f"opportunity {k:g}", "x1": k / 2, "y1": 0.0, "x2": 10.0, "y2": 20.0 - k} for k in lines]
    guides.append({"k": "S = I", "x1": 0.0, "y1": 0.0, "x2": 10.0, "y2": 10.0})
    scale = {"domain": [0, 10], "nice": False}
    x_title, y_title = "Importance (0–10)", "Satisfaction (0–10)"  # on every layer: Vega-Lite merges the titles
    layers = [
        {
            "data": {"values": [{"x": 0, "y": margin, "y2": 10}, {"x": 10 - margin, "y": 10, "y2": 10}]},
            "mark": {"type": "area", "color": OVERSERVED_FILL, "opacity": 0.7},
            "encoding": {"x": _q("x", x_title, scale=scale), "y": _q("y", y_title), "y2": {"field": "y2"}},
        },
        {
            "data": {"values": [{"x": 0, "y": 0, "y2": 0}, {"x": 10, "y": 0, "y2": 10}]},
            "mark": {"type": "area", "color": UNDERSERVED_FILL, "opacity": 0.7},
            "encoding": {"x": _q("x", x_title, scale=scale), "y": _q("y", y_title), "y2": {"field": "y2"}},
        },
        {
            "data": {"values": guides},
            "mark": {"type": "rule", "strokeDash": [5, 4], "color": "#55606E"},
            "encoding": {
                "x": _q("x1", x_title),
                "y": _q("y1", y_title),
                "x2": {"field": "x2"},
                "y2": {"field": "y2"},
            },
        },
        {
            "data": {"values": records(points)},
            "mark": {"type": "point", "filled": True, "size": 70, "opacity": 0.9},
            "encoding": {
                "x": _q("importance", x_title, scale=scale),
                "y": _q("satisfaction", y_title, scale=scale),
                "color": _n("step_label", "Job step", scale={"range": PALETTE}, sort=None),
                "shape": _n("step_label", "Job step", sort=None),
            },
        },
        {
            "data": {"values": records(top)},
            "mark": {"type": "text", "dx": 10, "align": "left", "fontWeight": "bold", "fontSize": 13},
            "encoding": {
                "x": _q("importance", x_title),
                "y": _q("satisfaction", y_title),
                "text": {"field": "rank"},
            },
        },
    ]
    return _spec("Opportunity landscape", 480, layer=layers)


def ranked_bars(
    frame: pd.DataFrame,
    label: str,
    value: str,
    title: str,
    axis_title: str,
    colour: str = PALETTE[0],
    value_format: str = ".1f",
) -> dict:
    """Horizontal bars of ``value`` by ``label``, in the frame's order, the value printed at the end
    (``value_format``: a d3 format, ",d" for counts)."""
    rows = records(frame[[label, value]])
    y = _n(label, None, sort=None, axis={"labelLimit": 420})
    return _spec(
        title,
        max(120, 26 * len(rows)),
        data={"values": rows},
        layer=[
            {"mark": {"type": "bar", "color": colour}, "encoding": {"y": y, "x": _q(value, axis_title)}},
            {
                "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 12},
                "encoding": {"y": y, "x": _q(value, axis_title), "text": {"field": value, "format": value_format}},
            },
        ],
    )


def strategy_profile(profile: pd.DataFrame) -> dict:
    """Bars = each step's total opportunity in job order, colour = the scenario's choice."""
    return _spec(
        "Strategy profile",
        300,
        data={"values": records(profile[["step_label", "total_opportunity", "choice"]])},
        mark={"type": "bar"},
        encoding={
            "x": _n("step_label", None, sort=None, axis={"labelAngle": -35, "labelLimit": 180}),
            "y": _q("total_opportunity", "Total opportunity of the step"),
            "color": _n(
                "choice",
                "Choice",
                scale={"domain": list(CHOICE_COLOURS), "range": list(CHOICE_COLOURS.values())},
            ),
        },
    )


def advantage_map(lines: pd.DataFrame, threshold: float) -> dict:
    """One line per series (competitors, and "Our target" when set) of satisfaction (0–10) by step
    in job order; the critical threshold as a dashed rule."""
    order = list(dict.fromkeys(lines["step_label"]))
    x = _n("step_label", None, sort=order, axis={"labelAngle": -35, "labelLimit": 180})
    return _spec(
        "Competitive advantage map",
        320,
        layer=[
            {
                "data": {"values": records(lines[["series", "step_label", "satisfaction"]])},
                "mark": {"type": "line", "point": True, "strokeWidth": 2.5},
                "encoding": {
                    "x": x,
                    "y": _q("satisfaction", "Satisfaction (0–10)", scale={"domain": [0, 10]}),
                    "color": _n("series", "Solution", scale={"range": PALETTE}),
                },
            },
            {
                "data": {"values": [{"threshold": threshold}]},
                "mark": {"type": "rule", "strokeDash": [6, 4], "color": "#111418", "strokeWidth": 2},
                "encoding": {"y": _q("threshold", "Satisfaction (0–10)")},
            },
        ],
    )
