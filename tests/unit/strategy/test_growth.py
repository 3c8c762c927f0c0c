"""Growth strategy by segment (core.strategy.growth) against a hand computation on a small survey
(a real .xlsx written by openpyxl), the placement rule for each of the five strategies, and the
facilitator's override: saved at once, round-tripped through the workspace .xlsx, refused when a
hand-edited file names an unknown strategy."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from core.analysis.scoring import ScoringSettings
from core.analysis.segment_store import save_segmentation
from core.strategy.growth import (
    MARKET_ID,
    MARKET_NAME,
    GrowthError,
    GrowthRules,
    overrides,
    place,
    placements,
    set_override,
)
from core.views.strategy_options import strategy_analysis, strategy_options_view
from core.workspace.database import open_workspace
from core.workspace.file import workspace_xlsx
from core.workspace.restore import WorkspaceFileError, restore
from tests.unit.survey_builders import canonical_workbook, store_workbook

SCORING = ScoringSettings()
RULES = GrowthRules(wtp_min_answers=3)  # the fixture's segments have 4 and 6 WTP answers
# Segment A (R1–R4): every outcome importance 5, satisfaction 1 → imp 10, sat 0, opportunity 20 (high).
# Segment B (R5–R10): O1, O2 importance 1, satisfaction 5 → imp 0, sat 10: overserved, opportunity 0;
#                     O3, O4 importance 5, satisfaction 5 → imp 10, sat 10, opportunity 10.
# Everyone: O1, O2 imp 4, sat 6 → opp 4, overserved (6 − 4 > 1); O3, O4 imp 10, sat 6 → opp 14 (high).
A, B = 4, 6
WTP = [100, 120, 140, 160, 50, 60, 70, 80, 90, 100]  # A then B; medians: A 130, B 75, everyone 95


@pytest.fixture
def ws(tmp_path):
    outcomes = {"O1": ("Plan", "o1"), "O2": ("Plan", "o2"), "O3": ("Pay", "o3"), "O4": ("Pay", "o4")}
    a = [(5, 1)] * A
    ratings = {o: a + [(1, 5)] * B for o in ("O1", "O2")} | {o: a + [(5, 5)] * B for o in ("O3", "O4")}
    workspace = open_workspace()
    path = canonical_workbook(tmp_path / "s.xlsx", outcomes, ratings, {"Willingness to pay": WTP})
    store_workbook(workspace, path)
    ids = [f"R{i + 1:04d}" for i in range(A + B)]
    groups = pd.DataFrame({"respondent_id": ids, "segment": ["A"] * A + ["B"] * B})
    workspace.segmentation = save_segmentation(workspace, "Hand", groups, k=2, silhouette=None, params={})
    yield workspace
    workspace.close()


def growth(ws):
    analysis = strategy_analysis(ws, SCORING, None)
    return placements(analysis.metrics, RULES, analysis.has_competitors).set_index("segment")


def test_figures_match_the_hand_computation(ws):
    table = growth(ws)
    assert list(table.index) == ["B", "A", MARKET_NAME]  # largest segment first, the market last
    assert table.loc["A", "share"] == pytest.approx(0.4) and table.loc["B", "share"] == pytest.approx(0.6)
    assert table.loc["A", "underserved_share"] == 1.0 and table.loc["A", "overserved_share"] == 0.0
    assert table.loc["A", "mean_opportunity"] == pytest.approx(20.0)
    assert table.loc["B", "underserved_share"] == 0.0 and table.loc["B", "overserved_share"] == 0.5
    assert table.loc["B", "mean_opportunity"] == pytest.approx(5.0)
    assert table.loc[MARKET_NAME, "underserved_share"] == 0.5
    assert table.loc[MARKET_NAME, "overserved_share"] == 0.5
    assert table.loc[MARKET_NAME, "mean_opportunity"] == pytest.approx(9.0)
    assert table["wtp_median"].to_dict() == {"B": 75.0, "A": 130.0, MARKET_NAME: 95.0}
    assert table["alternatives_share"].isna().all()  # no competitor data: not used


def test_each_segment_is_placed_by_the_rule(ws):
    table = growth(ws)
    # A: underserved, 130 ≥ 95 × 1.1 → differentiated; B: overserved, 75 < 104.5 → disruptive;
    # everyone: underserved, 95 < 104.5 → dominant (better and cheaper).
    assert table["strategy"].to_dict() == {"B": "disruptive", "A": "differentiated", MARKET_NAME: "dominant"}
    assert "median WTP 130 vs 104.5 needed" in table.loc["A", "reason"]


def row(under: float, over: float, wtp: float | None = None, n: int = 50, alternatives: float | None = None) -> dict:
    return {
        "underserved_share": under,
        "overserved_share": over,
        "wtp_median": float("nan") if wtp is None else wtp,
        "wtp_n": n if wtp is not None else 0,
        "alternatives_share": float("nan") if alternatives is None else alternatives,
    }


@pytest.mark.parametrize(
    ("given", "market_wtp", "competitors", "expected"),
    [
        (row(0.30, 0.0, 120, alternatives=0.2), 100.0, True, "differentiated"),  # 120 ≥ 110
        (row(0.30, 0.0, 105, alternatives=0.2), 100.0, True, "dominant"),  # 105 < 110
        (row(0.30, 0.0, 120, alternatives=0.5), 100.0, True, "discrete"),  # half of it white space
        (row(0.30, 0.0, 120, alternatives=0.9), 100.0, False, "differentiated"),  # no competitors: not used
        (row(0.10, 0.30, 90), 100.0, True, "disruptive"),
        (row(0.10, 0.30, 130), 100.0, True, "sustaining"),  # overserved but pays more
        (row(0.24, 0.24, 90), 100.0, True, "sustaining"),  # just below both thresholds
        (row(0.30, 0.0), None, True, "differentiated"),  # no WTP: provisional, stated
        (row(0.10, 0.30), None, True, "disruptive"),  # no WTP: price condition skipped
        (row(0.30, 0.0, 500, n=5), 100.0, True, "differentiated"),  # 5 answers < 10: unknown
    ],
)
def test_placement_rule(given, market_wtp, competitors, expected):
    strategy, reason = place(given, GrowthRules(), market_wtp, competitors)
    assert strategy == expected, reason


def test_without_wtp_the_reason_says_dominant_cannot_be_told_apart():
    _, reason = place(row(0.30, 0.0), GrowthRules(), None, True)
    assert "cannot be told apart" in reason and "no willingness to pay known" in reason


def test_an_override_is_saved_at_once_and_wins_over_the_rule(ws):
    set_override(ws, ws.segmentation, "B", "sustaining")
    set_override(ws, MARKET_ID, MARKET_NAME, "differentiated")
    assert overrides(ws, ws.segmentation) == {"B": "sustaining"}
    view = strategy_options_view(ws, strategy_analysis(ws, SCORING, None)).growth.set_index("segment")
    assert view.loc["B", "strategy"] == "sustaining" and view.loc["B", "rule_strategy"] != "sustaining"
    assert view.loc[MARKET_NAME, "override"] == "differentiated"
    set_override(ws, ws.segmentation, "B", None)
    assert overrides(ws, ws.segmentation) == {}
    with pytest.raises(GrowthError, match="“cheap” is not a growth strategy"):
        set_override(ws, ws.segmentation, "A", "cheap")


def test_overrides_round_trip_through_the_workspace_file(ws):
    set_override(ws, ws.segmentation, "A", "discrete")
    set_override(ws, MARKET_ID, MARKET_NAME, "sustaining")
    content = workspace_xlsx(ws)
    fresh = open_workspace()
    try:
        restore(fresh, content)
        assert overrides(fresh, ws.segmentation) == {"A": "discrete"}
        assert overrides(fresh, MARKET_ID) == {MARKET_NAME: "sustaining"}
    finally:
        fresh.close()


def tampered(content: bytes, column: str, value: str) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book["growth_overrides"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index(column) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("strategy", "cheap", "row 2, column 'strategy': “cheap” is not one of differentiated"),
        ("segmentation_id", "nope", "row 2, column 'segmentation_id': “nope” names a segmentation"),
    ],
)
def test_a_hand_edited_override_is_refused_with_where_and_why(ws, column, value, message):
    set_override(ws, ws.segmentation, "A", "discrete")
    fresh = open_workspace()
    try:
        with pytest.raises(WorkspaceFileError, match=message):
            restore(fresh, tampered(workspace_xlsx(ws), column, value))
        assert overrides(fresh, ws.segmentation) == {}
    finally:
        fresh.close()


def test_a_deleted_segmentation_s_overrides_stay_out_of_the_file_so_it_restores(ws):
    from core.analysis.segment_store import delete_segmentation

    set_override(ws, ws.segmentation, "A", "discrete")
    set_override(ws, MARKET_ID, MARKET_NAME, "sustaining")
    delete_segmentation(ws, ws.segmentation)
    fresh = open_workspace()
    try:
        restore(fresh, workspace_xlsx(ws))
        assert overrides(fresh, MARKET_ID) == {MARKET_NAME: "sustaining"}
        assert overrides(fresh, ws.segmentation) == {}
    finally:
        fresh.close()
