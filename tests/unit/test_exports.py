"""Every file the app offers for download is safe to open in a spreadsheet.

The downloads are the ``st.download_button`` calls in ``ui/`` and ``pages/``; each one's bytes come
from a function tested here with hostile text (cells and headers starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return): read back with the csv module and openpyxl, such text starts with
an apostrophe (shown as plain text by Excel, LibreOffice and Google Sheets) and nothing is a formula.
A new download button fails :func:`test_every_download_button_is_covered` until it is added here.
"""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from pptx import Presentation

from core.analysis.scoring import ScoringSettings, outcome_scores
from core.exports import FORMULA_STARTS, csv_bytes, neutralise, safe_frame, xlsx_bytes
from core.intake.importers import import_survey
from core.intake.store import store_survey
from core.report import chart_images
from core.workspace.file import workspace_xlsx
from ui.ranking import for_download, ranked
from ui.report_downloads import report_file

REPO = Path(__file__).resolve().parents[2]
HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+1 cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]
# file → the download buttons it holds, each named by the function that makes its bytes (tested below)
DOWNLOADS = {
    "ui/opportunities_ranking.py": ["csv_bytes(for_download(ranked(…)))", "xlsx_bytes(for_download(ranked(…)))"],
    "ui/workspace_transfer.py": ["workspace_xlsx(workspace)"],
    # not spreadsheets: user text must stay literal text (escaped in SVG/HTML, plain runs in the deck)
    "ui/chart_downloads.py": ["chart_images.png(spec)", "chart_images.svg(spec)"],
    "ui/report_downloads.py": ["report_file(workspace, 'html' | 'a4.pdf' | 'letter.pdf' | 'pptx')"],
}


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": [*HOSTILE, "plain", "it's fine", None],
            "number": [-1.5, 2.0, -3.0, 4.0, 5.0, 6.0, -7.0, 8.0, np.nan],
            "string_dtype": pd.array([*HOSTILE, "plain", "x", None], dtype="string"),
            "=header": ["a"] * 9,
        }
    )


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _xlsx_cells(data: bytes) -> list[openpyxl.cell.cell.Cell]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _assert_safe_cells(values: list[object]) -> None:
    for value in values:
        if isinstance(value, str):
            assert not value.startswith(FORMULA_STARTS), repr(value)


@pytest.mark.parametrize("text", HOSTILE)
def test_neutralise_prefixes_every_formula_start(text):
    assert neutralise(text) == "'" + text
    assert neutralise("plain") == "plain" and neutralise(-3) == -3 and neutralise(None) is None


def test_safe_frame_leaves_numbers_and_missing_values_alone():
    safe = safe_frame(_frame())
    assert list(safe.columns) == ["text", "number", "string_dtype", "'=header"]
    assert safe["text"].tolist()[:6] == ["'" + t for t in HOSTILE]
    assert safe["string_dtype"].tolist()[:6] == ["'" + t for t in HOSTILE]
    assert safe["number"].tolist()[:8] == [-1.5, 2.0, -3.0, 4.0, 5.0, 6.0, -7.0, 8.0]
    assert pd.isna(safe["text"].iloc[-1])


def test_csv_download_neutralises_cells_and_headers():
    rows = _csv_rows(csv_bytes(_frame()))
    assert rows[0] == ["text", "number", "string_dtype", "'=header"]
    assert [r[0] for r in rows[1:7]] == ["'" + t for t in HOSTILE]
    assert [r[2] for r in rows[1:7]] == ["'" + t for t in HOSTILE]
    assert [r[1] for r in rows[1:4]] == ["-1.5", "2.0", "-3.0"]  # numbers stay numbers
    _assert_safe_cells([value for row in rows for value in row if not re.fullmatch(r"-\d+(\.\d+)?", value)])


def test_a_carriage_return_inside_a_text_never_starts_a_row():
    """Bare \n line ends left a text holding a CR unquoted: a spreadsheet split the row there and read
    the "=1+1" after it as a formula. Rows end in CRLF, so such a text is quoted and stays one cell."""
    frame = pd.DataFrame({"text": ["ok\r=1+1", "line\n=2+2", "\r=3+3"], "n": [1, 2, 3]})
    data = csv_bytes(frame)
    rows = _csv_rows(data)
    assert rows == [["text", "n"], ["ok\r=1+1", "1"], ["line\n=2+2", "2"], ["'\r=3+3", "3"]]
    assert data.decode("utf-8-sig").startswith("text,n\r\n")


