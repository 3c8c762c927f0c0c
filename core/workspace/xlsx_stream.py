"""A small, fast .xlsx writer for large tables: text, numbers, booleans and blanks, nothing else.

openpyxl (without lxml) spends about 15 µs per cell, a minute for a 5,000 × 150 survey; this
writes the sheet XML directly, about 1 µs per cell. Texts are written as inline strings exactly
as given (neutralising formulas is the caller's job, see core.exports); characters XML cannot
hold are dropped. The output opens in Excel, LibreOffice, Google Sheets, openpyxl and calamine.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
)
_SHEET_REL = (
    '<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet{n}.xml"/>'
)
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_END = "</sheetData></worksheet>"


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return ""
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    text = escape(_INVALID_XML.sub("", str(value)))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _sheet_xml(rows: Iterable[Sequence[object]]) -> Iterable[str]:
    yield _SHEET_START
    letters: list[str] = []
    for number, row in enumerate(rows, start=1):
        while len(letters) < len(row):
            letters.append(column_letter(len(letters)))
        cells = "".join(_cell(f"{letters[i]}{number}", v) for i, v in enumerate(row))
        yield f'<row r="{number}">{cells}</row>'
    yield _SHEET_END


def _safe_name(name: str, taken: set[str]) -> str:
    clean = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "Sheet"
    while clean.lower() in taken:
        clean = clean[:28] + f"_{len(taken)}"
    taken.add(clean.lower())
    return clean


def write_xlsx(sheets: dict[str, Iterable[Sequence[object]]]) -> bytes:
    """One workbook: a sheet per entry, each an iterable of rows (Python values: str, int, float,
    bool or None). Sheet names are cut to Excel's 31 characters."""
    buffer = io.BytesIO()
    taken: set[str] = set()
    names = [_safe_name(name, taken) for name in sheets]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=5) as archive:
        count = len(names)
        archive.writestr(
            "[Content_Types].xml",
            _CONTENT_TYPES.format(sheets="".join(_SHEET_TYPE.format(n=n) for n in range(1, count + 1))),
        )
        archive.writestr("_rels/.rels", _ROOT_RELS)
        entries = "".join(
            f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{n}" r:id="rId{n}"/>'
            for n, name in enumerate(names, start=1)
        )
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(sheets=entries))
        rels = "".join(_SHEET_REL.format(n=n) for n in range(1, count + 1))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(rels=rels))
        for n, rows in enumerate(sheets.values(), start=1):
            with archive.open(f"xl/worksheets/sheet{n}.xml", "w") as part:
                chunk: list[str] = []
                for piece in _sheet_xml(rows):
                    chunk.append(piece)
                    if len(chunk) >= 256:
                        part.write("".join(chunk).encode("utf-8"))
                        chunk.clear()
                part.write("".join(chunk).encode("utf-8"))
    return buffer.getvalue()
