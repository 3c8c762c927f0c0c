"""Limits checked before a spreadsheet is read, so that no file can make the reader explode.

A 1.6 KB .xlsx with one cell at A1 and one at XFD1048576 makes python-calamine allocate the
whole rectangle between them (~512 GiB); a 1 MB zip can unpack to 1 GiB of shared strings.
:func:`check_source` looks at the container without reading any cell and raises
:class:`TooLarge` (what was seen, which limit, what to do) beyond these limits (README
"Limits"):

- **cells**: the rectangle each sheet spans (its ``<dimension ref>``, or when that is missing
  or beyond a limit, the cell references actually present), at most :data:`MAX_ROWS` rows,
  :data:`MAX_COLUMNS` columns and :data:`MAX_CELLS` cells summed over the sheets;
- **unpacked size**: all parts of the zip together at most :data:`MAX_UNPACKED` bytes, and any
  part over :data:`RATIO_FLOOR` bytes at most :data:`MAX_RATIO` times its compressed size
  (ordinary workbooks compress 5–20:1);
- **shared strings**: a declared ``uniqueCount`` at most :data:`MAX_CELLS`;
- **text files** (CSV/TSV): at most :data:`MAX_TEXT_BYTES` bytes (:func:`check_source`); read as
  rows of cells (:mod:`core.intake.importers.reading`, every layout but a plain canonical table),
  at most :data:`MAX_ROWS` lines and :data:`MAX_CELLS` cells (lines × the header's fields;
  :func:`check_text`, called by that reader). A plain canonical table (long, one line per rating,
  or a responses table) is read by columns (:mod:`core.intake.importers.columnar_input`), with no
  Python object per cell: its lines and cells are bounded by the bytes, by the reading child's
  memory limit and by the survey's own limits (:mod:`core.intake.limits`: respondents, outcomes,
  ratings), not by Excel's sheet height.

Decision: the declared dimension is trusted when it is within the limits (reading it costs one
small read per sheet); a file that lies about it, and anything this check cannot see (.xls
files, a zip whose sizes lie), is caught by the memory and time limit of the child process that
reads uploads (:mod:`core.intake.isolation`); after a read stopped for memory, the file is
measured again with every sheet's cell references scanned (:func:`refusal_after_abort`), so a
lying dimension is named with the size it hid.

Decision (issue 12): inside that child, a sheet that declares no dimension is not scanned before
the read. The scan costs a third of the read (0.34 s at 5,000 × 150, 3 s at 50,000 × 150;
openpyxl's write-only files and some exporters declare none), and all it guards there is one
allocation the child's memory limit already stops. The child checks the sheets it read instead
(:func:`check_read`, same limits, same message), and when a read was stopped for memory its
caller measures the file in a second child to name the limit it is beyond
(:func:`refusal_after_abort`: survey uploads, the CLI, job-map files). Outside a bounded child
(tests, scripts, a restore's check in the server) every sheet is measured before the read, as
before.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from core.intake.importers.xlsx_cells import holds_any, quick_markers
from core.intake.isolation import ReadAborted, in_bounded_child, run_bounded

MAX_ROWS = 1_048_576  # Excel's own sheet height: long layouts hold one row per respondent × outcome
MAX_COLUMNS = 2_000
MAX_CELLS = 20_000_000  # e.g. 200,000 respondents × 100 columns, or 10,000 × 2,000
MAX_UNPACKED = 1 << 30  # 1 GiB
MAX_RATIO = 100
RATIO_FLOOR = 1 << 20  # parts below 1 MiB unpacked may compress as well as they like
MAX_MEMBERS = 10_000
MAX_TEXT_BYTES = 512 << 20
_PEEK = 1 << 16
_CHUNK = 1 << 20
_WORKSHEET = re.compile(rb"<(\w+:)?worksheet[\s>]")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Za-z]{1,3})?(\d*):?([A-Za-z]{1,3})?(\d*)"')
_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="(\d+)"')
_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]+)(\d+)"')
_WINDOW = 11  # bytes read after r=": 3 letters, 7 digits and the closing quote (XFD1048576")
_QUOTE, _EQUALS, _R = ord('"'), ord("="), ord("r")
_BLANK = np.zeros(256, dtype=bool)
_BLANK[list(b" \t\n\r\f\v")] = True  # what the patterns' \s matches before r="
_UNIQUE_COUNT = re.compile(rb'<(?:\w+:)?sst\b[^>]*?\suniqueCount="(\d+)"')
FIX_RANGE = (
    "Delete the rows and columns beyond the survey's data (select them, Delete, save), or split the "
    "survey into smaller files; a CSV export of the responses also works."
)
FIX_PACKED = (
    "Open the workbook in Excel or LibreOffice and save it again as .xlsx, or export the responses as CSV. "
    "If it really holds this much, split the survey into smaller files."
)


class TooLarge(ValueError):
    """A file beyond a limit: ``problem`` says what was seen and which limit, ``fix`` what to do."""

    def __init__(self, problem: str, fix: str):
        super().__init__(f"{problem} {fix}")
        self.problem = problem
        self.fix = fix


@dataclass(frozen=True)
class SheetExtent:
    """The rectangle one sheet part spans: what a reader allocates for it."""

    part: str
    rows: int
    columns: int
    declared: bool  # read from <dimension>, not from the cells
    # scanned sheets only: whether the XML holds a formula or an error cell (None: not scanned), so
    # that core.intake.importers.xlsx_cells need not unpack a sheet a second time to look
    marked: bool | None = None
    measured: bool = True  # False: no dimension and not scanned (rows = columns = 0; see check_read)

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def column_number(letters: str) -> int:
    """``A`` → 1, ``Z`` → 26, ``AA`` → 27, ``XFD`` → 16,384."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:,.1f} {unit}"
    return f"{n:,} bytes"


