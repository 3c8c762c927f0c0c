"""Two people at once (issue 17.4), in two app sessions on one workspace: the Focus board's Undo, a
step target, a bulk outcome move and the facilitator's and competitor settings changed from a stale
page are refused with "changed elsewhere", and the page shows the current state."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core.analysis.competition import load_competition_settings
from core.intake.survey_queries import outcomes_table, steps_table
from core.strategy import scenarios
from core.strategy.focus import DIFFERENTIATE, MEET
from core.strategy.focus_data import load_focus_settings
from core.workspace.database import open_workspace
from tests.app.app_helpers import new_app, texts, visit
from tests.app.test_focus_page import board_columns, drag

FOCUS = "pages/focus_matrix.py"


def _two(token: str, page: str) -> tuple[AppTest, AppTest]:
    return visit(new_app(token), page), visit(new_app(token), page)


def test_an_undo_from_a_stale_board_is_refused_and_the_current_board_shown(sample_token: str) -> None:
    a, b = _two(sample_token, FOCUS)
    ws = open_workspace(sample_token)
    try:
        sid = scenarios.active_scenario(ws)
        drag(a, ws, {3: MEET})
        b.run()  # B sees step 3 in Meet, and Undo (1)
        assert b.button(key="focus_undo").label == "Undo (1)"
        drag(a, ws, {3: MEET, 3: DIFFERENTIATE})  # noqa: F601 (A's board log: the second drop wins)
        assert scenarios.assignment(ws, sid)[3] == DIFFERENTIATE
        b.button(key="focus_undo").click().run()  # B's board still shows Meet: its undo is stale
        assert not b.exception, b.exception
        assert "changed elsewhere" in texts(b.error)
        assert scenarios.assignment(ws, sid)[3] == DIFFERENTIATE  # A's move stands
        assert scenarios.history_size(ws, sid) == 2
        assert any(card.startswith("3 · ") for card in board_columns(b)["DIFFERENTIATE"])  # the current board
        b.button(key="focus_undo").click().run()  # from the current board: undone
        assert scenarios.assignment(ws, sid)[3] == MEET
    finally:
        ws.close()


def test_a_target_set_from_a_stale_page_is_refused_and_the_stored_one_shown(sample_token: str) -> None:
    ws = open_workspace(sample_token)
    try:
        sid = scenarios.active_scenario(ws)
        scenarios.set_choice(ws, sid, 5, DIFFERENTIATE)
        a, b = _two(sample_token, FOCUS)
        for app in (a, b):
            app.selectbox(key="focus_detail_step").set_value(5).run()
        margin = f"focus_margin_{sid}_5"
        a.number_input(key=margin).set_value(2.0).run()
        b.number_input(key=margin).set_value(4.5).run()
        assert not b.exception, b.exception
        assert "changed elsewhere" in texts(b.error)
        assert scenarios.decisions(ws, sid)[5].target.margin == 2.0
        assert b.number_input(key=margin).value == 2.0  # B now shows the stored target
    finally:
        ws.close()


def _saved(token: str):
    workspace = open_workspace(token)
    try:
        return steps_table(workspace), outcomes_table(workspace).set_index("outcome_id")["step_id"]
    finally:
        workspace.close()


def test_a_bulk_move_from_a_stale_job_map_is_refused(sample_token: str) -> None:
    a, b = _two(sample_token, "pages/job_map.py")
    steps, before = _saved(sample_token)
    first, second = before.index[:2]
    last, other = int(steps["step_id"].iloc[-1]), int(steps["step_id"].iloc[-2])
    b.multiselect(key="job_map_bulk_outcomes").set_value([first, second]).run()
    b.selectbox(key="job_map_bulk_target").set_value(other).run()
    a.multiselect(key="job_map_bulk_outcomes").set_value([first]).run()
    a.selectbox(key="job_map_bulk_target").set_value(last).run()
    a.button(key="job_map_bulk_move").click().run()
    _, moved = _saved(sample_token)
    assert moved[first] == last

    b.button(key="job_map_bulk_move").click().run()  # B still shows the old map
    assert not b.exception, b.exception
    assert "changed elsewhere" in texts(b.error)
    _, after = _saved(sample_token)
    assert after.equals(moved)  # nothing of B's move was applied
    assert b.multiselect(key="job_map_bulk_outcomes").value == [first, second]  # the pick stays, to try again
    b.button(key="job_map_bulk_move").click().run()  # from the page now drawn: moved
    _, after = _saved(sample_token)
    assert after[first] == after[second] == other


def test_facilitator_settings_changed_in_another_tab_are_not_overwritten(sample_token: str) -> None:
    a, b = _two(sample_token, FOCUS)
    a.number_input(key="focus_threshold").set_value(6.5).run()
    b.number_input(key="focus_threshold").set_value(3.0).run()  # B still shows the old threshold
    assert not b.exception, b.exception
    assert "changed elsewhere" in texts(b.error)
    assert b.number_input(key="focus_threshold").value == 6.5  # B now shows the current threshold
    b.number_input(key="focus_limit").set_value(2).run()  # another setting, and B is current now: saved
    ws = open_workspace(sample_token)
    try:
        assert load_competition_settings(ws).critical_threshold == 6.5
        assert load_focus_settings(ws).focus_limit == 2
    finally:
        ws.close()


def test_competitor_settings_changed_in_another_tab_are_not_overwritten(sample_token: str) -> None:
    a, b = _two(sample_token, "pages/competitors.py")
    a.number_input(key="comp_threshold").set_value(6.5).run()
    b.number_input(key="comp_threshold").set_value(3.0).run()
    assert not b.exception, b.exception
    assert "changed elsewhere" in texts(b.error)
    assert b.number_input(key="comp_threshold").value == 6.5
    ws = open_workspace(sample_token)
    try:
        assert load_competition_settings(ws).critical_threshold == 6.5
    finally:
        ws.close()
