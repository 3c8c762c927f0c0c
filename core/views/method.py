"""The Method page's view: the glossary under the workspace's settings and the worked example."""

from __future__ import annotations

from dataclasses import dataclass

from core.analysis.competition import CompetitionSettings
from core.analysis.scoring import ScoringSettings, outcome_scores, scoring_rule
from core.analysis.worked_example import WorkedExample, worked_example
from core.glossary import Term, glossary
from core.intake.store import SurveyInfo, survey_info
from core.workspace.database import Workspace


@dataclass(frozen=True)
class MethodView:
    terms: tuple[Term, ...]
    rule: str  # "Scores: top-two-box, per item"
    survey: SurveyInfo | None  # None: no survey loaded, no worked example
    example: WorkedExample | None


def method_view(workspace: Workspace, scoring: ScoringSettings, competition: CompetitionSettings) -> MethodView:
    """Build the Method page's view (one scoring query when a survey is loaded)."""
    info = survey_info(workspace)
    terms = glossary(scoring, competition, info.scale if info else None)
    example = worked_example(outcome_scores(workspace, scoring), scoring, info.scale) if info else None
    return MethodView(terms, scoring_rule(scoring), info, example)
