"""What an import recovered, in the terms of :class:`~tests.platform_exports.model.Export`, for exact checks."""

from __future__ import annotations

import pandas as pd

from core.intake.importers import ImportResult, import_survey
from tests.platform_exports.model import Export
from tests.unit.xlsx_helpers import assert_actionable


def _value(v) -> int | None:
    return None if pd.isna(v) else int(v)


def positions(result: ImportResult) -> dict[str, int]:
    """outcome_id → position of the outcome in the import's order (its importance column's order)."""
    outcomes = result.survey.outcomes.sort_values("outcome_order")
    return {oid: i for i, oid in enumerate(outcomes["outcome_id"])}


def ratings(result: ImportResult) -> dict[tuple[str, int], tuple[int | None, int | None]]:
    """(respondent id, outcome position) → (importance, satisfaction)."""
    where = positions(result)
    return {
        (r.respondent_id, where[r.outcome_id]): (_value(r.importance), _value(r.satisfaction))
        for r in result.survey.ratings.itertuples()
    }


def competitor_ratings(result: ImportResult) -> dict[tuple[str, int, str], int]:
    where = positions(result)
    return {
        (r.respondent_id, where[r.outcome_id], r.competitor): int(r.satisfaction)
        for r in result.survey.competitor_ratings.itertuples()
    }


def statements(result: ImportResult) -> list[str]:
    return result.survey.outcomes.sort_values("outcome_order")["statement"].tolist()


def steps(result: ImportResult) -> list[str]:
    """The step name of each outcome, in outcome order."""
    survey = result.survey
    names = dict(zip(survey.steps["step_id"], survey.steps["name"], strict=True))
    return [names[s] for s in survey.outcomes.sort_values("outcome_order")["step_id"]]


def imported(export: Export, **options) -> ImportResult:
    """Import an export; it must succeed with actionable messages."""
    result = import_survey(export.data, export.file_name, **options)
    assert result.ok, result.report.to_text()
    assert_actionable(result.report)
    return result


def by_statement(pairs: dict[tuple[str, int], tuple], names: list[str]) -> dict[tuple[str, str], tuple]:
    """(respondent id, position) keys → (respondent id, statement) keys."""
    return {(rid, names[position]): value for (rid, position), value in pairs.items()}


def assert_recovered(export: Export, result: ImportResult, ordered: bool = True) -> None:
    """Everything written comes back exactly: ratings, ids, statements, steps, competitor ratings, drops.

    ``ordered=False`` compares outcomes by statement, not position (shuffled columns that hold no
    answer cannot say where their outcome was).
    """
    if ordered:
        assert ratings(result) == export.expected()
        assert statements(result) == export.statements
        assert steps(result) == export.steps
    else:
        assert by_statement(ratings(result), statements(result)) == by_statement(export.expected(), export.statements)
    assert result.survey.respondents["respondent_id"].tolist() == export.ids
    assert competitor_ratings(result) == export.expected_competitors()
    assert result.report.rows_read == len(export.survey.respondents)
    assert result.report.rows_dropped == sum(export.drops.values())


def dropped(result: ImportResult, keyword: str) -> int:
    """How many respondents the report says were dropped for a reason containing ``keyword``."""
    return sum(len(ids) for reason, ids in result.report.dropped_respondents.items() if keyword in reason)
