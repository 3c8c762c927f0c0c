"""Issue 11 item 1 in the real app: a survey with rating-like columns but no importance/satisfaction
evidence is never imported on a guess — the Data page opens the column-mapping screen, naming them."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core.workspace.database import Workspace
from tests.app.app_helpers import texts
from tests.platform_exports.non_jtbd import limesurvey_wellbeing
from ui.mapping_screen import MAPPING_DRAFT
from ui.upload import PENDING


def test_a_non_jtbd_export_opens_the_mapping_screen_instead_of_importing(app: AppTest, stored: Workspace):
    app.file_uploader[0].upload("results-survey-wellbeing.csv", limesurvey_wellbeing(), "text/csv").run()
    assert not app.exception, app.exception
    assert MAPPING_DRAFT in app.session_state and PENDING not in app.session_state
    draft = app.session_state[MAPPING_DRAFT]
    assert draft.mapping.rating_columns() == []
    shown = texts(app.warning)  # as the browser shows it (the headers are escaped)
    assert "11 columns were not recognised" in shown and "[Tired][Scale 1]" in shown
