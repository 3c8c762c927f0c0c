"""Read an uploaded file into raw grids of cells, one per sheet, headers included.

Nothing is interpreted here except the container: .xlsx/.xlsm/.xls through python-calamine
(openpyxl as the fallback for workbooks calamine rejects), text files as CSV/TSV with the BOM
stripped, UTF-8 tried before cp1252, and the delimiter sniffed among , ; tab and |.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
DELIMITERS = ",;\t|"


class UnreadableFile(ValueError):
    """The file is not a spreadsheet we can read; the message says why and what to do."""


@dataclass
class Table:
    """One sheet (or the one table of a CSV) as a list of rows of raw cells."""

    name: str
    rows: list[list[object]]


@dataclass
class SourceFile:
    file_name: str
    kind: str  # "xlsx" | "xls" | "csv"
    tables: list[Table]
    notes: list[str] = field(default_factory=list)

    def table(self, name: str) -> Table | None:
        """The sheet called ``name``, matched case-insensitively ignoring surrounding spaces."""
        wanted = name.strip().lower()
        return next((t for t in self.tables if t.name.strip().lower() == wanted), None)


def _as_bytes(source: str | Path | bytes | BinaryIO) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    data = source.read()
    return data if isinstance(data, bytes) else data.encode("utf-8")


def read_source(source: str | Path | bytes | BinaryIO, file_name: str | None = None) -> SourceFile:
    """Read a path, bytes or binary stream into :class:`SourceFile`."""
    if file_name is None:
        file_name = Path(source).name if isinstance(source, str | Path) else getattr(source, "name", "upload")
    data = _as_bytes(source)
    if not data.strip():
        raise UnreadableFile(f"{file_name} is empty. Export the survey again and upload the new file.")
    if data.startswith(ZIP_MAGIC):
        return SourceFile(file_name, "xlsx", _read_workbook(data, file_name))
    if data.startswith(OLE_MAGIC):
        return SourceFile(file_name, "xls", _read_workbook(data, file_name))
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile(
            f"{file_name} is not a spreadsheet or a text table (it looks like a binary file). "
            "Upload an .xlsx workbook or a .csv export."
        )
    text, encoding_note = _decode(data)
    table, delimiter = _read_csv(text, Path(file_name).stem or "data")
    notes = [f"Read as delimited text ({_delimiter_name(delimiter)}-separated{encoding_note})."]
    return SourceFile(file_name, "csv", [table], notes)


def _read_workbook(data: bytes, file_name: str) -> list[Table]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        tables = [
            Table(name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for name in workbook.sheet_names
        ]
    except Exception as calamine_error:  # noqa: BLE001 - any reader failure falls back to openpyxl
        try:
            return _read_with_openpyxl(data)
        except Exception:  # noqa: BLE001
            raise UnreadableFile(
                f"{file_name} could not be opened as an Excel workbook ({type(calamine_error).__name__}). "
                "It may be damaged, password-protected, or another kind of file renamed to .xlsx. "
                "Open it in Excel and save it again as .xlsx, or export the survey as .csv."
            ) from None
    if not any(any(cell not in ("", None) for row in t.rows for cell in row) for t in tables):
        raise UnreadableFile(f"{file_name} has no data in any sheet. Export the survey again with its responses.")
    return tables


def _read_with_openpyxl(data: bytes) -> list[Table]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return [
            Table(sheet.title, [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)])
            for sheet in workbook.worksheets
        ]
    finally:
        workbook.close()


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), ", UTF-16"
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), ", decoded as Windows-1252 because it is not UTF-8"


def _sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = text.splitlines()[0] if text else ""
        return max(DELIMITERS, key=first.count)


def _read_csv(text: str, name: str) -> tuple[Table, str]:
    delimiter = _sniff_delimiter(text)
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise UnreadableFile(f"The text table could not be parsed ({exc}). Save it again as UTF-8 CSV.") from None
    width = max((len(r) for r in rows), default=0)
    return Table(name, [r + [""] * (width - len(r)) for r in rows]), delimiter


def _delimiter_name(delimiter: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}[delimiter]
