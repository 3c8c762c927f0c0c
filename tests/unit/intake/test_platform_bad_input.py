"""Bad platform exports: a clear message naming the place and the fix; nothing importable dropped silently."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace

import pytest

from core.intake import ratings as reasons
from core.intake.importers import import_survey
from core.intake.store import store_survey
from tests.platform_exports.files import text_bytes, xlsx_bytes
from tests.platform_exports.google_forms import google_forms
from tests.platform_exports.model import make_survey
from tests.platform_exports.qualtrics import qualtrics
from tests.platform_exports.recovered import assert_recovered, imported
from tests.unit.xlsx_helpers import assert_actionable, csv_bytes, messages, write_xlsx

SURVEY = make_survey(91, respondents=6)


def refused(data: bytes, name: str, **options):
    result = import_survey(data, name, **options)
    assert not result.ok and result.survey is None and result.report.errors
    assert_actionable(result.report)
    return result.report


def rows_of(export) -> list[list[str]]:
    """The rows of a text export."""
    return list(csv.reader(io.StringIO(export.data.decode("utf-8-sig"))))


def test_a_header_only_export_is_refused():
    rows = rows_of(qualtrics(SURVEY))[:3]
    report = refused(text_bytes(rows), "export.csv")
    assert "header rows but no responses" in report.errors[0].text and report.platform == "Qualtrics"


def test_an_export_of_previews_only_is_refused_with_the_counts():
    survey = make_survey(3, respondents=0, statuses={"preview": 2, "test": 1})
    report = refused(qualtrics(survey).data, "export.csv")
    assert "All 3 responses were left out" in report.errors[0].text
    assert "2 Qualtrics survey previews" in report.errors[0].text


def test_an_export_without_satisfaction_questions_is_refused():
    rows = rows_of(qualtrics(SURVEY))
    keep = [i for i, text in enumerate(rows[1]) if "satisfied" not in text]
    report = refused(text_bytes([[row[i] for i in keep] for row in rows]), "importance_only.csv")
    assert ", 0 satisfaction columns, no outcome has both" in report.errors[0].text
    assert "column-mapping screen" in report.errors[0].fix


def test_an_unrelated_table_with_a_platform_header_is_refused():
    rows = [["Timestamp", "Name", "Comment"], ["2024/01/01 1:00:00 PM EST", "Ann", "hello"]]
    report = refused(text_bytes(rows), "form.csv")
    assert report.platform == "Google Forms" and "0 importance columns, 0 satisfaction columns" in report.errors[0].text


def test_text_where_ratings_should_be_is_counted_not_taken_for_an_attribute():
    export = google_forms(SURVEY)
    table = rows_of(export)
    column = next(i for i, h in enumerate(table[0]) if "important" in h)
    table[1][column], table[2][column] = "it depends", "banana"
    result = imported(replace(export, data=text_bytes(table)))
    assert result.report.invalid_values[("Travel survey", table[0][column])][reasons.UNKNOWN_TEXT] == 2
    assert table[0][column] not in result.survey.attribute_catalogue["original_header"].tolist()


def test_error_cells_and_formulas_in_an_xlsx_export_are_counted(tmp_path):
    rows = rows_of(qualtrics(SURVEY))
    rows = [row[:-1] for row in rows]  # no trailing empty column in the workbook
    column = rows[0].index("Q10_1")
    rows[3][column], rows[4][column] = "#DIV/0!", "=1+1"
    path = write_xlsx(tmp_path / "errors.xlsx", {"Sheet1": rows})
    result = import_survey(path)
    assert result.ok, result.report.to_text()
    assert result.report.invalid_values[("Sheet1", "Q10_1")][reasons.ERROR_CELL] == 1
    assert result.report.invalid_values[("Sheet1", "Q10_1")][reasons.FORMULA] == 1
    assert "1 cell holds a spreadsheet error (T4 #DIV/0!); it is read as missing." in messages(result.report)
    assert "1 cell holds a formula saved without a value (T5), as programs" in messages(result.report)


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_other_delimiters(delimiter):
    export = google_forms(SURVEY, path="sheets_csv")
    assert_recovered(export, imported(replace(export, data=text_bytes(rows_of(export), delimiter=delimiter))))


HOSTILE = ['"; DROP TABLE ratings; --', "Robert'); DROP TABLE respondents;--", 'say "hi"', "x" * 5000, "dup", "dup"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_hostile_question_texts_are_stored_safely(kind, workspace):
    header = [
        "Timestamp",
        *HOSTILE,
        'When you "check" <the> DROP TABLE x --, how important is each? [Minimize \'quotes\' & "more"]',
        'When you "check" <the> DROP TABLE x --, how satisfied are you? [Minimize \'quotes\' & "more"]',
        "How important is each? [" + "y" * 3000 + "]",
        "How satisfied are you? [" + "y" * 3000 + "]",
    ]
    rows = [
        header,
        [
            "2024/01/01 1:00:00 PM EST",
            *[f"v{i}" for i in range(len(HOSTILE))],
            "Very important",
            "Slightly satisfied",
            "Not at all important",
            "Very satisfied",
        ],
        [
            "2024/01/01 1:05:00 PM EST",
            *[f"w{i}" for i in range(len(HOSTILE))],
            "Extremely important",
            "Extremely satisfied",
            "Slightly important",
            "Slightly satisfied",
        ],
    ]
    data = csv_bytes(rows) if kind == "csv" else xlsx_bytes(rows)
    result = import_survey(data, f"form.{kind}")
    assert result.ok, result.report.to_text()
    assert_actionable(result.report)
    store_survey(workspace, result.survey)
    cur = workspace.cursor()
    statements = [r[0] for r in cur.execute("SELECT statement FROM outcomes ORDER BY outcome_order").fetchall()]
    assert statements == ["Minimize 'quotes' & \"more\"", "y" * 3000]
    stored = sorted(cur.execute("SELECT importance, satisfaction FROM ratings").fetchall())
    assert stored == [(1, 4), (2, 2), (4, 2), (5, 5)]
    originals = [r[0] for r in cur.execute("SELECT original_header FROM column_catalogue ORDER BY position").fetchall()]
    assert originals == HOSTILE
    names = [r[0] for r in cur.execute("SELECT column_name FROM column_catalogue").fetchall()]
    assert all(re.fullmatch(r"[a-z][a-z0-9_]{0,63}", n) for n in names) and len(set(names)) == len(names)
    assert result.survey.steps["name"].tolist() == ['"check" <the> DROP TABLE x --', "Unassigned"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("qualtrics.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),
        ("export.csv", b""),
        ("export.xlsx", xlsx_bytes([["StartDate", "EndDate"]])[:200]),
    ],
)
def test_files_that_are_not_exports_are_refused(name, data):
    report = refused(data, name)
    assert report.errors[0].where == name