def check_source(
    data: bytes, file_name: str, *, measure: bool | None = None, trust_dimensions: bool = True
) -> list[SheetExtent]:
    """Raise :class:`TooLarge` when ``data`` (a workbook or a text table) is beyond the limits;
    a workbook's sheet extents when it is within them ([] for other files).

    ``measure``: scan a sheet without a declared dimension for its extent; by default only outside
    a bounded child (see the module docstring). ``trust_dimensions=False`` scans every sheet,
    whatever its ``<dimension>`` says (after a read that ran out of memory)."""
    if data.startswith(b"PK\x03\x04"):
        measured = not in_bounded_child() if measure is None else measure
        return check_workbook(data, file_name, measure=measured, trust_dimensions=trust_dimensions)
    if not data.startswith(b"\xd0\xcf\x11\xe0"):  # .xls: bounded by the reading process only
        check_text_bytes(data, file_name)
    return []


def refusal_after_abort(aborted: ReadAborted, data: bytes, file_name: str) -> tuple[str, str] | None:
    """After a bounded read of ``data`` was stopped for memory: the (problem, fix) of the limit it is
    beyond, measured sheet by sheet in a second bounded child (a read inside the child does not
    measure a sheet without a declared dimension first: see the module docstring); None when it
    was stopped for another reason, is within the limits, or could not be measured. Every sheet's
    cell references are scanned: a declared dimension within the limits was trusted before the
    read, and a read that ran out of memory may have been misled by it (A1:B2 over a sheet that
    reaches XFD1048576)."""
    if not aborted.out_of_memory:
        return None
    try:
        return run_bounded(_measured, data, file_name, what=f"Measuring {file_name}")
    except ReadAborted:
        return None


def _measured(data: bytes, file_name: str, *, channel: object) -> tuple[str, str] | None:
    try:
        check_source(data, file_name, measure=True, trust_dimensions=False)
    except TooLarge as exc:
        return exc.problem, exc.fix
    return None


def check_text_bytes(data: bytes, file_name: str) -> None:
    """The size of a CSV/TSV (or any file that is not a workbook), whichever reader takes it."""
    if len(data) > MAX_TEXT_BYTES:
        raise TooLarge(
            f"{file_name} is {_size(len(data))}; text files are read up to {_size(MAX_TEXT_BYTES)}.",
            "Leave out columns the survey does not need, or split the responses into several files.",
        )


def check_text(data: bytes, file_name: str) -> None:
    """Bytes, lines and cells (lines × the first line's fields) of a CSV/TSV read as rows of cells."""
    check_text_bytes(data, file_name)
    lines = data.count(b"\n") + 1
    first = data[: data.find(b"\n") if b"\n" in data else len(data)]
    fields = max(first.count(d) for d in (b",", b";", b"\t", b"|")) + 1
    if lines > MAX_ROWS or lines * fields > MAX_CELLS:
        raise TooLarge(
            f"{file_name} has {lines:,} lines of {fields:,} fields ({lines * fields:,} cells); the limits are "
            f"{MAX_ROWS:,} lines and {MAX_CELLS:,} cells.",
            "Split the responses into several files, or leave out columns the survey does not need.",
        )


