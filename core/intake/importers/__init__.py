"""Importers: any accepted file → :class:`~core.intake.importers.survey.SurveyData` + a report.

``import_survey`` reads the container (:mod:`reading`), recognises the layout — a survey
platform's export by its header signature (:mod:`platforms`, paired by :mod:`pairing`), else a
canonical layout (:mod:`canonical`), else a table mapped by hand — reduces it to a
:class:`~core.intake.importers.draft.Draft` and assembles the canonical tables (:mod:`assemble`). A
file that cannot be imported gives a report with errors, never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from core.intake.importers import canonical, pipeline
from core.intake.importers.assemble import Assembler
from core.intake.importers.codebook import Codebook
from core.intake.importers.columnar_input import read_columns
from core.intake.importers.draft import Draft
from core.intake.importers.mapping import ColumnMapping, MappingProposal
from core.intake.importers.options import Direction, ImportOptions
from core.intake.importers.reading import SourceFile, UnreadableFile, as_bytes, read_source, sheet_messages
from core.intake.importers.spreadsheet_limits import TooLarge, check_source
from core.intake.importers.survey import SurveyData
from core.intake.importers.unrecognised import not_recognised
from core.intake.limits import check_size
from core.intake.progress import Progress, quiet
from core.intake.report import ValidationReport
from core.intake.scales import Scale
from core.wording import plural

PLATFORM_NAMES = "Qualtrics, SurveyMonkey, Google Forms, Microsoft Forms, Alchemer, LimeSurvey or Typeform"


@dataclass
class ImportResult:
    survey: SurveyData | None
    report: ValidationReport
    mapping: ColumnMapping | None = None  # the column mapping used (platform exports and hand-mapped tables)
    # what the mapping screen needs (header signature, unrecognised columns, samples), when the
    # import was made by core.intake.upload_check from the same read
    proposal: MappingProposal | None = None

    @property
    def ok(self) -> bool:
        return self.survey is not None and self.report.ok

    @property
    def signature(self) -> str:
        """The header signature a saved column mapping is found by ('' when not known)."""
        return self.proposal.signature if self.proposal is not None else ""

    @property
    def unrecognised(self) -> list[int]:
        """Columns no rule could place (empty when not known)."""
        return list(self.proposal.unrecognised) if self.proposal is not None else []


def import_survey(
    source: str | Path | bytes | BinaryIO,
    file_name: str | None = None,
    *,
    scale: Scale | None = None,
    mapping: ColumnMapping | None = None,
    direction: Direction = "ask",
    keep_partial: bool = False,
    codebook: Codebook | None = None,
    progress: Progress = quiet,
) -> ImportResult:
    """Read and validate a survey file.

    ``scale`` overrides scale detection; ``mapping`` replaces the detected column mapping of a
    platform export (or maps a table no layout matches); ``direction`` settles numeric codes
    whose direction the file cannot tell (see :mod:`core.intake.importers.options`); ``keep_partial``
    keeps unfinished responses; ``codebook`` turns codes into labels; ``progress(fraction,
    message)`` is called between the stages.
    """
    if file_name is None:
        file_name = Path(source).name if isinstance(source, str | Path) else str(getattr(source, "name", "upload"))
    options = ImportOptions(scale, direction, keep_partial, codebook, mapping)
    report = ValidationReport(file_name=file_name)
    progress(0.02, f"Reading {file_name}…")
    try:
        data = as_bytes(source)
    except OSError as exc:
        report.error(f"{file_name} could not be read ({exc}).", file_name, "Check the file and upload it again.")
        return ImportResult(None, report)
    try:
        opened = open_source(data, options, report, progress)
    except (TooLarge, UnreadableFile) as exc:
        report.error(exc.problem, file_name, exc.fix)
        return ImportResult(None, report)
    if isinstance(opened, ImportResult):
        return opened
    return import_source(opened, options, report, progress)


def open_source(
    data: bytes, options: ImportOptions, report: ValidationReport, progress: Progress = quiet
) -> ImportResult | SourceFile:
    """The one read of a file, for the CLI's import and the app's upload check alike: its limits
    checked before any cell is read, then a plain long table imported by columns (an
    :class:`ImportResult`), or else the file read as rows of cells (a :class:`SourceFile`) for the
    layouts and platforms. Raises :class:`TooLarge` or :class:`UnreadableFile`, which the caller
    turns into the report's error."""
    extents = check_source(data, report.file_name)  # before any read, whichever reader takes the file
    columnar = import_columnar(data, options, report, progress)
    if columnar is not None:
        return columnar
    return read_source(data, report.file_name, checked=extents)


