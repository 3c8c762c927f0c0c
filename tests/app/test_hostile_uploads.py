"""Issue 9.1 through the app: a hostile workbook uploaded on the Data page or restored on the
Export page costs its uploader a clear message; nothing is stored and the app goes on.

Before, the dimension bomb aborted the server process (every session: "Connection error").
The lying bomb passes the limits check and is stopped by the reading child's memory limit.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.intake.store import survey_info
from core.workspace.database import Workspace
from tests.app.app_helpers import new_app, texts, visit
from tests.hostile_files import dimension_bomb, shared_strings_bomb

UPLOAD_TIMEOUT = 120


@pytest.mark.parametrize(
    ("bomb", "said"),
    [
        (dimension_bomb("truth"), "16,384 columns (limit 2,000)"),
        (shared_strings_bomb(64), "zip bomb"),
        (dimension_bomb("lie"), "needed more than 2,048 MiB of memory"),
    ],
    ids=["dimension", "zip", "lying-dimension"],
)
def test_a_bomb_uploaded_on_the_data_page_is_refused_and_nothing_is_stored(
    app: AppTest, stored: Workspace, bomb: bytes, said: str
):
    app.file_uploader[0].upload("bomb.xlsx", bomb).run(timeout=UPLOAD_TIMEOUT)
    assert not app.exception
    assert "bomb.xlsx cannot be imported" in texts(app.subheader)
    errors = texts(app.error)
    assert said in errors and "Nothing was stored." in errors
    assert survey_info(stored).file_name != "bomb.xlsx"

    app.button(key="data_dismiss").click().run()  # the session goes on
    assert not app.exception and not app.error


@pytest.mark.parametrize(
    ("bomb", "said"),
    [
        (dimension_bomb("none"), "16,384 columns (limit 2,000)"),
        # its sheet is not a workspace sheet: refused before any cell is read
        (dimension_bomb("lie"), "is not a workspace file"),
    ],
    ids=["dimension", "lying-dimension"],
)
def test_a_bomb_uploaded_to_restore_is_refused_with_a_sentence(sample_token: str, bomb: bytes, said: str):
    at = visit(new_app(sample_token), "pages/export.py")
    at.file_uploader(key="export_upload_0").upload("workspace.xlsx", bomb).run(timeout=UPLOAD_TIMEOUT)
    assert not at.exception
    assert said in texts(at.error[:1])
    assert not [b for b in at.button if "Restore" in (b.label or "")]
