"""Hostile spreadsheets, written byte by byte with zipfile (issue 9.1).

Each function returns the bytes of a small .xlsx that would make a naive reader explode:

- :func:`dimension_bomb`: one cell at A1 and one at XFD1048576 (calamine allocates the whole
  rectangle between them, ~512 GiB); ``declare`` writes a ``<dimension>`` that tells the truth,
  a lie (``A1:B2``) or nothing;
- :func:`shared_strings_bomb`: ``megabytes`` of one repeated shared string, packed ~1000:1;
- :func:`unique_count_bomb`: a shared-strings part declaring a billion different texts;
- :func:`too_wide`: a few rows of more columns than a survey may have (small, but beyond the
  columns limit), with or without a ``<dimension>``;
- :func:`lying_sheet_in`: a real workbook (e.g. a workspace file) with one sheet swapped for the
  lying dimension bomb, so it passes a check of its sheet names and reaches the reader.

``python -m tests.hostile_files`` writes the small ones to tests/fixtures/hostile/.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_XML = '<?xml version="1.0" encoding="UTF-8"?>'
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL_NS}">'
    f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} xmlns:r="{_REL_NS}">'
    '<sheets><sheet name="responses" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL_NS}">'
    f'<Relationship Id="rId1" Type="{_REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)


def _workbook(sheet: str, shared_strings: str | None = None, *, big_strings: int = 0, level: int = 9) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if big_strings:  # streamed, so the test never holds the unpacked text
            with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
                part.write(f'{_XML}<sst {_NS} count="1" uniqueCount="1"><si><t>'.encode())
                block = b"A" * (1 << 20)
                for _ in range(big_strings):
                    part.write(block)
                part.write(b"</t></si></sst>")
        else:
            archive.writestr(
                "xl/sharedStrings.xml",
                shared_strings or f'{_XML}<sst {_NS} count="1" uniqueCount="1"><si><t>x</t></si></sst>',
            )
    return buffer.getvalue()


def _sheet(cells: str, dimension: str | None) -> str:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f"{_XML}<worksheet {_NS}>{declared}<sheetData>{cells}</sheetData></worksheet>"


def dimension_bomb(declare: str = "truth") -> bytes:
    """A1 = "respondent_id", XFD1048576 = 1; ``declare`` is "truth", "lie" or "none"."""
    dimension = {"truth": "A1:XFD1048576", "lie": "A1:B2", "none": None}[declare]
    cells = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>respondent_id</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    )
    return _workbook(_sheet(cells, dimension))


def too_wide(columns: int, rows: int = 3, declare: bool = False) -> bytes:
    """A header of ``columns`` texts and ``rows`` - 1 rows of numbers in the sheet "responses"."""
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(c) for c in range(1, columns + 1)]
    header = "".join(f'<c r="{col}1" t="inlineStr"><is><t>q{i}</t></is></c>' for i, col in enumerate(letters))
    body = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{col}{r}"><v>{r}</v></c>' for col in letters) + "</row>"
        for r in range(2, rows + 1)
    )
    return _workbook(_sheet(f'<row r="1">{header}</row>{body}', f"A1:{letters[-1]}{rows}" if declare else None))


def shared_strings_bomb(megabytes: int = 64, level: int = 1) -> bytes:
    """One shared string of ``megabytes`` MiB, packed about 230:1 (level 1, fast to write) or 1000:1
    (level 9: 1 GiB in 1 MB, the probe's bomb, 30 s to write)."""
    cells = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    return _workbook(_sheet(cells, "A1"), big_strings=megabytes, level=level)


def unique_count_bomb() -> bytes:
    """A shared-strings part that declares a billion different texts (readers size a table by it)."""
    strings = f'{_XML}<sst {_NS} count="1000000000" uniqueCount="1000000000"><si><t>x</t></si></sst>'
    cells = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    return _workbook(_sheet(cells, "A1"), strings)


def lying_sheet_in(workbook: bytes, member: str = "xl/worksheets/sheet2.xml") -> bytes:
    """``workbook`` with ``member`` replaced by A1 + XFD1048576 under ``<dimension ref="A1:B2"/>``."""
    cells = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>step_id</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        if member not in source.namelist():
            raise ValueError(f"{member} is not a part of the workbook")
        for name in source.namelist():
            out.writestr(name, _sheet(cells, "A1:B2") if name == member else source.read(name))
    return buffer.getvalue()


def main() -> None:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name, data in (
        ("dimension_bomb.xlsx", dimension_bomb("truth")),
        ("dimension_bomb_undeclared.xlsx", dimension_bomb("none")),
        ("dimension_bomb_lying.xlsx", dimension_bomb("lie")),
        ("unique_count_bomb.xlsx", unique_count_bomb()),
    ):
        (FIXTURES / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
