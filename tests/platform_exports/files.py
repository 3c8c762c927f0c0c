"""Bytes of real files: delimited text with the platforms' quirks, and .xlsx through openpyxl."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook

Rows = Sequence[Sequence[object]]


def text_bytes(
    rows: Rows,
    *,
    delimiter: str = ",",
    quote_all: bool = False,
    encoding: str = "utf-8",
    bom: bool = False,
    line_end: str = "\r\n",
    blank_last_line: bool = False,
) -> bytes:
    """Delimited text: ``None`` is an empty field; quoting, BOM, encoding and line ends as the platform writes them."""
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=delimiter, lineterminator=line_end, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    )
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    if blank_last_line:
        buffer.write(line_end)
    data = buffer.getvalue().encode(encoding)
    return b"\xef\xbb\xbf" + data if bom else data


def xlsx_bytes(rows: Rows, sheet: str = "Sheet1") -> bytes:
    """One sheet written with openpyxl in write-only mode (fast enough for 5,000 × 300)."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    for row in rows:
        worksheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
