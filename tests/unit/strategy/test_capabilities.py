"""Capabilities in a real workspace: CRUD, one link per capability × need, the page's view against a
hand computation on a small survey (real .xlsx written by openpyxl), and the workspace .xlsx round trip."""

from __future__ import annotations

import io

import pandas as pd
import pytest
import python_calamine

from core.analysis.scoring import ScoringSettings
from core.strategy import capabilities as caps
from core.strategy import scenarios
from core.strategy.capabilities import CapabilityError
from core.strategy.capability_tables import apply_capability_table, apply_link_table, apply_vrio_table
from core.strategy.vrio import DISADVANTAGE, SUSTAINED, TEMPORARY
from core.views.capabilities import REASON_ADDED, REASON_DIFFERENTIATE, REASON_EXTREME, capabilities_view, need_scores
from core.workspace.database import open_workspace
from core.workspace.file import workspace_xlsx
from core.workspace.restore import restore
from tests.unit.survey_builders import canonical_workbook, store_workbook

SCORING = ScoringSettings()
N = 10
# outcome → (step, importance top-two count, satisfaction top-two count) out of 10 respondents:
# importance = top count, satisfaction = top count, opportunity = imp + max(imp − sat, 0).
DESIGN = {
    "O1": ("Plan", 9, 1),  # 9 + 8 = 17  extreme
    "O2": ("Plan", 7, 3),  # 7 + 4 = 11  solid
    "O3": ("Build", 8, 4),  # 8 + 4 = 12 high
    "O4": ("Build", 5, 5),  # 5 + 0 = 5  not attractive
    "O5": ("Ship", 6, 2),  # 6 + 4 = 10  solid; its step is chosen to differentiate
}
OPPORTUNITY = {"O1": 17.0, "O2": 11.0, "O3": 12.0, "O4": 5.0, "O5": 10.0}


@pytest.fixture
def ws(tmp_path):
    ratings = {o: [(5 if i < imp else 2, 4 if i < sat else 1) for i in range(N)] for o, (_, imp, sat) in DESIGN.items()}
    outcomes = {o: (step, f"Minimise the time it takes to do {o}") for o, (step, _, _) in DESIGN.items()}
    workspace = open_workspace()
    store_workbook(workspace, canonical_workbook(tmp_path / "survey.xlsx", outcomes, ratings))
    yield workspace
    workspace.close()


def view(ws):
    return capabilities_view(ws, need_scores(ws, SCORING), SCORING)


def step_of(ws, name: str) -> int:
    scores = need_scores(ws, SCORING)
    return int(scores.loc[scores["step"] == name, "step_id"].iloc[0])


def differentiate_ship(ws) -> str:
    scenario = scenarios.create_scenario(ws, "Plan A")
    scenarios.set_choice(ws, scenario, step_of(ws, "Ship"), "differentiate")
    scenarios.set_active(ws, scenario)
    return scenario


def test_the_fixture_scores_as_designed(ws):
    scores = need_scores(ws, SCORING).set_index("outcome_id")["opportunity"]
    assert scores.to_dict() == pytest.approx(OPPORTUNITY)


def test_default_columns_are_high_band_plus_differentiate_steps_by_opportunity(ws):
    assert view(ws).columns["outcome_id"].tolist() == ["O1", "O3"]  # no scenario yet: high band only
    differentiate_ship(ws)
    columns = view(ws).columns.set_index("outcome_id")
    assert columns.index.tolist() == ["O1", "O3", "O5"]
    assert columns["reason"].to_dict() == {"O1": REASON_EXTREME, "O3": "high opportunity", "O5": REASON_DIFFERENTIATE}
    assert columns["must_cover"].to_dict() == {"O1": True, "O3": False, "O5": True}


def test_columns_added_and_removed_by_hand(ws):
    caps.include_need(ws, "O4", True)
    caps.include_need(ws, "O3", False)
    shown = view(ws)
    assert shown.columns["outcome_id"].tolist() == ["O1", "O4"]
    assert shown.columns.set_index("outcome_id").loc["O4", "reason"] == REASON_ADDED
    assert shown.available["outcome_id"].tolist() == ["O3", "O2", "O5"]  # by opportunity
    caps.include_need(ws, "O3", None)
    assert view(ws).columns["outcome_id"].tolist() == ["O1", "O3", "O4"]
    with pytest.raises(CapabilityError, match="no need O9"):
        caps.include_need(ws, "O9", True)


