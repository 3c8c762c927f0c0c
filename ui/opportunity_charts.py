"""The Opportunities page's chart specs, built from its view and cached like it.

Kept apart from ui/view_charts.py, which imports Altair for the other pages: the landscape and
the step bars are written as plain Vega-Lite dicts (ui/charts/opportunities.py), so the page —
often a session's first chart — never pays for importing Altair (about half a second, issue 12.5).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.analysis.scoring import ScoringSettings, load_settings
from core.views.opportunities import opportunities_view
from core.workspace.database import Workspace
from ui.charts.opportunities import landscape, step_bars
from ui.view_cache import cached


@dataclass(frozen=True)
class OpportunityCharts:
    landscape: dict
    step_bars: dict


def build_opportunity_charts(
    workspace: Workspace, scoring: ScoringSettings, by: str | None, group: str
) -> OpportunityCharts:
    view = cached(opportunities_view, workspace, scoring, by)
    return OpportunityCharts(landscape(view.scores_of(group), scoring), step_bars(view.steps_of(group), scoring))


def opportunity_charts(workspace: Workspace, by: str | None, group: str) -> OpportunityCharts:
    """The landscape and the step bars of one group (``"All"`` for everyone)."""
    return cached(build_opportunity_charts, workspace, load_settings(workspace), by, group)
