"""Microsoft Forms (docs/FORMATS.md §4): statement-only headers that repeat between the importance and the
satisfaction block are paired by the answers' labels, then by block order, and the log says which."""

from __future__ import annotations

from tests.platform_exports.microsoft_forms import microsoft_forms
from tests.platform_exports.model import make_survey
from tests.platform_exports.recovered import assert_recovered, imported

SURVEY = make_survey(41, respondents=10)


def test_repeated_statements_are_paired_by_the_label_vocabulary():
    export = microsoft_forms(SURVEY)
    result = imported(export)
    assert_recovered(export, result)
    assert result.report.platform == "Microsoft Forms"
    assert result.report.pairing == {"measure: answer labels": 18, "pair: statement text": 9}
    assert "Measures decided by answer labels (18 columns)." in result.report.notes


def test_shuffled_columns_still_pair_by_labels():
    export = microsoft_forms(SURVEY, shuffled=True, seed=3)
    assert export.order != sorted(export.order)
    assert_recovered(export, imported(export))


def test_rating_numbers_pair_by_block_order_and_say_so():
    export = microsoft_forms(SURVEY, values="numbers")
    result = imported(export)
    assert_recovered(export, result)
    assert result.report.pairing == {"measure: block order": 18, "pair: statement text": 9}
    assert "Measures decided by block order (18 columns)." in result.report.notes
    assert result.mapping.role_of(7).rule == "block order" and result.mapping.role_of(7).role == "importance"


def test_everything_lands_in_one_step_to_arrange_later():
    result = imported(microsoft_forms(SURVEY))
    assert result.survey.steps["name"].tolist() == ["Unassigned"]
    assert any("'Unassigned', to arrange on the Job map page" in n for n in result.report.notes)
    assert result.survey.respondents["respondent_id"].tolist()[:3] == ["1", "2", "3"]
