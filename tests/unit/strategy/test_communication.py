"""The Communication Map in a real workspace: seeding once, CRUD, one message per cell, the checks,
coverage, consistency and the story against hand computations on a small survey (real .xlsx written
by openpyxl), and the workspace .xlsx round trip with hostile text."""

from __future__ import annotations

import io

import pandas as pd
import pytest
import python_calamine

from core.analysis.scoring import ScoringSettings
from core.analysis.segment_store import save_segmentation
from core.strategy import communication as comm
from core.strategy import jobmap, scenarios
from core.strategy.communication import CommunicationError
from core.strategy.communication_checks import NO_MESSAGE, NO_PROOF, PROVEN, message_consistency
from core.strategy.communication_messages import apply_message_table, messages, segment_key, set_message
from core.views.communication import communication_view, need_scores, segment_need_scores
from core.workspace.database import open_workspace
from core.workspace.file import workspace_xlsx
from core.workspace.restore import restore
from tests.unit.survey_builders import canonical_workbook, store_workbook

SCORING = ScoringSettings()
N = 10
# outcome → (step, importance top-two count, satisfaction top-two count) out of 10 respondents;
# opportunity = imp + max(imp − sat, 0): Plan 17 + 11 = 28, Build 12 + 5 = 17, Ship 10; total 55.
DESIGN = {
    "O1": ("Plan", 9, 1),  # 17
    "O2": ("Plan", 7, 3),  # 11
    "O3": ("Build", 8, 4),  # 12
    "O4": ("Build", 5, 5),  # 5
    "O5": ("Ship", 6, 2),  # 10
}


@pytest.fixture
def ws(tmp_path):
    ratings = {o: [(5 if i < imp else 2, 4 if i < sat else 1) for i in range(N)] for o, (_, imp, sat) in DESIGN.items()}
    outcomes = {o: (step, f"Minimise the time it takes to do {o}") for o, (step, _, _) in DESIGN.items()}
    workspace = open_workspace()
    store_workbook(workspace, canonical_workbook(tmp_path / "survey.xlsx", outcomes, ratings))
    comm.ensure_touchpoints(workspace)
    yield workspace
    workspace.close()


def step_of(ws, name: str) -> int:
    return int(ws.cursor().execute("SELECT step_id FROM steps WHERE name = ?", [name]).fetchone()[0])


def plan_a(ws) -> str:
    """Differentiate Plan and Ship, accept Build."""
    scenario = scenarios.create_scenario(ws, "Plan A")
    scenarios.set_assignment(
        ws, scenario, {step_of(ws, "Plan"): "differentiate", step_of(ws, "Ship"): "differentiate",
                       step_of(ws, "Build"): "accept"}
    )  # fmt: skip
    scenarios.set_active(ws, scenario)
    return scenario


def tp(ws, name: str) -> str:
    frame = comm.touchpoints(ws)
    return str(frame.loc[frame["name"] == name, "touchpoint_id"].iloc[0])


def view(ws):
    return communication_view(ws, need_scores(ws, SCORING), segment_need_scores(ws, SCORING), SCORING)


def el(ws, name: str) -> str:
    return f"step:{step_of(ws, name)}"


# --- touchpoints ------------------------------------------------------------------------------
def test_defaults_are_seeded_once_and_never_again(ws):
    frame = comm.touchpoints(ws)
    assert list(zip(frame["name"], frame["stage"], strict=True)) == list(comm.DEFAULT_TOUCHPOINTS)
    assert frame["position"].tolist() == list(range(1, 9))
    assert comm.ensure_touchpoints(ws) is False
    assert len(comm.touchpoints(ws)) == 8
    for touchpoint_id in frame["touchpoint_id"]:
        comm.delete_touchpoint(ws, touchpoint_id)
    assert comm.ensure_touchpoints(ws) is False
    assert comm.touchpoints(ws).empty


