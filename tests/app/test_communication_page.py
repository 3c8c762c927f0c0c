"""The Communication page through AppTest: default touchpoints seeded on the first visit, a message
written in the map is in the workspace at once and turns its coverage cell, a touchpoint holding
messages is deleted only after the prompt, and the story's inputs are saved and shown literally."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.analysis.scoring import load_settings
from core.strategy import communication as comm
from core.strategy import scenarios
from core.strategy.communication_checks import NO_MESSAGE, NO_PROOF
from core.strategy.communication_messages import set_message
from core.views.communication import communication_view, need_scores, segment_need_scores
from core.workspace.database import open_workspace
from tests.app.app_helpers import new_app, texts, visit

PAGE = "pages/communication.py"


def stored_view(token: str):
    ws = open_workspace(token)
    try:
        scoring = load_settings(ws)
        return communication_view(ws, need_scores(ws, scoring), segment_need_scores(ws, scoring), scoring)
    finally:
        ws.close()


def differentiate_first_two_steps(token: str) -> list[int]:
    ws = open_workspace(token)
    try:
        steps = [int(r[0]) for r in ws.cursor().execute("SELECT step_id FROM steps ORDER BY step_order").fetchall()]
        scenario = scenarios.active_scenario(ws)
        scenarios.set_assignment(ws, scenario, {steps[0]: "differentiate", steps[1]: "differentiate"})
        return steps
    finally:
        ws.close()


@pytest.fixture
def at(sample_token) -> AppTest:
    differentiate_first_two_steps(sample_token)
    return visit(new_app(sample_token), PAGE)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.main.metric if m.label == label)


def edit_table(at: AppTest, name: str, token: str, state: dict) -> AppTest:
    """What the browser sends after editing a data editor: its edit state under the page's key."""
    ws = open_workspace(token)
    revision = ws.revision
    ws.close()
    at.session_state[f"communication_{name}_{revision}_0"] = {
        "edited_rows": {}, "added_rows": [], "deleted_rows": [], **state
    }  # fmt: skip
    at.run()
    assert not at.exception, at.exception
    return at


def test_first_visit_seeds_the_default_touchpoints_and_shows_the_columns(at, sample_token):
    view = stored_view(sample_token)
    assert view.touchpoints["name"].tolist() == [n for n, _ in comm.DEFAULT_TOUCHPOINTS]
    assert metric(at, "Touchpoints") == "8"
    assert metric(at, "Elements") == "2"
    assert metric(at, "Message consistency") == "0 %"
    assert len(view.columns) == 2
    options = at.selectbox(key="communication_element").options
    assert len(options) == 2 and all(o.endswith("· differentiate") for o in options)


def test_writing_a_message_saves_it_and_turns_its_coverage_cell(at, sample_token):
    view = stored_view(sample_token)
    element, website = view.columns["element_id"].iloc[0], view.touchpoints["touchpoint_id"].iloc[0]
    cell = view.coverage.set_index(["touchpoint_id", "element_id"])["status"]
    assert cell[(website, element)] == NO_MESSAGE
    findings = int(metric(at, "Check findings"))
    edit_table(at, f"messages_{element}_", sample_token, {"edited_rows": {0: {"text": "**Plan** in minutes"}}})
    after = stored_view(sample_token)
    assert after.cell(element, website)["text"] == "**Plan** in minutes"
    assert after.coverage.set_index(["touchpoint_id", "element_id"])["status"][(website, element)] == NO_PROOF
    assert "Website: message saved" in texts(at.toast)
    # one fewer silent touchpoint, one more message without proof: the total stays; the list changes
    assert int(metric(at, "Check findings")) == findings
    assert "Website: nothing to say about the differentiation." not in texts(at.main.markdown)


def test_an_invalid_proof_kind_is_refused_with_a_message(at, sample_token):
    element = stored_view(sample_token).columns["element_id"].iloc[0]
    edit_table(at, f"messages_{element}_", sample_token, {"edited_rows": {0: {"proof_kind": "rumour"}}})
    assert "Proof kind “rumour” is not one of" in texts(at.error)
    assert stored_view(sample_token).messages.empty


def test_a_touchpoint_with_messages_is_deleted_only_through_the_prompt(at, sample_token):
    view = stored_view(sample_token)
    element, demo = view.columns["element_id"].iloc[0], view.touchpoints["touchpoint_id"].iloc[3]
    ws = open_workspace(sample_token)
    set_message(ws, element, demo, text="See it live")
    ws.close()
    at.run()
    edit_table(at, "touchpoints", sample_token, {"deleted_rows": [3]})
    assert "“Demo” holds 1 message:" in texts(at.error)
    assert len(stored_view(sample_token).touchpoints) == 8
    at.button(key="communication_del_go").click().run()
    assert "Delete **Demo** and its **1 message**?" in texts(at.warning)
    at.button(key="communication_del_yes").click().run()
    assert not at.exception, at.exception
    after = stored_view(sample_token)
    assert "Demo" not in after.touchpoints["name"].tolist() and after.messages.empty


def test_touchpoints_editor_adds_renames_and_reorders(at, sample_token):
    added = [{"name": "=Trade show", "stage": "awareness"}]
    edit_table(at, "touchpoints", sample_token, {"edited_rows": {7: {"order": 1, "stage": "use"}}, "added_rows": added})
    names = stored_view(sample_token).touchpoints
    assert names["name"].tolist()[0] == "Renewal" and names["stage"].tolist()[0] == "use"
    assert names["name"].tolist()[-1] == "=Trade show"


