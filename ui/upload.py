"""Bringing a survey in: validate → confirm → store, with a progress indicator.

Every way of replacing the survey (an upload, a sample, the stored file on another scale)
goes through :func:`propose`: the file is read and validated first. When the workspace has
no survey yet it is stored at once; otherwise the validated file waits in
``st.session_state[PENDING]`` and :func:`render_pending` shows its report, what replacing
keeps and loses, and the confirmation. A file that cannot be imported shows its errors and
nothing is stored. Tests can put a :class:`core.intake.replace.Replacement` into ``PENDING``.

Storing a checked file (after the confirmation, or at once into an empty workspace) runs as a
background job (ui/jobs.py, kind :data:`STORE_JOB`), not on the script thread: the Data page
shows its progress and a Cancel button, the upload widgets wait, and other sessions keep
answering. Cancel rolls the one store transaction back (core.intake.store_job), so the
workspace is exactly as before. The page takes the job's outcome in :func:`render_pending`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.uploaded_file_manager import UploadedFile

from core.intake.import_settings import keep_partial
from core.intake.isolation import Cancelled, warm_up
from core.intake.limits import MAX_RATINGS, MAX_RESPONDENTS
from core.intake.loading import sample_title
from core.intake.progress import Progress
from core.intake.replace import Replacement, check, commit, impact, prepare, prepare_rescale
from core.intake.scales import Scale
from core.intake.store import survey_info
from core.wording import plural
from core.workspace.database import Workspace
from ui import jobs
from ui.mapping_screen import MAPPING_DRAFT, MappingDraft, open_screen, render_mapping_screen
from ui.report_view import Report, headline, render_report
from ui.session import job_workspace
from ui.text import literal

PENDING = "data_pending_replacement"
NOTICE = "data_notice"
HANDLED_UPLOAD = "data_handled_upload"
# Bumped whenever a proposed replacement is stored, cancelled or dismissed. The widgets that
# propose one (the uploader, the scale selector) are keyed by it, so they start afresh: a
# browser keeps a widget's value for as long as its key lives.
ROUND = "data_round"
JUST_STORED = "data_just_stored"  # the page shows the stored report after a replacement
LAST_PROPOSAL = "data_last_mapping"  # the mapping behind the pending file, for "Review the column mapping"
FILE_TYPES = ["xlsx", "xlsm", "xls", "csv", "tsv", "txt", "parquet"]
STORE_JOB = "survey_store"  # the background job that stores a checked file (one per session)
STORING = "data_storing"  # (file name, what the workspace held before) while the store job runs
STORE_ERROR = "data_store_error"
CANCEL_STORE = "Cancel the import"


@contextmanager
def progress_status(label: str) -> Iterator[Progress]:
    """A status box with a progress bar; yields the ``progress(fraction, message)`` callback."""
    with st.status(label, expanded=True) as status:  # label: callers escape user text
        bar = st.progress(0.0)

        def update(fraction: float, message: str) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=literal(message))

        yield update
        status.update(state="complete", expanded=False)


def _take_pending() -> None:
    """Forget the pending file and start the widgets that proposed it afresh."""
    st.session_state.pop(PENDING, None)
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1


def _finish(message: str) -> None:
    """After a cancel or a dismissal: forget the pending file, clear the uploader, say what happened."""
    _take_pending()
    st.session_state[NOTICE] = message


def _stored_message(replacement: Replacement) -> str:
    report = replacement.report
    done = "Loaded" if replacement.declared_scale is None else "Read again"
    return (
        f"{done} **{literal(replacement.file_name)}**: {plural(report.respondents, 'respondent')}, "
        f"{plural(report.outcomes, 'outcome')} in {plural(report.steps, 'job step')}, {report.scale} scale."
    )


def _store(workspace: Workspace, replacement: Replacement) -> None:
    """Start storing a checked file in the background; the page shows its progress from the next run."""
    if storing():  # one store at a time: this file waits for confirmation until the running one ends
        st.session_state[PENDING] = replacement
        return
    workspace = job_workspace(workspace)
    info = survey_info(workspace)
    st.session_state[STORING] = (replacement.file_name, info.name if info else None, _stored_message(replacement))
    _take_pending()
    jobs.start(
        STORE_JOB,
        f"Storing {replacement.file_name}",
        lambda job: commit(workspace, replacement, progress=job.progress, cancelled=job.cancelled),
    )


def _store_job() -> bool:
    """Take a finished store's outcome (notice, error) and rerun, so that everything drawn above
    (sidebar, current survey) shows the new state; show a running store's progress and Cancel.
    True while one runs."""
    if job := jobs.collect(STORE_JOB):
        file_name, before, stored = st.session_state.pop(STORING, ("the file", None, ""))
        try:
            job.outcome()
        except Cancelled:
            kept = f"“{literal(before)}” is unchanged" if before else "the workspace is unchanged"
            st.session_state[NOTICE] = f"Cancelled: {literal(file_name)} was not stored; {kept}."
        except Exception as exc:  # the transaction rolled back: say what happened, no traceback
            kept = f" “{literal(before)}” is unchanged." if before else ""
            st.session_state[STORE_ERROR] = (
                f"{literal(file_name)} could not be stored: {literal(exc)}. Nothing was changed.{kept} "
                "Upload it again; if it fails again, export the responses as CSV and upload that."
            )
        else:
            st.session_state[JUST_STORED] = True
            st.session_state[NOTICE] = stored
        st.rerun()
    if error := st.session_state.pop(STORE_ERROR, None):
        st.error(error)
    if jobs.running(STORE_JOB) is None:
        return False
    with st.container(border=True):
        return jobs.panel(STORE_JOB, CANCEL_STORE)


def storing() -> bool:
    """True while this session's store job runs (the widgets that would start another one wait)."""
    job = jobs.running(STORE_JOB)
    return job is not None and not job.done


