"""Microsoft Forms exports (.xlsx, or a CSV saved from it) (docs/FORMATS.md §4).

One header row: ``ID, Start time, Completion time, Email, Name`` (and ``Last modified time``),
then one column per Likert statement whose header is **the statement alone**: an importance
block and a satisfaction block that list the same outcomes give the same headers, and the
columns may come out of order. The pairing rules tell them apart by the answers' label
vocabulary, then by block order (first occurrence importance), and log which rule did.
"""

from __future__ import annotations

from core.intake.importers.options import ImportOptions
from core.intake.importers.platforms.single_header import describe_columns
from core.intake.importers.platforms.table import (
    SKIP,
    PlatformTable,
    SurveyColumn,
    header_keys,
    one_header_row,
    sheet_with,
)
from core.intake.importers.reading import SourceFile

NAME = "Microsoft Forms"
META_NAMES = {
    "start time",
    "completion time",
    "email",
    "name",
    "last modified time",
    "total points",
    "quiz feedback",
    "grade posted time",
    "respondent",
    "respondent email",
    "respondent name",
}
QUIZ_PREFIXES = ("points - ", "feedback - ")


def _signature(row: list[str]) -> bool:
    """``Start time`` and ``Completion time`` with an ``ID`` (or ``Respondent ID``)."""
    keys = header_keys(row)
    return {"start time", "completion time"} <= keys and bool(keys & {"id", "respondent id"})


def detect(source: SourceFile) -> float:
    """1.0 for ``ID, Start time, Completion time`` in the header."""
    return 1.0 if sheet_with(source, _signature) is not None else 0.0


def _quiz(column: SurveyColumn) -> None:
    """Quiz points and feedback columns are bookkeeping."""
    if column.header.lower().startswith(QUIZ_PREFIXES):
        column.kind = SKIP


def parse(source: SourceFile, options: ImportOptions) -> PlatformTable:
    """Statement-only headers; the first ID column is the respondent id."""
    sheet = sheet_with(source, _signature)
    assert sheet is not None
    grid, headers = one_header_row(sheet)
    found = describe_columns(
        grid, headers, id_names=("id", "respondent id"), meta_names=META_NAMES, question=_quiz, statement_headers=True
    )
    return PlatformTable(
        NAME,
        "Microsoft Forms export",
        sheet.name,
        source.where(sheet),
        [headers],
        found.columns,
        grid.row_numbers,
        id_column=found.id_column,
        numbers_are_codes=False,
    )
