"""The Opportunities page's chart specs, built from its view and cached like it.

Kept apart from ui/view_charts.py, which imports Altair for the other pages: the landscape and
the step bars are written as plain Vega-Lite dicts (ui/charts/opportunities.py), so the page —
often a session's first chart — never pays for importing Altair (about half a second, issue 12.5).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.analysis.bootstrap import with_intervals
from core.analysis.scoring import ScoringSettings, load_settings
from core.views.intervals import intervals_view
from core.views.opportunities import opportunities_view
from core.workspace.database import Workspace
from ui.charts.methods import step_bars_with_intervals, with_error_bars
from ui.charts.opportunities import landscape, step_bars
from ui.view_cache import cached, survey_key


@dataclass(frozen=True)
class OpportunityCharts:
    landscape: dict
    step_bars: dict


def build_opportunity_charts(
    workspace: Workspace, scoring: ScoringSettings, by: str | None, group: str, intervals: bool = False
) -> OpportunityCharts:
    """``intervals``: error bars on both charts — the Wilson intervals of importance and
    satisfaction on the landscape, the bootstrap interval of each step's mean opportunity on the bars."""
    view = cached(opportunities_view, workspace, scoring, by)
    scores, steps = view.scores_of(group), view.steps_of(group)
    if not intervals:
        return OpportunityCharts(landscape(scores, scoring), step_bars(steps, scoring))
    boot = cached(intervals_view, workspace, scoring, by, key=survey_key(workspace))
    steps = with_intervals(steps, boot.steps, keys=("group", "step_id"))
    return OpportunityCharts(
        with_error_bars(landscape(scores, scoring)), step_bars_with_intervals(step_bars(steps, scoring))
    )


def opportunity_charts(workspace: Workspace, by: str | None, group: str, intervals: bool = False) -> OpportunityCharts:
    """The landscape and the step bars of one group (``"All"`` for everyone), with error bars when asked."""
    return cached(build_opportunity_charts, workspace, load_settings(workspace), by, group, intervals)
