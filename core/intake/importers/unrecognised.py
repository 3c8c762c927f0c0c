"""What to say about a file whose layout is not recognised: what was seen, and what to do.

The message names the file kind (a CSV file, an .xlsx workbook and its sheets), what its first
row holds, the survey platform it most resembles (by how many of the platform's metadata
headers it has), and the nearest accepted layout with the one change that would make it work
— never a bare "not recognised".
"""

from __future__ import annotations

import re

from core.intake.importers.platforms.table import first_rows, header_keys
from core.intake.importers.reading import SourceFile
from core.intake.importers.wording import header_marker, measure_in
from core.wording import agree, plural

# the metadata headers each platform writes (docs/FORMATS.md), to name the one a file most resembles
RESEMBLES = {
    "Qualtrics": {"startdate", "enddate", "status", "progress", "finished", "recordeddate", "responseid"},
    "SurveyMonkey": {"respondent id", "collector id", "start date", "end date", "ip address", "custom data 1"},
    "Google Forms": {"timestamp", "email address", "username", "score"},
    "Microsoft Forms": {"id", "start time", "completion time", "email", "name", "last modified time"},
    "Typeform": {"#", "start date (utc)", "submit date (utc)", "network id", "response type"},
    "Alchemer": {"response id", "time started", "date submitted", "status", "contact id", "sessionid"},
    "LimeSurvey": {"id", "submitdate", "lastpage", "startlanguage", "seed", "datestamp"},
}
PLATFORM_FIX = {
    "Qualtrics": "upload the export as Qualtrics wrote it: three header rows (export tags, question text, "
    "ImportIds), in the current format, not the legacy V1, V2 … one",
    "SurveyMonkey": "upload the export as SurveyMonkey wrote it: its two header rows (question, then answer "
    "option) with the Respondent ID column",
    "Google Forms": "upload the responses as Forms downloads them, with the Timestamp column first",
    "Microsoft Forms": "upload the .xlsx as Forms wrote it, with its ID, Start time and Completion time columns",
    "Typeform": "upload the export as Typeform wrote it, with its '#' column first",
    "Alchemer": "upload the export as Alchemer wrote it, with its Response ID and Status columns",
    "LimeSurvey": "upload the export as LimeSurvey wrote it, with its id, submitdate, lastpage and "
    "startlanguage columns",
}
_LEGACY = re.compile(r"^v\d+$", re.I)


def _kind(source: SourceFile) -> str:
    if source.kind == "csv":
        return "a CSV (text) file"
    names = ", ".join(f"'{t.name}'" for t in source.tables) or "none"
    return f"an .{source.kind} workbook (sheets: {names})"


def _headers(source: SourceFile) -> list[str]:
    return next((rows[0] for _, rows in first_rows(source, 1)), [])


def resembles(source: SourceFile) -> tuple[str, list[str]] | None:
    """The platform whose metadata headers the file's first three rows share most (at least two), and those headers."""
    best: tuple[str, list[str]] | None = None
    for _, rows in first_rows(source, 3):
        cells = set().union(*(header_keys(r) for r in rows))
        for platform, signature in RESEMBLES.items():
            found = sorted(signature & cells)
            if len(found) >= 2 and (best is None or len(found) > len(best[1])):
                best = (platform, found)
        break
    return best


def _measure_counts(headers: list[str]) -> tuple[int, int]:
    importance = satisfaction = 0
    for header in headers:
        marker = header_marker(header)
        measure = marker[0] if marker else measure_in(header)
        importance += measure == "importance"
        satisfaction += measure == "satisfaction"
    return importance, satisfaction


def _nearest(headers: list[str]) -> str:
    """The nearest accepted layout and the one change that would make this file fit it."""
    importance, satisfaction = _measure_counts(headers)
    if importance or satisfaction:
        return (
            f"{plural(importance, 'column header')} {agree(importance, 'names', 'name')} importance and "
            f"{satisfaction:,} {agree(satisfaction, 'names', 'name')} satisfaction, but not in a form "
            "the responses table reads: rename them imp_<id> and sat_<id> (one <id> per outcome, the same for "
            "both), or map them on the column-mapping screen"
        )
    lowered = {h.lower() for h in headers}
    if lowered & {"outcome", "outcome_id", "need", "statement"}:
        return (
            "It looks like a long table (one row per respondent and outcome): name its columns respondent_id, "
            "outcome_id, importance and satisfaction"
        )
    return (
        "The nearest accepted layout is the responses table: one row per respondent, a respondent_id column, "
        "and for each outcome a column imp_<id> (importance) and sat_<id> (satisfaction); rename the rating "
        "columns so, or map them on the column-mapping screen"
    )


def _legacy_qualtrics(headers: list[str]) -> bool:
    legacy = sum(bool(_LEGACY.match(h)) for h in headers)
    return legacy >= 3 and legacy >= len(headers) / 2


def _legacy_missing(source: SourceFile) -> list[str]:
    """The metadata names the legacy Qualtrics reader needs in row 2 that this file's row 2 lacks."""
    second = next((rows[1] for _, rows in first_rows(source, 2) if len(rows) > 1), [])
    keys = header_keys(second)
    return [name for key, name in (("responseid", "ResponseID"), ("startdate", "StartDate")) if key not in keys]


def _title_rows(source: SourceFile) -> int:
    """How many short rows (a title) stand above a row that resembles a platform's header; 0 when none."""
    for _, rows in first_rows(source, 3):
        for position, row in enumerate(rows[1:], 1):
            keys = header_keys(row)
            resembling = any(len(signature & keys) >= 3 for signature in RESEMBLES.values())
            if resembling and all(len([c for c in r if c]) <= 2 for r in rows[:position]):
                return position
        break
    return 0


def not_recognised(source: SourceFile, accepted: str, platforms: str) -> tuple[str, str]:
    """(message, fix) for a file no layout matches."""
    headers = [h for h in _headers(source) if h]
    more = f" and {len(headers) - 6} more" if len(headers) > 6 else ""
    shown = ", ".join(f"'{h[:40]}'" for h in headers[:6]) + more
    text = (
        f"The layout of this file was not recognised: {_kind(source)} whose first row has "
        f"{plural(len(headers), 'header')} ({shown or 'none'})."
    )
    platform = resembles(source)
    titles = _title_rows(source)
    if _legacy_qualtrics(headers):
        missing = _legacy_missing(source)
        text += " It resembles a legacy Qualtrics export (V1, V2, … in the first row)"
        text += f", but its second row lacks {' and '.join(missing)}." if missing else "."
        fix = (
            "Legacy Qualtrics exports are read when their second row holds Qualtrics's metadata names "
            "(ResponseID, StartDate, …) above the question texts: upload the file as Qualtrics wrote it, or "
            "export the survey again from Qualtrics in the current CSV format (three header rows), or map its "
            "columns on the column-mapping screen."
        )
    elif platform is not None:
        name, found = platform
        text += f" It most resembles a {name} export ({', '.join(found)})"
        if titles:
            text += f", with {plural(titles, 'title row')} above its header."
            fix = f"Delete the {agree(titles, 'row', 'rows')} above the header and upload it again."
        else:
            text += f", but its header rows are not where {name} writes them."
            advice = PLATFORM_FIX[name]
            fix = f"{advice[:1].upper()}{advice[1:]}; or map its columns on the column-mapping screen."
    else:
        fix = f"{_nearest(headers)}."
    return text, f"{fix} The accepted layouts: {accepted}; or an export from {platforms}."