def check_workbook(
    data: bytes, file_name: str, *, measure: bool = True, trust_dimensions: bool = True
) -> list[SheetExtent]:
    """Check an .xlsx/.xlsm zip without reading any cell; the sheets' extents when within the limits.

    A file that is not a readable zip passes: the reader says what is wrong with it. ``measure``
    False leaves a sheet without a declared dimension unmeasured (:attr:`SheetExtent.measured`);
    ``trust_dimensions`` False scans every sheet as if it declared none.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return []
    with archive:
        members = archive.infolist()
        _check_packing(members, len(data), file_name)
        extents = []
        for member in members:
            head = _peek(archive, member)
            if head is None:
                continue
            if _WORKSHEET.search(head[:4096]):
                extents.append(_extent(archive, member, head, file_name, measure, trust_dimensions))
            elif (count := _UNIQUE_COUNT.search(head[:4096])) and int(count.group(1)) > MAX_CELLS:
                raise TooLarge(
                    f"{file_name} declares {int(count.group(1)):,} different texts in {member.filename}; "
                    f"more than a workbook may hold (the limit is {MAX_CELLS:,} cells).",
                    FIX_PACKED,
                )
    _check_total(extents, file_name)
    return extents


def _check_total(extents: Sequence[SheetExtent], file_name: str) -> None:
    total = sum(e.cells for e in extents)
    if total > MAX_CELLS:
        sheets = ", ".join(f"{e.part} {e.rows:,} × {e.columns:,}" for e in extents if e.cells)
        raise TooLarge(
            f"{file_name} spans {total:,} cells ({sheets}); a workbook is read up to {MAX_CELLS:,} cells "
            f"(e.g. 200,000 respondents × 100 columns).",
            FIX_RANGE,
        )


def _check_packing(members: list[zipfile.ZipInfo], packed: int, file_name: str) -> None:
    if len(members) > MAX_MEMBERS:
        raise TooLarge(f"{file_name} holds {len(members):,} parts; a workbook may hold {MAX_MEMBERS:,}.", FIX_PACKED)
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED:
        raise TooLarge(
            f"{file_name} unpacks from {_size(packed)} to {_size(unpacked)}; workbooks are read up to "
            f"{_size(MAX_UNPACKED)} unpacked.",
            FIX_PACKED,
        )
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            ratio = member.file_size / max(member.compress_size, 1)
            raise TooLarge(
                f"{file_name} is a zip bomb: its part {member.filename} unpacks from {_size(member.compress_size)} "
                f"to {_size(member.file_size)} ({ratio:,.0f} times); parts over {_size(RATIO_FLOOR)} may unpack "
                f"to at most {MAX_RATIO} times their packed size.",
                FIX_PACKED,
            )


def _peek(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes | None:
    """The first bytes of an XML part, or None when it is not one (or cannot be unpacked)."""
    if member.is_dir() or not member.filename.lower().endswith(".xml"):
        return None
    try:
        with archive.open(member) as stream:
            return stream.read(_PEEK)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, ValueError):
        return None  # encrypted or damaged: the reader refuses it with its own message


def _extent(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, head: bytes, file_name: str, measure: bool, trusted: bool
) -> SheetExtent:
    declared = _DIMENSION.search(head) if trusted else None  # an untrusted dimension is scanned like a missing one
    if declared is None and not measure:
        return SheetExtent(member.filename, 0, 0, declared=False, measured=False)
    if declared is not None:
        first_col, first_row, last_col, last_row = (g.decode() if g else "" for g in declared.groups())
        last_col, last_row = last_col or first_col, last_row or first_row
        if first_col and last_col and first_row and last_row:
            extent = SheetExtent(
                member.filename,
                abs(int(last_row) - int(first_row)) + 1,
                abs(column_number(last_col) - column_number(first_col)) + 1,
                declared=True,
            )
            if _within(extent):
                return extent
    extent = _scanned(archive, member)
    if not _within(extent):
        raise _beyond(file_name, extent)
    return extent


def _within(extent: SheetExtent) -> bool:
    return extent.rows <= MAX_ROWS and extent.columns <= MAX_COLUMNS and extent.cells <= MAX_CELLS


def _beyond(file_name: str, extent: SheetExtent) -> TooLarge:
    """The refusal of a sheet (``extent.part``: its part, or its name once read) beyond a limit."""
    beyond = [
        f"{value:,} {what} (limit {limit:,})"
        for value, what, limit in (
            (extent.rows, "rows", MAX_ROWS),
            (extent.columns, "columns", MAX_COLUMNS),
            (extent.cells, "cells", MAX_CELLS),
        )
        if value > limit
    ]
    return TooLarge(
        f"{file_name} has a sheet ({extent.part}) that spans {extent.rows:,} rows × {extent.columns:,} "
        f"columns, beyond the limits of a survey: {', '.join(beyond)}.",
        FIX_RANGE,
    )


def check_read(sheets: Sequence[tuple[str, int, int]], file_name: str) -> None:
    """The limits of :func:`check_workbook`, on the sheets as read: (name, rows, columns) each.

    For sheets left unmeasured before the read (inside a bounded child, see the module docstring):
    what the reader built is held to the same rows, columns and cells, with the same message."""
    extents = [SheetExtent(name, rows, columns, declared=False) for name, rows, columns in sheets]
    for extent in extents:
        if not _within(extent):
            raise _beyond(file_name, extent)
    _check_total(extents, file_name)


def _scanned(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> SheetExtent:
    """The rectangle from A1 to the last row and column any cell reference names.

    One streaming pass over the sheet part, whose unpacked size the packing check bounded;
    a reference cut by a chunk boundary is read whole with the next chunk.
    """
    rows = columns = 0
    tail = b""
    markers: tuple[bytes, ...] = ()
    marked = False
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            chunk = tail + chunk
            if not markers:
                markers = quick_markers(chunk)
            marked = marked or holds_any(chunk, markers)
            cut = chunk.rfind(b"<") if len(chunk) < 4 * _CHUNK else -1  # a run without tags is cut anywhere
            cut = len(chunk) if cut < 0 else cut
            chunk, tail = chunk[:cut], chunk[cut:]
            rows, columns = _widest(chunk, rows, columns)
    rows, columns = _widest(tail, rows, columns)
    return SheetExtent(member.filename, rows, columns, declared=False, marked=marked)


def _widest(xml: bytes, rows: int, columns: int) -> tuple[int, int]:
    """``rows`` and ``columns`` grown to the largest row and column referenced in ``xml``.

    Vectorised over the bytes (numpy), not a regular expression building one tuple per cell:
    every ``r="…"`` attribute after a blank is read as up to 3 letters then up to 7 digits (Excel's
    largest reference, XFD1048576), one byte position at a time for all references at once.
    References of ``<row>`` and ``<c>`` are what this must see; an ``r="…"`` typed inside a text
    cell counts too, which can only make the check stricter. A longer reference (beyond every
    limit) sends the chunk to :func:`_widest_by_pattern`, which reads any length and says how far.
    """
    data = np.frombuffer(xml, dtype=np.uint8)
    if len(data) < 5:
        return rows, columns
    equals = np.flatnonzero(data[2:-1] == _EQUALS) + 2  # one comparison over the bytes, the rest on the few "="
    equals = equals[(data[equals + 1] == _QUOTE) & (data[equals - 1] == _R) & _BLANK[data[equals - 2]]]
    starts = equals + 2  # the first byte after r="
    if not len(starts):
        return rows, columns
    padded = np.concatenate([data, np.zeros(_WINDOW, dtype=np.uint8)])
    row = np.zeros(len(starts), dtype=np.int64)
    column = np.zeros(len(starts), dtype=np.int64)
    letters = np.zeros(len(starts), dtype=np.int64)
    digits = np.zeros(len(starts), dtype=np.int64)
    reading = np.ones(len(starts), dtype=bool)  # still inside the reference
    closed = np.zeros(len(starts), dtype=bool)  # the closing quote was reached
    for offset in range(_WINDOW):
        byte = padded[starts + offset].astype(np.int64)
        letter = reading & (digits == 0) & (byte >= ord("A")) & (byte <= ord("Z"))
        digit = reading & (byte >= ord("0")) & (byte <= ord("9"))
        column = np.where(letter, column * 26 + byte - 64, column)
        row = np.where(digit, row * 10 + byte - ord("0"), row)
        letters += letter
        digits += digit
        closed |= reading & ~letter & ~digit & (byte == _QUOTE)
        reading &= letter | digit
    if reading.any() or (letters > 3).any() or (digits > 7).any():
        return _widest_by_pattern(xml, rows, columns)
    cells = closed & (digits > 0)
    if not cells.any():
        return rows, columns
    return max(rows, int(row[cells].max())), max(columns, int(column[cells].max()))


def _widest_by_pattern(xml: bytes, rows: int, columns: int) -> tuple[int, int]:
    """:func:`_widest` with regular expressions, for references of any length."""
    found = _CELL_REF.findall(xml)
    letters, numbers = zip(*found, strict=True) if found else ((), ())
    rows = max([rows, *map(int, set(_ROW_REF.findall(xml))), *map(int, set(numbers))])
    return rows, max([columns, *(column_number(c.decode()) for c in set(letters))])
