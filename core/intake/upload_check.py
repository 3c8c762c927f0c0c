"""An upload read once, in a bounded child process: mapping proposal, saved mapping and import.

Before, the app read an upload twice: once to propose a column mapping (and find the mapping a
workspace saved for the file's header), once to import it. :func:`check_upload` reads it once,
in a child process with a memory and time limit (:mod:`core.intake.isolation`; the file was
checked against :mod:`core.intake.importers.spreadsheet_limits` before any cell is read, but for
the extent of a sheet without a declared dimension, which the child's memory limit guards and
which is measured after a read stopped for memory, so the message names the limit):

1. read the file and propose its column mapping (header signature, unrecognised columns);
2. ask the parent for the mapping and direction the workspace saved for that signature (the
   child cannot open the workspace; the question travels over the pipe);
3. when the column-mapping screen must decide first (unrecognised columns without a saved
   mapping, or numeric codes of unknown direction), stop there; otherwise import the file
   already read, with the saved mapping.

The result (:class:`UploadCheck`) carries the proposal, the import result and how long each
step took, so the progress bar can name the slowest one. :func:`import_bounded` is the same
child for an import with given options (the CLI, a mapping applied on the screen).
:func:`check_in_process` runs the same steps without a child, for tests and benchmarks.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from core.intake.importers import ImportResult, import_source, import_survey, open_source
from core.intake.importers.codebook import Codebook
from core.intake.importers.mapping import ColumnMapping, MappingProposal
from core.intake.importers.options import Direction, ImportOptions
from core.intake.importers.pipeline import canonical_proposal, propose_source
from core.intake.importers.reading import UnreadableFile
from core.intake.importers.spreadsheet_limits import TooLarge, refusal_after_abort
from core.intake.isolation import Budget, ReadAborted, run_bounded
from core.intake.progress import Progress, quiet
from core.intake.report import ValidationReport
from core.intake.scales import Scale

Remembered = tuple[ColumnMapping | None, str | None]  # (saved mapping, saved direction)


@dataclass(frozen=True)
class UploadCheck:
    """One read of an upload: what the mapping screen needs, and the import when it is not needed."""

    proposal: MappingProposal
    mapping: ColumnMapping | None  # the saved mapping, else the detected one (None for canonical files)
    direction: str | None  # the direction saved for this header, if any
    result: ImportResult | None  # None when the column-mapping screen must decide first
    steps: tuple[tuple[str, float], ...] = ()  # (step, seconds), in order

    @property
    def needs_screen(self) -> bool:
        return self.result is None

    def slowest(self) -> str:
        """``reading the file, 1.2 s of 1.6 s`` (empty when nothing was timed)."""
        if not self.steps:
            return ""
        step, seconds = max(self.steps, key=lambda s: s[1])
        return f"{step}, {seconds:.1f} s of {sum(s for _, s in self.steps):.1f} s"


class _LocalChannel:
    """The child's channel, for running the same steps in this process."""

    def __init__(self, progress: Progress, answer: Callable[[Any], Any]):
        self.progress = progress
        self._answer = answer

    def ask(self, question: Any) -> Any:
        return self._answer(question)


def _unreadable(report: ValidationReport) -> MappingProposal:
    return MappingProposal("", "", [], [], "", None, [], [], [], report)


def _aborted(exc: ReadAborted, content: bytes, file_name: str) -> ValidationReport:
    """The report of a read the bounded child could not finish (too much memory or time); stopped
    for memory, it names the limit the file is beyond when it is
    (:func:`core.intake.importers.spreadsheet_limits.refusal_after_abort`)."""
    report = ValidationReport(file_name=file_name)
    problem, fix = refusal_after_abort(exc, content, file_name) or (exc.problem, exc.fix)
    report.error(problem, file_name, fix)
    return report