def import_columnar(
    data: bytes, options: ImportOptions, report: ValidationReport, progress: Progress = quiet
) -> ImportResult | None:
    """A plain canonical CSV or Parquet file (a long or a responses table) read by columns (issue
    12: no Python object per rating),
    or None when the general reader must read it. ``data`` passed :func:`check_source` already."""
    file_name = report.file_name
    columnar = read_columns(data, file_name)
    if columnar is None:
        return None
    draft, notes = columnar
    report.notes.extend(notes)
    _canonical_options(options, report, file_name)
    return _assemble(draft, report, options.scale, file_name, progress, None)


def import_source(
    file: SourceFile, options: ImportOptions, report: ValidationReport, progress: Progress = quiet
) -> ImportResult:
    """:func:`import_survey` of a file already read (so that one read serves several steps)."""

    file_name, scale, mapping = file.file_name, options.scale, options.mapping
    report.notes.extend(file.notes)
    report.warnings.extend(file.warnings)
    progress(0.45, "Recognising the layout…")
    table = pipeline.platform_table(file, options)
    used = None
    if table is not None:
        draft, used = pipeline.platform_import(table, options, report)
    elif (layout := canonical.detect(file)) is not None:
        _canonical_options(options, report, file_name)
        draft = canonical.parse(file, layout, report)
    elif mapping is not None and (table := pipeline.generic.parse(file)) is not None:
        draft, used = pipeline.platform_import(table, options, report)
    else:
        text, fix = not_recognised(file, canonical.ACCEPTED_LAYOUTS, PLATFORM_NAMES)
        report.error(text, file_name, fix)
        return ImportResult(None, report)
    if draft is not None:
        notes, warnings = sheet_messages(file, draft.sheet)
        report.notes.extend(notes)
        report.warnings.extend(warnings)
    if draft is None or not report.ok:
        return ImportResult(None, report, used)
    return _assemble(draft, report, scale, file_name, progress, used)


def _assemble(
    draft: Draft, report: ValidationReport, scale: Scale | None, file_name: str, progress: Progress, used
) -> ImportResult:
    progress(0.6, f"Checking {plural(draft.n_rows, 'row')} of ratings…")
    survey = Assembler(draft, report, scale, Path(file_name).stem).build()
    if survey is not None and report.ok:
        check_size(len(survey.outcomes), len(survey.respondents), report, file_name)
    progress(0.9, "Imported." if report.ok else "The file cannot be imported.")
    return ImportResult(survey if report.ok else None, report, used)


def _canonical_options(options: ImportOptions, report: ValidationReport, file_name: str) -> None:
    """Say which options a canonical layout does not use (its template defines 1 as the lowest rating)."""
    unused = [
        name
        for name, given in (
            ("--reverse", options.direction == "reverse"),
            ("the codebook", options.codebook is not None),
            ("the column mapping", options.mapping is not None),
        )
        if given
    ]
    if unused:
        report.warn(
            f"Ignored {', '.join(unused)}: this file has the canonical layout, whose column names decide "
            "what each column holds and whose ratings run 1 = lowest.",
            file_name,
            "Leave these options out for canonical files.",
        )
