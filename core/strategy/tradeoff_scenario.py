""" "Use as scenario": the trade-off ranking turned into a focus scenario (issue 13.2).

Rule (the same for every basis): each job step takes the best rank of the rows that stand for
it — a step row for its step, a need cluster for the steps of its outcomes, a segment for the
steps of its 5 most underserved outcomes; hand-added rows stand for no step and are left out.
Steps in that order (ties: job order): the first ``focus_limit`` (Focus matrix settings) →
*differentiate*, the rest split in half, the better half (the extra one when odd) → *meet*,
the other → *accept*. Steps no ranked row stands for stay unassigned. The result is saved as a
new scenario named "Trade-offs: <basis>" (numbered when taken) and made the active one, so the
Focus matrix opens on it.
"""

from __future__ import annotations

import math

import pandas as pd

from core.sqlfiles import query
from core.strategy.focus import ACCEPT, DIFFERENTIATE, MEET, Assignment
from core.strategy.focus_data import load_focus_settings
from core.strategy.scenarios import create_scenario, list_scenarios, set_active
from core.workspace.database import Workspace


def ranked_steps(summary: pd.DataFrame, step_order: dict[int, int]) -> list[int]:
    """Step ids by the best rank of a row that stands for them (ties: job order)."""
    best: dict[int, int] = {}
    for rank, steps, score in zip(summary["rank"], summary["steps"], summary["score"], strict=True):
        if score is None or (isinstance(score, float) and math.isnan(score)):
            continue
        for step in steps:
            if step in step_order:
                best[step] = min(best.get(step, int(rank)), int(rank))
    return sorted(best, key=lambda s: (best[s], step_order[s]))


def scenario_from_ranking(summary: pd.DataFrame, step_order: dict[int, int], focus_limit: int) -> Assignment:
    """The assignment of the module docstring's rule."""
    ordered = ranked_steps(summary, step_order)
    top, rest = ordered[:focus_limit], ordered[focus_limit:]
    middle = math.ceil(len(rest) / 2)
    result: Assignment = dict.fromkeys(top, DIFFERENTIATE)
    result.update(dict.fromkeys(rest[:middle], MEET))
    result.update(dict.fromkeys(rest[middle:], ACCEPT))
    return result


def free_name(workspace: Workspace, base: str) -> str:
    taken = {str(n).casefold() for n in list_scenarios(workspace)["name"]}
    name, number = base, 2
    while name.casefold() in taken:
        name, number = f"{base} {number}", number + 1
    return name


def step_order(workspace: Workspace) -> dict[int, int]:
    """step_id → its position in the job."""
    rows = workspace.cursor().execute(query("tradeoffs", "step_order")).fetchall()
    return {int(s): int(o) for s, o in rows}


def use_as_scenario(workspace: Workspace, summary: pd.DataFrame, label: str) -> tuple[str, str]:
    """Save the ranking as a new active scenario; returns (scenario id, name)."""
    assignment = scenario_from_ranking(summary, step_order(workspace), load_focus_settings(workspace).focus_limit)
    name = free_name(workspace, f"Trade-offs: {label}")
    scenario_id = create_scenario(workspace, name, assignment)
    set_active(workspace, scenario_id)
    return scenario_id, name
