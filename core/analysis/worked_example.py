"""The Method page's worked example: the loaded survey's top outcome, scored step by step.

Computed live from the same scores every page shows (:func:`core.analysis.scoring.outcome_scores`,
everyone, under the workspace's settings), so the example is never out of date: the outcome
ranked first on the Opportunities page (highest opportunity, ties by importance), its n, its
counts and its scores.

Decision: the counts in the top two points are recovered from the score and its n
(``round(score × n / 10)``): the score *is* 10 × count / n, so the integer is exact, and the
example does not need a second counting query that could drift from the scoring one. Under the
``mean`` method the example shows the mean ratings and their rescaling instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.analysis.scoring import ScoringSettings, band
from core.intake.scales import Scale


@dataclass(frozen=True)
class Rating:
    """One side (importance or satisfaction) of the example: its n, count or mean, and score."""

    n: int  # valid ratings
    top: int  # ratings in the top two points (top-two-box)
    mean: float  # mean rating on the survey's scale
    score: float  # 0–10, as every page shows it

    def formula(self, method: str, scale: Scale) -> str:
        """How the score comes from the ratings, with the real numbers."""
        if method == "mean":
            return f"10 × ({self.mean:.2f} − {scale.low}) / ({scale.high} − {scale.low}) = {self.score:.2f}"
        return f"10 × {self.top:,} / {self.n:,} = {self.score:.2f}"


@dataclass(frozen=True)
class WorkedExample:
    outcome_id: str
    statement: str
    step: str
    rank_of: int  # how many outcomes were ranked (the example is number 1)
    method: str
    scale: Scale
    importance: Rating
    satisfaction: Rating
    gap: float  # max(importance − satisfaction, 0)
    opportunity: float
    band: str
    overserved: bool

    @property
    def opportunity_formula(self) -> str:
        i, s = self.importance.score, self.satisfaction.score
        return f"{i:.2f} + max({i:.2f} − {s:.2f}, 0) = {i:.2f} + {self.gap:.2f} = {self.opportunity:.2f}"


def _rating(row: pd.Series, side: str) -> Rating:
    n, score = int(row[f"n_{side}"]), float(row[side])
    return Rating(n=n, top=round(score * n / 10), mean=float(row[f"{side}_mean"]), score=score)


def worked_example(scores: pd.DataFrame, settings: ScoringSettings, scale: Scale) -> WorkedExample | None:
    """The top outcome of ``scores`` (outcome_scores of everyone) explained; None without a scored outcome."""
    scored = scores.dropna(subset=["opportunity"])
    if scored.empty:
        return None
    top = scored.sort_values(["opportunity", "importance"], ascending=False, kind="stable").iloc[0]
    importance, satisfaction = _rating(top, "importance"), _rating(top, "satisfaction")
    opportunity = float(top["opportunity"])
    return WorkedExample(
        outcome_id=str(top["outcome_id"]),
        statement=str(top["statement"]),
        step=str(top["step"]),
        rank_of=len(scored),
        method=settings.method,
        scale=scale,
        importance=importance,
        satisfaction=satisfaction,
        gap=max(importance.score - satisfaction.score, 0.0),
        opportunity=opportunity,
        band=band(opportunity, settings),
        overserved=bool(top["overserved"]),
    )
