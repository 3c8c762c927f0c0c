"""The Capabilities page's investment chart (pure Altair; no streamlit).

Unlock (y: opportunity unlocked, core.strategy.vrio.unlock) against resource requirement (x:
cost + effort points), one labelled point per capability, coloured by its VRIO implication.
Two dashed rules at the medians split it into four quadrants, named in the corners: top left
"Invest first" (much unlocked, little needed) is what an executive reads in ten seconds.
Capability names go in as data (text marks, tooltips), never as Markdown.
"""

from __future__ import annotations

import copy
from functools import cache

import altair as alt
import pandas as pd

from core.strategy.vrio import IMPLICATIONS
from ui.charts.reading import titled
from ui.charts.theme import INK, MUTED, themed

CHART_HEIGHT = 380
IMPLICATION_COLOURS = ["#D55E00", "#999999", "#E69F00", "#56B4E9", "#009E73"]  # disadvantage … sustained
QUADRANTS = (("Invest first", "left", "top"), ("Big bets", "right", "top"), ("Low-hanging", "left", "bottom"),
             ("Question", "right", "bottom"))  # fmt: skip


def investment_rows(priorities: pd.DataFrame) -> pd.DataFrame:
    """The sized capabilities (a requirement is known): name, unlock, requirement, implication."""
    sized = priorities[priorities["requirement"].notna()]
    return pd.DataFrame(
        {
            "name": sized["name"].astype(str).to_numpy(),
            "unlock": sized["unlock"].astype(float).round(2).to_numpy(),
            "requirement": sized["requirement"].astype(float).to_numpy(),
            "implication": sized["implication"].astype(str).to_numpy(),
        }
    )


def _corners(rows: pd.DataFrame) -> pd.DataFrame:
    """Where each quadrant's name goes (the chart's corners, in data units); none below two points."""
    if len(rows) < 2:
        return pd.DataFrame({"label": [], "x": [], "y": []})
    x_high = max(float(rows["requirement"].max()), 1.0) * 1.3  # room for the labels right of the points
    y_high = max(float(rows["unlock"].max()), 1.0) * 1.25  # the corner names above the highest point
    spots = {"left": 0.0, "right": x_high, "top": y_high, "bottom": 0.0}
    return pd.DataFrame([{"label": n, "x": spots[h], "y": spots[v]} for n, h, v in QUADRANTS])


def _medians(rows: pd.DataFrame) -> pd.DataFrame:
    if len(rows) < 2:
        return pd.DataFrame({"x": [], "y": []})
    return pd.DataFrame({"x": [float(rows["requirement"].median())], "y": [float(rows["unlock"].median())]})


@cache
def _template() -> dict:
    """The chart without data (built once: Altair costs far more than the data)."""
    x = alt.X("requirement:Q", title="Resource requirement (cost + effort points)", scale=alt.Scale(zero=True))
    y = alt.Y("unlock:Q", title="Opportunity unlocked", scale=alt.Scale(zero=True))
    colour = alt.Color(
        "implication:N",
        title="VRIO",
        scale=alt.Scale(domain=list(IMPLICATIONS), range=IMPLICATION_COLOURS),
        legend=alt.Legend(orient="bottom", columns=3),
    )
    tooltip = [
        alt.Tooltip("name:N", title="Capability"),
        alt.Tooltip("unlock:Q", title="Unlocks", format=".1f"),
        alt.Tooltip("requirement:Q", title="Requirement", format="g"),
        alt.Tooltip("implication:N", title="VRIO"),
    ]
    base = alt.Chart(alt.NamedData(name="points"))
    points = base.mark_point(size=260, filled=True, stroke=INK, strokeWidth=1).encode(
        x=x, y=y, color=colour, tooltip=tooltip
    )
    labels = base.mark_text(align="left", dx=11, dy=-9, fontSize=15, color=INK, limit=220).encode(
        x=x, y=y, text="name:N"
    )
    medians = alt.Chart(alt.NamedData(name="medians"))
    layers = [
        points,
        labels,
        medians.mark_rule(strokeDash=[6, 4], color=MUTED).encode(x="x:Q"),
        medians.mark_rule(strokeDash=[6, 4], color=MUTED).encode(y="y:Q"),
    ]
    for name, horizontal, vertical in QUADRANTS:
        layers.append(
            alt.Chart(alt.NamedData(name="corners"))
            .transform_filter(alt.datum.label == name)
            .mark_text(align=horizontal, baseline=vertical, fontSize=14, fontStyle="italic", color=MUTED)
            .encode(x="x:Q", y="y:Q", text="label:N")
        )
    chart = alt.layer(*layers).properties(
        height=CHART_HEIGHT, title=titled("Investment priorities: unlock vs requirement", "investment")
    )
    return themed(chart).to_dict(validate=False)


def investment_chart(priorities: pd.DataFrame) -> dict:
    """The chart as a Vega-Lite spec (for ``st.vega_lite_chart``): the cached template plus the data."""
    rows = investment_rows(priorities)
    spec = copy.deepcopy(_template())
    spec["datasets"] = {"points": rows, "medians": _medians(rows), "corners": _corners(rows)}
    return spec
