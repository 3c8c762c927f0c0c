"""Issue 9.1 through the app: a hostile workbook uploaded on the Data page or restored on the
Export page costs its uploader a clear message; nothing is stored and the app goes on.

Before, the dimension bomb aborted the server process (every session: "Connection error").
The lying bomb passes the limits check and is stopped by the reading child's memory limit; a
second child then scans its cells and names its real size.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.intake.store import survey_info
from core.intake.survey_queries import outcomes_table, steps_table
from core.workspace.database import Workspace, open_workspace
from core.workspace.file import workspace_xlsx
from tests.app.app_helpers import new_app, texts, visit
from tests.hostile_files import dimension_bomb, lying_sheet_in, shared_strings_bomb

UPLOAD_TIMEOUT = 120


@pytest.mark.parametrize(
    ("bomb", "said"),
    [
        (dimension_bomb("truth"), "16,384 columns (limit 2,000)"),
        # no dimension: the reading child does not measure it first; its memory limit stops the read
        # and a second child names the size (core.intake.upload_check)
        (dimension_bomb("none"), "16,384 columns (limit 2,000)"),
        (shared_strings_bomb(64), "zip bomb"),
        # its dimension says A1:B2: the child runs out of memory, then a second child scans the
        # sheet's cells and names the size the dimension hid
        (dimension_bomb("lie"), "spans 1,048,576 rows × 16,384 columns"),
    ],
    ids=["dimension", "undeclared-dimension", "zip", "lying-dimension"],
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


def _workspace_file(token: str) -> bytes:
    workspace = open_workspace(token)
    try:
        return workspace_xlsx(workspace)
    finally:
        workspace.close()


def _survey(token: str) -> tuple:
    """What a restore would replace: the survey's file name, steps and outcomes."""
    workspace = open_workspace(token)
    try:
        return survey_info(workspace).file_name, steps_table(workspace), outcomes_table(workspace)
    finally:
        workspace.close()


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda good: shared_strings_bomb(64), "zip bomb"),
        # every sheet name right, so it passes the sheet-name check and reaches the bounded reader
        (
            lying_sheet_in,
            "1,048,576 rows × 16,384 columns, beyond the limits of a survey: 16,384 columns (limit 2,000)",
        ),
    ],
    ids=["zip", "lying-sheet-in-a-workspace-file"],
)
def test_a_bomb_restored_costs_a_message_and_changes_nothing(sample_token: str, make, said: str):
    at = visit(new_app(sample_token), "pages/export.py")
    name, steps, outcomes = _survey(sample_token)
    bomb = make(_workspace_file(sample_token))
    at.file_uploader(key="export_upload_0").upload("workspace.xlsx", bomb).run(timeout=UPLOAD_TIMEOUT)
    assert not at.exception
    assert said in texts(at.error[:1])
    assert not [b for b in at.button if "Restore" in (b.label or "")]
    after = _survey(sample_token)
    assert after[0] == name and after[1].equals(steps) and after[2].equals(outcomes)


@pytest.mark.parametrize(
    ("declare", "said", "fix"),
    [
        ("lie", "16,384 columns (limit 2,000)", "Delete the rows and columns beyond the survey's data"),
        ("none", "16,384 columns (limit 2,000)", "Delete the rows and columns beyond the survey's data"),
    ],
    ids=["lying-dimension", "undeclared-dimension"],
)
def test_a_job_map_file_that_lies_about_its_size_costs_a_message_not_the_server(
    sample_token: str, declare: str, said: str, fix: str
):
    """Before, the Job map page read a job-map file in the server process: this 2 KB workbook
    (its sheet says A1:B2 and holds XFD1048576) made the reader allocate 512 GiB and the server
    process abort (SIGABRT), taking every session with it (and this test run). With a lying
    dimension or none, the read stopped for memory is measured afterwards (every cell reference
    scanned) and the message names the size."""
    at = visit(new_app(sample_token), "pages/job_map.py")
    before = _survey(sample_token)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at.file_uploader[0].set_value(("map.xlsx", dimension_bomb(declare), xlsx)).run(timeout=UPLOAD_TIMEOUT)
    assert not at.exception, at.exception
    error = texts(at.error)
    assert "Not applied:" in error and said in error and fix in error
    after = _survey(sample_token)
    assert after[1].equals(before[1]) and after[2].equals(before[2])
