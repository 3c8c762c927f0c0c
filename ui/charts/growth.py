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
    y = alt.Y("overserved:Q", title="Overserved: % of outcomes", scale=alt.Scale(zero=True))
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
    labels = base.mark_text(align="left", dx=16, dy=-8, fontSize=14, color=INK, limit=240).encode(
        x=x, y=y, text="segment:N"
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


def growth_chart(growth: pd.DataFrame, underserved_min: float, overserved_min: float) -> dict:
    """The chart as a Vega-Lite spec: the cached template plus the data and the rule's thresholds."""
    spec = copy.deepcopy(_template())
    rows = growth_rows(growth)
    spec["datasets"] = {
        "points": rows,
        "rules": pd.DataFrame({"x": [100 * underserved_min], "y": [100 * overserved_min]}),
    }
    # room right of the bubbles for their names, and above the highest one
    x_max = max(100 * underserved_min, float(rows["underserved"].max()) if len(rows) else 0.0) * 1.7
    y_max = max(100 * overserved_min, float(rows["overserved"].max()) if len(rows) else 0.0) * 1.2
    for layer in spec["layer"]:
        encoding = layer.get("encoding", {})
        for channel, top in (("x", x_max), ("y", y_max)):
            if channel in encoding and "field" in encoding[channel]:
                encoding[channel]["scale"] = {**encoding[channel].get("scale", {}), "domain": [0, min(100, round(top))]}
    return spec
