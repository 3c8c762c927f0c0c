"""Issue 12: the limits check reads cell references by columns of bytes (numpy), once per import.

The vectorised scan must find exactly the extent the regular expressions find on any well-formed
sheet XML (and never less on a malformed one), and an import must not scan a workbook twice.
"""

from __future__ import annotations

import io
import string
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from core.intake.importers import import_survey, xlsx_cells
from core.intake.importers import spreadsheet_limits as limits
from core.intake.importers.spreadsheet_limits import _widest, _widest_by_pattern, check_source, column_number
from core.workspace.xlsx_stream import write_xlsx

LETTERS = st.text(alphabet=string.ascii_uppercase, min_size=1, max_size=3)
ROW = st.integers(min_value=1, max_value=1_048_576)
BLANK = st.sampled_from([" ", "\n", "\t", '  s="3" '])
PREFIX = st.sampled_from(["", "x:"])
TEXT = st.text(alphabet=string.ascii_letters + string.digits + ' ="<>&;', max_size=12).map(
    lambda t: t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
)


@st.composite
def sheet_xml(draw) -> bytes:
    prefix = draw(PREFIX)
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        number = draw(ROW)
        cells = []
        for _ in range(draw(st.integers(0, 5))):
            ref = f"{draw(LETTERS)}{draw(st.integers(1, 1_048_576))}"
            value = (
                f"<{prefix}is><{prefix}t>{draw(TEXT)}</{prefix}t></{prefix}is>"
                if draw(st.booleans())
                else f"<{prefix}v>{draw(st.integers(0, 99))}</{prefix}v>"
            )
            cells.append(f'<{prefix}c{draw(BLANK)}r="{ref}"{draw(BLANK)}t="n">{value}</{prefix}c>')
        rows.append(f'<{prefix}row{draw(BLANK)}r="{number}">{"".join(cells)}</{prefix}row>')
    return f"<{prefix}sheetData>{''.join(rows)}</{prefix}sheetData>".encode()


@settings(max_examples=300, deadline=None)
@given(sheet_xml(), st.integers(0, 9), st.integers(0, 9))
def test_the_vectorised_scan_finds_what_the_patterns_find(xml, rows, columns):
    assert _widest(xml, rows, columns) == _widest_by_pattern(xml, rows, columns)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["<c", "<row", "<x:c", "<c t='s'"]), st.text('ABZ019x"', max_size=14))))
def test_on_malformed_references_the_scan_never_finds_less(parts):
    xml = "".join(f'{element} r="{ref}"><v>1</v>' for element, ref in parts).encode()
    found, expected = _widest(xml, 0, 0), _widest_by_pattern(xml, 0, 0)
    assert found[0] >= expected[0] and found[1] >= expected[1]


def test_a_reference_beyond_excel_is_measured_exactly():
    xml = b'<row r="1"><c r="AAAA1"><v>1</v></c><c r="B123456789012"><v>2</v></c></row>'
    assert _widest(xml, 0, 0) == (123456789012, column_number("AAAA"))


def test_an_import_checks_a_workbook_without_a_dimension_once(monkeypatch):
    scans = []
    scanned = limits._scanned
    monkeypatch.setattr(
        limits, "_scanned", lambda archive, member: scans.append(member.filename) or scanned(archive, member)
    )
    job_map = [["step_order", "step", "outcome_id", "statement"], [1, "Plan", "O1", "Know the cost"]]
    responses = [["respondent_id", "imp_O1", "sat_O1"]] + [[f"R{i}", 1 + i % 5, 5 - i % 5] for i in range(20)]
    result = import_survey(write_xlsx({"job_map": job_map, "responses": responses}), "streamed.xlsx")
    assert result.ok
    assert sorted(scans) == sorted(set(scans)) and len(scans) == 2  # each sheet once


def _with_sheet_xml(data: bytes, change) -> bytes:
    """``data`` (a write_xlsx workbook) with its first sheet's XML passed through ``change``."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            body = source.read(info)
            out.writestr(info, change(body) if info.filename == "xl/worksheets/sheet1.xml" else body)
    return target.getvalue()


def _responses(n: int = 12) -> bytes:
    rows = [["respondent_id", "imp_O1", "sat_O1"]] + [[f"R{i}", 1 + i % 5, 5 - i % 5] for i in range(n)]
    return write_xlsx({"responses": rows})


def test_a_scanned_sheet_without_formulas_is_not_unpacked_again(monkeypatch):
    looked = []
    marked_prefix = xlsx_cells._marked_prefix
    monkeypatch.setattr(
        xlsx_cells, "_marked_prefix", lambda archive, path: looked.append(path) or marked_prefix(archive, path)
    )
    assert import_survey(_responses(), "plain.xlsx").ok
    assert looked == []  # the limits check unpacked it once and found no formula and no error cell


def test_error_cells_of_a_scanned_sheet_are_still_found_and_reported():
    data = _with_sheet_xml(
        _responses(), lambda xml: xml.replace(b'<c r="B2"><v>1</v></c>', b'<c r="B2" t="e"><v>#DIV/0!</v></c>')
    )
    (extent,) = check_source(data, "errors.xlsx")
    assert extent.marked and not extent.declared
    result = import_survey(data, "errors.xlsx")
    assert any("1 cell holds a spreadsheet error (B2 #DIV/0!)" in w.text for w in result.report.warnings)
    assert result.report.invalid_values[("responses", "imp_O1")]["spreadsheet error"] == 1


MARKERS = [xlsx_cells.quick_markers(b"<worksheet>"), xlsx_cells.quick_markers(b"<x:worksheet>")]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(MARKERS),
    st.lists(st.sampled_from(['<c r="A1">', "<v>3</v>", "<f", "f>", 't="e"', 't="', "<x:f", " ", "<<ff"]), max_size=40),
    st.integers(min_value=0, max_value=9000),
    st.sampled_from([b"", b"<f", b'<x:f t="shared"/>', b't="e"']),
    st.booleans(),
)
def test_the_vectorised_marker_search_finds_what_bytes_find(markers, parts, padding, planted, at_end):
    """Any window, small or past the vectorised threshold, a marker at either end or cut by it."""
    body = "".join(parts).encode()
    window = (body + b"0" * padding + planted) if at_end else (planted + b"0" * padding + body)
    assert xlsx_cells.holds_any(window, markers) == any(marker in window for marker in markers)
    cut = window[:-1]  # a marker cut in two at the window's end is not found (the next window finds it)
    assert xlsx_cells.holds_any(cut, markers) == any(marker in cut for marker in markers)
