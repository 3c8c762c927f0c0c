"""Google Forms responses (docs/FORMATS.md §3), both download paths, come back exactly."""

from __future__ import annotations

import pytest

from tests.platform_exports.google_forms import google_forms
from tests.platform_exports.model import make_survey
from tests.platform_exports.recovered import assert_recovered, imported

SURVEY = make_survey(31, competitors=("Acme Travel",))


@pytest.mark.parametrize(
    ("path", "layout"),
    [
        ("forms", "Google Forms responses, Forms download (answer text)"),
        ("sheets_csv", "Google Forms responses, Google Sheets download (answer text)"),
        ("sheets_xlsx", "Google Forms responses, Google Sheets download (answer text)"),
    ],
)
def test_both_download_paths_come_back_exactly(path, layout):
    export = google_forms(SURVEY, path=path)
    if path == "forms":
        assert export.data.startswith(b'"Timestamp","Email address"')
    result = imported(export)
    assert_recovered(export, result)
    assert result.report.platform == "Google Forms" and result.report.format == layout
    assert result.report.pairing == {"measure: answer labels": 27, "pair: statement text": 18}


def test_grids_of_numbers_go_by_the_wording_and_need_no_direction():
    export = google_forms(SURVEY, values="numbers")
    result = imported(export)  # the default direction "ask" does not stop: respondents saw the numbers
    assert_recovered(export, result)
    assert result.report.pairing["measure: question wording"] == 27
    assert result.report.direction == "" and not result.report.needs_direction


def test_the_question_before_the_brackets_names_the_step_and_the_competitor():
    result = imported(google_forms(SURVEY))
    assert result.survey.steps["name"].tolist() == ["Plan the trip", "Book the flights", "Pack the luggage"]
    assert set(result.survey.competitor_ratings["competitor"]) == {"Acme Travel"}


def test_email_addresses_are_left_out_and_rows_are_numbered():
    result = imported(google_forms(SURVEY))
    assert "Email address" not in result.survey.attribute_catalogue["original_header"].tolist()
    assert result.survey.respondents["respondent_id"].iloc[0] == "R00001"
    assert any("Email address" in n and "metadata" in n for n in result.report.notes)
