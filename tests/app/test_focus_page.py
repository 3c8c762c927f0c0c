"""The Focus matrix page through AppTest: the board's value is injected through session_state
(as the drag component would send it); every change must be in the workspace at once."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from core.analysis.scoring import load_settings, outcome_scores, step_scores
from core.intake.loading import load_file
from core.strategy import focus_data, jobmap, scenarios
from core.strategy.focus import ACCEPT, DIFFERENTIATE, MEET, FocusSettings, opportunity_share, step_table, suggest
from core.workspace.database import create_workspace
from tests.app.app_helpers import new_app, visit
from tests.unit.survey_builders import canonical_workbook
from ui.focus_board import CURRENT_KEY, board_value, card_labels, list_key
from ui.focus_live import BOARD, LIST, VIEW_KEY
from ui.focus_note import note_key, note_value
from ui.focus_scenarios import COMPARE_MODE, MODE

PAGE = "pages/focus_matrix.py"


def open_page(token: str) -> AppTest:
    return visit(new_app(token), PAGE)


@pytest.fixture
def at(sample_token) -> AppTest:
    return open_page(sample_token)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.main.metric}


def steps_of(ws):
    settings = load_settings(ws)
    scores = outcome_scores(ws, settings)
    return scores, step_table(step_scores(ws, scores, settings), scores, settings)


def drag(at: AppTest, ws, moves: dict[int, str]) -> AppTest:
    """What the board sends after cards were dropped: its whole log of drops since it was mounted."""
    log = at.session_state["test_drops"] if "test_drops" in at.session_state else []  # noqa: SIM401 (no .get)
    log = [*log, *moves.items()]
    at.session_state["test_drops"] = log
    at.session_state[at.session_state[CURRENT_KEY]] = board_value("test-mount", log)
    at.run()
    assert not at.exception, at.exception
    return at


def board_columns(at: AppTest) -> dict[str, list[str]]:
    """The cards the board component was given in the last run, by column header."""
    (board,) = [c for c in at.get("component_instance") if c.proto.component_name.endswith(".focus_board")]
    return {c["header"].split(" — ")[0]: c["items"] for c in json.loads(board.proto.json_args)["items"]}


def test_first_visit_creates_a_scenario_with_every_step_unassigned(at, ws):
    assert at.selectbox(key="focus_scenario_pick").value == scenarios.active_scenario(ws)
    assert scenarios.list_scenarios(ws)["name"].tolist() == ["Scenario 1"]
    assert metrics(at)["Opportunity targeted"] == "0%"
    assert metrics(at)["Differentiated (max 3)"] == "0"
    columns = board_columns(at)
    assert len(columns["UNASSIGNED"]) == 11 and columns["DIFFERENTIATE"] == []
    assert columns["UNASSIGNED"][2] == "3 · Capture invoice data\nopp 5.5 · 1 underserved"
    assert len(at.get("vega_lite_chart")) == 2  # the strategy profile and the competitive advantage map


def test_a_drag_is_saved_at_once_and_the_metrics_follow(at, ws):
    key = at.session_state[CURRENT_KEY]
    drag(at, ws, {6: DIFFERENTIATE})
    sid = scenarios.active_scenario(ws)
    assert scenarios.assignment(ws, sid) == {6: DIFFERENTIATE}
    _, steps = steps_of(ws)
    assert metrics(at)["Opportunity targeted"] == f"{opportunity_share(steps, {6: DIFFERENTIATE}):.0%}"
    assert metrics(at)["Differentiated (max 3)"] == "1"
    assert metrics(at)["Conflicts"] == "1"  # ClearMatch leads step 6 in the sample
    assert "ClearMatch already leads" in at.main.warning[0].value
    assert at.session_state[CURRENT_KEY] == key  # the board was not remounted after its own move
    assert at.button(key="focus_undo").label == "Undo (1)"

    drag(at, ws, {6: DIFFERENTIATE, 8: ACCEPT, 4: MEET})
    assert scenarios.assignment(ws, sid) == {6: DIFFERENTIATE, 8: ACCEPT, 4: MEET}
    assert scenarios.history_size(ws, sid) == 2


def test_a_stale_board_never_overwrites_choices_made_on_another_screen(at, ws):
    drag(at, ws, {3: DIFFERENTIATE})
    sid = scenarios.active_scenario(ws)
    scenarios.set_assignment(ws, sid, {3: DIFFERENTIATE, 7: ACCEPT})  # a second laptop
    at.run()  # this screen reruns with its board still holding the old cards
    assert scenarios.assignment(ws, sid) == {3: DIFFERENTIATE, 7: ACCEPT}
    assert "7 · Route invoices for approval\nopp 7.5 · 1 underserved" in board_columns(at)["ACCEPT"]


def test_job_map_edits_reach_the_board_and_keep_the_choices(at, ws):
    drag(at, ws, {3: DIFFERENTIATE})
    key = at.session_state[CURRENT_KEY]
    jobmap.rename_step(ws, 3, "Capture every invoice line")
    jobmap.add_step(ws, "Archive the invoices")
    at.run()
    assert not at.exception
    assert at.session_state[CURRENT_KEY] == key  # the same board, given the new cards
    columns = board_columns(at)
    assert columns["DIFFERENTIATE"] == ["3 · Capture every invoice line\nopp 5.5 · 1 underserved"]
    assert columns["UNASSIGNED"][-1] == "12 · Archive the invoices\nopp – · 0 underserved"
    jobmap.delete_step(ws, 3)
    at.run()
    assert not at.exception and board_columns(at)["DIFFERENTIATE"] == []


def test_suggest_places_every_step_by_the_rule_and_undo_takes_it_back(at, ws):
    at.button(key="focus_suggest").click().run()
    sid = scenarios.active_scenario(ws)
    scores, steps = steps_of(ws)
    from core.analysis.competition import competition

    leading = competition(ws, load_settings(ws)).leads
    expected = suggest(steps, scores, load_settings(ws), FocusSettings(), leading)
    assert scenarios.assignment(ws, sid) == expected
    assert any("Placed by the rule" in c.value for c in at.caption)
    assert sorted(board_columns(at)["DIFFERENTIATE"]) == sorted(
        lbl for lbl, s in card_labels(steps).items() if expected[s] == DIFFERENTIATE
    )
    at.button(key="focus_undo").click().run()
    assert scenarios.assignment(ws, sid) == {}
    assert len(board_columns(at)["UNASSIGNED"]) == 11


def test_list_mode_edits_the_same_assignment_and_the_board_follows(at, ws):
    sid = scenarios.active_scenario(ws)
    board_key = at.session_state[CURRENT_KEY]
    at.segmented_control(key=VIEW_KEY).set_value(LIST).run()
    at.segmented_control(key=list_key(sid, 3)).set_value(MEET).run()
    assert scenarios.assignment(ws, sid) == {3: MEET}
    at.segmented_control(key=list_key(sid, 3)).set_value(None).run()  # clicking it again: unassigned
    assert scenarios.assignment(ws, sid) == {}
    at.segmented_control(key=list_key(sid, 5)).set_value(DIFFERENTIATE).run()
    at.segmented_control(key=VIEW_KEY).set_value(BOARD).run()
    assert at.session_state[CURRENT_KEY] == board_key  # the same board, given the list's change
    assert board_columns(at)["DIFFERENTIATE"] == ["5 · Match invoices to orders and receipts\nopp 7.1 · 1 underserved"]
    drag(at, ws, {2: ACCEPT})
    at.segmented_control(key=VIEW_KEY).set_value(LIST).run()
    assert at.segmented_control(key=list_key(sid, 2)).value == ACCEPT


def test_reset_unassigns_every_step(at, ws):
    drag(at, ws, {1: MEET, 2: ACCEPT})
    at.button(key="focus_reset").click().run()
    assert scenarios.assignment(ws, scenarios.active_scenario(ws)) == {}
    assert at.button(key="focus_undo").label == "Undo (2)"


def test_a_refresh_and_a_second_laptop_show_the_same_board(at, ws, sample_token):
    drag(at, ws, {3: DIFFERENTIATE, 9: MEET})
    again = open_page(sample_token)
    assert board_columns(again) == board_columns(at)
    assert metrics(again) == metrics(at)


def test_scenarios_save_a_copy_rename_switch_and_delete(at, ws):
    first = scenarios.active_scenario(ws)
    drag(at, ws, {3: DIFFERENTIATE})
    at.text_input(key=f"focus_copy_name_{first}").set_value("Bold bet")
    at.button(key="focus_duplicate").click().run()
    copy = scenarios.active_scenario(ws)
    assert copy != first and scenarios.assignment(ws, copy) == {3: DIFFERENTIATE}
    assert at.selectbox(key="focus_scenario_pick").value == copy

    at.text_input(key=f"focus_rename_{copy}").set_value("Bolder bet")
    at.button(key="focus_rename_save").click().run()
    assert scenarios.list_scenarios(ws)["name"].tolist() == ["Scenario 1", "Bolder bet"]

    at.selectbox(key="focus_scenario_pick").set_value(first).run()
    assert scenarios.active_scenario(ws) == first
    assert at.button(key="focus_delete_confirm").disabled  # the checkbox confirms first
    at.checkbox(key=f"focus_delete_sure_{first}").check().run()
    at.button(key="focus_delete_confirm").click().run()
    assert scenarios.list_scenarios(ws)["name"].tolist() == ["Bolder bet"]
    assert at.selectbox(key="focus_scenario_pick").value == copy
    assert not at.exception


def test_a_duplicate_name_is_refused_with_a_message(at, ws):
    first = scenarios.active_scenario(ws)
    at.text_input(key=f"focus_copy_name_{first}").set_value("scenario 1")
    at.button(key="focus_duplicate").click().run()
    assert "already a scenario" in at.error[0].value
    assert len(scenarios.list_scenarios(ws)) == 1


def test_compare_two_scenarios_side_by_side(at, ws):
    first = scenarios.active_scenario(ws)
    scenarios.set_assignment(ws, first, {3: DIFFERENTIATE, 5: DIFFERENTIATE})
    second = scenarios.create_scenario(ws, "Cautious", {3: MEET, 11: DIFFERENTIATE})
    at.segmented_control(key=MODE).set_value(COMPARE_MODE).run()
    assert not at.exception
    table, choices = at.dataframe[0].value, at.dataframe[1].value
    assert list(table.columns) == ["Scenario 1", "Cautious"]
    assert table.loc["Differentiated steps", "Scenario 1"] == "2"
    assert choices.loc[2, "Scenario 1"] == "Differentiate" and choices.loc[2, "Cautious"] == "Meet"
    assert len(at.get("vega_lite_chart")) == 2  # the choice grid and the overlaid targets
    assert second in scenarios.all_assignments(ws)


def test_step_detail_saves_a_note_and_a_target(at, ws):
    sid = scenarios.active_scenario(ws)
    drag(at, ws, {5: DIFFERENTIATE})
    at.selectbox(key="focus_detail_step").set_value(5).run()
    detail = at.dataframe[-1].value
    assert detail["outcome_id"].iloc[0] == "O30"  # the step's most underserved outcome first
    at.session_state[note_key(sid, 5)] = note_value("m1", 1, "=Own matching; ask the ERP team")
    at.run()
    at.multiselect(key=f"focus_target_outcomes_{sid}_5").set_value(["O30"]).run()
    at.number_input(key=f"focus_margin_{sid}_5").set_value(2.0).run()
    decision = scenarios.decisions(ws, sid)[5]
    assert decision.note == "=Own matching; ask the ERP team"
    assert decision.target == scenarios.Target(("O30",), 2.0)


def test_facilitator_settings_are_saved_and_shared(at, ws):
    ws.set_setting("competition", {"important_min": 7.0})
    at.run()
    at.number_input(key="focus_threshold").set_value(6.5).run()
    at.number_input(key="focus_limit").set_value(2).run()
    stored = ws.get_setting("competition")
    assert stored["critical_threshold"] == 6.5 and stored["important_min"] == 7.0
    assert focus_data.load_focus_settings(ws).focus_limit == 2
    assert "Differentiated (max 2)" in metrics(at)


def test_a_scenario_deleted_on_another_screen_never_breaks_the_page(at, ws):
    first = scenarios.active_scenario(ws)
    other = scenarios.create_scenario(ws, "Other")
    scenarios.delete_scenario(ws, first)
    at.run()
    assert not at.exception
    assert at.selectbox(key="focus_scenario_pick").value == other


def test_without_competitor_data_the_map_says_so_and_the_rest_works(data_dir, tmp_path):
    path = canonical_workbook(
        tmp_path / "plain.xlsx",
        {"O1": ("Plan", "Minimize the time to plan"), "O2": ("Do", "Minimize errors"), "O3": ("Do", "Reduce cost")},
        {o: [(5, 1), (4, 2), (5, 3), (2, 4)] * 10 for o in ("O1", "O2", "O3")},
        {"region": ["North", "South"] * 20},
    )
    workspace = create_workspace()
    assert load_file(workspace, path.read_bytes(), path.name).ok
    token = workspace.token
    at = open_page(token)
    assert any("no competitor ratings" in i.value for i in at.main.info)
    drag(at, workspace, {1: DIFFERENTIATE})
    assert metrics(at)["Differentiated (max 3)"] == "1"
    assert metrics(at)["Serves best"] in ("North", "South")
    workspace.close()


def test_a_renamed_scenario_shows_its_new_name_and_a_copy_after_it(at, ws):
    """Rename, then Save copy: the picker is re-sent with the new name (the browser keeps a
    selectbox's choice by label), the copy is proposed and named after the new name, no error."""
    first = scenarios.active_scenario(ws)
    at.text_input(key=f"focus_rename_{first}").set_value("Bold bet")
    at.button(key="focus_rename_save").click().run()
    picker = at.selectbox(key="focus_scenario_pick")
    assert picker.proto.set_value and picker.proto.raw_value == "Bold bet"
    assert at.text_input(key=f"focus_copy_name_{first}").value == "Bold bet (copy)"
    at.button(key="focus_duplicate").click().run()
    assert not at.error and not at.exception
    copy = scenarios.active_scenario(ws)
    assert scenarios.list_scenarios(ws)["name"].tolist() == ["Bold bet", "Bold bet (copy)"]
    assert at.selectbox(key="focus_scenario_pick").value == copy
    assert at.selectbox(key="focus_scenario_pick").proto.raw_value == "Bold bet (copy)"


def test_drops_sent_in_one_value_are_all_stored_in_order_and_never_twice(at, ws):
    """Quick drops while a run is busy reach the server as one value holding every drop."""
    sid = scenarios.active_scenario(ws)
    at.session_state[at.session_state[CURRENT_KEY]] = board_value("m1", [(3, MEET), (5, DIFFERENTIATE), (3, ACCEPT)])
    at.run()
    assert scenarios.assignment(ws, sid) == {3: ACCEPT, 5: DIFFERENTIATE}
    assert board_columns(at)["ACCEPT"] == ["3 · Capture invoice data\nopp 5.5 · 1 underserved"]
    scenarios.set_choice(ws, sid, 3, MEET)  # a second laptop; this board still holds its old drops
    at.run()
    assert scenarios.assignment(ws, sid) == {3: MEET, 5: DIFFERENTIATE}


def test_a_drop_on_the_board_just_after_suggest_is_kept(at, ws):
    """The board keeps its key through Suggest, so a drop made on it right after is applied on top."""
    key = at.session_state[CURRENT_KEY]
    at.button(key="focus_suggest").click().run()
    sid = scenarios.active_scenario(ws)
    suggested = scenarios.assignment(ws, sid)
    at.session_state[key] = board_value("m1", [(2, ACCEPT)])
    at.run()
    assert not at.exception
    assert scenarios.assignment(ws, sid) == {**suggested, 2: ACCEPT}


def test_a_note_sent_once_is_stored_once_and_never_overwrites_a_later_note(at, ws):
    sid = scenarios.active_scenario(ws)
    at.selectbox(key="focus_detail_step").set_value(4).run()
    at.session_state[note_key(sid, 4)] = note_value("m1", 1, "Own the checks")
    at.run()
    assert scenarios.decisions(ws, sid)[4].note == "Own the checks"
    (field,) = [c for c in at.get("component_instance") if c.proto.component_name.endswith(".step_note")]
    assert json.loads(field.proto.json_args)["value"] == "Own the checks"  # the field shows what is stored
    scenarios.set_note(ws, sid, 4, "Changed on a second laptop")
    at.run()  # the field's old value is still in the session: it must not be stored again
    assert scenarios.decisions(ws, sid)[4].note == "Changed on a second laptop"
    at.session_state[note_key(sid, 4)] = note_value("m1", 2, "Own the checks, weekly")
    at.run()
    assert scenarios.decisions(ws, sid)[4].note == "Own the checks, weekly"


def test_a_note_field_stores_the_drafts_of_other_steps_left_by_a_reload(at, ws):
    """After a reload, the first note field shown sends the drafts the browser kept for other steps."""
    sid = scenarios.active_scenario(ws)
    scenarios.set_note(ws, sid, 6, "Old note")
    at.run()
    step = at.selectbox(key="focus_detail_step").value
    at.session_state[note_key(sid, step)] = note_value("m2", 1, "", others=[(6, "Typed just before the reload")])
    at.run()
    assert not at.exception
    assert scenarios.decisions(ws, sid)[6].note == "Typed just before the reload"
    assert step not in scenarios.decisions(ws, sid) or not scenarios.decisions(ws, sid)[step].note
