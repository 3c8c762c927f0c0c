"""Bad input: a clear message that names the place and says what to do; never a traceback, never a silent drop."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

import pandas as pd
import pytest

from core.intake import ratings as reasons
from core.intake.importers import import_survey
from core.intake.importers.assemble import NO_RATINGS
from core.intake.store import store_survey
from tests.unit.xlsx_helpers import assert_actionable, csv_bytes, write_xlsx, xlsx_bytes

HEADER = ["respondent_id", "imp_O1", "sat_O1", "imp_O2", "sat_O2"]
ROWS = [HEADER, ["r1", 5, 4, 3, 2], ["r2", 1, 2, 4, 4], ["r3", 3, 3, 5, 1]]


def refused(data: bytes, file_name: str):
    """Import ``data``; it must fail with actionable errors, and no survey."""
    result = import_survey(data, file_name)
    assert result.ok is False and result.survey is None
    assert result.report.errors, "a refused file needs an error"
    assert_actionable(result.report)
    return result.report


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.xlsx", b"", "is empty"),
        ("empty.csv", b"", "is empty"),
        ("blank.csv", b"  \r\n\t\r\n", "is empty"),
        ("bom_only.csv", b"\xef\xbb\xbf", "no data"),
        ("commas_only.csv", b",,,\r\n,,,\r\n", "no data"),
        ("picture.xlsx", PNG, "not a spreadsheet"),
        ("archive.xlsx", zip_of({"notes.txt": b"hello", "data/a.bin": b"\x00\x01"}), "could not be opened as an Excel"),
        ("truncated.xlsx", xlsx_bytes({"responses": ROWS})[:300], "could not be opened as an Excel"),
        ("word.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "could not be opened as an Excel"),
        ("empty_sheets.xlsx", xlsx_bytes({"Sheet1": [], "Sheet2": [[None, None]]}), "no data"),
    ],
)
def test_files_that_are_not_spreadsheets_are_refused_with_a_reason(name, data, problem):
    report = refused(data, name)
    error = report.errors[0]
    assert problem in error.text
    assert error.where == name


def test_binary_stream_without_a_name_is_called_upload():
    report = import_survey(io.BytesIO(PNG)).report
    assert report.file_name == "upload" and not report.ok


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("header", [HEADER, ["respondent_id", "outcome_id", "importance", "satisfaction"]])
def test_header_only_files_are_refused(kind, header):
    data = csv_bytes([header]) if kind == "csv" else xlsx_bytes({"responses": [header]})
    report = refused(data, f"header_only.{kind}")
    assert "header but no data rows" in report.errors[0].text
    assert report.errors[0].where == ("file 'header_only.csv'" if kind == "csv" else "sheet 'responses'")


def test_a_workbook_with_an_empty_responses_sheet_names_it(tmp_path):
    job_map = [["step", "outcome_id", "statement"], ["Plan", "O1", "x"]]
    path = write_xlsx(tmp_path / "s.xlsx", {"job_map": job_map, "responses": [HEADER]})
    report = refused(path.read_bytes(), "s.xlsx")
    assert report.errors[0].where == "sheet 'responses'"


@pytest.mark.parametrize(
    "header",
    [
        ["respondent_id", "imp_O1", "imp_O2", "role"],
        ["respondent_id", "outcome_id", "importance"],
    ],
)
def test_files_without_satisfaction_are_refused(header):
    rows = [header, ["r1", *([4] * (len(header) - 1))]]
    report = refused(csv_bytes(rows), "nosat.csv")
    assert ", 0 satisfaction columns, no outcome has both" in report.errors[0].text  # one message for all layouts
    assert report.errors[0].where == "file 'nosat.csv'"
    assert "satisfaction" in report.errors[0].fix


@pytest.mark.parametrize(
    "sheets",
    [
        {"Prices": [["product", "price", "currency"], ["Widget", 9.99, "EUR"]]},
        {"Title": [["Customer survey 2024"]], "Sheet2": [["name", "email"], ["Ann", "ann@example.com"]]},
        {"job_map": [["step", "outcome_id", "statement"], ["Plan", "O1", "x"]]},
    ],
)
def test_unrelated_tables_are_refused_with_the_accepted_layouts(sheets):
    report = refused(xlsx_bytes(sheets), "other.xlsx")
    error = report.errors[0]
    assert "not recognised" in error.text
    for sheet in sheets:
        assert f"'{sheet}'" in error.text
    assert "imp_<outcome_id>" in error.fix and "long table" in error.fix
    assert "long table (.csv, .xlsx or .parquet)" in error.fix  # a warehouse's export is named too


def test_text_where_ratings_should_be_is_counted_and_refused_when_nothing_is_left():
    rows = [HEADER, ["r1", "great", "too slow", "fine", "meh"], ["r2", "ok", "bad", "love it", "n/r"]]
    report = refused(csv_bytes(rows), "text.csv")
    assert "No respondent has a single valid rating" in report.errors[0].text
    assert report.invalid_totals() == Counter({reasons.UNKNOWN_TEXT: 8})
    assert report.dropped_respondents and sum(map(len, report.dropped_respondents.values())) == 2


def test_a_text_column_among_ratings_is_warned_and_counted():
    rows = [HEADER, ["r1", 5, "too slow", 3, 2], ["r2", 1, "bad", 4, 4]]
    result = import_survey(csv_bytes(rows), "text.csv")
    assert result.ok
    assert_actionable(result.report)
    assert result.report.invalid_values == {("text", "sat_O1"): Counter({reasons.UNKNOWN_TEXT: 2})}
    warning = next(w for w in result.report.warnings if "no valid rating" in w.text)
    assert warning.where == "file 'text.csv', column 'sat_O1'"


def test_error_cells_are_counted_and_named(tmp_path):
    rows = [HEADER, ["r1", "#DIV/0!", 4, 3, "#N/A"], ["r2", 1, "#VALUE!", 4, 4], ["r3", 3, 3, 5, 1]]
    result = import_survey(write_xlsx(tmp_path / "errors.xlsx", {"responses": rows}))
    assert result.ok
    assert_actionable(result.report)
    assert result.report.invalid_values == {
        ("responses", "imp_O1"): Counter({reasons.ERROR_CELL: 1}),
        ("responses", "sat_O1"): Counter({reasons.ERROR_CELL: 1}),
        ("responses", "sat_O2"): Counter({reasons.ERROR_CELL: 1}),
    }
    warning = next(w for w in result.report.warnings if "spreadsheet errors" in w.text)
    assert warning.where == "sheet 'responses'"
    assert "3 cells" in warning.text and "B2 #DIV/0!" in warning.text and "E2 #N/A" in warning.text
    assert "C3 #VALUE!" in warning.text


def test_formulas_without_a_saved_value_are_counted_and_named(tmp_path):
    rows = [HEADER, ["r1", "=2+2", 4, 3, 2], ["r2", 1, "=SUM(B2:B3)", 4, 4], ["r3", 3, 3, 5, 1]]
    result = import_survey(write_xlsx(tmp_path / "formulas.xlsx", {"responses": rows}))
    assert result.ok
    assert_actionable(result.report)
    assert result.report.invalid_totals() == Counter({reasons.FORMULA: 2})
    warning = next(w for w in result.report.warnings if "formulas saved without a value" in w.text)
    assert warning.where == "sheet 'responses'" and "(B2, C3)" in warning.text
    assert "save" in warning.fix


def with_saved_values(data: bytes, value: bytes) -> bytes:
    """Give every formula of an openpyxl workbook the saved value ``value``, as Excel would."""
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {}
    for name in source.namelist():
        content = source.read(name)
        if name.startswith("xl/worksheets/"):
            # openpyxl writes an empty value as <v/> (or <v></v> when lxml is installed)
            content, count = re.subn(rb"(</f>)(?:<v\s*/>|<v>\s*</v>)?", rb"\1<v>" + value + b"</v>", content)
            assert count, "expected openpyxl to write empty values for formulas"
        members[name] = content
    return zip_of(members)


def test_formulas_with_saved_values_are_read_as_their_values():
    rows = [HEADER, ["r1", "=2+2", 4, 3, 2], ["r2", 1, "=1+3", 4, 4]]
    result = import_survey(with_saved_values(xlsx_bytes({"responses": rows}), b"4"), "calculated.xlsx")
    assert result.ok and result.report.warnings == [] and result.report.invalid_values == {}
    ratings = result.survey.ratings.set_index(["respondent_id", "outcome_id"])
    assert ratings.loc[("r1", "O1"), "importance"] == 4 and ratings.loc[("r2", "O1"), "satisfaction"] == 4


def test_cp1252_text_is_decoded():
    rows = [
        ["respondent_id", "Rôle", "Société", "imp_O1", "sat_O1"],
        ["r1", "Gérant", "Crème & Co", 4, "Don’t know"],
        ["r2", "Employé", "Müller", 2, 5],
    ]
    result = import_survey(csv_bytes(rows, delimiter=";", encoding="cp1252"), "export.csv")
    assert result.ok
    assert "Windows-1252" in " ".join(result.report.notes)
    survey = result.survey
    assert survey.attribute_catalogue["original_header"].tolist() == ["Rôle", "Société"]
    assert survey.respondents.iloc[:, 1].tolist() == ["Gérant", "Employé"]
    assert result.report.invalid_values == {("export", "sat_O1"): Counter({reasons.NOT_APPLICABLE: 1})}


@pytest.mark.parametrize(("delimiter", "name"), [(";", "semicolon"), ("\t", "tab"), ("|", "pipe"), (",", "comma")])
def test_delimiters_and_decimal_commas(delimiter, name):
    rows = [["respondent_id", "city", "imp_O1", "sat_O1"], ["r1", "Paris, FR", "4,0", 5], ["r2", "Lyon; FR", 2, "3.0"]]
    result = import_survey(csv_bytes(rows, delimiter=delimiter), "export.csv")
    assert result.ok, result.report.to_text()
    assert f"({name}-separated" in result.report.notes[0]
    assert result.survey.respondents["city"].tolist() == ["Paris, FR", "Lyon; FR"]
    assert result.survey.ratings[["importance", "satisfaction"]].values.tolist() == [[4, 5], [2, 3]]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks_do_not_reach_the_first_header(encoding):
    data = csv_bytes(ROWS, delimiter=";").decode("utf-8").encode(encoding)
    result = import_survey(data, "bom.csv")
    assert result.ok, result.report.to_text()
    assert result.survey.respondents["respondent_id"].tolist() == ["r1", "r2", "r3"]
    assert not any("column" in h for h in result.survey.attribute_catalogue["original_header"])


def test_a_very_long_free_text_answer_is_one_cell():
    comment = "word " * 60_000  # 300 kB, over csv's default field limit
    rows = [["respondent_id", "comment", "imp_O1", "sat_O1"], ["r1", comment, 5, 4], ["r2", "short", 3, 2]]
    result = import_survey(csv_bytes(rows), "comments.csv")
    assert result.ok, result.report.to_text()
    assert result.survey.respondents["comment"].tolist() == [comment.strip(), "short"]


def test_workbooks_calamine_rejects_are_read_with_openpyxl(monkeypatch, tmp_path):
    from core.intake.importers import reading

    def refuse(data):
        raise ValueError("calamine cannot read this")

    monkeypatch.setattr(reading, "_read_with_calamine", refuse)
    rows = [HEADER, ["r1", "#DIV/0!", 4, "=1+1", 2], ["r2", 1, 2, 4, 4]]
    result = import_survey(write_xlsx(tmp_path / "fallback.xlsx", {"responses": rows}))
    assert result.ok, result.report.to_text()
    assert result.report.invalid_totals() == Counter({reasons.ERROR_CELL: 1, reasons.FORMULA: 1})
    assert result.survey.ratings["satisfaction"].dropna().astype(int).tolist() == [4, 2, 2, 4]


def test_error_cells_are_found_while_calamine_reads(monkeypatch, tmp_path):
    """The search for error cells and formulas runs beside calamine's read (reading._marked_cells):
    here the read waits for the search to have begun, which a search run after it never would."""
    import threading

    from core.intake.importers import reading

    began = threading.Event()
    search, read = reading._marked_cells, reading._read_with_calamine
    threads = []

    def searching(data, unmarked):
        threads.append(threading.current_thread().name)
        began.set()
        return search(data, unmarked)

    def reading_after_the_search_began(data):
        assert began.wait(10), "the search for error cells had not begun while calamine read"
        return read(data)

    monkeypatch.setattr(reading, "_marked_cells", searching)
    monkeypatch.setattr(reading, "_read_with_calamine", reading_after_the_search_began)
    rows = [HEADER, ["r1", "#DIV/0!", 4, "=1+1", 2], ["r2", 1, 2, 4, 4]]
    result = import_survey(write_xlsx(tmp_path / "both.xlsx", {"responses": rows}))
    assert result.ok, result.report.to_text()
    assert result.report.invalid_totals() == Counter({reasons.ERROR_CELL: 1, reasons.FORMULA: 1})
    assert threads and threads[0] != threading.current_thread().name


def test_ragged_rows_are_padded_not_dropped():
    data = b"respondent_id,imp_O1,sat_O1,role\r\nr1,5,4\r\nr2,3,2,pm\r\nr3,1\r\n"
    result = import_survey(data, "ragged.csv")
    assert result.ok
    assert result.survey.respondents["respondent_id"].tolist() == ["r1", "r2", "r3"]
    assert result.report.invalid_values == {("ragged", "sat_O1"): Counter({reasons.BLANK: 1})}


HOSTILE = [
    '"; DROP TABLE ratings; --',
    "Robert'); DROP TABLE respondents;--",
    "say \"hello\" and 'bye'",
    "x" * 5000,
    "dup",
    "dup",
    "DUP",
    "respondent_id ",
    "Größe 🚀",
    "1st choice",
    "select",
]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_hostile_headers_are_stored_safely_and_come_back_exactly(kind, workspace):
    outcome = '"; DROP TABLE ratings; --'
    header = ["respondent_id", *HOSTILE, f"imp_{outcome}", f"sat_{outcome}", "imp_O2", "sat_O2"]
    values = [[f"v{i}_{j}" for j in range(len(HOSTILE))] for i in range(2)]
    rows = [header, ["'; DELETE FROM ratings; --", *values[0], 5, 4, 3, 2], ["r2", *values[1], 1, 2, 3, 4]]
    data = csv_bytes(rows) if kind == "csv" else xlsx_bytes({"responses": rows})
    result = import_survey(data, f"hostile.{kind}")
    assert result.ok, result.report.to_text()
    assert_actionable(result.report)
    store_survey(workspace, result.survey)
    cur = workspace.cursor()

    expected_headers = [h.strip() for h in HOSTILE]
    catalogue = cur.execute("SELECT column_name, original_header FROM column_catalogue ORDER BY position").fetchall()
    assert [original for _, original in catalogue] == expected_headers
    names = [name for name, _ in catalogue]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]{0,63}", name) for name in names), names
    columns = [row[0] for row in cur.execute("DESCRIBE respondents").fetchall()]
    assert columns == ["respondent_id", *names]
    stored = cur.execute("SELECT * FROM respondents ORDER BY respondent_id").fetchall()
    assert sorted(stored) == sorted([("'; DELETE FROM ratings; --", *values[0]), ("r2", *values[1])])
    attributes = cur.execute("SELECT count(*) FROM respondent_attributes").fetchone()
    assert attributes == (2 * len(HOSTILE),)

    assert cur.execute("SELECT count(*) FROM ratings").fetchone() == (4,)
    assert cur.execute("SELECT outcome_id FROM outcomes ORDER BY outcome_order").fetchall() == [(outcome,), ("O2",)]
    assert cur.execute(
        "SELECT importance, satisfaction FROM ratings WHERE outcome_id = ? AND respondent_id = ?",
        [outcome, "'; DELETE FROM ratings; --"],
    ).fetchone() == (5, 4)
    tables = {row[0] for row in cur.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"ratings", "respondents", "outcomes"} <= tables

    shared = [w.text for w in result.report.warnings if "have the same name" in w.text]
    assert shared == [
        "3 attribute columns have the same name: 'dup' (kept as dup), 'dup' (kept as dup_2), 'DUP' (kept as dup_3)."
    ]


def test_a_blank_header_over_data_becomes_a_named_column():
    rows = [["respondent_id", "", "imp_O1", "sat_O1"], ["r1", "note", 5, 4]]
    result = import_survey(csv_bytes(rows), "blank_header.csv")
    assert result.ok
    assert result.survey.attribute_catalogue["original_header"].tolist() == ["column 2"]


def test_whitespace_inside_headers_is_shown_as_single_spaces():
    rows = [["respondent_id", "company\nsize", "imp_O1", "sat_O1"], ["r1", "10-49", 5, 4]]
    result = import_survey(csv_bytes(rows), "newline.csv")
    assert result.survey.attribute_catalogue["original_header"].tolist() == ["company size"]
    assert result.survey.respondents["company_size"].tolist() == ["10-49"]


def test_no_traceback_for_odd_cells(tmp_path):
    """Dates, booleans, huge numbers and long text in rating and attribute columns are classified, not crashes."""
    import datetime as dt

    rows = [
        ["respondent_id", "joined", "flag", "imp_O1", "sat_O1"],
        ["r1", dt.datetime(2024, 1, 5), True, dt.datetime(2024, 1, 5), 1e300],
        ["r2", dt.date(2023, 2, 1), False, True, "x" * 10_000],
        ["r3", None, None, 4, 5],
    ]
    result = import_survey(write_xlsx(tmp_path / "odd.xlsx", {"responses": rows}))
    assert result.ok
    assert result.report.invalid_totals() == Counter({reasons.UNKNOWN_TEXT: 3, reasons.OUT_OF_SCALE: 1})
    assert result.report.dropped_respondents == {NO_RATINGS: ["r1", "r2"]}
    assert result.survey.respondents["respondent_id"].tolist() == ["r3"]
    assert pd.isna(result.survey.respondents["joined"].iloc[0])


@pytest.mark.parametrize("delimiter", [",", "\t", "|"])
def test_quoted_semicolons_do_not_fool_delimiter_detection(delimiter):
    # csv.Sniffer reads a leading quoted field full of ';' as a ';'-separated file.
    rows = [
        ['"; DROP TABLE ratings; --', "respondent_id", "imp_O1", "sat_O1"],
        ['"; DROP TABLE ratings; --', "r1", 4, 5],
        ["x", "r2", 2, 3],
    ]
    result = import_survey(csv_bytes(rows, delimiter=delimiter), "quoted.csv")
    assert result.ok, result.report.to_text()
    assert result.survey.attribute_catalogue["original_header"].tolist() == ['"; DROP TABLE ratings; --']
    assert result.survey.ratings[["importance", "satisfaction"]].values.tolist() == [[4, 5], [2, 3]]
