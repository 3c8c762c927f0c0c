"""A small real survey for the report tests, written with openpyxl, whose outcome statements,
step names and scenario name are hostile user text (formula, HTML, Markdown)."""

from __future__ import annotations

from pathlib import Path

from core.intake.survey_queries import steps_table
from core.strategy import scenarios
from core.workspace.database import Workspace
from tests.unit.survey_builders import canonical_workbook, store_workbook

N = 12
FORMULA = "=cmd|' /C calc'!A0"
SCRIPT = "<script>alert('x')</script> Minimise rework"
MARKDOWN = "**bold** _claim_ [link](http://example.com)"
# outcome → (step, statement, importance top-two count, satisfaction top-two count) out of N:
DESIGN = {
    "O1": ("<b>Plan</b>", FORMULA, 11, 1),  # 11/12·10 = 9.17 + (9.17 − 0.83) = 17.5: the top outcome
    "O2": ("<b>Plan</b>", "Minimise the time it takes to agree the plan", 7, 3),
    "O3": ("# Build", SCRIPT, 9, 4),
    "O4": ("# Build", "Minimise the effort to check the build", 5, 10),  # overserved
    "O5": ("Ship", MARKDOWN, 8, 2),
}
TOP_STATEMENT = FORMULA
TOP_OPPORTUNITY = "17.5"
SCENARIO = "Plan <i>A</i> =1+1"


def survey_file(path: Path) -> Path:
    """The survey as a real .xlsx at ``path``."""
    ratings = {
        o: [(5 if i < imp else 2, 4 if i < sat else 1) for i in range(N)] for o, (_, _, imp, sat) in DESIGN.items()
    }
    outcomes = {o: (step, statement) for o, (step, statement, _, _) in DESIGN.items()}
    return canonical_workbook(path, outcomes, ratings)


def hostile_workspace(workspace: Workspace, folder: Path, *, decide: bool = True) -> Workspace:
    """Store the survey in ``workspace``; with ``decide``, a scenario differentiating "Plan"."""
    store_workbook(workspace, survey_file(folder / "hostile survey.xlsx"))
    if decide:
        scenario = scenarios.create_scenario(workspace, SCENARIO)
        steps = workspace_steps(workspace)
        scenarios.set_assignment(workspace, scenario, {steps["<b>Plan</b>"]: "differentiate", steps["Ship"]: "accept"})
        scenarios.set_active(workspace, scenario)
    return workspace


def workspace_steps(workspace: Workspace) -> dict[str, int]:
    steps = steps_table(workspace)
    return {str(name): int(step_id) for name, step_id in zip(steps["name"], steps["step_id"], strict=True)}
