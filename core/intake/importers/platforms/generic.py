"""A table no platform signature matches: one header row, read only with a user's column mapping.

The pairing rules still propose what they can from the wording and the answers, so the
column-mapping screen starts from something; nothing is imported without the mapping.
"""

from __future__ import annotations

from core.intake.importers.platforms.single_header import as_grid_row, describe_columns
from core.intake.importers.platforms.table import (
    UNKNOWN_PLATFORM,
    PlatformTable,
    bracket_split,
    first_data_rows,
    one_header_row,
)
from core.intake.importers.reading import SourceFile

NAME = UNKNOWN_PLATFORM


def parse(source: SourceFile) -> PlatformTable | None:
    """The first sheet with data, its first non-blank row as the header."""
    sheet = first_data_rows(source)
    if sheet is None:
        return None
    grid, headers = one_header_row(sheet)
    columns = describe_columns(
        grid, headers, question=lambda column: as_grid_row(column, bracket_split(column.header), keyed=False)
    ).columns
    return PlatformTable(
        NAME,
        "table mapped by hand",
        sheet.name,
        source.where(sheet),
        [headers],
        columns,
        grid.row_numbers,
        numbers_are_codes=True,
    )
