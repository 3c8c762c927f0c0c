"""SurveyMonkey exports (.xlsx, .csv): two header rows (docs/FORMATS.md §2).

Row 1 holds the metadata names, then each question's text over the first of its columns only
(blank after, so it is carried forward); row 2 is blank under the metadata and holds each
column's sub-label: a grid row's statement, or ``Response`` / ``Open-Ended Response`` /
``Other (please specify)`` for single columns. No-break spaces are spaces. Answers are the
label text (title case is fine) or numerical values (direction unknown from the file).
"""

from __future__ import annotations

from core.intake.importers.options import ImportOptions
from core.intake.importers.platforms.table import (
    ID,
    META,
    SKIP,
    PlatformTable,
    SurveyColumn,
    clean_text,
    header_grid,
    header_keys,
    sheet_with,
)
from core.intake.importers.reading import SourceFile

NAME = "SurveyMonkey"
ID_NAMES = {"respondent id", "respondentid"}
META_NAMES = {
    "collector id",
    "collectorid",
    "start date",
    "end date",
    "startdate",
    "enddate",
    "ip address",
    "email address",
    "first name",
    "last name",
}
SINGLE = {"response", "open-ended response", "other (please specify)", "question viewed", "responses"}


def _signature(row: list[str]) -> bool:
    """Row 1 names the respondent id, the collector and the start date."""
    keys = header_keys(row)
    return bool(keys & ID_NAMES and ({"collector id", "start date"} <= keys or {"collectorid", "startdate"} <= keys))


def detect(source: SourceFile) -> float:
    """1.0 when row 1 names Respondent ID, Collector ID and Start Date."""
    return 1.0 if sheet_with(source, _signature) is not None else 0.0


def parse(source: SourceFile, options: ImportOptions) -> PlatformTable:
    """Questions carried forward over their columns; statements from row 2."""
    sheet = sheet_with(source, _signature)
    assert sheet is not None
    grid = header_grid(sheet, 2)
    top = [clean_text(c) for c in grid.header_rows[0]]
    sub = [clean_text(c) for c in grid.header_rows[1]]
    columns, question, block, id_column = [], "", "", None
    for i in range(grid.width):
        if top[i]:
            question, block = top[i], f"q{i + 1}"
        column = SurveyColumn(
            i,
            " - ".join(t for t in (question, sub[i]) if t) or f"column {i + 1}",
            grid.columns[i],
            question=question,
            block=block,
            codebook_keys=(question,),
        )
        name = top[i].lower()
        if name in ID_NAMES and id_column is None:
            column.kind, id_column = ID, i
        elif name in META_NAMES and not sub[i]:
            column.kind = META
        elif sub[i].lower() in SINGLE or not sub[i]:
            column.statement = ""
            column.kind = SKIP if sub[i].lower() == "question viewed" else column.kind
        else:
            column.statement = sub[i]
        columns.append(column)
    return PlatformTable(
        NAME,
        "SurveyMonkey export",
        sheet.name,
        source.where(sheet),
        [top, sub],
        columns,
        grid.row_numbers,
        id_column=id_column,
        numbers_are_codes=True,
    )
