"""Build small canonical surveys as real files for tests (openpyxl for .xlsx)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from core.intake.importers import import_survey
from core.intake.store import store_survey
from core.workspace.database import Workspace


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """Write ``{sheet name: rows}`` to a real .xlsx file with openpyxl."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def canonical_workbook(
    path: Path,
    outcomes: dict[str, tuple[str, str]],
    ratings: dict[str, list[tuple]],
    attributes: dict[str, list[object]] | None = None,
) -> Path:
    """A canonical workbook.

    ``outcomes``: outcome_id → (step name, statement), in job order.
    ``ratings``: outcome_id → one (importance, satisfaction) pair per respondent.
    ``attributes``: header → one value per respondent.
    """
    steps = list(dict.fromkeys(step for step, _ in outcomes.values()))
    job_map = [["step_order", "step", "outcome_id", "statement"]] + [
        [steps.index(step) + 1, step, oid, statement] for oid, (step, statement) in outcomes.items()
    ]
    n = len(next(iter(ratings.values())))
    attributes = attributes or {}
    header = ["respondent_id", *attributes, *(f"imp_{o}" for o in ratings), *(f"sat_{o}" for o in ratings)]
    rows = [header]
    for i in range(n):
        rows.append(
            [
                f"R{i + 1:04d}",
                *(values[i] for values in attributes.values()),
                *(ratings[o][i][0] for o in ratings),
                *(ratings[o][i][1] for o in ratings),
            ]
        )
    return write_xlsx(path, {"job_map": job_map, "responses": rows})


def store_workbook(workspace: Workspace, path: Path) -> None:
    """Import the survey file at ``path`` (it must import cleanly) and store it in ``workspace``."""
    result = import_survey(path)
    assert result.ok, result.report.to_text()
    store_survey(workspace, result.survey)
