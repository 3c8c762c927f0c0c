"""The Trade-offs page's view (core.views.tradeoffs), cached like the Focus matrix's.

The survey-derived part (rows and raw data criteria, core.strategy.tradeoffs.tradeoff_data) is
keyed by the survey's signature and the settings, not the revision: a weight or hand-score
change bumps the revision but recomputes no score. What the facilitator set (weights, hand
scores, hand rows) and the capability fit are read on every run — small tables — and combined
by the pure core.views.tradeoffs.matrix.
"""

from __future__ import annotations

from core.analysis.competition import load_competition_settings
from core.analysis.scoring import load_settings
from core.strategy.tradeoff_store import load_tradeoff_settings
from core.strategy.tradeoffs import TradeoffData, tradeoff_data
from core.views.tradeoffs import TradeoffsView, tradeoffs_view
from core.workspace.database import Workspace
from ui.view_cache import cached, survey_key


def trade_data(workspace: Workspace) -> TradeoffData:
    settings = (load_settings(workspace), load_competition_settings(workspace), load_tradeoff_settings(workspace))
    return cached(tradeoff_data, workspace, *settings, key=survey_key(workspace))


def trade_view(workspace: Workspace) -> TradeoffsView:
    """The matrix under the workspace's settings, weights, hand scores and capabilities now."""
    return tradeoffs_view(workspace, trade_data(workspace))
