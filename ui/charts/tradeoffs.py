"""The trade-off chart: value against feasibility (both 1–5), one labelled point per row, four
quadrants split at 3. DataFrames in, Vega-Lite specs out; no Streamlit here.

Like the focus matrix's charts (ui/charts/focus.py) the spec is built once (``functools.cache``)
on a *named* dataset and a weight change only puts the new rows in (:func:`with_data`): building
an Altair chart costs tens of milliseconds, filling one well under one. Row names are data
(text marks and tooltips), never Markdown.
"""

from __future__ import annotations

import copy
from functools import cache

import altair as alt
import pandas as pd

from core.strategy.tradeoff_criteria import MIDDLE, quadrant
from ui.charts.reading import titled
from ui.charts.theme import INK, MUTED, themed

QUADRANTS = ("Pursue", "Invest to enable", "Quick extras", "Deprioritise")
QUADRANT_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#9AA4B1")
QUADRANT_SHAPES = ("circle", "square", "diamond", "triangle-up")
CORNERS = pd.DataFrame(
    {
        "label": ["Pursue", "Invest to enable", "Quick extras", "Deprioritise"],
        "value": [5.0, 5.0, 1.0, 1.0],
        "feasibility": [5.0, 1.0, 5.0, 1.0],
        "align": ["right", "left", "right", "left"],
    }
)
LABEL_LIMIT = 26
# Rank labels closer than this (data units, both axes) would overlap at 1280 px, where the chart
# is drawn in a third of the page (~170 px for the 4.4 units of an axis, 15 px label height, about
# 27 px for a bold "#10" drawn right of its point): the later ranks join the label of the first
# point of such a group ("#4, 5, 6") instead of drawing over it.
LABEL_NEAR_VALUE, LABEL_NEAR_FEASIBILITY = 0.35, 0.8


def rank_labels(ranks: list[int], values: list[float], feasibilities: list[float]) -> list[str]:
    """One label per row, best rank first: ``#r`` where the row's label has room, ``""`` for a row
    near an already labelled one, whose label then lists its rank too (``#4, 5, 6``)."""
    order = sorted(range(len(ranks)), key=lambda i: ranks[i])
    anchors: list[int] = []
    members: dict[int, list[int]] = {}
    for i in order:
        near = next(
            (
                a
                for a in anchors
                if abs(values[a] - values[i]) < LABEL_NEAR_VALUE
                and abs(feasibilities[a] - feasibilities[i]) < LABEL_NEAR_FEASIBILITY
            ),
            None,
        )
        if near is None:
            anchors.append(i)
            members[i] = [ranks[i]]
        else:
            members[near].append(ranks[i])
    labels = [""] * len(ranks)
    for anchor, group in members.items():
        labels[anchor] = "#" + ", ".join(str(r) for r in group)
    return labels


def chart_rows(summary: pd.DataFrame) -> pd.DataFrame:
    """The chart's dataset: rows with a weighted score; an axis no criterion of which is scored
    for the row (e.g. feasibility before any hand score or capability) puts it on the middle, 3."""
    rows = summary.dropna(subset=["score"]).copy()
    names = rows["name"].astype(str)
    short = [n if len(n) <= LABEL_LIMIT else n[: LABEL_LIMIT - 1] + "…" for n in names]
    value, feasibility = rows["value"].fillna(MIDDLE).round(2), rows["feasibility"].fillna(MIDDLE).round(2)
    labels = rank_labels([int(r) for r in rows["rank"]], value.tolist(), feasibility.tolist())
    return pd.DataFrame(
        {
            "name": names.to_numpy(),
            "label": labels,  # ranks only (names: the ranking beside it and the tooltip); near points share one
            "short": short,
            "rank": rows["rank"].astype(int).to_numpy(),
            "score": rows["score"].round(2).to_numpy(),
            "value": rows["value"].fillna(MIDDLE).round(2).to_numpy(),
            "feasibility": rows["feasibility"].fillna(MIDDLE).round(2).to_numpy(),
            "quadrant": [
                quadrant(v, f)
                for v, f in zip(rows["value"].fillna(MIDDLE), rows["feasibility"].fillna(MIDDLE), strict=True)
            ],
        }
    )


@cache
def _template() -> dict:
    axis = alt.Scale(domain=[0.8, 5.2], nice=False)
    x = alt.X("feasibility:Q", title="Feasibility (1–5) →", scale=axis)
    y = alt.Y("value:Q", title="Value (1–5) →", scale=axis)
    data = alt.NamedData(name="rows")
    colour = alt.Color(
        "quadrant:N",
        title=None,
        scale=alt.Scale(domain=list(QUADRANTS), range=list(QUADRANT_COLOURS)),
        legend=None,  # the quadrants are named in their corners: a legend would repeat them (and crop)
    )
    shape = alt.Shape("quadrant:N", scale=alt.Scale(domain=list(QUADRANTS), range=list(QUADRANT_SHAPES)), legend=None)
    tooltip = [
        alt.Tooltip("name:N", title="Row"),
        alt.Tooltip("rank:Q", title="Rank"),
        alt.Tooltip("score:Q", title="Weighted score"),
        alt.Tooltip("value:Q", title="Value"),
        alt.Tooltip("feasibility:Q", title="Feasibility"),
    ]
    points = (
        alt.Chart(data)
        .mark_point(size=220, filled=True, stroke=INK, strokeWidth=1)
        .encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    )
    labels = (
        alt.Chart(data)
        .mark_text(align="left", dx=10, dy=-8, fontSize=14, fontWeight="bold", color=INK)
        .encode(x=x, y=y, text="label:N", tooltip=tooltip)
    )
    rules = alt.Chart(pd.DataFrame({"at": [3.0]}))
    vertical = rules.mark_rule(color=MUTED, strokeDash=[5, 4]).encode(x=alt.X("at:Q", scale=axis))
    horizontal = rules.mark_rule(color=MUTED, strokeDash=[5, 4]).encode(y=alt.Y("at:Q", scale=axis))
    corners = alt.layer(
        *(
            alt.Chart(CORNERS[CORNERS["align"] == side])
            .mark_text(fontSize=14, color=MUTED, opacity=0.8, align=side, dx=-6 if side == "right" else 6)
            .encode(x=alt.X("feasibility:Q", scale=axis), y=alt.Y("value:Q", scale=axis), text="label:N")
            for side in ("left", "right")
        )
    )
    chart = (vertical + horizontal + corners + points + labels).properties(
        height=300, title=titled("Value vs feasibility", "tradeoffs")
    )
    return themed(chart).to_dict()


def with_data(template: dict, **datasets: pd.DataFrame) -> dict:
    spec = copy.deepcopy(template)
    named = {name: frame.to_dict(orient="records") for name, frame in datasets.items()}
    spec["datasets"] = {**spec.get("datasets", {}), **named}
    return spec


def tradeoff_chart(summary: pd.DataFrame) -> dict:
    """The value-vs-feasibility spec of a :class:`core.views.tradeoffs.TradeoffsView` summary."""
    return with_data(_template(), rows=chart_rows(summary))