def test_touchpoint_crud_checks_and_reorder(ws):
    new = comm.add_touchpoint(ws, "  Trade   show ", "Awareness")
    frame = comm.touchpoints(ws)
    assert frame["name"].iloc[-1] == "Trade show" and frame["stage"].iloc[-1] == "awareness"
    with pytest.raises(CommunicationError, match="already a touchpoint called “website”"):
        comm.add_touchpoint(ws, "website")
    with pytest.raises(CommunicationError, match="Stage “launch” is not one of"):
        comm.update_touchpoint(ws, new, "Trade show", "launch")
    with pytest.raises(CommunicationError, match="needs a name"):
        comm.update_touchpoint(ws, new, "  ", None)
    comm.reorder_touchpoints(ws, [new, tp(ws, "Renewal")])
    assert comm.touchpoints(ws)["name"].tolist()[:3] == ["Trade show", "Renewal", "Website"]


def test_deleting_a_touchpoint_deletes_its_messages(ws):
    plan_a(ws)
    set_message(ws, el(ws, "Plan"), tp(ws, "Demo"), text="Plan in minutes")
    set_message(ws, el(ws, "Plan"), tp(ws, "Website"), text="Plan fast")
    comm.delete_touchpoint(ws, tp(ws, "Demo"))
    assert messages(ws)["text"].tolist() == ["Plan fast"]


# --- messages ---------------------------------------------------------------------------------
def test_one_message_per_element_touchpoint_and_variant(ws, tmp_path):
    plan_a(ws)
    plan, website = el(ws, "Plan"), tp(ws, "Website")
    set_message(ws, plan, website, text="First")
    set_message(ws, plan, website, text="Second", proof_kind="Demonstration", proof="Live demo")
    set_message(ws, plan, website, timing="At first contact")  # a field left out keeps its value
    frame = messages(ws)
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row["text"], row["proof_kind"], row["proof"], row["timing"]) == (
        "Second", "demonstration", "Live demo", "At first contact"
    )  # fmt: skip
    assert ws.cursor().execute("SELECT count(*) FROM messages").fetchone()[0] == 1
    with pytest.raises(CommunicationError, match="segment no longer exists"):
        set_message(ws, plan, website, "nope:Busy", text="x")
    with pytest.raises(CommunicationError, match="Proof kind “rumour”"):
        set_message(ws, plan, website, proof_kind="rumour")
    set_message(ws, plan, website, text=None, proof_kind=None, proof=None, timing=None)
    assert messages(ws).empty  # all blank: no row at all


def test_message_table_saves_only_changed_rows(ws):
    plan_a(ws)
    plan = el(ws, "Plan")
    table = comm.touchpoints(ws)[["touchpoint_id", "name"]].rename(columns={"name": "touchpoint"})
    for field in ("text", "proof_kind", "proof", "timing"):
        table[field] = None
    table.loc[0, "text"] = "**Plan** in [minutes](http://x.org)"
    table.loc[3, ["text", "proof_kind", "proof"]] = ["Plan live", "demonstration", "Live demo"]
    said = apply_message_table(ws, plan, None, table)
    assert said == ["Website: message saved", "Demo: message saved"]
    assert apply_message_table(ws, plan, None, table) == []
    table.loc[0, "proof_kind"] = "gossip"
    with pytest.raises(CommunicationError):
        apply_message_table(ws, plan, None, table)
    assert len(messages(ws)) == 2


# --- checks, coverage, consistency -----------------------------------------------------------
def fill_the_map(ws):
    plan_a(ws)
    website = tp(ws, "Website")
    set_message(ws, el(ws, "Plan"), website, text="Plan in minutes", proof="Customer study", proof_kind="evidence")
    set_message(ws, el(ws, "Plan"), tp(ws, "Demo"), text="Plan live")
    set_message(ws, el(ws, "Build"), tp(ws, "Website"), text="We build it too")


