"""The Job Step Focus Matrix: the suggestion rule and the scenario metrics (docs/ARCHITECTURE.md,
Focus matrix and scenarios).

An *assignment* maps step_id → choice, one of ``differentiate`` (excel), ``meet`` (parity) or
``accept`` (acceptably underperform); a step it does not name is *unassigned*. Everything here
is a pure function of DataFrames the scoring queries return (core.analysis.scoring, core.analysis.competitors):

- ``scores``: outcome scores of everyone (``outcome_scores(ws)``): step_id, outcome_id,
  importance, satisfaction, opportunity (0–20), …
- ``steps``: :func:`step_table` — one row per step in job order.
- ``leading``: ``Competition.leads`` (core.analysis.competition.leaders) — per step, the best competitor
  other than us and whether it leads; the Competitors page reads the same frame.

**Suggestion rule** (:func:`suggest`), per step, in this order:

1. *differentiate* — the step holds an outcome in the high or extreme band (opportunity ≥
   ``high``, 12 by default). At most ``focus_limit`` steps (3) are differentiated: first those
   where no competitor already leads (see :func:`conflicts`), then those holding the most high
   opportunity (Σ opportunity of their outcomes ≥ ``high``); the others that qualify are *met*,
   since they still hold high opportunities.
2. *accept* — the step's mean importance is below the importance threshold (by default the
   survey's average importance over all outcomes), or it is overserved: its mean satisfaction
   exceeds its mean importance by more than the overserved margin (1 point).
3. *meet* — otherwise: important, and served well enough that no outcome reaches ``high``.

Steps without a scored outcome stay unassigned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import pandas as pd

from core.analysis.scoring import ScoringSettings

DIFFERENTIATE, MEET, ACCEPT, UNASSIGNED = "differentiate", "meet", "accept", "unassigned"
CHOICES = (DIFFERENTIATE, MEET, ACCEPT)
COLUMNS = (UNASSIGNED, DIFFERENTIATE, MEET, ACCEPT)  # board order
LABELS = {UNASSIGNED: "Unassigned", DIFFERENTIATE: "Differentiate", MEET: "Meet", ACCEPT: "Accept"}
MEANINGS = {
    DIFFERENTIATE: "excel: above the best competitor",
    MEET: "parity: at the best competitor",
    ACCEPT: "good enough: at the critical threshold",
    UNASSIGNED: "not decided yet",
}

Assignment = dict[int, str]


@dataclass(frozen=True)
class FocusSettings:
    """Facilitator settings of the focus matrix, stored in the workspace under ``focus``.

    ``focus_limit``: more differentiated steps than this raises the focus warning.
    ``important``: mean importance (0–10) from which a step counts as important; None = the
    survey's average importance. ``target_margin``: how far above the best
    competitor a differentiated step aims when its target names no margin. ``group_by``: the
    grouping of respondents for "serves best" (``attribute:<col>`` or ``segmentation:<id>``).
    """

    focus_limit: int = 3
    important: float | None = None
    target_margin: float = 1.0
    group_by: str | None = None


@dataclass(frozen=True)
class Conflict:
    step_id: int
    kind: str  # "competitor leads" | "extreme accepted"
    message: str


@dataclass(frozen=True)
class ScenarioMetrics:
    share: float | None  # Σ opportunity in differentiated steps / Σ opportunity of all outcomes
    counts: dict[str, int]  # steps per choice, unassigned included
    focus_limit: int
    conflicts: tuple[Conflict, ...]
    best_group: str | None = None
    best_group_share: float | None = None
    best_group_n: int | None = None
    groups: pd.DataFrame = field(default_factory=pd.DataFrame, compare=False)

    @property
    def over_focus(self) -> bool:
        """The focus warning: more differentiated steps than the limit."""
        return self.counts.get(DIFFERENTIATE, 0) > self.focus_limit


# --- the steps ---------------------------------------------------------------------------
def step_table(steps: pd.DataFrame, scores: pd.DataFrame, scoring: ScoringSettings) -> pd.DataFrame:
    """One row per step in job order, from ``step_scores`` (group All) and the outcome scores.

    Adds total_opportunity (Σ opportunity of its outcomes), high_opportunity (Σ of those ≥
    ``high``) and overserved (mean satisfaction − mean importance > the overserved margin).
    ``n_attractive`` counts the step's underserved outcomes (opportunity ≥ ``solid``).
    """
    table = steps[steps["group"] == "All"] if "group" in steps else steps
    table = table.sort_values("step_order").reset_index(drop=True).copy()
    opp = scores.dropna(subset=["opportunity"])
    totals = opp.groupby("step_id")["opportunity"].sum()
    high = opp[opp["opportunity"] >= scoring.high].groupby("step_id")["opportunity"].sum()
    table["total_opportunity"] = table["step_id"].map(totals).fillna(0.0)
    table["high_opportunity"] = table["step_id"].map(high).fillna(0.0)
    gap = table["mean_satisfaction"] - table["mean_importance"]
    table["overserved"] = (gap > scoring.overserved_margin).fillna(False).astype(bool)
    table["step_id"] = table["step_id"].astype(int)
    return table


def card_label(step: pd.Series | dict) -> str:
    """``"3 · Capture invoice data\\nopp 11.2 · 4 underserved"`` — unique by the step number."""
    opportunity = step["mean_opportunity"]
    opp = "opp –" if pd.isna(opportunity) else f"opp {opportunity:.1f}"
    return f"{int(step['step_order'])} · {step['step']}\n{opp} · {int(step['n_attractive'])} underserved"


def normalise(assignment: dict, step_ids: list[int] | set[int]) -> Assignment:
    """Only known steps and real choices: unknown steps and 'unassigned' entries are dropped."""
    known = set(step_ids)
    return {int(s): c for s, c in assignment.items() if int(s) in known and c in CHOICES}


# --- the suggestion ----------------------------------------------------------------------
def important_threshold(scores: pd.DataFrame, focus: FocusSettings) -> float:
    """The importance from which a step counts as important (the setting, else the survey's average)."""
    if focus.important is not None:
        return float(focus.important)
    mean = scores["importance"].mean()
    return 5.0 if pd.isna(mean) else float(mean)


def suggestion_rule(scoring: ScoringSettings, focus: FocusSettings, important: float) -> list[str]:
    """The rule in words, with the thresholds in force (shown next to the Suggest button)."""
    return [
        f"**Differentiate** steps holding an outcome with opportunity ≥ {scoring.high:g} (high or extreme) — "
        f"at most {focus.focus_limit}: first where no competitor already leads, then those holding the most high "
        "opportunity; the other such steps are **met**.",
        f"**Accept** steps of low importance (mean importance < {important:.1f}, the "
        f"{'setting' if focus.important is not None else 'survey average'}) or overserved (satisfaction above "
        f"importance by more than {scoring.overserved_margin:g}).",
        "**Meet** the rest: important steps that are already served well enough.",
    ]


def suggest(
    steps: pd.DataFrame,
    scores: pd.DataFrame,
    scoring: ScoringSettings,
    focus: FocusSettings,
    leading: pd.DataFrame | None = None,
) -> Assignment:
    """Place every step by the documented rule (module docstring); steps without scores stay unassigned.

    ``leading``: ``Competition.leads`` (core.analysis.competition.leaders), to prefer steps no competitor leads.
    """
    important = important_threshold(scores, focus)
    scored = steps[steps["n_outcomes"] > 0].dropna(subset=["top_opportunity"])
    holding = scored[scored["top_opportunity"] >= scoring.high].copy()
    led = set()
    if leading is not None and not leading.empty:
        led = set(leading.loc[leading["leads"].astype(bool), "step_id"].astype(int))
    holding["led"] = holding["step_id"].isin(led)
    ranked = holding.sort_values(
        ["led", "high_opportunity", "top_opportunity", "step_order"], ascending=[True, False, False, True]
    )
    chosen = set(ranked["step_id"].head(max(focus.focus_limit, 0)))
    result: Assignment = {}
    row: Any  # a pandas row: its fields are untyped
    for row in scored.itertuples():
        if row.step_id in chosen:
            result[int(row.step_id)] = DIFFERENTIATE
        elif row.top_opportunity >= scoring.high:
            result[int(row.step_id)] = MEET
        elif row.mean_importance < important or row.overserved:
            result[int(row.step_id)] = ACCEPT
        else:
            result[int(row.step_id)] = MEET
    return result


# --- metrics -----------------------------------------------------------------------------
GroupTotals = dict[str, tuple[int, dict[int, float]]]  # group → (n, Σ opportunity by step_id)


def opportunity_share(steps: pd.DataFrame, assignment: Assignment) -> float | None:
    """Σ opportunity of the outcomes in differentiated steps / Σ opportunity of all outcomes.

    Read from :func:`step_table`'s total_opportunity (Σ over a step's scored outcomes), so
    outcomes without a score count in neither sum; None when the total is 0.
    """
    totals = dict(zip(steps["step_id"].astype(int), steps["total_opportunity"].astype(float), strict=True))
    total = sum(totals.values())
    if total <= 0:
        return None
    return sum(v for s, v in totals.items() if assignment.get(s) == DIFFERENTIATE) / total


def choice_counts(step_ids: list[int], assignment: Assignment) -> dict[str, int]:
    """How many of the steps hold each choice (unassigned included)."""
    counts: dict[str, int] = dict.fromkeys(COLUMNS, 0)
    for step_id in step_ids:
        counts[assignment.get(int(step_id), UNASSIGNED)] += 1
    return counts


def conflicts(
    steps: pd.DataFrame,
    assignment: Assignment,
    leading: pd.DataFrame,
    scoring: ScoringSettings,
) -> list[Conflict]:
    """Choices that contradict the data, in job order.

    - *competitor leads*: we differentiate a step where a competitor already leads
      (core.analysis.competition.leaders: ahead of us, or of the runner-up when we are not rated, by at
      least the lead margin).
    - *extreme accepted*: we accept a step holding an outcome of extreme opportunity (≥ ``extreme``).
    """
    rows: Any = leading.itertuples()  # pandas rows: their fields are untyped
    lead = {int(r.step_id): r for r in rows} if not leading.empty else {}
    found = []
    row: Any
    for row in steps.itertuples():
        step_id, choice = int(row.step_id), assignment.get(int(row.step_id), UNASSIGNED)
        name = f"{int(row.step_order)} · {row.step}"
        leader = lead.get(step_id)
        if choice == DIFFERENTIATE and leader is not None and leader.leads:
            found.append(
                Conflict(
                    step_id,
                    "competitor leads",
                    f"{name}: {leader.rival} already leads ({leader.best:.1f} against {leader.reference:.1f} "
                    f"for {leader.versus}), yet we plan to differentiate here.",
                )
            )
        if choice == ACCEPT and pd.notna(row.top_opportunity) and row.top_opportunity >= scoring.extreme:
            found.append(
                Conflict(
                    step_id,
                    "extreme accepted",
                    f"{name}: holds an extreme opportunity ({row.top_opportunity:.1f}), "
                    "yet we plan to accept underperforming here.",
                )
            )
    return found


def group_step_totals(group_scores: pd.DataFrame) -> GroupTotals:
    """Per respondent group (outcome scores by group): its n and Σ opportunity of its outcomes by step.

    Independent of any scenario, so it is computed once; :func:`group_shares` then costs nothing.
    """
    if group_scores.empty:
        return {}
    opp = group_scores.dropna(subset=["opportunity"])
    sums = opp.groupby(["group", "step_id"])["opportunity"].sum()
    sizes = group_scores.groupby("group")["group_n"].max()
    totals: GroupTotals = {str(g): (int(n), {}) for g, n in sizes.items()}
    for key, value in sums.items():
        group, step_id = cast(tuple[Any, int], key)
        totals[str(group)][1][int(step_id)] = float(value)
    return totals


def group_shares(totals: GroupTotals, assignment: Assignment) -> pd.DataFrame:
    """Per respondent group: the share of the group's opportunity inside differentiated steps.

    share = Σ the group's opportunity of outcomes in differentiated steps / Σ the group's
    opportunity of all outcomes. Columns group, n, share; highest share first (the group the
    scenario serves best), ties by size. Groups without opportunity are left out.
    """
    rows = []
    for group, (n, by_step) in totals.items():
        total = sum(by_step.values())
        if total > 0:
            targeted = sum(v for s, v in by_step.items() if assignment.get(s) == DIFFERENTIATE)
            rows.append((group, n, targeted / total))
    rows.sort(key=lambda r: (-r[2], -r[1]))
    return pd.DataFrame(rows, columns=["group", "n", "share"])


def scenario_metrics(
    steps: pd.DataFrame,
    assignment: Assignment,
    leading: pd.DataFrame,
    totals: GroupTotals,
    scoring: ScoringSettings,
    focus: FocusSettings,
) -> ScenarioMetrics:
    """The headline metrics of one scenario (see the functions above for each definition).

    ``totals``: :func:`group_step_totals` of the chosen grouping ({} for none). The best-served
    group is the one with the highest :func:`group_shares` share; none when nothing is
    differentiated.
    """
    step_ids = [int(s) for s in steps["step_id"]]
    assignment = normalise(assignment, step_ids)
    shares = group_shares(totals, assignment)
    best = shares.iloc[0] if not shares.empty and shares["share"].iloc[0] > 0 else None
    return ScenarioMetrics(
        share=opportunity_share(steps, assignment),
        counts=choice_counts(step_ids, assignment),
        focus_limit=focus.focus_limit,
        conflicts=tuple(conflicts(steps, assignment, leading, scoring)),
        best_group=None if best is None else str(best["group"]),
        best_group_share=None if best is None else float(best["share"]),
        best_group_n=None if best is None else int(best["n"]),
        groups=shares,
    )
