"""Willingness to pay by group (segments on the Segments page, satisfaction levels on the
Competitors page): a DataFrame in, an Altair chart out. No Streamlit here.

Its own module so the Competitors page draws it without importing the Segments page's charts
(and their SciPy and scikit-learn imports).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.charts.reading import titled
from ui.charts.theme import INK, LABEL_LIMIT, projector


def wtp_chart(summary: pd.DataFrame, by: str, order: list[str], title: str, unit: str = "") -> alt.LayerChart:
    """Median willingness to pay per group (bar) with its middle half (25–75 %, black line), n in the label."""
    data = summary.copy()
    data["text"] = [f"median {m:,.0f}{unit} · n = {n}" for m, n in zip(data["median"], data["n"], strict=True)]
    y = alt.Y(f"{by}:N", sort=order, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT))
    top = float(data["q3"].max() or 1) * 1.9  # room for the labels right of the bars
    x_title = f"Willingness to pay{(' (' + unit.strip() + ')') if unit else ''}"
    x_scale = alt.Scale(domain=[0, top], nice=False)
    bars = (
        alt.Chart(data)
        .mark_bar(height={"band": 0.6}, color="#56B4E9")
        .encode(
            x=alt.X("median:Q", title=x_title, scale=x_scale),
            y=y,
            tooltip=[
                alt.Tooltip(f"{by}:N", title="Group"),
                alt.Tooltip("n:Q", title="Respondents"),
                alt.Tooltip("median:Q", title="Median", format=",.0f"),
                alt.Tooltip("q1:Q", title="25 %", format=",.0f"),
                alt.Tooltip("q3:Q", title="75 %", format=",.0f"),
                alt.Tooltip("mean:Q", title="Mean", format=",.0f"),
            ],
        )
    )
    spread = (
        alt.Chart(data).mark_rule(color=INK, strokeWidth=2.5).encode(x=alt.X("q1:Q", scale=x_scale), x2="q3:Q", y=y)
    )
    text = (
        alt.Chart(data)
        .mark_text(align="left", dx=8, fontSize=15, color=INK)
        .encode(x=alt.X("q3:Q", scale=x_scale), y=y, text="text:N")
    )
    chart = alt.layer(bars, spread, text).properties(height=max(140, 56 * len(data)), title=titled(title, "wtp"))
    return projector(chart)
