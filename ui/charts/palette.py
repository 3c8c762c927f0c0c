"""Projector-ready chart styling as plain values: colours, shapes, fonts and the Vega-Lite
``config`` that ui.charts.theme.themed applies through Altair. Imports no Altair, so a page whose
specs are written as plain dicts (ui/charts/opportunities.py) never loads it (issue 12.5)."""

from __future__ import annotations

# Okabe–Ito, without the yellow that vanishes on white.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"]
# Competitors, in alphabetical order, on every page (the Okabe–Ito hues the steps don't lead with).
COMPETITOR_PALETTE = ["#56B4E9", "#CC79A7", "#009E73", "#D55E00", "#7F3C8D", "#999999", "#A6761D", "#1B9E77"]
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down"]
UNDERSERVED_FILL = "#F6D7B0"
OVERSERVED_FILL = "#CFE3F3"
INK = "#111418"
MUTED = "#55606E"
FONT = "Source Sans Pro, Helvetica, Arial, sans-serif"
LABEL_LIMIT = 440  # px of a group's name on a bar chart's axis (segments, WTP groups)
AXIS = {"labelFontSize": 15, "titleFontSize": 17, "labelColor": INK, "titleColor": INK, "gridColor": "#E3E7EC"}
LEGEND = {"labelFontSize": 14, "titleFontSize": 15, "symbolSize": 140, "labelLimit": 320}
TITLE = {"fontSize": 19, "anchor": "start", "color": INK}


def theme_config() -> dict:
    """The ``config`` of a themed chart: axis labels ≥ 14 px, titles 16 px, legends 14 px, no border
    (the view's default size is Altair's, so a dict spec draws as its Altair twin)."""
    return {
        "view": {"continuousWidth": 300, "continuousHeight": 300, "strokeWidth": 0},
        "axis": dict(AXIS),
        "font": FONT,
        "legend": dict(LEGEND),
        "title": dict(TITLE),
    }


def step_encodings(labels: list[str]) -> tuple[list[str], list[str]]:
    """A distinct (colour, shape) pair per step, neighbours differing in both."""
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(labels))]
    shapes = [SHAPES[i % len(SHAPES)] for i in range(len(labels))]
    return colours, shapes
