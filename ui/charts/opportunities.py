"""The Opportunities page's charts, written as plain Vega-Lite dicts: DataFrames in, specs out.

No Altair here: importing it and building these layered charts through it cost about a second
of a cold Opportunities page on 5,000 × 150 (issue 12.5); a dict is built in milliseconds. The
specs are validated against the Vega-Lite schema by tests/app/test_chart_specs_valid.py. User
text (statements, step names) travels only in the datasets, never in the spec's expressions.
No Streamlit here.
"""

from __future__ import annotations

import json

import pandas as pd

from core.analysis.scoring import ScoringSettings
from core.wording import count, plural
from ui.charts.palette import INK, MUTED, OVERSERVED_FILL, UNDERSERVED_FILL, step_encodings, theme_config
from ui.charts.reading import titled

OPPORTUNITY_LINES = (10, 12, 15)
LANDSCAPE_POINTS = "pick"
LANDSCAPE_BOX = "box"
LANDSCAPE_VIEW = "landscape_points"  # the layer the selections live in
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"


def records(frame: pd.DataFrame) -> list[dict]:
    """A frame's rows as JSON-ready dicts (numpy numbers as Python ones, NaN as null)."""
    return json.loads(frame.to_json(orient="records", double_precision=15))


def q(field: str, **more) -> dict:
    return {"field": field, "type": "quantitative", **more}


def n(field: str, **more) -> dict:
    return {"field": field, "type": "nominal", **more}


def step_label(order: int, name: str) -> str:
    return f"{int(order)}. {name}"


def _regions(margin: float, datasets: dict) -> dict:
    under = {"x": [0, 10, 10], "y": [0, 0, 10]}
    over = {"x": [0, 0, 10 - margin], "y": [margin, 10, 10]}
    layers = []
    for name, corners, fill, region in (
        ("underserved", under, UNDERSERVED_FILL, "Underserved"),
        ("overserved", over, OVERSERVED_FILL, "Overserved"),
    ):
        datasets[name] = [
            {"x": x, "y": y, "region": region, "order": i}
            for i, (x, y) in enumerate(zip(corners["x"], corners["y"], strict=True))
        ]
        layers.append(
            {
                "data": {"name": name},
                "mark": {"type": "line", "fill": fill, "filled": True, "opacity": 0.55, "strokeOpacity": 0},
                "encoding": {"order": {"field": "order", "type": "ordinal"}, "x": q("x"), "y": q("y")},
            }
        )
    for x, y, text, align in ((9.8, 0.4, "UNDERSERVED", "right"), (0.2, 9.6, "OVERSERVED", "left")):
        datasets[text.lower() + "_label"] = [{"x": x, "y": y, "text": text}]
        layers.append(
            {
                "data": {"name": text.lower() + "_label"},
                "mark": {"type": "text", "align": align, "color": MUTED, "fontSize": 15, "fontWeight": "bold"},
                "encoding": {"text": n("text"), "x": q("x"), "y": q("y")},
            }
        )
    return {"layer": layers}


def _guide_lines(datasets: dict) -> dict:
    rows = [{"line": "served = important", "x": 0.0, "y": 0.0, "x2": 10.0, "y2": 10.0}]
    for k in OPPORTUNITY_LINES:
        rows.append({"line": f"opportunity {k}", "x": k / 2, "y": 0.0, "x2": 10.0, "y2": 20.0 - k})
    datasets["guide_lines"] = rows
    datasets["guide_labels"] = rows[1:]
    lines = {
        "data": {"name": "guide_lines"},
        "mark": {"type": "rule", "color": MUTED, "strokeDash": [6, 4], "strokeWidth": 1.5},
        "encoding": {"x": q("x"), "x2": {"field": "x2"}, "y": q("y"), "y2": {"field": "y2"}},
    }
    # Labels sit just left of each line's upper end, inside the plot (the legend is outside).
    labels = {
        "data": {"name": "guide_labels"},
        "mark": {
            "type": "text",
            "align": "right",
            "baseline": "bottom",
            "color": MUTED,
            "dx": -8,
            "dy": -2,
            "fontSize": 14,
        },
        "encoding": {"text": n("line"), "x": q("x2"), "y": q("y2")},
    }
    return {"layer": [lines, labels]}


# Rank-label placement: offsets (px) tried in turn around a point, label size per digit (bold 15 px).
LABEL_OFFSETS = (
    (11, -11),
    (-11, -11),
    (11, 11),
    (-11, 11),
    (16, 0),
    (-16, 0),
    (0, -16),
    (0, 16),
    (22, -22),
    (-22, -22),
    (22, 22),
    (-22, 22),
    (28, 0),
    (-28, 0),
    (0, -28),
    (0, 28),
)
DIGIT_WIDTH, LABEL_HEIGHT, MARKER_RADIUS = 9.0, 15.0, 6.0
LANDSCAPE_SIDE = 340  # px beside the plot: the y axis with its title (~60) and the legend (~280)
LANDSCAPE_BELOW = 90  # px above and below the plot: the title and the x axis with its title
LEGEND_LABEL_LIMIT = 240


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(width, 0.0) * max(height, 0.0)


