"""Altair chart builders: DataFrames in, charts out. No Streamlit here."""

from __future__ import annotations

import altair as alt
import pandas as pd

from core.analysis.scoring import ScoringSettings
from ui.charts.theme import INK, MUTED, OVERSERVED_FILL, UNDERSERVED_FILL, step_encodings, themed

OPPORTUNITY_LINES = (10, 12, 15)
LANDSCAPE_POINTS = "pick"
LANDSCAPE_BOX = "box"


def step_label(order: int, name: str) -> str:
    return f"{int(order)}. {name}"


def _regions(margin: float) -> alt.LayerChart:
    under = pd.DataFrame({"x": [0, 10, 10], "y": [0, 0, 10], "region": "Underserved"})
    over = pd.DataFrame({"x": [0, 0, 10 - margin], "y": [margin, 10, 10], "region": "Overserved"})
    layers = []
    for frame, fill in ((under, UNDERSERVED_FILL), (over, OVERSERVED_FILL)):
        frame["order"] = range(len(frame))
        layers.append(
            alt.Chart(frame)
            .mark_line(filled=True, fill=fill, opacity=0.55, strokeOpacity=0)
            .encode(x="x:Q", y="y:Q", order="order:O")
        )
    for x, y, text, align in ((9.8, 0.4, "UNDERSERVED", "right"), (0.2, 9.6, "OVERSERVED", "left")):
        layers.append(
            alt.Chart(pd.DataFrame({"x": [x], "y": [y], "text": [text]}))
            .mark_text(fontSize=15, fontWeight="bold", color=MUTED, align=align)
            .encode(x="x:Q", y="y:Q", text="text:N")
        )
    return alt.layer(*layers)


def _guide_lines() -> alt.LayerChart:
    rows = [{"line": "served = important", "x": 0.0, "y": 0.0, "x2": 10.0, "y2": 10.0}]
    for k in OPPORTUNITY_LINES:
        rows.append({"line": f"opportunity {k}", "x": k / 2, "y": 0.0, "x2": 10.0, "y2": 20.0 - k})
    frame = pd.DataFrame(rows)
    lines = (
        alt.Chart(frame)
        .mark_rule(color=MUTED, strokeDash=[6, 4], strokeWidth=1.5)
        .encode(x="x:Q", y="y:Q", x2="x2:Q", y2="y2:Q")
    )
    # Labels sit just left of each line's upper end, inside the plot (the legend is outside).
    labels = (
        alt.Chart(frame[frame["line"] != "served = important"])
        .mark_text(align="right", baseline="bottom", dx=-8, dy=-2, fontSize=14, color=MUTED)
        .encode(x="x2:Q", y="y2:Q", text="line:N")
    )
    return alt.layer(lines, labels)


