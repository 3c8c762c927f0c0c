"""Altair chart builders: DataFrames in, charts out. No Streamlit here."""

from __future__ import annotations

import altair as alt
import pandas as pd

from core.analysis.scoring import ScoringSettings
from core.wording import count, plural
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


# Rank-label placement: offsets (px) tried in turn around a point, label size per digit (bold 15 px).
LABEL_OFFSETS = (
    (11, -11),
    (-11, -11),
    (11, 11),
    (-11, 11),
    (16, 0),
    (-16, 0),
    (0, -16),
    (0, 16),
    (22, -22),
    (-22, -22),
    (22, 22),
    (-22, 22),
    (28, 0),
    (-28, 0),
    (0, -28),
    (0, 28),
)
DIGIT_WIDTH, LABEL_HEIGHT, MARKER_RADIUS = 9.0, 15.0, 6.0
LANDSCAPE_SIDE = 340  # px beside the plot: the y axis with its title (~60) and the legend (~280)
LANDSCAPE_BELOW = 90  # px above and below the plot: the title and the x axis with its title
LEGEND_LABEL_LIMIT = 240


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(width, 0.0) * max(height, 0.0)


def place_rank_labels(top: pd.DataFrame, points: pd.DataFrame, size: float) -> pd.DataFrame:
    """``top`` (rank, importance, satisfaction) with ``label_x``/``label_y`` (data units) where each
    rank label overlaps no other label and as few points as it can (greedy, best rank first).

    The plot is ``size`` px square for 0–10 on both axes, so pixels and data units convert with
    one factor — one reason the landscape keeps a square aspect."""
    unit = size / 10.0
    markers = [
        (
            x * unit - MARKER_RADIUS,
            (10 - y) * unit - MARKER_RADIUS,
            x * unit + MARKER_RADIUS,
            (10 - y) * unit + MARKER_RADIUS,
        )
        for x, y in zip(points["importance"], points["satisfaction"], strict=True)
    ]
    placed: list[tuple[float, float, float, float]] = []
    label_x, label_y = [], []
    for rank, x, y in zip(top["rank"], top["importance"], top["satisfaction"], strict=True):
        half_w, half_h = DIGIT_WIDTH * len(str(int(rank))) / 2 + 1, LABEL_HEIGHT / 2
        px, py = x * unit, (10 - y) * unit
        best, best_cost = None, float("inf")
        for dx, dy in LABEL_OFFSETS:
            cx, cy = px + dx, py + dy
            box = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)
            outside = max(0.0, -box[0]) + max(0.0, box[2] - size) + max(0.0, -box[1]) + max(0.0, box[3] - size)
            cost = 1000 * sum(_overlap(box, other) for other in placed) + sum(_overlap(box, m) for m in markers)
            cost += 100 * outside
            if cost < best_cost:
                best, best_cost = (cx, cy, box), cost
            if cost == 0:
                break
        assert best is not None
        placed.append(best[2])
        label_x.append(best[0] / unit)
        label_y.append(10 - best[1] / unit)
    return top.assign(label_x=label_x, label_y=label_y)


def landscape(
    scores: pd.DataFrame, settings: ScoringSettings, *, label_top: int = 8, height: int = 420
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
                "step_label:N",
                title="Job step",
                scale=alt.Scale(domain=labels, range=colours),
                sort=labels,
                legend=alt.Legend(labelLimit=LEGEND_LABEL_LIMIT),
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
    top = place_rank_labels(data[data["rank"] <= label_top].sort_values("rank"), data, height)
    label_scale = alt.Scale(domain=[0, 10], nice=False)
    rank_labels = (
        alt.Chart(top)
        .mark_text(fontSize=15, fontWeight="bold", color=INK, align="center", baseline="middle")
        .encode(
            x=alt.X("label_x:Q", scale=label_scale),
            y=alt.Y("label_y:Q", scale=label_scale),
            text=alt.Text("rank:Q", format="d"),
        )
    )
    # Near square: equal units on both axes, so the diagonal is 45° and a wide screen does not
    # stretch it flat. Streamlit fits the whole chart (axis and legend included) into the spec's
    # width, so the width is the plot's plus room for the y axis and the legend (labels capped).
    chart = alt.layer(_regions(settings.overserved_margin), _guide_lines(), points, rank_labels).properties(
        width=height + LANDSCAPE_SIDE, height=height + LANDSCAPE_BELOW, title="Opportunity landscape"
    )
    return themed(chart)


def label_positions(values: pd.Series, threshold: float) -> pd.Series:
    """Where a bar's value label starts: at the bar's end, or right of the dashed threshold line
    when the bar stops short of it — so no label is crossed by the line."""
    return values.fillna(0.0).clip(lower=threshold)


def step_bars(steps: pd.DataFrame, settings: ScoringSettings, *, height_per_step: int = 34) -> alt.LayerChart:
    """Mean opportunity per job step, in job order, with the solid-opportunity threshold."""
    data = steps.copy()
    data["step_label"] = [step_label(o, n) for o, n in zip(data["step_order"], data["step"], strict=True)]
    data["detail"] = [
        f"{v:.1f}  ({count(a)} of {plural(n, 'outcome')} ≥ {settings.solid:g})" if pd.notna(v) else "no outcomes"
        for v, a, n in zip(data["mean_opportunity"], data["n_attractive"], data["n_outcomes"], strict=True)
    ]
    data["label_x"] = label_positions(data["mean_opportunity"], settings.solid)
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
        .encode(x=alt.X("label_x:Q", scale=x_scale), y=y, text="detail:N")
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
