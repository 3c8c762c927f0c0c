"""The column-mapping screen on the Data page, through the real app and its file uploader."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core.intake.importers.mapping import saved_mapping
from core.intake.importers.pipeline import detect_mapping
from core.intake.mapping_table import ROLE_LABELS, mapping_table, saved_direction
from core.intake.store import survey_info
from core.workspace.database import Workspace
from tests.app.app_helpers import finish_jobs
from tests.platform_exports.model import make_survey
from tests.platform_exports.qualtrics import qualtrics
from ui.mapping_screen import MAPPING_DRAFT
from ui.upload import PENDING

ODD_TABLE = (
    b"Respondent,How important is fast delivery?,How satisfied are you with fast delivery?,"
    b"Delivery importance (2),Shoe size\n"
    b"1,5,2,4,42\n2,4,1,5,40\n3,3,3,4,38\n4,5,1,5,44\n"
)


def sidebar_metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.sidebar.metric if m.label == label)


def apply_mapping(at: AppTest) -> AppTest:
    at.button(key="mapping_apply").click().run()
    assert not at.exception, at.exception
    return at


def test_a_numeric_export_asks_which_way_the_numbers_run(app: AppTest, stored: Workspace):
    export = qualtrics(make_survey(3, respondents=10), values="numeric")
    app.file_uploader[0].upload(export.file_name, export.data).run()

    assert MAPPING_DRAFT in app.session_state and PENDING not in app.session_state
    assert any("cannot tell which end of the scale is the best" in m.value for m in app.markdown)
    assert app.button(key="mapping_apply").disabled  # nothing is guessed: the user must choose

    app.radio(key="mapping_direction").set_value("reverse").run()
    apply_mapping(app)
    pending = app.session_state[PENDING]
    assert pending.ok, pending.report.to_text()
    finish_jobs(app.button(key="data_confirm").click().run())
    assert sidebar_metric(app, "Respondents") == str(len(export.kept))

    signature = detect_mapping(export.data, export.file_name).signature
    assert saved_direction(stored, signature) == "reverse"
    assert saved_mapping(stored, signature) is not None

    # The same survey exported again: mapped and directed as before, without the screen.
    app.session_state["data_tab"] = "Load data"
    app.run()
    app.file_uploader[0].upload("again_" + export.file_name, export.data).run()
    assert MAPPING_DRAFT not in app.session_state
    assert app.session_state[PENDING].ok


def test_unrecognised_columns_are_mapped_by_hand_and_remembered(app: AppTest, stored: Workspace):
    app.file_uploader[0].upload("odd.csv", ODD_TABLE, "text/csv").run()
    draft = app.session_state[MAPPING_DRAFT]
    assert draft.proposal.unrecognised  # the screen is shown because a column was not recognised
    assert any("not recognised" in w.value for w in app.warning)

    # Mark "Delivery importance (2)" as ignored and "Respondent" as an attribute, then apply.
    table = mapping_table(draft.proposal, draft.mapping)
    extra = int(table.index[table["column"] == "Delivery importance (2)"][0])
    edits = {"edited_rows": {extra: {"role": ROLE_LABELS["ignore"]}}, "added_rows": [], "deleted_rows": []}
    app.session_state[f"mapping_editor_{draft.proposal.signature}"] = edits
    app.run()
    app.radio(key="mapping_direction").set_value("as_is").run()  # numbers only: the direction is asked too
    apply_mapping(app)
    pending = app.session_state[PENDING]
    assert pending.ok, pending.report.to_text()
    finish_jobs(app.button(key="data_confirm").click().run())

    info = survey_info(stored)
    assert (info.respondents, info.outcomes) == (4, 1)
    mapping = saved_mapping(stored, draft.proposal.signature)
    ignored = next(c for c in mapping.columns if c.header == "Delivery importance (2)")
    assert (ignored.role, ignored.rule) == ("ignore", "set by hand")


def test_the_screen_shows_each_column_with_its_question_text(app: AppTest):
    survey = make_survey(3, respondents=10)
    export = qualtrics(survey, values="numeric", html=False)
    app.file_uploader[0].upload(export.file_name, export.data).run()
    assert MAPPING_DRAFT in app.session_state
    shown = app.dataframe[0].value.set_index("column") if app.dataframe else None
    assert shown is not None, "the mapping editor is on screen"
    question = shown.loc["Q10_1", "question"]
    assert "how important is each of the following" in question
    assert question.endswith(survey.outcomes[0].statement)