def place_rank_labels(top: pd.DataFrame, points: pd.DataFrame, size: float) -> pd.DataFrame:
    """``top`` (rank, importance, satisfaction) with ``label_x``/``label_y`` (data units) where each
    rank label overlaps no other label and as few points as it can (greedy, best rank first).

    The plot is ``size`` px square for 0–10 on both axes, so pixels and data units convert with
    one factor — one reason the landscape keeps a square aspect."""
    unit = size / 10.0
    markers = [
        (
            x * unit - MARKER_RADIUS,
            (10 - y) * unit - MARKER_RADIUS,
            x * unit + MARKER_RADIUS,
            (10 - y) * unit + MARKER_RADIUS,
        )
        for x, y in zip(points["importance"], points["satisfaction"], strict=True)
    ]
    placed: list[tuple[float, float, float, float]] = []
    label_x, label_y = [], []
    for rank, x, y in zip(top["rank"], top["importance"], top["satisfaction"], strict=True):
        half_w, half_h = DIGIT_WIDTH * len(str(int(rank))) / 2 + 1, LABEL_HEIGHT / 2
        px, py = x * unit, (10 - y) * unit
        best, best_cost = None, float("inf")
        for dx, dy in LABEL_OFFSETS:
            cx, cy = px + dx, py + dy
            box = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)
            outside = max(0.0, -box[0]) + max(0.0, box[2] - size) + max(0.0, -box[1]) + max(0.0, box[3] - size)
            cost = 1000 * sum(_overlap(box, other) for other in placed) + sum(_overlap(box, m) for m in markers)
            cost += 100 * outside
            if cost < best_cost:
                best, best_cost = (cx, cy, box), cost
            if cost == 0:
                break
        assert best is not None
        placed.append(best[2])
        label_x.append(best[0] / unit)
        label_y.append(10 - best[1] / unit)
    return top.assign(label_x=label_x, label_y=label_y)


TOOLTIP = (  # field, title, format
    ("statement", "Outcome", None),
    ("step_label", "Step", None),
    ("opportunity", "Opportunity", ".1f"),
    ("importance", "Importance", ".1f"),
    ("satisfaction", "Satisfaction", ".1f"),
    ("n_importance", "n (importance)", None),
    ("n_satisfaction", "n (satisfaction)", None),
    ("importance_low", "Importance 95% low", ".1f"),
    ("importance_high", "Importance 95% high", ".1f"),
    ("satisfaction_low", "Satisfaction 95% low", ".1f"),
    ("satisfaction_high", "Satisfaction 95% high", ".1f"),
)
NOMINAL = {"statement", "step_label"}


def _tooltip() -> list[dict]:
    fields = []
    for field, title, fmt in TOOLTIP:
        entry = {"field": field, "title": title, "type": "nominal" if field in NOMINAL else "quantitative"}
        if fmt:
            entry["format"] = fmt
        fields.append(entry)
    return fields


