"""Typeform exports (docs/FORMATS.md §5): ``#`` token, one opinion-scale question per outcome and measure."""

from __future__ import annotations

import pytest

from tests.platform_exports.model import make_survey
from tests.platform_exports.recovered import assert_recovered, dropped, imported
from tests.platform_exports.typeform import typeform

SURVEY = make_survey(71, statuses={"partial": 2})


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_opinion_scales_come_back_exactly(fmt):
    export = typeform(SURVEY, fmt=fmt)
    result = imported(export)  # the respondents chose the numbers: no direction to ask
    assert_recovered(export, result)
    assert result.report.platform == "Typeform"
    assert result.report.pairing == {"measure: question wording": 18, "pair: statement text": 9}
    assert len(result.survey.respondents["respondent_id"].iloc[0]) == 32


def test_partial_responses_are_dropped_unless_kept():
    assert dropped(imported(typeform(SURVEY)), "partial Typeform") == 2
    export = typeform(SURVEY, keep_partial=True)
    assert_recovered(export, imported(export, keep_partial=True))


def test_metadata_and_hidden_fields():
    result = imported(typeform(SURVEY))
    assert result.survey.attribute_catalogue["original_header"].tolist() == [
        "Which travel tool do you use today?",
        "utm_source",
    ]
