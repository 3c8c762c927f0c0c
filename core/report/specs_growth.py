"""The report's growth-strategy chart (issue 16.3) as a plain Vega-Lite dict: the print version of
the Strategy options page's chart (ui/charts/growth.py; ``core`` never imports ``ui``). One bubble
per segment and one for the whole market: x = % of its outcomes at or above the high band
(underserved), y = % of its outcomes overserved, size = respondents, colour = median willingness
to pay (grey when unknown), dashed rules at the placement rule's thresholds. Names go in as data
(text marks), never as markup."""

from __future__ import annotations

import pandas as pd

from core.report.specs import CONFIG, SCHEMA, WIDTH, records

NO_WTP = "#B8BEC6"
INK = "#1F2933"


def growth_bubbles(growth: pd.DataFrame, underserved_min: float, overserved_min: float) -> dict:
    """``growth``: core.strategy.growth.placements (segment, n, underserved_share,
    overserved_share, wtp_median, strategy); thresholds as shares (0.25)."""
    rows = pd.DataFrame(
        {
            "segment": growth["segment"].astype(str).to_numpy(),
            "underserved": (100 * growth["underserved_share"].astype(float)).round(1).to_numpy(),
            "overserved": (100 * growth["overserved_share"].astype(float)).round(1).to_numpy(),
            "n": growth["n"].astype(int).to_numpy(),
            "wtp": growth["wtp_median"].astype(float).to_numpy(),
        }
    )
    x_top = min(100, round(max(100 * underserved_min, float(rows["underserved"].max() or 0)) * 1.7))
    y_top = min(100, round(max(100 * overserved_min, float(rows["overserved"].max() or 0)) * 1.2))
    x_title, y_title = "Underserved: % of outcomes at or above the high band", "Overserved: % of outcomes"
    x = {"field": "underserved", "type": "quantitative", "title": x_title, "scale": {"domain": [0, x_top]}}
    y = {"field": "overserved", "type": "quantitative", "title": y_title, "scale": {"domain": [0, y_top]}}
    size = {
        "field": "n",
        "type": "quantitative",
        "title": "Respondents",
        "scale": {"range": [200, 2400]},
        "legend": None,
    }
    points = records(rows)
    bubble = {"type": "circle", "opacity": 0.85, "stroke": INK, "strokeWidth": 1}
    colour = {"field": "wtp", "type": "quantitative", "title": "Median WTP", "scale": {"scheme": "viridis"}}
    layers = [
        {
            "data": {"values": [{"x": 100 * underserved_min}]},
            "mark": {"type": "rule", "strokeDash": [6, 4], "color": "#55606E"},
            "encoding": {"x": {"field": "x", "type": "quantitative"}},
        },
        {
            "data": {"values": [{"y": 100 * overserved_min}]},
            "mark": {"type": "rule", "strokeDash": [6, 4], "color": "#55606E"},
            "encoding": {"y": {"field": "y", "type": "quantitative"}},
        },
        {
            "data": {"values": points},
            "transform": [{"filter": "!isValid(datum.wtp)"}],
            "mark": {**bubble, "color": NO_WTP},
            "encoding": {"x": x, "y": y, "size": size},
        },
        {
            "data": {"values": points},
            "transform": [{"filter": "isValid(datum.wtp)"}],
            "mark": bubble,
            "encoding": {"x": x, "y": y, "size": size, "color": colour},
        },
        {
            "data": {"values": points},
            "mark": {"type": "text", "align": "left", "dx": 16, "dy": -8, "fontSize": 13, "color": INK, "limit": 260},
            "encoding": {"x": x, "y": y, "text": {"field": "segment"}},
        },
    ]
    title = "Growth strategy by segment: underserved vs overserved"
    return {"$schema": SCHEMA, "title": title, "width": WIDTH, "height": 380, "config": CONFIG, "layer": layers}
