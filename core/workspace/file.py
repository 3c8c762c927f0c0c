"""The whole workspace as one .xlsx file (docs/ARCHITECTURE.md, Workspaces and safety); SQL in
``core/sql/workspace_file.sql``.

Sheets, all human-readable:

- ``job_map`` and ``responses`` in the canonical layout (README "Accepted input"), plus
  ``competitors`` when the survey has competitor ratings, so core.intake.importers.import_survey reads
  the file as a survey too (the Data page accepts it like any canonical workbook);
- ``steps`` (every step, also those without outcomes), ``attributes`` (internal name, original
  header, type), ``settings`` (key, JSON value), ``scenarios``, ``decisions`` (choice, note,
  target), ``segmentations`` and ``segments``, one sheet per follow-through framework table
  that has rows, and ``import_log`` (a summary, not restored).

core.workspace.restore reads such a file back and restores the workspace exactly: survey (ids,
order, texts), settings, scenarios, decisions, segmentations and framework entries. The undo
history of scenarios is not in the file: after a restore, undo starts afresh.

**Formula injection.** Every text cell goes through core.exports.neutralise: a text starting
with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading apostrophe, which
spreadsheets show as text. So that restoring gives back exactly what was written, a text that
itself starts with an apostrophe gets one more; :func:`unescape` removes one leading apostrophe
when it is followed by a formula start or another apostrophe, and nothing else. A statement
``=SUM(A1)`` is therefore written ``'=SUM(A1)`` and restored as ``=SUM(A1)`` (it is never
evaluated: the app treats it as text).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from core.exports import FORMULA_STARTS, neutralise
from core.intake.importers.canonical import RESPONDENT_ID, rating_header
from core.intake.importers.headers import header_key
from core.sqlfiles import query
from core.workspace.database import Workspace
from core.workspace.xlsx_stream import write_xlsx

FRAMEWORK_TABLES = (
    "capabilities",
    "capability_links",
    "capability_needs",
    "tradeoff_criteria",
    "tradeoff_scores",
    "tradeoff_rows",
    "touchpoints",
    "messages",
    "comm_elements",
    "customers",
    "customer_facts",
    "customer_tags",
    "metrics",
    "metric_measurements",
    "waves",
    "wave_counts",
    "wave_competitor_counts",
    "wave_competitor_totals",
    "growth_overrides",
    "voters",
    "votes",
    "dot_votes",
)
REQUIRED = ("job_map", "responses", "steps", "attributes", "settings", "scenarios", "decisions")
ABOUT = [
    ["JTBD Differentiation Workbench — workspace file"],
    ["Upload it on the Export page to restore this workspace exactly (survey, settings, scenarios, decisions)."],
    ["job_map + responses (+ competitors) are a canonical survey workbook: the Data page reads them too."],
    ["Texts starting with = + - @ carry a leading apostrophe so that no spreadsheet runs them as formulas."],
]


class WorkspaceFileError(ValueError):
    """The file cannot be restored; the message says why and what to do."""


def sql(name: str) -> str:
    """A named query of core/sql/workspace_file.sql."""
    return query("workspace_file", name)


# --- text safety ---------------------------------------------------------------------------
def escape(value: object) -> object:
    """What a text cell holds in the file: apostrophe-doubled, then neutralised."""
    if isinstance(value, str) and value.startswith("'"):
        value = "'" + value
    return neutralise(value)


def unescape(value: object) -> object:
    """The inverse of :func:`escape` (one leading apostrophe before a formula start or another apostrophe)."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in (*FORMULA_STARTS, "'"):
        return value[1:]
    return value


def _cell(value: Any) -> object:
    if value is None or (not isinstance(value, str | bytes | list | dict) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return escape(value)
    item = getattr(value, "item", None)  # numpy scalars → Python values
    return item() if item is not None else value


# --- writing -------------------------------------------------------------------------------
def _export_header(header: str) -> str:
    """An attribute header the importer would misread (as a rating or the id) gets a prefix;
    the ``attributes`` sheet keeps the original."""
    if rating_header(header) is not None or header_key(header) in RESPONDENT_ID:
        return f"attribute {header}"
    return header


def _responses(ws: Workspace) -> pd.DataFrame:
    cur = ws.cursor()
    respondents = cur.execute(sql("respondents")).df()
    attributes = cur.execute(sql("attributes")).df()
    ratings = cur.execute(sql("ratings")).df()
    rated = [r[0] for r in cur.execute(sql("rated_outcomes")).fetchall()]
    ids = respondents["respondent_id"]
    parts = [respondents[["respondent_id"]].reset_index(drop=True)]
    columns = ["respondent_id"]
    row: Any  # a pandas row: its fields are untyped
    for row in attributes.itertuples():
        parts.append(respondents[[row.column_name]].reset_index(drop=True))
        columns.append(_export_header(str(row.original_header)))
    for measure, prefix in (("importance", "imp_"), ("satisfaction", "sat_")):
        wide = ratings.pivot(index="respondent_id", columns="outcome_id", values=measure)
        parts.append(wide.reindex(index=ids, columns=rated).reset_index(drop=True))
        columns.extend(f"{prefix}{o}" for o in rated)
    frame = pd.concat(parts, axis=1)
    frame.columns = columns
    return frame


def workspace_sheets(ws: Workspace) -> dict[str, pd.DataFrame]:
    """Every sheet of the workspace file, as DataFrames (texts not yet escaped)."""
    cur = ws.cursor()

    def read(name: str) -> pd.DataFrame:
        return cur.execute(sql(name)).df()

    sheets = {"job_map": read("job_map"), "responses": _responses(ws)}
    competitors = read("competitor_ratings")
    if not competitors.empty:
        sheets["competitors"] = competitors
    sheets |= {
        "steps": read("steps"),
        "attributes": read("attributes"),
        "settings": read("settings"),
        "scenarios": read("scenarios"),
    }
    scenarios = sheets["scenarios"]
    active = ws.get_setting("focus_scenario")
    scenarios["active"] = scenarios["scenario_id"] == active
    decisions = read("decisions")
    targets = [json.loads(t) if isinstance(t, str) and t else {} for t in decisions.pop("target")]
    decisions["target_outcomes"] = [json.dumps(t["outcomes"]) if t.get("outcomes") else None for t in targets]
    decisions["target_margin"] = [t.get("margin") for t in targets]
    sheets["decisions"] = decisions
    segmentations = read("segmentations")
    if not segmentations.empty:
        sheets |= {"segmentations": segmentations, "segments": read("segments")}
    for table in FRAMEWORK_TABLES:
        frame = read(f"read_{table}")
        if not frame.empty:
            sheets[table] = frame
    sheets["import_log"] = read("import_log")
    return sheets


def sheet_rows(frame: pd.DataFrame) -> Iterable[Sequence[object]]:
    """The header and the rows of a frame as Python values, every text escaped."""
    yield [_cell(str(c)) for c in frame.columns]
    yield from zip(*([_cell(v) for v in frame.iloc[:, i].tolist()] for i in range(frame.shape[1])), strict=True)


def workspace_xlsx(ws: Workspace) -> bytes:
    """The workspace as one .xlsx (an ``About`` sheet first), every text cell escaped."""
    sheets: dict[str, Iterable[Sequence[object]]] = {"About": ABOUT}
    sheets |= {name: sheet_rows(frame) for name, frame in workspace_sheets(ws).items()}
    return write_xlsx(sheets)
