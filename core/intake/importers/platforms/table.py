"""What a platform module makes of an export, before any pairing: described columns and filters.

A :class:`PlatformTable` holds the header rows, one :class:`SurveyColumn` per column (what the
platform's header says about it: question text, statement, grid, code), the data as object
arrays, and the respondent filters the platform applies (each a reason and a row mask). The
pairing rules (:mod:`core.intake.importers.pairing`) then decide what each column rates.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from core.intake.importers.headers import header_text
from core.intake.importers.reading import SourceFile, Table, has_value
from core.intake.ratings import ParsedColumn
from core.intake.report import Message

META = "meta"  # platform metadata: dates, status, IP… (ignored, and listed in the log)
ID = "id"  # the respondent id
QUESTION = "question"  # an answer column: a rating, or a respondent attribute
SKIP = "skip"  # bookkeeping columns with no answer (Qualtrics display order, …)
UNKNOWN_PLATFORM = "unknown"  # a table no signature matches, read with a user's mapping

_TAGS = re.compile(r"<[^>]+>")


def clean_text(value: object, strip_html: bool = False) -> str:
    """A header or label as display text: no-break spaces and runs of whitespace become one space,
    and with ``strip_html`` tags are removed and entities decoded (Qualtrics)."""
    text = header_text(value)
    if strip_html and ("<" in text or "&" in text):
        text = header_text(_TAGS.sub(" ", html.unescape(text)))
    return text


@dataclass
class SurveyColumn:
    """One column of an export, as its platform describes it."""

    index: int
    header: str  # how people know the column: the first header row's text (display)
    values: np.ndarray  # the data cells, one per data row
    kind: str = QUESTION
    question: str = ""  # the question's wording ("How important is it to you…")
    statement: str = ""  # the grid row / statement ("Minimize the time it takes to …")
    block: str = ""  # the question (grid) this column belongs to; "" when unknown
    section: str = ""  # the question group / page the grid is in (LimeSurvey G01), when the export says
    code: str = ""  # the statement's code within its grid (Qualtrics recode, LimeSurvey SQ001)
    scale_header: str = ""  # Qualtrics side-by-side: the scale's header ("Importance")
    loop: str = ""  # Qualtrics Loop & Merge iteration
    codebook_keys: tuple[str, ...] = ()  # names a codebook may use for this column's question
    statement_is_code: bool = False  # the statement is a code (LimeSurvey SQ001), not text
    parsed: ParsedColumn | None = None  # the values read once (by the pairing rules), reused by the assembly

    def set_values(self, values: np.ndarray) -> None:
        """Replace the values (codebook, answer codes), forgetting what was read from the old ones."""
        self.values, self.parsed = values, None


@dataclass
class PlatformTable:
    """An export read by its platform module: described columns, data rows and filters."""

    platform: str  # "Qualtrics"
    layout: str  # the report's format, e.g. "Qualtrics export (choice text)"
    sheet: str
    where: str  # how messages name the table
    header_rows: list[list[str]]
    columns: list[SurveyColumn]
    row_numbers: np.ndarray  # spreadsheet row of each data row
    id_column: int | None = None
    drops: list[tuple[str, np.ndarray]] = field(default_factory=list)  # (reason, rows dropped for it)
    numbers_are_codes: bool = True  # numeric answers are codes whose direction the file cannot tell
    answer_codes: re.Pattern[str] | None = None  # letter codes (LimeSurvey A1…) read as their number
    codebook_columns: set[int] = field(default_factory=set)  # columns whose codes a codebook turned into labels
    notes: list[str] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return len(self.row_numbers)

    def drop(self, reason: str, mask: np.ndarray) -> None:
        """Drop the rows in ``mask`` not dropped already, counting them under ``reason``."""
        taken = np.zeros(self.n_rows, dtype=bool)
        for _, earlier in self.drops:
            taken |= earlier
        mask = mask & ~taken
        if mask.any():
            self.drops.append((reason, mask))

    def kept(self) -> np.ndarray:
        """Rows that pass every filter."""
        keep = np.ones(self.n_rows, dtype=bool)
        for _, mask in self.drops:
            keep &= ~mask
        return keep

    def row_labels(self, mask: np.ndarray) -> list[str]:
        """Respondent ids of the rows in ``mask`` (their spreadsheet row when there is no id)."""
        numbers = self.row_numbers[mask]
        if self.id_column is None:
            return [f"row {n}" for n in numbers]
        ids = self.columns[self.id_column].values[mask]
        return [header_text(i) or f"row {n}" for i, n in zip(ids, numbers, strict=True)]


@dataclass
class Grid:
    """A sheet split into header rows and data rows (blank rows left out), data as columns."""

    header_rows: list[list[object]]
    columns: list[np.ndarray]
    row_numbers: np.ndarray

    @property
    def width(self) -> int:
        return len(self.columns)


def split_table(table: Table, header_rows: int, first_row: int = 0) -> Grid:
    """Take ``header_rows`` rows from ``first_row`` as the header; the non-blank rows after are data.

    Trailing columns with no header and no data are dropped (Qualtrics adds one).
    """
    rows = table.rows
    headers = [list(r) for r in rows[first_row : first_row + header_rows]]
    data_rows, numbers = [], []
    for number, row in enumerate(rows[first_row + header_rows :], first_row + header_rows + 1):
        if any(has_value(c) for c in row):
            data_rows.append(row)
            numbers.append(number)
    width = max([len(r) for r in headers] + [len(r) for r in data_rows] + [0])
    if data_rows and all(len(r) == width for r in data_rows):
        grid = np.array(data_rows, dtype=object).reshape(len(data_rows), width)
    else:
        grid = np.full((len(data_rows), width), "", dtype=object)
        for i, row in enumerate(data_rows):
            grid[i, : len(row)] = row
    columns = list(grid.T) if width else []
    headers = [h + [""] * (width - len(h)) for h in headers]
    while columns and not any(has_value(h[-1]) for h in headers) and not any(has_value(v) for v in columns[-1]):
        columns.pop()
        headers = [h[:-1] for h in headers]
    return Grid(headers, columns, np.array(numbers, dtype=np.int64))


def first_rows(source: SourceFile, n: int = 3) -> Iterable[tuple[Table, list[list[str]]]]:
    """Each sheet with its first ``n`` non-blank rows as cleaned text, for header signatures."""
    for table in source.tables:
        found = []
        for row in table.rows:
            if any(has_value(c) for c in row):
                found.append([clean_text(c) for c in row])
                if len(found) == n:
                    break
        if found:
            yield table, found


def header_keys(row: list[str]) -> set[str]:
    """A header row's cells, lower-cased, for signature checks."""
    return {cell.lower() for cell in row if cell}


