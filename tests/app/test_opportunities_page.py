"""The Opportunities page through the real app (AppTest) on the first sample."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from core.analysis.scoring import ScoringSettings, outcome_scores, save_settings
from core.workspace.database import Workspace
from tests.app.app_helpers import switch_to
from ui.text import literal

PAGE = "pages/opportunities.py"


def on_opportunities(app: AppTest) -> AppTest:
    return switch_to(app, PAGE)


def landscape(app: AppTest):
    chart = app.get("vega_lite_chart")[0]
    title = json.loads(chart.proto.spec)["title"]
    assert (title if isinstance(title, str) else title["text"]) == "Opportunity landscape"
    return chart


def plotted_points(chart) -> pd.DataFrame:
    """The outcome rows drawn as points: the chart's dataset with an outcome_id column."""
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]
    return next(f for f in frames if "outcome_id" in f.columns and "importance" in f.columns)


def test_renders_the_landscape_ranked_table_and_step_bars(app: AppTest, stored: Workspace):
    on_opportunities(app)
    assert app.title[0].value == "Opportunities"
    points = plotted_points(landscape(app))
    assert len(points) == 80 and points["importance"].between(0, 10).all()
    table = app.dataframe[0].value
    assert len(table) == 80
    top = outcome_scores(stored).sort_values("opportunity", ascending=False).iloc[0]
    assert table.iloc[0]["outcome_id"] == top["outcome_id"]  # ranked by opportunity, highest first
    assert list(table["rank"][:3]) == [1, 2, 3]
    assert len(app.get("vega_lite_chart")) == 2  # landscape + opportunity by step
    labels = [b.label for b in app.get("download_button") if b.label not in ("PNG (high resolution)", "SVG")]
    assert labels == ["Download .csv", "Download .xlsx"]  # besides each chart's image downloads


def test_a_group_filter_rescores_within_the_group_and_shows_its_n(app: AppTest, stored: Workspace):
    on_opportunities(app)
    everyone = app.dataframe[0].value.set_index("outcome_id")["opportunity"]
    app.selectbox(key="opportunities_by").set_value("attribute:current_solution").run()
    group = app.selectbox(key="opportunities_grp").value
    n = int(
        stored.cursor()
        .execute(
            "SELECT count(*) FROM respondent_attributes WHERE attribute = 'current_solution' AND value = ?", [group]
        )
        .fetchone()[0]
    )
    assert any(f"{n} respondents in this group" in i.value for i in app.info)
    # the header as people read it ("Current solution"), never the internal name current_solution
    assert app.subheader[0].value.endswith(f"Current solution = {literal(group)}")
    within = app.dataframe[0].value.set_index("outcome_id")["opportunity"]
    expected = outcome_scores(stored, by="attribute:current_solution")
    expected = expected[expected["group"] == group].set_index("outcome_id")["opportunity"]
    assert within.sort_index().round(6).equals(expected.sort_index().round(6))
    assert not within.sort_index().equals(everyone.sort_index())


def test_a_selection_on_the_landscape_filters_the_table(app: AppTest):
    on_opportunities(app)
    chart_key = "landscape_None_All"  # the landscape of everyone
    picked = list(app.dataframe[0].value["outcome_id"][[0, 4]])
    app.session_state[chart_key] = {"selection": {"pick": [{"outcome_id": o} for o in picked], "box": {}}}
    app.run()
    assert not app.exception, app.exception
    assert sorted(app.dataframe[0].value["outcome_id"]) == sorted(picked)
    assert any("2 selected outcomes" in m.value for m in app.markdown)


def test_scoring_settings_change_what_is_shown(app: AppTest, stored: Workspace):
    on_opportunities(app)
    top2 = app.dataframe[0].value.set_index("outcome_id")["importance"]
    save_settings(stored, ScoringSettings(method="mean"))
    app.run()
    mean = app.dataframe[0].value.set_index("outcome_id")["importance"]
    expected = outcome_scores(stored, ScoringSettings(method="mean")).set_index("outcome_id")["importance"]
    assert mean.sort_index().round(6).equals(expected.sort_index().round(6))
    assert not mean.sort_index().equals(top2.sort_index())