def test_checks_and_coverage_against_a_hand_computation(ws):
    fill_the_map(ws)
    v = view(ws)
    plan, ship, build = el(ws, "Plan"), el(ws, "Ship"), el(ws, "Build")
    assert v.columns["element_id"].tolist() == [plan, ship, build]  # differentiated first, then held
    assert v.columns["choice"].tolist() == ["differentiate", "differentiate", "accept"]
    assert v.checks.thin["line"].tolist() == [
        "1 · Plan: a message at 2 of the 3 touchpoints.",
        "3 · Ship: no message anywhere.",
    ]
    assert v.checks.silent["name"].tolist() == ["Advertising", "Sales conversation", "Proposal", "Onboarding",
                                                "Support", "Renewal"]  # fmt: skip
    assert v.checks.accepted["line"].tolist() == [
        "2 · Build at Website: the scenario accepts this step — don't advertise where you chose to be merely good "
        "enough."
    ]
    assert v.checks.unproven["line"].tolist() == [
        "1 · Plan at Demo: no proof point.",
        "2 · Build at Website: no proof point.",
    ]
    cells = v.coverage.set_index(["touchpoint_id", "element_id"])["status"]
    assert cells[(tp(ws, "Website"), plan)] == PROVEN
    assert cells[(tp(ws, "Demo"), plan)] == NO_PROOF
    assert cells[(tp(ws, "Website"), build)] == NO_PROOF
    assert cells[(tp(ws, "Website"), ship)] == NO_MESSAGE
    assert len(v.coverage) == 8 * 3
    assert message_consistency(ws) == 0.0  # N = 3: no element has a proven message at 3 touchpoints
    comm.save_communication_settings(ws, min_touchpoints=1)
    assert message_consistency(ws) == 0.5  # Plan proven at Website; Ship nowhere
    assert view(ws).checks.thin["line"].tolist() == ["3 · Ship: no message anywhere."]


def test_consistency_is_none_without_differentiated_elements_and_counts_added_elements(ws):
    assert message_consistency(ws) is None
    proof = comm.add_element(ws, "proof", "99.9 % uptime, audited")
    assert message_consistency(ws) == 0.0
    comm.save_communication_settings(ws, min_touchpoints=2)
    for name in ("Website", "Renewal"):
        set_message(ws, proof, tp(ws, name), text="Always on", proof="Audit report")
    assert message_consistency(ws) == 1.0
    with pytest.raises(CommunicationError, match="between 1 and 20"):
        comm.save_communication_settings(ws, min_touchpoints=0)


def test_hidden_defaults_keep_their_messages_and_removed_steps_show_as_removed(ws):
    fill_the_map(ws)
    plan = el(ws, "Plan")
    comm.hide_step(ws, step_of(ws, "Plan"), True)
    v = view(ws)
    assert plan not in v.columns["element_id"].tolist()
    assert len(v.messages) == 3  # kept
    comm.hide_step(ws, step_of(ws, "Plan"), False)
    assert plan in view(ws).columns["element_id"].tolist()
    ship = step_of(ws, "Ship")
    set_message(ws, f"step:{ship}", tp(ws, "Support"), text="Ships today")
    jobmap.delete_step(ws, ship, move_outcomes_to=step_of(ws, "Build"))
    v = view(ws)
    removed = v.elements.set_index("element_id").loc[f"step:{ship}"]
    assert removed["choice"] == comm.REMOVED and bool(removed["shown"])
    assert v.checks.removed["line"].tolist() == [
        f"Step removed ({ship}) at Support: the step is no longer on the job map — move the message or delete it."
    ]
    comm.delete_step_messages(ws, f"step:{ship}")
    assert view(ws).checks.removed.empty


def test_added_elements_capability_proof_text(ws):
    from core.strategy import capabilities

    cap = capabilities.add_capability(ws, "OCR engine")
    element = comm.add_element(ws, "capability", capability_id=cap)
    with pytest.raises(CommunicationError, match="already a column"):
        comm.add_element(ws, "capability", capability_id=cap)
    with pytest.raises(CommunicationError, match="Type the free text"):
        comm.add_element(ws, "text", "  ")
    comm.add_element(ws, "text", "We answer in one hour")
    assert view(ws).columns["name"].tolist() == ["OCR engine", "We answer in one hour"]
    capabilities.delete_capability(ws, cap)
    assert view(ws).columns["name"].tolist()[0] == "OCR engine (capability removed)"
    set_message(ws, element, tp(ws, "Demo"), text="Reads any invoice")
    comm.delete_element(ws, element)
    assert messages(ws).empty


