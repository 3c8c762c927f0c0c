"""The report model (issue 15.1): sections from the views, empty sections left out, n next to
every score, the scoring rule and the survey's date and size, the scenario chosen by name."""

from __future__ import annotations

import datetime

import pytest

from core.analysis.segmentation import SegmentationOptions, run_segmentation
from core.report.build import SECTION_BUILDERS, ReportError, build_report
from core.report.model import Report
from core.strategy import capabilities as caps
from core.strategy import communication, communication_messages, metric_measurements, metrics, scenarios
from core.strategy.tradeoff_store import set_weight
from core.workspace.database import open_workspace
from tests.unit.report.report_survey import (
    FORMULA,
    SCENARIO,
    TOP_OPPORTUNITY,
    TOP_STATEMENT,
    hostile_workspace,
    workspace_steps,
)


@pytest.fixture
def ws(tmp_path):
    workspace = hostile_workspace(open_workspace(), tmp_path)
    yield workspace
    workspace.close()


def test_sections_in_order_with_the_survey_facts_and_scoring_rule(ws):
    report = build_report(ws)
    assert [s.key for s in report.sections] == ["job", "opportunities", "top_outcomes", "focus", "wins"]
    assert report.scenario == SCENARIO
    assert (report.respondents, report.outcomes, report.steps) == (12, 5, 3)
    assert report.survey_date == datetime.date.today().isoformat()
    assert "top-two-box, per item" in report.scoring_rule
    assert "importance + max(importance − satisfaction, 0)" in report.scoring_rule
    assert "n = 12 respondents" in report.subtitle
    job = report.section("job")
    assert job is not None and "mapped in 3 steps holding 5 desired outcomes, rated by 12 respondents." in job.text[0]


@pytest.mark.parametrize(
    ("respondents", "outcomes", "steps", "facts"),
    [
        (1200, 1, 1, "n = 1,200 respondents, 1 outcome in 1 step"),  # a responses table without a job map
        (12, 5, 3, "n = 12 respondents, 5 outcomes in 3 steps"),
    ],
)
def test_the_subtitle_counts_in_words(respondents, outcomes, steps, facts):
    report = Report("Strategy", "Survey", "2026-12-03", respondents, outcomes, steps, "rule", None)
    assert report.subtitle == f"Survey · imported 2026-12-03 · {facts}"


def test_top_outcome_statement_score_and_n(ws):
    top = build_report(ws).section("top_outcomes")
    assert top is not None
    first = dict(zip(top.tables[0].columns, top.tables[0].rows[0], strict=True))
    assert (first["Outcome"], first["Opportunity"], first["n"]) == (TOP_STATEMENT, TOP_OPPORTUNITY, "12")
    assert top.numbers[0].value == TOP_OPPORTUNITY and top.numbers[0].n == 12
    # the overserved outcome is never listed as underserved
    assert all("check the build" not in row[1] for row in top.tables[0].rows)


def test_every_score_number_and_score_table_carries_n(ws):
    for section in build_report(ws).sections:
        for number in section.numbers:
            if "opportunit" in number.label.lower() or "share" in number.label.lower():
                assert number.n, (section.key, number)
        for table in section.tables:
            scored = any("opportunity" in c.lower() for c in table.columns)
            has_n = any(c.startswith("n") for c in table.columns) or "n = " in table.caption
            assert not scored or has_n, (section.key, table.columns, table.caption)


def test_charts_carry_a_spec_a_how_to_read_and_the_numbers_behind(ws):
    charts = [c for s in build_report(ws).sections for c in s.charts]
    assert {c.title for c in charts} == {"Opportunity landscape", "Top underserved outcomes", "Strategy profile"}
    for chart in charts:
        assert chart.spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
        assert chart.how_to_read and "\n" not in chart.how_to_read
        assert chart.notes
    landscape = next(c for c in charts if c.title == "Opportunity landscape")
    assert any(TOP_STATEMENT in note and TOP_OPPORTUNITY in note for note in landscape.notes)


