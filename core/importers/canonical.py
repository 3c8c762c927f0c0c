"""The three canonical layouts (README "Accepted input"):

a. a workbook with sheets ``job_map`` (step_order, step, outcome_id, statement) and
   ``responses`` (respondent_id, attributes…, ``imp_<outcome_id>``, ``sat_<outcome_id>``),
   optionally ``competitors`` (respondent_id, outcome_id, competitor, satisfaction);
b. the ``responses`` table alone (.csv or one sheet of a workbook);
c. a long table: respondent_id, outcome_id, importance, satisfaction, optional statement,
   step and step_order; any other column is a respondent attribute.

Sheet and column names match case-insensitively, ignoring surrounding spaces.
"""

from __future__ import annotations

import re

from core.importers.draft import (
    IMPORTANCE,
    SATISFACTION,
    CompetitorRows,
    Draft,
    LongRatings,
    OutcomeDecl,
    RatingColumn,
)
from core.importers.headers import find_column, header_key, header_text
from core.importers.reading import SourceFile, Table
from core.report import ValidationReport

RESPONDENT_ID = ("respondent_id", "respondentid", "respondent", "response_id", "responseid", "id")
RATING_PREFIX = re.compile(r"^\s*(imp|importance|sat|satisfaction)\s*[_:.\- ]\s*(.+?)\s*$", re.IGNORECASE)
JOB_MAP_SHEETS = ("job_map", "job map", "jobmap")
RESPONSES_SHEET = "responses"
COMPETITORS_SHEET = "competitors"
LONG_OUTCOME = ("outcome_id", "outcome")
LONG_IMPORTANCE = ("importance", "imp")
LONG_SATISFACTION = ("satisfaction", "sat")
LONG_OPTIONAL = ("statement", "outcome_statement", "step", "step_name", "step_order", "order")

ACCEPTED_LAYOUTS = (
    "a workbook with sheets 'job_map' (step_order, step, outcome_id, statement) and 'responses' "
    "(respondent_id, attribute columns, imp_<outcome_id> and sat_<outcome_id> columns); "
    "the 'responses' table alone as .csv or .xlsx; "
    "or a long table with columns respondent_id, outcome_id, importance, satisfaction"
)


def _cell_text(value: object) -> str:
    return header_text(value) if value not in (None, "") else ""


def _nonempty_rows(table: Table) -> list[list[object]]:
    return [row for row in table.rows if any(cell not in ("", None) for cell in row)]


def _split(table: Table) -> tuple[list[str], list[list[object]]]:
    rows = _nonempty_rows(table)
    if not rows:
        return [], []
    return [_cell_text(h) for h in rows[0]], rows[1:]


def rating_header(header: str) -> tuple[str, str] | None:
    """``imp_O1`` → (importance, "O1"); ``Satisfaction: O2`` → (satisfaction, "O2")."""
    match = RATING_PREFIX.match(header or "")
    if not match:
        return None
    measure = IMPORTANCE if match.group(1).lower().startswith("imp") else SATISFACTION
    return measure, match.group(2)


def is_wide_header(headers: list[str]) -> bool:
    return sum(rating_header(h) is not None for h in headers) >= 1


def is_long_header(headers: list[str]) -> bool:
    return (
        find_column(headers, *RESPONDENT_ID) is not None
        and find_column(headers, *LONG_OUTCOME) is not None
        and (find_column(headers, *LONG_IMPORTANCE) is not None or find_column(headers, *LONG_SATISFACTION) is not None)
    )


def detect(source: SourceFile) -> str | None:
    """Which canonical layout the file holds, or None."""
    if source.table(RESPONSES_SHEET) is not None and any(source.table(n) for n in JOB_MAP_SHEETS):
        return "canonical workbook"
    for table in source.tables:
        headers, _ = _split(table)
        if is_wide_header(headers):
            return "canonical responses table"
    for table in source.tables:
        headers, _ = _split(table)
        if is_long_header(headers):
            return "canonical long table"
    return None


def parse(source: SourceFile, layout: str, report: ValidationReport) -> Draft | None:
    if layout == "canonical workbook":
        return _parse_workbook(source, report)
    if layout == "canonical responses table":
        table = source.table(RESPONSES_SHEET) or next(t for t in source.tables if is_wide_header(_split(t)[0]))
        return _parse_wide(table, report, layout)
    table = next(t for t in source.tables if is_long_header(_split(t)[0]))
    return _parse_long(table, report)


def _columns(rows: list[list[object]], width: int) -> list[list[object]]:
    """Transpose rows into columns, padding short rows."""
    padded = [row + [""] * (width - len(row)) if len(row) < width else row for row in rows]
    return [list(col) for col in zip(*padded, strict=False)] if padded else [[] for _ in range(width)]


def _parse_wide(table: Table, report: ValidationReport, layout: str) -> Draft:
    headers, rows = _split(table)
    columns = _columns(rows, len(headers))
    id_index = find_column(headers, *RESPONDENT_ID)
    draft = Draft(
        layout=layout,
        sheet=table.name,
        n_rows=len(rows),
        respondent_ids=columns[id_index] if id_index is not None else None,
        id_header=headers[id_index] if id_index is not None else None,
    )
    for index, header in enumerate(headers):
        if index == id_index:
            continue
        rating = rating_header(header)
        if rating is not None:
            measure, outcome_id = rating
            draft.wide.append(RatingColumn(header, outcome_id, measure, columns[index]))
        elif header or any(v not in ("", None) for v in columns[index]):
            draft.attributes.append((header or f"column {index + 1}", columns[index]))
    return draft


