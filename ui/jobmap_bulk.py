"""Bulk changes on the Job map page: upload a job-map file, move many outcomes at once, undo.

Each change is saved the moment it is made (core.strategy.jobmap_bulk, one transaction that
bumps the workspace revision) and can be undone: the button undoes the newest bulk change, and
again the one before (the last ten are kept in the workspace, see jobmap_bulk's docstring).
What the file held that could not be used (rows matching no outcome, outcomes not in the file)
is listed under the uploader after it was applied. Texts from the file are shown literally.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from core.intake.survey_queries import outcomes_table
from core.strategy.jobmap import JobMapError
from core.strategy.jobmap_bulk import apply_jobmap_plan, last_change, move_outcomes, undo_last
from core.strategy.jobmap_import import LAYOUT, JobMapFileError, plan_summary, read_jobmap_file
from core.wording import plural
from core.workspace.change_marks import ChangedElsewhere
from core.workspace.database import Workspace
from ui import stale_views
from ui.jobmap_editor import ERROR_KEY, announce, step_labels
from ui.settings_notice import literal

UPLOAD_NONCE = "job_map_upload_nonce"
REPORT_KEY = "job_map_import_report"
PICKED_KEY = "job_map_bulk_outcomes"
TARGET_KEY = "job_map_bulk_target"


def _uploader_key() -> str:
    return f"job_map_file_{st.session_state.get(UPLOAD_NONCE, 0)}"


def _announce(changes: Sequence[str]) -> None:
    announce([literal(change) for change in changes])


def _apply_upload(workspace: Workspace, key: str) -> None:
    uploaded = st.session_state.get(key)
    if uploaded is None:
        return
    st.session_state[UPLOAD_NONCE] = st.session_state.get(UPLOAD_NONCE, 0) + 1  # a fresh, empty uploader
    try:
        outcomes = outcomes_table(workspace)[["outcome_id", "statement"]]
        plan = read_jobmap_file(uploaded.getvalue(), uploaded.name, outcomes)
        changes = apply_jobmap_plan(workspace, plan)
    except (JobMapFileError, JobMapError) as error:
        st.session_state[ERROR_KEY] = f"**Not applied:** {literal(str(error))} Nothing was changed."
        st.session_state.pop(REPORT_KEY, None)
        return
    _announce(changes or [f"{uploaded.name} matches the job map as it is: nothing changed."])
    st.session_state[REPORT_KEY] = (uploaded.name, plan_summary(plan))


def _move_picked(workspace: Workspace) -> None:
    picked, target = st.session_state.get(PICKED_KEY) or [], st.session_state.get(TARGET_KEY)
    drawn = stale_views.drawn(stale_views.JOB_MAP)  # the page the outcomes were picked on (issue 17.4)
    try:
        changes = move_outcomes(workspace, picked, target, drawn) if target is not None else []
    except (JobMapError, ChangedElsewhere) as error:  # the rerun shows the current job map
        st.session_state[ERROR_KEY] = f"**Not moved:** {literal(str(error))}"
        return
    _announce(changes)
    st.session_state[PICKED_KEY] = []


def _undo(workspace: Workspace) -> None:
    try:  # refused when what it would put back changed elsewhere since the page was drawn (issue 17.4)
        _announce(undo_last(workspace, stale_views.drawn(stale_views.JOB_MAP)))
    except (JobMapError, ChangedElsewhere) as error:
        st.session_state[ERROR_KEY] = literal(str(error))


def import_file(workspace: Workspace) -> None:
    """The uploader; a file is read, matched and applied at once."""
    key = _uploader_key()
    st.file_uploader(
        "Job-map file (.xlsx or .csv)",
        type=["xlsx", "csv", "tsv", "txt"],
        key=key,
        on_change=_apply_upload,
        args=(workspace, key),
        help=LAYOUT + " Outcomes are matched by id, else by statement (ignoring case and spaces).",
    )
    report = st.session_state.get(REPORT_KEY)
    if report:
        name, lines = report
        if lines:
            st.warning(f"From {literal(name)}: " + "  \n".join(literal(line) for line in lines))
        else:
            st.success(f"Every row of {literal(name)} was used and every outcome is in it.")


def move_many(workspace: Workspace, steps: pd.DataFrame, outcomes: pd.DataFrame) -> None:
    """Pick outcomes (any number), pick a step, move them all in one change."""
    labels = step_labels(steps)
    texts = {
        row.outcome_id: f"{row.outcome_id} · {row.statement} ({row.step})"
        for row in outcomes[["outcome_id", "statement", "step"]].itertuples()
    }
    st.multiselect("Outcomes to move", list(texts), format_func=texts.get, key=PICKED_KEY, placeholder="Pick outcomes")
    # The button sits under the step picker: beside it, at 1280 px, its label was cut to "M…".
    st.selectbox("To the step", list(labels), format_func=labels.get, key=TARGET_KEY)
    count = len(st.session_state.get(PICKED_KEY) or [])
    st.button(
        f"Move {plural(count, 'outcome')}" if count else "Move",
        on_click=_move_picked,
        args=(workspace,),
        disabled=not count,
        icon=":material/drive_file_move:",
        key="job_map_bulk_move",
    )


def undo_button(workspace: Workspace) -> None:
    """Undo the newest bulk change, naming it."""
    label = last_change(workspace)
    st.button(
        "Undo the last bulk change",
        on_click=_undo,
        args=(workspace,),
        disabled=label is None,
        icon=":material/undo:",
        key="job_map_bulk_undo",
    )
    if label is not None:
        st.caption(f"Undoes: {literal(label)}")


def bulk_section(workspace: Workspace, steps: pd.DataFrame, outcomes: pd.DataFrame) -> None:
    """The page's bulk-changes block: import a file, move many, undo."""
    upload, move = st.columns(2, gap="large")
    with upload:
        import_file(workspace)
    with move:
        move_many(workspace, steps, outcomes)
    undo_button(workspace)
