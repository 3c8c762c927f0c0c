"""Reading a wave file for the app: the Data page's importer, off the script thread (issue 14.5).

:func:`check_wave` reads an uploaded file once, in the same bounded child process as a survey
upload (core.intake.upload_check: the same size, memory and time limits, the same validation
report), on the base wave's scale and with the column mapping and number direction the workspace
saved for the file's header (a wave of the same survey has the base's header, so the base's
choices apply; the importer's report says what it could not read). Then the counts and the matching
(core.analysis.waves_match). Nothing is stored: :func:`core.analysis.waves.add_wave` stores the
checked wave after the facilitator confirms.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from core.analysis.waves import prepare_wave
from core.analysis.waves_match import Matching, WaveData, WaveError, survey_wave
from core.intake.import_settings import keep_partial
from core.intake.mapping_table import remembered
from core.intake.progress import Progress, quiet
from core.intake.report import ValidationReport
from core.intake.store import survey_info
from core.intake.upload_check import check_upload
from core.workspace.database import Workspace


@dataclass(frozen=True)
class WaveCheck:
    """A wave file read and checked: its validation report, and the wave or why it cannot be stored."""

    file_name: str
    report: ValidationReport
    wave: WaveData | None = None
    matching: Matching | None = None
    problem: str | None = None  # why the wave cannot be stored (the report's errors aside)

    @property
    def ok(self) -> bool:
        return self.wave is not None and self.matching is not None and self.problem is None


def check_wave(workspace: Workspace, content: bytes, file_name: str, *, progress: Progress = quiet) -> WaveCheck:
    """Read ``content`` as a wave of the workspace's survey (see the module docstring)."""
    info = survey_info(workspace)
    if info is None:
        report = ValidationReport(file_name=file_name)
        return WaveCheck(file_name, report, problem="Load the survey on the Data page first: it is the base wave.")
    found = check_upload(
        content,
        file_name,
        partial(remembered, workspace),
        scale=info.scale,
        ask_screen=False,
        keep_partial=keep_partial(workspace),
        progress=lambda fraction, message: progress(0.9 * fraction, message),
    )
    result = found.result
    assert result is not None  # ask_screen=False always imports
    if not result.ok or result.survey is None:
        return WaveCheck(file_name, result.report)
    progress(0.92, "Counting the ratings and matching the outcomes")
    wave = survey_wave(result.survey)
    try:
        matching = prepare_wave(workspace, wave)
    except WaveError as exc:
        return WaveCheck(file_name, result.report, wave, problem=str(exc))
    progress(1.0, "Checked")
    return WaveCheck(file_name, result.report, wave, matching)
