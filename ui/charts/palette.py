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


# --- the dark variant (presentation mode in a dark room) ------------------------------------
DARK_BACKGROUND = "#000000"
DARK_INK = "#F5F7FA"
DARK_MUTED = "#C9D1D9"
DARK_GRID = "#3A4149"
# Marks drawn in a colour that vanishes on black get a lighter twin of the same hue; every other
# colour (the Okabe–Ito hues, the choice colours) reads on black as it is.
DARK_SWAPS = {
    INK.lower(): DARK_INK,
    MUTED.lower(): DARK_MUTED,
    "#000000": DARK_INK,
    "black": DARK_INK,
    "#b22222": "#FF6B6B",  # the critical threshold
    "#7f3c8d": "#C58BD6",  # a competitor's purple
    "#e3e7ec": DARK_GRID,  # gridlines
    "white": DARK_BACKGROUND,
    UNDERSERVED_FILL.lower(): "#4A3210",  # the landscape's regions, dimmed under light ink
    OVERSERVED_FILL.lower(): "#10304A",  # cell borders and halos drawn in the background's colour
}


_DATA_KEYS = frozenset({"data", "datasets"})


def _swapped(value: object) -> object:
    if isinstance(value, str):
        return DARK_SWAPS.get(value.lower(), value)
    if isinstance(value, dict):  # data (inline or named) is user text: never rewritten
        return {key: item if key in _DATA_KEYS else _swapped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_swapped(item) for item in value]
    return value


def dark_config() -> dict:
    """The ``config`` the dark variant lays over a chart's own: light ink on black, dim grid."""
    ink = {"labelColor": DARK_INK, "titleColor": DARK_INK}
    return {
        "background": DARK_BACKGROUND,
        "axis": {**ink, "gridColor": DARK_GRID, "domainColor": DARK_MUTED, "tickColor": DARK_MUTED},
        "legend": ink,
        "title": {"color": DARK_INK, "subtitleColor": DARK_MUTED},
        "header": ink,
        "text": {"color": DARK_INK},
        "view": {"stroke": None},
    }


def dark_spec(spec: dict) -> dict:
    """A Vega-Lite ``spec`` for a dark room: black background, light ink, dark-safe colours.

    Decision: one rewrite of the finished spec (its data left untouched), rather than a second
    builder per chart, so every chart gets the variant and the two can never drift apart.
    """
    out = _swapped(spec)
    assert isinstance(out, dict)
    config = dict(out.get("config") or {})
    for key, value in dark_config().items():
        config[key] = {**config.get(key, {}), **value} if isinstance(value, dict) else value
    out["config"] = config
    return out
