"""Read an uploaded file into raw grids of cells, one per sheet, headers included.

Nothing is interpreted here except the container: .xlsx/.xlsm/.xls through python-calamine
(openpyxl as the fallback for workbooks calamine rejects), text files as CSV/TSV with the BOM
stripped, UTF-8 tried before cp1252, and the delimiter chosen among , ; tab and | by which one
splits the first rows into the same number of columns as the header. Error cells and formulas
saved without a value, which calamine reads as empty, are put back as text
(:mod:`core.intake.importers.xlsx_cells`) and reported.

Hidden sheets: a workbook's hidden and very hidden sheets (lookup tables, an old copy of the
responses) are read but ordered after the visible ones, and :meth:`SourceFile.table` finds a
visible sheet before a hidden one of the same name, so a visible sheet is always preferred;
:func:`sheet_messages` says which sheet was read and whether it was hidden.

Encoding: the whole file is decoded as strict UTF-8 first (no cost for a clean file); only
when that fails is it decoded line by line, each line as UTF-8 and, failing that, as
Windows-1252, so one stray Latin-1 byte garbles nothing else; a warning names the lines.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections import Counter
from collections.abc import Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

from python_calamine import CalamineWorkbook, SheetVisibleEnum

from core.intake.importers.parquet_input import parquet_source
from core.intake.importers.source import SourceFile, Table, UnreadableFile
from core.intake.importers.spreadsheet_limits import SheetExtent, TooLarge, check_read, check_source, check_text
from core.intake.importers.text_rows import arrow_rows
from core.intake.importers.xlsx_cells import SpecialCell, special_cells
from core.intake.importers.xlsx_padded import padded_cells
from core.intake.report import Message
from core.wording import agree, first_few, plural

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
DELIMITERS = ",;\t|"
SNIFF_ROWS = 50
SNIFF_CHARS = 1 << 16
FIELD_LIMIT = 64 << 20  # a long free-text answer is still a cell (csv's default limit is 128 KiB)
csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))


def as_bytes(source: str | Path | bytes | BinaryIO) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    data = source.read()
    return data if isinstance(data, bytes) else data.encode("utf-8")


def read_source(
    source: str | Path | bytes | BinaryIO,
    file_name: str | None = None,
    *,
    checked: Sequence[SheetExtent] | None = None,
) -> SourceFile:
    """Read a path, bytes or binary stream into :class:`SourceFile`.

    ``checked``: what :func:`check_source` returned for these bytes, when the caller has checked
    them already; the limits are then not checked a second time (a workbook without a declared
    dimension costs a pass over its sheets' XML), and a sheet that pass found free of formulas and
    error cells is not unpacked again to look for them.
    """
    if file_name is None:
        file_name = Path(source).name if isinstance(source, str | Path) else str(getattr(source, "name", "upload"))
    data = as_bytes(source)
    if not data.strip():
        raise UnreadableFile(f"{file_name} is empty.", "Export the survey again and upload the new file.")
    try:
        if checked is None:
            checked = check_source(data, file_name)  # before any read: no file may make the reader explode
    except TooLarge as exc:
        raise UnreadableFile(exc.problem, exc.fix) from None
    if data.startswith(b"PAR1"):
        source_file = parquet_source(data, file_name)
    elif data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        kind = "xlsx" if data.startswith(ZIP_MAGIC) else "xls"
        unmarked = {extent.part for extent in checked if extent.marked is False}
        tables, warnings = _read_workbook(data, file_name, unmarked)
        if not all(extent.measured for extent in checked):  # left to the bounded child's memory limit
            try:
                check_read([(t.name, len(t.rows), max(map(len, t.rows), default=0)) for t in tables], file_name)
            except TooLarge as exc:
                raise UnreadableFile(exc.problem, exc.fix) from None
        source_file = SourceFile(file_name, kind, tables, warnings=warnings)
    elif b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile(
            f"{file_name} is not a spreadsheet or a text table (it looks like a binary file).",
            "Upload an .xlsx workbook or a .csv export of the survey.",
        )
    else:
        try:
            check_text(data, file_name)  # rows of Python cells: bounded in lines and cells
        except TooLarge as exc:
            raise UnreadableFile(exc.problem, exc.fix) from None
        name = Path(file_name).stem or "data"
        read = _read_utf8(data, name)  # Arrow's parser, when it reads what csv would
        if read is not None:
            (table, delimiter), encoding_note, encoding_warnings = read, "", []
        else:
            text, encoding_note, encoding_warnings = _decode(data, file_name)
            table, delimiter = _read_csv(text, name)
        notes = [f"Read as delimited text ({delimiter_name(delimiter)}-separated{encoding_note})."]
        source_file = SourceFile(file_name, "csv", [table], notes, encoding_warnings)
    if not any(has_value(cell) for t in source_file.tables for row in t.rows for cell in row):
        raise UnreadableFile(f"{file_name} has no data in any cell.", "Export the survey again with its responses.")
    return source_file


def sheet_messages(source: SourceFile, used: str) -> tuple[list[str], list[Message]]:
    """Notes and warnings saying which sheet of a workbook was read (nothing for a text file or a
    one-sheet workbook): a note naming it among the others; a warning when it is a hidden sheet."""
    if source.kind in ("csv", "parquet") or (len(source.tables) < 2 and not any(t.hidden for t in source.tables)):
        return [], []
    table = source.table(used)
    names = ", ".join(f"'{t.name}'" + (" (hidden)" if t.hidden else "") for t in source.tables)
    notes = [f"Read the sheet '{used}' (the workbook has {len(source.tables)} sheets: {names})."]
    if table is None or not table.hidden:
        return notes, []
    warning = Message(
        f"The survey was read from the hidden sheet '{used}': no visible sheet holds a table this app can read.",
        f"sheet '{used}'",
        "If another sheet holds the survey, check its headers; if the hidden sheet is an old copy, delete it "
        "and upload the workbook again.",
    )
    return notes, [warning]


def has_value(cell: object) -> bool:
    """Whether a raw cell holds anything but blanks."""
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))


def _read_workbook(data: bytes, file_name: str, unmarked: Collection[str] = ()) -> tuple[list[Table], list[Message]]:
    """The workbook's sheets as read by calamine (openpyxl when calamine fails), with the cells
    calamine reads as empty put back (:func:`_marked_cells`)."""
    with ThreadPoolExecutor(1, thread_name_prefix="xlsx-markers") as pool:
        marked = pool.submit(_marked_cells, data, unmarked)
        try:
            tables = _read_with_calamine(data)
        except Exception as calamine_error:  # any reader failure falls back to openpyxl
            try:
                tables = _read_with_openpyxl(data)
            except Exception:
                raise UnreadableFile(
                    f"{file_name} could not be opened as an Excel workbook ({type(calamine_error).__name__}); "
                    "it may be damaged, password-protected, or another kind of file renamed to .xlsx.",
                    "Open it in Excel and save it again as .xlsx, or export the survey as .csv.",
                ) from None
        specials, padded = marked.result()
    warnings = []
    for table in tables:
        cells = specials.get(table.name, [])
        _put_back(table, cells)
        warnings.extend(_special_cell_warnings(table.name, cells))
        for row, column, text in padded.get(table.name, []):
            if row < len(table.rows) and column < len(table.rows[row]):
                table.rows[row][column] = text  # 2100 shown as 02100 is read as Excel shows it
    return tables, warnings


def _marked_cells(
    data: bytes, unmarked: Collection[str]
) -> tuple[dict[str, list[SpecialCell]], dict[str, list[tuple[int, int, str]]]]:
    """Error cells and formulas without a value (xlsx_cells), and numbers shown zero-padded
    (xlsx_padded), found in the sheet XML: none in an .xls.

    Decision (issue 12): found on a thread of their own while calamine reads the cells. Their
    work is unpacking the sheet XML again (zlib) and searching its bytes (numpy), both of which
    release the interpreter, which calamine's read holds: on a second core this search costs
    nothing (it was 0.08 s of a 5,000 × 150 workbook and 0.8 s of a 50,000 × 150 one, after the read).
    """
    if not data.startswith(ZIP_MAGIC):
        return {}, {}
    return special_cells(data, unmarked), padded_cells(data)


def _visible_first(tables: list[Table]) -> list[Table]:
    """Visible sheets in workbook order, then the hidden ones (stable sort)."""
    return sorted(tables, key=lambda t: t.hidden)


def _read_with_calamine(data: bytes) -> list[Table]:
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    hidden = {m.name for m in workbook.sheets_metadata if m.visible != SheetVisibleEnum.Visible}
    return _visible_first(
        [
            Table(name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False), name in hidden)
            for name in workbook.sheet_names
        ]
    )


def _put_back(table: Table, cells: list[SpecialCell]) -> None:
    """Write error texts and formulas into the grid, growing it (and keeping it rectangular) as needed."""
    if not cells:
        return
    rows = table.rows
    height = max(len(rows), max(c.row for c in cells) + 1)
    width = max(max((len(r) for r in rows), default=0), max(c.column for c in cells) + 1)
    rows.extend([] for _ in range(height - len(rows)))
    for row in rows:
        row.extend([""] * (width - len(row)))
    for cell in cells:
        rows[cell.row][cell.column] = cell.value


def _refs(cells: list[SpecialCell], with_values: bool) -> str:
    return first_few([f"{c.ref} {c.value}" if with_values else c.ref for c in cells[:5]], len(cells))


def _special_cell_warnings(sheet: str, cells: list[SpecialCell]) -> list[Message]:
    where = f"sheet '{sheet}'"
    errors = [c for c in cells if c.is_error]
    formulas = [c for c in cells if not c.is_error]
    warnings = []
    if errors:
        warnings.append(
            Message(
                f"{plural(len(errors), 'cell holds a spreadsheet error', 'cells hold spreadsheet errors')} "
                f"({_refs(errors, True)}); {agree(len(errors), 'it is', 'they are')} read as missing.",
                where,
                "Correct the formulas that produce the errors, or clear those cells, and save the workbook again.",
            )
        )
    if formulas:
        warnings.append(
            Message(
                f"{plural(len(formulas), 'cell holds a formula', 'cells hold formulas')} saved without a value "
                f"({_refs(formulas, False)}), as programs that do not calculate formulas write them; "
                f"{agree(len(formulas), 'it is', 'they are')} read as missing.",
                where,
                "Open the workbook in Excel or LibreOffice and save it so the formulas are calculated, "
                "or paste the values instead of the formulas.",
            )
        )
    return warnings


def _read_with_openpyxl(data: bytes) -> list[Table]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return _visible_first(
            [
                Table(
                    sheet.title,
                    [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)],
                    sheet.sheet_state != "visible",
                )
                for sheet in workbook.worksheets
            ]
        )
    finally:
        workbook.close()


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")  # a multi-byte character only UTF-8 writes


def _decode(data: bytes, file_name: str = "upload") -> tuple[str, str, list[Message]]:
    """The text, a note on the encoding, and a warning naming the lines read as Windows-1252.

    Strict UTF-8 on the whole file first (a clean file costs one decode). When that fails, a
    file with no multi-byte UTF-8 character at all is Windows-1252 throughout; otherwise the
    bytes are decoded as UTF-8 up to each invalid byte, and only that byte's line as
    Windows-1252 (work in C over the bytes, one step per bad line), and a warning names the lines.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), ", UTF-16", []
    try:
        return data.decode("utf-8-sig"), "", []
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(data) is None:
        return data.decode("cp1252", errors="replace"), ", decoded as Windows-1252 because it is not UTF-8", []
    text, bad_lines = _decode_by_line(data)
    warning = Message(
        f"{plural(len(bad_lines), 'line is', 'lines are')} not valid UTF-8 "
        f"({agree(len(bad_lines), 'line', 'lines')} {first_few(bad_lines)}): "
        f"{agree(len(bad_lines), 'it was', 'they were')} read as Windows-1252 (Latin-1), "
        "the rest of the file as UTF-8.",
        f"file '{file_name}'",
        "Check the accented letters on those lines; to be sure, save the file again as UTF-8 "
        "(in Excel: CSV UTF-8) and upload it again.",
    )
    return text, "", [warning]


