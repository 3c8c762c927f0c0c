"""Measurements from pasted text or an uploaded CSV file (issue 14.4): parsing only, no writes.

Columns, by header (any case; the first row is a header when it names a date and a value
column): ``metric`` (its name or id; also *metric id*, *metric name*, *name*, *kpi*), ``date``
(also *measured on*, *day*), ``value`` (also *measurement*, *actual*, *result*) and ``note``
(also *notes*, *comment*). Without a header the columns are, in order, metric, date, value,
note — without the metric column when the paste goes into one metric. Other columns are
ignored, and the report says which. Separators: tab, semicolon or comma, whichever the first
line uses most. Numbers and dates: core.strategy.metric_values (decimal comma, ``%``, ISO and
common date formats).

Into one metric (``metric_id`` given), the metric column is optional; a row naming another
metric is skipped (a paste meant for all metrics went to the wrong place). Into all metrics,
each row names its metric.

Every row that cannot be read is skipped with a message naming its line (as the file numbers
its lines: the header is line 1) and what is wrong; blank lines are not rows. Two rows for the
same metric and day: the later one is kept and the earlier one reported (one value per metric
and day, as in the table). At most :data:`MAX_ROWS` rows per paste.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import pandas as pd

from core.strategy.metric_values import ValueProblem, parse_date, parse_number, slash_order

MAX_ROWS = 10_000
MAX_NOTE = 1000
HEADERS = {
    "metric": ("metric", "metric id", "metric_id", "metric name", "name", "kpi"),
    "date": ("date", "measured on", "measured_on", "day", "when"),
    "value": ("value", "measurement", "actual", "result", "values"),
    "note": ("note", "notes", "comment", "comments"),
}
COLUMNS = ["metric_id", "measured_on", "value", "note"]


class MeasurementFileError(ValueError):
    """The whole paste or file cannot be read (not text, too long); the message says why."""


@dataclass(frozen=True)
class ParsedMeasurements:
    """The rows read (metric_id, measured_on, value, note) and a sentence per row skipped."""

    rows: pd.DataFrame
    skipped: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    lines_read: int = 0


def decode(content: bytes, file_name: str = "the file") -> str:
    """The text of an uploaded file: UTF-8 (with or without BOM), else Windows-1252."""
    if b"\x00" in content[:4096]:
        raise MeasurementFileError(
            f"{file_name} is not a text file: save it as CSV (comma, semicolon or tab separated) and upload that."
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _key(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").split())


def _header(cells: list[str]) -> tuple[dict[str, int], list[str]] | None:
    """Column positions by role when ``cells`` is a header row, and the ignored headers; else None."""
    roles: dict[str, int] = {}
    ignored = []
    for position, cell in enumerate(cells):
        role = next((r for r, names in HEADERS.items() if _key(cell) in {_key(n) for n in names}), None)
        if role is not None and role not in roles:
            roles[role] = position
        elif cell.strip():
            ignored.append(cell.strip())
    return (roles, ignored) if "date" in roles and "value" in roles else None


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max(("\t", ";", ","), key=first.count) if any(d in first for d in "\t;,") else ","


def _cell(cells: list[str], position: int | None) -> str:
    return cells[position].strip() if position is not None and position < len(cells) else ""


def parse_measurements(text: str, names: dict[str, str], metric_id: str | None = None) -> ParsedMeasurements:
    """Read ``text`` (module docstring). ``names``: metric id and name (casefolded) → metric id."""
    delimiter = _delimiter(text)
    lines = [
        (number, cells)
        for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1)
        if any(c.strip() for c in cells)
    ]
    if not lines:
        raise MeasurementFileError("There is nothing to import: paste or upload rows of date, value (and note).")
    header = _header(lines[0][1])
    roles, ignored = header if header else ({}, [])
    body = lines[1:] if header else lines
    if len(body) > MAX_ROWS:
        raise MeasurementFileError(f"There are {len(body):,} rows; import at most {MAX_ROWS:,} at a time.")
    if not header:
        order = ["date", "value", "note"] if metric_id else ["metric", "date", "value", "note"]
        roles = {role: position for position, role in enumerate(order)}
    order_of_slashes = slash_order([_cell(c, roles.get("date")) for _, c in body])
    width = len(lines[0][1]) if header else len(roles)
    kept: dict[tuple[str, object], tuple[int, list]] = {}
    skipped: list[str] = []
    for number, cells in body:
        try:
            _split_decimal(cells, roles, width, delimiter)
            row = _row(cells, roles, names, metric_id, order_of_slashes)
        except ValueProblem as problem:
            skipped.append(f"Line {number}: {problem}")
            continue
        earlier = kept.pop((row[0], row[1]), None)
        if earlier is not None:
            skipped.append(f"Line {earlier[0]}: the same metric and date as line {number}, which is kept.")
        kept[(row[0], row[1])] = (number, row)
    kept_rows = [row for _, row in kept.values()]
    frame = pd.DataFrame({c: pd.Series([r[i] for r in kept_rows], dtype=object) for i, c in enumerate(COLUMNS)})
    frame["value"] = frame["value"].astype(float)
    skipped.sort(key=lambda s: int(s.split(":")[0].removeprefix("Line ")))
    return ParsedMeasurements(frame, skipped, ignored, len(body))


def _split_decimal(cells: list[str], roles: dict[str, int], width: int, delimiter: str) -> None:
    """Refuse a row that a decimal comma split in two (``12,5`` read as 12 and a note 5)."""
    if delimiter != ",":
        return
    value, after = _cell(cells, roles.get("value")), _cell(cells, roles.get("value", -2) + 1)
    extra = len([c for c in cells[width:] if c.strip()])
    if extra or (value.lstrip("+-").isdigit() and after.isdigit() and roles.get("note") == roles["value"] + 1):
        raise ValueProblem(
            f"the line has {len(cells)} cells for {width} columns (a decimal comma like {value},{after or '5'} in a "
            'comma-separated file?): quote the number ("12,5"), or separate the columns with semicolons or tabs.'
        )


def _row(cells: list[str], roles: dict[str, int], names: dict[str, str], metric_id: str | None, order) -> list:
    named = _cell(cells, roles.get("metric"))
    target = metric_id
    if named:
        target = names.get(named.casefold())
        if target is None:
            raise ValueProblem(f"there is no metric called “{named}”: add it first, or fix its name or id.")
        if metric_id is not None and target != metric_id:
            raise ValueProblem(f"the row is for the metric “{named}”, not the one chosen; import it into that one.")
    elif metric_id is None:
        raise ValueProblem("the metric is empty: give its name or id in the metric column.")
    date_text, value_text = _cell(cells, roles.get("date")), _cell(cells, roles.get("value"))
    if not date_text:
        raise ValueProblem("the date is empty.")
    if not value_text:
        raise ValueProblem("the value is empty.")
    note = " ".join(_cell(cells, roles.get("note")).split()) or None
    if note is not None and len(note) > MAX_NOTE:
        raise ValueProblem(f"the note has {len(note)} characters; keep it to {MAX_NOTE}.")
    return [target, parse_date(date_text, order), parse_number(value_text), note]