def propose(workspace: Workspace, replacement: Replacement) -> None:
    """Store a valid file at once into an empty workspace; otherwise hold it for confirmation."""
    if replacement.ok and survey_info(workspace) is None:
        _store(workspace, replacement)
    else:
        st.session_state[PENDING] = replacement


def propose_file(workspace: Workspace, content: bytes, file_name: str, shown_in: DeltaGenerator | None = None) -> None:
    """Check a file (read once, in a child process with a memory and time limit). A survey-platform
    export whose columns or numbers are not all understood (and for which no mapping was saved)
    first goes to the column-mapping screen.

    A file held for confirmation (or refused) shows at once in ``shown_in``, the place
    :func:`render_pending` kept above the page's tabs in this run, and the check's progress box
    goes: nothing else on the page changed, so a second run to draw it would only add its time
    (issue 12.5: upload → validation report). A store started at once, or the mapping screen,
    reruns the page, which then shows them.
    """
    box = st.empty()
    with box.container(), progress_status(f"Checking {literal(file_name)}…") as progress:
        found = check(workspace, content, file_name, progress=progress)  # one read, in a bounded child
        proposal, mapping, direction = found.proposal, found.mapping, found.direction
        held = None
        if found.result is None:
            open_screen(MappingDraft(content, file_name, proposal, mapping, direction))
        else:
            held = Replacement(file_name, content, found.result)
            propose(workspace, held)
            st.session_state[LAST_PROPOSAL] = (
                MappingDraft(content, file_name, proposal, mapping, direction) if mapping is not None else None
            )
    if shown_in is None or held is None or st.session_state.get(PENDING) is not held:
        st.rerun()
    box.empty()
    with shown_in:
        _show_pending(workspace, held)


def render_mapping(workspace: Workspace) -> None:
    """The column-mapping screen, when an export waits for it; applying checks the file again."""
    applied = render_mapping_screen(workspace)
    if applied is None:
        return
    draft, mapping, direction = applied
    with progress_status(f"Checking {literal(draft.file_name)} with your mapping…") as progress:
        replacement = prepare(
            draft.content,
            draft.file_name,
            mapping=mapping,
            direction=direction,
            keep_partial=keep_partial(workspace),
            progress=progress,
        )
        propose(workspace, replacement)
        st.session_state[LAST_PROPOSAL] = MappingDraft(
            draft.content, draft.file_name, draft.proposal, mapping, direction
        )
    st.rerun()


