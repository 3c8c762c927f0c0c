"""The selected metric's measurements as an editable table, and measurements from a paste or CSV.

The table (st.data_editor) saves every edit at once through
core.strategy.metric_measurements.apply_measurement_table (all or nothing: a row without a date
or two rows on one day are refused with the row named). The import reads pasted text or an
uploaded CSV (core.strategy.metric_csv: the columns, separators, number and date formats) into
the selected metric or into the metrics each row names, and reports what it added, replaced and
skipped — every skipped row with its line and the reason.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from core.strategy import metric_measurements
from core.strategy.metric_csv import decode
from core.views.metrics import MetricsView
from core.workspace.database import Workspace
from ui.editor_saves import edited_frame, save_left_edits, save_on_change
from ui.metrics_state import ERROR_KEY, REFUSED, REPORT_KEY, TOAST_KEY, widget_key
from ui.text import literal
from ui.view_only import read_only_editor, writable

PASTE_KEY = "metrics_paste"
UPLOAD_KEY = "metrics_upload"
TARGET_KEY = "metrics_import_into"
ONE, ALL = "this metric", "all metrics"
TABLE = ["measured_on", "value", "note", "source"]
NONCE_KEY = "metrics_table_nonce"


def table_frame(series: pd.DataFrame) -> pd.DataFrame:
    frame = series[TABLE].copy()
    frame["measured_on"] = pd.to_datetime(frame["measured_on"])
    frame["note"] = frame["note"].astype("string")
    frame["source"] = frame["source"].astype("string")
    return frame.reset_index(drop=True)


def _apply(workspace: Workspace, metric_id: str, table: pd.DataFrame) -> list[str]:
    """Store the edited table (all or nothing: a refused table changes nothing)."""
    return metric_measurements.apply_measurement_table(workspace, metric_id, table)


def measurement_table(workspace: Workspace, v: MetricsView, metric_id: str) -> None:
    """Every measurement of the metric: change a value, date or note, add or delete rows."""
    frame = table_frame(v.series(metric_id))
    key = f"{widget_key('table', workspace, metric_id)}_{st.session_state.get(NONCE_KEY, 0)}"
    options = dict(
        hide_index=True,
        width="stretch",
        height=35 * (min(len(frame), 10) + 2) + 3,
        column_config={
            "measured_on": st.column_config.DateColumn("Date", format="YYYY-MM-DD", required=True),
            "value": st.column_config.NumberColumn("Value", required=True, format="%.4g"),
            "note": st.column_config.TextColumn("Note", max_chars=1000, width="large"),
            "source": st.column_config.TextColumn("Source", disabled=True, help="hand, csv or computed"),
        },
    )
    if not writable(workspace):  # a view link: the same table, read-only, nothing to save
        read_only_editor(frame, key=key, **options)
        return
    st.data_editor(
        frame,
        key=key,
        on_change=save_on_change,
        args=(key, frame, partial(_apply, workspace, metric_id), REFUSED, TOAST_KEY),
        num_rows="dynamic",
        **options,
    )
    left = partial(_apply, workspace, metric_id)
    save_left_edits(key, lambda: left(edited_frame(frame, st.session_state[key])), REFUSED, TOAST_KEY, NONCE_KEY)


def _import(workspace: Workspace, metric_id: str) -> None:
    upload = st.session_state.get(UPLOAD_KEY)
    into = metric_id if st.session_state.get(TARGET_KEY, ONE) == ONE else None
    try:
        text = (
            decode(upload.getvalue(), upload.name) if upload is not None else str(st.session_state.get(PASTE_KEY) or "")
        )
        report = metric_measurements.import_measurements(workspace, text, into)
    except REFUSED as error:
        st.session_state[ERROR_KEY] = str(error)
        return
    st.session_state[REPORT_KEY] = report
    if report.added or report.replaced:
        st.session_state[TOAST_KEY] = [report.summary()]
    st.session_state[PASTE_KEY] = ""


def import_panel(workspace: Workspace, metric_id: str, name: str) -> None:
    """Paste rows or upload a CSV, choose where they go, import; then the report."""
    st.caption(
        "Columns: **date**, **value**, **note** (optional) and, for all metrics, **metric** (name or id); a header row "
        "is optional. Tab, semicolon or comma separated; 12,5 and 45 % work; dates like 2026-01-31, 31.01.2026 or "
        "31 Jan 2026. A value for a day that already has one replaces it."
    )
    labels = {ONE: f"this metric ({literal(name)})", ALL: "all metrics (a metric column names each)"}
    st.radio("Import into", [ONE, ALL], key=TARGET_KEY, horizontal=True, format_func=labels.get)
    paste, upload = st.columns([3, 2])
    paste.text_area(
        "Paste rows", key=PASTE_KEY, height=120, placeholder="date;value;note\n2026-01-31;42,5;survey wave 1"
    )
    upload.file_uploader("…or upload a CSV file", type=["csv", "txt", "tsv"], key=UPLOAD_KEY)
    st.button("Import", icon=":material/upload:", key="metrics_import", on_click=_import, args=(workspace, metric_id))
    report = st.session_state.get(REPORT_KEY)
    if report is not None:
        (st.warning if report.skipped else st.success)(literal(report.summary()))
        if report.skipped:
            with st.expander(f"Skipped rows ({len(report.skipped)})", expanded=len(report.skipped) <= 5):
                st.dataframe(pd.DataFrame({"Why": report.skipped}), hide_index=True, width="stretch")
