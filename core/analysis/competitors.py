"""Competitive need satisfaction: scores per named solution.

Two sources, in order of preference: the competitors sheet (each respondent rates named
solutions; importance is the same respondent's), or a current-solution attribute (each
respondent rates the solution they use now, so the group of its users speaks for it).
"""

from __future__ import annotations

import pandas as pd

from core.analysis.scoring import ScoringSettings, outcome_scores
from core.intake.current_solution import pick
from core.intake.store import latest_import_report
from core.intake.survey_queries import attribute_header
from core.sqlfiles import query
from core.workspace.database import Workspace


def current_solution_attribute(workspace: Workspace) -> str | None:
    """The internal name of the attribute that says which solution a respondent uses now: the column
    the import mapped to the current-solution role (detected from its question, or set on the
    column-mapping screen), else the first attribute :func:`core.intake.current_solution.pick` names."""
    attributes = workspace.cursor().execute(query("survey", "attributes")).df()
    if attributes.empty:
        return None
    by_header = dict(zip(attributes["original_header"], attributes["column_name"], strict=True))
    mapped = (latest_import_report(workspace) or {}).get("current_solution")
    if mapped and mapped in by_header:
        return by_header[mapped]
    chosen = pick(list(attributes["original_header"])) or pick(list(attributes["column_name"]))
    if chosen is None:
        return None
    return by_header.get(chosen, chosen if chosen in set(attributes["column_name"]) else None)


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