# --- story ------------------------------------------------------------------------------------
def test_story_parts_against_a_hand_computation(ws):
    fill_the_map(ws)
    respondents = [r[0] for r in ws.cursor().execute("SELECT respondent_id FROM respondents ORDER BY 1").fetchall()]
    segments = pd.DataFrame({"respondent_id": respondents, "segment": ["Busy"] * 3 + ["Careful"] * 7})
    seg = save_segmentation(ws, "Two groups", segments, k=2, silhouette=None, params={})
    story = view(ws).story
    assert story.share == pytest.approx(38 / 55)
    assert story.value.lines[-1] == "Together 38.0 of 55.0 opportunity points: 69 % of the total."
    assert story.value.complete
    assert story.people.missing == ("No target segment: pick the segments we are for.", "Say who we are not for.")
    assert story.story.missing == ("3 · Ship: no message yet — write one in the map.",)
    assert story.story.lines == ("1 · Plan — “Plan in minutes” (Website). Proof: Customer study.",)
    comm.save_communication_settings(ws, targets=[segment_key(seg, "Busy")], not_for="=Bargain hunters")
    set_message(ws, el(ws, "Ship"), tp(ws, "Proposal"), segment_key(seg, "Busy"), text="Ships today")
    v = view(ws)
    assert v.story.people.lines == ("Busy (Two groups): 3 respondents, 30 %.", "Not for: =Bargain hunters")
    assert all(p.complete for p in v.story.parts)
    assert v.story.summary[-1] == "Complete."
    hints = v.hints[(v.hints["element_id"] == el(ws, "Plan")) & v.hints["segment"].isna()]
    assert hints["statement"].tolist() == ["Minimise the time it takes to do O1", "Minimise the time it takes to do O2"]
    assert set(v.hints["segment"].dropna()) == {segment_key(seg, "Busy"), segment_key(seg, "Careful")}


def test_story_without_a_scenario_names_what_is_missing(ws):
    story = view(ws).story
    assert story.value.missing == ("No focus scenario yet: choose the steps to differentiate on the Focus matrix.",)
    assert story.people.missing[0].startswith("No saved segmentation")
    assert story.summary == ("Still missing: 4 items, listed under each part.",)


# --- the workspace file --------------------------------------------------------------------------
def test_round_trip_through_the_workspace_file_with_hostile_text(ws):
    fill_the_map(ws)
    comm.add_touchpoint(ws, "+Trade show", "awareness")
    comm.reorder_touchpoints(ws, [tp(ws, "Renewal")])
    hostile = '=HYPERLINK("http://evil.example","click")'
    set_message(ws, el(ws, "Ship"), tp(ws, "Support"), text=hostile, proof="@everyone -saw it", timing="**always**")
    comm.add_element(ws, "text", "# Heading [link](http://x.org)")
    comm.hide_step(ws, step_of(ws, "Plan"), True)
    comm.save_communication_settings(ws, min_touchpoints=2, not_for="-discount seekers")
    content = workspace_xlsx(ws)
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    cells = [str(v) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python() for v in row]
    assert not any(v.startswith(("=", "+", "@")) for v in cells)  # neutralised in the file
    fresh = open_workspace()
    restore(fresh, content, "workspace.xlsx")
    for sql in (
        "SELECT * FROM touchpoints ORDER BY touchpoint_id",
        "SELECT * FROM messages ORDER BY message_id",
        "SELECT * FROM comm_elements ORDER BY element_id",
    ):
        assert fresh.cursor().execute(sql).fetchall() == ws.cursor().execute(sql).fetchall(), sql
    assert comm.ensure_touchpoints(fresh) is False
    before, after = view(ws), view(fresh)
    assert after.settings == before.settings
    pd.testing.assert_frame_equal(before.coverage, after.coverage)
    assert after.cell(el(ws, "Ship"), tp(ws, "Support"))["text"] == hostile
    assert after.story == before.story
    fresh.close()
