"""Importing a wave on the Waves page: upload → check (a background job) → report → confirm.

The check reads the file once in the upload's bounded child process
(core.analysis.waves_intake.check_wave) on a worker thread (ui/jobs.py), so the page keeps
answering and shows progress; Cancel drops the check (its child stops at its own time limit at
the latest, and nothing was stored). The checked wave waits in ``st.session_state[PENDING]``
with its validation report and the outcomes that did not match; the facilitator gives it a
label and a fielded date and confirms, and only then it is stored (one small transaction of
counts, on the script thread). Tests can put a :class:`WaveCheck` into ``PENDING``.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from core.analysis.waves import WaveError, add_wave, next_label
from core.analysis.waves_intake import WaveCheck, check_wave
from core.wording import plural
from core.workspace.database import Workspace
from ui import jobs
from ui.report_view import headline, render_report
from ui.session import job_workspace
from ui.text import literal
from ui.upload import FILE_TYPES

CHECK_JOB = "wave_check"
PENDING = "waves_pending"
NOTICE = "waves_notice"
ROUND = "waves_round"
COMPARE_WITH = "waves_second"  # the Waves page compares with the wave just added


def _collect() -> None:
    job = jobs.collect(CHECK_JOB)
    if job is None:
        return
    if job.cancelled():
        st.session_state[NOTICE] = ("info", f"Cancelled: {job.label.removeprefix('Checking ')} was not imported.")
    else:
        try:
            st.session_state[PENDING] = job.outcome()
        except Exception as exc:  # never a traceback: say what happened, nothing was stored
            st.session_state[NOTICE] = ("error", f"The file could not be checked ({exc}). Nothing was stored.")
    st.rerun()


def _start(ws: Workspace, content: bytes, file_name: str) -> None:
    target = job_workspace(ws)
    jobs.start(
        CHECK_JOB, f"Checking {file_name}", lambda job: check_wave(target, content, file_name, progress=job.progress)
    )
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
    st.rerun()


def _discard() -> None:
    st.session_state.pop(PENDING, None)


def _confirm(ws: Workspace, pending: WaveCheck, label: str, fielded_on: dt.date | None) -> None:
    assert pending.wave is not None
    try:
        wave_id, matching = add_wave(ws, pending.wave, label, fielded_on)
    except WaveError as exc:
        st.session_state[NOTICE] = ("error", str(exc))
        return
    st.session_state.pop(PENDING, None)
    st.session_state[COMPARE_WITH] = wave_id
    compared = plural(len(matching.pairs), "outcome")
    st.session_state[NOTICE] = (
        "success",
        f"Added the wave “{label.strip()}” from {pending.file_name}: "
        f"{plural(pending.wave.respondents, 'respondent')}, {compared} compared with the base wave.",
    )


def _render_pending(ws: Workspace, pending: WaveCheck) -> None:
    report = pending.report.to_dict()
    with st.container(border=True):
        st.markdown(headline(report))
        if pending.problem:
            st.error(literal(pending.problem), icon=":material/block:")
        elif pending.matching is not None:
            for message in pending.matching.messages():
                st.warning(literal(message), icon=":material/link_off:")
        with st.expander("Import report", expanded=not report["ok"]):
            render_report(report, show_headline=False)
        if not pending.ok:
            st.button("Dismiss", on_click=_discard, icon=":material/close:")
            return
        with st.form("wave_confirm", border=False):
            name, date = st.columns([3, 2])
            label = name.text_input("Label of this wave", value=next_label(ws), max_chars=80)
            fielded = date.date_input("Fielded on (optional)", value=None, format="YYYY-MM-DD")
            add, drop = st.columns(2)
            confirmed = add.form_submit_button("Add this wave", type="primary", icon=":material/add:")
            dropped = drop.form_submit_button("Discard", icon=":material/close:")
        if dropped:
            _discard()
            st.rerun()
        if confirmed:
            _confirm(ws, pending, label, fielded if isinstance(fielded, dt.date) else None)
            st.rerun()


def show_notice() -> None:
    if notice := st.session_state.pop(NOTICE, None):
        kind, text = notice
        getattr(st, kind)(literal(text))


def import_section(ws: Workspace) -> None:
    """The upload, the running check, or the checked wave waiting for confirmation."""
    _collect()
    if ws.refuses_writes:  # a view link (a first visit's copy on write imports: it becomes its own)
        st.info("This is a read-only link: waves are imported from the edit link.")
        return
    if jobs.panel(CHECK_JOB, "Cancel the check"):
        return
    pending: WaveCheck | None = st.session_state.get(PENDING)
    if pending is not None:
        _render_pending(ws, pending)
        return
    st.caption(
        "A later (or earlier) wave of the same survey, in any layout the Data page accepts. It is read on the "
        "base wave's scale; outcomes are matched by id, else by statement. Nothing is stored until you confirm."
    )
    uploaded = st.file_uploader("Upload a wave", type=FILE_TYPES, key=f"wave_upload_{st.session_state.get(ROUND, 0)}")
    if uploaded is not None:
        _start(ws, uploaded.getvalue(), uploaded.name)
