"""Google Forms responses, from either download path (docs/FORMATS.md §3).

One header row starting with ``Timestamp``; grid questions give one column per row, named
``Question [Row]``. Cells hold the label text, or the number of a linear scale (which the
respondent saw, so its direction is known). The Forms download quotes every field and writes
``2022/10/17 6:31:58 PM EST``; the linked Sheet's CSV/XLSX writes the sheet's locale.
"""

from __future__ import annotations

import re

from core.intake.importers.options import ImportOptions
from core.intake.importers.platforms.single_header import as_grid_row, describe_columns
from core.intake.importers.platforms.table import PlatformTable, bracket_split, first_rows, one_header_row
from core.intake.importers.reading import SourceFile, Table

NAME = "Google Forms"
TIMESTAMPS = {
    "timestamp",
    "marca temporal",
    "horodateur",
    "zeitstempel",
    "informazioni cronologiche",
    "carimbo de data/hora",
    "tijdstempel",
}
META_NAMES = TIMESTAMPS | {"email address", "username", "score", "total score"}
_FORMS_TIMESTAMP = re.compile(r"^\d{4}/\d{2}/\d{2} \d{1,2}:\d{2}:\d{2} [AP]M\b")


def _find(source: SourceFile) -> tuple[Table, float] | None:
    for table, rows in first_rows(source, 1):
        first = next((c for c in rows[0] if c), "").lower()
        if first in TIMESTAMPS:
            return table, 1.0 if any(bracket_split(c) for c in rows[0]) else 0.9
    return None


def detect(source: SourceFile) -> float:
    """1.0 for a first header ``Timestamp`` with ``Question [Row]`` columns; 0.9 without grid columns."""
    found = _find(source)
    return found[1] if found else 0.0


def parse(source: SourceFile, options: ImportOptions) -> PlatformTable:
    """Grid columns split into question and row; no respondent id (rows are numbered)."""
    found = _find(source)
    assert found is not None
    sheet = found[0]
    grid, headers = one_header_row(sheet)
    columns = describe_columns(
        grid, headers, meta_names=META_NAMES, question=lambda column: as_grid_row(column, bracket_split(column.header))
    ).columns
    stamps = [str(v) for v in grid.columns[0][:5]] if grid.width else []
    path = "Forms download" if stamps and all(_FORMS_TIMESTAMP.match(s) for s in stamps) else "Google Sheets download"
    return PlatformTable(
        NAME,
        f"Google Forms responses, {path}",
        sheet.name,
        source.where(sheet),
        [headers],
        columns,
        grid.row_numbers,
        numbers_are_codes=False,
    )
