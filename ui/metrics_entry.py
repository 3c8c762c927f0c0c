"""The selected metric's measurements as an editable table, and measurements from a paste or CSV.

The table (st.data_editor) saves every edit at once through
core.strategy.metric_measurements.apply_measurement_table (all or nothing: a row without a date
or two rows on one day are refused with the row named). The import reads pasted text or an
uploaded CSV (core.strategy.metric_csv: the columns, separators, number and date formats) into
the selected metric or into the metrics each row names, and reports what it added, replaced and
skipped — every skipped row with its line and the reason.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.strategy import metric_measurements
from core.strategy.metric_csv import decode
from core.views.metrics import MetricsView
from core.workspace.database import Workspace
from ui.editor_saves import has_edits
from ui.metrics_state import ERROR_KEY, REFUSED, REPORT_KEY, TOAST_KEY, widget_key
from ui.text import literal

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


def _edited(frame: pd.DataFrame, state: dict) -> pd.DataFrame:
    table = frame.astype(object)
    for row, cells in (state.get("edited_rows") or {}).items():
        for column, value in cells.items():
            table.at[int(row), column] = value
    table = table.drop(index=[int(r) for r in state.get("deleted_rows") or []])
    added = [dict(row) for row in state.get("added_rows") or []]
    if added:
        table = pd.concat([table, pd.DataFrame(added, columns=table.columns).astype(object)], ignore_index=True)
    return table.reset_index(drop=True)


def _save_table(workspace: Workspace, metric_id: str, key: str, frame: pd.DataFrame) -> None:
    """The editor's on_change: save before the run, so the run (with a new key) shows the stored rows.
    A refused edit changes nothing here; the run then finds the edits still in the editor and
    :func:`_refused_edits` says why."""
    table = _edited(frame, st.session_state.get(key) or {})
    try:
        said = metric_measurements.apply_measurement_table(workspace, metric_id, table)
    except REFUSED:
        return
    if said:
        st.session_state[TOAST_KEY] = said


def _discard() -> None:
    st.session_state[NONCE_KEY] = st.session_state.get(NONCE_KEY, 0) + 1


def _refused_edits(workspace: Workspace, metric_id: str, key: str, frame: pd.DataFrame) -> None:
    """Edits still in the editor after its run (refused, or set through session state): save them
    now, or say why not and offer to discard them."""
    if not has_edits(key):
        return
    try:
        said = metric_measurements.apply_measurement_table(workspace, metric_id, _edited(frame, st.session_state[key]))
    except REFUSED as error:
        st.error(f"**Not saved:** {literal(error)} Nothing was changed: fix the cell, or discard the edits.")
        st.button("Discard these edits", icon=":material/undo:", on_click=_discard, key=f"{key}_discard")
        return
    if said:
        st.session_state[TOAST_KEY] = said
        st.rerun()


def measurement_table(workspace: Workspace, v: MetricsView, metric_id: str) -> None:
    """Every measurement of the metric: change a value, date or note, add or delete rows."""
    frame = table_frame(v.series(metric_id))
    key = f"{widget_key('table', workspace, metric_id)}_{st.session_state.get(NONCE_KEY, 0)}"
    st.data_editor(
        frame,
        key=key,
        on_change=_save_table,
        args=(workspace, metric_id, key, frame),
        num_rows="dynamic",
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
    _refused_edits(workspace, metric_id, key, frame)


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
