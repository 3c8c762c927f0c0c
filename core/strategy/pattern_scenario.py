"""“Try as scenario” for a supported differentiation pattern (issue 16.4).

Rule for the scenario's choices (:func:`pattern_assignment`): the pattern's steps are
*differentiate*; every other step is placed as the Focus matrix's suggestion places it
(core.strategy.focus.suggest), except that a suggested *differentiate* becomes *meet* (it still
holds high opportunities, so parity, not acceptance); steps the suggestion leaves unassigned (no
scored outcome) stay unassigned. The scenario is named after the pattern and its subject, made
the active scenario, and saved at once (core.strategy.scenarios).
"""

from __future__ import annotations

from core.strategy.focus import DIFFERENTIATE, MEET, Assignment
from core.strategy.patterns import Pattern
from core.strategy.scenarios import MAX_NAME, create_scenario, list_scenarios, set_active
from core.workspace.database import Workspace


def pattern_assignment(steps: tuple[int, ...] | list[int], suggestion: Assignment) -> Assignment:
    """The pattern's steps differentiated, the rest by the suggestion (module docstring)."""
    chosen = {int(s) for s in steps}
    result = {int(s): (MEET if c == DIFFERENTIATE else c) for s, c in suggestion.items() if int(s) not in chosen}
    return {**result, **dict.fromkeys(chosen, DIFFERENTIATE)}


def scenario_name(workspace: Workspace, pattern: Pattern) -> str:
    """“<pattern>: <subject>”, shortened to the name limit, numbered when the name is taken."""
    base = f"{pattern.name}: {pattern.subject}" if pattern.subject else pattern.name
    base = " ".join(base.split())
    taken = {str(n).casefold() for n in list_scenarios(workspace)["name"]}
    number, name = 1, base[:MAX_NAME]
    while name.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        name = base[: MAX_NAME - len(suffix)] + suffix
    return name


def try_pattern(workspace: Workspace, pattern: Pattern, suggestion: Assignment) -> tuple[str, str]:
    """Create the pattern's scenario, make it active; (scenario_id, name)."""
    if not pattern.supported or not pattern.steps:
        raise ValueError(f"The pattern “{pattern.name}” is not supported by the data: there is nothing to try.")
    name = scenario_name(workspace, pattern)
    scenario_id = create_scenario(workspace, name, pattern_assignment(pattern.steps, suggestion))
    set_active(workspace, scenario_id)
    return scenario_id, name
