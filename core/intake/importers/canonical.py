"""The three canonical layouts (README "Accepted input"):

a. a workbook with sheets ``job_map`` (step_order, step, outcome_id, statement) and
   ``responses`` (respondent_id, attributes…, ``imp_<outcome_id>``, ``sat_<outcome_id>``),
   optionally ``competitors`` (respondent_id, outcome_id, competitor, satisfaction);
b. the ``responses`` table alone (.csv or one sheet of a workbook);
c. a long table: respondent_id, outcome_id, importance, satisfaction, optional statement,
   step and step_order; any other column is a respondent attribute when it holds one value per
   respondent (a per-outcome column is the step or is ignored: :mod:`core.intake.importers.long_form`).

Sheet and column names match case-insensitively, ignoring surrounding spaces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter

import numpy as np

from core.intake.importers.coded import Coded
from core.intake.importers.draft import (
    IMPORTANCE,
    SATISFACTION,
    UNASSIGNED_STEP,
    Cells,
    CompetitorRows,
    Draft,
    LongRatings,
    OutcomeDecl,
    RatingColumn,
)
from core.intake.importers.headers import find_column, header_key, header_text, order_number
from core.intake.importers.long_form import long_job_map
from core.intake.importers.reading import SourceFile, Table, has_value
from core.intake.ratings import ParsedColumn, parse_block
from core.intake.report import ValidationReport

RESPONDENT_ID = ("respondent_id", "respondentid", "respondent", "response_id", "responseid", "id")
RATING_PREFIX = re.compile(r"^\s*(imp|importance|sat|satisfaction)\s*[_:.\- ]\s*(.+?)\s*$", re.IGNORECASE)
JOB_MAP_SHEETS = ("job_map", "job map", "jobmap")
RESPONSES_SHEET = "responses"
COMPETITORS_SHEET = "competitors"
LONG_OUTCOME = ("outcome_id", "outcome")
LONG_IMPORTANCE = ("importance", "imp")
LONG_SATISFACTION = ("satisfaction", "sat")

ACCEPTED_LAYOUTS = (
    "a workbook with sheets 'job_map' (step_order, step, outcome_id, statement) and 'responses' "
    "(respondent_id, attribute columns, imp_<outcome_id> and sat_<outcome_id> columns); "
    "the 'responses' table alone as .csv, .xlsx or .parquet; "
    "or a long table (.csv, .xlsx or .parquet) with columns respondent_id, outcome_id, importance, satisfaction"
)


def _cell_text(value: object) -> str:
    return header_text(value) if value not in (None, "") else ""


@dataclass
class _Grid:
    """A table split into its header (the first non-empty row) and its non-empty data rows."""

    headers: list[str]
    rows: list[list[object]]
    row_numbers: list[int]  # spreadsheet row number of each data row

    def matrix(self) -> np.ndarray:
        """The data rows as one object array (rows × headers), short rows padded with ""."""
        width = len(self.headers)
        if self.rows and all(len(row) == width for row in self.rows):
            return np.array(self.rows, dtype=object)
        grid = np.full((len(self.rows), width), "", dtype=object)
        for i, row in enumerate(self.rows):
            grid[i, : min(len(row), width)] = row[:width]
        return grid

    def columns(self) -> list[np.ndarray]:
        """The data rows transposed: one object array per header, short rows padded with ""."""
        return list(self.matrix().T)


def _filled(rows: list[list[object]]) -> np.ndarray:
    """Whether each row holds a value (:func:`has_value`) in any cell.

    Decided on the first cell for every row whose first cell holds one — a column of ids, read as
    codes into its distinct values, so Python looks at each distinct id once, not at each row
    (a competitors sheet has one row per respondent × outcome × solution). Only the rows whose
    first cell is blank are looked at cell by cell.
    """
    if not rows:
        return np.zeros(0, dtype=bool)
    firsts = np.empty(len(rows), dtype=object)
    firsts[:] = list(map(itemgetter(0), rows)) if all(rows) else [row[0] if row else None for row in rows]
    first = Coded.of(firsts)
    filled = np.append([has_value(u) for u in first.uniques], False).astype(bool)[first.codes]
    for index in np.flatnonzero(~filled):
        filled[index] = any(has_value(c) for c in rows[index])
    return filled


def _headers(table: Table) -> list[str]:
    """The headers of a table: its first row that holds a value ([] when none does)."""
    header = next((row for row in table.rows if any(has_value(c) for c in row)), None)
    return [] if header is None else [_cell_text(h) for h in header]


def _split(table: Table) -> _Grid:
    rows = table.rows
    numbered = np.flatnonzero(_filled(rows))
    if not len(numbered):
        return _Grid([], [], [])
    header, data = numbered[0], numbered[1:]
    contiguous = len(data) == len(rows) - header - 1  # no blank row after the header: a slice, no loop
    kept = rows[header + 1 :] if contiguous else [rows[i] for i in data]
    return _Grid([_cell_text(h) for h in rows[header]], kept, (data + 1).tolist())


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


def _first_table(source: SourceFile, accepts: Callable[[list[str]], bool]) -> Table | None:
    """The first sheet whose headers ``accepts``, looking at a visible 'responses' sheet first,
    then the visible sheets, then the hidden ones (the order of ``source.tables``)."""
    preferred = source.table(RESPONSES_SHEET)
    if preferred is not None and preferred.hidden:
        preferred = None
    ordered = ([preferred] if preferred is not None else []) + [t for t in source.tables if t is not preferred]
    return next((t for t in ordered if accepts(_headers(t))), None)


def _is_workbook(source: SourceFile) -> bool:
    """A 'responses' and a job-map sheet; a hidden 'responses' only when no visible sheet holds responses."""
    responses = source.table(RESPONSES_SHEET)
    if responses is None or not any(source.table(n) for n in JOB_MAP_SHEETS):
        return False
    if not responses.hidden:
        return True
    found = _first_table(source, lambda headers: is_wide_header(headers) or is_long_header(headers))
    return found is None or found.hidden


def detect(source: SourceFile) -> str | None:
    """Which canonical layout the file holds, or None."""
    if _is_workbook(source):
        return "canonical workbook"
    if _first_table(source, is_wide_header) is not None:
        return "canonical responses table"
    if _first_table(source, is_long_header) is not None:
        return "canonical long table"
    return None


def parse(source: SourceFile, layout: str, report: ValidationReport) -> Draft | None:
    if layout == "canonical workbook":
        return _parse_workbook(source, report)
    if layout == "canonical responses table":
        return _parse_wide(source, _first_table(source, is_wide_header), layout)  # type: ignore[arg-type]
    return _parse_long(source, _first_table(source, is_long_header))  # type: ignore[arg-type]


def _parse_wide(source: SourceFile, table: Table, layout: str) -> Draft:
    grid = _split(table)
    matrix = grid.matrix()
    ratings = _rating_columns(grid.headers)
    indices = [index for index, _ in ratings]
    # the rating cells read in row order, all at once (parse_block)
    parsed = parse_block(matrix[:, indices]) if ratings and len(matrix) else [None] * len(ratings)
    where = source.where(table)
    return wide_draft(grid.headers, list(matrix.T), table.name, where, grid.row_numbers, parsed, layout)


def _rating_columns(headers: list[str]) -> list[tuple[int, tuple[str, str]]]:
    """(index, (measure, outcome_id)) of each rating column, in order; the id column is none."""
    id_index = find_column(headers, *RESPONDENT_ID)
    found = [(index, rating_header(header) if index != id_index else None) for index, header in enumerate(headers)]
    return [(index, rating) for index, rating in found if rating is not None]


def wide_draft(
    headers: list[str],
    columns: Sequence[Cells | Coded],
    sheet: str,
    where: str,
    row_numbers: Sequence[int] | np.ndarray,
    parsed: Sequence[ParsedColumn | None] | None = None,
    layout: str = "canonical responses table",
) -> Draft:
    """The draft of a responses table from its header and columns: the one builder of a wide
    draft, for the general reader's cell columns (with their rating columns ``parsed`` as one
    block) and the columnar reader's coded ones (:mod:`core.intake.importers.columnar_input`),
    whose rating columns are parsed once per distinct value (:meth:`Coded.parsed`)."""
    ratings = _rating_columns(headers)
    if parsed is None:
        parsed = [Coded.of(columns[index]).parsed() for index, _ in ratings]

    def cells(column: Cells | Coded) -> Cells:
        return column.values() if isinstance(column, Coded) else column

    id_index = find_column(headers, *RESPONDENT_ID)
    draft = Draft(
        layout=layout,
        sheet=sheet,
        where=where,
        row_numbers=row_numbers,
        respondent_ids=cells(columns[id_index]) if id_index is not None else None,
        id_header=headers[id_index] if id_index is not None else None,
    )
    for (index, (measure, outcome_id)), parsed_column in zip(ratings, parsed, strict=True):
        draft.wide.append(RatingColumn(headers[index], outcome_id, measure, columns[index], parsed=parsed_column))
    used = {id_index, *(index for index, _ in ratings)}
    draft.attributes = [(name, cells(columns[index])) for name, index in _other_columns(headers, columns, used)]
    return draft


def _parse_job_map(table: Table, report: ValidationReport) -> list[OutcomeDecl]:
    grid = _split(table)
    headers = grid.headers
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
            "Add a column 'outcome_id' whose values match the imp_<outcome_id> and sat_<outcome_id> columns "
            "of the responses sheet.",
        )
        return []
    if statement_i is None:
        report.warn(
            "The job map has no statement column; outcome ids are used as statements.",
            where,
            "Add a column 'statement' with each desired-outcome statement.",
        )
    if step_i is None:
        report.warn(
            "The job map has no step column; all outcomes go to one step, 'Unassigned'.",
            where,
            "Add a column 'step' naming each outcome's job step, or arrange them on the Job map page.",
        )

    def cell(row: list[object], index: int | None) -> str:
        return _cell_text(row[index]) if index is not None and index < len(row) else ""

    declared = []
    skipped = []
    for number, row in zip(grid.row_numbers, grid.rows, strict=True):
        outcome_id = cell(row, outcome_i)
        if not outcome_id:
            skipped.append(str(number))
            continue
        declared.append(
            OutcomeDecl(
                outcome_id,
                cell(row, statement_i),
                cell(row, step_i) or None,
                order_number(cell(row, order_i)),
                cell(row, description_i) or None,
            )
        )
    if skipped:
        report.warn(
            f"{len(skipped)} job-map rows have no outcome_id and were skipped (rows {', '.join(skipped[:5])}).",
            where,
            "Give each outcome row an outcome_id.",
        )
    return declared


def _parse_competitors(table: Table, report: ValidationReport) -> CompetitorRows | None:
    grid = _split(table)
    indices = [
        find_column(grid.headers, *RESPONDENT_ID),
        find_column(grid.headers, *LONG_OUTCOME),
        find_column(grid.headers, "competitor", "solution", "product"),
        find_column(grid.headers, *LONG_SATISFACTION),
    ]
    if any(i is None for i in indices):
        report.warn(
            "The competitors sheet was ignored: it needs columns respondent_id, outcome_id, competitor, satisfaction.",
            f"sheet '{table.name}'",
            "Rename its columns, or delete the sheet if it is not competitor ratings.",
        )
        return None
    columns = grid.columns()
    rid, oid, comp, sat = (columns[i] for i in indices)  # type: ignore[index]
    return CompetitorRows(table.name, rid, oid, comp, sat, grid.headers[indices[3]], grid.row_numbers)  # type: ignore[index]


def _parse_workbook(source: SourceFile, report: ValidationReport) -> Draft:
    responses = source.table(RESPONSES_SHEET)
    job_map_table = next(t for n in JOB_MAP_SHEETS if (t := source.table(n)) is not None)
    assert responses is not None
    draft = _parse_wide(source, responses, "canonical workbook")
    draft.job_map_where = f"sheet '{job_map_table.name}'"
    if _headers(job_map_table):
        draft.job_map = _parse_job_map(job_map_table, report)
    else:
        report.warn(
            f"The job map is empty; all outcomes go to one step, '{UNASSIGNED_STEP}', with their ids as statements.",
            draft.job_map_where,
            "Fill in the job map (step_order, step, outcome_id, statement), or delete the sheet.",
        )
    competitors = source.table(COMPETITORS_SHEET)
    if competitors is not None and _headers(competitors):
        draft.competitors = _parse_competitors(competitors, report)
    return draft


def _parse_long(source: SourceFile, table: Table) -> Draft:
    grid = _split(table)
    return long_draft(grid.headers, grid.columns(), table.name, source.where(table), grid.row_numbers)


def long_draft(
    headers: list[str],
    columns: Sequence[Cells | Coded],
    sheet: str,
    where: str,
    row_numbers: Sequence[int] | np.ndarray,
) -> Draft:
    """The draft of a long table from its header and columns: the one builder of :class:`LongRatings`,
    for the general reader's cell columns and the columnar reader's coded ones
    (:mod:`core.intake.importers.columnar_input`); a column the table lacks is blank."""
    id_i = find_column(headers, *RESPONDENT_ID)
    outcome_i = find_column(headers, *LONG_OUTCOME)
    imp_i = find_column(headers, *LONG_IMPORTANCE)
    sat_i = find_column(headers, *LONG_SATISFACTION)
    statement_i = find_column(headers, "statement", "outcome_statement")
    step_i = find_column(headers, "step", "step_name")
    order_i = find_column(headers, "step_order", "order")
    assert id_i is not None and outcome_i is not None  # is_long_header
    blank = Coded(np.zeros(len(row_numbers), dtype=np.int32), np.array([""], dtype=object))

    def column(index: int | None) -> Cells | Coded:
        return columns[index] if index is not None else blank

    def header(index: int | None) -> str | None:
        return headers[index] if index is not None else None

    long = LongRatings(
        columns[id_i], columns[outcome_i], column(imp_i), column(sat_i), header(imp_i), header(sat_i), header(step_i)
    )
    draft = Draft(
        "canonical long table", sheet, where, row_numbers, columns[id_i], headers[id_i], long=long, job_map_where=where
    )
    used = {id_i, outcome_i, imp_i, sat_i, statement_i, step_i, order_i}
    draft.attributes = [(name, columns[index]) for name, index in _other_columns(headers, columns, used)]
    if statement_i is not None or step_i is not None:
        draft.job_map = long_job_map(columns[outcome_i], column(statement_i), column(step_i), column(order_i))
    return draft


def _other_columns(
    headers: list[str], columns: Sequence[Cells | Coded], used: set[int | None]
) -> list[tuple[str, int]]:
    """(name, index) of each column not in ``used`` that has a header or a value (the respondent
    attributes); a blank header becomes 'column N'."""
    return [
        (header or f"column {index + 1}", index)
        for index, header in enumerate(headers)
        if index not in used and (header or _holds_value(columns[index]))
    ]


def _holds_value(column: Cells | Coded) -> bool:
    return any(has_value(v) for v in (column.uniques if isinstance(column, Coded) else column))


__all__ = ["ACCEPTED_LAYOUTS", "detect", "header_key", "long_draft", "parse", "rating_header", "wide_draft"]
