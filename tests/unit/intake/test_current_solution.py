"""Issue 11 item 6: the current solution from real exports. Questions such as "What do you use today
to …" are the current-solution attribute, the column-mapping screen has a role for it, and the
competitor analysis (Competitors page, Focus matrix) scores competitors from it without a
competitors sheet. Importer and analysis use one rule (:mod:`core.intake.current_solution`)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from core.analysis.competitors import competitor_scores, competitor_source, current_solution_attribute
from core.intake.current_solution import is_current_solution
from core.intake.importers import import_survey
from core.intake.importers.codebook import load_codebook
from core.intake.importers.mapping import ATTRIBUTE, CURRENT_SOLUTION
from core.intake.importers.pipeline import detect_mapping
from core.intake.mapping_table import ROLE_LABELS, mapping_from_table, mapping_table
from core.intake.store import store_survey
from tests.platform_exports.model import TOOLS, make_survey
from tests.platform_exports.qualtrics import qualtrics, qualtrics_qsf
from tests.platform_exports.surveymonkey import surveymonkey

SURVEY = make_survey(7, respondents=40)


@pytest.mark.parametrize(
    ("text", "current"),
    [
        ("What do you use today to plan your trips?", True),
        ("Which tool do you currently use?", True),
        ("Current provider", True),
        ("Which travel tool do you use today? - Response", True),
        ("What software are you currently using for payroll?", True),
        ("current_solution", True),
        ("How satisfied are you with your current solution?", False),
        ("Which tool would you use next?", False),
        ("How many people work in your company?", False),
        ("Q12", False),
    ],
)
def test_the_current_solution_wording(text, current):
    assert is_current_solution(text) is current


@pytest.mark.parametrize("export", [qualtrics(SURVEY), surveymonkey(SURVEY)], ids=["qualtrics", "surveymonkey"])
def test_an_export_without_a_competitors_sheet_scores_competitors_by_current_solution(export, workspace):
    proposal = detect_mapping(export.data, export.file_name)
    current = [c for c in proposal.mapping.columns if c.role == CURRENT_SOLUTION]
    assert len(current) == 1 and "use today" in (proposal.texts[current[0].index] or current[0].header)
    result = import_survey(export.data, export.file_name)
    assert result.ok, result.report.to_text()
    assert result.report.current_solution == current[0].header
    store_survey(workspace, result.survey)
    attribute = current_solution_attribute(workspace)
    assert attribute is not None and competitor_source(workspace) == f"attribute:{attribute}"
    scores = competitor_scores(workspace)
    assert set(scores["competitor"]) == {r.tool for r in SURVEY.respondents}


def test_a_column_set_by_hand_on_the_mapping_screen_is_the_current_solution(workspace):
    """A header that says nothing ("Q1" in a numeric export re-labelled) becomes the current solution by hand."""
    export = qualtrics(SURVEY)
    proposal = detect_mapping(export.data, export.file_name)
    table = mapping_table(proposal, proposal.mapping)
    tool = int(table.loc[table["role"] == ROLE_LABELS[CURRENT_SOLUTION], "index"].iloc[0])
    table.loc[table["index"] == tool, "role"] = ROLE_LABELS[ATTRIBUTE]
    plain = mapping_from_table(proposal.mapping, pd.DataFrame(table))
    assert plain.role_of(tool).role == ATTRIBUTE
    table.loc[table["index"] == tool, "role"] = ROLE_LABELS[CURRENT_SOLUTION]
    again = mapping_from_table(plain, pd.DataFrame(table))
    assert again.role_of(tool).role == CURRENT_SOLUTION and again.role_of(tool).rule == "set by hand"
    result = import_survey(export.data, export.file_name, mapping=again)
    assert result.ok and result.report.current_solution == proposal.headers[tool]
    store_survey(workspace, result.survey)
    assert competitor_source(workspace) == f"attribute:{current_solution_attribute(workspace)}"


def test_a_numeric_export_s_current_solution_question_is_the_current_solution(workspace):
    """Qualtrics "numeric values" write the tool question as choice numbers (1, 2, 3), which look
    like ratings; its wording still makes it the current solution (not a question left unused),
    and with the survey's .qsf the competitors carry the tools' names."""
    export = qualtrics(SURVEY, values="numeric")
    proposal = detect_mapping(export.data, export.file_name)
    current = [c for c in proposal.mapping.columns if c.role == CURRENT_SOLUTION]
    assert [c.header for c in current] == ["Q1"]
    qsf = json.loads(qualtrics_qsf(SURVEY))
    choices = {str(n): {"Display": tool} for n, tool in enumerate(TOOLS, 1)}
    tool_question = {"QuestionID": "QID1", "DataExportTag": "Q1", "QuestionType": "MC", "Choices": choices}
    qsf["SurveyElements"].append({"Element": "SQ", "PrimaryAttribute": "QID1", "Payload": tool_question})
    book = load_codebook(json.dumps(qsf).encode(), "travel.qsf")
    result = import_survey(export.data, export.file_name, codebook=book)
    assert result.ok, result.report.to_text()
    assert result.report.current_solution == "Q1"
    store_survey(workspace, result.survey)
    assert competitor_source(workspace) == f"attribute:{current_solution_attribute(workspace)}"
    assert set(competitor_scores(workspace)["competitor"]) == {r.tool for r in SURVEY.respondents}
