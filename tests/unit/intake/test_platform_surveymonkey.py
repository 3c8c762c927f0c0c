"""SurveyMonkey exports (docs/FORMATS.md §2) from the generator come back exactly."""

from __future__ import annotations

import pytest

from core.intake.importers import import_survey
from tests.platform_exports.model import make_survey
from tests.platform_exports.recovered import assert_recovered, imported, statements
from tests.platform_exports.surveymonkey import surveymonkey
from tests.unit.xlsx_helpers import messages

SURVEY = make_survey(21, respondents=14)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("bipolar", [False, True])
def test_answer_text_exports_come_back_exactly(fmt, bipolar):
    export = surveymonkey(SURVEY, fmt=fmt, bipolar=bipolar)
    assert b"Not At All Important" in export.data or fmt == "xlsx"
    result = imported(export)
    assert_recovered(export, result)
    assert result.report.platform == "SurveyMonkey"
    assert result.report.format == "SurveyMonkey export (answer text)"
    assert result.report.pairing == {"measure: answer labels": 18, "pair: statement text": 9}


def test_question_text_is_carried_forward_and_no_break_spaces_are_spaces():
    export = surveymonkey(SURVEY, nbsp=True)
    assert "\xa0".encode() in export.data or export.file_name.endswith(".xlsx")
    result = imported(export)
    assert all("\xa0" not in s for s in statements(result))
    assert result.survey.steps["name"].tolist() == ["Plan the trip", "Book the flights", "Pack the luggage"]
    kept = result.survey.attribute_catalogue["original_header"].tolist()
    assert kept == [
        "Custom Data 1",
        "Which travel tool do you use today? - Response",
        "How many people work in your company? - Response",
        "Anything else you would like to tell us? - Open-Ended Response",
    ]


def test_numerical_values_need_a_direction():
    export = surveymonkey(SURVEY, values="numeric")
    asked = import_survey(export.data, export.file_name)
    assert asked.report.needs_direction and not asked.ok
    result = imported(export, direction="as_is")
    assert_recovered(export, result)
    assert result.report.pairing["measure: question wording"] == 18


def test_ids_mangled_by_excel_are_replaced_by_row_numbers_with_a_warning():
    export = surveymonkey(SURVEY, fmt="csv", excel_ids=True)
    assert b"1.18E+11" in export.data
    result = imported(export)
    assert_recovered(export, result)
    text = messages(result.report)
    assert "rounded numbers such as '1.18E+11'" in text and "without opening it in Excel" in text


def test_real_ids_are_kept_as_text():
    result = imported(surveymonkey(SURVEY, fmt="xlsx"))
    assert result.survey.respondents["respondent_id"].iloc[0] == "118112199553"
