"""Issue 11 item 5: a file no layout matches gets a message saying what was seen (the file kind — a CSV
file is not "sheets" —, its first headers, the platform it most resembles) and what to do (the nearest
accepted layout and the one change that would make it work)."""

from __future__ import annotations

from core.intake.importers import import_survey
from tests.unit.xlsx_helpers import assert_actionable, csv_bytes, xlsx_bytes


def error_of(data: bytes, name: str):
    result = import_survey(data, name)
    assert not result.ok
    assert_actionable(result.report)
    return result.report.errors[0]


def test_a_csv_is_called_a_csv_file_with_its_headers():
    error = error_of(csv_bytes([["name", "score"], ["a", 4]]), "scores.csv")
    assert "a CSV (text) file whose first row has 2 headers ('name', 'score')" in error.text
    assert "sheets" not in error.text
    assert "imp_<id> (importance) and sat_<id> (satisfaction)" in error.fix


def test_a_workbook_names_its_sheets():
    error = error_of(xlsx_bytes({"Data": [["name", "score"], ["a", 4]], "Notes": [["x"]]}), "book.xlsx")
    assert "an .xlsx workbook (sheets: 'Data', 'Notes')" in error.text


def test_a_legacy_qualtrics_export_is_named_with_what_to_do():
    rows = [
        ["V1", "V2", "V3", "V4", "V5", "Q1"],
        ["ResponseID", "ResponseSet", "Name", "ExternalDataReference", "EmailAddress", "How important is speed?"],
        ["R_1", "Default Response Set", "", "", "", "4"],
    ]
    error = error_of(csv_bytes(rows), "legacy.csv")
    assert "legacy Qualtrics export (V1, V2" in error.text
    assert "but its second row lacks StartDate." in error.text  # what the legacy reader needs (issue 11.4)
    assert "not read yet" not in error.fix and "ResponseID, StartDate" in error.fix  # legacy files are read now
    assert "export the survey again from Qualtrics in the current CSV format" in error.fix


def test_a_surveymonkey_export_with_a_title_row_is_read_past_it():
    """A title row above SurveyMonkey's two header rows no longer hides the layout (issue 11.4):
    the file is read as SurveyMonkey, and what it lacks is said by the one nothing-to-score rule."""
    rows = [
        ["Customer survey 2024", "", "", "", "", ""],
        ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "How important is speed?"],
        ["", "", "", "", "", "Response"],
        ["118112199553", "447165656", "8/22/22 15:44", "8/25/22 15:47", "1.2.3.4", "Very important"],
    ]
    result = import_survey(csv_bytes(rows), "monkey.csv")
    assert result.report.format.startswith("SurveyMonkey export")
    assert [e.text for e in result.report.errors] == [
        "Nothing to score: 1 importance column, 0 satisfaction columns, no outcome has both."
    ]


def test_a_surveymonkey_export_whose_header_was_edited_is_named():
    rows = [["Respondent ID", "Start Date", "End Date", "Speed"], ["118112199553", "x", "y", "4"]]
    error = error_of(csv_bytes(rows), "edited.csv")
    assert "It most resembles a SurveyMonkey export" in error.text
    assert "two header rows" in error.fix


def test_an_importance_only_table_says_what_it_lacks():
    rows = [["id", "How important is speed?", "How important is price?"], ["1", 4, 5]]
    error = error_of(csv_bytes(rows), "imp.csv")
    assert "2 column headers name importance and 0 name satisfaction" in error.fix
    one = error_of(csv_bytes([["id", "How important is speed?"], ["1", 4]]), "one.csv")
    assert "1 column header names importance and 0 name satisfaction" in one.fix
    assert "rename them imp_<id> and sat_<id>" in error.fix
