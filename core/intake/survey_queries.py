"""Read-only views of the canonical tables, as DataFrames for pages and exports."""

from __future__ import annotations

import pandas as pd

from core.sqlfiles import query
from core.wording import readable_header
from core.workspace.database import Workspace


def steps_table(workspace: Workspace) -> pd.DataFrame:
    """step_id, step_order, name, description — in job order."""
    return workspace.cursor().execute(query("survey", "steps")).df()


def outcomes_table(workspace: Workspace) -> pd.DataFrame:
    """outcome_id, step_id, step, step_order, statement, source, outcome_order — in job order."""
    return workspace.cursor().execute(query("survey", "outcomes")).df()


def attribute_groups(workspace: Workspace) -> pd.DataFrame:
    """Respondent attributes with 2–30 distinct values: attribute, header (as people read it,
    core.wording.readable_header), grouping, n_groups."""
    frame = workspace.cursor().execute(query("survey", "attribute_groups")).df()
    frame["header"] = [readable_header(h) for h in frame["header"]]
    return frame


def group_sizes(workspace: Workspace, attribute: str) -> pd.DataFrame:
    """grp, n for one attribute, largest first."""
    return workspace.cursor().execute(query("survey", "group_sizes"), {"attribute": attribute}).df()


def attribute_header(workspace: Workspace, attribute: str) -> str:
    """The spreadsheet's own header of an attribute stored as ``attribute`` (itself when unknown):
    what people read on screen, never the internal column name."""
    headers = dict(workspace.cursor().execute(query("survey", "attribute_headers")).fetchall())
    return readable_header(headers.get(attribute, attribute))


def respondents_preview(workspace: Workspace, limit: int = 200) -> pd.DataFrame:
    """The first respondents with their attributes under their headers as people read them."""
    frame = workspace.cursor().execute(query("survey", "respondents_preview"), {"limit": limit}).df()
    headers = dict(workspace.cursor().execute(query("survey", "attribute_headers")).fetchall())
    return frame.rename(columns=lambda c: readable_header(headers.get(c, c)))
