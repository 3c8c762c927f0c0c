"""Alchemer exports (docs/FORMATS.md §6): ``Row:Question`` columns, Complete/Partial/Disqualified, cp1252."""

from __future__ import annotations

import pytest

from tests.platform_exports.alchemer import alchemer
from tests.platform_exports.model import make_survey
from tests.platform_exports.recovered import assert_recovered, dropped, imported

SURVEY = make_survey(51, statuses={"partial": 2, "disqualified": 1})


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_exports_come_back_exactly(encoding):
    export = alchemer(SURVEY, encoding=encoding)
    result = imported(export)
    assert_recovered(export, result)
    assert result.report.format == "Alchemer export (answer text)"
    if encoding == "cp1252":
        assert any("Windows-1252" in n for n in result.report.notes)
    assert "Minimize the time it takes to find a café near the gate" in result.survey.outcomes["statement"].tolist()


def test_partial_and_disqualified_responses_are_dropped_and_counted():
    result = imported(alchemer(SURVEY))
    assert dropped(result, "Status: Partial") == 2 and dropped(result, "Disqualified") == 1


def test_partial_responses_can_be_kept():
    export = alchemer(SURVEY, keep_partial=True)
    result = imported(export, keep_partial=True)
    assert_recovered(export, result)
    assert dropped(result, "Partial") == 0 and dropped(result, "Disqualified") == 1


def test_the_question_after_the_colon_names_the_step():
    result = imported(alchemer(SURVEY))
    assert result.survey.steps["name"].tolist() == ["Plan the trip", "Book the flights", "Pack the luggage"]
