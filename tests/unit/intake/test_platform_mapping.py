"""The column-mapping API the mapping screen is built on: propose, edit, import, save, offer again."""

from __future__ import annotations

import json

import pytest

from core.intake.importers import import_survey
from core.intake.importers.mapping import (
    ATTRIBUTE,
    COMPETITOR,
    IGNORE,
    IMPORTANCE,
    NOT_RECOGNISED,
    SATISFACTION,
    USER_RULE,
    ColumnMapping,
    header_signature,
    save_mapping,
    saved_mapping,
)
from core.intake.importers.pipeline import detect_mapping
from tests.platform_exports.files import text_bytes
from tests.platform_exports.google_forms import google_forms
from tests.platform_exports.microsoft_forms import microsoft_forms
from tests.platform_exports.model import make_survey
from tests.platform_exports.qualtrics import qualtrics
from tests.platform_exports.recovered import assert_recovered, imported, ratings
from tests.unit.survey_builders import canonical_workbook
from tests.unit.xlsx_helpers import assert_actionable

SURVEY = make_survey(81, statuses={"preview": 1})


def test_a_proposal_describes_every_column():
    export = qualtrics(SURVEY)
    proposal = detect_mapping(export.data, export.file_name)
    assert proposal.platform == "Qualtrics" and proposal.layout == "Qualtrics export (choice text)"
    assert len(proposal.header_rows) == 3 and proposal.headers[0] == "StartDate"
    mapping = proposal.mapping
    assert [c.index for c in mapping.columns] == list(range(len(proposal.headers)))
    assert mapping.respondent_id == proposal.headers.index("ResponseId")
    roles = [c.role for c in mapping.columns]
    assert roles.count(IMPORTANCE) == 9 and roles.count(SATISFACTION) == 9
    first = mapping.role_of(proposal.headers.index("Q10_1"))
    assert (first.role, first.outcome, first.step, first.rule) == (IMPORTANCE, "O1", "Plan the trip", "answer labels")
    assert first.statement == "Minimize the time it takes to plan the trip"
    paired = mapping.role_of(proposal.headers.index("Q11_1"))
    assert (paired.role, paired.outcome, paired.pair_rule) == (SATISFACTION, "O1", "statement text")
    assert proposal.unrecognised == [] and not proposal.asks_direction
    assert proposal.samples[proposal.headers.index("Q10_1")]
    assert mapping.outcomes()[0] == ("O1", "Minimize the time it takes to plan the trip", "Plan the trip")


def test_numeric_exports_say_the_direction_is_unknown_before_importing():
    export = qualtrics(SURVEY, values="numeric")
    proposal = detect_mapping(export.data, export.file_name)
    assert proposal.asks_direction and proposal.direction_unknown[0] == "Q10_1"
    assert len(proposal.direction_unknown) == 18


def test_the_signature_depends_on_the_header_only():
    one = qualtrics(make_survey(1, respondents=5), seed=0)
    other = qualtrics(make_survey(1, respondents=9), seed=0)
    assert detect_mapping(one.data, "a.csv").signature == detect_mapping(other.data, "renamed.csv").signature
    again = [qualtrics(make_survey(1, respondents=5), seed=3), qualtrics(make_survey(1, respondents=5), fmt="xlsx")]
    assert {detect_mapping(e.data, e.file_name).signature for e in again} == {
        detect_mapping(one.data, "a.csv").signature
    }  # another time zone in the ImportIds; .xlsx instead of .csv
    changed = qualtrics(make_survey(1, respondents=5, steps=2), seed=0)
    assert detect_mapping(changed.data, "a.csv").signature != detect_mapping(one.data, "a.csv").signature
    assert header_signature([["a", "b", ""]]) == header_signature([["a", "b"]])
    assert header_signature([["a", "b"]]) != header_signature([["b", "a"]])


def test_mappings_round_trip_through_json_and_the_workspace(workspace):
    proposal = detect_mapping(*_file(qualtrics(SURVEY)))
    stored = json.loads(json.dumps(proposal.mapping.to_json()))
    assert ColumnMapping.from_json(stored) == proposal.mapping
    assert saved_mapping(workspace, proposal.signature) is None
    save_mapping(workspace, proposal.signature, proposal.mapping)
    assert saved_mapping(workspace, proposal.signature) == proposal.mapping
    workspace.set_setting(f"mapping:{proposal.signature}", {"not": "a mapping"})
    assert saved_mapping(workspace, proposal.signature) is None


def _file(export):
    return export.data, export.file_name


def test_an_edited_mapping_is_what_gets_imported():
    export = qualtrics(SURVEY)
    proposal = detect_mapping(*_file(export))
    index = proposal.headers.index("Q11_1")
    edited = proposal.mapping.with_role(index, role=IGNORE)
    assert edited.role_of(index).rule == USER_RULE
    result = imported(export, mapping=edited)
    got = ratings(result)
    assert all(pair[1] is None for (rid, position), pair in got.items() if position == 0)
    assert "Columns mapped as given (1 set by hand)." in result.report.notes
    assert result.mapping is edited


