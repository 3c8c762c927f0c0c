"""Tampered workspace files (issue 9.2, 10.3): each is a real exported workspace changed with
openpyxl. A file that cannot be restored is refused with a message naming the sheet, row and
column, and the workspace keeps its survey, scenarios and settings; settings edited by hand are
restored with notes, and every setting then loads without raising."""

from __future__ import annotations

import io
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from core.analysis.competition import CompetitionSettings, read_competition_settings, save_competition_settings
from core.analysis.scoring import ScoringSettings, outcome_scores, read_settings, save_settings
from core.intake.store import survey_info
from core.strategy import focus_data, scenarios
from core.strategy.focus import DIFFERENTIATE, MEET, FocusSettings
from core.workspace.database import open_workspace
from core.workspace.file import WorkspaceFileError, workspace_xlsx
from core.workspace.restore import read_workspace_file, restore
from tests.unit.survey_builders import canonical_workbook, store_workbook

SNAPSHOT = {
    "steps": "SELECT * FROM steps",
    "outcomes": "SELECT * FROM outcomes",
    "respondents": "SELECT * FROM respondents",
    "ratings": "SELECT * FROM ratings",
    "settings": "SELECT key, CAST(value AS VARCHAR) FROM settings",
    "scenarios": "SELECT * FROM scenarios",
    "decisions": "SELECT * FROM decisions",
    "capabilities": "SELECT * FROM capabilities",
}


def small_survey(path: Path, prefix: str, respondents: int, seed: int) -> Path:
    """A canonical workbook: 3 steps × 2 outcomes, a current solution and a company size."""
    rng = random.Random(seed)
    outcomes = {
        f"{prefix}{i}": (f"Step {(i - 1) // 2 + 1}", f"Minimise the time it takes to do {i}") for i in range(1, 7)
    }
    ratings = {o: [(rng.randint(1, 5), rng.randint(1, 5)) for _ in range(respondents)] for o in outcomes}
    attributes = {
        "Current solution": [rng.choice(["Invoxa", "Paperly"]) for _ in range(respondents)],
        "Company size": [rng.choice([10, 50, 250]) for _ in range(respondents)],
    }
    return canonical_workbook(path, outcomes, ratings, attributes)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> bytes:
    """A real exported workspace: a small survey, settings, two scenarios, a capability."""
    folder = tmp_path_factory.mktemp("exported")
    ws = open_workspace()
    store_workbook(ws, small_survey(folder / "survey.xlsx", "O", 40, seed=1))
    save_settings(ws, ScoringSettings(high=11.5))
    save_competition_settings(ws, CompetitionSettings(critical_threshold=4.5, min_respondents=5))
    focus_data.save_focus_settings(ws, FocusSettings(focus_limit=2))
    bold = scenarios.active_scenario(ws)
    scenarios.rename_scenario(ws, bold, "Bold")
    scenarios.set_assignment(ws, bold, {1: DIFFERENTIATE, 2: MEET})
    scenarios.create_scenario(ws, "Cautious", {2: DIFFERENTIATE})
    cur = ws.cursor()
    cur.execute("INSERT INTO capabilities (capability_id, name) VALUES ('c1', 'OCR engine'), ('c2', 'Approval flow')")
    cur.execute("INSERT INTO segmentations VALUES ('seg1', 'Needs', TIMESTAMP '2026-01-02 03:04:05', 2, 0.3, '{}')")
    cur.execute(
        "INSERT INTO segments (segmentation_id, respondent_id, segment) "
        "SELECT 'seg1', respondent_id, 'A' FROM respondents"
    )
    content = workspace_xlsx(ws)
    ws.close()
    return content


@pytest.fixture
def target(tmp_path):
    """The workspace a restore must not damage: another survey, its own scenario and settings."""
    ws = open_workspace()
    store_workbook(ws, small_survey(tmp_path / "mine.xlsx", "M", 30, seed=2))
    save_settings(ws, ScoringSettings(method="mean"))
    scenarios.create_scenario(ws, "Mine", {1: MEET})
    yield ws
    ws.close()