def landscape(scores: pd.DataFrame, settings: ScoringSettings, *, label_top: int = 8, height: int = 420) -> dict:
    """The opportunity landscape's Vega-Lite spec: importance (x) vs satisfaction (y), both 0–10.

    Shaded underserved (below the diagonal) and overserved (above it by the margin) regions,
    the diagonal S = I and lines of constant opportunity S = 2·I − k; points coloured *and*
    shaped by step; the top outcomes labelled with their rank. Two selections: click a point
    (``pick``, shift-click for more) or drag a box (``box``).
    """
    data = scores.dropna(subset=["importance", "satisfaction"]).copy()
    data["step_label"] = [step_label(o, n) for o, n in zip(data["step_order"], data["step"], strict=True)]
    data["rank"] = data["opportunity"].rank(ascending=False, method="first").astype(int)
    labels = list(dict.fromkeys(data.sort_values("step_order")["step_label"]))
    colours, shapes = step_encodings(labels)
    axis = {"clamp": True, "domain": [0, 10], "nice": False}
    top = place_rank_labels(data[data["rank"] <= label_top].sort_values("rank"), data, height)
    datasets: dict[str, list[dict]] = {}
    regions, guides = _regions(settings.overserved_margin, datasets), _guide_lines(datasets)
    datasets["outcomes"], datasets["ranked"] = records(data), records(top)
    step = {"field": "step_label", "sort": labels, "title": "Job step", "type": "nominal"}
    points = {
        "name": LANDSCAPE_VIEW,
        "data": {"name": "outcomes"},
        "mark": {"type": "point", "filled": True, "size": 150, "stroke": "white", "strokeWidth": 1},
        "encoding": {
            "color": {
                **step,
                "legend": {"labelLimit": LEGEND_LABEL_LIMIT},
                "scale": {"domain": labels, "range": colours},
            },
            # an empty selection matches every point, so "and" narrows by whichever is active
            "opacity": {
                "condition": {"test": {"and": [{"param": LANDSCAPE_POINTS}, {"param": LANDSCAPE_BOX}]}, "value": 0.95},
                "value": 0.25,
            },
            "shape": {**step, "scale": {"domain": labels, "range": shapes}},
            "tooltip": _tooltip(),
            "x": q("importance", scale=axis, title="Importance (0–10)"),
            "y": q("satisfaction", scale=axis, title="Satisfaction (0–10)"),
        },
    }
    label_scale = {"domain": [0, 10], "nice": False}
    rank_labels = {
        "data": {"name": "ranked"},
        "mark": {
            "type": "text",
            "align": "center",
            "baseline": "middle",
            "color": INK,
            "fontSize": 15,
            "fontWeight": "bold",
        },
        "encoding": {
            "text": q("rank", format="d"),
            "x": q("label_x", scale=label_scale),
            "y": q("label_y", scale=label_scale),
        },
    }
    # Near square: equal units on both axes, so the diagonal is 45° and a wide screen does not
    # stretch it flat. Streamlit fits the whole chart (axis and legend included) into the spec's
    # width, so the width is the plot's plus room for the y axis and the legend (labels capped).
    return {
        "$schema": SCHEMA,
        "config": theme_config(),
        "layer": [regions, guides, points, rank_labels],
        "params": [
            {
                "name": LANDSCAPE_POINTS,
                "select": {"type": "point", "fields": ["outcome_id"], "on": "click"},
                "views": [LANDSCAPE_VIEW],
            },
            {"name": LANDSCAPE_BOX, "select": {"type": "interval", "encodings": ["x", "y"]}, "views": [LANDSCAPE_VIEW]},
        ],
        "width": height + LANDSCAPE_SIDE,
        "height": height + LANDSCAPE_BELOW,
        "title": titled("Opportunity landscape", "landscape"),
        "datasets": datasets,
    }


def label_positions(values: pd.Series, threshold: float) -> pd.Series:
    """Where a bar's value label starts: at the bar's end, or right of the dashed threshold line
    when the bar stops short of it — so no label is crossed by the line."""
    return values.fillna(0.0).clip(lower=threshold)


def step_bars(steps: pd.DataFrame, settings: ScoringSettings, *, height_per_step: int = 34) -> dict:
    """Mean opportunity per job step, in job order, with the solid-opportunity threshold (a Vega-Lite spec)."""
    data = steps.copy()
    data["step_label"] = [step_label(o, n) for o, n in zip(data["step_order"], data["step"], strict=True)]
    data["detail"] = [
        f"{v:.1f}  ({count(a)} of {plural(n, 'outcome')} ≥ {settings.solid:g})" if pd.notna(v) else "no outcomes"
        for v, a, n in zip(data["mean_opportunity"], data["n_attractive"], data["n_outcomes"], strict=True)
    ]
    data["label_x"] = label_positions(data["mean_opportunity"], settings.solid)
    order = list(data.sort_values("step_order")["step_label"])
    y = {"axis": {"labelLimit": 360}, "field": "step_label", "sort": order, "title": None, "type": "nominal"}
    x_scale = {"domain": [0, 20]}
    bars = {
        "data": {"name": "steps"},
        "mark": {"type": "bar", "color": "#0072B2", "height": {"band": 0.7}},
        "encoding": {
            "tooltip": [
                n("step_label", title="Step"),
                q("mean_opportunity", format=".1f", title="Mean opportunity"),
                q("n_attractive", title=f"Outcomes ≥ {settings.solid:g}"),
                n("top_outcome", title="Top outcome"),
            ],
            "x": q("mean_opportunity", scale=x_scale, title="Mean opportunity of the step's outcomes (0–20)"),
            "y": y,
        },
    }
    threshold = {
        "data": {"name": "threshold"},
        "mark": {"type": "rule", "color": "#D55E00", "strokeDash": [6, 4], "strokeWidth": 2},
        "encoding": {"x": q("x")},
    }
    text = {
        "data": {"name": "steps"},
        "mark": {"type": "text", "align": "left", "color": INK, "dx": 6, "fontSize": 14},
        "encoding": {"text": n("detail"), "x": q("label_x", scale=x_scale), "y": y},
    }
    return {
        "$schema": SCHEMA,
        "config": theme_config(),
        "layer": [bars, threshold, text],
        "height": max(160, height_per_step * len(data)),
        "title": titled("Opportunity by job step", "step_bars"),
        "datasets": {"steps": records(data), "threshold": [{"x": settings.solid}]},
    }
