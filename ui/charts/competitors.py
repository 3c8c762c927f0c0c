"""Charts of the Competitors page: DataFrames in, Altair charts out. No Streamlit here.

The competitive advantage map draws one line per competitor across the job steps (or across
the outcomes of one step), each with its own colour *and* point shape and its name at the end
of the line; "us" is drawn thicker; the critical threshold is a labelled dashed rule.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from core.analysis.outcome_text import short_statement
from ui.charts.opportunities import step_label
from ui.charts.reading import titled
from ui.charts.theme import COMPETITOR_PALETTE, INK, SHAPES, projector

THRESHOLD_COLOUR = "#B22222"
US_SUFFIX = " (us)"


def competitor_styles(names: list[str]) -> tuple[list[str], list[str]]:
    """A colour and a shape per competitor, by alphabetical rank (the focus matrix gives its competitors
    in alphabetical order too), so a competitor keeps its colour from page to page."""
    rank = {name: i for i, name in enumerate(sorted(names))}
    colours = [COMPETITOR_PALETTE[rank[n] % len(COMPETITOR_PALETTE)] for n in names]
    return colours, [SHAPES[rank[n] % len(SHAPES)] for n in names]


def _series(names: list[str], us: str | None) -> dict[str, str]:
    return {n: n + US_SUFFIX if n == us else n for n in names}


def advantage_map(
    frame: pd.DataFrame,
    names: list[str],
    *,
    x_field: str,
    x_label: str,
    x_order: list[str],
    threshold: float,
    us: str | None = None,
    title: str = "Competitive advantage map",
    height: int = 400,
) -> alt.LayerChart:
    """Satisfaction (0–10) per competitor along ``x_field`` (step or outcome labels, in order).

    ``frame``: competitor, ``x_field``, satisfaction, n_outcomes or statement (tooltips).
    """
    series = _series(names, us)
    data = frame.copy()
    data["series"] = data["competitor"].map(series)
    data["width"] = [5.0 if c == us else 2.5 for c in data["competitor"]]
    domain = [series[n] for n in names]
    colours, shapes = competitor_styles(names)
    legend = alt.Legend(orient="bottom", title=None, symbolSize=180, labelFontSize=15, symbolStrokeWidth=2)
    colour = alt.Color("series:N", scale=alt.Scale(domain=domain, range=colours), legend=legend)
    shape = alt.Shape("series:N", scale=alt.Scale(domain=domain, range=shapes), legend=legend)
    x = alt.X(
        f"{x_field}:N",
        sort=x_order,
        title=x_label,
        axis=alt.Axis(labelAngle=-35, labelAlign="right", labelLimit=260, labelFontSize=14),
    )
    y = alt.Y("satisfaction:Q", title="Satisfaction (0–10)", scale=alt.Scale(domain=[0, 10]))
    tooltip = [
        alt.Tooltip("series:N", title="Competitor"),
        alt.Tooltip(f"{x_field}:N", title=x_label),
        alt.Tooltip("satisfaction:Q", title="Satisfaction", format=".1f"),
    ]
    if "statement" in data:
        tooltip.insert(2, alt.Tooltip("statement:N", title="Outcome"))
    lines = (
        alt.Chart(data)
        .mark_line(opacity=0.9)
        .encode(x=x, y=y, color=colour, strokeWidth=alt.StrokeWidth("width:Q", legend=None, scale=None))
    )
    points = (
        alt.Chart(data)
        .mark_point(filled=True, size=150, stroke="white", strokeWidth=1, opacity=1)
        .encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    )
    peaks = peak_labels(data, x_field)
    halo = (
        alt.Chart(peaks)
        .mark_text(dy=-16, fontSize=15, fontWeight="bold", stroke="white", strokeWidth=5, strokeJoin="round")
        .encode(x=x, y=y, text="series:N")
    )
    names_at_peaks = (
        alt.Chart(peaks)
        .mark_text(dy=-16, fontSize=15, fontWeight="bold")
        .encode(x=x, y=y, text="series:N", color=colour)
    )
    rule_data = pd.DataFrame({"y": [threshold], "label": [f"Critical threshold {threshold:.1f}"]})
    rule = (
        alt.Chart(rule_data)
        .mark_rule(color=THRESHOLD_COLOUR, strokeDash=[8, 4], strokeWidth=2.5)
        .encode(y=alt.Y("y:Q", scale=alt.Scale(domain=[0, 10])))
    )
    rule_label = (
        alt.Chart(rule_data)
        .mark_text(align="left", baseline="bottom", x=6, dy=-4, fontSize=15, fontWeight="bold", color=THRESHOLD_COLOUR)
        .encode(y=alt.Y("y:Q", scale=alt.Scale(domain=[0, 10])), text="label:N")
    )
    chart = alt.layer(rule, lines, points, rule_label, halo, names_at_peaks).properties(height=height, title=title)
    return projector(chart)


def peak_labels(data: pd.DataFrame, x_field: str, clearance: float = 0.9) -> pd.DataFrame:
    """Each line's highest point, where its name is written (where it leads, its name is on top).

    Names that would sit on top of a higher one (same x, less than ``clearance`` points below)
    are dropped; the legend still names every line.
    """
    rated = data.dropna(subset=["satisfaction"])
    if rated.empty:
        return rated
    peaks = rated.loc[rated.groupby("competitor")["satisfaction"].idxmax()].sort_values("satisfaction", ascending=False)
    kept: list[int] = []
    for index, row in peaks.iterrows():
        clash = any(
            peaks.at[k, x_field] == row[x_field] and peaks.at[k, "satisfaction"] - row["satisfaction"] < clearance
            for k in kept
        )
        if not clash:
            kept.append(index)
    return peaks.loc[kept]


def steps_map(steps: pd.DataFrame, names: list[str], threshold: float, us: str | None) -> alt.LayerChart:
    """The advantage map across the job steps (mean satisfaction of each step's outcomes)."""
    frame = steps.copy()
    frame["step_label"] = [step_label(o, n) for o, n in zip(frame["step_order"], frame["step"], strict=True)]
    order = list(dict.fromkeys(frame.sort_values("step_order")["step_label"]))
    return advantage_map(
        frame,
        names,
        x_field="step_label",
        x_label="Job step",
        x_order=order,
        threshold=threshold,
        us=us,
        title=titled("Competitive advantage map: satisfaction by job step", "advantage_steps"),
    )


def outcomes_map(
    outcomes: pd.DataFrame, names: list[str], threshold: float, us: str | None, step: str
) -> alt.LayerChart:
    """The advantage map across the outcomes of one step."""
    frame = outcomes.copy()
    frame["outcome_label"] = [
        f"{o}: {short_statement(s, 34)}" for o, s in zip(frame["outcome_id"], frame["statement"], strict=True)
    ]
    order = list(dict.fromkeys(frame.sort_values("outcome_order")["outcome_label"]))
    return advantage_map(
        frame,
        names,
        x_field="outcome_label",
        x_label="Desired outcome",
        x_order=order,
        threshold=threshold,
        us=us,
        title=titled(f"Competitive advantage map: the outcomes of “{step}”", "advantage_outcomes"),
        height=380,
    )


def lead_chart(summary: pd.DataFrame, n_steps: int) -> alt.LayerChart:
    """Steps led per competitor (bars), labelled with the step numbers."""
    data = summary.copy()
    data["n_leads"] = data["leads"].map(len)
    data["label"] = [("leads steps " + ", ".join(map(str, s))) if s else "leads no step" for s in data["leads"]]
    data["series"] = [n + US_SUFFIX if us else n for n, us in zip(data["competitor"], data["is_us"], strict=True)]
    names = list(data["series"])
    colours, _ = competitor_styles(list(data["competitor"]))
    y = alt.Y("series:N", sort=names, title=None, axis=alt.Axis(labelLimit=300))
    x = alt.X("n_leads:Q", title="Job steps led", scale=alt.Scale(domain=[0, max(1, n_steps)]))
    bars = (
        alt.Chart(data)
        .mark_bar(height={"band": 0.65})
        .encode(x=x, y=y, color=alt.Color("series:N", scale=alt.Scale(domain=names, range=colours), legend=None))
    )
    text = alt.Chart(data).mark_text(align="left", dx=6, fontSize=15, color=INK).encode(x=x, y=y, text="label:N")
    return projector(
        alt.layer(bars, text).properties(height=max(120, 50 * len(data)), title=titled("Who leads where", "leads"))
    )
