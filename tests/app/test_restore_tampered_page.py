"""Restoring tampered workspace files through the Export page (issues 9.2 and 10.3): a broken file
is refused with a message naming the sheet, row and column and the workspace is unchanged; a file
whose settings were edited by hand restores with notes, and then every page renders, warning about
the settings it could not use."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from core.analysis.scoring import read_settings
from core.intake.store import survey_info
from core.strategy import scenarios
from core.workspace.database import open_workspace
from core.workspace.file import workspace_xlsx
from tests.app.app_helpers import REPO, new_app, switch_to, texts, visit

PAGE = "pages/export.py"
# Every page file, also those added after this test was written (hidden ones such as Next steps too)
PAGES = tuple(sorted(str(path.relative_to(REPO)) for path in (REPO / "pages").glob("*.py")))
HAND_EDITED = {
    "scoring": {"method": "magic", "extreme": "very", "high": 12, "solid": 10, "overserved_margin": 1, "x": 1},
    "competition": {"critical_threshold": 50, "important_min": "six", "min_respondents": 5000, "us": 7},
    "focus": {"focus_limit": 500, "important": "x", "target_margin": -3},
    "survey": {"name": "Hand-edited", "scale": "1-5", "top_points": [6, 7], "file_name": "x.xlsx"},
    # settings of the pages added later, read through the same loader
    "tradeoffs": {"by": "magic"},
    "communication": {"min_touchpoints": "many"},
    "customers": {"min_facts": 500},
}
# page → a warning it must show about the hand-edited settings it uses
PAGE_WARNINGS = {
    "pages/opportunities.py": "magic",
    "pages/focus_matrix.py": "focus_limit",
    "pages/trade_offs.py": "by = “magic”",
    "pages/communication.py": "min_touchpoints = “many”",
    "pages/customers.py": "min_facts = 500",
}


@pytest.fixture(scope="module")
def exported(sample_workspace_file) -> bytes:
    """The sample workspace exported as a file."""
    workspace = open_workspace_file(sample_workspace_file)
    content = workspace_xlsx(workspace)
    workspace.close()
    return content


def open_workspace_file(path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JTBD_DATA_DIR", str(path.parent))
        return open_workspace(path.stem)


def tamper(content: bytes, edit) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(content))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def duplicate_step_id(book: openpyxl.Workbook) -> None:
    sheet = book["steps"]
    sheet.cell(3, 1).value = sheet.cell(2, 1).value


def edit_settings(book: openpyxl.Workbook) -> None:
    sheet = book["settings"]
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    for key, value in HAND_EDITED.items():
        row = rows.get(key) or sheet.max_row + 1
        sheet.cell(row, 1).value = key
        sheet.cell(row, 2).value = json.dumps(value)


@pytest.fixture
def at(sample_token) -> AppTest:
    return visit(new_app(sample_token), PAGE)


def test_a_broken_file_is_refused_on_the_page_and_nothing_changes(at, ws, exported):
    scenarios.create_scenario(ws, "Mine")
    before = (survey_info(ws), scenarios.list_scenarios(ws)["name"].tolist(), read_settings(ws).settings)
    damaged = tamper(exported, duplicate_step_id)
    at.file_uploader(key="export_upload_0").upload("damaged.xlsx", damaged).run()
    assert not at.exception
    error = texts(at.error)
    assert "sheet 'steps'" in error and "step_id" in error and "rows 2 and 3" in error
    assert not at.main.button  # nothing to confirm (the sidebar keeps its Share menu)
    assert (survey_info(ws), scenarios.list_scenarios(ws)["name"].tolist(), read_settings(ws).settings) == before


@pytest.mark.timeout(600)  # every page of the app, after the restore
def test_hand_edited_settings_restore_with_notes_and_every_page_renders(at, ws, exported):
    edited = tamper(exported, edit_settings)
    at.file_uploader(key="export_upload_0").upload("edited.xlsx", edited).run()
    assert not at.exception
    pending = texts(at.warning)
    assert "sheet 'settings', row" in pending and "magic" in pending and "top-two-box points" in pending
    at.button(key="export_confirm").click().run()
    assert not at.exception
    assert "Restored" in at.success[0].value
    assert "magic" in texts(at.warning)
    assert survey_info(ws).name == "Hand-edited" and survey_info(ws).scale.top_points == (4, 5)
    assert "min_touchpoints" in pending and "min_facts" in pending  # the restore's notes name them too
    for page in PAGES:
        switch_to(at, page, timeout=120)  # shown, not replaced by a page-failure message
        if page in PAGE_WARNINGS:
            assert PAGE_WARNINGS[page] in texts(at.warning), (page, texts(at.warning))
    switch_to(at, "pages/opportunities.py")
    assert "magic" in texts(at.warning) and "Data page" in texts(at.warning)
    switch_to(at, "pages/focus_matrix.py", timeout=120)
    shown = texts(at.warning)
    assert "focus_limit" in shown and "critical_threshold" in shown


def add_capability_of_strength_9(book: openpyxl.Workbook) -> None:
    sheet = book["capabilities"] if "capabilities" in book.sheetnames else book.create_sheet("capabilities")
    sheet.delete_rows(1, sheet.max_row)
    sheet.append(["capability_id", "name", "strength", "cost"])
    sheet.append(["c1", "OCR engine", 9, "low"])


def test_a_value_the_app_does_not_allow_is_refused_on_the_page_and_nothing_changes(at, ws, exported):
    scenarios.create_scenario(ws, "Mine")

    def state():
        count = ws.cursor().execute("SELECT count(*) FROM capabilities").fetchone()
        return survey_info(ws), scenarios.list_scenarios(ws)["name"].tolist(), count

    before = state()
    damaged = tamper(exported, add_capability_of_strength_9)
    at.file_uploader(key="export_upload_0").upload("strength.xlsx", damaged).run()
    assert not at.exception
    error = texts(at.error)
    assert "sheet 'capabilities', row 2, column 'strength': 9 is not allowed here; use one of 0, 1, 2, 3" in error
    assert not at.main.button  # nothing to confirm (the sidebar keeps its Share menu)
    assert state() == before
