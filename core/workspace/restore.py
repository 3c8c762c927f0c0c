"""Restoring a workspace from its .xlsx file (the format is described in core.workspace.file).

:func:`read_workspace_file` reads and validates everything first (nothing is written); then
:func:`restore` stores the survey through core.intake.store.store_survey and puts back settings,
scenarios, decisions, segmentations and framework entries in one transaction. The survey is
re-imported through core.intake.importers.import_survey, on the scale the settings name, and the
exported ids, order and texts (steps, outcomes, attribute names) are put back exactly.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field, replace

import pandas as pd
import python_calamine

from core.intake.importers import import_survey
from core.intake.importers.survey import SurveyData
from core.intake.scales import SCALES, Scale
from core.intake.store import store_survey
from core.strategy.scenarios import Target
from core.wording import plural
from core.workspace.database import Workspace
from core.workspace.file import FRAMEWORK_TABLES, REQUIRED, WorkspaceFileError, sql, unescape

_INT_TYPES = {"BIGINT": "Int64", "DOUBLE": "Float64"}


@dataclass
class WorkspaceFile:
    """A validated workspace file, ready to :func:`restore`."""

    file_name: str
    content: bytes
    survey: SurveyData
    settings: pd.DataFrame
    scenarios: pd.DataFrame
    decisions: pd.DataFrame
    segmentations: pd.DataFrame | None = None
    segments: pd.DataFrame | None = None
    frameworks: dict[str, pd.DataFrame] = field(default_factory=dict)

    def summary(self) -> list[str]:
        """What restoring would put in the workspace, in sentences."""
        survey = self.survey
        stored = self.settings.loc[self.settings["key"] == "survey", "value"]
        name = json.loads(stored.iloc[0]).get("name") if not stored.empty else None
        return [
            f"Survey “{name or survey.name}”: {plural(len(survey.respondents), 'respondent')}, "
            f"{plural(len(survey.outcomes), 'outcome')} in {plural(len(survey.steps), 'job step')}.",
            f"{len(self.scenarios)} scenario(s) with {len(self.decisions)} step decision(s), notes and targets.",
            f"{len(self.settings)} setting(s)"
            + (f", {len(self.segmentations)} segmentation(s)" if self.segmentations is not None else "")
            + (f", framework entries in {len(self.frameworks)} table(s)" if self.frameworks else "")
            + ".",
        ]


def _sheet(book: python_calamine.CalamineWorkbook, name: str) -> pd.DataFrame | None:
    """A sheet as text-unescaped columns ('' → None); None when the sheet is missing."""
    match = next((s for s in book.sheet_names if s.strip().lower() == name), None)
    if match is None:
        return None
    rows = book.get_sheet_by_name(match).to_python(skip_empty_area=False)
    if not rows:
        return pd.DataFrame()
    header = [str(unescape(h)) for h in rows[0]]
    body = [[None if v == "" else unescape(v) for v in (list(r) + [""] * len(header))[: len(header)]] for r in rows[1:]]
    return pd.DataFrame(body, columns=header, dtype=object)


def _need(frame: pd.DataFrame | None, sheet: str, columns: tuple[str, ...]) -> pd.DataFrame:
    missing = [c for c in columns if frame is None or c not in frame.columns]
    if missing:
        raise WorkspaceFileError(
            f"The sheet '{sheet}' lacks the column(s) {', '.join(missing)}: the file was changed "
            "after it was downloaded. Download the workspace again."
        )
    return frame


def _exact_survey(survey: SurveyData, sheets: dict[str, pd.DataFrame]) -> SurveyData:
    """The imported survey with the exported ids, order and texts put back."""
    steps = _need(sheets["steps"], "steps", ("step_id", "step_order", "name", "description"))
    job_map = _need(sheets["job_map"], "job_map", ("outcome_id", "statement", "step_id", "outcome_order", "source"))
    attributes = _need(sheets["attributes"], "attributes", ("column_name", "original_header", "data_type", "position"))
    steps = pd.DataFrame(
        {
            "step_id": steps["step_id"].astype(int),
            "step_order": steps["step_order"].astype(int),
            "name": steps["name"].astype(str),
            "description": steps["description"],
        }
    )
    outcomes = pd.DataFrame(
        {
            "outcome_id": job_map["outcome_id"].astype(str),
            "step_id": job_map["step_id"].astype(int),
            "statement": job_map["statement"].astype(str),
            "source": job_map["source"],
            "outcome_order": job_map["outcome_order"].astype(int),
        }
    )
    unknown = set(outcomes["step_id"]) - set(steps["step_id"])
    if unknown:
        raise WorkspaceFileError(f"The job_map sheet names step id(s) {sorted(unknown)} that the steps sheet lacks.")
    key = {o.strip().lower(): o for o in outcomes["outcome_id"]}

    def ids(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        frame["respondent_id"] = frame["respondent_id"].map(unescape)
        frame["outcome_id"] = frame["outcome_id"].map(lambda o: key.get(str(unescape(o)).strip().lower(), o))
        return frame

    respondents = survey.respondents
    if len(respondents.columns) - 1 != len(attributes):
        raise WorkspaceFileError("The responses sheet does not hold the attribute columns the attributes sheet lists.")
    respondents = respondents.set_axis(["respondent_id", *attributes["column_name"].astype(str)], axis=1)
    for column, data_type in zip(attributes["column_name"], attributes["data_type"], strict=True):
        values = respondents[column]
        respondents[column] = values.astype(_INT_TYPES[data_type]) if data_type in _INT_TYPES else values.map(unescape)
    respondents["respondent_id"] = respondents["respondent_id"].map(unescape)
    catalogue = pd.DataFrame(
        {
            "column_name": attributes["column_name"].astype(str),
            "original_header": attributes["original_header"].astype(str),
            "data_type": attributes["data_type"].astype(str),
            "position": attributes["position"].astype(int),
        }
    )
    competitors = ids(survey.competitor_ratings)
    competitors["competitor"] = competitors["competitor"].map(unescape)
    return replace(
        survey,
        steps=steps,
        outcomes=outcomes,
        respondents=respondents,
        attribute_catalogue=catalogue,
        ratings=ids(survey.ratings),
        competitor_ratings=competitors,
    )


def _scale(settings: pd.DataFrame) -> Scale | None:
    survey = settings.loc[settings["key"] == "survey", "value"]
    if survey.empty:
        return None
    meta = json.loads(survey.iloc[0])
    base = SCALES.get(meta.get("scale"), None)
    return None if base is None else Scale(base.low, base.high, tuple(meta.get("top_points") or base.top_points))


def read_workspace_file(content: bytes, file_name: str = "workspace.xlsx") -> WorkspaceFile:
    """Read and validate a workspace file; nothing is written. Raises :class:`WorkspaceFileError`."""
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    except Exception as exc:  # calamine raises its own error types for anything unreadable
        raise WorkspaceFileError(f"{file_name} is not a readable .xlsx file ({exc}).") from None
    sheets = {name: _sheet(book, name) for name in (*REQUIRED, "segmentations", "segments", *FRAMEWORK_TABLES)}
    missing = [n for n in REQUIRED if sheets[n] is None]
    if missing:
        raise WorkspaceFileError(
            f"{file_name} is not a workspace file: it lacks the sheet(s) {', '.join(missing)}. To load a survey, "
            "use the Data page; to restore a workspace, upload a file downloaded from this page."
        )
    settings = _need(sheets["settings"], "settings", ("key", "value"))
    result = import_survey(content, file_name, scale=_scale(settings))
    if not result.ok:
        raise WorkspaceFileError(f"The survey in {file_name} cannot be read back:\n{result.report.to_text()}")
    survey = _exact_survey(result.survey, sheets)
    scenarios = _need(sheets["scenarios"], "scenarios", ("scenario_id", "name", "created_at", "notes"))
    decisions = _need(
        sheets["decisions"],
        "decisions",
        ("scenario_id", "step_id", "choice", "note", "target_outcomes", "target_margin"),
    )
    decisions = pd.DataFrame(
        {
            "scenario_id": decisions["scenario_id"].astype(str),
            "step_id": decisions["step_id"].astype(int),
            "choice": decisions["choice"].astype(str),
            "note": decisions["note"],
            "target": [
                Target(tuple(json.loads(o)) if o else (), None if m is None else float(m)).to_json()
                for o, m in zip(decisions["target_outcomes"], decisions["target_margin"], strict=True)
            ],
        }
    )
    frameworks = {t: sheets[t] for t in FRAMEWORK_TABLES if sheets[t] is not None and not sheets[t].empty}
    return WorkspaceFile(
        file_name,
        content,
        survey,
        settings[["key", "value"]].astype(str),
        scenarios[["scenario_id", "name", "created_at", "notes"]],
        decisions,
        sheets["segmentations"],
        sheets["segments"],
        frameworks,
    )


def restore(ws: Workspace, file: WorkspaceFile | bytes, file_name: str = "workspace.xlsx") -> WorkspaceFile:
    """Replace the workspace's survey, settings, scenarios, decisions, segmentations and framework
    entries with the file's. The file is validated completely before anything is written."""
    if isinstance(file, bytes):
        file = read_workspace_file(file, file_name)
    store_survey(ws, file.survey, file.content)
    with ws.transaction() as cur:
        incoming = {
            "incoming_settings": file.settings,
            "incoming_scenarios": file.scenarios,
            "incoming_decisions": file.decisions,
        }
        for name, frame in incoming.items():
            cur.register(name, frame)
        for statement in (
            "clear_settings",
            "insert_settings",
            "clear_scenarios",
            "insert_scenarios",
            "insert_decisions",
            "clear_segments",
        ):
            cur.execute(sql(statement))
        if file.segmentations is not None and file.segments is not None:
            cur.register("incoming_segmentations", file.segmentations)
            cur.register("incoming_segments", file.segments)
            cur.execute(sql("insert_segmentations"))
            cur.execute(sql("insert_segments"))
        for table in FRAMEWORK_TABLES:
            columns = [r[0] for r in cur.execute(sql("table_columns"), {"table": table}).fetchall()]
            frame = file.frameworks.get(table)
            frame = frame[[c for c in frame.columns if c in columns]] if frame is not None else None
            if frame is None or frame.columns.empty:  # nothing to put back: the table is emptied
                frame = pd.DataFrame({columns[0]: pd.Series(dtype=object)})
            cur.register("incoming_framework", frame)
            cur.execute(sql(f"restore_{table}"))
    ws.touch()
    return file
