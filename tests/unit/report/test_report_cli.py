"""``python -m core report`` (issue 15.1): a survey file or a workspace .xlsx, each format, the
scenario by name, clear messages and the exit codes of the other commands."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pypdf import PdfReader

from core.strategy import scenarios
from core.workspace.database import open_workspace
from core.workspace.file import workspace_xlsx
from tests.unit.cli_run import run_process
from tests.unit.report.report_survey import SCENARIO, TOP_STATEMENT, hostile_workspace, survey_file


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    survey = survey_file(folder / "survey.xlsx")
    workspace = hostile_workspace(open_workspace(), folder)
    other = scenarios.create_scenario(workspace, "Plan B")
    scenarios.set_assignment(workspace, other, {1: "meet"})
    saved = folder / "workspace.xlsx"
    saved.write_bytes(workspace_xlsx(workspace))
    workspace.close()
    return survey, saved


def test_pdf_of_a_survey_file(cli, files, tmp_path):
    out = tmp_path / "report.pdf"
    ran = cli("report", str(files[0]), "--format", "pdf", "--paper", "letter", "-o", str(out))
    assert ran.returncode == 0, ran.stderr
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert float(reader.pages[0].mediabox.width) == pytest.approx(792, abs=0.5)
    text = " ".join(p.extract_text() for p in reader.pages)
    assert TOP_STATEMENT in text and "Focus decision" not in text  # a survey file holds no scenario
    assert f"Wrote {out} (pdf)" in ran.stderr


def test_deck_of_a_workspace_file_for_a_named_scenario(cli, files, tmp_path):
    out = tmp_path / "deck.pptx"
    ran = cli("report", str(files[1]), "--scenario", "Plan B", "--format", "pptx", "-o", str(out))
    assert ran.returncode == 0, ran.stderr
    text = "\n".join(
        shape.text_frame.text
        for slide in Presentation(str(out)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert "Scenario: Plan B" in text and f"Scenario: {SCENARIO}" not in text


def test_html_of_the_active_scenario(cli, files, tmp_path):
    out = tmp_path / "report.html"
    assert cli("report", str(files[1]), "--format", "html", "-o", str(out)).returncode == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Plan &lt;i&gt;A&lt;/i&gt; =1+1" in page


def test_unknown_scenario_lists_the_names_and_exits_1(cli, files, tmp_path):
    ran = cli("report", str(files[1]), "--scenario", "Nope", "--format", "pdf", "-o", str(tmp_path / "x.pdf"))
    assert ran.returncode == 1
    assert "no scenario named 'Nope'" in ran.stderr and "'Plan B'" in ran.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_usage_errors_exit_2(cli, files, tmp_path):
    assert cli("report", str(tmp_path / "missing.xlsx"), "--format", "pdf", "-o", "x.pdf").returncode == 2
    ran = cli("report", str(files[0]), "--format", "pdf", "-o", str(tmp_path / "no" / "such" / "x.pdf"))
    assert ran.returncode == 2 and "does not exist" in ran.stderr
    assert cli("report", str(files[0]), "--format", "docx", "-o", "x").returncode == 2
    assert cli("report", str(files[0]), "-o", "x").returncode == 2  # --format is required


def test_a_file_that_is_no_survey_exits_1_without_a_traceback(tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a spreadsheet")
    ran = run_process("report", str(junk), "--format", "html", "-o", str(tmp_path / "r.html"))
    assert ran.returncode == 1 and "Traceback" not in ran.stderr and ran.stderr.strip()
