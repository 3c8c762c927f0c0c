"""Competitive need satisfaction on real workspaces: planted leads, white space, "us", settings,
thin data and the chart builders."""

from __future__ import annotations

import json

import pytest

from core.analysis.competition import (
    CompetitionSettings,
    competition,
    leads_table,
    load_competition_settings,
    outcome_leads,
    save_competition_settings,
    set_us,
)
from core.intake.loading import load_sample
from core.workspace.database import open_workspace
from tests.unit.samples import SAMPLES, truth
from tests.unit.survey_builders import canonical_workbook, store_workbook
from ui.charts.competitors import lead_chart, outcomes_map, peak_labels, steps_map


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_planted_competitor_leads_are_recovered(loaded, name):
    analysis = competition(loaded[name], settings=CompetitionSettings())
    assert not analysis.notes
    assert analysis.source == (
        "competitors sheet" if name.startswith("b2b") else "Current solution"
    )  # the header as people read it
    leads = analysis.leads.set_index("step_order")
    for competitor, steps in truth(name)["competitor_leads"].items():
        for step in steps:
            assert leads.loc[step, "leader"] == competitor, (competitor, step)
            assert leads.loc[step, "status"] == "leads"
        summary = analysis.summary.set_index("competitor")
        assert set(steps) <= set(summary.loc[competitor, "leads"])
    assert sorted(analysis.names) == sorted(truth(name)["competitor_leads"])


def test_per_step_satisfaction_is_the_mean_of_the_steps_outcomes(loaded):
    analysis = competition(loaded["consumer_meal_planning"], settings=CompetitionSettings())
    outcomes = analysis.outcomes
    part = outcomes[(outcomes["competitor"] == "Mealwise") & (outcomes["step_order"] == 2)]
    row = analysis.steps[(analysis.steps["competitor"] == "Mealwise") & (analysis.steps["step_order"] == 2)].iloc[0]
    assert row["satisfaction"] == pytest.approx(part["satisfaction"].mean())
    assert row["opportunity"] == pytest.approx(part["opportunity"].mean())


def test_white_space_holds_the_planted_underserved_outcomes(loaded):
    analysis = competition(loaded["b2b_invoice_processing"], settings=CompetitionSettings())
    space = analysis.white_space
    assert set(truth("b2b_invoice_processing")["underserved_outcomes"]) <= set(space["outcome_id"])
    assert (space["importance"] >= 6.0).all() and (space["best_satisfaction"] < 5.0).all()
    assert space["opportunity"].is_monotonic_decreasing
    stricter = competition(loaded["b2b_invoice_processing"], settings=CompetitionSettings(important_min=8.5))
    assert set(stricter.white_space["outcome_id"]) == {"O37", "O30", "O15"}


def test_lags_are_below_the_threshold_where_a_rival_reaches_it(loaded):
    analysis = competition(loaded["b2b_invoice_processing"], settings=CompetitionSettings())
    summary = analysis.summary.set_index("competitor")
    assert 2 in summary.loc["ClearMatch", "lags"] and 2 not in summary.loc["Invoxa", "lags"]
    assert 1 not in summary.loc["ClearMatch", "lags"]  # nobody reaches 5.0 on step 1
    assert leads_table(analysis).iloc[0]["Leader"] == "no clear leader"


