"""The Metrics page's chart: one metric's measurements over time (pure Altair; no streamlit).

The measurements are a line with points, in the colour of the metric's status (on track green,
at risk orange, off track vermillion, otherwise grey); the baseline is a dashed grey rule and the
target a solid rule, each labelled with its value at the right edge; when the baseline, its date,
the target and the target date are all known, a thin dotted "plan" line joins (baseline date,
baseline) to (target date, target): the status rule compares the latest value with that line.
Dates are UTC days, so every browser shows the day that was entered. Names and notes go in as
data (tooltips), never as Markdown.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from core.strategy.metric_status import AT_RISK, OFF_TRACK, ON_TRACK
from ui.charts.theme import MUTED, projector

CHART_HEIGHT = 230
STATUS_COLOURS = {ON_TRACK: "#009E73", AT_RISK: "#E69F00", OFF_TRACK: "#D55E00"}
TARGET_COLOUR = "#0072B2"
DAY = "%d %b %Y"


def status_colour(status: str) -> str:
    """The colour of a status (grey for no data / no target)."""
    return STATUS_COLOURS.get(status, MUTED)


def _day(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[arg-type]
        return None
    return pd.Timestamp(value).strftime("%Y-%m-%d")  # type: ignore[arg-type]


def chart_rows(series: pd.DataFrame) -> pd.DataFrame:
    """day (ISO), date (as the axis writes it), value, note, source of the measurements, oldest first."""
    return pd.DataFrame(
        {
            "day": [_day(d) for d in series["measured_on"]],
            "date": [pd.Timestamp(d).strftime(DAY) for d in series["measured_on"]],
            "value": series["value"].astype(float).to_numpy(),
            "note": series["note"].astype(object).where(series["note"].notna(), "").to_numpy(),
            "source": series["source"].astype(object).where(series["source"].notna(), "").to_numpy(),
        }
    ).sort_values("day", kind="stable")


def metric_chart(
    series: pd.DataFrame,
    *,
    unit: str | None,
    status: str,
    baseline: float | None,
    target: float | None,
    baseline_date: dt.date | None = None,
    target_date: dt.date | None = None,
) -> dict:
    """The chart of one metric (module docstring) as a Vega-Lite spec for ``st.vega_lite_chart``,
    unvalidated (the tests validate it); ``series``: measured_on, value, note, source."""
    rows = chart_rows(series)
    title = unit or "value"
    x = alt.X("day:T", title=None, scale=alt.Scale(type="utc"), axis=alt.Axis(format=DAY, labelAngle=0, tickCount=5))
    y = alt.Y("value:Q", title=title, scale=alt.Scale(zero=False, nice=True))
    colour = status_colour(status)
    tooltip = [
        alt.Tooltip("date:N", title="Date"),
        alt.Tooltip("value:Q", title=title, format=",.4~f"),
        alt.Tooltip("note:N", title="Note"),
        alt.Tooltip("source:N", title="Source"),
    ]
    base = alt.Chart(rows).encode(x=x, y=y)
    layers: list[alt.Chart] = [
        base.mark_line(color=colour, strokeWidth=3),
        base.mark_point(color=colour, filled=True, size=110).encode(tooltip=tooltip),
    ]
    lines = [(name, value) for name, value in (("Baseline", baseline), ("Target", target)) if value is not None]
    if lines:
        frame = pd.DataFrame({"line": [n for n, _ in lines], "value": [float(v) for _, v in lines]})
        frame["label"] = [f"{n} {v:g}" for n, v in lines]
        rule = alt.Chart(frame).encode(y="value:Q")
        dash = alt.condition(alt.datum.line == "Baseline", alt.value([6, 4]), alt.value([1, 0]))
        tone = alt.condition(alt.datum.line == "Baseline", alt.value(MUTED), alt.value(TARGET_COLOUR))
        layers.append(rule.mark_rule(strokeWidth=2).encode(strokeDash=dash, color=tone))
        layers.append(
            rule.mark_text(align="right", baseline="bottom", dy=-3, fontSize=14, x="width").encode(
                text="label:N", color=tone
            )
        )
    start, end = _day(baseline_date), _day(target_date)
    if None not in (baseline, target, start, end):
        plan = pd.DataFrame({"day": [start, end], "value": [baseline, target]})
        layers.append(
            alt.Chart(plan).mark_line(color=TARGET_COLOUR, strokeDash=[2, 3], strokeWidth=1.5).encode(x=x, y=y)
        )
    return projector(alt.layer(*layers).properties(height=CHART_HEIGHT)).to_dict(validate=False)
