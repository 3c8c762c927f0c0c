"""The "Keep partial responses" setting of the Data page (issue 10.7), through the real app."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core.intake.import_settings import keep_partial
from core.intake.store import survey_info
from core.workspace.database import Workspace
from tests.app.app_helpers import finish_jobs, texts
from tests.platform_exports.model import make_survey
from tests.platform_exports.qualtrics import qualtrics
from ui.partial_setting import KEY
from ui.upload import PENDING

SURVEY = make_survey(5, respondents=10, statuses={"partial": 3})


def confirm(at: AppTest) -> AppTest:
    at.button(key="data_confirm").click().run()
    return finish_jobs(at)


def test_keeping_partial_responses_is_saved_and_reads_the_stored_file_again(app: AppTest, stored: Workspace):
    export = qualtrics(SURVEY)
    app.file_uploader[0].upload(export.file_name, export.data).run()
    pending = app.session_state[PENDING]
    assert pending.ok, pending.report.to_text()
    assert "'Keep partial responses' setting" in "\n".join(pending.report.dropped_respondents)
    confirm(app)
    assert survey_info(stored).respondents == 10

    app.session_state["data_tab"] = "Load data"
    app.run()
    assert app.checkbox(key=KEY).value is False
    app.checkbox(key=KEY).check().run()
    assert not app.exception, app.exception
    assert keep_partial(stored) is True
    assert "Read “survey export” again, keeping partial responses?" in texts(app.subheader)
    assert app.session_state[PENDING].report.respondents == 13
    assert survey_info(stored).respondents == 10  # nothing changes before the confirmation

    confirm(app)
    assert survey_info(stored).respondents == 13


def test_the_setting_applies_to_the_next_upload(app: AppTest, stored: Workspace):
    app.checkbox(key=KEY).check().run()
    assert keep_partial(stored) is True
    assert "from the next upload on" in texts(app.toast)  # the sample has no partial responses to re-read
    assert PENDING not in app.session_state

    export = qualtrics(SURVEY, keep_partial=True)
    app.file_uploader[0].upload(export.file_name, export.data).run()
    pending = app.session_state[PENDING]
    assert pending.ok and pending.report.respondents == len(export.kept) == 13
    assert "3 unfinished responses were kept" in "\n".join(pending.report.notes)
