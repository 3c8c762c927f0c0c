"""Microsoft Forms (docs/FORMATS.md §4): statement-only headers that repeat between the importance and the
satisfaction block are paired by the answers' labels (bare numbers need the user's mapping), and the log says which."""

from __future__ import annotations

from core.intake.importers import import_survey
from core.intake.importers.pipeline import detect_mapping
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


def test_rating_numbers_without_wording_are_not_guessed_by_block_order():
    """Issue 11 item 1 changed this: repeated statements answered with bare numbers used to be paired by
    block order (first block importance). Nothing in the file says which block is which, so the
    import stops and names the columns; the user's mapping decides."""
    export = microsoft_forms(SURVEY, values="numbers")
    refused = import_survey(export.data, export.file_name, direction="as_is")
    assert not refused.ok and refused.report.errors[0].text.startswith("Nothing to score: 0 importance columns")
    proposal = detect_mapping(export.data, export.file_name)
    mapping = proposal.mapping
    for index in proposal.unrecognised:
        first = proposal.headers.index(proposal.headers[index]) == index
        mapping = mapping.with_role(index, role="importance" if first else "satisfaction")
    result = imported(export, mapping=mapping)
    assert_recovered(export, result)
    assert result.report.pairing == {"measure: set by hand": 18}


def test_everything_lands_in_one_step_to_arrange_later():
    result = imported(microsoft_forms(SURVEY))
    assert result.survey.steps["name"].tolist() == ["Unassigned"]
    assert any("'Unassigned', to arrange on the Job map page" in n for n in result.report.notes)
    assert result.survey.respondents["respondent_id"].tolist()[:3] == ["1", "2", "3"]