def _check(
    content: bytes, file_name: str, *, scale: Scale | None, ask_screen: bool, keep_partial: bool, channel: Any
) -> UploadCheck:
    """The steps of :func:`check_upload`, run in the child (or in-process by :func:`check_in_process`)."""
    steps: list[tuple[str, float]] = []
    start = time.perf_counter()
    channel.progress(0.1, f"Reading {file_name}…")
    report = ValidationReport(file_name=file_name)
    try:
        opened = open_source(content, ImportOptions(scale, keep_partial=keep_partial), report, channel.progress)
    except (TooLarge, UnreadableFile) as exc:
        report.error(exc.problem, file_name, exc.fix)
        return UploadCheck(_unreadable(report), None, None, ImportResult(None, report))
    if isinstance(opened, ImportResult):  # a plain canonical table, read by columns: nothing to map
        steps.append(("reading and checking the table", time.perf_counter() - start))
        proposal = canonical_proposal(file_name, opened.report.format)
        return UploadCheck(proposal, None, None, replace(opened, proposal=proposal), tuple(steps))
    file = opened
    steps.append(("reading the file", time.perf_counter() - start))
    start = time.perf_counter()
    channel.progress(0.4, "Recognising the columns…")
    proposal = propose_source(file, ImportOptions(keep_partial=keep_partial))
    saved, direction = channel.ask(proposal)
    steps.append(("recognising the columns", time.perf_counter() - start))
    mapping = saved or proposal.mapping
    unsure = saved is None and bool(proposal.unrecognised)
    if ask_screen and mapping is not None and (unsure or (proposal.asks_direction and direction is None)):
        return UploadCheck(proposal, mapping, direction, None, tuple(steps))
    start = time.perf_counter()
    channel.progress(0.55, "Checking the ratings…")
    options = ImportOptions(scale, direction or "ask", keep_partial, mapping=saved)
    result = import_source(file, options, ValidationReport(file_name=file_name))
    steps.append(("checking the ratings", time.perf_counter() - start))
    return UploadCheck(proposal, mapping, direction, replace(result, proposal=proposal), tuple(steps))


def check_upload(
    content: bytes,
    file_name: str,
    remembered: Callable[[MappingProposal], Remembered],
    *,
    scale: Scale | None = None,
    ask_screen: bool = True,
    keep_partial: bool = False,
    progress: Progress = quiet,
    budget: Budget | None = None,
) -> UploadCheck:
    """Read ``content`` once in a bounded child (see the module docstring).

    ``remembered(proposal)`` gives the mapping and direction saved for the file's header
    (``core.intake.mapping_table.remembered`` bound to the workspace); ``ask_screen=False``
    always imports (reading the stored file again on another ``scale``). A file the child could
    not read within its limits gives a result with that error, never an exception.
    """
    try:
        return run_bounded(
            _check,
            content,
            file_name,
            scale=scale,
            ask_screen=ask_screen,
            keep_partial=keep_partial,
            what=f"Reading {file_name}",
            budget=budget,
            progress=progress,
            answer=remembered,
        )
    except ReadAborted as exc:
        report = _aborted(exc, content, file_name)
        return UploadCheck(_unreadable(report), None, None, ImportResult(None, report))


def check_in_process(
    content: bytes,
    file_name: str,
    remembered: Callable[[MappingProposal], Remembered],
    *,
    scale: Scale | None = None,
    ask_screen: bool = True,
    keep_partial: bool = False,
    progress: Progress = quiet,
) -> UploadCheck:
    """:func:`check_upload` without the child process (tests and benchmarks; no memory or time limit)."""
    return _check(
        content,
        file_name,
        scale=scale,
        ask_screen=ask_screen,
        keep_partial=keep_partial,
        channel=_LocalChannel(progress, remembered),
    )


def _import(content: bytes, file_name: str, *, channel: Any, **options: Any) -> ImportResult:
    return import_survey(content, file_name, progress=channel.progress, **options)


def import_bounded(
    content: bytes,
    file_name: str,
    *,
    scale: Scale | None = None,
    mapping: ColumnMapping | None = None,
    direction: Direction = "ask",
    keep_partial: bool = False,
    codebook: Codebook | None = None,
    progress: Progress = quiet,
    budget: Budget | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> ImportResult:
    """:func:`core.intake.importers.import_survey` in a bounded child; a file beyond the child's
    limits gives a result with that error. ``meanwhile()`` runs here while the child reads
    (:func:`core.intake.isolation.run_bounded`)."""
    try:
        return run_bounded(
            _import,
            content,
            file_name,
            what=f"Reading {file_name}",
            budget=budget,
            progress=progress,
            meanwhile=meanwhile,
            scale=scale,
            mapping=mapping,
            direction=direction,
            keep_partial=keep_partial,
            codebook=codebook,
        )
    except ReadAborted as exc:
        return ImportResult(None, _aborted(exc, content, file_name))
