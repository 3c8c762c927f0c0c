"""LimeSurvey exports (.csv, .xlsx) (docs/FORMATS.md §7).

The CSV writer puts a UTF-8 BOM first, separates with ``;``, quotes every field and ends lines
with ``\\r\\n`` (the reader handles all of it). One header row: ``id, submitdate, lastpage,
startlanguage, …`` (or their full-text forms), then array sub-questions as codes
``G01Q01[SQ001]`` or as text ``Question [Subquestion]`` (dual-scale arrays: ``Q1[SQ001#0]`` or
``Question [Subquestion][Scale header]``, one block per scale). Answers are codes (``A1``…, read
with a codebook, or as their number once the direction is declared) or the answer text.
Responses without a submit date are incomplete: dropped unless kept on request.
"""

from __future__ import annotations

import re

from core.intake.importers.options import ImportOptions
from core.intake.importers.platforms.single_header import as_grid_row, describe_columns
from core.intake.importers.platforms.table import (
    PlatformTable,
    SurveyColumn,
    blank,
    bracket_split,
    first_rows,
    header_keys,
    one_header_row,
    partial_responses,
)
from core.intake.importers.reading import SourceFile, Table
from core.intake.report import Message

NAME = "LimeSurvey"
CODE_SIGNATURE = {"id", "submitdate", "lastpage", "startlanguage"}
TEXT_SIGNATURE = {"response id", "date submitted", "last page", "start language"}
META_NAMES = {
    "submitdate",
    "lastpage",
    "startlanguage",
    "seed",
    "startdate",
    "datestamp",
    "token",
    "ipaddr",
    "refurl",
    "date submitted",
    "last page",
    "start language",
    "date started",
    "date last action",
    "ip address",
    "referrer url",
    "access code",
}
CODE_HEADINGS = (
    "The headings are question codes (G01Q01[SQ001]), so the outcome statements are the sub-question "
    "codes and the questions' wording is unknown."
)
ANSWER_CODE = re.compile(r"^[A-Za-z]{1,3}0*(\d{1,2})$")  # A1, AO01: the number is the answer's position
_CODE_HEADING = re.compile(r"^(?P<q>[A-Za-z][A-Za-z0-9_]*)\[(?P<sq>[^\[\]]+)\]$")
_DUAL_CODE = re.compile(r"^(?P<q>[A-Za-z][A-Za-z0-9_]*)\[(?P<sq>[^\[\]#]+)#(?P<scale>\d+)\]$")  # Q1[SQ001#0]
_DUAL_TEXT = re.compile(r"^(?P<q>.*\S)\s*\[(?P<row>[^\[\]]+)\]\s*\[(?P<scale>[^\[\]]+)\]\s*$")


def _dual_scale(column: SurveyColumn) -> bool:
    """A dual-scale array cell: ``Q1[SQ001#0]`` or ``Question [Row][Scale header]`` — one question, two
    scales (block ``Q1#0``), the row is the statement and the scale header says what it measures."""
    code = _DUAL_CODE.match(column.header)
    if code:
        column.question, column.block = "", f"{code.group('q')}#{code.group('scale')}"
        column.code = column.statement = code.group("sq")
        column.statement_is_code = True
        # the pattern always matches (every part of it is optional)
        column.section = re.match(r"^[A-Za-z]*\d*", code.group("q")).group(0)  # pyright: ignore[reportOptionalMemberAccess]
        column.codebook_keys = (code.group("q"), column.header)
        return True
    text = _DUAL_TEXT.match(column.header)
    if text:
        column.question, column.statement = text.group("q"), text.group("row").strip()
        column.scale_header = text.group("scale").strip()
        column.block = f"{column.question}#{column.scale_header}"
        column.codebook_keys = (column.question, column.header)
        return True
    return False


def _find(source: SourceFile) -> tuple[Table, bool] | None:
    """The sheet, and whether its headings are codes."""
    for table, rows in first_rows(source, 1):
        keys = header_keys(rows[0])
        if keys >= CODE_SIGNATURE or keys >= TEXT_SIGNATURE:
            return table, keys >= CODE_SIGNATURE
    return None


def detect(source: SourceFile) -> float:
    """1.0 for ``id, submitdate, lastpage, startlanguage`` (or their full-text headings)."""
    return 1.0 if _find(source) is not None else 0.0


def _question(column: SurveyColumn) -> None:
    """A sub-question heading as code ``G01Q01[SQ001]`` or as text ``Question [Subquestion]``."""
    header = column.header
    if _dual_scale(column):
        return
    code = _CODE_HEADING.match(header)
    if code:
        column.question, column.block, column.code = "", code.group("q"), code.group("sq")
        column.statement, column.statement_is_code = code.group("sq"), True
        # the pattern always matches (every part of it is optional)
        column.section = re.match(r"^[A-Za-z]*\d*", code.group("q")).group(0)  # pyright: ignore[reportOptionalMemberAccess]
        column.codebook_keys = (code.group("q"), header)
    else:
        as_grid_row(column, bracket_split(header))


def parse(source: SourceFile, options: ImportOptions) -> PlatformTable:
    """Sub-question columns by code or text; incomplete responses filtered."""
    found = _find(source)
    assert found is not None
    sheet, coded = found
    grid, headers = one_header_row(sheet)
    described = describe_columns(
        grid, headers, id_names=("id", "response id"), meta_names=META_NAMES, question=_question
    )
    columns, by_name = described.columns, described.by_name
    coded = any(c.statement_is_code for c in columns) or (coded and not any(c.statement for c in columns))
    layout = f"LimeSurvey export, {'question codes' if coded else 'question text'}"
    table = PlatformTable(
        NAME,
        layout,
        sheet.name,
        source.where(sheet),
        [headers],
        columns,
        grid.row_numbers,
        id_column=described.id_column,
        numbers_are_codes=True,
        answer_codes=ANSWER_CODE,
    )
    if any(c.statement_is_code for c in columns):
        table.warnings.append(
            Message(
                CODE_HEADINGS,
                table.where,
                "Export the responses again with 'Full question "
                "text' headings, or write the statements on the Job map page.",
            )
        )
    submitted = by_name.get("submitdate", by_name.get("date submitted"))
    if submitted is not None:
        partial_responses(
            table,
            blank(grid.columns[submitted]),
            "incomplete LimeSurvey responses (no submitdate)",
            options.keep_partial,
        )
    return table