def landscape(
    scores: pd.DataFrame, settings: ScoringSettings, *, label_top: int = 8, height: int = 440
) -> alt.LayerChart:
    """The opportunity landscape: importance (x) vs satisfaction (y), both 0–10.

    Shaded underserved (below the diagonal) and overserved (above it by the margin) regions,
    the diagonal S = I and lines of constant opportunity S = 2·I − k; points coloured *and*
    shaped by step; the top outcomes labelled with their rank. Two selections: click a point
    (``pick``, shift-click for more) or drag a box (``box``).
    """
    data = scores.dropna(subset=["importance", "satisfaction"]).copy()
    data["step_label"] = [step_label(o, n) for o, n in zip(data["step_order"], data["step"], strict=True)]
    data["rank"] = data["opportunity"].rank(ascending=False, method="first").astype(int)
    labels = list(dict.fromkeys(data.sort_values("step_order")["step_label"]))
    colours, shapes = step_encodings(labels)
    axis = alt.Scale(domain=[0, 10], nice=False, clamp=True)
    pick = alt.selection_point(name=LANDSCAPE_POINTS, fields=["outcome_id"], on="click")
    box = alt.selection_interval(name=LANDSCAPE_BOX, encodings=["x", "y"])
    selected = pick & box  # an empty selection matches every point, so & narrows by whichever is active
    points = (
        alt.Chart(data)
        .mark_point(filled=True, size=150, stroke="white", strokeWidth=1)
        .encode(
            x=alt.X("importance:Q", scale=axis, title="Importance (0–10)"),
            y=alt.Y("satisfaction:Q", scale=axis, title="Satisfaction (0–10)"),
            color=alt.Color(
                "step_label:N", title="Job step", scale=alt.Scale(domain=labels, range=colours), sort=labels
            ),
            shape=alt.Shape(
                "step_label:N", title="Job step", scale=alt.Scale(domain=labels, range=shapes), sort=labels
            ),
            opacity=alt.condition(selected, alt.value(0.95), alt.value(0.25)),
            tooltip=[
                alt.Tooltip("statement:N", title="Outcome"),
                alt.Tooltip("step_label:N", title="Step"),
                alt.Tooltip("opportunity:Q", title="Opportunity", format=".1f"),
                alt.Tooltip("importance:Q", title="Importance", format=".1f"),
                alt.Tooltip("satisfaction:Q", title="Satisfaction", format=".1f"),
                alt.Tooltip("n_importance:Q", title="n (importance)"),
                alt.Tooltip("n_satisfaction:Q", title="n (satisfaction)"),
                alt.Tooltip("importance_low:Q", title="Importance 95% low", format=".1f"),
                alt.Tooltip("importance_high:Q", title="Importance 95% high", format=".1f"),
                alt.Tooltip("satisfaction_low:Q", title="Satisfaction 95% low", format=".1f"),
                alt.Tooltip("satisfaction_high:Q", title="Satisfaction 95% high", format=".1f"),
            ],
        )
        .add_params(pick, box)
    )
    top = data[data["rank"] <= label_top]
    rank_labels = (
        alt.Chart(top)
        .mark_text(dx=11, dy=-11, fontSize=15, fontWeight="bold", color=INK)
        .encode(x="importance:Q", y="satisfaction:Q", text=alt.Text("rank:Q", format="d"))
    )
    chart = alt.layer(_regions(settings.overserved_margin), _guide_lines(), points, rank_labels).properties(
        height=height, title="Opportunity landscape"
    )
    return themed(chart)


def step_bars(steps: pd.DataFrame, settings: ScoringSettings, *, height_per_step: int = 34) -> alt.LayerChart:
    """Mean opportunity per job step, in job order, with the solid-opportunity threshold."""
    data = steps.copy()
    data["step_label"] = [step_label(o, n) for o, n in zip(data["step_order"], data["step"], strict=True)]
    data["detail"] = [
        f"{v:.1f}  ({a} of {n} outcomes ≥ {settings.solid:g})" if pd.notna(v) else "no outcomes"
        for v, a, n in zip(data["mean_opportunity"], data["n_attractive"], data["n_outcomes"], strict=True)
    ]
    order = list(data.sort_values("step_order")["step_label"])
    y = alt.Y("step_label:N", sort=order, title=None, axis=alt.Axis(labelLimit=360))
    x_scale = alt.Scale(domain=[0, 20])
    bars = (
        alt.Chart(data)
        .mark_bar(color="#0072B2", height={"band": 0.7})
        .encode(
            x=alt.X("mean_opportunity:Q", scale=x_scale, title="Mean opportunity of the step's outcomes (0–20)"),
            y=y,
            tooltip=[
                alt.Tooltip("step_label:N", title="Step"),
                alt.Tooltip("mean_opportunity:Q", title="Mean opportunity", format=".1f"),
                alt.Tooltip("n_attractive:Q", title=f"Outcomes ≥ {settings.solid:g}"),
                alt.Tooltip("top_outcome:N", title="Top outcome"),
            ],
        )
    )
    text = (
        alt.Chart(data)
        .mark_text(align="left", dx=6, fontSize=14, color=INK)
        .encode(x=alt.X("mean_opportunity:Q", scale=x_scale), y=y, text="detail:N")
    )
    threshold = (
        alt.Chart(pd.DataFrame({"x": [settings.solid]}))
        .mark_rule(color="#D55E00", strokeDash=[6, 4], strokeWidth=2)
        .encode(x="x:Q")
    )
    chart = alt.layer(bars, threshold, text).properties(
        height=max(160, height_per_step * len(data)), title="Opportunity by job step"
    )
    return themed(chart)
