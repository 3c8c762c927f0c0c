"""Typeform exports (.csv, .xlsx) (FORMATS.md §5).

One header row: ``#`` (the 32-hex response token) first, one column per question (opinion
scale and rating cells are numbers the respondent chose, so their direction is known), then
``Start Date (UTC)``, ``Submit Date (UTC)``, ``Network ID`` (newer exports add ``Response
Type``, ``Stage Date (UTC)``, ``Tags``, ``Ending``). Partial responses (``Response Type``
partial, or no submit date) are dropped unless kept on request. Matrix rows written as
``Question [Row]`` are split like Google Forms grids.
"""

from __future__ import annotations

import numpy as np

from core.importers.options import ImportOptions
from core.importers.platforms.table import (
    ID,
    META,
    PlatformTable,
    SurveyColumn,
    blank,
    bracket_split,
    first_rows,
    header_keys,
    lowered,
    one_header_row,
    partial_responses,
)
from core.importers.reading import SourceFile, Table

NAME = "Typeform"
META_NAMES = {"response type", "start date (utc)", "stage date (utc)", "submit date (utc)", "network id", "tags",
              "ending", "start date", "submit date"}


def _find(source: SourceFile) -> Table | None:
    for table, rows in first_rows(source, 1):
        first = next((c for c in rows[0] if c), "")
        if first == "#" and header_keys(rows[0]) & {"submit date (utc)", "network id", "start date (utc)"}:
            return table
    return None


def detect(source: SourceFile) -> float:
    """1.0 for a first header ``#`` with ``Submit Date (UTC)`` or ``Network ID``."""
    return 1.0 if _find(source) is not None else 0.0


def parse(source: SourceFile, options: ImportOptions) -> PlatformTable:
    """One column per question; ``#`` is the respondent id."""
    sheet = _find(source)
    assert sheet is not None
    grid, headers = one_header_row(sheet)
    columns, by_name = [], {}
    for i, header in enumerate(headers):
        column = SurveyColumn(i, header, grid.columns[i], question=header, codebook_keys=(header,))
        name = header.lower()
        if header == "#" and "#" not in by_name:
            column.kind = ID
        elif name in META_NAMES:
            column.kind = META
        elif split := bracket_split(header):
            column.question, column.statement = split
            column.block = column.question
        by_name.setdefault(name, i)
        columns.append(column)
    table = PlatformTable(NAME, "Typeform export", sheet.name, source.where(sheet), [headers], columns,
                          grid.row_numbers, id_column=by_name.get("#"), numbers_are_codes=False)
    if "response type" in by_name:
        partial = lowered(grid.columns[by_name["response type"]]) == "partial"
    elif "submit date (utc)" in by_name:
        partial = blank(grid.columns[by_name["submit date (utc)"]])
    else:
        partial = np.zeros(table.n_rows, dtype=bool)
    partial_responses(table, partial, "partial Typeform responses (not submitted)", options.keep_partial)
    return table
