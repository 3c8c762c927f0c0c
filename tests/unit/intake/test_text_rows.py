"""Arrow reads a UTF-8 text table into exactly the rows ``csv`` reads, or leaves it to ``csv`` (issue 12).

Random texts full of what trips parsers — quotes inside and after fields, quoted line breaks,
blank lines, ragged rows, CR-only line ends, a BOM — are read both ways; wherever Arrow takes a
file, its rows must equal the csv module's, padded as the general reader pads them.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.intake.importers import import_survey, reading
from core.intake.importers.text_rows import arrow_rows
from tests.unit.xlsx_helpers import csv_bytes

PIECES = ["a", "b", "1", "é", " ", ",", ";", '"', '""', "\n", "\r\n", "\r", "\t", "x y", "€"]


def csv_module_rows(data: bytes) -> list[list[str]] | None:
    """What the general reader's csv path reads (None where it refuses the file)."""
    text, _, _ = reading._decode(data)
    try:
        table, _ = reading._read_csv(text, "data")
    except reading.UnreadableFile:
        return None
    return table.rows


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.booleans())
def test_arrow_reads_the_rows_csv_reads_or_leaves_the_file_to_csv(pieces, bom):
    data = ("\ufeff" if bom else "").encode() + "".join(pieces).encode()
    read = reading._read_utf8(data, "data")
    if read is None:
        return
    table, delimiter = read
    expected = csv_module_rows(data)
    assert expected is not None, "Arrow read a file the csv module refuses"
    assert delimiter == reading.sniff_delimiter(reading._decode(data)[0])
    assert table.rows == expected


def test_a_plain_export_is_read_by_arrow_with_quoted_line_breaks_and_blank_lines():
    rows = [
        ["ResponseId", "Q1", "Q2_1"],
        ["Response ID", 'How important is "speed"?\nPick one', "Satisfied, overall"],
        ["R_1", "Very important", ""],
        [],
        ["R_2", "", "5"],
    ]
    data = csv_bytes(rows, bom=True)
    read = reading._read_utf8(data, "export")
    assert read is not None
    assert read[0].rows == csv_module_rows(data)
    assert read[0].rows[3] == ["", "", ""]  # the blank line: a row of empty cells, as the csv path pads it


@pytest.mark.parametrize(
    "data",
    [
        b"a,b\n1,2,3\n",  # a row wider than the first
        b"a,b,c\n1,2\n",  # a narrower one
        b'a,b\n"1,2\n',  # an unterminated quote
        "a,b\nré,2\n".encode("cp1252"),  # not UTF-8
        "a,b\n1,2\n".encode("utf-16"),
    ],
)
def test_files_arrow_would_read_otherwise_are_left_to_csv(data):
    assert reading._read_utf8(data, "data") is None
    assert arrow_rows(data, ",", 2) is None or data.startswith(b"\xff\xfe")


def test_a_qualtrics_csv_imports_alike_either_way(monkeypatch):
    """A whole platform import, report and all, is the same when the csv module reads the file."""
    from tests.platform_exports.model import make_survey
    from tests.platform_exports.qualtrics import qualtrics

    survey = make_survey(3, respondents=60, steps=3, per_step=4, statuses={"preview": 2, "partial": 2})
    data = qualtrics(survey, fmt="csv", seed=3).data
    assert reading._read_utf8(data, "export") is not None
    by_arrow = import_survey(data, "export.csv", direction="warn")
    monkeypatch.setattr(reading, "_read_utf8", lambda data, name: None)
    by_csv = import_survey(data, "export.csv", direction="warn")
    assert by_arrow.ok and by_arrow.report.to_dict() == by_csv.report.to_dict()
    assert by_arrow.survey is not None and by_csv.survey is not None
    assert by_arrow.survey.ratings.equals(by_csv.survey.ratings)
    assert by_arrow.survey.respondents.equals(by_csv.survey.respondents)
