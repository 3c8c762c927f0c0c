"""Small hand-written exports (tests/platform_exports/fixtures): every value checked by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.intake.importers import import_survey
from core.intake.importers.codebook import load_codebook
from tests.platform_exports.recovered import dropped, imported, ratings, statements, steps

FIXTURES = Path(__file__).resolve().parents[2] / "platform_exports" / "fixtures"


class File:
    def __init__(self, name: str):
        self.data = (FIXTURES / name).read_bytes()
        self.file_name = name


def import_fixture(name: str, **options):
    return imported(File(name), **options)


QUALTRICS = {
    ("R_aaa111", 0): (1, 5),
    ("R_aaa111", 1): (2, 4),
    ("R_bbb222", 0): (2, 3),
    ("R_bbb222", 1): (None, 1),
    ("R_ccc333", 0): (3, 4),
    ("R_ccc333", 1): (1, 2),
}


@pytest.mark.parametrize("how", ["codebook", "reverse"])
def test_qualtrics_numeric_values_coded_one_is_best(how):
    options = (
        {"codebook": load_codebook(FIXTURES / "qualtrics_numeric.qsf")}
        if how == "codebook"
        else {"direction": "reverse"}
    )
    result = import_fixture("qualtrics_numeric.csv", **options)
    assert ratings(result) == QUALTRICS
    assert statements(result) == [
        "Minimize the time it takes to match an invoice",
        "Minimize the likelihood of paying twice",
    ]
    assert steps(result) == ["Reconcile invoices"] * 2
    assert dropped(result, "previews") == 1 and dropped(result, "unfinished") == 1
    assert result.report.invalid_values[("qualtrics_numeric", "Q2_2")] == {"negative code": 1}
    assert result.report.direction == ("codebook" if how == "codebook" else "reversed (declared: 1 = best)")


def test_qualtrics_numeric_values_as_exported():
    result = import_fixture("qualtrics_numeric.csv", direction="as_is")
    assert ratings(result)[("R_aaa111", 0)] == (5, 1)


def test_qualtrics_numeric_values_ask_by_default():
    result = import_survey(File("qualtrics_numeric.csv").data, "qualtrics_numeric.csv")
    assert result.report.direction_unknown == ["Q2_1", "Q2_2", "Q3_1", "Q3_2"]


def test_surveymonkey():
    result = import_fixture("surveymonkey.csv")
    assert ratings(result) == {
        ("118112199553", 0): (5, 1),
        ("118112199553", 1): (4, 3),
        ("118112207472", 0): (1, 4),
        ("118112207472", 1): (None, 5),
    }
    assert statements(result) == [
        "Minimize the time to close the books",
        "Minimize the number of manual journal entries",
    ]
    assert steps(result) == ["Close the month"] * 2


def test_google_forms():
    result = import_fixture("google_forms.csv")
    assert ratings(result) == {
        ("R00001", 0): (4, 2),
        ("R00001", 1): (3, 5),
        ("R00002", 0): (5, 1),
        ("R00002", 1): (None, 4),
    }
    assert steps(result) == ["Plan a meal"] * 2
    assert result.report.format == "Google Forms responses, Forms download (answer text)"


def test_microsoft_forms():
    result = import_fixture("microsoft_forms.csv")
    assert ratings(result) == {("1", 0): (4, 1), ("1", 1): (2, 4), ("2", 0): (1, 3), ("2", 1): (5, 5)}
    assert result.report.pairing == {"measure: answer labels": 4, "pair: statement text": 2}


def test_alchemer_in_windows_1252():
    result = import_fixture("alchemer.csv")
    assert ratings(result) == {("1", 0): (4, 3), ("1", 1): (1, 5), ("3", 0): (2, 1), ("3", 1): (5, 4)}
    assert dropped(result, "Partial") == 1
    assert steps(result) == ["Visit a café"] * 2
    assert result.survey.respondents.iloc[:, 1].tolist() == ["Café Crème", "Café Crème"]


@pytest.mark.parametrize(
    ("options", "first"),
    [({"codebook": "limesurvey_codebook.csv"}, (5, 1))],
)
def test_limesurvey(options, first):
    if "codebook" in options:
        options = {"codebook": load_codebook(FIXTURES / options["codebook"])}
    result = import_fixture("limesurvey.csv", **options)
    got = ratings(result)
    assert got[("1", 0)] == first and set(got) == {("1", 0), ("1", 1), ("3", 0), ("3", 1)}
    if "direction" not in options or options["direction"] == "as_is":
        assert got == {("1", 0): (5, 1), ("1", 1): (2, 4), ("3", 0): (4, 3), ("3", 1): (4, 5)}
    assert statements(result) == ["SQ001", "SQ002"] and dropped(result, "no submitdate") == 1


@pytest.mark.parametrize("direction", ["as_is", "reverse"])
def test_limesurvey_codes_without_a_codebook_are_not_guessed(direction):
    """Issue 11 item 1 changed this: code headings and answer codes say nothing about importance or
    satisfaction; they were paired by block order. Now: refused, naming the columns and the fix."""
    result = import_survey((FIXTURES / "limesurvey.csv").read_bytes(), "limesurvey.csv", direction=direction)
    assert not result.ok
    error = result.report.errors[0]
    assert error.text.startswith("Nothing to score: 0 importance columns, 0 satisfaction columns, no outcome has both.")
    assert "'G02Q01[SQ001]'" in error.text and "column-mapping screen" in error.fix
    assert not any("reverse the codes was ignored" in w.text for w in result.report.warnings)


def test_typeform():
    result = import_fixture("typeform.csv")
    assert ratings(result) == {
        ("068127e3d5e9ca5f5fac8e04fa692a9e", 0): (5, 2),
        ("ffeeddccbbaa99887766554433221100", 0): (4, 4),
    }
    assert statements(result) == ["Minimize the time it takes to find a parking spot"]
    assert dropped(result, "partial") == 1
