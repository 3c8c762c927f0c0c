"""The pages' chart specs, built from their views (core/views) and cached like them.

Building an Altair chart costs far more than a rerun may (a few hundred ms on 150 outcomes),
so each page's finished Vega-Lite specs are cached (ui.view_cache.cached) by workspace
revision and the same arguments as the view they are drawn from. Each function returns a
small frozen dataclass of specs; the pages read its fields. The Segments page's charts are in
ui/segment_charts.py, so the other pages never import SciPy and scikit-learn (issue 12.5); the
Opportunities page's in ui/opportunity_charts.py, written without Altair, so it never imports it.

Specs are made with :func:`spec`, which skips Altair's JSON-schema validation: it was about a
sixth of a cold page's server time, and the chart builders' specs are validated by the tests
(tests/app/test_chart_specs_valid.py checks what every page sends), not at every first view.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from core.analysis.competition import CompetitionSettings, load_competition_settings
from core.analysis.scoring import ScoringSettings, load_settings
from core.views.competitors import competitors_view
from core.workspace.database import Workspace
from ui.charts.competitors import lead_chart, outcomes_map, steps_map
from ui.charts.wtp import wtp_chart
from ui.view_cache import cached


def spec(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec, unvalidated (the tests validate every builder's spec)."""
    return chart.to_dict(validate=False)


@dataclass(frozen=True)
class CompetitorCharts:
    map: dict  # all steps, or the outcomes of one step
    lead: dict
    wtp: dict | None  # None without a willingness-to-pay column


def build_competitor_charts(
    workspace: Workspace, scoring: ScoringSettings, settings: CompetitionSettings, step_id: int | None
) -> CompetitorCharts | None:
    view = cached(competitors_view, workspace, scoring, settings)
    analysis = view.analysis
    if not view.has_competitors:
        return None
    cs = analysis.settings
    if step_id is None:
        chart = steps_map(analysis.steps, analysis.names, cs.critical_threshold, cs.us)
    else:
        part: pd.DataFrame = analysis.outcomes[analysis.outcomes["step_id"] == step_id]
        step = part["step"].iloc[0] if len(part) else ""
        chart = outcomes_map(part, analysis.names, cs.critical_threshold, cs.us, step)
    wtp = None
    if len(view.wtp_by_satisfaction):
        levels = view.wtp_by_satisfaction
        title = "Median willingness to pay by satisfaction level"
        wtp = spec(wtp_chart(levels, "level", list(levels["level"]), title))
    return CompetitorCharts(spec(chart), spec(lead_chart(analysis.summary, analysis.steps["step_id"].nunique())), wtp)


def competitor_charts(workspace: Workspace, step_id: int | None = None) -> CompetitorCharts | None:
    """The advantage map (all steps, or the outcomes of ``step_id``), leads and WTP; None without competitors."""
    return cached(
        build_competitor_charts, workspace, load_settings(workspace), load_competition_settings(workspace), step_id
    )
