"""Replacing the workspace's survey in two steps: validate, then (after confirmation) store.

A replacement is an upload, a bundled sample, or the stored file read again on another
scale. :func:`prepare` reads and validates a file without touching the workspace;
:func:`impact` says what storing it would keep and lose (``core.intake.store.store_survey`` clears
the survey with its segmentations and focus-matrix decisions, and keeps scoring settings,
scenario names and notes, and framework entries); :func:`commit` stores the survey that was
validated, so a large file is read once, not twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from core.intake.import_settings import keep_partial
from core.intake.importers import ImportResult, import_survey
from core.intake.importers.mapping import ColumnMapping
from core.intake.importers.options import Direction
from core.intake.mapping_table import remembered
from core.intake.progress import Progress, quiet
from core.intake.report import ValidationReport
from core.intake.scales import Scale
from core.intake.store import SurveyInfo, latest_source_file, store_survey, survey_info
from core.intake.store_job import store_cancellable
from core.intake.upload_check import UploadCheck, check_upload, import_bounded
from core.sqlfiles import one_row, query
from core.wording import plural
from core.workspace.database import Workspace


@dataclass(frozen=True)
class Replacement:
    """A file read and validated, waiting to become the workspace's survey."""

    file_name: str
    content: bytes
    result: ImportResult
    declared_scale: Scale | None = None  # set when the stored file is read again on another scale
    purpose: str = ""  # why the stored file is read again when not for a scale ("keeping partial responses")

    @property
    def ok(self) -> bool:
        """True when the file can be imported."""
        return self.result.ok

    @property
    def report(self) -> ValidationReport:
        return self.result.report


def within(progress: Progress, low: float, high: float) -> Progress:
    """``progress`` with the child's fractions (0…1) mapped into ``low…high``."""
    return lambda fraction, message: progress(low + (high - low) * fraction, message)


def checked(file_name: str, check: UploadCheck, progress: Progress) -> None:
    """The last progress message of a check: respondents, or the refusal, and the slowest step."""
    result = check.result
    slowest = f" Slowest step: {check.slowest()}." if check.slowest() else ""
    if result is not None and result.ok:
        progress(0.7, f"Checked {file_name}: {plural(result.report.respondents, 'respondent')}.{slowest}")
    elif result is not None:
        progress(1.0, f"{file_name} cannot be imported.")


def prepare(
    content: bytes,
    file_name: str,
    *,
    scale: Scale | None = None,
    mapping: ColumnMapping | None = None,
    direction: Direction = "ask",
    keep_partial: bool = False,
    progress: Progress = quiet,
    isolated: bool = True,
) -> Replacement:
    """Read and validate ``content``; nothing is stored. ``mapping``, ``direction`` and
    ``keep_partial`` as in :func:`core.intake.importers.import_survey` (a platform export's edited
    column mapping, how its numeric codes run, whether unfinished responses count). ``isolated``
    reads in a child process with a memory and time limit (:mod:`core.intake.isolation`), as the
    app must; ``False`` reads in this process (tests)."""
    progress(0.05, f"Reading and checking {file_name}…")
    options = {"scale": scale, "mapping": mapping, "direction": direction, "keep_partial": keep_partial}
    if isolated:
        result = import_bounded(content, file_name, progress=within(progress, 0.05, 0.7), **options)
    else:
        result = import_survey(content, file_name, **options)
    if result.ok:
        progress(0.7, f"Checked {file_name}: {plural(result.report.respondents, 'respondent')}.")
    else:
        progress(1.0, f"{file_name} cannot be imported.")
    return Replacement(file_name, content, result, scale)


def check(workspace: Workspace, content: bytes, file_name: str, *, progress: Progress = quiet) -> UploadCheck:
    """An upload read once in a bounded child: the mapping screen's proposal (with the mapping the
    workspace saved for its header) and, unless the screen must decide first, the import; with the
    workspace's import settings (keep partial responses)."""
    found = check_upload(
        content,
        file_name,
        partial(remembered, workspace),
        keep_partial=keep_partial(workspace),
        progress=within(progress, 0.0, 0.7),
    )
    checked(file_name, found, progress)
    return found