def test_n_and_who_we_are_not_for_are_saved_and_shown_literally(at, sample_token):
    ws = open_workspace(sample_token)
    revision = ws.revision
    ws.close()
    at.number_input(key=f"communication_n_{revision}").set_value(2).run()
    assert stored_view(sample_token).settings.min_touchpoints == 2
    assert "Elements with a message at fewer than 2 touchpoints" in texts(at.main.markdown)
    not_for = next(t for t in at.text_input if t.label == "Who we are not for")
    not_for.input("**Bargain** [hunters](http://x.org)").run()
    assert not at.exception, at.exception
    assert stored_view(sample_token).settings.not_for == "**Bargain** [hunters](http://x.org)"
    assert "Not for: **Bargain** [hunters](http://x.org)" in texts(at.main.markdown)


def test_adding_a_proof_column(at, sample_token):
    at.selectbox(key="communication_new_kind").set_value("proof").run()
    at.text_input(key="communication_new_text").input("99.9 % uptime, audited").run()
    at.button(key="communication_add").click().run()
    assert not at.exception, at.exception
    assert stored_view(sample_token).columns["name"].tolist()[-1] == "99.9 % uptime, audited"
    assert metric(at, "Elements") == "3"


def coverage_cells(at: AppTest) -> dict[tuple[str, str], str]:
    """(touchpoint, column label) → status, as the page sends the heat map (a valid Vega-Lite spec)."""
    import io
    import json

    import pyarrow as pa
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    chart = at.get("vega_lite_chart")[0].proto
    validate_jsonschema(json.loads(chart.spec), load_schema())
    frame = pa.ipc.open_stream(io.BytesIO(chart.datasets[0].data.data)).read_all().to_pandas()
    return {(t, c): s for t, c, s in zip(frame["touchpoint"], frame["column"], frame["status"], strict=True)}


def test_the_heat_map_the_page_sends_turns_with_a_proven_message(at, sample_token):
    view = stored_view(sample_token)
    element, renewal = view.columns["element_id"].iloc[1], view.touchpoints["touchpoint_id"].iloc[7]
    cells = coverage_cells(at)
    assert len(cells) == 8 * 2 and set(cells.values()) == {NO_MESSAGE}
    at.selectbox(key="communication_element").set_value(element).run()
    cell = {"text": '=HYPERLINK("x")', "proof_kind": "evidence", "proof": "Audit"}
    edit_table(at, f"messages_{element}_", sample_token, {"edited_rows": {7: cell}})
    assert stored_view(sample_token).cell(element, renewal)["text"] == '=HYPERLINK("x")'
    changed = {k: v for k, v in coverage_cells(at).items() if v != NO_MESSAGE}
    assert list(changed.values()) == ["message + proof"] and next(iter(changed))[0] == "Renewal"


def test_a_first_visit_shows_the_default_touchpoints_and_creates_no_workspace(data_dir):
    at = visit(new_app(), PAGE)
    assert metric(at, "Touchpoints") == "8"
    assert not any(data_dir.glob("*.duckdb")), "visiting the page is not a change"
    assert "ws" not in at.query_params


def test_hiding_a_default_column_keeps_its_messages(at, sample_token):
    view = stored_view(sample_token)
    element, website = view.columns["element_id"].iloc[0], view.touchpoints["touchpoint_id"].iloc[0]
    ws = open_workspace(sample_token)
    set_message(ws, element, website, text="Kept while hidden")
    ws.close()
    at.run()
    at.button(key=f"communication_el_{element}").click().run()
    assert not at.exception, at.exception
    after = stored_view(sample_token)
    assert element not in after.columns["element_id"].tolist() and metric(at, "Elements") == "1"
    assert after.cell(element, website)["text"] == "Kept while hidden"
    at.button(key=f"communication_el_{element}").click().run()  # "Show" again
    assert element in stored_view(sample_token).columns["element_id"].tolist()


def test_a_per_segment_variant_is_its_own_message_with_the_segments_hints(at, sample_token):
    import pandas as pd

    from core.analysis.segment_store import save_segmentation
    from core.strategy.communication_messages import segment_key

    ws = open_workspace(sample_token)
    ids = [r[0] for r in ws.cursor().execute("SELECT respondent_id FROM respondents ORDER BY 1").fetchall()]
    groups = pd.DataFrame(
        {"respondent_id": ids, "segment": ["Hurried" if i % 3 else "Careful" for i in range(len(ids))]}
    )
    segmentation = save_segmentation(ws, "Pace", groups, k=2, silhouette=None, params={})
    ws.close()
    at.run()
    key = segment_key(segmentation, "Careful")
    at.selectbox(key="communication_variant").set_value(key).run()
    assert "most underserved for Careful (Pace)" in texts(at.caption)
    element = stored_view(sample_token).columns["element_id"].iloc[0]
    edit_table(at, f"messages_{element}_{key}", sample_token, {"edited_rows": {2: {"text": "Check twice, pay once"}}})
    view = stored_view(sample_token)
    assert view.messages["segment"].tolist() == [key]
    sales = view.touchpoints["touchpoint_id"].iloc[2]
    assert view.cell(element, sales, key)["text"] == "Check twice, pay once" and view.cell(element, sales) is None
