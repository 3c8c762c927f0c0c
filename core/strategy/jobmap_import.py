"""Reading a job-map file onto an existing survey: which of its outcomes go to which step.

A platform export usually lands every outcome in one step "Unassigned"; a job-map file puts
them in steps. :func:`read_jobmap_file` only reads and matches (nothing is written);
:func:`core.strategy.jobmap_bulk.apply_jobmap_plan` applies the result in one transaction.

**The file**: .xlsx (the sheet ``job_map``/``job map``, else the first sheet whose header has a
step column) or .csv/.tsv, one row per outcome. Columns, matched ignoring case, spaces,
underscores and hyphens (aliases in ``COLUMNS``):

* ``step`` (required): the step's name;
* ``outcome_id`` and/or ``statement`` (at least one);
* ``step_order`` and ``description`` (optional): the steps' order and a step description.

**Matching**: a row whose ``outcome_id`` is one of the survey's (case-insensitive) is that
outcome; otherwise its statement is compared with the survey's, ignoring case and runs of
spaces. An outcome named by two rows takes the first row's step; the later rows are reported.
Rows that match no outcome, rows without a step, and outcomes the file does not name are
reported by count and name; outcomes the file does not name keep their step.

**Steps** are created in the order the file first names them, or, when ``step_order`` is given,
by the lowest order a step's rows give (ties in file order). A step's description is the first
non-blank one of its rows.

**Refused** (:class:`JobMapFileError`, nothing applied): an unreadable or empty file, no step
column, neither an outcome id nor a statement column, no data rows, a step order that is not a
whole number, and a file none of whose rows matches an outcome of the survey.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from core.intake.importers.reading import SourceFile, Table, UnreadableFile, has_value, read_source
from core.intake.importers.spreadsheet_limits import refusal_after_abort
from core.intake.isolation import ReadAborted, run_bounded
from core.wording import plural

COLUMNS = {
    "step": ("step", "jobstep", "stepname"),
    "outcome_id": ("outcomeid", "id", "needid"),
    "statement": ("statement", "outcomestatement", "outcome", "desiredoutcome", "outcometext", "need"),
    "step_order": ("steporder", "order", "stepnumber", "stepno", "stepnr"),
    "description": ("description", "stepdescription"),
}
SHEET_NAMES = ("job_map", "job map", "jobmap")
SHOWN = 60  # characters of a statement in a report line
LAYOUT = (
    "A job-map file has one row per outcome with the columns step and outcome_id (or statement); "
    "step_order and description are optional."
)


class JobMapFileError(ValueError):
    """A job-map file that cannot be applied; the message says what was seen and what to do."""


@dataclass(frozen=True)
class FileStep:
    name: str
    description: str | None


@dataclass(frozen=True)
class JobMapPlan:
    """What a job-map file asks for, matched against the survey's outcomes."""

    file_name: str
    steps: tuple[FileStep, ...]  # in their new order
    moves: tuple[tuple[str, str], ...]  # (outcome_id, step name), in file order
    unmatched_rows: tuple[str, ...]  # rows naming no outcome of the survey: "row 7: O99 “…”"
    duplicate_rows: tuple[str, ...]  # rows naming an outcome an earlier row named
    rows_without_step: tuple[str, ...]
    not_in_file: tuple[str, ...]  # the survey's outcomes the file does not name: "O12 “…”"


def _key(header: object) -> str:
    return re.sub(r"[\s_\-]+", "", str(header).strip().lower()) if has_value(header) else ""


