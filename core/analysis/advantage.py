"""The competitive advantage map's plan (docs/ARCHITECTURE.md, Focus matrix): the target profile a scenario
plans and each outcome's best competitor. Pure functions of the one competitive analysis
(core.analysis.competition: who is compared, satisfaction by step, who leads — the Competitors
page reads the same); the choices are core.strategy.focus's.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from core.analysis.competition import CompetitionSettings
from core.strategy.focus import ACCEPT, DIFFERENTIATE, MEET, UNASSIGNED, Assignment


def target_profile(
    steps: pd.DataFrame,
    assignment: Assignment,
    leading: pd.DataFrame,
    competition: CompetitionSettings,
    margins: dict[int, float] | None = None,
    default_margin: float = 1.0,
) -> pd.DataFrame:
    """Our planned satisfaction by step (0–10): step_id, step_order, step, choice, target.

    With *bar* = the best competitor's satisfaction, but never less than the critical threshold
    (parity below the minimum acceptable performance is not a plan):

    - differentiate = bar + the step's margin (its target's, else ``default_margin``), at most 10;
    - meet = bar;
    - accept = the critical threshold (we accept being at, not below, the minimum);
    - unassigned, or differentiate/meet without competitor data: no target (NaN).
    """
    best = dict(zip(leading["step_id"], leading["best"], strict=True)) if not leading.empty else {}
    margins = margins or {}
    floor = competition.critical_threshold
    rows = []
    row: Any  # a pandas row: its fields are untyped
    for row in steps.itertuples():
        choice = assignment.get(int(row.step_id), UNASSIGNED)
        level = best.get(int(row.step_id))
        bar = float("nan") if level is None or pd.isna(level) else max(float(level), floor)
        if choice == DIFFERENTIATE:
            target = min(10.0, bar + margins.get(int(row.step_id), default_margin)) if pd.notna(bar) else bar
        elif choice == MEET:
            target = bar
        elif choice == ACCEPT:
            target = floor
        else:
            target = float("nan")
        rows.append([int(row.step_id), int(row.step_order), row.step, choice, target])
    return pd.DataFrame(rows, columns=["step_id", "step_order", "step", "choice", "target"])


def outcome_leaders(scores: pd.DataFrame, competitor_scores: pd.DataFrame) -> pd.DataFrame:
    """The outcome scores (everyone) with the best competitor on each outcome and its satisfaction:
    outcome_id, step_id, statement, importance, satisfaction, opportunity, band, best_competitor,
    best_satisfaction — most underserved first."""
    rows = scores[["outcome_id", "step_id", "statement", "importance", "satisfaction", "opportunity", "band"]].copy()
    rated = competitor_scores.dropna(subset=["satisfaction"]) if not competitor_scores.empty else competitor_scores
    if not rated.empty:
        top = rated.loc[
            rated.groupby("outcome_id")["satisfaction"].idxmax(), ["outcome_id", "competitor", "satisfaction"]
        ]
        rows = rows.merge(
            top.rename(columns={"competitor": "best_competitor", "satisfaction": "best_satisfaction"}),
            on="outcome_id",
            how="left",
        )
    return rows.sort_values("opportunity", ascending=False, na_position="last").reset_index(drop=True)
