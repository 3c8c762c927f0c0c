"""The Opportunities page's Methods tab and its 95 % bootstrap intervals (issue 16.1, 16.2), through the real app."""

from __future__ import annotations

import json

import pyarrow as pa
from streamlit.testing.v1 import AppTest

from core.analysis.bootstrap import bootstrap_intervals
from core.analysis.methods import methods_comparison
from core.analysis.segment_store import list_segmentations
from core.workspace.database import Workspace
from tests.app.app_helpers import switch_to
from tests.app.test_segments_page import TIMEOUT, run_segmentation

PAGE = "pages/opportunities.py"


def specs(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("vega_lite_chart")]


def title(spec: dict) -> str:
    return spec["title"] if isinstance(spec["title"], str) else spec["title"]["text"]


def test_the_methods_tab_compares_every_method_with_the_default(app: AppTest, stored: Workspace):
    switch_to(app, PAGE)
    app.session_state["opportunities_tab"] = "Methods"
    app.run()
    assert not app.exception, app.exception
    agreement = app.dataframe[0].value
    assert list(agreement["Method"]) == [
        "Opportunity score (top-two-box)",
        "Opportunity score (means, 0–10)",
        "Importance–performance analysis",
        "Gap score",
    ]
    expected = methods_comparison(stored).agreement.set_index("label")["spearman"]
    assert agreement.set_index("Method")["Spearman ρ"].round(6).equals(expected.round(6).rename_axis("Method"))
    assert agreement["Formula"].str.len().min() > 10
    (chart,) = specs(app)
    assert title(chart) == "Rank of every outcome under each method"
    movers = app.dataframe[1].value
    assert len(movers) > 0 and movers["Why"].str.len().min() > 20
    ranks = app.dataframe[2].value
    assert len(ranks) == 80 and list(ranks["Opportunity"][:3]) == [1, 2, 3]
    assert set(ranks["IPA quadrant"].dropna()) <= {
        "concentrate here",
        "keep up the good work",
        "low priority",
        "possible overkill",
    }


def test_the_ranked_table_shows_bootstrap_intervals_and_marks_neighbours(app: AppTest, stored: Workspace):
    switch_to(app, PAGE)
    table = app.dataframe[0].value
    expected = bootstrap_intervals(stored).outcomes.set_index("outcome_id")
    first = table.iloc[0]
    low, high = expected.loc[first["outcome_id"], ["opportunity_low", "opportunity_high"]]
    assert first["opportunity_interval"] == f"{low:.1f}–{high:.1f}"
    # a row is marked exactly when its interval overlaps the next row's
    lows, highs = expected["opportunity_low"], expected["opportunity_high"]
    for i in range(len(table) - 1):
        a, b = table.iloc[i]["outcome_id"], table.iloc[i + 1]["outcome_id"]
        overlaps = max(lows[a], lows[b]) <= min(highs[a], highs[b])
        assert (table.iloc[i]["distinct"] == f"not distinguishable from rank {i + 2}") == overlaps
    assert any("bootstrap over respondents (1,000 resamples, seed 16)" in c.value for c in app.caption)
    steps = app.dataframe[1].value
    assert list(steps["Rank"]) == list(range(1, len(steps) + 1)) and steps["95% CI"].str.contains("–").all()


def test_the_error_bar_toggle_draws_intervals_on_both_charts(app: AppTest):
    switch_to(app, PAGE)
    landscape, bars = specs(app)
    assert not any(
        layer.get("mark", {}).get("type") == "rule"
        and "x2" in layer.get("encoding", {})
        and layer["encoding"]["x2"]["field"] == "importance_high"
        for layer in landscape["layer"]
    )
    app.toggle(key="opportunities_intervals").set_value(True).run()
    assert not app.exception, app.exception
    landscape, bars = specs(app)
    fields = {
        (layer["encoding"].get("x2") or layer["encoding"].get("y2") or {}).get("field")
        for layer in landscape["layer"]
        if "encoding" in layer
    }
    assert {"importance_high", "satisfaction_high"} <= fields
    step_rules = [
        layer for layer in bars["layer"] if layer["encoding"].get("x2", {}).get("field") == "mean_opportunity_high"
    ]
    assert len(step_rules) == 1
    frames = [
        pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in app.get("vega_lite_chart")[1].proto.datasets
    ]
    steps = next(f for f in frames if "mean_opportunity_low" in f.columns)
    assert (steps["mean_opportunity_low"] <= steps["mean_opportunity"]).all()
    assert (steps["mean_opportunity"] <= steps["mean_opportunity_high"]).all()
    app.toggle(key="opportunities_intervals").set_value(False).run()
    assert len(specs(app)[0]["layer"]) == len(landscape["layer"]) - 2


def test_a_segments_top_outcomes_carry_intervals_and_marks(app: AppTest, stored: Workspace):
    segments = run_segmentation(switch_to(app, "pages/segments.py", TIMEOUT))
    table = next(d.value for d in segments.dataframe if "distinct" in d.value.columns)
    (saved,) = list_segmentations(stored)
    segment = segments.selectbox(key=f"seg_profile_{saved.segmentation_id}").value
    boot = bootstrap_intervals(stored, by=f"segmentation:{saved.segmentation_id}").outcomes
    boot = boot[boot["group"] == segment].set_index("outcome_id")
    ids = dict(stored.cursor().execute("SELECT statement, outcome_id FROM outcomes").fetchall())
    lows = [boot.loc[ids[s], "opportunity_low"] for s in table["statement"]]
    highs = [boot.loc[ids[s], "opportunity_high"] for s in table["statement"]]
    assert list(table["interval"]) == [f"{lo:.1f}–{hi:.1f}" for lo, hi in zip(lows, highs, strict=True)]
    for i in range(len(table) - 1):
        overlaps = max(lows[i], lows[i + 1]) <= min(highs[i], highs[i + 1])
        assert (table["distinct"].iloc[i] == f"not distinguishable from rank {i + 2}") == overlaps
