""" "What this scenario wins" on the Focus matrix through AppTest: the panel shows, follows a drag on
the board and a choice made on another screen (set_choice), states the rule, and the scenario
comparison shows "won" side by side."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core.analysis.segment_store import save_segmentation
from core.strategy import scenarios
from core.strategy.focus import DIFFERENTIATE, MEET
from core.strategy.wins import rule_text, scenario_wins, wins_basis
from tests.app.app_helpers import new_app, shown, visit
from tests.app.test_focus_page import drag, metrics
from ui.focus_scenarios import COMPARE_MODE, MODE

PAGE = "pages/focus_matrix.py"
WON = "Respondents won"


@pytest.fixture
def at(sample_token) -> AppTest:
    return visit(new_app(sample_token), PAGE)


def expected(ws, assignment) -> str:
    wins = scenario_wins(wins_basis(ws), assignment)
    return f"{wins.won:,} ({wins.won / wins.sample:.0%})"


def small_table(at: AppTest, title: str) -> list[tuple[str, int, int]]:
    """The rows (name, won, of) of the panel's Markdown table headed ``title``, as a browser shows them."""
    source = next(m.value for m in at.main.markdown if shown(m.value).startswith(f"| {title} |"))
    rows = []
    for line in source.splitlines()[2:]:
        name, won, of = (cell.strip() for cell in line.strip("|").split(" | "))
        rows.append((shown(name), int(won.strip("*").replace(",", "")), int(of.replace(",", ""))))
    return rows


def panel_text(at: AppTest) -> str:
    return " ".join(c.value for c in at.main.caption)


def test_the_panel_shows_and_follows_a_drag_and_a_choice_made_elsewhere(at, ws):
    assert metrics(at)[WON] == "0 (0%)"
    assert "at least half of a respondent's top 3 underserved outcomes" in shown(panel_text(at))
    won = next(m for m in at.main.metric if m.label == WON)
    assert rule_text() in won.proto.help  # the full rule under the ⓘ
    assert metrics(at)["Willingness to pay"] == "0"
    drag(at, ws, {6: DIFFERENTIATE})
    after_drag = metrics(at)[WON]
    assert after_drag == expected(ws, {6: DIFFERENTIATE}) and after_drag != "0 (0%)"
    won = next(m for m in at.main.metric if m.label == WON)
    assert won.proto.delta.startswith("+") and "since the last move" in won.proto.delta
    solution = small_table(at, "From (Current solution)")
    assert sum(won for _, won, _ in solution) == int(after_drag.split()[0].replace(",", ""))
    assert sum(n for _, _, n in solution) == 600  # every respondent of the sample, by current solution

    sid = scenarios.active_scenario(ws)
    scenarios.set_choice(ws, sid, 2, DIFFERENTIATE)  # another laptop moves a card
    at.run()
    assert metrics(at)[WON] == expected(ws, {6: DIFFERENTIATE, 2: DIFFERENTIATE})
    assert metrics(at)[WON] != after_drag


def test_won_by_segment_follows_the_newest_segmentation(at, ws):
    respondents = ws.cursor().execute("SELECT respondent_id FROM respondents ORDER BY 1").df()
    members = respondents.assign(segment=["Early" if i % 2 else "Late" for i in range(len(respondents))])
    save_segmentation(ws, "Halves", members, k=2, silhouette=None, params={})
    drag(at, ws, {6: DIFFERENTIATE, 5: DIFFERENTIATE})
    table = small_table(at, "Segment (Halves)")
    assert {name for name, _, _ in table} == {"Early", "Late"}
    assert sum(n for _, _, n in table) == len(respondents)


def test_the_comparison_shows_won_side_by_side(at, ws):
    first = scenarios.active_scenario(ws)
    scenarios.set_assignment(ws, first, {3: DIFFERENTIATE, 5: DIFFERENTIATE})
    scenarios.create_scenario(ws, "Cautious", {3: MEET, 11: DIFFERENTIATE})
    at.segmented_control(key=MODE).set_value(COMPARE_MODE).run()
    assert not at.exception
    table: pd.DataFrame = at.dataframe[0].value
    assert table.loc[WON, "Scenario 1"] == expected(ws, {3: DIFFERENTIATE, 5: DIFFERENTIATE})
    assert table.loc[WON, "Cautious"] == expected(ws, {11: DIFFERENTIATE})
    assert "Willingness to pay of the won (sum · mean)" in table.index
    assert "Who counts as won." in panel_text(at)


def test_presenting_keeps_the_panel_to_one_row(sample_token, ws):
    app = new_app(sample_token)
    app.query_params["present"] = "1"
    app = visit(app, PAGE)
    assert WON not in metrics(app)  # one line, no tall metric: it floats at the top of the screen
    assert not [m for m in app.main.markdown if "From (Current solution)" in shown(m.value)]
    line = next(m for m in app.main.markdown if m.value.startswith("Won **"))
    assert line.value == "Won **0 (0%)** · WTP **0**"
    assert rule_text() in line.proto.help
    assert any("position: fixed" in h.proto.body for h in app.get("html") if "focus_wins" in h.proto.body)
