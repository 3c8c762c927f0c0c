"""Restoring a workspace from its .xlsx file (the format is described in core.workspace.file).

:func:`read_workspace_file` reads and validates the whole file first (nothing is written): every
sheet's columns, types, ids and references (core.workspace.restore_sheets and restore_checks),
the values the app allows in the follow-through sheets (restore_values, restore_customers, restore_growth),
and the settings (core.workspace.restore_settings). A problem that makes the file unusable is a
:class:`WorkspaceFileError` naming the sheet, row and column; settings it cannot use are notes,
and the restore goes on with their defaults. Then :func:`restore` replaces survey, settings,
scenarios, decisions, segmentations and framework entries in ONE transaction (the survey through
core.intake.store.write_survey, the same code path as any import): either all of it is
restored or nothing changes. The change marks of issue 17.4 are not in the file: the restore
starts them afresh (``restart_change_marks`` in core/sql/workspace_file.sql). The survey is re-imported through
core.intake.importers.import_survey, on the scale the settings name, and the exported ids, order
and texts (steps, outcomes, attribute names) are put back exactly.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field, replace

import duckdb
import pandas as pd
import python_calamine

from core.intake.importers import import_survey
from core.intake.importers.spreadsheet_limits import TooLarge, check_workbook
from core.intake.importers.survey import SurveyData
from core.intake.store import SURVEY_KEY, write_survey
from core.wording import agree, named, plural
from core.workspace import restore_checks as checks
from core.workspace import restore_sheets as read
from core.workspace import segment_counts
from core.workspace.database import Workspace
from core.workspace.file import FRAMEWORK_TABLES, REQUIRED, WorkspaceFileError, sql, unescape
from core.workspace.restore_customers import check_customer_sheets
from core.workspace.restore_growth import check_growth_sheet
from core.workspace.restore_settings import check_settings
from core.workspace.restore_values import check_framework_values, check_wave_ratings

WRITE_STEPS = ("insert_settings", "clear_scenarios", "insert_scenarios", "insert_decisions", "clear_segments")
KNOWN_SHEETS = {"about", "competitors", "import_log", "segmentations", "segments", *REQUIRED, *FRAMEWORK_TABLES}


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
    notes: list[str] = field(default_factory=list)  # what the restore tolerates, as sentences (sheet, row, column)

    def summary(self) -> list[str]:
        """What restoring would put in the workspace, in sentences."""
        survey = self.survey
        stored = self.settings.loc[self.settings["key"] == "survey", "value"]
        name = json.loads(stored.iloc[0]).get("name") if not stored.empty else None
        return [
            f"Survey “{name or survey.name}”: {plural(len(survey.respondents), 'respondent')}, "
            f"{plural(len(survey.outcomes), 'outcome')} in {plural(len(survey.steps), 'job step')}.",
            f"{plural(len(self.scenarios), 'scenario')} with {plural(len(self.decisions), 'step decision')}, "
            "notes and targets.",
            f"{plural(len(self.settings), 'setting')}"
            + (f", {plural(len(self.segmentations), 'segmentation')}" if self.segmentations is not None else "")
            + (f", framework entries in {plural(len(self.frameworks), 'table')}" if self.frameworks else "")
            + ".",
        ]


def _sheet(book: python_calamine.CalamineWorkbook, name: str) -> pd.DataFrame | None:
    """A sheet as text-unescaped columns ('' → None); None when the sheet is missing. A sheet longer
    than its limit (restore_checks.MAX_ROWS) is refused before its cells are read; columns without
    a header are left out; a header that appears twice is refused."""
    match = next((s for s in book.sheet_names if s.strip().lower() == name), None)
    if match is None:
        return None
    sheet = book.get_sheet_by_name(match)
    checks.check_height(name, sheet.total_height)  # the last row's 0-based index: the rows under the header
    rows = sheet.to_python(skip_empty_area=False)
    if not rows:
        return pd.DataFrame()
    header = [str(unescape(h)).strip() for h in rows[0]]
    named = [i for i, h in enumerate(header) if h]
    repeated = sorted({h for h in header if h and header.count(h) > 1})
    if repeated:
        raise checks.fail(name, None, repeated[0], "this header appears more than once; each column must be unique.")
    width = len(header)
    body = [[None if v == "" else unescape(v) for v in (list(r) + [""] * width)[:width]] for r in rows[1:]]
    return pd.DataFrame(body, columns=header, dtype=object).iloc[:, named]


def _exact_survey(
    survey: SurveyData, steps: pd.DataFrame, outcomes: pd.DataFrame, catalogue: pd.DataFrame
) -> SurveyData:
    """The imported survey with the exported ids, order and texts put back."""
    key = {o.strip().lower(): o for o in outcomes["outcome_id"]}

    def ids(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        frame["respondent_id"] = frame["respondent_id"].map(unescape)
        frame["outcome_id"] = frame["outcome_id"].map(lambda o: key.get(str(unescape(o)).strip().lower(), o))
        return frame

    respondents = survey.respondents
    if len(respondents.columns) - 1 != len(catalogue):
        raise WorkspaceFileError(
            f"The responses sheet holds {plural(len(respondents.columns) - 1, 'attribute column')} "
            f"but the attributes sheet lists {len(catalogue)}. {checks.FIX}"
        )
    respondents = respondents.set_axis(["respondent_id", *catalogue["column_name"]], axis=1)
    for index, (column, data_type) in enumerate(zip(catalogue["column_name"], catalogue["data_type"], strict=True)):
        values, dtype = respondents[column], read.TYPES[data_type]
        try:
            respondents[column] = values.astype(dtype) if dtype else values.map(unescape)
        except (TypeError, ValueError):
            problem = f"the responses column of {column} does not hold {data_type} values."
            raise checks.fail("attributes", index, "data_type", problem) from None
    respondents["respondent_id"] = respondents["respondent_id"].map(unescape)
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


def _open(content: bytes, file_name: str) -> tuple[python_calamine.CalamineWorkbook, list[str]]:
    try:
        check_workbook(content, file_name)  # before any read: no file may make the reader explode
    except TooLarge as exc:
        raise WorkspaceFileError(f"{exc.problem} {exc.fix}") from None
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    except Exception as exc:  # calamine raises its own error types for anything unreadable
        raise WorkspaceFileError(f"{file_name} is not a readable .xlsx file ({exc}).") from None
    extra = [s for s in book.sheet_names if s.strip().lower() not in KNOWN_SHEETS]
    notes = (
        [
            f"The {named(extra, 'sheet')} {agree(len(extra), 'is', 'are')} "
            f"not part of a workspace file and {agree(len(extra), 'was', 'were')} ignored."
        ]
        if extra
        else []
    )
    return book, notes


def _survey_row(survey: SurveyData, meta: dict) -> str:
    """The ``survey`` setting: the file's name for it and the scale the ratings were read on."""
    stored_file = meta.get("file_name")
    return json.dumps(
        {
            "name": survey.name,
            "scale": survey.scale.name,
            "top_points": list(survey.scale.top_points),
            "file_name": stored_file if isinstance(stored_file, str) else survey.report.file_name,
        }
    )


