"""The Methods tab's rank chart and the intervals drawn on the Opportunities page's charts.

Plain Vega-Lite dicts, as ui/charts/opportunities.py (the Opportunities page never imports Altair).
No Streamlit here. User text (statements) travels only in the datasets.
"""

from __future__ import annotations

import copy

import pandas as pd

from ui.charts.opportunities import SCHEMA, n, q, records
from ui.charts.palette import INK, MUTED, theme_config
from ui.charts.reading import titled

MOVER_COLOUR = "#D55E00"
QUIET_COLOUR = "#999999"


def method_ranks(outcomes: pd.DataFrame, labels: dict[str, str], movers: set[str], *, height: int = 460) -> dict:
    """A slope chart: each outcome's rank (1 on top) under each method, one line per outcome.

    ``outcomes``: one row per outcome with ``rank_<method>`` for each key of ``labels`` (in order);
    ``movers``: outcome ids drawn in colour (the ones whose rank moves most), the rest in grey."""
    order = list(labels.values())
    rows = []
    for method, label in labels.items():
        part = outcomes[["outcome_id", "statement", f"rank_{method}"]].dropna(subset=[f"rank_{method}"])
        rows.append(part.rename(columns={f"rank_{method}": "rank"}).assign(method=label))
    long = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["outcome_id", "rank", "method"])
    long["moves"] = long["outcome_id"].isin(movers).map({True: "moves most", False: "others"})
    x = {
        "field": "method",
        "type": "ordinal",
        "sort": order,
        "title": None,
        "axis": {"labelAngle": 0, "labelLimit": 200},
    }
    y = q("rank", title="Rank (1 = top)", scale={"reverse": True, "nice": False, "zero": False})
    colour = {
        "field": "moves",
        "type": "nominal",
        "title": None,
        "scale": {"domain": ["moves most", "others"], "range": [MOVER_COLOUR, QUIET_COLOUR]},
    }
    tooltip = [n("statement", title="Outcome"), n("method", title="Method"), q("rank", title="Rank")]
    lines = {
        "mark": {"type": "line", "strokeWidth": 1.2},
        "encoding": {
            "x": x,
            "y": y,
            "detail": n("outcome_id"),
            "color": colour,
            "opacity": {"condition": {"test": "datum.moves === 'moves most'", "value": 0.95}, "value": 0.25},
            "strokeWidth": {"condition": {"test": "datum.moves === 'moves most'", "value": 2.5}, "value": 1},
            "tooltip": tooltip,
        },
    }
    points = {
        "mark": {"type": "point", "filled": True, "size": 40},
        "encoding": {"x": x, "y": y, "color": colour, "tooltip": tooltip},
        "transform": [{"filter": "datum.moves === 'moves most'"}],
    }
    return {
        "$schema": SCHEMA,
        "config": theme_config(),
        "data": {"name": "ranks"},
        "datasets": {"ranks": records(long)},
        "layer": [lines, points],
        "height": height,
        "title": titled("Rank of every outcome under each method", "method_ranks"),
    }


def with_error_bars(landscape: dict) -> dict:
    """The landscape with each point's 95 % intervals as error bars: importance (horizontal) and
    satisfaction (vertical), from the ``*_low``/``*_high`` fields of its outcomes."""
    spec = copy.deepcopy(landscape)
    axis = {"clamp": True, "domain": [0, 10], "nice": False}
    bars = [
        {
            "data": {"name": "outcomes"},
            "mark": {"type": "rule", "color": MUTED, "strokeWidth": 1.2, "opacity": 0.7},
            "encoding": {
                "x": q("importance_low", scale=axis, title="Importance (0–10)"),
                "x2": {"field": "importance_high"},
                "y": q("satisfaction", scale=axis, title="Satisfaction (0–10)"),
            },
        },
        {
            "data": {"name": "outcomes"},
            "mark": {"type": "rule", "color": MUTED, "strokeWidth": 1.2, "opacity": 0.7},
            "encoding": {
                "x": q("importance", scale=axis, title="Importance (0–10)"),
                "y": q("satisfaction_low", scale=axis, title="Satisfaction (0–10)"),
                "y2": {"field": "satisfaction_high"},
            },
        },
    ]
    points = next(i for i, layer in enumerate(spec["layer"]) if layer.get("name"))  # the selectable points
    spec["layer"][points:points] = bars
    return spec


def step_bars_with_intervals(step_bars: dict) -> dict:
    """The step bars with each step's 95 % bootstrap interval of its mean opportunity (the
    ``mean_opportunity_low``/``_high`` fields of its ``steps`` dataset) as an error bar."""
    spec = copy.deepcopy(step_bars)
    y = next(layer["encoding"]["y"] for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    spec["layer"].insert(
        1,
        {
            "data": {"name": "steps"},
            "mark": {"type": "rule", "color": INK, "strokeWidth": 2},
            "encoding": {
                "x": q("mean_opportunity_low", scale={"domain": [0, 20]}),
                "x2": {"field": "mean_opportunity_high"},
                "y": y,
                "tooltip": [
                    q("mean_opportunity_low", format=".1f", title="95% low"),
                    q("mean_opportunity_high", format=".1f", title="95% high"),
                ],
            },
        },
    )
    return spec
