"""A tiny real survey for "what a scenario wins" (core.strategy.wins), every number worked out by hand.

The survey (scale 1–5, top box 4–5): steps A (A1, A2), B (B1, B2), C (C1, C2); six respondents.
Each respondent's underserved outcomes (importance ≥ 4, satisfaction rated and < 4), ranked by
importance, then satisfaction (low first), then the sample's opportunity:

    R1  A1 (5,1), A2 (5,2), B1 (4,1)                 top 3: A1 A2 B1       → A 2, B 1
    R2  B1 (5,1), B2 (5,3), A2 (4,2), C1 (4,2)       top 3: B1 B2 A2       → B 2, A 1
        (A2 and C1 tie on the respondent's ratings; the sample's opportunity breaks it:
         A2 = 8.3 + (8.3 − 3.3) = 13.3 against C1 = 6.7 + (6.7 − 1.7) = 11.7)
    R3  C1 (5,1)                                     top 1: C1             → C 1
    R4  none (everything 5,5)                        never won
    R5  A1 (5,1), C1 (5,1), B1 (4,2), C2 (4,3)       top 3: A1 C1 B1       → A 1, B 1, C 1
        (B1 before C2: same importance, lower satisfaction)
    R6  A2 (4,3); B2 (4, missing) is not in the set  top 1: A2             → A 1

Won = at least half of the top ones in differentiated steps (2 of 3, 1 of 1). Current solution:
R1, R3, R5 Xpense; R2, R4 Yardly; R6 none. Willingness to pay: R1 "$1,000", R2 200, R3 "300",
R4 50, R5 −10 (no amount), R6 none.
"""

from __future__ import annotations

from pathlib import Path

from core.workspace.database import Workspace
from tests.unit.survey_builders import canonical_workbook, store_workbook

OUTCOMES = {
    "A1": ("Step A", "Minimize the time it takes to do A one"),
    "A2": ("Step A", "Minimize the likelihood of A two going wrong"),
    "B1": ("Step B", "Minimize the time it takes to do B one"),
    "B2": ("Step B", "Minimize the likelihood of B two going wrong"),
    "C1": ("Step C", "Minimize the time it takes to do C one"),
    "C2": ("Step C", "Minimize the likelihood of C two going wrong"),
}
#        R1      R2      R3      R4      R5      R6
RATINGS = {
    "A1": [(5, 1), (4, 5), (2, 2), (5, 5), (5, 1), (2, 2)],
    "A2": [(5, 2), (4, 2), (2, 2), (5, 5), (4, 4), (4, 3)],
    "B1": [(4, 1), (5, 1), (2, 2), (5, 5), (4, 2), (2, 2)],
    "B2": [(2, 2), (5, 3), (2, 2), (5, 5), (1, 1), (4, None)],
    "C1": [(3, 3), (4, 2), (5, 1), (5, 5), (5, 1), (2, 2)],
    "C2": [(2, 2), (2, 2), (2, 2), (5, 5), (4, 3), (2, 2)],
}
ATTRIBUTES = {
    "Current solution": ["Xpense", "Yardly", "Xpense", "Yardly", "Xpense", None],
    "Willingness to pay": ["$1,000", 200, "300", 50, -10, None],
}


def wins_workspace(workspace: Workspace, folder: Path, *, attributes: bool = True) -> Workspace:
    """Store the survey (with its current solution and WTP unless ``attributes`` is false)."""
    path = canonical_workbook(folder / "wins.xlsx", OUTCOMES, RATINGS, ATTRIBUTES if attributes else None)
    store_workbook(workspace, path)
    return workspace


def steps_of(workspace: Workspace) -> dict[str, int]:
    return dict(workspace.cursor().execute("SELECT name, step_id FROM steps").fetchall())


def choose(workspace: Workspace, **choices: str) -> dict[int, str]:
    """{step_id: choice} from ``A="differentiate"``…"""
    ids = steps_of(workspace)
    return {ids[f"Step {letter}"]: choice for letter, choice in choices.items()}
