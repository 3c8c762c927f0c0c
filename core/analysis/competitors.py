"""Competitive need satisfaction: scores per named solution.

Two sources, in order of preference: the competitors sheet (each respondent rates named
solutions; importance is the same respondent's), or a current-solution attribute (each
respondent rates the solution they use now, so the group of its users speaks for it).
"""

from __future__ import annotations

import pandas as pd

from core.analysis.scoring import ScoringSettings, outcome_scores
from core.intake.importers.headers import header_key
from core.intake.survey_queries import attribute_header
from core.sqlfiles import query
from core.workspace.database import Workspace

CURRENT_SOLUTION_KEYS = (
    "current_solution",
    "current_solution_used",
    "solution",
    "current_product",
    "current_provider",
    "current_vendor",
    "current_tool",
    "competitor",
    "provider",
    "vendor",
    "product",
    "tool",
    "brand",
)


def current_solution_attribute(workspace: Workspace) -> str | None:
    """The internal name of the attribute that says which solution a respondent uses now."""
    attributes = workspace.cursor().execute(query("survey", "attributes")).df()
    keys = {
        header_key(h): name for name, h in zip(attributes["column_name"], attributes["original_header"], strict=True)
    }
    keys.update({name: name for name in attributes["column_name"]})
    return next((keys[k] for k in CURRENT_SOLUTION_KEYS if k in keys), None)


def competitor_source(workspace: Workspace) -> str | None:
    """``'competitors'`` (the sheet), ``'attribute:<name>'``, or None when there is no data."""
    if workspace.cursor().execute(query("survey", "competitor_names")).fetchone():
        return "competitors"
    attribute = current_solution_attribute(workspace)
    return f"attribute:{attribute}" if attribute else None


def competitor_scores(workspace: Workspace, settings: ScoringSettings | None = None) -> pd.DataFrame:
    """Per competitor and outcome: n, importance, satisfaction, opportunity (column 'competitor')."""
    source = competitor_source(workspace)
    if source is None:
        return pd.DataFrame(
            columns=[
                "competitor",
                "outcome_id",
                "statement",
                "step",
                "n_satisfaction",
                "importance",
                "satisfaction",
                "opportunity",
            ]
        )
    scores = outcome_scores(workspace, settings, by=source).rename(columns={"group": "competitor"})
    # The source as people read it: the spreadsheet's header ("Current solution"), not the internal name.
    attribute = source.removeprefix("attribute:")
    scores["source"] = "competitors sheet" if source == "competitors" else attribute_header(workspace, attribute)
    return scores
