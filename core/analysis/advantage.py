"""The competitive advantage map's maths (docs/ARCHITECTURE.md, Focus matrix and scenarios):
each competitor's satisfaction by step, who leads each step, and the target profile a scenario
plans. Pure functions of the competitor scores (core.analysis.competitors.competitor_scores); the
choices are core.strategy.focus's.
"""

from __future__ import annotations

from typing import Any, cast

import pandas as pd

from core.analysis.competition import CompetitionSettings
from core.strategy.focus import ACCEPT, DIFFERENTIATE, MEET, UNASSIGNED, Assignment


def competitor_steps(competitor_scores: pd.DataFrame) -> pd.DataFrame:
    """Each competitor's satisfaction by step: the mean of its outcomes' satisfaction (0–10)."""
    columns = ["competitor", "step_id", "satisfaction"]
    if competitor_scores.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c == "competitor" else float) for c in columns})
    frame = competitor_scores.dropna(subset=["satisfaction"])
    result = cast(pd.DataFrame, frame.groupby(["competitor", "step_id"], as_index=False)["satisfaction"].mean())
    result["step_id"] = result["step_id"].astype(int)
    return result[columns]


def leaders(competitor_steps: pd.DataFrame, competition: CompetitionSettings | None = None) -> pd.DataFrame:
    """Per step: the best competitor other than us, and whether it *leads*.

    Columns step_id, best (its satisfaction), leader, reference, versus, lead = best − reference,
    leads = lead ≥ the lead margin. When ``competition.us`` is among the competitors the
    reference is our own satisfaction ("us"); otherwise it is the runner-up's, as on the
    Competitors page (NaN with a single competitor: nobody can lead).
    """
    competition = competition or CompetitionSettings()
    columns = ["step_id", "best", "leader", "reference", "versus", "lead", "leads"]
    if competitor_steps.empty:
        return pd.DataFrame(columns=columns)
    us = competition.us if competition.us in set(competitor_steps["competitor"]) else None
    rows = []
    for step_id, group in competitor_steps.groupby("step_id"):
        others = group[group["competitor"] != us].sort_values("satisfaction", ascending=False)
        if others.empty:
            continue
        if us is not None:
            ours = group.loc[group["competitor"] == us, "satisfaction"]
            reference, versus = (float(ours.iloc[0]) if len(ours) else float("nan")), "us"
        else:
            reference = float(others["satisfaction"].iloc[1]) if len(others) > 1 else float("nan")
            versus = str(others["competitor"].iloc[1]) if len(others) > 1 else ""
        best = float(others["satisfaction"].iloc[0])
        lead = best - reference
        rows.append(
            [
                int(cast(int, step_id)),
                best,
                others["competitor"].iloc[0],
                reference,
                versus,
                lead,
                bool(pd.notna(lead) and lead >= competition.lead_margin),
            ]
        )
    return pd.DataFrame(rows, columns=columns)


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
