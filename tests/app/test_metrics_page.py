"""The Metrics page through AppTest: a template adds a metric, a measurement is stored and the
status follows core.views.metrics, fields save at once, bad input is refused with a sentence,
a paste reports its skipped rows, a computed metric records today's value."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema
from streamlit.testing.v1 import AppTest

from core.analysis.waves import add_wave, set_fielded_on
from core.analysis.waves_intake import check_wave
from core.strategy import (
    capabilities,
    communication,
    communication_messages,
    metric_measurements,
    metric_waves,
    metrics,
    scenarios,
)
from core.strategy.metric_status import OFF_TRACK, ON_TRACK
from core.views.metrics import metrics_view
from core.workspace.database import open_workspace
from tests.app.app_helpers import new_app, texts, visit
from tests.wave_files import second_wave
from ui.metrics_detail import NOTE_KEY, VALUE_KEY
from ui.metrics_entry import NONCE_KEY, PASTE_KEY
from ui.metrics_list import NEW_KEY

PAGE = "pages/metrics.py"


@pytest.fixture
def at(sample_token) -> AppTest:
    return visit(new_app(sample_token), PAGE)


def stored_view(token: str):
    ws = open_workspace(token)
    try:
        return metrics_view(ws, dt.date.today())
    finally:
        ws.close()


def with_workspace(token: str, action):
    ws = open_workspace(token)
    try:
        return action(ws)
    finally:
        ws.close()


def badge(at: AppTest) -> str:
    """The status badge (st.badge is Markdown ``:colour-badge[label]``)."""
    return next(str(m.value) for m in at.markdown if "-badge[" in str(m.value))


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def add_measurement(at: AppTest, value: str, note: str = "") -> AppTest:
    at.text_input(key=VALUE_KEY).input(value)
    at.text_input(key=NOTE_KEY).input(note)
    button = next(b for b in at.button if b.label == "Add measurement")
    button.click().run()
    assert not at.exception, at.exception
    return at


def test_a_template_click_adds_the_metric_and_selects_it(at, sample_token):
    assert "No metric yet" in texts(at.info)
    click(at, "metrics_template_retention")
    view = stored_view(sample_token)
    assert view.metrics["name"].tolist() == ["Retention"]
    assert view.metrics["unit"].tolist() == ["%"] and view.metrics["direction"].tolist() == ["higher"]
    assert at.selectbox(key="metrics_selected").value == view.metrics["metric_id"].iloc[0]
    assert "Added Retention" in texts(at.toast)
    assert "No measurement yet" in texts(at.info)


def test_adding_a_measurement_stores_it_and_the_status_and_chart_follow(at, sample_token):
    today = dt.date.today()
    metric = with_workspace(
        sample_token,
        lambda ws: metrics.add_from_template(
            ws, "retention", baseline=80, target=90, baseline_date=today - dt.timedelta(days=100),
            target_date=today + dt.timedelta(days=100),
        ),
    )  # fmt: skip
    at.run()
    assert badge(at) == ":gray-badge[No data]" and "No measurement yet" in texts(at.info)
    add_measurement(at, "78,5", "**bold** [x](http://x.org)")  # below the baseline: off track
    view = stored_view(sample_token)
    assert view.series(metric)[["value", "note", "source"]].values.tolist() == [
        [78.5, "**bold** [x](http://x.org)", "hand"]
    ]
    assert view.row(metric)["status"] == OFF_TRACK
    assert badge(at) == ":red-badge[Off track]"
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    validate_jsonschema(spec, load_schema())
    add_measurement(at, "86")  # 60 % of the way at half the time: on track
    assert stored_view(sample_token).row(metric)["status"] == ON_TRACK
    assert badge(at) == ":green-badge[On track]"


def test_a_bad_value_is_refused_with_a_sentence_and_nothing_stored(at, sample_token):
    with_workspace(sample_token, lambda ws: metrics.add_from_template(ws, "margin"))
    at.run()
    add_measurement(at, "lots")
    assert "“lots” is not a number" in texts(at.error)
    assert stored_view(sample_token).measurements.empty


def test_fields_save_at_once_and_a_bad_target_is_refused(at, sample_token):
    metric = with_workspace(sample_token, lambda ws: metrics.add_from_template(ws, "margin"))
    at.run()
    owner = next(t for t in at.text_input if t.label == "Owner")
    owner.input("=1+1").run()
    assert stored_view(sample_token).row(metric)["owner"] == "=1+1"
    target = next(t for t in at.text_input if t.label == "Target")
    target.input("12,5 %").run()
    assert stored_view(sample_token).row(metric)["target"] == 12.5
    target = next(t for t in at.text_input if t.label == "Target")
    target.input("soon").run()
    assert "Target: “soon” is not a number" in texts(at.error)
    assert stored_view(sample_token).row(metric)["target"] == 12.5


def test_a_blank_metric_by_name_and_its_name_is_shown_as_typed(at, sample_token):
    at.text_input(key=NEW_KEY).input("**Demo** requests")
    click(at, "metrics_add_blank")
    view = stored_view(sample_token)
    assert view.metrics["name"].tolist() == ["**Demo** requests"]
    assert "**Demo** requests" in texts(at.toast)


def test_a_paste_imports_and_reports_every_skipped_row(at, sample_token):
    metric = with_workspace(sample_token, lambda ws: metrics.add_from_template(ws, "advocacy"))
    at.run()
    at.text_area(key=PASTE_KEY).input("date;value\n2026-01-31;12,5\n2026-02-30;3\n2026-03-31;abc\n2026-04-30;14\n")
    click(at, "metrics_import")
    assert stored_view(sample_token).series(metric)["value"].tolist() == [12.5, 14.0]
    assert "Imported 2 measurements; 2 rows skipped." in texts(at.warning)
    shown = at.dataframe[-1].value["Why"].tolist()
    assert shown[0].startswith("Line 3:") and "not a day of the calendar" in shown[0]
    assert shown[1].startswith("Line 4:") and "“abc” is not a number" in shown[1]


def test_a_computed_metric_shows_its_value_and_records_it(at, sample_token):
    def setup(ws):
        metric = metrics.add_from_template(ws, "development_focus")
        scenario = scenarios.create_scenario(ws, "Plan A")
        steps = ws.cursor().execute("SELECT step_id, min(outcome_id) FROM outcomes GROUP BY step_id").fetchall()
        scenarios.set_choice(ws, scenario, steps[0][0], "differentiate")
        scenarios.set_active(ws, scenario)
        linked = capabilities.add_capability(ws, "Linked")
        capabilities.add_capability(ws, "Not linked")
        capabilities.set_link(ws, linked, steps[0][1], "supports")
        return metric

    metric = with_workspace(sample_token, setup)
    at.run()
    assert "Value now: **50 %**" in texts(at.markdown)
    click(at, next(b.key for b in at.button if b.label == "Record today's value"))
    series = stored_view(sample_token).series(metric)
    assert series[["value", "source"]].values.tolist() == [[50.0, "computed"]]


def test_message_consistency_is_computed_from_the_communication_map(at, sample_token):
    def setup(ws):
        metric = metrics.add_from_template(ws, "message_consistency")
        scenario = scenarios.create_scenario(ws, "Plan A")
        steps = [row[0] for row in ws.cursor().execute("SELECT step_id FROM steps ORDER BY step_id LIMIT 2").fetchall()]
        for step in steps:
            scenarios.set_choice(ws, scenario, step, "differentiate")
        scenarios.set_active(ws, scenario)
        communication.save_communication_settings(ws, min_touchpoints=1)
        website = communication.add_touchpoint(ws, "Website (test)")
        communication_messages.set_message(
            ws, f"step:{steps[0]}", website, text="Fast", proof_kind="evidence", proof="Benchmark"
        )
        return metric

    with_workspace(sample_token, setup)
    at.run()
    assert "Value now: **50 %**" in texts(at.markdown)  # one of the two differentiated steps


def test_deleting_a_metric_removes_its_measurements(at, sample_token):
    def setup(ws):
        metric = metrics.add_from_template(ws, "margin")
        metric_measurements.add_measurement(ws, metric, "2026-01-31", 40)
        return metric

    setup_id = with_workspace(sample_token, setup)
    at.run()
    click(at, next(b.key for b in at.button if b.label == "Delete for good"))
    view = stored_view(sample_token)
    assert setup_id not in view.metrics["metric_id"].tolist() and view.measurements.empty
    assert "No metric yet" in texts(at.info)


def test_a_first_visit_reads_the_sample_and_the_first_template_creates_the_workspace(data_dir):
    at = visit(new_app(), PAGE)
    assert sorted(data_dir.glob("*.duckdb")) == []  # looking writes nothing
    click(at, "metrics_template_advocacy")
    files = sorted(data_dir.glob("*.duckdb"))
    assert len(files) == 1
    assert stored_view(files[0].stem).metrics["name"].tolist() == ["Advocacy"]
    at.run()
    assert at.selectbox(key="metrics_selected").value == stored_view(files[0].stem).metrics["metric_id"].iloc[0]


def edit_table(at: AppTest, token: str, metric_id: str, state: dict) -> AppTest:
    """What the browser sends after editing the measurements table: its edit state under its key."""
    revision = with_workspace(token, lambda ws: ws.revision)
    nonce = at.session_state[NONCE_KEY] if NONCE_KEY in at.session_state else 0  # noqa: SIM401 (no .get)
    at.session_state[f"metrics_table_{metric_id}_{revision}_{nonce}"] = {
        "edited_rows": {}, "added_rows": [], "deleted_rows": [], **state
    }  # fmt: skip
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_measurements_table_saves_edits_and_refuses_a_duplicate_day(at, sample_token):
    def setup(ws):
        metric = metrics.add_from_template(ws, "margin")
        metric_measurements.add_measurement(ws, metric, "2026-01-31", 40)
        metric_measurements.add_measurement(ws, metric, "2026-02-28", 41)
        return metric

    metric = with_workspace(sample_token, setup)
    at.run()
    edit_table(at, sample_token, metric, {"edited_rows": {1: {"value": 45.5, "note": "restated"}}})
    series = stored_view(sample_token).series(metric)
    assert series["value"].tolist() == [40.0, 45.5] and series["note"].fillna("").tolist() == ["", "restated"]
    assert series["source"].tolist() == ["hand", "hand"]
    assert "Changed 2026-02-28: 41 → 45.5" in texts(at.toast)
    edit_table(at, sample_token, metric, {"edited_rows": {1: {"measured_on": "2026-01-31"}}})
    assert "Row 2: there is already a measurement on 2026-01-31" in texts(at.error)
    assert stored_view(sample_token).series(metric)["value"].tolist() == [40.0, 45.5]
    discard = next(b for b in at.button if b.label == "Discard these edits")
    discard.click().run()
    assert not at.error
    edit_table(at, sample_token, metric, {"deleted_rows": [0]})
    assert stored_view(sample_token).series(metric)["value"].tolist() == [45.5]
    assert "Deleted the value of 2026-01-31" in texts(at.toast)


def test_every_metrics_chart_on_request_with_the_names_as_titles(at, sample_token):
    def setup(ws):
        for key, value in (("margin", 40), ("retention", 80)):
            metric = metrics.add_from_template(ws, key, target=value + 10)
            metric_measurements.add_measurement(ws, metric, "2026-01-31", value)
        metrics.add_metric(ws, "[Empty](http://x.org)")

    with_workspace(sample_token, setup)
    at.run()
    assert len(at.get("vega_lite_chart")) == 1  # the selected metric's
    at.toggle(key="metrics_all_charts").set_value(True).run()
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert [s.get("title", {}).get("text") for s in specs] == [
        "Measurements, baseline and target",  # the selected metric's chart
        "Margin",
        "Retention",
    ]  # none without values
    for spec in specs:
        validate_jsonschema(spec, load_schema())


def test_the_waves_metric_records_one_value_per_wave_once_the_waves_are_dated(at, sample_token, tmp_path):
    def setup(ws):
        metric = metrics.add_from_template(ws, metric_waves.TEMPLATE_KEY)
        scenario = scenarios.create_scenario(ws, "Plan A")
        first_step = ws.cursor().execute("SELECT min(step_id) FROM steps").fetchone()[0]
        scenarios.set_choice(ws, scenario, first_step, "differentiate")  # the step the second wave raises
        scenarios.set_active(ws, scenario)
        check = check_wave(ws, second_wave(tmp_path / "wave 2.xlsx").read_bytes(), "wave 2.xlsx")
        add_wave(ws, check.wave, "Autumn", dt.date(2026, 10, 1))
        return metric

    metric = with_workspace(sample_token, setup)
    at.run()
    assert "Value now:" in texts(at.markdown)
    click(at, next(b.key for b in at.button if b.label == "Record one value per wave"))
    assert "Set the fielded date of “Wave 1” on the Waves page first" in texts(at.error)
    assert stored_view(sample_token).series(metric).empty
    with_workspace(sample_token, lambda ws: set_fielded_on(ws, 0, dt.date(2026, 4, 1)))
    at.run()
    click(at, next(b.key for b in at.button if b.label == "Record one value per wave"))
    series = stored_view(sample_token).series(metric)
    assert len(series) == 2 and series["value"].iloc[1] > series["value"].iloc[0]  # wave 2 raised satisfaction