def _decode_by_line(data: bytes) -> tuple[str, list[int]]:
    """UTF-8 text where it is valid, each line holding an invalid byte as Windows-1252; those lines' numbers."""
    view = memoryview(data)
    position = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    pieces, bad_lines = [], []
    line, counted = 1, 0  # the line number at byte ``counted``
    while True:
        try:
            pieces.append(codecs.utf_8_decode(view[position:], "strict", True)[0])
            return "".join(pieces), bad_lines
        except UnicodeDecodeError as error:
            bad = position + error.start
            start = data.rfind(b"\n", position, bad) + 1 or position
            end = data.find(b"\n", bad)
            end = len(data) if end < 0 else end
            pieces.append(codecs.utf_8_decode(view[position:start], "strict", True)[0])
            pieces.append(data[start:end].decode("cp1252", errors="replace"))
            line += data.count(b"\n", counted, start)
            counted = start
            bad_lines.append(line)
            position = end


def _delimiter_score(sample: str, delimiter: str) -> tuple[bool, float, int]:
    """How well ``delimiter`` splits the sample: (the table has several columns, the share of rows
    as wide as the table, its width). The table's width is the most common row width, not the first
    row's, so a title typed above the header ("Survey 2022", one cell) cannot decide."""
    try:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        rows = [row for row in itertools.islice(reader, SNIFF_ROWS) if row]  # [] is a blank line
    except csv.Error:
        return False, 0.0, 0
    if not rows:
        return False, 0.0, 0
    widths = Counter(len(r) for r in rows)
    width = max(widths, key=lambda w: (widths[w], w))
    return width > 1, sum(len(r) == width for r in rows) / len(rows), width


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first rows most consistently, then into the most columns.

    Unlike ``csv.Sniffer``, a quoted field full of another delimiter (``"a; b"``) cannot fool it.
    """
    sample = text if len(text) <= SNIFF_CHARS else text[:SNIFF_CHARS].rsplit("\n", 1)[0]
    return max(DELIMITERS, key=lambda d: _delimiter_score(sample, d))


def _read_csv(text: str, name: str) -> tuple[Table, str]:
    delimiter = sniff_delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise UnreadableFile(
            f"The text table could not be parsed ({exc}).", "Save it again as a UTF-8 CSV file."
        ) from None
    width = max((len(r) for r in rows), default=0)
    return Table(name, [r + [""] * (width - len(r)) for r in rows]), delimiter


def _read_utf8(data: bytes, name: str) -> tuple[Table, str] | None:
    """:func:`_read_csv` of a UTF-8 file by Arrow (:mod:`core.intake.importers.text_rows`), or None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    head = data[: SNIFF_CHARS * 4].decode("utf-8-sig", errors="ignore")  # the first SNIFF_CHARS characters
    delimiter = sniff_delimiter(head)
    sample = head if len(head) <= SNIFF_CHARS else head[:SNIFF_CHARS].rsplit("\n", 1)[0]
    try:
        first = next(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), [])
    except csv.Error:
        return None
    rows = arrow_rows(data, delimiter, len(first))
    return (Table(name, rows), delimiter) if rows is not None else None


def delimiter_name(delimiter: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}[delimiter]
