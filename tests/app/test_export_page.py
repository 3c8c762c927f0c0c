"""The Export page through AppTest: download the workspace, upload one to restore it (after
confirmation), and refuse anything else with a sentence."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from core.intake.loading import sample_files
from core.intake.store import survey_info
from core.strategy import scenarios
from core.strategy.focus import DIFFERENTIATE, MEET
from core.workspace.database import new_token, open_workspace
from core.workspace.file import workspace_xlsx
from tests.app.app_helpers import new_app, shown, visit

PAGE = "pages/export.py"


@pytest.fixture
def at(sample_token) -> AppTest:
    return visit(new_app(sample_token), PAGE)


@pytest.fixture(scope="module")
def saved_file(tmp_path_factory, sample_workspace_file) -> bytes:
    """A workspace file with two scenarios, made from a copy of the sample workspace."""
    folder, token = tmp_path_factory.mktemp("saved"), new_token()
    shutil.copy(sample_workspace_file, folder / f"{token}.duckdb")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JTBD_DATA_DIR", str(folder))
        workspace = open_workspace(token)
        first = scenarios.active_scenario(workspace)
        scenarios.rename_scenario(workspace, first, "Bold")
        scenarios.set_assignment(workspace, first, {3: DIFFERENTIATE, 4: MEET})
        scenarios.create_scenario(workspace, "Cautious", {4: DIFFERENTIATE})
        content = workspace_xlsx(workspace)
        workspace.close()
    return content


def test_the_page_offers_the_workspace_as_one_file(at):
    button = at.get("download_button")[0]  # then the executive report's (tests/app/test_report_buttons.py)
    assert button.proto.label == "Download workspace (.xlsx)"
    assert at.subheader[0].value == "Download the workspace"


def test_an_upload_is_restored_only_after_confirmation(at, ws, saved_file):
    scenarios.create_scenario(ws, "Will be replaced")
    at.file_uploader(key="export_upload_0").upload("bold.xlsx", saved_file).run()
    assert not at.exception
    assert "replaces" in at.warning[0].value
    assert any("2 scenarios" in shown(m.value) for m in at.markdown)
    assert "Will be replaced" in scenarios.list_scenarios(ws)["name"].tolist()  # nothing yet

    at.button(key="export_confirm").click().run()
    assert not at.exception
    assert "Restored" in at.success[0].value
    assert scenarios.list_scenarios(ws)["name"].tolist() == ["Bold", "Cautious"]
    bold = scenarios.active_scenario(ws)
    assert scenarios.assignment(ws, bold) == {3: DIFFERENTIATE, 4: MEET}
    assert survey_info(ws).respondents == 600


def test_cancel_keeps_the_workspace(at, ws, saved_file):
    scenarios.create_scenario(ws, "Mine")
    at.file_uploader(key="export_upload_0").upload("bold.xlsx", saved_file).run()
    at.button(key="export_cancel").click().run()
    assert "Nothing was restored" in at.info[0].value
    assert scenarios.list_scenarios(ws)["name"].tolist() == ["Mine"]


def test_a_survey_workbook_is_refused_with_a_sentence(at, ws):
    sample = sample_files()[1]
    at.file_uploader(key="export_upload_0").upload(sample.name, sample.read_bytes()).run()
    assert not at.exception
    assert "not a workspace file" in at.error[0].value and "Data page" in at.error[0].value
    assert survey_info(ws).name == "b2b invoice processing"