def review_mapping_button(replacement: Replacement) -> None:
    """For a platform export waiting for confirmation (or refused): go back to its column mapping."""
    draft: MappingDraft | None = st.session_state.get(LAST_PROPOSAL)
    if draft is None or draft.file_name != replacement.file_name:
        return
    if st.button("Review the column mapping", icon=":material/table_edit:", key="data_review_mapping"):
        st.session_state.pop(PENDING, None)
        open_screen(draft)
        st.rerun()


def propose_rescale(workspace: Workspace, scale: Scale) -> None:
    with progress_status(f"Reading the survey again on a {scale.name} scale…") as progress:
        replacement = prepare_rescale(workspace, scale, progress=progress)
    if replacement is None:
        _finish("The original file is not stored with this survey; upload it again to read it on another scale.")
    else:
        st.session_state[PENDING] = replacement
    st.rerun()


def upload_widget(workspace: Workspace, shown_in: DeltaGenerator | None = None) -> None:
    """The file uploader; each upload is validated once, however many reruns follow. ``shown_in``:
    where the checked file shows in this run (:func:`render_pending`'s place)."""
    uploaded: UploadedFile | None = st.file_uploader(
        "Survey file (.xlsx, .xls, .csv, .tsv or .parquet)",
        type=FILE_TYPES,
        key=f"upload_{st.session_state.get(ROUND, 0)}",
        help="One upload replaces the survey in this workspace, after you confirm.",
        disabled=storing(),
    )
    warm_up()  # uploads are read in children of a forkserver: start it (once) before the first upload
    if uploaded is None or st.session_state.get(HANDLED_UPLOAD) == uploaded.file_id:
        return
    st.session_state[HANDLED_UPLOAD] = uploaded.file_id
    propose_file(workspace, uploaded.getvalue(), uploaded.name, shown_in)


def size_note() -> str:
    """What fits in one upload (the server's ``server.maxUploadSize``) and where a bigger survey goes.

    Decision (issue 12): the limit stays at 50 MB (each upload is held in the server's memory
    while it is checked, by every workshop on the server at once). A long table past it (a CSV of
    3 million ratings is about 66 MB) fits as Parquet, which analysts export from a warehouse:
    20 million ratings took 18 MB in bench/long_import_bench.py's table. The command line has no
    upload to hold: it reads a file up to the survey's limits (core.intake.limits) and a CSV of
    up to 512 MiB (spreadsheet_limits.MAX_TEXT_BYTES)."""
    limit = st.get_option("server.maxUploadSize")
    return (
        f"**Files up to {limit} MB.** A bigger survey fits as Parquet: a long table of 20 million ratings "
        f"takes about 20 MB. Or score it on your own computer, up to {MAX_RESPONDENTS:,} respondents and "
        f"{MAX_RATINGS:,} ratings: `python -m core score FILE`."
    )


def sample_picker(workspace: Workspace, samples: list[Path], shown_in: DeltaGenerator | None = None) -> None:
    """Choose a bundled sample survey and load it (a replacement like any other)."""
    chosen = st.selectbox("Sample survey", samples, format_func=sample_title, key="data_sample")
    if st.button("Load this sample", icon=":material/dataset:", disabled=chosen is None or storing()):
        propose_file(workspace, chosen.read_bytes(), chosen.name, shown_in)


def render_notice() -> None:
    """What the last store, cancel or dismissal did, as a toast (the page itself shows the result)."""
    if notice := st.session_state.pop(NOTICE, None):
        st.toast(notice, icon=":material/check_circle:")


