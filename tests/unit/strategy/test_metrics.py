"""Metrics in a real workspace: templates, CRUD, measurements by hand and by paste, computed
metrics against hand computations on a small survey (real .xlsx written by openpyxl), the page's
view and the workspace .xlsx round trip with formula-like text."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
import python_calamine

from core.strategy import capabilities as caps
from core.strategy import communication, communication_messages, metric_sources, scenarios
from core.strategy import metric_measurements as measures
from core.strategy import metrics as met
from core.strategy.metric_status import NO_DATA, OFF_TRACK, ON_TRACK
from core.strategy.metric_templates import FAMILIES, TEMPLATES
from core.strategy.metrics import MetricError
from core.views.metrics import metrics_view
from core.workspace.database import open_workspace
from core.workspace.file import WorkspaceFileError, workspace_xlsx
from core.workspace.restore import restore
from core.workspace.restore_checks import framework_frame, framework_schema
from tests.unit.survey_builders import canonical_workbook, store_workbook

TODAY = dt.date(2026, 7, 2)
OUTCOMES = {"O1": ("Plan", "Minimise the time to plan"), "O2": ("Build", "Minimise rework"),
            "O3": ("Ship", "Minimise the time to ship"), "O4": ("Ship", "Minimise shipping errors")}  # fmt: skip


@pytest.fixture
def ws(tmp_path):
    ratings = {o: [(5, 2), (4, 1), (2, 4)] for o in OUTCOMES}
    workspace = open_workspace()
    store_workbook(workspace, canonical_workbook(tmp_path / "survey.xlsx", OUTCOMES, ratings))
    yield workspace
    workspace.close()


def step_of(ws, name: str) -> int:
    return int(ws.cursor().execute("SELECT step_id FROM steps WHERE name = ?", [name]).fetchone()[0])


def stored(ws, sql: str) -> list[tuple]:
    return ws.cursor().execute(sql).fetchall()


def test_the_method_s_twenty_templates_and_the_waves_one_each_with_a_definition_unit_and_direction():
    assert len(TEMPLATES) == 21 and len({t.key for t in TEMPLATES}) == 21
    # five per family, the method's named metrics, plus the perception metric the survey waves compute
    assert {f: sum(t.family == f for t in TEMPLATES) for f in FAMILIES} == {
        **dict.fromkeys(FAMILIES, 5),
        "perception": 6,
    }
    assert all(t.definition and t.unit and t.direction in ("higher", "lower") for t in TEMPLATES)
    assert {t.name for t in TEMPLATES if t.direction == "lower"} == {
        "Competitive response", "Category leadership", "Acquisition efficiency"}  # fmt: skip


def test_add_from_template_edit_every_field_reorder_and_delete(ws):
    first = met.add_from_template(ws, "win_rate_differentiated")
    second = met.add_from_template(ws, "win_rate_differentiated")
    blank = met.add_metric(ws, "Demo requests", family="Market performance", direction="lower is better")
    rows = met.metrics(ws)
    win = "Win rate where we chose to differentiate"
    assert rows["name"].tolist() == [win, f"{win} (2)", "Demo requests"]
    assert rows["template_key"].tolist()[:2] == ["win_rate_differentiated"] * 2 and pd.isna(rows["template_key"][2])
    assert rows["family"].tolist() == ["market"] * 3 and rows["direction"].tolist() == ["higher", "higher", "lower"]
    assert (rows["baseline_date"].dt.date == dt.date.today()).all()
    ship = step_of(ws, "Ship")
    met.update_metric(
        ws, first, name="Win rate (differentiated)", definition="Won / decided", unit="%", direction="lower",
        family="financial", baseline="30,5", baseline_date="01.01.2026", target="45 %", target_date="2026-12-31",
        owner="  Sales   ops ", step_id=ship, segmentation_id="seg1", segment="Busy planners",
    )  # fmt: skip
    row = met.stored_rows(ws)[first]
    assert (row["name"], row["definition"], row["unit"], row["direction"], row["family"]) == (
        "Win rate (differentiated)", "Won / decided", "%", "lower", "financial")  # fmt: skip
    assert (row["baseline"], row["target"], row["owner"], row["step_id"], row["segment"]) == (
        30.5, 45.0, "Sales ops", ship, "Busy planners")  # fmt: skip
    assert pd.Timestamp(row["baseline_date"]).date() == dt.date(2026, 1, 1)
    met.update_metric(ws, first, owner="", step_id=None, segment=None)
    row = met.stored_rows(ws)[first]
    assert row["owner"] is None and row["step_id"] is None and row["segmentation_id"] is None
    met.move_metric(ws, blank, -2)
    assert met.metrics(ws)["metric_id"].tolist() == [blank, first, second]
    measures.add_measurement(ws, second, "2026-01-31", 1)
    met.delete_metric(ws, second)
    assert met.metrics(ws)["metric_id"].tolist() == [blank, first]
    assert stored(ws, "SELECT count(*) FROM metric_measurements") == [(0,)]


@pytest.mark.parametrize(
    ("fields", "message"),
    [({"name": " "}, "needs a name"), ({"name": "demo REQUESTS"}, "already a metric called"),
     ({"family": "vibes"}, "Family “vibes” is not one of"), ({"direction": "up"}, "Direction “up”"),
     ({"target": "lots"}, "Target: “lots” is not a number"), ({"target_date": "31/02/2026"}, "not a day"),
     ({"step_id": 999}, "job step no longer exists"), ({"owner": "x" * 121}, "keep it to 120"),
     ({"colour": "red"}, "Unknown metric field")],
)  # fmt: skip
def test_a_bad_edit_is_refused_with_a_sentence_and_changes_nothing(ws, fields, message):
    met.add_metric(ws, "Demo requests")
    metric = met.add_metric(ws, "Margin", target=10)
    revision = ws.revision
    with pytest.raises(MetricError, match=message):
        met.update_metric(ws, metric, **fields)
    assert met.stored_rows(ws)[metric]["target"] == 10.0 and ws.revision == revision


def test_measurements_by_hand_one_value_per_day(ws):
    metric = met.add_metric(ws, "Margin")
    assert measures.add_measurement(ws, metric, "2026-01-31", "12,5", "first") is False
    assert measures.add_measurement(ws, metric, dt.date(2026, 1, 31), 13) is True  # replaces that day
    measures.add_measurement(ws, metric, "2026-02-28", 14)
    measures.update_measurement(ws, metric, "2026-02-28", new_date="2026-03-31", value="15", note="moved")
    assert stored(ws, "SELECT measured_on, value, note, source FROM metric_measurements ORDER BY 1") == [
        (dt.date(2026, 1, 31), 13.0, None, "hand"), (dt.date(2026, 3, 31), 15.0, "moved", "hand")]  # fmt: skip
    with pytest.raises(MetricError, match="already a measurement on 2026-01-31"):
        measures.update_measurement(ws, metric, "2026-03-31", new_date="2026-01-31", value=1, note=None)
    with pytest.raises(MetricError, match="needs a value"):
        measures.add_measurement(ws, metric, "2026-04-30", "")
    with pytest.raises(MetricError, match="not a date"):
        measures.add_measurement(ws, metric, "soon", 1)
    measures.delete_measurement(ws, metric, "2026-01-31")
    assert stored(ws, "SELECT measured_on FROM metric_measurements") == [(dt.date(2026, 3, 31),)]


def test_an_import_reports_added_replaced_and_skipped_rows(ws):
    retention = met.add_from_template(ws, "retention")
    margin = met.add_from_template(ws, "margin")
    measures.add_measurement(ws, retention, "2026-01-31", 70)
    report = measures.import_measurements(
        ws, "metric;date;value;note\nRetention;2026-01-31;71,5;restated\nmargin;31.01.2026;40 %;\nNope;2026-01-31;1\n"
    )
    assert (report.added, report.replaced) == (1, 1)
    assert report.skipped == ["Line 4: there is no metric called “Nope”: add it first, or fix its name or id."]
    assert report.summary() == "Imported 2 measurements (1 replaced the value held for that day); 1 row skipped."
    assert stored(ws, "SELECT metric_id, value, note, source FROM metric_measurements ORDER BY value") == [
        (margin, 40.0, None, "csv"), (retention, 71.5, "restated", "csv")]  # fmt: skip


def differentiate(ws, *steps: str) -> None:
    scenario = scenarios.create_scenario(ws, "Plan A")
    for step in steps:
        scenarios.set_choice(ws, scenario, step_of(ws, step), "differentiate")
    scenarios.set_active(ws, scenario)


def test_computed_metrics_against_hand_computations(ws):
    alignment = met.add_from_template(ws, "resource_alignment")
    focus = met.add_from_template(ws, "development_focus")
    consistency = met.add_from_template(ws, "message_consistency")
    a = caps.add_capability(ws, "Route planner", cost="high", effort="medium")  # 3 + 2 = 5 points
    b = caps.add_capability(ws, "Label printer", cost="low")  # 1 point
    c = caps.add_capability(ws, "Brand")  # not sized
    caps.set_link(ws, a, "O3", "supports")  # Ship
    caps.set_link(ws, b, "O1", "critical")  # Plan
    caps.set_link(ws, c, "O4", "enables")  # Ship
    # no scenario yet: nothing to compute
    assert metric_sources.resource_alignment(ws) is None and metric_sources.development_focus(ws) is None
    differentiate(ws, "Ship")
    assert metric_sources.resource_alignment(ws) == pytest.approx(100 * 5 / 6)  # a (5) of a + b (6); c unsized
    assert metric_sources.development_focus(ws) == pytest.approx(100 * 2 / 3)  # a and c of three
    caps.set_link(ws, a, "O3", "none")
    assert metric_sources.resource_alignment(ws) == pytest.approx(0.0)
    assert metric_sources.development_focus(ws) == pytest.approx(100 / 3)
    view = metrics_view(ws, TODAY)
    current = dict(zip(view.metrics["metric_id"], view.metrics["current"], strict=True))
    assert current[alignment] == pytest.approx(0.0) and current[focus] == pytest.approx(100 / 3)
    assert current[consistency] == pytest.approx(0.0)  # "Ship" is differentiated and has no message yet
    assert metric_sources.record_today(ws, focus, TODAY) == pytest.approx(100 / 3)
    assert stored(ws, "SELECT measured_on, value, source FROM metric_measurements") == [(TODAY, 33.33, "computed")]


def test_message_consistency_is_computed_from_the_communication_map(ws):
    consistency = met.add_from_template(ws, "message_consistency")
    assert metric_sources.current_value(ws, "message_consistency") is None  # no differentiated element
    assert "Communication map" in metrics_view(ws, TODAY).row(consistency)["missing"]
    with pytest.raises(MetricError, match="cannot be computed now"):
        metric_sources.record_today(ws, consistency, TODAY)
    differentiate(ws, "Ship", "Plan")
    communication.save_communication_settings(ws, min_touchpoints=1)
    website = communication.add_touchpoint(ws, "Website")
    ship = f"step:{step_of(ws, 'Ship')}"
    communication_messages.set_message(ws, ship, website, text="Ships in a day", proof_kind="evidence", proof="Log")
    assert metric_sources.current_value(ws, "message_consistency") == pytest.approx(50.0)  # Ship of Ship and Plan
    assert metric_sources.record_today(ws, consistency, TODAY) == pytest.approx(50.0)


def test_the_view_shows_latest_value_status_and_counts(ws):
    won = met.add_from_template(ws, "retention", baseline=80, target=90, baseline_date="2026-01-01",
                                target_date="2026-12-31")  # fmt: skip
    cost = met.add_from_template(ws, "acquisition_efficiency", baseline=500, target=400, baseline_date="2026-01-01",
                                 target_date="2026-12-31")  # fmt: skip
    met.add_from_template(ws, "margin")
    measures.add_measurement(ws, won, "2026-06-30", 86)  # 60 % of the way, 50 % of the time
    measures.add_measurement(ws, cost, "2026-06-30", 520)  # worse than the baseline
    view = metrics_view(ws, TODAY)
    assert view.metrics["status"].tolist() == [ON_TRACK, OFF_TRACK, NO_DATA]
    assert view.row(won)["latest"] == 86.0 and view.row(won)["n"] == 1
    assert view.counts[ON_TRACK] == 1 and view.counts[OFF_TRACK] == 1 and view.counts[NO_DATA] == 1
    assert view.templates.set_index("key").loc["retention", "used"] == 1
    assert view.series(cost)["value"].tolist() == [520.0]


def test_round_trip_through_the_workspace_file_with_formula_like_text(ws):
    metric = met.add_from_template(ws, "advocacy", owner="=1+1", baseline=10, target=30, target_date="2026-12-31",
                                   step_id=step_of(ws, "Ship"))  # fmt: skip
    met.add_metric(ws, "+Blank one", definition="@who -minus", family="alignment")
    measures.add_measurement(ws, metric, "2026-01-31", 12, note='=HYPERLINK("http://evil.example","x")')
    measures.add_measurement(ws, metric, "2026-02-28", 14.5, note="'quoted")
    content = workspace_xlsx(ws)
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    assert {"metrics", "metric_measurements"} <= set(book.sheet_names)
    cells = [str(v) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python() for v in row]
    assert not any(v.startswith(("=", "+", "@")) for v in cells)  # neutralised in the file
    assert "2026-01-31" in cells  # dates as ISO text
    fresh = open_workspace()
    restore(fresh, content, "workspace.xlsx")
    for sql in ("SELECT * FROM metrics ORDER BY metric_id", "SELECT * FROM metric_measurements ORDER BY ALL"):
        assert stored(fresh, sql) == stored(ws, sql), sql
    assert met.stored_rows(fresh)[metric]["owner"] == "=1+1"
    pd.testing.assert_frame_equal(metrics_view(fresh, TODAY).metrics, metrics_view(ws, TODAY).metrics)
    fresh.close()


def test_a_tampered_measurement_date_is_refused_before_anything_changes():
    schema = dict((name, kind) for name, kind, _, _ in framework_schema()["metric_measurements"])
    assert schema["measured_on"] == "date" and schema["value"] == "float"
    frame = pd.DataFrame({"metric_id": ["m", "m"], "measured_on": ["2026-01-31", "someday"], "value": [1.0, 2.0]})
    with pytest.raises(WorkspaceFileError, match=r"row 3, column 'measured_on'.*“someday” is not a date like 2026"):
        framework_frame("metric_measurements", frame)
    twice = pd.DataFrame({"metric_id": ["m", "m"], "measured_on": ["2026-01-31", dt.datetime(2026, 1, 31)],
                          "value": [1.0, 2.0]})  # fmt: skip
    with pytest.raises(WorkspaceFileError, match="more than once"):
        framework_frame("metric_measurements", twice)


def test_the_measurement_table_saves_all_or_nothing_and_says_what_changed(ws):
    metric = met.add_metric(ws, "Margin")
    other = met.add_metric(ws, "Retention")
    measures.add_measurement(ws, metric, "2026-01-31", 10, "a")
    measures.add_measurement(ws, metric, "2026-02-28", 11)
    measures.add_measurement(ws, other, "2026-02-28", 99)
    table = pd.DataFrame(
        {"measured_on": ["2026-01-31", "2026-03-31", None], "value": [12.0, 13.0, None], "note": ["a", "new", None]}
    )  # 2026-02-28 deleted, 01-31 changed, 03-31 added, an empty editor row ignored
    said = measures.apply_measurement_table(ws, metric, table)
    assert said == ["Deleted the value of 2026-02-28", "Changed 2026-01-31: 10 → 12", "Added 2026-03-31: 13"]
    series = metrics_view(ws, TODAY).series(metric)
    assert series[["value", "note", "source"]].values.tolist() == [[12.0, "a", "hand"], [13.0, "new", "hand"]]
    assert stored(ws, f"SELECT value FROM metric_measurements WHERE metric_id = '{other}'") == [(99.0,)]
    revision = ws.revision
    for bad, message in (
        ({"measured_on": ["2026-01-31", "31.01.2026"], "value": [1, 2], "note": [None, None]}, "Row 2: there is"),
        ({"measured_on": ["2026-01-31"], "value": ["lots"], "note": [None]}, "Row 1: “lots” is not a number"),
        ({"measured_on": [None], "value": [3], "note": [None]}, "Row 1: A measurement needs a date"),
    ):
        with pytest.raises(MetricError, match=message):
            measures.apply_measurement_table(ws, metric, pd.DataFrame(bad))
    assert ws.revision == revision and len(metrics_view(ws, TODAY).series(metric)) == 2
    unchanged = pd.DataFrame({"measured_on": ["2026-01-31", "2026-03-31"], "value": [12, 13], "note": ["a", "new"]})
    assert measures.apply_measurement_table(ws, metric, unchanged) == [] and ws.revision == revision


def test_a_link_to_a_step_gone_from_the_job_map_survives_other_edits(ws):
    metric = met.add_metric(ws, "Margin", step_id=step_of(ws, "Ship"))
    ws.cursor().execute("UPDATE metrics SET step_id = 999")  # as after a survey with another job map
    met.update_metric(ws, metric, owner="Finance")
    assert met.stored_rows(ws)[metric]["step_id"] == 999 and met.stored_rows(ws)[metric]["owner"] == "Finance"
    with pytest.raises(MetricError, match="job step no longer exists"):
        met.update_metric(ws, metric, step_id=998)
    met.update_metric(ws, metric, step_id=None)
    assert met.stored_rows(ws)[metric]["step_id"] is None
