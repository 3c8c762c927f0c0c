"""Write an imported survey into a workspace, and read back what describes it."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from core.intake.importers.survey import SurveyData
from core.intake.progress import Progress, quiet
from core.intake.scales import SCALES, Scale
from core.sqlfiles import one_row, query
from core.workspace import rating_counts
from core.workspace.database import Workspace

SURVEY_KEY = "survey"


def _attribute_rows(respondents: pd.DataFrame) -> pd.DataFrame:
    """Respondent attributes in long form, values as text (NULL stays NULL)."""
    frames = []
    for column in respondents.columns.drop("respondent_id"):
        values = respondents[column]
        text = (
            values.astype("string")
            if values.dtype.kind != "f"
            else values.map(lambda v: None if pd.isna(v) else f"{v:g}")
        )
        frames.append(
            pd.DataFrame(
                {"respondent_id": respondents["respondent_id"], "attribute": column, "value": text.astype(object)}
            )
        )
    if not frames:
        return pd.DataFrame(
            {
                "respondent_id": pd.Series(dtype=object),
                "attribute": pd.Series(dtype=object),
                "value": pd.Series(dtype=object),
            }
        )
    frame = pd.concat(frames, ignore_index=True)
    return frame.where(frame.notna(), None)


def _scanned(frame: pd.DataFrame):
    """``frame`` as DuckDB scans it fastest: categorical id columns (the long import's) as Arrow
    dictionary columns, which DuckDB reads without expanding them in Python; anything else as it is."""
    if not any(isinstance(dtype, pd.CategoricalDtype) for dtype in frame.dtypes):
        return frame
    return pa.Table.from_pandas(frame, preserve_index=False)


def _statements(survey: SurveyData) -> list[tuple[float, str, str]]:
    """The insert statements with their progress before each: the ratings are almost all the work."""
    ratings = len(survey.ratings)
    return [
        (0.02, "Storing the job map", "insert_steps"),
        (0.03, "Storing the job map", "insert_outcomes"),
        (0.04, f"Storing {len(survey.respondents):,} respondents", "replace_respondents"),
        (0.05, "Storing the respondents' attributes", "insert_catalogue"),
        (0.06, "Storing the respondents' attributes", "insert_attributes"),
        (0.1, f"Storing {ratings:,} ratings", "insert_ratings"),
        (0.85, "Storing the competitor ratings", "insert_competitor_ratings"),
    ]


def store_survey(workspace: Workspace, survey: SurveyData, content: bytes | None = None) -> None:
    """Replace the workspace's survey with ``survey`` in one transaction (see :func:`write_survey`)."""
    with workspace.transaction() as cur:
        write_survey(cur, survey, content)


def write_survey(
    cur: duckdb.DuckDBPyConnection, survey: SurveyData, content: bytes | None = None, *, progress: Progress = quiet
) -> None:
    """Replace the survey through ``cur``, inside the caller's open transaction: the one code path
    that stores a survey (:func:`store_survey` wraps it in its own transaction; a workspace restore
    runs it in the transaction that also replaces settings and scenarios, so a failure anywhere
    leaves the workspace as it was).

    Survey-dependent work (segmentations, focus-matrix decisions) is cleared with it;
    scenarios' names and notes, scoring settings and framework entries are kept. The rating counts
    scoring reads (core.workspace.rating_counts) are rewritten from the new ratings. ``content``
    (the uploaded file) is kept so the survey can be read again with another scale. The
    ``survey`` setting (name, scale, top points, file name) is written and the revision bumped.
    ``progress(fraction, message)`` is called before each statement (fractions weighted by the
    rows it writes); a callback that raises there stops the store, and the caller's transaction
    rolls back (:mod:`core.intake.store_job` cancels that way).
    """
    incoming = {
        "incoming_steps": survey.steps,
        "incoming_outcomes": survey.outcomes,
        "incoming_respondents": survey.respondents,
        "incoming_catalogue": survey.attribute_catalogue,
        "incoming_attributes": _attribute_rows(survey.respondents),
        "incoming_ratings": _scanned(survey.ratings),
        "incoming_competitor_ratings": survey.competitor_ratings,
    }
    report = survey.report
    for name, frame in incoming.items():
        cur.register(name, frame)
    try:
        progress(0.0, "Clearing the current survey")
        cur.execute(query("store", "clear_survey"))
        for fraction, message, statement in _statements(survey):
            progress(fraction, message)
            cur.execute(query("store", statement))
        progress(0.9, "Counting the ratings for scoring")
        rating_counts.refresh(cur)  # derived from the ratings just written, in the same transaction
        progress(0.95, "Writing the import log")
        import_id = one_row(cur.execute(query("store", "next_import_id")))[0]
        cur.execute(
            query("store", "insert_import_log"),
            {
                "import_id": import_id,
                "file_name": report.file_name,
                "format": report.format,
                "rows_read": report.rows_read,
                "rows_dropped": report.rows_dropped,
                "report": json.dumps(report.to_dict()),
            },
        )
        if content is not None:
            cur.execute(query("store", "clear_source_files"))
            cur.execute(
                query("store", "insert_source_file"),
                {"import_id": import_id, "file_name": report.file_name, "content": content},
            )
    finally:
        # After a failed (or interrupted) statement DuckDB refuses even this until the caller rolls
        # back; the cursor is closed then anyway, and the statement's own error must surface.
        with contextlib.suppress(duckdb.TransactionException):
            for name in incoming:
                cur.unregister(name)
    meta = {
        "name": survey.name,
        "scale": survey.scale.name,
        "top_points": list(survey.scale.top_points),
        "file_name": report.file_name,
    }
    cur.execute(query("settings", "put"), {"key": SURVEY_KEY, "value": json.dumps(meta)})
    cur.execute(query("settings", "bump_revision"))


@dataclass(frozen=True)
class SurveyInfo:
    name: str
    scale: Scale
    file_name: str
    respondents: int
    outcomes: int
    steps: int
    competitors: int


def survey_info(workspace: Workspace) -> SurveyInfo | None:
    """What the workspace holds, or None when no survey was imported yet."""
    meta: dict[str, Any] | None = workspace.get_setting(SURVEY_KEY)
    if not meta:
        return None
    counts = one_row(workspace.cursor().execute(query("survey", "counts")))
    base = SCALES.get(meta["scale"], SCALES["1-5"])
    scale = Scale(base.low, base.high, tuple(meta.get("top_points") or base.top_points))
    return SurveyInfo(meta["name"], scale, meta.get("file_name", ""), *counts)


def latest_import_report(workspace: Workspace) -> dict[str, Any] | None:
    row = workspace.cursor().execute(query("store", "latest_import")).fetchone()
    return json.loads(row[6]) if row else None


def latest_source_file(workspace: Workspace) -> tuple[str, bytes] | None:
    """The file behind the current survey, when it was stored with it."""
    row = workspace.cursor().execute(query("store", "latest_source_file")).fetchone()
    return (row[0], bytes(row[1])) if row else None