def test_every_derived_figure_against_a_hand_computation(ws):
    differentiate_ship(ws)
    a = caps.add_capability(ws, "Data", strength=2, cost="low", effort="high")
    b = caps.add_capability(ws, "Team", strength=1, cost="2.5")
    caps.set_link(ws, a, "O1", "critical")
    caps.set_link(ws, a, "O3", "supports")
    caps.set_link(ws, b, "O5", "enables")
    caps.set_link(ws, b, "O2", "critical")  # O2 is not a column: no unlock, no valuable (11 < 12)
    shown = view(ws)
    rows = shown.rows.set_index("capability_id")
    assert rows.loc[a, "unlock"] == pytest.approx(17 * 1 + 12 * 1 / 3)  # 21.0
    assert rows.loc[b, "unlock"] == pytest.approx(10 * 2 / 3)
    assert rows.loc[a, "requirement"] == 4.0 and rows.loc[b, "requirement"] == 2.5
    assert rows.loc[a, "n_needs"] == 2 and rows.loc[b, "n_needs"] == 1
    assert bool(rows.loc[a, "valuable_derived"]) and not bool(rows.loc[b, "valuable_derived"])
    assert rows.loc[b, "implication"] == DISADVANTAGE
    # O1 covered by Data (critical, strength 2); O5 enabled only by Team (strength 1) → the one gap.
    assert shown.gaps["outcome_id"].tolist() == ["O5"]
    assert shown.columns.set_index("outcome_id")["gap"].to_dict() == {"O1": False, "O3": False, "O5": True}
    assert shown.priorities["capability_id"].tolist() == [a, b]
    assert shown.counts[DISADVANTAGE] == 1 and sum(shown.counts.values()) == 2
    caps.update_capability(ws, b, strength=2)
    assert view(ws).gaps.empty
    caps.update_capability(ws, a, rare=True, inimitable=True, organized=True, barrier="patents")
    assert view(ws).rows.set_index("capability_id").loc[a, "implication"] == SUSTAINED
    caps.update_capability(ws, a, valuable=False)  # the override wins over the derived yes
    assert view(ws).rows.set_index("capability_id").loc[a, "implication"] == DISADVANTAGE


def test_one_link_per_pair_and_none_removes_it(ws):
    a = caps.add_capability(ws, "Data")
    caps.set_link(ws, a, "O1", "supports", note="first")
    caps.set_link(ws, a, "O1", 3)  # the note is kept
    stored = ws.cursor().execute("SELECT strength, note FROM capability_links").fetchall()
    assert stored == [(3, "first")]
    caps.set_link(ws, a, "O1", "none", note=None)
    assert ws.cursor().execute("SELECT count(*) FROM capability_links").fetchone() == (0,)
    with pytest.raises(CapabilityError, match="not a link level"):
        caps.set_link(ws, a, "O1", "strongly")


def test_whole_row_and_column(ws):
    a, b = caps.add_capability(ws, "A"), caps.add_capability(ws, "B")
    caps.set_row(ws, a, ["O1", "O3"], "enables")
    caps.set_column(ws, "O3", [a, b], "critical")
    levels = {(c, o): s for c, o, s, _ in caps.links(ws).itertuples(index=False)}
    assert levels == {(a, "O1"): 2, (a, "O3"): 3, (b, "O3"): 3}