def test_a_column_can_become_a_competitor_or_an_attribute():
    export = google_forms(SURVEY)
    proposal = detect_mapping(*_file(export))
    sat = proposal.headers.index(next(h for h in proposal.headers if "satisfied" in h))
    imp = proposal.headers.index(next(h for h in proposal.headers if "important" in h))
    edited = proposal.mapping.with_role(sat, role=COMPETITOR, competitor="Acme Travel").with_role(imp, role=ATTRIBUTE)
    result = imported(export, mapping=edited)
    assert set(result.survey.competitor_ratings["competitor"]) == {"Acme Travel"}
    assert proposal.headers[imp] in result.survey.attribute_catalogue["original_header"].tolist()


def test_a_saved_mapping_reused_on_the_next_file_with_the_same_header(workspace):
    first = microsoft_forms(make_survey(5, respondents=8), values="numbers")
    proposal = detect_mapping(*_file(first))
    mapping = proposal.mapping  # bare numbers under repeated statements: the user marks the two blocks
    for index in proposal.unrecognised:
        first_time = proposal.headers.index(proposal.headers[index]) == index
        mapping = mapping.with_role(index, role="importance" if first_time else "satisfaction")
    save_mapping(workspace, proposal.signature, mapping)
    second = microsoft_forms(make_survey(5, respondents=8), values="numbers", seed=9)
    again = detect_mapping(*_file(second))
    mapping = saved_mapping(workspace, again.signature)
    assert mapping is not None
    assert_recovered(second, imported(second, mapping=mapping))


def test_a_mapping_that_does_not_fit_the_file_is_refused_with_the_reason():
    proposal = detect_mapping(*_file(qualtrics(SURVEY)))
    other = google_forms(SURVEY)
    result = import_survey(other.data, other.file_name, mapping=proposal.mapping)
    assert not result.ok
    assert_actionable(result.report)
    assert "does not fit this file" in result.report.errors[0].text
    assert "column 1 is 'Timestamp' in the file but 'StartDate' in the mapping" in result.report.errors[0].text


def test_a_table_no_layout_matches_is_proposed_and_imported_with_a_mapping():
    rows = [
        ["Person", "Speed matters (1-5)", "Speed today (1-5)", "Team"],
        ["p1", 5, 2, "A"],
        ["p2", 4, 4, "B"],
        ["p3", 1, 5, "A"],
    ]
    data = text_bytes(rows)
    refused = import_survey(data, "mine.csv")
    assert not refused.ok and "column-mapping screen" in refused.report.errors[0].fix
    proposal = detect_mapping(data, "mine.csv")
    assert proposal.platform == "unknown" and proposal.unrecognised == [1, 2]
    assert [c.role for c in proposal.mapping.columns] == [ATTRIBUTE, ATTRIBUTE, ATTRIBUTE, ATTRIBUTE]
    mapping = (
        ColumnMapping(list(proposal.mapping.columns), respondent_id=0)
        .with_role(0, role=IGNORE)
        .with_role(1, role=IMPORTANCE, outcome="speed", statement="Minimize the time it takes")
        .with_role(2, role=SATISFACTION, outcome="speed")
    )
    asked = import_survey(data, "mine.csv", mapping=mapping)
    assert asked.report.needs_direction  # numbers of unknown origin: nothing is guessed
    result = import_survey(data, "mine.csv", mapping=mapping, direction="as_is")
    assert result.ok, result.report.to_text()
    assert result.survey.ratings[["importance", "satisfaction"]].values.tolist() == [[5, 2], [4, 4], [1, 5]]
    assert result.survey.outcomes["statement"].tolist() == ["Minimize the time it takes"]
    assert result.survey.respondents["respondent_id"].tolist() == ["p1", "p2", "p3"]


def test_rating_columns_no_rule_can_place_are_listed_and_kept(tmp_path):
    rows = [
        ["ID", "Start time", "Completion time", "Email", "Name", "Speed", "Price"],
        [1, "x", "y", "anonymous", "", 4, 2],
        [2, "x", "y", "anonymous", "", 5, 3],
    ]
    data = text_bytes(rows)
    proposal = detect_mapping(data, "forms.csv")
    assert proposal.platform == "Microsoft Forms"
    assert [proposal.headers[i] for i in proposal.unrecognised] == ["Speed", "Price"]
    assert all(proposal.mapping.role_of(i).rule == NOT_RECOGNISED for i in proposal.unrecognised)
    result = import_survey(data, "forms.csv")
    error = result.report.errors[0].text
    assert not result.ok and error.startswith("Nothing to score: 0 importance columns, 0 satisfaction columns")
    assert "'Speed', 'Price' (rating values, but no wording or answer label says" in error


def test_canonical_and_unreadable_files_propose_no_mapping(tmp_path):
    path = canonical_workbook(tmp_path / "c.xlsx", {"O1": ("Plan", "Minimize x")}, {"O1": [(5, 1), (4, 2)]})
    proposal = detect_mapping(path)
    assert proposal.platform == "canonical" and proposal.mapping is None
    broken = detect_mapping(b"", "empty.csv")
    assert broken.platform == "" and broken.mapping is None and not broken.report.ok


@pytest.mark.parametrize("role", ["importance", "nonsense"])
def test_mapping_problems_are_named(role):
    proposal = detect_mapping(*_file(google_forms(SURVEY)))
    bad = proposal.mapping.with_role(0, role=role, header="Renamed")
    problems = bad.problems(proposal.headers)
    assert any("column 1" in p for p in problems)
