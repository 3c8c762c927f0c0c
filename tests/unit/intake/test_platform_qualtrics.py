"""Qualtrics exports from the generator: every layout and trap of docs/FORMATS.md §1 comes back exactly."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest

from core.intake import ratings as reasons
from core.intake.importers import import_survey
from core.intake.importers.codebook import load_codebook
from tests.platform_exports.files import text_bytes
from tests.platform_exports.model import make_survey
from tests.platform_exports.qualtrics import qualtrics, qualtrics_qsf
from tests.platform_exports.recovered import assert_recovered, dropped, imported, statements
from tests.unit.xlsx_helpers import assert_actionable

SURVEY = make_survey(
    11, statuses={"preview": 2, "test": 1, "spam": 1, "partial": 2}, competitors=("Acme Travel", "Globex Trips")
)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "xlsx"])
@pytest.mark.parametrize("layout", ["matrices", "side_by_side", "loop"])
def test_choice_text_exports_come_back_exactly(fmt, layout):
    export = qualtrics(SURVEY, fmt=fmt, layout=layout, seed=len(fmt))
    result = imported(export)
    assert_recovered(export, result)
    report = result.report
    assert report.platform == "Qualtrics" and report.format == "Qualtrics export (choice text)"
    assert report.direction == "labels"
    assert report.pairing["measure: answer labels"] == 9 * 4
    assert report.pairing["pair: statement text"] == 9 * 3
    assert "Competitor satisfaction: Acme Travel (9 outcomes), Globex Trips (9 outcomes)." in report.notes


def test_previews_tests_spam_and_unfinished_responses_are_dropped_and_counted():
    result = imported(qualtrics(SURVEY))
    assert dropped(result, "survey previews") == 2
    assert dropped(result, "test responses") == 1
    assert dropped(result, "spam") == 1
    assert dropped(result, "unfinished") == 2
    unfinished = next(r for r in result.report.dropped_respondents if "unfinished" in r)
    assert "--keep-partial" in unfinished
    partial_ids = {r.rid for r in SURVEY.respondents if r.status == "partial"}
    assert set(result.report.dropped_respondents[unfinished]) == partial_ids


@pytest.mark.parametrize("values", ["text", "numeric"])
def test_unfinished_responses_are_kept_on_request(values):
    export = qualtrics(SURVEY, values=values, keep_partial=True)
    result = imported(export, keep_partial=True, direction="as_is")
    assert_recovered(export, result)
    assert dropped(result, "unfinished") == 0
    assert any("2 unfinished responses were kept" in n for n in result.report.notes)


def test_html_is_stripped_from_labels_and_statements():
    export = qualtrics(SURVEY, html=True)
    assert b"<strong>Extremely</strong>" in export.data and b"<b>Minimize</b>" in export.data
    result = imported(export)
    assert all("<" not in s for s in statements(result))
    assert 'Minimize the hassle of "hidden" charges & fees' in statements(result)
    assert result.report.invalid_totals()[reasons.UNKNOWN_TEXT] == 0


def test_a_statement_with_dashes_is_kept_whole():
    result = imported(qualtrics(SURVEY))
    assert "Minimize the cost - including fees - of changing a booking" in statements(result)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_numeric_values_stop_to_ask_for_the_direction(fmt):
    export = qualtrics(SURVEY, values="numeric", fmt=fmt)
    result = import_survey(export.data, export.file_name)
    assert not result.ok and result.survey is None
    report = result.report
    assert report.needs_direction and len(report.direction_unknown) == 9 * 4
    assert report.direction_unknown[0] == "Q10_1"
    error = report.errors[0]
    assert "cannot tell whether 1 is the lowest or the highest" in error.text
    assert "--reverse" in error.fix and "--codebook" in error.fix
    assert_actionable(report)


def test_numeric_values_read_as_declared():
    export = qualtrics(SURVEY, values="numeric")
    result = imported(export, direction="as_is")
    assert_recovered(export, result)
    assert result.report.direction == "as exported (declared: 1 = lowest)"
    assert result.report.format == "Qualtrics export (numeric values)"


def test_numeric_values_coded_one_is_best_come_back_with_reverse():
    export = qualtrics(SURVEY, values="numeric", reversed_codes=True)
    assert_recovered(export, imported(export, direction="reverse"))
    wrong = imported(export, direction="as_is")
    assert (
        wrong.survey.ratings["importance"].sum()
        != imported(export, direction="reverse").survey.ratings["importance"].sum()
    )


def test_numeric_values_with_the_qsf_codebook_need_no_direction():
    export = qualtrics(SURVEY, values="numeric", reversed_codes=True)
    book = load_codebook(qualtrics_qsf(SURVEY, reversed_codes=True), "travel.qsf")
    result = imported(export, codebook=book)
    assert_recovered(export, result)
    assert result.report.direction == "codebook"
    assert result.report.pairing["measure: answer labels"] == 36


def test_warn_reads_as_exported_and_says_so_loudly():
    export = qualtrics(SURVEY, values="numeric")
    result = imported(export, direction="warn")
    assert_recovered(export, result)
    warning = next(w for w in result.report.warnings if w.text.startswith("ASSUMED DIRECTION"))
    assert "1 = lowest" in warning.text and "--reverse" in warning.fix
    assert result.report.direction == "as exported (assumed)"


def test_minus_99_is_missing_and_counted_as_a_negative_code():
    export = qualtrics(SURVEY, values="numeric", minus99=True)
    result = imported(export, direction="as_is")
    missing = sum(v is None for pair in export.expected().values() for v in pair)
    missing += sum(v is None for r in export.kept for name in SURVEY.competitors for v in r.competitors[name])
    assert result.report.invalid_totals() == Counter({reasons.NEGATIVE: missing})


def test_import_ids_with_time_zones_and_a_trailing_empty_column_are_read():
    for seed in range(4):
        export = qualtrics(SURVEY, seed=seed)
        assert export.data.startswith(b"\xef\xbb\xbf")
        assert_recovered(export, imported(export))


def test_metadata_is_left_out_and_listed():
    result = imported(qualtrics(SURVEY))
    note = next(n for n in result.report.notes if "platform metadata" in n)
    assert "StartDate" in note and "IPAddress" in note
    headers = result.survey.attribute_catalogue["original_header"].tolist()
    assert headers == ["Q1", "Q30_TEXT", "PROLIFIC_PID"]
    assert any("Q1_DO" in n and "bookkeeping" in n for n in result.report.notes)


def test_side_by_side_measures_come_from_the_scale_headers_when_values_are_numeric():
    export = qualtrics(SURVEY, values="numeric", layout="side_by_side")
    result = imported(export, direction="as_is")
    assert_recovered(export, result)
    assert result.report.pairing["measure: scale header"] == 9 * 4


def test_steps_come_from_the_question_wording():
    result = imported(qualtrics(SURVEY))
    assert result.survey.steps["name"].tolist() == ["Plan the trip", "Book the flights", "Pack the luggage"]
    assert any("Job steps from the question wording: 3" in n for n in result.report.notes)


def test_numbered_labels_need_no_direction():
    export = qualtrics(SURVEY, values="numbered")
    assert b"5 - Extremely important" in export.data
    result = imported(export)  # the default "ask" does not stop: the words say which end is which
    assert_recovered(export, result)
    assert result.report.pairing["measure: answer labels"] == 36 and not result.report.needs_direction


def test_numeric_values_are_labelled_numeric_even_when_status_is_spelled_as_text():
    """The label follows the answers: a numeric-values export whose Status reads "IP Address" is not "choice text"."""
    export = qualtrics(SURVEY, values="numeric", bom=False)
    rows = list(csv.reader(io.StringIO(export.data.decode("utf-8"), newline="")))
    status = rows[0].index("Status")
    for row in rows[3:]:
        row[status] = {"0": "IP Address", "1": "Survey Preview", "2": "Survey Test", "8": "Spam"}[row[status]]
    result = import_survey(text_bytes(rows), export.file_name, direction="as_is")
    assert result.report.format == "Qualtrics export (numeric values)"
    assert "choice text" not in result.report.to_text()
