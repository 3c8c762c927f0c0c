"""Layouts peers use and older exports (issue 11 item 4): each from the generator and by hand.

Hand fixtures live in tests/platform_exports/fixtures; their n and opportunity are computed by hand
in the comments (top-two-box: 10 × share of 4s and 5s; opportunity = I + max(I − S, 0)).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from core.intake.importers import import_survey
from core.intake.importers.codebook import load_codebook
from tests.platform_exports.calculator import calculator
from tests.platform_exports.model import make_survey
from tests.platform_exports.qualtrics import qualtrics, qualtrics_qsf
from tests.platform_exports.qualtrics_legacy import qualtrics_legacy
from tests.platform_exports.recovered import assert_recovered, dropped, imported, ratings, statements, steps
from tests.platform_exports.surveymonkey import surveymonkey

FIXTURES = Path(__file__).resolve().parents[2] / "platform_exports" / "fixtures"
SURVEY = make_survey(41, respondents=15, statuses={"preview": 1, "partial": 1})


class File:
    def __init__(self, name: str):
        self.data = (FIXTURES / name).read_bytes()
        self.file_name = name


def scored(cli, *args: str) -> dict[str, dict[str, str]]:
    """statement → its row of ``score --format csv``."""
    result = cli("score", *args, "--format", "csv")
    assert result.returncode == 0, result.stderr
    return {row["statement"]: row for row in csv.DictReader(io.StringIO(result.stdout))}


# --- a) the single-quoted ImportId row of Qualtrics 2016 exports ---------------------------------
def test_generated_2016_export_with_single_quoted_import_ids_uses_the_qsf(tmp_path):
    export = qualtrics(SURVEY, values="numeric", reversed_codes=True, quotes="python")
    assert b"{'ImportId': 'QID" in export.data
    codebook = load_codebook(qualtrics_qsf(SURVEY, reversed_codes=True), "survey.qsf")
    result = imported(export, codebook=codebook)
    assert_recovered(export, result)
    assert result.report.direction == "codebook"
    assert not any("ImportId header row is missing" in note for note in result.report.notes)


def test_hand_written_2016_export_reads_the_qsf_by_import_id(cli):
    # the .qsf's export tags were renamed after the export (imp_invoices, sat_invoices): only the
    # ImportIds (QID4, QID5) in the single-quoted third row link the columns to the codebook
    codebook = load_codebook(FIXTURES / "qualtrics_2016.qsf")
    result = imported(File("qualtrics_2016.csv"), codebook=codebook)
    assert result.report.direction == "codebook"
    assert ratings(result) == {
        ("R_2016a", 0): (5, 2),
        ("R_2016a", 1): (4, 3),
        ("R_2016b", 0): (4, 4),
        ("R_2016b", 1): (5, 1),
        ("R_2016c", 0): (2, 5),
        ("R_2016c", 1): (None, 2),
        ("R_2016d", 0): (5, 1),
        ("R_2016d", 1): (4, 4),
    }
    assert dropped(result, "previews") == 1
    rows = scored(cli, str(FIXTURES / "qualtrics_2016.csv"), "--codebook", str(FIXTURES / "qualtrics_2016.qsf"))
    first, second = (rows[s] for s in statements(result))
    # importance 5,4,2,5 → 3 of 4 in the top two = 7.5; satisfaction 2,4,5,1 → 2 of 4 = 5.0; 7.5 + 2.5
    assert (first["n_importance"], first["importance"], first["opportunity"]) == ("4", "7.5", "10.0")
    # importance 4,5,–,4 → 3 of 3 = 10.0; satisfaction 3,1,2,4 → 1 of 4 = 2.5; 10 + 7.5
    assert (second["n_importance"], second["n_satisfaction"], second["opportunity"]) == ("3", "4", "17.5")


# --- d) SurveyMonkey exports edited by whoever passed them on ---------------------------------------
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize(
    ("metadata", "title"), [(False, ""), (True, "Travel survey 2022 - all responses"), (False, "Travel")]
)
def test_generated_surveymonkey_without_metadata_or_under_a_title(fmt, metadata, title):
    export = surveymonkey(SURVEY, fmt=fmt, metadata=metadata, title=title)
    assert (b"Respondent ID" in export.data) == metadata or fmt == "xlsx"
    result = imported(export)
    assert_recovered(export, result)
    assert result.report.platform == "SurveyMonkey"
    assert result.report.pairing["pair: statement text"] == 9
    notes = " ".join(result.report.notes)
    assert ("metadata columns" in notes) != metadata
    assert ("title row" in notes) == bool(title)
    if title:  # one title row: the note counts it in the singular
        assert "1 title row above SurveyMonkey's two header rows was skipped" in notes


def test_hand_written_surveymonkey_without_metadata_under_a_title(cli):
    result = imported(File("surveymonkey_edited.csv"))
    assert result.report.platform == "SurveyMonkey"
    assert ratings(result) == {
        ("R00001", 0): (5, 2),
        ("R00001", 1): (4, 4),
        ("R00002", 0): (4, 1),
        ("R00002", 1): (2, 5),
        ("R00003", 0): (1, None),
        ("R00003", 1): (5, 3),
    }
    assert statements(result) == [
        "Minimize the time to close the books",
        "Minimize the number of manual journal entries",
    ]
    rows = scored(cli, str(FIXTURES / "surveymonkey_edited.csv"))
    first, second = (rows[s] for s in statements(result))
    # importance 5,4,1 → 2 of 3 = 6.667; satisfaction (Satisfied=4) 2,1,– → 0 of 2 = 0.0; 6.667 + 6.667
    assert (first["n_importance"], first["n_satisfaction"], first["opportunity"]) == ("3", "2", "13.333")
    # importance 4,2,5 → 2 of 3 = 6.667; satisfaction 4,5,3 → 2 of 3 = 6.667; 6.667 + 0
    assert (second["n_importance"], second["opportunity"]) == ("3", "6.667")


# --- c) the calculator table: Importance/Satisfaction row, then the outcomes row ----------------------
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize(("ids", "merged", "title"), [(True, True, ""), (False, False, ""), (False, True, "Parking")])
def test_generated_calculator_tables(fmt, ids, merged, title):
    export = calculator(SURVEY, fmt=fmt, ids=ids, merged=merged, title=title)
    result = imported(export)
    assert_recovered(export, result)
    assert result.report.platform == "calculator-style table"
    assert result.report.pairing["pair: statement text"] == len(SURVEY.outcomes)


def test_hand_written_calculator_table(cli):
    result = imported(File("calculator.csv"))
    assert ratings(result) == {
        ("R00001", 0): (5, 2),
        ("R00001", 1): (4, 3),
        ("R00002", 0): (4, 1),
        ("R00002", 1): (None, 5),
        ("R00003", 0): (2, 4),
        ("R00003", 1): (5, 4),
        ("R00004", 0): (5, 5),
        ("R00004", 1): (3, 2),
    }
    assert statements(result) == ["Minimize the time to find a parking spot", "Minimize the cost of parking"]
    rows = scored(cli, str(FIXTURES / "calculator.csv"))
    first, second = (rows[s] for s in statements(result))
    # importance 5,4,2,5 → 3 of 4 = 7.5; satisfaction 2,1,4,5 → 2 of 4 = 5.0; 7.5 + 2.5
    assert (first["n_importance"], first["importance"], first["opportunity"]) == ("4", "7.5", "10.0")
    # importance 4,–,5,3 → 2 of 3 = 6.667; satisfaction 3,5,4,2 → 2 of 4 = 5.0; 6.667 + 1.667
    assert (second["n_importance"], second["n_satisfaction"], second["opportunity"]) == ("3", "4", "8.333")


# --- b) legacy Qualtrics exports: V1… over the metadata names, question text in row 2 -----------------
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("values", ["text", "numeric"])
def test_generated_legacy_qualtrics_exports(fmt, values):
    export = qualtrics_legacy(SURVEY, values=values, fmt=fmt)
    result = imported(export, **({"direction": "as_is"} if values == "numeric" else {}))
    assert_recovered(export, result)
    assert result.report.platform == "Qualtrics"
    kind = "numeric values" if values == "numeric" else "choice text"
    assert result.report.format == f"Qualtrics legacy export ({kind})"
    assert dropped(result, "previews") == 1 and dropped(result, "unfinished") == 1
    assert result.report.pairing["pair: statement text"] == len(SURVEY.outcomes)


def test_hand_written_legacy_qualtrics_export(cli):
    result = imported(File("qualtrics_legacy.csv"))
    assert ratings(result) == {
        ("R_1aaa", 0): (5, 2),
        ("R_1aaa", 1): (4, 4),
        ("R_1bbb", 0): (4, 1),
        ("R_1bbb", 1): (3, 5),
        ("R_1ccc", 0): (2, 5),
        ("R_1ccc", 1): (None, 3),
    }
    assert statements(result) == [
        "Minimize the time it takes to match an invoice",
        "Minimize the likelihood of paying twice",
    ]
    assert steps(result) == ["Reconcile invoices"] * 2
    assert dropped(result, "previews") == 1 and dropped(result, "unfinished") == 1
    rows = scored(cli, str(FIXTURES / "qualtrics_legacy.csv"))
    first, second = (rows[s] for s in statements(result))
    # importance 5,4,2 → 2 of 3 = 6.667; satisfaction 2,1,5 → 1 of 3 = 3.333; 6.667 + 3.333
    assert (first["n_importance"], first["importance"], first["opportunity"]) == ("3", "6.667", "10.0")
    # importance 4,3,– → 1 of 2 = 5.0; satisfaction 4,5,3 → 2 of 3 = 6.667; 5.0 + 0
    assert (second["n_importance"], second["n_satisfaction"], second["opportunity"]) == ("2", "3", "5.0")


def test_calculator_table_with_short_labels_keeps_the_measure_wording():
    export = calculator(SURVEY, fmt="csv", labels=("Imp", "Sat"))
    result = imported(export)
    assert_recovered(export, result)
    # "Imp"/"Sat" became the columns' question "Importance"/"Satisfaction": decided by wording
    assert result.report.pairing["measure: question wording"] == 2 * len(SURVEY.outcomes)


def test_a_table_whose_first_row_is_not_only_measures_is_not_a_calculator_table():
    data = b"Importance,,Notes,\nMinimize a,Minimize b,x,y\n5,4,a,b\n"
    result = import_survey(data, "not_calculator.csv")
    assert result.report.platform != "calculator-style table"


def test_hand_written_legacy_qualtrics_numeric_export():
    asked = import_survey(File("qualtrics_legacy_numeric.csv").data, "qualtrics_legacy_numeric.csv")
    assert asked.report.direction_unknown == ["Q2_1", "Q2_2", "Q3_1", "Q3_2"]
    result = imported(File("qualtrics_legacy_numeric.csv"), direction="as_is")
    assert result.report.format == "Qualtrics legacy export (numeric values)"
    assert ratings(result) == {
        ("R_2aaa", 0): (4, 3),
        ("R_2aaa", 1): (5, 1),
        ("R_2bbb", 0): (5, 5),
        ("R_2bbb", 1): (2, None),
        ("R_2ccc", 0): (1, 2),
        ("R_2ccc", 1): (4, 4),
    }
    assert statements(result) == [
        "Minimize the time it takes to approve a payment",
        "Minimize the likelihood of a late fee",
    ]
    assert steps(result) == ["Pay a supplier"] * 2
