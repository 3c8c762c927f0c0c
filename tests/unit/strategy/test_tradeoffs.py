"""Each derived criterion of the Trade-off Decision Matrix against a hand computation on a small
real survey (an openpyxl workbook in a real DuckDB workspace), "Use as scenario", the workspace
.xlsx round trip of weights / hand scores / hand rows, and the CLI."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from core.analysis.competition import CompetitionSettings
from core.analysis.scoring import ScoringSettings, outcome_scores, save_settings, step_scores
from core.strategy import scenarios
from core.strategy.focus_data import load_focus_settings, save_focus_settings
from core.strategy.tradeoff_scenario import scenario_from_ranking, use_as_scenario
from core.strategy.tradeoff_store import (
    TradeoffSettings,
    add_hand_row,
    hand_rows,
    load_hand_scores,
    load_weights,
    set_hand_score,
    set_weight,
)
from core.strategy.tradeoffs import tradeoff_data
from core.views.tradeoffs import tradeoffs_view
from core.workspace.database import open_workspace
from core.workspace.file import workspace_xlsx
from core.workspace.restore import restore
from tests.unit.cli_run import run_process
from tests.unit.survey_builders import canonical_workbook, store_workbook

# R1..R4 use X, X, Y, Y; (importance, satisfaction) on 1–5, top two points 4–5.
RATINGS = {
    "o1": [(5, 1), (5, 2), (4, 5), (2, 4)],
    "o2": [(5, 5), (4, 1), (1, 1), (5, 2)],
    "o3": [(2, 2), (5, 1), (5, 5), (4, 4)],
}
OUTCOMES = {
    "o1": ("Plan", "Minimise the time to plan"),
    "o2": ("Plan", "Minimise rework"),
    "o3": ("Do", "Minimise errors"),
}
ATTRIBUTES = {"current solution": ["X", "X", "Y", "Y"], "willingness to pay": [30, 20, 40, 60]}
SCORING = ScoringSettings()
COMPARE_ALL = CompetitionSettings(min_respondents=1)


@pytest.fixture
def ws(tmp_path):
    workspace = open_workspace()
    store_workbook(workspace, canonical_workbook(tmp_path / "small.xlsx", OUTCOMES, RATINGS, ATTRIBUTES))
    yield workspace
    workspace.close()


def steps_data(ws, competition=COMPARE_ALL):
    return tradeoff_data(ws, SCORING, competition, TradeoffSettings("steps"))


def test_each_data_criterion_by_hand(ws) -> None:
    data = steps_data(ws)
    plan, do = data.rows["key"].tolist()
    raw = data.raw
    # opportunity: o1 7.5 + 2.5 = 10, o2 7.5 + 5 = 12.5, o3 7.5 + 2.5 = 10 → Plan 11.25, Do 10
    assert raw.at[plan, "opportunity"] == pytest.approx(11.25) and raw.at[do, "opportunity"] == pytest.approx(10)
    scores = outcome_scores(ws, SCORING)
    same = step_scores(ws, scores, SCORING).set_index("step")["mean_opportunity"]  # as the Opportunities page
    assert raw.at[plan, "opportunity"] == pytest.approx(same["Plan"])
    # unmet: outcomes ≥ 12 — o2 only
    assert raw.at[plan, "unmet"] == 0.5 and raw.at[do, "unmet"] == 0
    # reach: importance 4–5 and satisfaction 1–3 on ≥ half the rated outcomes: Plan R1 R2 R4, Do R2
    assert raw.at[plan, "reach"] == 0.75 and raw.at[do, "reach"] == 0.25
    # WTP: median of the reached — Plan 30, 20, 60 → 30; Do 20
    assert raw.at[plan, "wtp"] == 30 and raw.at[do, "wtp"] == 20
    # gap vs the threshold 5: Plan X (0 + 5)/2 = 2.5, Y (10 + 0)/2 = 5 → 0; Do X 0, Y 10 → −5
    assert raw.at[plan, "gap"] == pytest.approx(0) and raw.at[do, "gap"] == pytest.approx(-5)
    # gap vs us = X: Plan 2.5 − 5 = −2.5; Do 0 − 10 = −10
    ours = steps_data(ws, CompetitionSettings(min_respondents=1, us="X")).raw
    assert ours.at[plan, "gap"] == pytest.approx(-2.5) and ours.at[do, "gap"] == pytest.approx(-10)
    view = tradeoffs_view(ws, data)
    assert view.scores.loc[plan, ["opportunity", "unmet", "gap", "reach", "wtp"]].tolist() == [5.0] * 5
    assert view.scores.loc[do, ["opportunity", "unmet", "gap", "reach", "wtp"]].tolist() == [1.0] * 5
    assert "capability" in view.reasons and math.isnan(view.raw.at[plan, "capability"])


def test_capability_fit_by_hand(ws) -> None:
    cur = ws.cursor()
    cur.execute("INSERT INTO capabilities (capability_id, name, strength) VALUES ('c1', 'OCR', 3), ('c2', 'Flow', 1)")
    cur.execute(
        "INSERT INTO capability_links (capability_id, outcome_id, strength) VALUES "
        "('c1', 'o1', 3), ('c2', 'o1', 2), ('c2', 'o2', 3)"
    )
    data = steps_data(ws)
    view = tradeoffs_view(ws, data)
    plan, do = data.rows["key"].tolist()
    # o1: max(3/3·3/3, 2/3·1/3) = 1; o2: 3/3·1/3 = 1/3; o3: nothing → 0. Plan (1 + 1/3)/2, Do 0
    assert view.raw.at[plan, "capability"] == pytest.approx(2 / 3) and view.raw.at[do, "capability"] == 0
    assert "capability" not in view.reasons


def test_without_competitors_or_wtp_the_criteria_say_why(tmp_path) -> None:
    workspace = open_workspace()
    try:
        store_workbook(workspace, canonical_workbook(tmp_path / "bare.xlsx", OUTCOMES, RATINGS))
        data = steps_data(workspace)
        assert data.raw["gap"].isna().all() and data.raw["wtp"].isna().all()
        assert "competitor" in data.reasons["gap"] and "willingness-to-pay" in data.reasons["wtp"]
        view = tradeoffs_view(workspace, data)
        assert view.summary["score"].notna().all()  # the other criteria still rank the rows
    finally:
        workspace.close()


def test_segments_without_a_segmentation_fall_back_to_steps_with_a_note(ws) -> None:
    data = tradeoff_data(ws, SCORING, COMPARE_ALL, TradeoffSettings("segments"))
    assert data.basis.by == "steps" and "Segments page" in data.notes[0]


def test_scenario_rule_by_hand() -> None:
    summary = pd.DataFrame(
        {
            "rank": [1, 2, 3, 4, 5],
            "steps": [(3,), (1, 2), (2,), (), (4,)],
            "score": [4.0, 3.5, 3.0, 2.0, 1.0],
        }
    )
    order = {1: 1, 2: 2, 3: 3, 4: 4, 5: 5}
    # best rank per step: 3 → 1, 1 → 2, 2 → 2, 4 → 5; step 5 stands for no row
    assert scenario_from_ranking(summary, order, 1) == {3: "differentiate", 1: "meet", 2: "meet", 4: "accept"}
    assert scenario_from_ranking(summary, order, 2) == {3: "differentiate", 1: "differentiate", 2: "meet", 4: "accept"}


def test_use_as_scenario_saves_a_new_active_scenario(ws) -> None:
    save_focus_settings(ws, type(load_focus_settings(ws))(focus_limit=1))
    view = tradeoffs_view(ws, steps_data(ws))
    scenario_id, name = use_as_scenario(ws, view.summary, view.data.label)
    assert name == "Trade-offs: job steps" and scenarios.active_scenario(ws) == scenario_id
    plan, do = (int(k.split(":")[1]) for k in view.data.rows["key"])
    assert scenarios.assignment(ws, scenario_id) == {plan: "differentiate", do: "meet"}
    assert use_as_scenario(ws, view.summary, view.data.label)[1] == "Trade-offs: job steps 2"


def test_workspace_file_round_trip(ws, tmp_path) -> None:
    row = add_hand_row(ws, '=HYPERLINK("http://x","new step")')
    plain = add_hand_row(ws, "'quoted and @at")
    set_weight(ws, "reach", 40)
    set_hand_score(ws, "cost", row, 2)
    set_hand_score(ws, "risk", "step:1", 5)
    content = workspace_xlsx(ws)
    back = open_workspace()
    try:
        restore(back, content)
        assert load_weights(back) == load_weights(ws) and load_weights(back)["reach"] == 40
        assert load_hand_scores(back) == load_hand_scores(ws) == {("cost", row): 2.0, ("risk", "step:1"): 5.0}
        assert (
            hand_rows(back) == hand_rows(ws) == [(row, '=HYPERLINK("http://x","new step")'), (plain, "'quoted and @at")]
        )
    finally:
        back.close()
    # and the CLI reads the weights and hand scores from the file (a real `python -m core` process)
    path = tmp_path / "workspace.xlsx"
    path.write_bytes(content)
    ran = run_process("tradeoffs", str(path), "--format", "json")
    assert ran.returncode == 0, ran.stderr
    report = json.loads(ran.stdout)
    assert report["weights_from"] == "the workspace file"
    assert {c["criterion"]: c["weight"] for c in report["criteria"]}["reach"] == 40
    rows = {r["key"]: r for r in report["rows"]}
    assert rows[row]["hand"]["cost"] == 2 and rows["step:1"]["hand"]["risk"] == 5
    assert rows["step:1"]["data"]["opportunity"] == {"raw": 11.25, "score": 5.0}


@pytest.mark.parametrize("complete_pairs", [False, True])
def test_the_cli_names_the_workspace_s_counting_rule(ws, tmp_path, cli, complete_pairs) -> None:
    """Issue 11 item 7: the data criteria are opportunity scores, so the command line's matrix names
    the counting rule the workspace file saved, in the table and in the JSON."""
    save_settings(ws, ScoringSettings(complete_pairs=complete_pairs))
    path = tmp_path / "workspace.xlsx"
    path.write_bytes(workspace_xlsx(ws))
    rule = "complete pairs only" if complete_pairs else "per item"
    table = cli("tradeoffs", str(path))
    assert table.returncode == 0, table.stderr
    assert f"Scores: top-two-box, {rule}." in table.stdout.splitlines()[:3]
    as_json = cli("tradeoffs", str(path), "--format", "json")
    assert json.loads(as_json.stdout)["scoring"] == f"Scores: top-two-box, {rule}"
