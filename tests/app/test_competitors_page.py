"""The Competitors page in the real app (AppTest): the map, "us", settings, other sources, thin data."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.analysis.competition import load_competition_settings
from core.intake.loading import load_file, sample_files
from core.intake.survey_queries import steps_table
from tests.app.app_helpers import new_app, switch_to, texts, visit
from tests.unit.survey_builders import canonical_workbook

TIMEOUT = 90


@pytest.fixture
def competitors(app: AppTest) -> AppTest:
    return switch_to(app, "pages/competitors.py", TIMEOUT)


def test_renders_the_map_leads_and_white_space(competitors):
    assert competitors.title[0].value == "Competitors"
    assert "from the competitors sheet" in texts(competitors.caption)
    assert not competitors.warning
    assert competitors.selectbox(key="comp_us").value == ""
    headers = texts(competitors.subheader)
    assert "Leads and lags by job step" in headers and "White space" in headers
    leads = competitors.dataframe[0].value
    assert list(leads.columns[:3]) == ["Step", "Leader", "Ahead by"]
    assert leads.set_index("Step").loc["2. Receive supplier invoices", "Leader"] == "Invoxa"
    assert "Us vs best rival" not in leads.columns


def test_choosing_us_persists_and_changes_what_is_shown(competitors, stored):
    competitors.selectbox(key="comp_us").select("Invoxa").run(timeout=TIMEOUT)
    assert not competitors.exception, competitors.exception
    assert load_competition_settings(stored).us == "Invoxa"
    assert "**Invoxa** leads the best rival by at least 1 point on steps 2, 3, 4" in texts(competitors.markdown)
    leads = competitors.dataframe[0].value
    assert "Us vs best rival" in leads.columns

    # A fresh session on the same workspace (another laptop) sees the same choice.
    again = visit(new_app(competitors.query_params["ws"], TIMEOUT), "pages/competitors.py")
    assert again.selectbox(key="comp_us").value == "Invoxa"

    competitors.number_input(key="comp_threshold").set_value(6.0).run(timeout=TIMEOUT)
    assert load_competition_settings(stored).critical_threshold == 6.0
    assert "below 6.0" in texts(competitors.caption)


def test_a_step_shows_the_leaders_of_its_outcomes(competitors, stored):
    steps = steps_table(stored)
    fifth = int(steps.loc[steps["step_order"] == 5, "step_id"].iloc[0])
    competitors.selectbox(key="comp_step").select(fifth).run(timeout=TIMEOUT)
    assert not competitors.exception, competitors.exception
    assert "Leaders on the outcomes of 5. Match invoices to orders and receipts" in texts(competitors.subheader)
    outcome_leads = competitors.dataframe[0].value
    assert len(outcome_leads) == 8 and (outcome_leads["leader"] == "ClearMatch").mean() >= 0.75


def test_current_solution_attribute_as_the_source(competitors, stored):
    consumer = next(p for p in sample_files() if p.stem == "consumer_meal_planning")
    assert load_file(stored, consumer.read_bytes(), consumer.name).ok
    competitors.run(timeout=TIMEOUT)
    assert "“Current solution” column" in texts(competitors.caption)  # the header as people read it
    assert competitors.selectbox(key="comp_us").options == [
        "None of them",
        "CartCrate",
        "Mealwise",
        "PrepBox",
        "Platewell",
    ]


def test_thin_and_missing_competitor_data_give_messages(competitors, stored, tmp_path):
    outcomes = {"A": ("Plan", "Minimize the time it takes to plan"), "B": ("Do", "Minimize errors")}
    n = 33
    ratings = {"A": [(5, 1 + i % 5) for i in range(n)], "B": [(4, 5 - i % 5) for i in range(n)]}
    solutions = {"Current solution": ["Acme"] * 15 + ["Globex"] * 15 + ["Tiny"] * 3}
    survey = canonical_workbook(tmp_path / "thin.xlsx", outcomes, ratings, solutions)
    assert load_file(stored, survey.read_bytes(), survey.name).ok
    competitors.run(timeout=TIMEOUT)
    assert not competitors.exception, competitors.exception
    assert "Tiny (3 respondents)" in texts(competitors.warning)
    assert competitors.selectbox(key="comp_us").options == ["None of them", "Acme", "Globex"]

    bare = canonical_workbook(tmp_path / "bare.xlsx", outcomes, ratings)
    assert load_file(stored, bare.read_bytes(), bare.name).ok
    competitors.run(timeout=TIMEOUT)
    assert not competitors.exception, competitors.exception
    assert "names no competitors" in texts(competitors.warning)