def _parse_job_map(table: Table, report: ValidationReport) -> list[OutcomeDecl]:
    headers, rows = _split(table)
    where = f"sheet '{table.name}'"
    outcome_i = find_column(headers, "outcome_id", "outcome", "id")
    statement_i = find_column(headers, "statement", "outcome_statement", "desired_outcome", "outcome_text", "text")
    step_i = find_column(headers, "step", "step_name", "job_step")
    order_i = find_column(headers, "step_order", "order", "step_number", "step_no")
    description_i = find_column(headers, "step_description", "description")
    if outcome_i is None:
        report.error(
            "The job map has no outcome_id column.",
            where,
            "Add a column 'outcome_id' whose values match the imp_<outcome_id>/sat_<outcome_id> columns of 'responses'.",
        )
        return []
    if statement_i is None:
        report.warn("The job map has no statement column; outcome ids are used as statements.", where,
                    "Add a column 'statement' with each desired-outcome statement.")
    if step_i is None:
        report.warn("The job map has no step column; all outcomes go to one step, 'Unassigned'.", where,
                    "Add a column 'step' naming each outcome's job step, or arrange them on the Job map page.")

    def cell(row: list[object], index: int | None) -> str:
        return _cell_text(row[index]) if index is not None and index < len(row) else ""

    declared = []
    for row in rows:
        outcome_id = cell(row, outcome_i)
        if not outcome_id:
            continue
        order_text = cell(row, order_i)
        try:
            order = float(order_text) if order_text else None
        except ValueError:
            order = None
        declared.append(
            OutcomeDecl(outcome_id, cell(row, statement_i), cell(row, step_i) or None, order, cell(row, description_i) or None)
        )
    skipped = sum(1 for row in rows if not cell(row, outcome_i))
    if skipped:
        report.warn(f"{skipped} job-map rows have no outcome_id and were skipped.", where, "Give each outcome row an outcome_id.")
    return declared


def _parse_competitors(table: Table, report: ValidationReport) -> CompetitorRows | None:
    headers, rows = _split(table)
    where = f"sheet '{table.name}'"
    indices = [find_column(headers, *RESPONDENT_ID), find_column(headers, *LONG_OUTCOME),
               find_column(headers, "competitor", "solution", "product"), find_column(headers, *LONG_SATISFACTION)]
    if any(i is None for i in indices):
        report.warn(
            "The competitors sheet was ignored: it needs columns respondent_id, outcome_id, competitor, satisfaction.",
            where, "Rename its columns, or delete the sheet if it is not competitor ratings.",
        )
        return None
    columns = _columns(rows, len(headers))
    rid, oid, comp, sat = (columns[i] for i in indices)  # type: ignore[index]
    return CompetitorRows(table.name, rid, oid, comp, sat, headers[indices[3]])  # type: ignore[index]


def _parse_workbook(source: SourceFile, report: ValidationReport) -> Draft:
    responses = source.table(RESPONSES_SHEET)
    job_map_table = next(t for n in JOB_MAP_SHEETS if (t := source.table(n)) is not None)
    assert responses is not None
    draft = _parse_wide(responses, report, "canonical workbook")
    draft.job_map = _parse_job_map(job_map_table, report)
    competitors = source.table(COMPETITORS_SHEET)
    if competitors is not None and _nonempty_rows(competitors):
        draft.competitors = _parse_competitors(competitors, report)
    return draft


def _parse_long(table: Table, report: ValidationReport) -> Draft:
    headers, rows = _split(table)
    columns = _columns(rows, len(headers))
    id_i = find_column(headers, *RESPONDENT_ID)
    outcome_i = find_column(headers, *LONG_OUTCOME)
    imp_i = find_column(headers, *LONG_IMPORTANCE)
    sat_i = find_column(headers, *LONG_SATISFACTION)
    statement_i = find_column(headers, "statement", "outcome_statement")
    step_i = find_column(headers, "step", "step_name")
    order_i = find_column(headers, "step_order", "order")
    blank = [""] * len(rows)
    long = LongRatings(
        columns[id_i],  # type: ignore[index]
        columns[outcome_i],  # type: ignore[index]
        columns[imp_i] if imp_i is not None else blank,
        columns[sat_i] if sat_i is not None else blank,
        headers[imp_i] if imp_i is not None else IMPORTANCE,
        headers[sat_i] if sat_i is not None else SATISFACTION,
    )
    draft = Draft("canonical long table", table.name, len(rows), columns[id_i], headers[id_i], long=long)  # type: ignore[index]
    used = {id_i, outcome_i, imp_i, sat_i, statement_i, step_i, order_i}
    draft.attributes = [
        (header or f"column {i + 1}", columns[i])
        for i, header in enumerate(headers)
        if i not in used and (header or any(v not in ("", None) for v in columns[i]))
    ]
    if statement_i is not None or step_i is not None:
        draft.job_map = _long_job_map(columns, outcome_i, statement_i, step_i, order_i)  # type: ignore[arg-type]
    return draft


def _long_job_map(columns: list[list[object]], outcome_i: int, statement_i: int | None,
                  step_i: int | None, order_i: int | None) -> list[OutcomeDecl]:
    seen: dict[str, OutcomeDecl] = {}
    for row, raw_id in enumerate(columns[outcome_i]):
        outcome_id = _cell_text(raw_id)
        if not outcome_id or outcome_id in seen:
            continue
        order_text = _cell_text(columns[order_i][row]) if order_i is not None else ""
        try:
            order = float(order_text) if order_text else None
        except ValueError:
            order = None
        seen[outcome_id] = OutcomeDecl(
            outcome_id,
            _cell_text(columns[statement_i][row]) if statement_i is not None else "",
            (_cell_text(columns[step_i][row]) or None) if step_i is not None else None,
            order,
        )
    return list(seen.values())


__all__ = ["ACCEPTED_LAYOUTS", "detect", "parse", "rating_header", "header_key"]
