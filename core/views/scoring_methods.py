"""The Opportunities page's Methods tab (issue 16.1): every outcome under four scoring methods."""

from __future__ import annotations

from dataclasses import dataclass

from core.analysis.methods import MethodsComparison, methods_comparison
from core.analysis.scoring import ScoringSettings, with_settings
from core.workspace.database import Workspace


@dataclass(frozen=True)
class MethodsView:
    scoring: ScoringSettings  # the counting rule used (the method setting is not: every method is shown)
    by: str | None
    group: str
    comparison: MethodsComparison


def methods_view(workspace: Workspace, scoring: ScoringSettings, by: str | None, group: str) -> MethodsView:
    """The comparison of one group ("All": everyone) under the workspace's counting rule."""
    scoring = with_settings(scoring, method="top2box")
    return MethodsView(scoring, by, group, methods_comparison(workspace, scoring, by=by, group=group))
