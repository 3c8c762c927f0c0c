"""The Export page's two halves: download the workspace as one .xlsx, and restore one.

A restore is read and validated first (core.workspace.restore.read_workspace_file); the
validated file waits in ``st.session_state[PENDING]`` until the facilitator confirms that it
replaces this workspace's survey, settings and scenarios. Tests can put a
:class:`core.workspace.restore.WorkspaceFile` there.
"""

from __future__ import annotations

import datetime as dt
import re

import streamlit as st

from core.intake.store import survey_info
from core.workspace.database import Workspace
from core.workspace.file import workspace_xlsx
from core.workspace.restore import WorkspaceFile, WorkspaceFileError, restore
from core.workspace.restore_read import read_bounded
from ui.text import literal

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PENDING = "export_pending_restore"
ROUND = "export_round"  # bumped after a restore or a cancel, so the uploader starts empty
NOTICE = "export_notice"
NOTES = "export_notes"  # what the last restore tolerated (settings it could not use, …), shown once


def file_name(workspace: Workspace) -> str:
    """``b2b-invoice-processing-workspace-2026-11-22.xlsx``."""
    info = survey_info(workspace)
    stem = re.sub(r"[^A-Za-z0-9]+", "-", info.name if info else "jtbd").strip("-").lower() or "jtbd"
    return f"{stem}-workspace-{dt.date.today().isoformat()}.xlsx"


def download_section(workspace: Workspace) -> None:
    st.subheader("Download the workspace", anchor=False)
    st.markdown(
        "One Excel file with everything: the job map and the responses (a canonical survey workbook the Data page "
        "can read), competitor ratings, settings, scenarios with every step's choice, note and target, segmentations "
        "and framework entries. Texts that start with `=`, `+`, `-` or `@` are prefixed with an apostrophe, so no "
        "spreadsheet runs them as formulas."
    )
    st.download_button(
        "Download workspace (.xlsx)",
        lambda: workspace_xlsx(workspace),
        file_name(workspace),
        XLSX_MIME,
        icon=":material/download:",
        type="primary",
        key="export_download",
    )


def _finish(kind: str, message: str) -> None:
    """Forget the pending file, empty the uploader, and say what happened (kind: success, info, error)."""
    st.session_state.pop(PENDING, None)
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
    st.session_state[NOTICE] = (kind, message)


def _confirm(workspace: Workspace, pending: WorkspaceFile) -> None:
    try:
        restore(workspace, pending)
    except (WorkspaceFileError, ValueError) as exc:
        _finish("error", f"Nothing was restored: {literal(exc)}")
        return
    summary = " ".join(literal(line) for line in pending.summary())
    _finish("success", f"Restored **{literal(pending.file_name)}**. {summary}")
    st.session_state[NOTES] = list(pending.notes)


def restore_section(workspace: Workspace) -> None:
    st.subheader("Restore a workspace file", anchor=False)
    kind, message = st.session_state.pop(NOTICE, (None, None))
    if kind is not None:
        {"success": st.success, "info": st.info, "error": st.error}[kind](message)
    for note in st.session_state.pop(NOTES, []):
        st.warning(literal(note), icon=":material/tune:")
    upload = st.file_uploader(
        "A workspace file downloaded from this page",
        type=["xlsx"],
        key=f"export_upload_{st.session_state.get(ROUND, 0)}",
        help="To load a survey instead, use the Data page.",
    )
    pending: WorkspaceFile | None = st.session_state.get(PENDING)
    if upload is not None and (pending is None or pending.file_name != upload.name):
        with st.spinner(f"Reading and checking {literal(upload.name)}…"):
            try:
                pending = read_bounded(upload.getvalue(), upload.name)  # a child with memory and time limits
            except WorkspaceFileError as exc:
                st.error(literal(exc))
                return
        st.session_state[PENDING] = pending
    if pending is None:
        return
    current = survey_info(workspace)
    with st.container(border=True):
        st.markdown(
            f"**{literal(pending.file_name)}** holds:\n" + "\n".join(f"- {literal(line)}" for line in pending.summary())
        )
        if pending.notes:
            st.caption("Edited by hand? What this restore cannot use takes its default:")
            for note in pending.notes:
                st.warning(literal(note), icon=":material/tune:")
        st.warning(
            "Restoring **replaces** this workspace's survey"
            + (f" (“{literal(current.name)}”)" if current else "")
            + ", its job map, settings, scenarios, decisions, notes and targets, segmentations and framework entries "
            "with the file's. Download the workspace first if you may want them back.",
            icon=":material/warning:",
        )
        left, right = st.columns(2)
        if left.button("Restore this workspace", type="primary", key="export_confirm", icon=":material/restore:"):
            with st.spinner("Restoring…"):
                _confirm(workspace, pending)
            st.rerun()
        if right.button("Cancel", key="export_cancel"):
            _finish("info", f"Nothing was restored; {literal(pending.file_name)} was set aside.")
            st.rerun()
