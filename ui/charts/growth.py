"""The Strategy options page's growth chart (pure Altair; no streamlit).

One bubble per segment and one for the whole market: x = share of its outcomes at or above the
high band (underserved), y = share of its outcomes overserved, size = its respondents, colour =
its median willingness to pay (grey when the survey or the segment has none). Dashed rules mark
the placement rule's thresholds (core.strategy.growth.GrowthRules). Segment names go in as data
(text marks, tooltips), never as Markdown.
"""

from __future__ import annotations

import copy
from functools import cache

import altair as alt
import pandas as pd

from ui.charts.reading import titled
from ui.charts.theme import INK, MUTED, projector

CHART_HEIGHT = 210
NO_WTP = "#B8BEC6"
# Label placement (decision): Vega-Lite cannot move colliding text marks, so names are placed here,
# in pixels estimated for a chart about LABEL_WIDTH_PX wide (the page's width at 1280 × 720).
LABEL_LINE_PX = 17  # one 14 px label with its leading
LABEL_WIDTH_PX = 720
LABEL_CHAR_PX = 7.5
LABEL_LIMIT_PX = 240
LABEL_DX_PX = 16


def growth_rows(growth: pd.DataFrame) -> pd.DataFrame:
    """segment, underserved, overserved (percent), n, wtp (None when unknown), strategy."""
    return pd.DataFrame(
        {
            "segment": growth["segment"].astype(str).to_numpy(),
            "underserved": (100 * growth["underserved_share"].astype(float)).round(1).to_numpy(),
            "overserved": (100 * growth["overserved_share"].astype(float)).round(1).to_numpy(),
            "n": growth["n"].astype(int).to_numpy(),
            "wtp": growth["wtp_median"].astype(float).to_numpy(),
            "strategy": growth["strategy"].astype(str).to_numpy(),
        }
    )


@cache
def _template() -> dict:
    """The chart without data (built once)."""
    x = alt.X("underserved:Q", title="Underserved: % of outcomes at or above the high band", scale=alt.Scale(zero=True))
    y_title = "Overserved: % of outcomes"
    y = alt.Y("overserved:Q", title=y_title, scale=alt.Scale(zero=True))
    size = alt.Size("n:Q", title="Respondents", scale=alt.Scale(range=[200, 2400]), legend=None)
    tooltip = [
        alt.Tooltip("segment:N", title="Segment"),
        alt.Tooltip("n:Q", title="Respondents"),
        alt.Tooltip("underserved:Q", title="Underserved %", format=".0f"),
        alt.Tooltip("overserved:Q", title="Overserved %", format=".0f"),
        alt.Tooltip("wtp:Q", title="Median WTP", format=",.0f"),
        alt.Tooltip("strategy:N", title="Strategy"),
    ]
    base = alt.Chart(alt.NamedData(name="points"))
    known = base.transform_filter("isValid(datum.wtp)").mark_circle(opacity=0.85, stroke=INK, strokeWidth=1)
    known = known.encode(
        x=x,
        y=y,
        size=size,
        tooltip=tooltip,
        color=alt.Color(
            "wtp:Q",
            title="Median WTP",
            scale=alt.Scale(scheme="viridis"),
            legend=alt.Legend(orient="bottom", direction="horizontal", gradientLength=220),
        ),
    )
    unknown = base.transform_filter("!isValid(datum.wtp)").mark_circle(
        opacity=0.85, color=NO_WTP, stroke=INK, strokeWidth=1
    )
    unknown = unknown.encode(x=x, y=y, size=size, tooltip=tooltip)
    labels = base.mark_text(align="left", dx=LABEL_DX_PX, dy=-8, fontSize=14, color=INK, limit=LABEL_LIMIT_PX).encode(
        x=x, y=alt.Y("label_y:Q", title=y_title), text="segment:N"
    )
    rules = alt.Chart(alt.NamedData(name="rules"))
    layers = [
        rules.mark_rule(strokeDash=[6, 4], color=MUTED).encode(x="x:Q"),
        rules.mark_rule(strokeDash=[6, 4], color=MUTED).encode(y="y:Q"),
        unknown,
        known,
        labels,
    ]
    chart = alt.layer(*layers).properties(
        height=CHART_HEIGHT, title=titled("Growth strategy by segment: underserved vs overserved", "growth")
    )
    return projector(chart).to_dict(validate=False)


def label_heights(rows: pd.DataFrame, x_max: float, y_max: float) -> list[float]:
    """Where each bubble's name sits (in overserved %): at its bubble, or moved down (up, near
    the floor) past a name already placed that it would overlap, highest bubbles first."""
    x_scale = LABEL_WIDTH_PX / max(x_max, 1e-9)
    y_scale = CHART_HEIGHT / max(y_max, 1e-9)
    placed: list[tuple[float, float, float]] = []  # (left, right, height) in px
    heights = [0.0] * len(rows)
    order = sorted(
        range(len(rows)), key=lambda i: (-float(rows["overserved"].iat[i]), float(rows["underserved"].iat[i]))
    )
    for i in order:
        left = float(rows["underserved"].iat[i]) * x_scale + LABEL_DX_PX
        right = left + min(LABEL_LIMIT_PX, LABEL_CHAR_PX * len(str(rows["segment"].iat[i])))
        height = float(rows["overserved"].iat[i]) * y_scale
        for _ in range(len(placed) + 1):
            hit = [h for a, b, h in placed if a < right and left < b and abs(h - height) < LABEL_LINE_PX]
            if not hit:
                break
            lower = min(hit) - LABEL_LINE_PX
            height = lower if lower >= 0 else max(hit) + LABEL_LINE_PX
        placed.append((left, right, height))
        heights[i] = height / y_scale
    return heights


def growth_chart(growth: pd.DataFrame, underserved_min: float, overserved_min: float) -> dict:
    """The chart as a Vega-Lite spec: the cached template plus the data and the rule's thresholds."""
    spec = copy.deepcopy(_template())
    rows = growth_rows(growth)
    # room right of the bubbles for their names, and above the highest one
    x_max = max(100 * underserved_min, float(rows["underserved"].max()) if len(rows) else 0.0) * 1.7
    y_max = max(100 * overserved_min, float(rows["overserved"].max()) if len(rows) else 0.0) * 1.2
    x_max, y_max = min(100, round(x_max)), min(100, round(y_max))
    rows["label_y"] = label_heights(rows, x_max, y_max)
    spec["datasets"] = {
        "points": rows,
        "rules": pd.DataFrame({"x": [100 * underserved_min], "y": [100 * overserved_min]}),
    }
    for layer in spec["layer"]:
        encoding = layer.get("encoding", {})
        for channel, top in (("x", x_max), ("y", y_max)):
            if channel in encoding and "field" in encoding[channel]:
                encoding[channel]["scale"] = {**encoding[channel].get("scale", {}), "domain": [0, top]}
    return spec
