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

from core.intake.importers import ImportResult, import_survey
from core.intake.importers.mapping import ColumnMapping, detect_mapping
from core.intake.importers.options import Direction
from core.intake.mapping_table import remembered
from core.intake.report import ValidationReport
from core.intake.scales import Scale
from core.intake.store import SurveyInfo, latest_source_file, store_survey, survey_info
from core.sqlfiles import query
from core.wording import plural
from core.workspace.database import Workspace

Progress = Callable[[float, str], None]  # progress(fraction 0..1, message), between the stages


def _quiet(fraction: float, message: str) -> None:
    """The default progress callback: says nothing."""


@dataclass(frozen=True)
class Replacement:
    """A file read and validated, waiting to become the workspace's survey."""

    file_name: str
    content: bytes
    result: ImportResult
    declared_scale: Scale | None = None  # set when the stored file is read again on another scale

    @property
    def ok(self) -> bool:
        """True when the file can be imported."""
        return self.result.ok

    @property
    def report(self) -> ValidationReport:
        return self.result.report


def prepare(
    content: bytes,
    file_name: str,
    *,
    scale: Scale | None = None,
    mapping: ColumnMapping | None = None,
    direction: Direction = "ask",
    progress: Progress = _quiet,
) -> Replacement:
    """Read and validate ``content``; nothing is stored. ``mapping`` and ``direction`` as in
    :func:`core.intake.importers.import_survey` (a platform export's edited column mapping, and how
    its numeric codes run)."""
    progress(0.05, f"Reading and checking {file_name}…")
    result = import_survey(content, file_name, scale=scale, mapping=mapping, direction=direction)
    if result.ok:
        progress(0.7, f"Checked {file_name}: {plural(result.report.respondents, 'respondent')}.")
    else:
        progress(1.0, f"{file_name} cannot be imported.")
    return Replacement(file_name, content, result, scale)


def prepare_rescale(workspace: Workspace, scale: Scale, *, progress: Progress = _quiet) -> Replacement | None:
    """The stored source file validated again on ``scale``; None when no file is stored."""
    stored = latest_source_file(workspace)
    if stored is None:
        return None
    file_name, content = stored
    mapping, direction = remembered(workspace, detect_mapping(content, file_name))
    return prepare(content, file_name, scale=scale, mapping=mapping, direction=direction or "ask", progress=progress)


def commit(workspace: Workspace, replacement: Replacement, *, progress: Progress = _quiet) -> None:
    """Make a validated file the workspace's survey (one transaction)."""
    if not replacement.ok or replacement.result.survey is None:
        raise ValueError(f"{replacement.file_name} cannot be imported; nothing was stored.")
    report = replacement.report
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
    counts = workspace.cursor().execute(query("replace", "impact")).fetchone()
    return ReplacementImpact(info, *counts)