def snapshot(ws) -> dict[str, list[tuple]]:
    cur = ws.cursor()
    return {name: sorted(cur.execute(sql).fetchall(), key=repr) for name, sql in SNAPSHOT.items()}


def tamper(content: bytes, edit: Callable[[openpyxl.Workbook], None]) -> bytes:
    """The exported file opened with openpyxl, changed by ``edit`` and saved again."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def column(sheet, name: str) -> int:
    """The 1-based column of a header."""
    return [c.value for c in sheet[1]].index(name) + 1


def set_cell(sheet_name: str, row: int, header: str, value: object) -> Callable[[openpyxl.Workbook], None]:
    def edit(book: openpyxl.Workbook) -> None:
        sheet = book[sheet_name]
        sheet.cell(row, column(sheet, header)).value = value  # cell(…, value=None) would keep the old value

    return edit


def setting(key: str, value: object) -> Callable[[openpyxl.Workbook], None]:
    """Write ``value`` (JSON-encoded unless it is already text) as the setting ``key``."""

    def edit(book: openpyxl.Workbook) -> None:
        sheet = book["settings"]
        text = value if isinstance(value, str) else json.dumps(value)
        for row in range(2, sheet.max_row + 1):
            if sheet.cell(row, 1).value == key:
                sheet.cell(row, 2, text)
                return
        sheet.append([key, text])

    return edit


def settings_row(book_bytes: bytes, key: str) -> int:
    book = openpyxl.load_workbook(io.BytesIO(book_bytes), read_only=True)
    keys = [r[0] for r in book["settings"].iter_rows(values_only=True)]
    return keys.index(key) + 1


def drop_sheet(name: str) -> Callable[[openpyxl.Workbook], None]:
    return lambda book: book.remove(book[name])


def drop_column(sheet_name: str, header: str) -> Callable[[openpyxl.Workbook], None]:
    return lambda book: book[sheet_name].delete_cols(column(book[sheet_name], header))


def copy_cell(sheet_name: str, header: str, source: int, row: int) -> Callable[[openpyxl.Workbook], None]:
    def edit(book: openpyxl.Workbook) -> None:
        sheet = book[sheet_name]
        sheet.cell(row, column(sheet, header), sheet.cell(source, column(sheet, header)).value)

    return edit


def many_rows(sheet_name: str, count: int) -> Callable[[openpyxl.Workbook], None]:
    def edit(book: openpyxl.Workbook) -> None:
        sheet = book[sheet_name]
        for i in range(count):
            sheet.append([f"s{i}", f"Scenario {i}", "2026-01-01 00:00:00.000000", None, False])

    return edit


REFUSED = {
    "missing sheet": (drop_sheet("decisions"), r"lacks the sheet decisions"),
    "missing column": (drop_column("decisions", "choice"), r"sheet 'decisions' lacks the column choice"),
    "text for a step id": (
        set_cell("steps", 3, "step_id", "two"),
        r"sheet 'steps', row 3, column 'step_id': “two” is not a whole number",
    ),
    "fraction for an order": (
        set_cell("job_map", 4, "outcome_order", 2.5),
        r"sheet 'job_map', row 4, column 'outcome_order': 2\.5 is not a whole number",
    ),
    "empty scenario name": (
        set_cell("scenarios", 2, "name", None),
        r"sheet 'scenarios', row 2, column 'name': the cell is empty",
    ),
    "date that is not one": (
        set_cell("scenarios", 3, "created_at", "yesterday"),
        r"sheet 'scenarios', row 3, column 'created_at': “yesterday” is not a date",
    ),
    "duplicated scenario id": (
        copy_cell("scenarios", "scenario_id", 2, 3),
        r"sheet 'scenarios', column 'scenario_id': The scenario id .* more than once \(rows 2 and 3\)",
    ),
    "duplicated step id": (
        copy_cell("steps", "step_id", 2, 3),
        r"sheet 'steps', column 'step_id': The step id 1 appears more than once \(rows 2 and 3\)",
    ),
    "duplicated outcome id": (
        copy_cell("job_map", "outcome_id", 2, 3),
        r"sheet 'job_map', column 'outcome_id'.*“O1” appears more than once",
    ),
    "decision for an unknown step": (
        set_cell("decisions", 2, "step_id", 99),
        r"sheet 'decisions', row 2, column 'step_id': 99 names a step",
    ),
    "unknown choice": (
        set_cell("decisions", 2, "choice", "maybe"),
        r"sheet 'decisions', row 2, column 'choice': “maybe” names a choice",
    ),
    "target margin out of range": (
        set_cell("decisions", 2, "target_margin", 50),
        r"sheet 'decisions', row 2, column 'target_margin': 50 is not between 0 and 10",
    ),
    "attribute type that does not fit": (
        set_cell("attributes", 2, "data_type", "BIGINT"),
        r"sheet 'attributes', row 2, column 'data_type': the responses column of current_solution",
    ),
    "attribute name that is not one": (
        set_cell("attributes", 2, "column_name", "respondent_id"),
        r"sheet 'attributes', row 2, column 'column_name'",
    ),
    "capability id repeated": (
        copy_cell("capabilities", "capability_id", 2, 3),
        r"sheet 'capabilities', column 'capability_id'.*more than once",
    ),
    "duplicated setting": (
        copy_cell("settings", "key", 2, 3),
        r"sheet 'settings', column 'key': The key .* more than once",
    ),
    "segmentation parameters that are not an object": (
        set_cell("segmentations", 2, "params", "[1, 2]"),
        r"sheet 'segmentations', row 2, column 'params': “\[1, 2\]” is not a set of named values",
    ),
    "repeated header": (
        set_cell("scenarios", 1, "notes", "name"),
        r"sheet 'scenarios', column 'name': this header appears more than once",
    ),
    "100,000-row sheet": (many_rows("scenarios", 100_000), r"sheet 'scenarios' has 100,002 rows.*at most 500"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_tampered_file_is_refused_naming_sheet_row_and_column_and_nothing_changes(case, exported, target):
    edit, message = REFUSED[case]
    damaged = tamper(exported, edit)
    before = snapshot(target)
    with pytest.raises(WorkspaceFileError, match=message):
        restore(target, damaged, "tampered.xlsx")
    assert snapshot(target) == before
    assert scenarios.list_scenarios(target)["name"].tolist() == ["Mine"]
    assert read_settings(target).settings.method == "mean"


def test_a_write_that_fails_after_the_survey_changes_nothing(exported, target):
    """The transaction covers everything: a constraint only the database knows (a unique index this
    workspace has on capability names) fails after the survey was written, and all of it is undone."""
    target.cursor().execute("CREATE UNIQUE INDEX capability_name ON capabilities (name)")
    damaged = tamper(exported, copy_cell("capabilities", "name", 2, 3))
    before = snapshot(target)
    with pytest.raises(WorkspaceFileError, match=r"capabilities.*Nothing was changed"):
        restore(target, damaged, "tampered.xlsx")
    assert snapshot(target) == before
    assert survey_info(target).respondents == 30


HAND_EDITED = {
    "scoring method magic": (
        setting("scoring", {"method": "magic", "extreme": 15, "high": 12, "solid": 10, "overserved_margin": 1}),
        "scoring",
        r"method = “magic”.*default “top2box” is used",
    ),
    "bands out of order": (
        setting("scoring", {"method": "top2box", "extreme": 8, "high": 12, "solid": 10, "overserved_margin": 1}),
        "scoring",
        r"extreme = 8, which cannot be used \(Band thresholds must rise",
    ),
    "text where a number belongs": (
        setting("competition", {"critical_threshold": "high", "lead_margin": 1, "min_respondents": 5}),
        "competition",
        r"critical_threshold = “high”, which is not a number",
    ),
    "missing keys": (setting("focus", {"focus_limit": 2}), "focus", r"no value for important, target_margin"),
    "extra keys": (
        setting("focus", {"focus_limit": 2, "colour": "red"}),
        "focus",
        r"hold “colour”, which this version does not know",
    ),
    "focus limit beyond the widget": (setting("focus", {"focus_limit": 500}), "focus", r"focus_limit = 500"),
    "value that is not JSON": (setting("scoring", "{method: magic"), "scoring", r"is not JSON"),
    "settings that are not an object": (setting("competition", [1, 2]), "competition", r"not a set of named values"),
    "a scale that makes every score 0": (
        setting("survey", {"name": "Hand-edited", "scale": "1-5", "top_points": [6, 7], "file_name": "x.xlsx"}),
        "survey",
        r"top-two-box points \[6, 7\] do not fit the 1-5 scale.*4, 5 are used",
    ),
    "an unknown scale": (setting("survey", {"name": "Hand-edited", "scale": "1-99"}), "survey", r"is detected"),
    "the revision counter": (setting("revision", "abc"), "revision", r"kept by the app; ignored"),
    # the settings of the pages added after issue 10 go through the same loader and get the same notes
    "trade-off basis unknown": (setting("tradeoffs", {"by": "magic"}), "tradeoffs", r"by = “magic”.*default"),
    "communication N as text": (
        setting("communication", {"min_touchpoints": "many"}),
        "communication",
        r"min_touchpoints = “many”, which is not a whole number",
    ),
    "customer board beyond its range": (
        setting("customers", {"min_facts": 500}),
        "customers",
        r"min_facts = 500, which cannot be used",
    ),
    "guide shown as a word": (setting("guide", {"visible": "yes"}), "guide", r"visible = “yes”"),
}


@pytest.mark.parametrize("case", list(HAND_EDITED))
def test_hand_edited_settings_restore_with_a_note_naming_the_row(case, exported, target):
    edit, key, message = HAND_EDITED[case]
    edited = tamper(exported, edit)
    row = settings_row(edited, key)
    file = restore(target, edited, "edited.xlsx")
    notes = "\n".join(file.notes)
    assert f"The sheet 'settings', row {row}" in notes and key in notes
    assert re.search(message, notes), notes
    # every loader reads what was stored without raising, and the scores still compute
    loaded = (read_settings(target), read_competition_settings(target), focus_data.read_focus_settings(target))
    assert all(isinstance(item.warnings, tuple) for item in loaded)
    scores = outcome_scores(target)
    assert len(scores) == 6
    assert scenarios.list_scenarios(target)["name"].tolist() == ["Bold", "Cautious"]
    assert target.revision >= 1


def test_a_scale_that_makes_every_score_0_is_read_on_the_standard_top_points(exported, target):
    edited = tamper(
        exported, setting("survey", {"name": "Edited", "scale": "1-5", "top_points": [6, 7], "file_name": "x"})
    )
    restore(target, edited, "edited.xlsx")
    info = survey_info(target)
    assert info.scale.top_points == (4, 5) and info.name == "Edited"
    assert outcome_scores(target)["importance"].max() > 0


def test_unreadable_stored_values_load_as_defaults_with_a_warning(exported, target):
    edited = tamper(
        exported,
        setting("scoring", {"method": "magic", "extreme": 25, "high": "12", "solid": 10, "overserved_margin": 1}),
    )
    restore(target, edited, "edited.xlsx")
    loaded = read_settings(target)
    assert loaded.settings == ScoringSettings()
    assert len(loaded.warnings) == 3
    assert "Data page" in loaded.warnings[0]


def test_an_extra_sheet_is_ignored_with_a_note(exported, target):
    edited = tamper(exported, lambda book: book.create_sheet("My notes").append(["remember the milk"]))
    file = read_workspace_file(edited, "extra.xlsx")
    assert any("My notes" in note and "ignored" in note for note in file.notes)
    restore(target, file)
    assert scenarios.list_scenarios(target)["name"].tolist() == ["Bold", "Cautious"]


FOLLOW_THROUGH = (
    "INSERT INTO capabilities (capability_id, name, position, strength, cost, effort, valuable, barrier) "
    "VALUES ('c1', 'OCR engine', 1, 2, 'low', '3', true, 'brand')",
    "INSERT INTO capability_links (capability_id, outcome_id, strength) VALUES ('c1', 'O1', 3)",
    "INSERT INTO tradeoff_criteria VALUES ('cost', 'Cost', 5)",
    "INSERT INTO tradeoff_scores VALUES ('cost', 'step:1', 4)",
    "INSERT INTO touchpoints (touchpoint_id, name, stage, position) VALUES ('t1', 'Website', 'awareness', 1)",
    "INSERT INTO messages (message_id, element_id, touchpoint_id, text, proof_kind) "
    "VALUES ('m1', 'step:1', 't1', 'Fast', 'evidence')",
    "INSERT INTO comm_elements VALUES ('el1', 'proof', NULL, 'Case study', 1, NULL)",
    "INSERT INTO customers (customer_id, name, position) VALUES ('cu1', 'Acme', 1)",
    "INSERT INTO customer_facts VALUES ('f1', 'cu1', 'quirk', 'Likes fax', false, 1)",
    "INSERT INTO metrics (metric_id, family, name, direction, template_key, position) "
    "VALUES ('met1', 'perception', 'Recognition', 'higher', 'differentiation_recognition', 1)",
    "INSERT INTO metric_measurements VALUES ('met1', DATE '2026-01-01', 5, NULL, 'hand')",
    "INSERT INTO waves (wave_id, label, respondents, position) VALUES (1, 'Q3', 20, 1)",
    "INSERT INTO wave_counts VALUES (1, 'O1', 4, 3, 5)",
    "INSERT INTO wave_competitor_counts VALUES (1, 'Invoxa', 'O1', 4, 3, 2)",
    "INSERT INTO wave_competitor_totals VALUES (1, 'Invoxa', 10)",
    "INSERT INTO growth_overrides VALUES ('market', 'Whole market', 'dominant')",
)


@pytest.fixture(scope="module")
def followed(tmp_path_factory) -> bytes:
    """A real exported workspace with a row in every follow-through table that has constrained values."""
    folder = tmp_path_factory.mktemp("followed")
    ws = open_workspace()
    store_workbook(ws, small_survey(folder / "survey.xlsx", "O", 20, seed=3))
    cur = ws.cursor()
    for statement in FOLLOW_THROUGH:
        cur.execute(statement)
    content = workspace_xlsx(ws)
    ws.close()
    return content


OUT_OF_RANGE = {  # sheet, header, value written in row 2, what the message must say after "row 2, column '…': "
    "capability strength": ("capabilities", "strength", 9, r"9 is not allowed here; use one of 0, 1, 2, 3\."),
    "capability cost": ("capabilities", "cost", "magic", r"“magic” is not low, medium, high or a number"),
    "capability effort": ("capabilities", "effort", "-2", r"“-2” is not a number of points of 0 or more"),
    "capability barrier": ("capabilities", "barrier", "luck", r"“luck” is not allowed here; use one of “proprietary"),
    "VRIO flag": ("capabilities", "valuable", "maybe", r"“maybe” is not true or false"),
    "link level": ("capability_links", "strength", 7, r"7 is not allowed here; use one of 0, 1, 2, 3\."),
    "trade-off weight": ("tradeoff_criteria", "weight", 150, r"150 is outside the allowed values \(from 0 to 100\)"),
    "trade-off criterion": ("tradeoff_criteria", "criterion_id", "beauty", r"“beauty” is not allowed.*“opportunity”"),
    "hand score": ("tradeoff_scores", "score", 9, r"9 is outside the allowed values \(from 1 to 5\)"),
    "score of a data criterion": ("tradeoff_scores", "criterion_id", "opportunity", r"“opportunity” is not.*“cost”"),
    "touchpoint stage": ("touchpoints", "stage", "afterlife", r"“afterlife” is not allowed.*“awareness"),
    "proof kind": ("messages", "proof_kind", "rumour", r"“rumour” is not allowed.*“demonstration”"),
    "communication column kind": ("comm_elements", "kind", "poster", r"“poster” is not allowed.*“proof”"),
    "customer fact kind": ("customer_facts", "kind", "hobby", r"“hobby” is not one of quirk"),
    "metric family": ("metrics", "family", "vibes", r"“vibes” is not allowed here; use one of “perception”"),
    "metric direction": ("metrics", "direction", "sideways", r"“sideways” is not allowed.*“higher”, “lower”"),
    "metric template": ("metrics", "template_key", "nope", r"“nope” is not allowed.*“differentiation_recognition”"),
    "measurement source": ("metric_measurements", "source", "guess", r"“guess” is not.*“hand”, “csv”, “computed”"),
    "wave label": ("waves", "label", "x" * 200, r"“x{40}…” has 200 characters; a wave label holds 1 to 80\."),
    "wave respondents": ("waves", "respondents", -5, r"-5 is outside the allowed values \(0 or more\)"),
    "wave rating off the scale": ("wave_counts", "importance", 9, r"9 is outside the allowed values \(from 1 to 5\)"),
    "negative wave count": ("wave_counts", "n", -1, r"-1 is outside the allowed values \(0 or more\)"),
    "competitor rating off the scale": ("wave_competitor_counts", "satisfaction", 0, r"0 is outside.*from 1 to 5"),
    "competitor respondents": ("wave_competitor_totals", "respondents", -1, r"-1 is outside.*0 or more"),
    "growth strategy": ("growth_overrides", "strategy", "magic", r"“magic” is not one of differentiated"),
}


def test_the_follow_through_file_restores_as_it_was(followed, target):
    restore(target, followed, "followed.xlsx")
    cur = target.cursor()
    stored = cur.execute("SELECT strength, cost, effort, barrier FROM capabilities").fetchall()
    assert stored == [(2, "low", "3", "brand")]
    assert cur.execute("SELECT label, respondents FROM waves").fetchall() == [("Q3", 20)]


@pytest.mark.parametrize("case", list(OUT_OF_RANGE))
def test_a_value_the_app_does_not_allow_is_refused_naming_sheet_row_column_and_nothing_changes(case, followed, target):
    sheet, header, value, message = OUT_OF_RANGE[case]
    damaged = tamper(followed, set_cell(sheet, 2, header, value))
    before = snapshot(target)
    with pytest.raises(WorkspaceFileError, match=rf"sheet '{sheet}', row 2, column '{header}': {message}"):
        restore(target, damaged, "tampered.xlsx")
    assert snapshot(target) == before
    assert scenarios.list_scenarios(target)["name"].tolist() == ["Mine"]


def test_a_stage_and_proof_kind_in_capitals_are_read_as_the_page_reads_them(followed, target):
    edited = tamper(followed, set_cell("touchpoints", 2, "stage", "Awareness"))
    edited = tamper(edited, set_cell("messages", 2, "proof_kind", " EVIDENCE "))
    restore(target, edited, "edited.xlsx")
    cur = target.cursor()
    assert cur.execute("SELECT stage FROM touchpoints").fetchall() == [("awareness",)]
    assert cur.execute("SELECT proof_kind FROM messages").fetchall() == [("evidence",)]