def _render_refused(replacement: Replacement, current: str | None) -> None:
    st.subheader(f"{literal(replacement.file_name)} cannot be imported")
    untouched = f" Your current survey “{literal(current)}” is untouched." if current else ""
    st.error(f"Nothing was stored.{untouched} Fix the problems below and upload the file again.")
    render_report(replacement.report.to_dict(), show_headline=False)
    review_mapping_button(replacement)
    if st.button("Dismiss", key="data_dismiss"):
        _finish(f"Dismissed {literal(replacement.file_name)}; nothing was stored.")
        st.rerun()


def _render_confirmation(workspace: Workspace, replacement: Replacement) -> None:
    effect = impact(workspace)
    if effect is None:  # the survey went away meanwhile: nothing to lose
        _store(workspace, replacement)
        st.rerun()
    current = literal(effect.survey.name)
    scale = replacement.declared_scale
    if replacement.purpose:
        st.subheader(f"Read “{current}” again, {replacement.purpose}?")
        action, lost = "Read the file again", effect.lost(rescale=True)
    elif scale is None:
        st.subheader(f"Replace “{current}”?")
        action, lost = f"Replace “{current}” with {literal(replacement.file_name)}", effect.lost()
    else:
        st.subheader(f"Read “{current}” again on a {scale.name} scale?")
        action, lost = f"Re-read on the {scale.name} scale", effect.lost(rescale=True)
    report = replacement.report.to_dict()
    st.markdown("New: " + summary_line(report))
    kept_column, lost_column = st.columns(2, gap="large")
    kept_column.markdown("**Kept**\n" + "\n".join(f"- {literal(item)}" for item in effect.kept()))
    lost_column.markdown("**Lost**\n" + "\n".join(f"- {literal(item)}" for item in lost))
    with st.container(horizontal=True):
        if st.button(action, type="primary", icon=":material/swap_horiz:", key="data_confirm"):
            _store(workspace, replacement)
            st.rerun()
        if st.button(f"Cancel, keep “{current}”", key="data_cancel"):
            _finish(
                f"Kept “{literal(current)}” as it was read; the setting applies to the next upload."
                if replacement.purpose
                else f"Kept “{literal(current)}”; {literal(replacement.file_name)} was not stored."
                if scale is None
                else f"Kept “{current}” on the {effect.survey.scale.name} scale; nothing was read again."
            )
            st.rerun()
    review_mapping_button(replacement)
    with st.expander(f"Validation report of {literal(replacement.file_name)}", expanded=needs_a_look(report)):
        render_report(report, show_headline=False)


def summary_line(report: Report) -> str:
    """The report's headline, plus what deserves a look before confirming."""
    extras = [plural(report["rows_dropped"], "respondent") + " dropped"] if report["rows_dropped"] else []
    if report["warnings"]:
        extras.append(plural(len(report["warnings"]), "warning"))
    return headline(report) + (f" **{', '.join(extras)}**: see the validation report below." if extras else "")


def needs_a_look(report: Report) -> bool:
    return bool(report["warnings"] or report["dropped_respondents"])


def scale_widget_key(scale: Scale) -> str:
    """The scale selector's key: it changes with the stored scale and the round, so the widget shows the truth."""
    return f"data_scale_{scale.name}_{st.session_state.get(ROUND, 0)}"


def render_pending(workspace: Workspace) -> DeltaGenerator | None:
    """The file being stored (its progress and Cancel), else the file waiting for a decision, if
    any: its errors, or the confirmation to replace. Returns its place on the page while it is
    empty and no mapping screen is open, where a file checked later in this run shows
    (:func:`propose_file`); None when something is shown there already."""
    slot = st.container()
    with slot:
        if _store_job():
            return None
        if (replacement := st.session_state.get(PENDING)) is not None:
            _show_pending(workspace, replacement)
            return None
    return None if st.session_state.get(MAPPING_DRAFT) is not None else slot


def _show_pending(workspace: Workspace, replacement: Replacement) -> None:
    info = survey_info(workspace)
    with st.container(border=True):
        if replacement.ok:
            _render_confirmation(workspace, replacement)
        else:
            _render_refused(replacement, info.name if info else None)