def test_empty_sections_are_left_out(tmp_path):
    workspace = hostile_workspace(open_workspace(), tmp_path, decide=False)
    keys = [s.key for s in build_report(workspace).sections]
    assert keys == [
        "job",
        "opportunities",
        "top_outcomes",
    ]  # no scenario, competitors, frameworks, segmentation or supported pattern
    assert build_report(workspace).scenario is None
    assert scenarios.list_scenarios(workspace).empty, "building a report never creates a scenario"


def test_follow_through_sections_appear_when_filled(ws):
    run_segmentation(ws, SegmentationOptions(k=2))
    cap = caps.add_capability(ws, "OCR =SUM(A1)")
    outcome = "O1"
    caps.set_link(ws, cap, outcome, 3)
    set_weight(ws, "opportunity", 40)
    keys = [s.key for s in build_report(ws).sections]
    assert keys == [
        "job",
        "opportunities",
        "top_outcomes",
        "segments",
        "strategy_options",  # a saved segmentation: its growth strategies (no pattern is supported here)
        "focus",
        "wins",
        "capabilities",
        "tradeoffs",
    ]
    segments = build_report(ws).section("segments")
    assert segments is not None and sum(int(r[1]) for r in segments.tables[0].rows) <= 12


def test_a_named_scenario_and_an_unknown_one(ws):
    other = scenarios.create_scenario(ws, "Plan B")
    steps = scenarios.assignment(ws, scenarios.active_scenario(ws))
    scenarios.set_assignment(ws, other, {s: "meet" for s in steps})
    focus = build_report(ws, "plan b").section("focus")
    assert focus is not None and "Plan B" in focus.text[0]
    with pytest.raises(ReportError, match=r"no scenario named 'Plan C'.*'Plan B'"):
        build_report(ws, "Plan C")


def test_no_survey_is_a_clear_error():
    with pytest.raises(ReportError, match="no survey yet"):
        build_report(open_workspace())


def test_the_section_list_is_the_seam_for_new_pages():
    assert len(SECTION_BUILDERS) == 12 and all(callable(b) for b in SECTION_BUILDERS)


def test_the_communication_map_and_the_metrics_when_filled(ws):
    assert {"communication", "metrics"}.isdisjoint(s.key for s in build_report(ws).sections)
    plan = f"step:{workspace_steps(ws)['<b>Plan</b>']}"
    website = communication.add_touchpoint(ws, "Website =1+1")
    communication_messages.set_message(
        ws, plan, website, text=FORMULA, proof_kind="evidence", proof="Pilot <b>data</b>", timing="launch"
    )
    margin = metrics.add_from_template(ws, "margin")
    metrics.update_metric(ws, margin, baseline=30, target=40, owner="CFO **bold**")
    metric_measurements.add_measurement(ws, margin, "2026-01-31", 35)
    report = build_report(ws)
    assert [s.key for s in report.sections][-2:] == ["communication", "metrics"]
    section = report.section("communication")
    assert section is not None
    row = dict(zip(section.tables[0].columns, section.tables[0].rows[0], strict=True))
    assert (row["Touchpoint"], row["Element"], row["Message"], row["Proof point"], row["For"]) == (
        "Website =1+1",
        "1 · <b>Plan</b>",  # as the map's column: the step's order and name
        FORMULA,
        "Pilot <b>data</b>",
        "everyone",
    )
    assert {n.label: n.value for n in section.numbers}["Messages written"] == "1"
    measured = report.section("metrics")
    assert measured is not None
    row = dict(zip(measured.tables[0].columns, measured.tables[0].rows[0], strict=True))
    assert (row["Metric"], row["Owner"], row["Baseline"], row["Latest"], row["Target"]) == (
        "Margin",
        "CFO **bold**",
        "30%",
        "35%",
        "40%",
    )
