"""Write real files for importer tests (.xlsx with openpyxl, CSV as bytes) and check reports.

``write_xlsx(path, {"responses": [[header...], [row...], ...]})`` writes one sheet per key, in
order. Cells are written as given: ints and floats stay numbers, strings stay text, ``None``
is an empty cell, a string starting with ``=`` becomes a formula (with no cached value, as
openpyxl saves it) and ``#DIV/0!``-style strings become real error cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook

Rows = Sequence[Sequence[object]]


def _workbook(sheets: Mapping[str, Rows]) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    return workbook


def write_xlsx(path: str | Path, sheets: Mapping[str, Rows]) -> Path:
    """Write ``sheets`` ({sheet name: rows}) to ``path`` as an .xlsx workbook; return the path."""
    path = Path(path)
    _workbook(sheets).save(path)
    return path


def xlsx_bytes(sheets: Mapping[str, Rows]) -> bytes:
    """The bytes of the workbook :func:`write_xlsx` would write."""
    buffer = io.BytesIO()
    _workbook(sheets).save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: Iterable[Sequence[object]], *, delimiter: str = ",", encoding: str = "utf-8", bom: bool = False
) -> bytes:
    """``rows`` as delimited text (``None`` → empty field), encoded, optionally with a UTF-8 BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    data = buffer.getvalue().encode(encoding)
    return b"\xef\xbb\xbf" + data if bom else data


def assert_actionable(report) -> None:
    """Every error and warning names a place and says what to do."""
    for message in [*report.errors, *report.warnings]:
        assert message.where.strip(), f"message names no place: {message}"
        assert message.fix.strip(), f"message says nothing to do: {message}"


def messages(report) -> str:
    """All errors and warnings as one string, for ``in`` checks."""
    return "\n".join(m.render() for m in [*report.errors, *report.warnings])
