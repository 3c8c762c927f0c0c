"""Scenarios are never lost: every change is in the workspace at once, survives reopening, and
job-map edits or a new survey never break them (core.strategy.scenarios)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.analysis.competition import (
    SETTINGS_KEY,
    CompetitionSettings,
    load_competition_settings,
    save_competition_settings,
)
from core.intake.loading import load_sample, sample_files
from core.strategy import focus_data, jobmap, scenarios
from core.strategy.focus import ACCEPT, DIFFERENTIATE, MEET, FocusSettings
from core.strategy.scenarios import ScenarioError, Target
from core.workspace.database import open_workspace


@pytest.fixture
def ws(sample_token):
    """A fresh copy of the sample workspace."""
    workspace = open_workspace(sample_token)
    yield workspace
    workspace.close()


def test_a_scenario_always_exists_and_the_active_one_is_remembered(ws):
    first = scenarios.active_scenario(ws)
    assert scenarios.list_scenarios(ws)["name"].tolist() == ["Scenario 1"]
    assert scenarios.active_scenario(ws) == first  # not a second one
    second = scenarios.create_scenario(ws)
    scenarios.set_active(ws, second)
    assert scenarios.active_scenario(ws) == second
    assert ws.get_setting(scenarios.ACTIVE_KEY) == second
    assert scenarios.list_scenarios(ws)["name"].tolist() == ["Scenario 1", "Scenario 2"]


def test_every_change_bumps_the_revision(ws):
    sid = scenarios.active_scenario(ws)
    changes = [
        lambda: scenarios.set_choice(ws, sid, 1, DIFFERENTIATE),
        lambda: scenarios.set_assignment(ws, sid, {2: MEET}),
        lambda: scenarios.undo(ws, sid),
        lambda: scenarios.set_note(ws, sid, 1, "Own this"),
        lambda: scenarios.set_target(ws, sid, 1, Target(("O15",), 2.0)),
        lambda: scenarios.rename_scenario(ws, sid, "Bold"),
        lambda: scenarios.duplicate_scenario(ws, sid),
    ]
    for change in changes:
        before = ws.revision
        change()
        assert ws.revision > before


def test_choices_notes_and_targets_survive_reopening_the_workspace(ws):
    sid = scenarios.active_scenario(ws)
    scenarios.set_assignment(ws, sid, {3: DIFFERENTIATE, 4: MEET, 8: ACCEPT})
    scenarios.set_note(ws, sid, 3, "Line-item capture is our edge")
    scenarios.set_target(ws, sid, 3, Target(("O15", "O16"), 1.5))
    token = ws.token
    ws.close()

    again = open_workspace(token)
    assert scenarios.active_scenario(again) == sid
    assert scenarios.assignment(again, sid) == {3: DIFFERENTIATE, 4: MEET, 8: ACCEPT}
    decision = scenarios.decisions(again, sid)[3]
    assert decision.note == "Line-item capture is our edge"
    assert decision.target == Target(("O15", "O16"), 1.5)
    assert scenarios.history_size(again, sid) == 1
    again.close()


def test_undo_restores_the_previous_assignment_one_change_at_a_time(ws):
    sid = scenarios.active_scenario(ws)
    scenarios.set_choice(ws, sid, 1, DIFFERENTIATE)
    scenarios.set_choice(ws, sid, 2, MEET, label="2 · Receive → Meet")
    scenarios.set_choice(ws, sid, 1, ACCEPT)
    assert scenarios.history_size(ws, sid) == 3
    assert scenarios.undo(ws, sid) == "Accept: step 1"
    assert scenarios.assignment(ws, sid) == {1: DIFFERENTIATE, 2: MEET}
    assert scenarios.undo(ws, sid) == "2 · Receive → Meet"
    assert scenarios.undo(ws, sid) is not None
    assert scenarios.assignment(ws, sid) == {}
    assert scenarios.undo(ws, sid) is None


def test_an_unchanged_assignment_records_nothing(ws):
    sid = scenarios.active_scenario(ws)
    assert scenarios.set_assignment(ws, sid, {1: MEET})
    assert not scenarios.set_assignment(ws, sid, {1: MEET})
    assert scenarios.history_size(ws, sid) == 1


def test_undo_keeps_notes_and_targets(ws):
    sid = scenarios.active_scenario(ws)
    scenarios.set_choice(ws, sid, 3, DIFFERENTIATE)
    scenarios.set_note(ws, sid, 3, "why")
    scenarios.undo(ws, sid)
    assert scenarios.assignment(ws, sid) == {}
    assert scenarios.decisions(ws, sid)[3].note == "why"


def test_bad_requests_are_refused_with_a_sentence(ws):
    sid = scenarios.active_scenario(ws)
    with pytest.raises(ScenarioError, match="Unknown choice"):
        scenarios.set_assignment(ws, sid, {1: "excel"})
    with pytest.raises(ScenarioError, match="no longer exists"):
        scenarios.set_choice(ws, sid, 999, MEET)
    with pytest.raises(ScenarioError, match="no longer exists"):
        scenarios.set_choice(ws, "nope", 1, MEET)
    with pytest.raises(ScenarioError, match="needs a name"):
        scenarios.rename_scenario(ws, sid, "   ")
    other = scenarios.create_scenario(ws, "Bold")
    with pytest.raises(ScenarioError, match="already a scenario"):
        scenarios.rename_scenario(ws, sid, "BOLD")
    with pytest.raises(ScenarioError, match="between 0 and 10"):
        scenarios.set_target(ws, other, 1, Target((), 11.0))
    assert scenarios.assignment(ws, sid) == {}


def test_steps_that_do_not_exist_are_ignored(ws):
    sid = scenarios.active_scenario(ws)
    scenarios.set_assignment(ws, sid, {1: MEET, 999: DIFFERENTIATE})
    assert scenarios.assignment(ws, sid) == {1: MEET}


def test_duplicate_copies_choices_notes_and_targets_but_not_history(ws):
    sid = scenarios.active_scenario(ws)
    scenarios.set_assignment(ws, sid, {1: DIFFERENTIATE, 2: ACCEPT})
    scenarios.set_note(ws, sid, 1, "note")
    scenarios.set_target(ws, sid, 1, Target(("O01",), 1.0))
    copy = scenarios.duplicate_scenario(ws, sid)
    assert scenarios.list_scenarios(ws)["name"].tolist() == ["Scenario 1", "Scenario 1 (copy)"]
    assert scenarios.decisions(ws, copy) == scenarios.decisions(ws, sid)
    assert scenarios.history_size(ws, copy) == 0
    scenarios.set_choice(ws, copy, 2, MEET)
    assert scenarios.assignment(ws, sid)[2] == ACCEPT  # independent
    named = scenarios.duplicate_scenario(ws, sid, "Cautious")
    assert scenarios.list_scenarios(ws).set_index("scenario_id").loc[named, "name"] == "Cautious"
    assert scenarios.all_assignments(ws)[named] == {1: DIFFERENTIATE, 2: ACCEPT}


def test_delete_needs_another_scenario_and_moves_the_active_one(ws):
    sid = scenarios.active_scenario(ws)
    with pytest.raises(ScenarioError, match="only scenario"):
        scenarios.delete_scenario(ws, sid)
    other = scenarios.create_scenario(ws, "Other")
    scenarios.set_choice(ws, sid, 1, MEET)
    assert scenarios.delete_scenario(ws, sid) == other
    assert scenarios.active_scenario(ws) == other
    assert scenarios.list_scenarios(ws)["name"].tolist() == ["Other"]
    assert ws.cursor().execute("SELECT count(*) FROM decisions WHERE scenario_id = ?", [sid]).fetchone() == (0,)


def test_job_map_edits_never_break_a_scenario(ws):
    sid = scenarios.active_scenario(ws)
    scenarios.set_assignment(ws, sid, {1: DIFFERENTIATE, 2: MEET, 3: ACCEPT})
    jobmap.delete_step(ws, 2)
    new_step = jobmap.add_step(ws, "Archive the invoices")
    assert scenarios.assignment(ws, sid) == {1: DIFFERENTIATE, 3: ACCEPT}
    assert new_step not in scenarios.assignment(ws, sid)  # a new step is unassigned
    scenarios.undo(ws, sid)  # the stored entry names the deleted step: it is skipped, not resurrected
    assert scenarios.assignment(ws, sid) == {}
    scenarios.set_choice(ws, sid, new_step, MEET)
    assert scenarios.assignment(ws, sid) == {new_step: MEET}


def test_a_new_survey_keeps_scenarios_but_clears_choices_and_never_applies_old_history(ws):
    sid = scenarios.active_scenario(ws)
    scenarios.set_assignment(ws, sid, {1: DIFFERENTIATE})
    scenarios.set_assignment(ws, sid, {1: DIFFERENTIATE, 2: MEET})
    load_sample(ws, sample_files()[1])
    assert scenarios.active_scenario(ws) == sid
    assert scenarios.assignment(ws, sid) == {}
    assert scenarios.history_size(ws, sid) == 0
    assert scenarios.undo(ws, sid) is None


def test_settings_have_defaults_and_competition_keeps_the_competitors_page_keys(ws):
    assert focus_data.load_focus_settings(ws) == FocusSettings()
    assert load_competition_settings(ws) == CompetitionSettings()
    ws.set_setting(SETTINGS_KEY, {"critical_threshold": 6, "important_min": 7.0, "lead_margin": 2})
    expected = CompetitionSettings(critical_threshold=6.0, important_min=7.0, lead_margin=2.0)
    assert load_competition_settings(ws) == expected
    save_competition_settings(ws, replace(load_competition_settings(ws), critical_threshold=4.5, us="Invoxa"))
    stored = ws.get_setting(SETTINGS_KEY)
    assert stored["important_min"] == 7.0 and stored["critical_threshold"] == 4.5 and stored["us"] == "Invoxa"
    ws.set_setting(SETTINGS_KEY, {"critical_threshold": "high", "us": "Invoxa"})
    assert load_competition_settings(ws).critical_threshold == 5.0  # unreadable → default
    assert load_competition_settings(ws).us == "Invoxa"  # ... and only that value
    focus_data.save_focus_settings(ws, FocusSettings(focus_limit=2, group_by="attribute:role"))
    assert focus_data.load_focus_settings(ws).focus_limit == 2
    with pytest.raises(focus_data.SettingsError):
        focus_data.save_focus_settings(ws, FocusSettings(focus_limit=0))
    ws.set_setting(focus_data.FOCUS_KEY, {"focus_limit": "many", "target_margin": 99, "group_by": 3})
    assert focus_data.load_focus_settings(ws) == FocusSettings()  # unreadable → defaults
