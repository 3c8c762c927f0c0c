"""Typeform exports (.csv, .xlsx) (docs/FORMATS.md §5).

One header row: ``#`` (the 32-hex response token) first, one column per question (opinion
scale and rating cells are numbers the respondent chose, so their direction is known), then
``Start Date (UTC)``, ``Submit Date (UTC)``, ``Network ID`` (newer exports add ``Response
Type``, ``Stage Date (UTC)``, ``Tags``, ``Ending``). Partial responses (``Response Type``
partial, or no submit date) are dropped unless kept on request. Matrix rows written as
``Question [Row]`` are split like Google Forms grids.
"""

from __future__ import annotations

import numpy as np

from core.intake.importers.options import ImportOptions
from core.intake.importers.platforms.single_header import as_grid_row, describe_columns
from core.intake.importers.platforms.table import (
    PlatformTable,
    blank,
    bracket_split,
    header_keys,
    lowered,
    one_header_row,
    partial_responses,
    sheet_with,
)
from core.intake.importers.reading import SourceFile

NAME = "Typeform"
META_NAMES = {
    "response type",
    "start date (utc)",
    "stage date (utc)",
    "submit date (utc)",
    "network id",
    "tags",
    "ending",
    "start date",
    "submit date",
}


def _signature(row: list[str]) -> bool:
    """A first header ``#`` with Typeform's date or network columns."""
    first = next((c for c in row if c), "")
    return first == "#" and bool(header_keys(row) & {"submit date (utc)", "network id", "start date (utc)"})


def detect(source: SourceFile) -> float:
    """1.0 for a first header ``#`` with ``Submit Date (UTC)`` or ``Network ID``."""
    return 1.0 if sheet_with(source, _signature) is not None else 0.0


def parse(source: SourceFile, options: ImportOptions) -> PlatformTable:
    """One column per question; ``#`` is the respondent id."""
    sheet = sheet_with(source, _signature)
    assert sheet is not None
    grid, headers = one_header_row(sheet)
    found = describe_columns(
        grid,
        headers,
        id_names={"#"},
        meta_names=META_NAMES,
        question=lambda column: as_grid_row(column, bracket_split(column.header), keyed=False),
    )
    by_name = found.by_name
    table = PlatformTable(
        NAME,
        "Typeform export",
        sheet.name,
        source.where(sheet),
        [headers],
        found.columns,
        grid.row_numbers,
        id_column=found.id_column,
        numbers_are_codes=False,
    )
    if "response type" in by_name:
        partial = lowered(grid.columns[by_name["response type"]]) == "partial"
    elif "submit date (utc)" in by_name:
        partial = blank(grid.columns[by_name["submit date (utc)"]])
    else:
        partial = np.zeros(table.n_rows, dtype=bool)
    partial_responses(table, partial, "partial Typeform responses (not submitted)", options.keep_partial)
    return table
