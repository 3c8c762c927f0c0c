"""Importers: any accepted file → :class:`~core.importers.survey.SurveyData` + a report.

``import_survey`` reads the container (:mod:`reading`), recognises the layout, reduces it to
a :class:`~core.importers.draft.Draft` and assembles the canonical tables
(:mod:`assemble`). A file that cannot be imported gives a report with errors, never an
exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from core.importers import canonical
from core.importers.assemble import _Assembler
from core.importers.reading import UnreadableFile, read_source
from core.importers.survey import SurveyData
from core.report import ValidationReport
from core.scales import Scale


@dataclass
class ImportResult:
    survey: SurveyData | None
    report: ValidationReport

    @property
    def ok(self) -> bool:
        return self.survey is not None and self.report.ok


def import_survey(
    source: str | Path | bytes | BinaryIO, file_name: str | None = None, *, scale: Scale | None = None
) -> ImportResult:
    """Read and validate a survey file; ``scale`` overrides scale detection."""
    if file_name is None:
        file_name = Path(source).name if isinstance(source, str | Path) else getattr(source, "name", "upload")
    report = ValidationReport(file_name=file_name)
    try:
        file = read_source(source, file_name)
    except UnreadableFile as exc:
        report.error(exc.problem, file_name, exc.fix)
        return ImportResult(None, report)
    report.notes.extend(file.notes)
    report.warnings.extend(file.warnings)
    layout = canonical.detect(file)
    if layout is None:
        sheets = ", ".join(f"'{t.name}'" for t in file.tables)
        report.error(
            f"The layout of this file was not recognised (sheets: {sheets}).",
            file_name,
            f"Use one of the accepted layouts: {canonical.ACCEPTED_LAYOUTS}.",
        )
        return ImportResult(None, report)
    draft = canonical.parse(file, layout, report)
    if draft is None or not report.ok:
        return ImportResult(None, report)
    survey = _Assembler(draft, report, scale, Path(file_name).stem).build()
    return ImportResult(survey if report.ok else None, report)
