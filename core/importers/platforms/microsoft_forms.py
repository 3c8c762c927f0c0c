"""Microsoft Forms exports (.xlsx, or a CSV saved from it) (FORMATS.md §4).

One header row: ``ID, Start time, Completion time, Email, Name`` (and ``Last modified time``),
then one column per Likert statement whose header is **the statement alone**: an importance
block and a satisfaction block that list the same outcomes give the same headers, and the
columns may come out of order. The pairing rules tell them apart by the answers' label
vocabulary, then by block order (first occurrence importance), and log which rule did.
"""

from __future__ import annotations

from core.importers.options import ImportOptions
from core.importers.platforms.table import (
    ID,
    META,
    SKIP,
    PlatformTable,
    SurveyColumn,
    first_rows,
    header_keys,
    one_header_row,
)
from core.importers.reading import SourceFile, Table

NAME = "Microsoft Forms"
META_NAMES = {"start time", "completion time", "email", "name", "last modified time", "total points",
              "quiz feedback", "grade posted time", "respondent", "respondent email", "respondent name"}
QUIZ_PREFIXES = ("points - ", "feedback - ")


def _find(source: SourceFile) -> Table | None:
    for table, rows in first_rows(source, 1):
        keys = header_keys(rows[0])
        if {"start time", "completion time"} <= keys and keys & {"id", "respondent id"}:
            return table
    return None


def detect(source: SourceFile) -> float:
    """1.0 for ``ID, Start time, Completion time`` in the header."""
    return 1.0 if _find(source) is not None else 0.0


def parse(source: SourceFile, options: ImportOptions) -> PlatformTable:
    """Statement-only headers; the first ID column is the respondent id."""
    sheet = _find(source)
    assert sheet is not None
    grid, headers = one_header_row(sheet)
    columns, id_column = [], None
    for i, header in enumerate(headers):
        column = SurveyColumn(i, header, grid.columns[i], statement=header, codebook_keys=(header,))
        name = header.lower()
        if name in ("id", "respondent id") and id_column is None:
            column.kind, id_column = ID, i
        elif name in META_NAMES:
            column.kind = META
        elif name.startswith(QUIZ_PREFIXES):
            column.kind = SKIP
        columns.append(column)
    return PlatformTable(NAME, "Microsoft Forms export", sheet.name, source.where(sheet), [headers], columns,
                         grid.row_numbers, id_column=id_column, numbers_are_codes=False)