def sheet_with(source: SourceFile, signature: Callable[[list[str]], bool]) -> Table | None:
    """The first sheet whose first non-blank row (as cleaned text) matches the platform's ``signature``."""
    for table, rows in first_rows(source, 1):
        if signature(rows[0]):
            return table
    return None


def bracket_split(header: str) -> tuple[str, str] | None:
    """``"Question text [Row label]"`` → ("Question text", "Row label") (Google Forms, LimeSurvey)."""
    match = re.match(r"^(?P<q>.*\S)\s*\[(?P<r>[^\[\]]+)\]\s*$", header)
    return (match.group("q"), match.group("r").strip()) if match else None


def first_data_rows(source: SourceFile) -> Table | None:
    """The first sheet with any data (a platform export has one)."""
    return next((t for t in source.tables if any(has_value(c) for row in t.rows for c in row)), None)


def one_header_row(sheet: Table) -> tuple[Grid, list[str]]:
    """A one-header-row export: its grid (from the first non-blank row) and cleaned headers."""
    start = next((i for i, row in enumerate(sheet.rows) if any(has_value(c) for c in row)), 0)
    grid = split_table(sheet, 1, start)
    return grid, [clean_text(c) or f"column {i + 1}" for i, c in enumerate(grid.header_rows[0])]


def header_grid(sheet: Table, header_rows: int) -> Grid:
    """A sheet with ``header_rows`` header rows (Qualtrics, SurveyMonkey), from its first row with any text."""
    start = next(i for i, row in enumerate(sheet.rows) if any(clean_text(c) for c in row))
    return split_table(sheet, header_rows, start)


def blank(values: np.ndarray) -> np.ndarray:
    """Which cells are empty."""
    return np.array([not has_value(v) for v in values], dtype=bool)


def lowered(values: np.ndarray) -> np.ndarray:
    """Cells as stripped lower-case text (for status columns)."""
    return np.array(["" if v is None else str(v).strip().lower() for v in values], dtype=object)


PARTIAL_DROPPED = "keep them with the 'Keep partial responses' setting"  # in the drop reason
PARTIAL_KEPT = "as asked (keep partial responses)"  # in the note when they are kept


def partial_responses(
    table: PlatformTable, mask: np.ndarray, reason: str, keep_partial: bool, kind: str = "partial"
) -> None:
    """Drop partial responses under ``reason``, or keep them (with a note naming them ``kind``) when asked to."""
    if keep_partial:
        if mask.any():
            table.notes.append(f"{int(mask.sum())} {kind} responses were kept, {PARTIAL_KEPT}.")
    else:
        table.drop(
            f"{reason}, left out by default; {PARTIAL_DROPPED} (Data page, next to the upload) or --keep-partial",
            mask,
        )