def test_us_is_saved_shared_and_shown_as_a_gap(tmp_path):
    workspace = open_workspace()
    load_sample(workspace, SAMPLES["b2b_invoice_processing"])
    workspace.set_setting("competition", {"critical_threshold": 4.5, "us": None, "focus_only": True})
    before = workspace.revision
    set_us(workspace, "Invoxa")
    assert workspace.revision > before
    stored = workspace.get_setting("competition")
    assert stored["us"] == "Invoxa" and stored["critical_threshold"] == 4.5 and stored["focus_only"] is True
    analysis = competition(workspace)
    assert analysis.settings.us == "Invoxa" and analysis.competitors.set_index("competitor").loc["Invoxa", "is_us"]
    gaps = analysis.leads.set_index("step_order")["us_gap"]
    assert (gaps.loc[[2, 3, 4]] > 1).all() and (gaps.loc[[5, 6, 7, 8, 9, 10]] < -1).all()
    table = leads_table(analysis)
    assert list(table.columns[:4]) == ["Step", "Leader", "Ahead by", "Us vs best rival"]
    save_competition_settings(workspace, CompetitionSettings(us="Nobody we know"))
    assert competition(workspace).settings.us is None  # an unknown "us" is ignored
    workspace.set_setting("competition", {"critical_threshold": "high"})
    assert load_competition_settings(workspace) == CompetitionSettings()  # unreadable → defaults
    with pytest.raises(ValueError, match="between 0 and 10"):
        CompetitionSettings(critical_threshold=12)
    workspace.close()


def test_outcome_leads_of_one_step(loaded):
    analysis = competition(loaded["b2b_invoice_processing"], settings=CompetitionSettings())
    step_id = int(analysis.steps.loc[analysis.steps["step_order"] == 5, "step_id"].iloc[0])
    leads = outcome_leads(analysis, step_id)
    assert len(leads) == 8 and leads["outcome_order"].is_monotonic_increasing
    assert (leads["leader"] == "ClearMatch").mean() >= 0.75


def test_chart_builders_make_valid_specs(loaded):
    analysis = competition(loaded["b2b_invoice_processing"], settings=CompetitionSettings(us="Invoxa"))
    part = analysis.outcomes[analysis.outcomes["step_order"] == 5]
    charts = [
        steps_map(analysis.steps, analysis.names, 5.0, "Invoxa"),
        outcomes_map(part, analysis.names, 5.0, "Invoxa", "Match invoices"),
        lead_chart(analysis.summary, 11),
    ]
    for chart in charts:
        spec = chart.to_dict()
        assert spec["config"]["axis"]["labelFontSize"] >= 14
    peaks = peak_labels(analysis.steps.assign(x=analysis.steps["step_order"]), "x")
    assert set(peaks["competitor"]) == set(analysis.names)  # each leads somewhere: four names, no clash
    spec = charts[0].to_dict()
    assert "Invoxa (us)" in json.dumps(spec)


# --- thin data -------------------------------------------------------------------------------
def survey_with_solutions(tmp_path, workspace, solutions):
    n = len(solutions)
    outcomes = {"A": ("Plan", "Minimize the time it takes to plan"), "B": ("Do", "Minimize errors")}
    ratings = {"A": [(5, 1 + i % 5) for i in range(n)], "B": [(4, 5 - i % 5) for i in range(n)]}
    attributes = {"Current solution": solutions} if solutions and solutions[0] else None
    store_workbook(workspace, canonical_workbook(tmp_path / "c.xlsx", outcomes, ratings, attributes))


def test_a_competitor_with_three_respondents_is_left_out_with_a_message(tmp_path, workspace):
    survey_with_solutions(tmp_path, workspace, ["Acme"] * 20 + ["Globex"] * 15 + ["Tiny"] * 3)
    analysis = competition(workspace)
    assert analysis.names == ["Acme", "Globex"]
    assert any("Tiny (3 respondents)" in note and "At least 10" in note for note in analysis.notes)
    assert set(analysis.steps["competitor"]) == {"Acme", "Globex"}


def test_one_competitor_has_no_leads(tmp_path, workspace):
    survey_with_solutions(tmp_path, workspace, ["Acme"] * 12 + ["Tiny"] * 2)
    analysis = competition(workspace)
    assert analysis.names == ["Acme"]
    assert any("at least two competitors" in note for note in analysis.notes)
    assert set(analysis.leads["status"]) == {"one competitor"}


def test_no_competitor_data(tmp_path, workspace):
    survey_with_solutions(tmp_path, workspace, [None] * 12)
    analysis = competition(workspace)
    assert analysis.source is None and analysis.steps.empty
    assert "names no competitors" in analysis.notes[0]
