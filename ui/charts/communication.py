"""The Communication page's coverage heat map (pure Altair; no streamlit).

Rows: touchpoints in the map's order; columns: the map's elements. Each cell is coloured by its
status (core.strategy.communication_checks: no message, message without proof, message + proof)
and shows its number of messages (base + per-segment variants) as text, so it never relies on
colour alone. Names go in as data (axis labels), never as Markdown; long column names wrap over
lines (the labels are split on newlines, which names never hold: they are single-spaced).
"""

from __future__ import annotations

import copy
import textwrap
from functools import cache

import altair as alt
import pandas as pd

from core.strategy.communication_checks import NO_MESSAGE, NO_PROOF, PROVEN, STATUSES
from ui.charts.reading import titled
from ui.charts.theme import INK, projector

STATUS_COLOURS = {NO_MESSAGE: "#EEF0F3", NO_PROOF: "#E69F00", PROVEN: "#009E73"}
ROW_PX = 34
WRAP = 16  # characters per line of a column label
MAX_LINES = 3


def column_label(name: str) -> str:
    """A column's label: wrapped to :data:`WRAP` characters, at most :data:`MAX_LINES` lines."""
    lines = textwrap.wrap(name, WRAP, break_long_words=True) or [""]
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], textwrap.shorten(" ".join(lines[MAX_LINES - 1 :]), WRAP, placeholder="…")]
    return "\n".join(lines)


def _unique(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def coverage_rows(coverage: pd.DataFrame, columns: pd.DataFrame, touchpoints: pd.DataFrame) -> pd.DataFrame:
    """The chart's data: touchpoint, column (label), status, text (count or blank), messages."""
    labels = dict(zip(columns["element_id"], _unique([column_label(str(n)) for n in columns["name"]]), strict=True))
    names = dict(zip(touchpoints["touchpoint_id"], _unique([str(n) for n in touchpoints["name"]]), strict=True))
    frame = coverage[coverage["element_id"].isin(labels)]
    return pd.DataFrame(
        {
            "touchpoint": frame["touchpoint_id"].map(names).astype(str).to_numpy(),
            "column": frame["element_id"].map(labels).astype(str).to_numpy(),
            "status": frame["status"].astype(str).to_numpy(),
            "messages": frame["messages"].astype(int).to_numpy(),
            "text": [str(n) if n else "–" for n in frame["messages"]],
        }
    )


@cache
def _template() -> dict:
    """The chart without data, sort orders or height (built once: Altair costs far more than the data)."""
    x = alt.X(
        "column:N",
        title=None,
        axis=alt.Axis(orient="bottom", labelAngle=0, labelExpr="split(datum.label, '\\n')", labelFontSize=14,
                      labelLimit=170, labelPadding=6),
    )  # fmt: skip
    y = alt.Y("touchpoint:N", title=None, axis=alt.Axis(labelFontSize=15, labelLimit=200))
    base = alt.Chart(alt.NamedData(name="cells"))
    cells = base.mark_rect(stroke="white", strokeWidth=3).encode(
        x=x,
        y=y,
        color=alt.Color(
            "status:N",
            title=None,
            scale=alt.Scale(domain=list(STATUSES), range=[STATUS_COLOURS[s] for s in STATUSES]),
            legend=alt.Legend(orient="bottom", direction="vertical", labelFontSize=14, labelLimit=260),
        ),
        tooltip=[
            alt.Tooltip("touchpoint:N", title="Touchpoint"),
            alt.Tooltip("column:N", title="Element"),
            alt.Tooltip("status:N", title="Status"),
            alt.Tooltip("messages:Q", title="Messages"),
        ],
    )
    text = base.mark_text(fontSize=16, fontWeight="bold").encode(
        x=x,
        y=y,
        text="text:N",
        color=alt.condition(f"datum.status == '{NO_MESSAGE}'", alt.value("#55606E"), alt.value(INK)),
    )
    chart = alt.layer(cells, text).properties(height=ROW_PX, title=titled("Message coverage", "coverage"))
    return projector(chart).to_dict(validate=False)


def coverage_chart(coverage: pd.DataFrame, columns: pd.DataFrame, touchpoints: pd.DataFrame) -> dict:
    """The heat map as a Vega-Lite spec (for ``st.vega_lite_chart``): the cached template plus the
    data, the row and column orders and the height (one :data:`ROW_PX` band per touchpoint)."""
    rows = coverage_rows(coverage, columns, touchpoints)
    spec = copy.deepcopy(_template())
    spec["datasets"] = {"cells": rows.to_dict("records")}
    spec["height"] = ROW_PX * max(len(touchpoints), 1)
    labels = _unique([column_label(str(n)) for n in columns["name"]])
    points = _unique([str(n) for n in touchpoints["name"]])
    for layer in spec["layer"]:
        layer["encoding"]["x"]["sort"] = labels
        layer["encoding"]["y"]["sort"] = points
    return spec