def test_crud_names_order_and_delete(ws):
    a = caps.add_capability(ws, "  Real-time   data ", owner="Ops", strength=3)
    b = caps.add_capability(ws, "Brand")
    c = caps.add_capability(ws, "Culture")
    assert caps.capabilities(ws)["name"].tolist() == ["Real-time data", "Brand", "Culture"]
    with pytest.raises(CapabilityError, match="already a capability called “brand”"):
        caps.add_capability(ws, "brand")
    with pytest.raises(CapabilityError, match="needs a name"):
        caps.update_capability(ws, a, name="  ")
    with pytest.raises(CapabilityError, match="outside 0–3"):
        caps.update_capability(ws, a, strength=4)
    with pytest.raises(CapabilityError, match="Barrier"):
        caps.update_capability(ws, a, barrier="luck")
    caps.update_capability(ws, b, name="Brand trust", cost="Medium")
    caps.move_capability(ws, c, -2)
    assert caps.capabilities(ws)["capability_id"].tolist() == [c, a, b]
    assert caps.capabilities(ws).set_index("capability_id").loc[b, "cost"] == "medium"
    caps.set_link(ws, a, "O1", "enables")
    caps.delete_capability(ws, a)
    assert caps.capabilities(ws)["capability_id"].tolist() == [c, b]
    assert caps.links(ws).empty


def test_every_change_bumps_the_revision(ws):
    before = ws.revision
    a = caps.add_capability(ws, "A")
    caps.set_link(ws, a, "O1", "enables")
    caps.include_need(ws, "O4", True)
    assert ws.revision >= before + 3


def test_rows_table_adds_edits_deletes_all_or_nothing(ws):
    a = caps.add_capability(ws, "A")
    b = caps.add_capability(ws, "B")
    table = pd.DataFrame(
        {
            "capability_id": [a, None, None],
            "order": [2, 1, None],
            "name": ["A2", "New", None],
            "description": [None, "typed", None],
            "owner": [None, None, None],
            "strength": [1, None, None],
            "cost": [None, "high", None],
            "effort": [None, None, None],
        }
    )  # B deleted; the third row is an empty new row (not saved yet)
    changes = apply_capability_table(ws, table)
    assert "Deleted B" in changes and "Added New" in changes and "Renamed A → A2" in changes
    stored = caps.capabilities(ws)
    assert stored["name"].tolist() == ["New", "A2"]
    bad = table.assign(cost=["lots", None, None])
    with pytest.raises(CapabilityError, match="Row 1: Cost: “lots”"):
        apply_capability_table(ws, bad)
    assert caps.capabilities(ws)["name"].tolist() == ["New", "A2"]
    assert b not in caps.capabilities(ws)["capability_id"].tolist()


def test_link_and_vrio_tables(ws):
    a = caps.add_capability(ws, "A")
    grid = pd.DataFrame({"capability_id": [a], "name": ["A"], "O1": ["critical"], "O3": ["none"]})
    assert apply_link_table(ws, grid, ["O1", "O3"]) == ["A × O1: critical"]
    assert apply_link_table(ws, grid, ["O1", "O3"]) == []
    vrio_table = pd.DataFrame(
        {"capability_id": [a], "valuable": ["derived"], "rare": [True], "inimitable": [False],
         "barrier": [None], "organized": [True]}
    )  # fmt: skip
    assert apply_vrio_table(ws, vrio_table) == ["VRIO of A"]
    assert view(ws).rows["implication"].tolist() == [TEMPORARY]  # derived valuable (critical on O1)


def test_round_trip_through_the_workspace_file_with_hostile_text(ws):
    differentiate_ship(ws)
    a = caps.add_capability(ws, '=HYPERLINK("http://evil.example","x")', description="+1 line", cost="3")
    caps.update_capability(ws, a, rare=True, barrier="network effect")
    caps.set_link(ws, a, "O1", "enables", note="@mention -minus")
    caps.include_need(ws, "O4", True)
    caps.include_need(ws, "O3", False)
    content = workspace_xlsx(ws)
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    cells = [str(v) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python() for v in row]
    assert not any(v.startswith(("=", "+", "@")) for v in cells)  # neutralised in the file
    fresh = open_workspace()
    restore(fresh, content, "workspace.xlsx")
    for sql in (
        "SELECT * FROM capabilities",
        "SELECT * FROM capability_links",
        "SELECT * FROM capability_needs ORDER BY outcome_id",
    ):
        assert fresh.cursor().execute(sql).fetchall() == ws.cursor().execute(sql).fetchall(), sql
    before, after = view(ws), view(fresh)
    pd.testing.assert_frame_equal(before.rows, after.rows)
    pd.testing.assert_frame_equal(before.columns, after.columns)
    fresh.close()
