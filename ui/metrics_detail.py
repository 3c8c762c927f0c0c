"""The selected metric at a glance: its status, its chart, and a row to add a measurement.

One screen at 1280 × 720: the chart on the left, the status and the entry row on the right, so
adding a measurement shows the new point and the new status together. A computed metric shows its
value now and a "Record today's value" button (core.strategy.metric_sources.record_today).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.strategy import metric_measurements, metric_sources
from core.strategy.metric_templates import FAMILIES
from core.strategy.metric_values import parse_number
from core.views.metrics import MetricsView
from core.workspace.database import Workspace
from ui import presentation
from ui.chart_downloads import chart_downloads
from ui.charts.metrics import metric_chart, status_colour
from ui.metrics_state import SELECTED_KEY, change, widget_key
from ui.text import literal
from ui.view_only import writable

DATE_KEY = "metrics_new_date"
VALUE_KEY = "metrics_new_value"
NOTE_KEY = "metrics_new_note"


def _figure(value: object, unit: object = None) -> str:
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return "—"
    text = f"{float(value):,.4g}" if abs(float(value)) < 1e6 else f"{float(value):,.0f}"  # type: ignore[arg-type]
    return f"{text} {unit}" if isinstance(unit, str) and unit else text


def _date(value: object) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()  # type: ignore[arg-type]


def pick_metric(v: MetricsView) -> None:
    """The selectbox of metrics (names are plain text in a selectbox), grouped by family in list order."""
    names = dict(zip(v.metrics["metric_id"].astype(str), v.metrics["name"].astype(str), strict=True))
    families = dict(zip(v.metrics["metric_id"].astype(str), v.metrics["family"].astype(str), strict=True))
    st.selectbox(
        "Metric",
        list(names),
        key=SELECTED_KEY,
        format_func=lambda m: f"{names.get(m, m)} · {FAMILIES.get(families.get(m, ''), '')}",
    )


def status_line(row: dict) -> None:
    """The status as a coloured badge, then why (the numbers of the rule)."""
    colour = {"#009E73": "green", "#E69F00": "orange", "#D55E00": "red"}.get(status_colour(row["status"]), "gray")
    st.badge(str(row["status"]).capitalize(), color=colour)  # type: ignore[arg-type]
    st.caption(literal(row["reason"]))


def figures(row: dict) -> str:
    """ "Latest **86 %** (2026-06-30) · target **90 %** by 2026-12-31" (the unit is user text)."""
    unit = row["unit"] if isinstance(row["unit"], str) else None
    said = f"Latest **{literal(_figure(row['latest'], unit))}**"
    if _date(row["latest_on"]) is not None:
        said += f" ({_date(row['latest_on']):%Y-%m-%d})"
    said += f" · target **{literal(_figure(row['target'], unit))}**"
    if _date(row["target_date"]) is not None:
        said += f" by {_date(row['target_date']):%Y-%m-%d}"
    return said


def _add(workspace: Workspace, metric_id: str) -> None:
    value = st.session_state.get(VALUE_KEY)
    day = st.session_state.get(DATE_KEY) or dt.date.today()
    note = st.session_state.get(NOTE_KEY)

    def add() -> list[str]:
        replaced = metric_measurements.add_measurement(workspace, metric_id, day, value, note)
        said = f"{day:%Y-%m-%d}: {parse_number(value):g}"
        return [said + (" (replaced the value of that day)" if replaced else "")]

    if change(add):  # the date stays: a run of past values is typed one after the other
        st.session_state[VALUE_KEY] = ""
        st.session_state[NOTE_KEY] = ""


def entry_row(workspace: Workspace, metric_id: str, unit: object) -> None:
    """Date (today by default), value and note; "Add" (or Enter in the value) stores it at once."""
    with st.form("metrics_add_form", border=False, enter_to_submit=True):
        day, value = st.columns([1.2, 1])
        day.date_input("Date", value=dt.date.today(), key=DATE_KEY, format="YYYY-MM-DD")
        label = f"Value ({literal(unit)})" if isinstance(unit, str) and unit else "Value"  # a label is Markdown
        value.text_input(label, key=VALUE_KEY, placeholder="e.g. 42 or 12,5")
        st.text_input("Note (optional)", key=NOTE_KEY, max_chars=1000)
        st.form_submit_button(
            "Add measurement", icon=":material/add:", on_click=_add, args=(workspace, metric_id), type="primary"
        )


def computed_panel(workspace: Workspace, row: dict) -> None:
    """For a computed metric: the rule, its value now, and the button that records it."""
    st.caption(f"Computed: {literal(row['rule'])}")
    current = row["current"]
    if current is None or pd.isna(current):
        st.info(literal(row["missing"]), icon=":material/info:")
        return
    st.markdown(f"Value now: **{literal(_figure(current, row['unit']))}**")
    if not writable(workspace):  # a view link records nothing
        return
    found = metric_sources.source(row["template_key"])
    if found is not None and found.record_all is not None:  # a series: one value per survey wave
        record_all = found.record_all
        st.button(
            "Record one value per wave",
            icon=":material/save:",
            key=widget_key("record_all", workspace, row["metric_id"]),
            on_click=lambda: change(lambda: record_all(workspace, row["metric_id"]), f"{row['name']}: every wave"),
        )
        return
    st.button(
        "Record today's value",
        icon=":material/save:",
        key=widget_key("record", workspace, row["metric_id"]),
        on_click=lambda: change(
            lambda: metric_sources.record_today(workspace, row["metric_id"]), f"{row['name']}: today's value"
        ),
    )


def detail(workspace: Workspace, v: MetricsView, metric_id: str) -> None:
    """Chart on the left; status, latest vs. target and the entry row on the right."""
    row = v.row(metric_id)
    if row is None:
        return
    chart_side, entry_side = st.columns([3, 2], gap="medium")
    with entry_side:
        status_line(row)
        st.markdown(figures(row))
        if row["computed"]:
            computed_panel(workspace, row)
        if writable(workspace):  # a view link adds no measurement
            entry_row(workspace, metric_id, row["unit"])
    with chart_side:
        series = v.series(metric_id)
        if series.empty:
            st.info(
                "No measurement yet: add the first one on the right, or paste several below."
                if writable(workspace)
                else "No measurement yet."
            )
            return
        spec = row_chart(row, series)
        st.vega_lite_chart(presentation.chart(spec), theme=None, width="stretch")
        chart_downloads(spec, f"metric-{row['name']}")


def row_chart(row: dict, series: pd.DataFrame, **options: object) -> dict:
    """The chart of one metric's view row and measurements (ui.charts.metrics.metric_chart)."""
    return metric_chart(
        series,
        unit=row["unit"] if isinstance(row["unit"], str) else None,
        status=str(row["status"]),
        baseline=None if pd.isna(row["baseline"]) else float(row["baseline"]),
        target=None if pd.isna(row["target"]) else float(row["target"]),
        baseline_date=_date(row["baseline_date"]),
        target_date=_date(row["target_date"]),
        **options,  # type: ignore[arg-type]
    )


def all_charts(v: MetricsView) -> None:
    """Every metric with a measurement as a small chart, two per row, in list order (on request:
    twenty charts cost the browser more than the rest of the page)."""
    if not st.toggle("Every metric's chart", key="metrics_all_charts"):
        return
    shown = [r for r in v.metrics.to_dict("records") if r["n"]]
    if not shown:
        st.caption("No metric has a measurement yet.")
    for start in range(0, len(shown), 2):
        for column, row in zip(st.columns(2), shown[start : start + 2], strict=False):
            spec = row_chart(row, v.series(row["metric_id"]), height=150, title=str(row["name"]))
            column.vega_lite_chart(presentation.chart(spec), theme=None, width="stretch")