def prepare_rescale(
    workspace: Workspace, scale: Scale, *, purpose: str = "", progress: Progress = quiet
) -> Replacement | None:
    """The stored source file validated again on ``scale`` (one read, with the mapping saved for
    it and the workspace's import settings); None when no file is stored. ``purpose`` says why,
    when it is not the scale."""
    stored = latest_source_file(workspace)
    if stored is None:
        return None
    file_name, content = stored
    found = check_upload(
        content,
        file_name,
        partial(remembered, workspace),
        scale=scale,
        ask_screen=False,
        keep_partial=keep_partial(workspace),
        progress=within(progress, 0.0, 0.7),
    )
    checked(file_name, found, progress)
    assert found.result is not None  # ask_screen=False always imports
    return Replacement(file_name, content, found.result, scale, purpose=purpose)


def commit(
    workspace: Workspace,
    replacement: Replacement,
    *,
    progress: Progress = quiet,
    cancelled: Callable[[], bool] | None = None,
) -> None:
    """Make a validated file the workspace's survey (one transaction). With ``cancelled`` the store
    can be stopped (:func:`core.intake.store_job.store_cancellable`: rolled back, ``Cancelled``
    raised) and its progress covers 0–1; without it, progress runs from 0.75 (after the check)."""
    if not replacement.ok or replacement.result.survey is None:
        raise ValueError(f"{replacement.file_name} cannot be imported; nothing was stored.")
    report = replacement.report
    if cancelled is not None:
        store_cancellable(
            workspace, replacement.result.survey, replacement.content, cancelled=cancelled, progress=progress
        )
        return
    progress(0.75, f"Storing {plural(report.respondents, 'respondent')} × {plural(report.outcomes, 'outcome')}…")
    store_survey(workspace, replacement.result.survey, replacement.content)
    progress(1.0, "Done.")


@dataclass(frozen=True)
class ReplacementImpact:
    """What the workspace holds that a replacement would keep or lose."""

    survey: SurveyInfo
    segmentations: int
    decisions: int
    decided_scenarios: int
    scenarios: int
    capabilities: int
    tradeoff_criteria: int
    touchpoints: int
    messages: int

    @property
    def framework_entries(self) -> int:
        return self.capabilities + self.tradeoff_criteria + self.touchpoints + self.messages

    def kept(self) -> list[str]:
        """Sentences naming what survives the replacement."""
        scenarios = plural(self.scenarios, "scenario") if self.scenarios else "none saved yet"
        items = [
            "Scoring settings (method, bands, overserved margin).",
            f"Scenario names and notes ({scenarios}).",
        ]
        if not self.framework_entries:
            items.append("Framework entries (none yet).")
            return items
        parts = [
            plural(n, word, many)
            for n, word, many in (
                (self.capabilities, "capability", "capabilities"),
                (self.tradeoff_criteria, "trade-off criterion", "trade-off criteria"),
                (self.touchpoints, "touchpoint", None),
                (self.messages, "message", None),
            )
            if n
        ]
        items.append(
            f"Framework entries ({', '.join(parts)}). Their links to outcomes and steps match the new "
            "survey only where its outcome ids and step numbers are the same."
        )
        return items

    def lost(self, *, rescale: bool = False) -> list[str]:
        """Sentences naming what the replacement clears."""
        info = self.survey
        job_map = f"{plural(info.outcomes, 'outcome')} in {plural(info.steps, 'job step')}"
        if rescale:
            first = f"The current reading on the {info.scale.name} scale, and any edits to the job map ({job_map})."
        else:
            first = (
                f"The current survey: {plural(info.respondents, 'respondent')} and their ratings, {job_map}, "
                "and any edits to its job map."
            )
        segmentations = plural(self.segmentations, "segmentation") if self.segmentations else "none yet"
        decisions = (
            f"{plural(self.decisions, 'step choice')} in {plural(self.decided_scenarios, 'scenario')}"
            if self.decisions
            else "none yet"
        )
        return [first, f"Respondent segmentations ({segmentations}).", f"Focus-matrix decisions ({decisions})."]


def impact(workspace: Workspace) -> ReplacementImpact | None:
    """What replacing the survey would keep and lose; None when the workspace has no survey."""
    info = survey_info(workspace)
    if info is None:
        return None
    counts = one_row(workspace.cursor().execute(query("replace", "impact")))
    return ReplacementImpact(info, *counts)