def is_workspace_file(content: bytes) -> bool:
    """True when ``content`` is an .xlsx holding every sheet a workspace file must have."""
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    except Exception:  # not a workbook calamine reads: certainly not a workspace file
        return False
    return set(REQUIRED) <= {s.strip().lower() for s in book.sheet_names}


def read_workspace_file(content: bytes, file_name: str = "workspace.xlsx") -> WorkspaceFile:
    """Read and validate a workspace file; nothing is written. Raises :class:`WorkspaceFileError`
    naming the sheet, row and column of the first problem; what it tolerates is in ``notes``."""
    book, notes = _open(content, file_name)
    present = {s.strip().lower() for s in book.sheet_names}
    missing = [n for n in REQUIRED if n not in present]
    if missing:
        raise WorkspaceFileError(
            f"{file_name} is not a workspace file: it lacks the {named(missing, 'sheet')}. To load a survey, "
            "use the Data page; to restore a workspace, upload a file downloaded from this page."
        )
    # the responses sheet is read by the importer only: its cells are not loaded twice
    names = (*(n for n in REQUIRED if n != "responses"), "segmentations", "segments", *FRAMEWORK_TABLES)
    sheets = {name: _sheet(book, name) for name in names}
    steps = read.steps(sheets["steps"])
    outcomes = read.outcomes(sheets["job_map"], set(steps["step_id"]))
    catalogue = read.catalogue(sheets["attributes"])
    scenarios = read.scenarios(sheets["scenarios"])
    scenario_ids = set(scenarios["scenario_id"])
    decisions = read.decisions(sheets["decisions"], scenario_ids, set(steps["step_id"]))
    segmentations, segments = read.segmentations(sheets)
    frameworks = {
        t: checks.framework_frame(t, frame) for t in FRAMEWORK_TABLES if (frame := sheets[t]) is not None and len(frame)
    }
    check_customer_sheets(frameworks)
    check_growth_sheet(frameworks, segmentations)
    check_framework_values(frameworks)
    settings = check_settings(read.need(sheets["settings"], "settings", ("key", "value")), scenario_ids)
    result = import_survey(content, file_name, scale=settings.scale)
    if not result.ok or result.survey is None:
        raise WorkspaceFileError(f"The survey in {file_name} cannot be read back:\n{result.report.to_text()}")
    survey = _exact_survey(result.survey, steps, outcomes, catalogue)
    check_wave_ratings(frameworks, survey.scale)
    name = settings.survey.get("name")
    survey = replace(survey, name=name if isinstance(name, str) and name.strip() else survey.name)
    survey_setting = pd.DataFrame({"key": [SURVEY_KEY], "value": [_survey_row(survey, settings.survey)]})
    return WorkspaceFile(
        file_name,
        content,
        survey,
        pd.concat([settings.rows, survey_setting], ignore_index=True),
        scenarios,
        decisions,
        segmentations,
        segments,
        frameworks,
        notes + settings.notes,
    )