def _cell(value: object) -> str | None:
    """A cell as trimmed text (a whole float as an integer); None when blank."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def statement_key(text: str) -> str:
    """How statements are compared: case-insensitive, runs of spaces as one."""
    return " ".join(text.split()).casefold()


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _columns(header: list[object]) -> dict[str, int]:
    keys = [_key(h) for h in header]
    found: dict[str, int] = {}
    for column, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in keys:
                found[column] = keys.index(alias)
                break
    return found


def _header_row(table: Table) -> int | None:
    return next((i for i, row in enumerate(table.rows) if any(has_value(c) for c in row)), None)


def _pick_table(source: SourceFile) -> Table:
    for name in SHEET_NAMES:
        if (table := source.table(name)) is not None:
            return table
    for table in sorted(source.tables, key=lambda t: t.hidden):
        start = _header_row(table)
        if start is not None and "step" in _columns(table.rows[start]):
            return table
    return source.tables[0]


def _read_table(content: bytes, file_name: str, *, channel: object) -> tuple[Table, str] | JobMapFileError:
    """Runs in the bounded child: the table of the file that holds the job map, and where it is."""
    try:
        source = read_source(content, file_name)
    except UnreadableFile as exc:
        return JobMapFileError(f"{exc.problem} {exc.fix}")
    table = _pick_table(source)
    return table, source.where(table)


def _open(content: bytes, file_name: str) -> tuple[Table, str]:
    """The file is read in a child process with a memory and time limit (issue 9.1), as a survey
    upload is: a workbook whose sheet lies about its size costs its uploader a message, never the
    server process (the limits check before the read cannot see such a lie)."""
    try:
        found = run_bounded(_read_table, content, file_name, what=f"Reading {file_name}")
    except ReadAborted as exc:
        if beyond := refusal_after_abort(exc, content, file_name):
            raise JobMapFileError(" ".join(beyond)) from None
        raise JobMapFileError(
            f"{exc.problem} Check that the file holds only the job map (no huge empty ranges, images or hidden "
            "sheets), or save it as CSV."
        ) from None
    if isinstance(found, JobMapFileError):
        raise found
    return found


def _order(value: object, row: int, where: str) -> float | None:
    text = _cell(value)
    if text is None:
        return None
    number = pd.to_numeric(text, errors="coerce")
    if pd.isna(number) or not float(number).is_integer():
        raise JobMapFileError(
            f"In {where}, row {row} has the step order “{_short(text)}”, which is not a whole number: "
            "write 1, 2, 3… or leave the cell empty."
        )
    return float(number)


def read_jobmap_file(content: bytes, file_name: str, outcomes: pd.DataFrame) -> JobMapPlan:
    """Read a job-map file and match its rows to ``outcomes`` (columns outcome_id, statement).

    Raises :class:`JobMapFileError` for the refusals listed in the module docstring.
    """
    table, where = _open(content, file_name)
    start = _header_row(table)
    header = table.rows[start] if start is not None else []
    columns = _columns(header)
    seen = ", ".join(f"“{_short(str(h))}”" for h in header if has_value(h)) or "none"
    if "step" not in columns:
        raise JobMapFileError(f"{where} has no step column (columns seen: {seen}). {LAYOUT}")
    if "outcome_id" not in columns and "statement" not in columns:
        raise JobMapFileError(
            f"{where} has a step column but neither an outcome_id nor a statement column (columns seen: {seen}). "
            f"{LAYOUT}"
        )
    assert start is not None  # without a header row there is no step column, refused above
    rows = [(start + 1 + i + 1, r) for i, r in enumerate(table.rows[start + 1 :]) if any(has_value(c) for c in r)]
    if not rows:
        raise JobMapFileError(f"{where} has a header but no rows: add one row per outcome. {LAYOUT}")
    by_id = {str(o).casefold(): str(o) for o in outcomes["outcome_id"]}
    by_statement: dict[str, str] = {}
    for oid, text in zip(outcomes["outcome_id"], outcomes["statement"], strict=True):
        by_statement.setdefault(statement_key(str(text)), str(oid))

    def get(row: list[object], column: str) -> object:
        index = columns.get(column)
        return row[index] if index is not None and index < len(row) else None

    steps: dict[str, tuple[str, str | None, float | None, int]] = {}  # key → (name, description, order, first)
    moves: dict[str, str] = {}
    unmatched, duplicates, without_step = [], [], []
    for number, row in rows:
        oid, statement, step = _cell(get(row, "outcome_id")), _cell(get(row, "statement")), _cell(get(row, "step"))
        named = " ".join(p for p in (oid, f"“{_short(statement)}”" if statement else None) if p)
        label = f"row {number}: {named or '(no outcome id or statement)'}"
        order = _order(get(row, "step_order"), number, where)
        if step is None:
            without_step.append(label)
            continue
        matched = by_id.get(oid.casefold()) if oid else None
        if matched is None and statement:
            matched = by_statement.get(statement_key(statement))
        if matched is None:
            unmatched.append(label)
            continue
        if matched in moves:
            duplicates.append(f"{label} (already placed in “{moves[matched]}”)")
            continue
        name, description, low, first = steps.get(step.casefold(), (step, None, None, len(steps)))
        description = description or _cell(get(row, "description"))
        low = order if low is None else (low if order is None else min(low, order))
        steps[step.casefold()] = (name, description, low, first)
        moves[matched] = name
    if not moves:
        examples = "; ".join((unmatched + without_step)[:3])
        raise JobMapFileError(
            f"None of the {len(rows)} rows of {where} matches an outcome of this survey by id or statement "
            f"(e.g. {examples}). Check that the file belongs to this survey and that its outcome ids or "
            "statements are the survey's."
        )
    ordered = sorted(steps.values(), key=lambda s: (s[2] is None, s[2] or 0, s[3]))
    statements = dict(zip(outcomes["outcome_id"].astype(str), outcomes["statement"], strict=True))
    missing = [f"{oid} “{_short(str(statements[oid]))}”" for oid in statements if oid not in moves]
    return JobMapPlan(
        file_name=file_name,
        steps=tuple(FileStep(name, description) for name, description, _, _ in ordered),
        moves=tuple(moves.items()),
        unmatched_rows=tuple(unmatched),
        duplicate_rows=tuple(duplicates),
        rows_without_step=tuple(without_step),
        not_in_file=tuple(missing),
    )


def plan_summary(plan: JobMapPlan) -> list[str]:
    """What the file held that was not applied, one sentence per kind (empty when all matched)."""
    kinds = (
        (
            plan.unmatched_rows,
            "row",
            "matches no outcome of this survey (by id or statement) and was skipped",
            "match no outcome of this survey (by id or statement) and were skipped",
        ),
        (plan.rows_without_step, "row", "has no step and was skipped", "have no step and were skipped"),
        (
            plan.duplicate_rows,
            "row",
            "names an outcome an earlier row placed (the first row was used)",
            "name outcomes an earlier row placed (the first row was used)",
        ),
        (
            plan.not_in_file,
            "outcome",
            "of the survey is not in the file and kept its step",
            "of the survey are not in the file and kept their step",
        ),
    )
    lines = []
    for items, noun, one, many in kinds:
        if items:
            shown = "; ".join(items[:10]) + (f"; … and {len(items) - 10} more" if len(items) > 10 else "")
            lines.append(f"{plural(len(items), f'{noun} {one}', f'{noun}s {many}')}: {shown}.")
    return lines
