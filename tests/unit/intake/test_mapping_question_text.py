"""The column-mapping table shows each column's question text next to its header (issue 10.7)."""

from __future__ import annotations

from core.intake.importers.pipeline import detect_mapping
from core.intake.mapping_table import mapping_table
from tests.platform_exports.model import make_survey
from tests.platform_exports.qualtrics import qualtrics
from tests.unit.xlsx_helpers import csv_bytes

SURVEY = make_survey(3, respondents=10)


def test_qualtrics_columns_show_their_tag_and_their_question_text():
    export = qualtrics(SURVEY, values="numeric", html=False)
    proposal = detect_mapping(export.data, export.file_name)
    table = mapping_table(proposal, proposal.mapping).set_index("column")
    statement = SURVEY.outcomes[0].statement
    row = table.loc["Q10_1"]
    assert row["question"].startswith("When you ") and "how important is each of the following" in row["question"]
    assert row["question"].endswith(f" - {statement}")


def test_a_header_that_is_the_question_gets_no_repeat():
    data = csv_bytes(
        [
            ["Timestamp", "How important is it? [Fast delivery]", "How satisfied are you? [Fast delivery]"],
            ["2024/01/01 10:00:00 AM EST", "5", "2"],
        ]
    )
    proposal = detect_mapping(data, "forms.csv")
    table = mapping_table(proposal, proposal.mapping)
    assert proposal.headers and len(proposal.texts) == len(proposal.headers)
    assert (table["question"] == "").all(), table[["column", "question"]]
