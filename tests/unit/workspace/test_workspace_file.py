"""The workspace as one .xlsx file: download, restore into a fresh workspace, everything equal.
Texts are neutralised against formula injection in the file and come back exactly."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
import python_calamine

from core.analysis.competition import CompetitionSettings, save_competition_settings
from core.analysis.scoring import ScoringSettings, save_settings
from core.intake.importers import import_survey
from core.intake.loading import load_sample, sample_files
from core.strategy import focus_data, jobmap, scenarios
from core.strategy.focus import ACCEPT, DIFFERENTIATE, MEET, FocusSettings
from core.strategy.scenarios import Target
from core.workspace.database import open_workspace
from core.workspace.file import escape, sheet_rows, unescape, workspace_sheets, workspace_xlsx
from core.workspace.restore import WorkspaceFileError, read_workspace_file, restore
from core.workspace.xlsx_stream import write_xlsx

HOSTILE = '=HYPERLINK("http://evil.example","click")'
TABLES = {
    "steps": "SELECT * FROM steps",
    "outcomes": "SELECT * FROM outcomes",
    "respondents": "SELECT * FROM respondents",
    "catalogue": "SELECT * FROM column_catalogue",
    "attributes": "SELECT * FROM respondent_attributes",
    "ratings": "SELECT * FROM ratings",
    "competitors": "SELECT * FROM competitor_ratings",
    "settings": "SELECT key, value FROM settings WHERE key <> 'revision'",
    "scenarios": "SELECT * FROM scenarios",
    "decisions": "SELECT * FROM decisions",
    "segmentations": "SELECT * FROM segmentations",
    "segments": "SELECT * FROM segments",
    "capabilities": "SELECT * FROM capabilities",
}


def rows(ws, sql: str) -> list[tuple]:
    return sorted(ws.cursor().execute(sql).fetchall(), key=repr)


def snapshot(ws) -> dict[str, list[tuple]]:
    return {name: rows(ws, sql) for name, sql in TABLES.items()}


def records(content: bytes, sheet: str) -> list[dict]:
    """A sheet of the file as dicts by header (empty cells are None)."""
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    header, *body = book.get_sheet_by_name(sheet).to_python()
    return [{h: (None if v == "" else v) for h, v in zip(header, row, strict=True)} for row in body]


@pytest.fixture(scope="module")
def original():
    """The sample with every kind of workshop work on top, some of it hostile text."""
    ws = open_workspace()
    load_sample(ws)
    jobmap.rename_step(ws, 1, "Plan the payment cycle", description="-from the treasury calendar")
    jobmap.edit_statement(ws, "O01", "=SUM(A1:A9) of invoices")
    jobmap.move_outcome(ws, "O02", 3)
    empty_step = jobmap.add_step(ws, "@Archive", after_step_id=4)
    save_settings(ws, ScoringSettings(high=11.5, overserved_margin=1.5))
    save_competition_settings(ws, CompetitionSettings(critical_threshold=4.5, us="Invoxa", lead_margin=1.5))
    focus_data.save_focus_settings(ws, FocusSettings(focus_limit=2, group_by="attribute:role"))
    bold = scenarios.active_scenario(ws)
    scenarios.rename_scenario(ws, bold, "+Bold")
    scenarios.set_assignment(ws, bold, {3: DIFFERENTIATE, 5: DIFFERENTIATE, 4: MEET, 8: ACCEPT, empty_step: ACCEPT})
    scenarios.set_note(ws, bold, 3, HOSTILE)
    scenarios.set_note(ws, bold, 4, "'quoted on purpose")
    scenarios.set_note(ws, bold, 5, "Plain note, with a – dash and “quotes”")
    scenarios.set_target(ws, bold, 3, Target(("O15", "O16"), 1.5))
    scenarios.set_target(ws, bold, 5, Target((), 2.0))
    cautious = scenarios.duplicate_scenario(ws, bold, "Cautious")
    scenarios.set_choice(ws, cautious, 5, MEET)
    scenarios.set_active(ws, cautious)
    cur = ws.cursor()
    cur.execute(
        "INSERT INTO segmentations VALUES ('seg1', 'Needs-based', TIMESTAMP '2026-01-02 03:04:05.678', 4, "
        "0.31, '{\"k\": 4}')"
    )
    cur.execute(
        "INSERT INTO segments (segmentation_id, respondent_id, segment) SELECT 'seg1', respondent_id, "
        "CASE WHEN respondent_id < 'R0300' THEN '=Throughput' ELSE 'Control' END FROM respondents"
    )
    cur.execute("INSERT INTO capabilities (capability_id, name) VALUES ('c1', '-OCR engine')")
    ws.touch()
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def content(original) -> bytes:
    return workspace_xlsx(original)


def test_round_trip_restores_everything_exactly(original, content):
    fresh = open_workspace()
    restore(fresh, content, "workspace.xlsx")
    before, after = snapshot(original), snapshot(fresh)
    for name in TABLES:
        assert after[name] == before[name], name
    assert len(after["ratings"]) == 48_000 and len(after["segments"]) == 600
    assert scenarios.active_scenario(fresh) == scenarios.active_scenario(original)
    bold = next(s for s, n in scenarios.list_scenarios(fresh)[["scenario_id", "name"]].values if n == "+Bold")
    assert scenarios.decisions(fresh, bold)[3].note == HOSTILE
    assert scenarios.decisions(fresh, bold)[3].target == Target(("O15", "O16"), 1.5)
    fresh.close()


def test_restore_replaces_what_the_workspace_held(content):
    other = open_workspace()
    load_sample(other, sample_files()[1])
    scenarios.create_scenario(other, "Left over")
    other.set_setting("stray", {"x": 1})
    revision = other.revision
    restore(other, content)
    assert "Left over" not in scenarios.list_scenarios(other)["name"].tolist()
    assert other.get_setting("stray") is None
    assert other.revision > revision
    other.close()


def test_texts_are_neutralised_in_the_file_and_normal_text_is_untouched(content):
    statements = {r["outcome_id"]: r["statement"] for r in records(content, "job_map")}
    assert statements["O01"] == "'=SUM(A1:A9) of invoices"
    assert not statements["O03"].startswith("'")  # normal text is written as it is
    notes = [r["note"] for r in records(content, "decisions")]
    assert "'" + HOSTILE in notes and "''quoted on purpose" in notes
    assert "Plain note, with a – dash and “quotes”" in notes
    assert "'+Bold" in [r["name"] for r in records(content, "scenarios")]
    assert "'@Archive" in [r["name"] for r in records(content, "steps")]
    assert "'-OCR engine" in [r["name"] for r in records(content, "capabilities")]
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    for name in book.sheet_names:
        for row in book.get_sheet_by_name(name).to_python():
            for value in row:
                assert not (isinstance(value, str) and value[:1] in ("=", "+", "-", "@")), (name, value)


def test_excel_readers_open_the_file(content):
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    assert book.sheetnames[:3] == ["About", "job_map", "responses"]
    header, first, *_ = book["scenarios"].iter_rows(values_only=True)
    assert header[:2] == ("scenario_id", "name") and first[1] == "'+Bold"


def test_escape_and_unescape_are_inverse():
    for text in ("=1+1", "+x", "-x", "@x", "\tx", "'", "''", "'=x", "plain", "", "it's", "=", "a=b"):
        assert unescape(escape(text)) == text
    assert escape("plain") == "plain" and escape(42) == 42
    assert unescape("'plain") == "'plain"  # only an apostrophe before a formula start or another one goes


def test_the_file_is_also_a_canonical_survey_workbook(content):
    result = import_survey(content, "workspace.xlsx")
    assert result.ok, result.report.to_text()
    assert (result.report.respondents, result.report.outcomes) == (600, 80)
    assert result.survey.competitor_ratings.shape[0] == 119_166


def test_a_survey_workbook_is_not_a_workspace_file():
    sample = sample_files()[0]
    with pytest.raises(WorkspaceFileError, match=r"not a workspace file.*Data page"):
        read_workspace_file(sample.read_bytes(), sample.name)


def test_unreadable_bytes_are_refused_with_a_sentence(original):
    with pytest.raises(WorkspaceFileError, match=r"not a readable \.xlsx"):
        read_workspace_file(b"this is not a spreadsheet", "notes.xlsx")


def test_a_damaged_file_changes_nothing(original):
    sheets = workspace_sheets(original)
    sheets["decisions"] = sheets["decisions"].drop(columns="choice")
    damaged = write_xlsx({name: sheet_rows(frame) for name, frame in sheets.items()})
    target = open_workspace()
    load_sample(target, sample_files()[1])
    before = snapshot(target)
    with pytest.raises(WorkspaceFileError, match=r"decisions.*choice"):
        restore(target, damaged, "damaged.xlsx")
    assert snapshot(target) == before
    target.close()


def test_the_summary_says_what_a_restore_brings(content):
    summary = " ".join(read_workspace_file(content, "w.xlsx").summary())
    assert "b2b invoice processing" in summary and "600 respondents" in summary
    assert "2 scenarios" in summary and "1 segmentation," in summary


def test_settings_sheet_holds_json(content):
    settings = {r["key"]: r["value"] for r in records(content, "settings")}
    assert json.loads(settings["scoring"])["high"] == 11.5
    assert json.loads(settings["competition"])["us"] == "Invoxa"
