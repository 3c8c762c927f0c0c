"""Numbers an .xlsx shows with leading zeros: ``2100`` formatted ``00000`` reads ``02100`` in Excel.

Postcodes and respondent ids are often typed as numbers and given a zero-padded number format
(``00000``, Excel's "Zip Code"). A reader that takes the stored number loses the zeros
(``02100`` → ``2100``), so ids no longer match other data and postcodes change. :func:`padded_cells`
finds the cell styles whose format is only zeros (from ``xl/styles.xml``), and only when a
workbook has such a style scans the sheet XML for numeric cells that use it, giving back the
text Excel shows. The reader puts that text in the grid, so ids and attributes keep their zeros.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

from core.intake.importers.xlsx_cells import cell_position, sheet_paths

_PADDED = re.compile(r"^0{2,}$")  # 00000; "0" alone is the plain integer format
_ZIP_CODE = {"[<=99999]00000;00000-0000"}  # Excel's special "Zip Code" formats
_CELL = re.compile(rb"<(?:\w+:)?c ([^>]*?)/?>(?:\s*<(?:\w+:)?v>([^<]*)</)?")
_ATTRIBUTE = re.compile(rb'(\w+)="([^"]*)"')


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _padded_styles(archive: zipfile.ZipFile) -> dict[int, int]:
    """Cell style index → the number of digits its zero-padded format shows."""
    try:
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return {}
    widths: dict[str, int] = {}
    for element in styles.iter():
        if _local(element.tag) == "numFmt":
            code = (element.get("formatCode") or "").replace('"', "")
            if _PADDED.match(code) or code in _ZIP_CODE:
                widths[element.get("numFmtId") or ""] = 5 if code in _ZIP_CODE else len(code)
    if not widths:
        return {}
    found = {}
    for element in styles.iter():
        if _local(element.tag) == "cellXfs":
            for index, xf in enumerate(x for x in element if _local(x.tag) == "xf"):
                if (width := widths.get(xf.get("numFmtId") or "")) is not None:
                    found[index] = width
    return found


def padded_cells(data: bytes) -> dict[str, list[tuple[int, int, str]]]:
    """Sheet name → (row, column, text as shown) of each whole number shown zero-padded; {} when none."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            styles = _padded_styles(archive)
            if not styles:
                return {}
            wanted = {str(index).encode() for index in styles}
            found = {}
            for name, path in sheet_paths(archive):
                cells = []
                for match in _CELL.finditer(archive.read(path)):
                    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
                    value = match.group(2)
                    style = attributes.get(b"s")
                    if style not in wanted or not value or attributes.get(b"t", b"n") != b"n":
                        continue
                    text = value.decode().strip()
                    position = cell_position(attributes.get(b"r", b"").decode())
                    if position is not None and re.fullmatch(r"\d+(?:\.0+)?", text):
                        cells.append((*position, text.split(".")[0].zfill(styles[int(style)])))
                if cells:
                    found[name] = cells
            return found
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError, ValueError):
        return {}