def restore(ws: Workspace, file: WorkspaceFile | bytes, file_name: str = "workspace.xlsx") -> WorkspaceFile:
    """Replace the workspace's survey, settings, scenarios, decisions, segmentations and framework
    entries with the file's, in ONE transaction: the file is validated completely first, and if
    anything still fails while writing, nothing changes (the error is a :class:`WorkspaceFileError`)."""
    ws.require_writable()  # a view link: refused before the (long) read
    if isinstance(file, bytes):
        file = read_workspace_file(file, file_name)
    with ws.transaction() as cur:
        step = "the survey"
        try:
            cur.execute(sql("clear_settings"))
            write_survey(cur, file.survey, file.content)
            incoming = {
                "incoming_settings": file.settings,
                "incoming_scenarios": file.scenarios,
                "incoming_decisions": file.decisions,
            }
            for name, frame in incoming.items():
                cur.register(name, frame)
            for step in WRITE_STEPS:
                cur.execute(sql(step))
            if file.segmentations is not None and file.segments is not None:
                cur.register("incoming_segmentations", file.segmentations)
                cur.register("incoming_segments", file.segments)
                for step in ("insert_segmentations", "insert_segments"):
                    cur.execute(sql(step))
            segment_counts.refresh(cur)  # the restored segments' counts (none left over: clear_segments)
            for step in FRAMEWORK_TABLES:
                columns = [r[0] for r in cur.execute(sql("table_columns"), {"table": step}).fetchall()]
                frame = file.frameworks.get(step)
                frame = frame[[c for c in frame.columns if c in columns]] if frame is not None else None
                if frame is None or frame.columns.empty:  # nothing to put back: the table is emptied
                    frame = pd.DataFrame({columns[0]: pd.Series(dtype=object)})
                cur.register("incoming_framework", frame)
                cur.execute(sql(f"restore_{step}"))
            step = "the change marks"
            cur.execute(sql("restart_change_marks"))  # afresh: core/sql/workspace_file.sql says why
        except duckdb.Error as exc:
            first_line = (str(exc).splitlines() or [type(exc).__name__])[0]
            raise WorkspaceFileError(
                f"{file.file_name} could not be restored while writing {step.removeprefix('insert_')} "
                f"({first_line}). Nothing was changed: the workspace is as it was."
            ) from None
    return file