def test_xlsx_download_holds_no_formula():
    cells = _xlsx_cells(xlsx_bytes({"A sheet name longer than Excel's 31 characters": _frame()}))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if c.column == 1 and c.row > 1]
    # XML normalises a CR to a line feed on reading, unless openpyxl reads through lxml (python-pptx
    # brings it), which keeps an escaped CR: either way the text is the hostile one, apostrophe first
    assert [t.replace("\r", "\n") for t in texts[:6]] == ["'" + t.replace("\r", "\n") for t in HOSTILE]
    numbers = [c.value for c in cells if c.column == 2 and c.row > 1]
    assert numbers[:3] == [-1.5, 2, -3]  # negative numbers are numbers, not text
    _assert_safe_cells([c.value for c in cells])
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"x" * 40: _frame()})))
    assert book.sheetnames == ["x" * 31]


@pytest.fixture
def hostile_workspace(workspace):
    """A survey whose statements, step names and attribute values are formulas, stored for real."""
    rows = ["respondent_id,outcome_id,importance,satisfaction,statement,step,step_order,tool"]
    statements = ['"=HYPERLINK(""http://evil.example"",""x"")"', "+Reduce the cost", "-Minimize delays", "@Track it"]
    for r in range(1, 31):
        for o, statement in enumerate(statements, 1):
            rows.append(f"R{r},O{o},{(r + o) % 5 + 1},{(r * o) % 5 + 1},{statement},=Plan,1,@Acme")
    result = import_survey("\n".join(rows).encode(), "hostile.csv")
    assert result.ok and result.survey is not None, result.report.to_text()
    store_survey(workspace, result.survey)
    return workspace


def test_opportunities_downloads_are_neutralised(hostile_workspace):
    """What the Opportunities page's two buttons download, built by the functions the page calls."""
    download = for_download(ranked(outcome_scores(hostile_workspace, ScoringSettings())))
    assert download["Outcome"].str.startswith("=HYPERLINK").any()  # the hostile text really is there
    rows = _csv_rows(csv_bytes(download))
    assert {'\'=HYPERLINK("http://evil.example","x")', "'+Reduce the cost", "'-Minimize delays", "'@Track it"} <= {
        value for row in rows for value in row
    }
    _assert_safe_cells([value for row in rows for value in row])
    cells = _xlsx_cells(xlsx_bytes({"Opportunities": download}))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    _assert_safe_cells([c.value for c in cells])


def test_workspace_download_is_neutralised(hostile_workspace):
    cells = _xlsx_cells(workspace_xlsx(hostile_workspace))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    assert {"'=Plan", "'@Acme", "'+Reduce the cost"} <= values
    _assert_safe_cells(list(values))


def test_every_download_button_is_covered():
    """The download buttons in ui/ and pages/ are exactly those this module tests."""
    found = {}
    for path in sorted([*REPO.glob("ui/**/*.py"), *REPO.glob("pages/**/*.py")]):
        count = path.read_text(encoding="utf-8").count("download_button(")
        if count:
            found[str(path.relative_to(REPO))] = count
    expected = {path: len(functions) for path, functions in DOWNLOADS.items()}
    assert found == expected, (
        "The app's download buttons changed: test the function behind each new one with hostile text "
        "in tests/unit/test_exports.py and list it in DOWNLOADS."
    )


def test_report_and_chart_image_downloads_keep_hostile_text_literal(hostile_workspace):
    """The report (HTML, deck) and chart images are not spreadsheets: a formula-like or HTML-like
    statement must come out as the same text, escaped where the format is markup."""
    statement = '=HYPERLINK("http://evil.example","x")'
    page = report_file(hostile_workspace, "html").decode("utf-8")
    assert html.escape(statement) in page and "<script" not in page.lower()
    deck = Presentation(io.BytesIO(report_file(hostile_workspace, "pptx")))
    texts = [
        run.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    ]
    cells = [cell.text for slide in deck.slides for shape in slide.shapes if shape.has_table for row in shape.table.rows
             for cell in row.cells]  # fmt: skip
    assert any(statement in text for text in [*texts, *cells])
    spec = {"title": "<script>alert(1)</script> " + statement, "mark": "point", "data": {"values": [{"x": 1}]},
            "encoding": {"x": {"field": "x", "type": "quantitative"}}}  # fmt: skip
    svg = chart_images.svg(spec)
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert chart_images.png(spec).startswith(b"\x89PNG")
