"""Answer labels that several 5-point scales put on different points (core.intake.labels, "Decision").

"Somewhat satisfied" is the bipolar scales' 4 and another wording of the unipolar scale's 3;
"very important" is the standard importance scale's 4 and the top of "important / very
important". Answers that use only such labels are read on one scale, and the report says which
and what else they could mean, never silently.
"""

from __future__ import annotations

from core.intake.importers import import_survey
from core.intake.importers.assemble import LABEL_TIE
from core.intake.labels import label_book
from core.intake.scales import SCALES
from tests.unit.xlsx_helpers import assert_actionable, csv_bytes, messages, xlsx_bytes


def test_a_label_that_is_a_scale_s_own_wording_decides_the_tie():
    book = label_book()
    chosen, unknown = book.choose({"somewhat satisfied"}, "satisfaction")
    assert chosen is not None and not unknown
    assert chosen.points["somewhat satisfied"] == 4  # the bipolar scales' own wording, the unipolar scale's alias
    assert book.rivals({"somewhat satisfied"}, chosen, "satisfaction") == []


def test_a_tie_between_scales_own_wordings_names_every_reading():
    book = label_book()
    chosen, _ = book.choose({"very important"}, "importance")
    assert chosen is not None and chosen.points["very important"] == 4  # the first scale in the file
    rivals = book.rivals({"very important"}, chosen, "importance")
    assert [r.points["very important"] for r in rivals] == [5]
    assert chosen.span == "'not at all important' to 'extremely important'"


def test_a_label_only_one_of_the_scales_knows_settles_the_tie():
    book = label_book()
    labels = {"very important", "extremely important"}
    chosen, _ = book.choose(labels, "importance")
    assert chosen is not None and chosen.points["very important"] == 4
    assert book.rivals(labels, chosen, "importance") == []


def test_two_labels_both_scales_know_can_still_be_read_two_ways():
    book = label_book()
    labels = {"very important", "moderately important"}  # 4 and 3, or 5 and 3
    chosen, _ = book.choose(labels, "importance")
    assert chosen is not None
    assert [r.points["very important"] for r in book.rivals(labels, chosen, "importance")] == [5]


def test_labels_every_scale_puts_on_the_same_point_raise_no_doubt():
    book = label_book()
    chosen, _ = book.choose({"neutral"}, "satisfaction")
    assert chosen is not None
    assert book.rivals({"neutral"}, chosen, "satisfaction") == []


def _workbook(importance: str, satisfaction: str) -> bytes:
    return xlsx_bytes(
        {
            "responses": [
                ["respondent_id", "imp_O1", "sat_O1", "imp_O2", "sat_O2"],
                ["R1", importance, satisfaction, importance, satisfaction],
                ["R2", importance, satisfaction, importance, satisfaction],
            ]
        }
    )


def test_a_wide_survey_answered_only_very_important_is_read_with_a_warning():
    result = import_survey(_workbook("Very important", "Extremely satisfied"), "pilot.xlsx")
    assert result.ok, result.report.to_text()
    assert_actionable(result.report)
    assert set(result.survey.ratings["importance"].tolist()) == {4}
    ties = [w for w in result.report.warnings if LABEL_TIE in w.text]
    assert len(ties) == 1, messages(result.report)  # once for the measure, not once per column
    assert "importance" in ties[0].text
    assert "'very important' as 4" in ties[0].text and "'very important' as 5" in ties[0].text
    assert "export the answers as numbers" in ties[0].fix


def test_a_wide_survey_answered_only_somewhat_satisfied_is_read_on_the_bipolar_scale_without_doubt():
    result = import_survey(_workbook("Extremely important", "Somewhat satisfied"), "pilot.xlsx")
    assert result.ok, result.report.to_text()
    assert set(result.survey.ratings["satisfaction"].tolist()) == {4}
    assert LABEL_TIE not in messages(result.report)


def test_a_long_table_answered_only_very_important_is_read_with_a_warning():
    rows = [["respondent_id", "outcome_id", "importance", "satisfaction"]]
    rows += [[f"R{r}", f"O{o}", "Very important", "Slightly satisfied"] for r in (1, 2) for o in (1, 2)]
    result = import_survey(csv_bytes(rows), "pilot_long.csv")
    assert result.ok, result.report.to_text()
    assert_actionable(result.report)
    assert set(result.survey.ratings["importance"].tolist()) == {4}
    assert set(result.survey.ratings["satisfaction"].tolist()) == {2}
    ties = [w for w in result.report.warnings if LABEL_TIE in w.text]
    assert len(ties) == 1 and "importance" in ties[0].text, messages(result.report)


def test_labels_on_a_seven_point_scale_raise_no_tie_warning():
    result = import_survey(
        xlsx_bytes(
            {
                "responses": [
                    ["respondent_id", "imp_O1", "sat_O1"],
                    ["R1", "Very important", 7],
                    ["R2", 6, 1],
                ]
            }
        ),
        "seven.xlsx",
        scale=SCALES["1-7"],
    )
    assert result.ok, result.report.to_text()
    assert LABEL_TIE not in messages(result.report)
