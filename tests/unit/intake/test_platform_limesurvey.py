"""LimeSurvey exports (docs/FORMATS.md §7): BOM, ``;``, all quoted, ``\\r\\n``, codes or text."""

from __future__ import annotations

import pytest

from core.intake.importers import import_survey
from core.intake.importers.codebook import load_codebook
from tests.platform_exports.limesurvey import limesurvey
from tests.platform_exports.model import make_survey
from tests.platform_exports.recovered import assert_recovered, dropped, imported
from tests.unit.xlsx_helpers import messages

SURVEY = make_survey(61, statuses={"partial": 2})


def test_the_raw_bytes_have_every_quirk():
    export, _ = limesurvey(SURVEY)
    assert export.data.startswith(b'\xef\xbb\xbf"id";"submitdate";"lastpage"') and export.data.endswith(b"\r\n\r\n")


@pytest.mark.parametrize("headings", ["codes", "text"])
def test_answer_text_comes_back_exactly(headings):
    export, _ = limesurvey(SURVEY, headings=headings, answers="text")
    result = imported(export)
    assert_recovered(export, result)
    assert dropped(result, "no submitdate") == 2
    assert result.report.format == f"LimeSurvey export, question {headings} (answer text)"


def test_answer_codes_with_a_codebook_come_back_exactly():
    export, book = limesurvey(SURVEY)
    result = imported(export, codebook=load_codebook(book, "codebook.csv"))
    assert_recovered(export, result)
    assert result.report.direction == "codebook"
    assert result.report.pairing == {"measure: answer labels": 18, "pair: subquestion code": 9}


def test_answer_codes_under_code_headings_without_a_codebook_are_not_guessed():
    """Issue 11 item 1 changed this: code headings (G02Q01[SQ001]) with codes A1…A5 say nothing about
    importance or satisfaction; they used to be paired by block order. Now the import names the
    columns and asks for the codebook, text headings or the user's mapping."""
    export, _ = limesurvey(SURVEY)
    result = import_survey(export.data, export.file_name, direction="as_is")
    assert not result.ok
    error = result.report.errors[0]
    assert error.text.startswith("Nothing to score: 0 importance columns, 0 satisfaction columns, no outcome has both.")
    assert "18 columns looked like ratings" in error.text and "'G02Q01[SQ001]'" in error.text
    assert any("Answer codes (A1, A2, …) of 18 columns" in n for n in result.report.notes)
    assert "headings are question codes" in messages(result.report)


def test_incomplete_responses_can_be_kept():
    export, _ = limesurvey(SURVEY, answers="text", headings="text", keep_partial=True)
    assert_recovered(export, imported(export, keep_partial=True))
