"""Raw rating cells → integers on the scale, or missing with a counted reason.

Work is done once per *distinct* value of a column (``pandas.factorize``), so a column of
5,000 cells with seven distinct answers costs seven classifications. Two passes:

1. :func:`parse_column` reads each distinct cell as a number, a label, or a missing reason —
   independent of the scale, so the scale can be detected from all columns first;
2. :func:`resolve_column` applies the scale and the column's label set.

Invalid codes are missing, never zero: blanks, N/A and don't-know answers, negative codes
(-99), numbers outside the scale (0 or 6 on 1–5), fractions, spreadsheet errors, formulas
nobody calculated and text that is no known label.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from core.intake.labels import label_book, normalise_text
from core.intake.scales import Scale

BLANK = "blank"
NOT_APPLICABLE = "N/A or don't know"
NEGATIVE = "negative code"
OUT_OF_SCALE = "outside the scale"
FRACTION = "not a whole number"
ERROR_CELL = "spreadsheet error"
FORMULA = "formula without a saved value"
UNKNOWN_TEXT = "text that is not a rating"
LABEL_OFF_SCALE = "label on a non-5-point scale"

_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_NUMBER_PREFIX = re.compile(r"^(\d+)\s*(?:[-=:.)]\s*|\s+)(?=\D)")
_ERROR_CELL = re.compile(r"^#(?:div/0!|value!|ref!|name\?|n/a|num!|null!|spill!|calc!|getting_data)$")


@dataclass(frozen=True)
class Cell:
    """One distinct raw value, read: a number, a label, or the reason it is missing."""

    number: float | None = None
    label: str | None = None
    reason: str | None = None
    # the label after a number ("5 - Extremely important" → "extremely important"); the number is the rating
    words: str | None = field(default=None, compare=False)


def _read_number(value: float) -> Cell:
    if math.isnan(value):
        return Cell(reason=BLANK)
    return Cell(number=float(value))


def parse_cell(raw: object) -> Cell:
    """Read one raw cell without knowing the scale."""
    if raw is None:
        return Cell(reason=BLANK)
    if isinstance(raw, bool | np.bool_):
        return Cell(reason=UNKNOWN_TEXT)
    if isinstance(raw, int | float | np.integer | np.floating):
        return _read_number(float(raw))
    if isinstance(raw, dt.date | dt.time | dt.timedelta | pd.Timestamp):
        return Cell(reason=UNKNOWN_TEXT)
    text = normalise_text(str(raw))
    if not text:
        return Cell(reason=BLANK)
    if _ERROR_CELL.match(text):
        return Cell(reason=ERROR_CELL)
    if text.startswith("="):
        return Cell(reason=FORMULA)
    if text in label_book().missing:
        return Cell(reason=NOT_APPLICABLE)
    if _NUMBER.match(text):
        return _read_number(float(text.replace(",", ".")))
    prefix = _NUMBER_PREFIX.match(text)
    if prefix:
        return Cell(number=float(prefix.group(1)), words=text[prefix.end() :].strip() or None)
    return Cell(label=text)


@dataclass
class ParsedColumn:
    """A column as codes into its distinct values, each distinct value read once."""

    codes: np.ndarray  # int64 index into ``cells``; -1 for NaN/None
    cells: list[Cell]
    counts: np.ndarray  # occurrences of each distinct value
    blanks: int

    def integer_counts(self) -> Counter[int]:
        counts: Counter[int] = Counter()
        for cell, n in zip(self.cells, self.counts, strict=True):
            if cell.number is not None and cell.number.is_integer() and n:
                counts[int(cell.number)] += int(n)
        return counts

    def labels(self) -> set[str]:
        return {cell.label for cell, n in zip(self.cells, self.counts, strict=True) if cell.label is not None and n}

    def subset(self, rows: np.ndarray) -> ParsedColumn:
        """The same column restricted to ``rows`` (a boolean mask), without reading any cell again."""
        codes = self.codes[rows]
        counts = np.bincount(codes[codes >= 0], minlength=len(self.cells))
        return ParsedColumn(codes, self.cells, counts, int((codes < 0).sum()))


def parse_column(values: pd.Series | np.ndarray | list) -> ParsedColumn:
    """Factorise a column and read each distinct value once."""
    array = (
        values
        if isinstance(values, np.ndarray) and values.dtype == object
        else np.asarray(pd.Series(values, dtype=object))
    )
    codes, uniques = pd.factorize(array, use_na_sentinel=True)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    cells = [parse_cell(u) for u in uniques]
    return ParsedColumn(codes, cells, counts, int((codes < 0).sum()))


def _first_rows(column: np.ndarray, order: np.ndarray) -> np.ndarray:
    """The first row holding each code of ``order`` (codes that occur in ``column``)."""
    if len(order) <= 32:  # a rating column: a handful of distinct values, one pass each
        return np.array([int(np.argmax(column == code)) for code in order], dtype=np.int64)
    distinct, first = np.unique(column, return_index=True)
    return first[np.searchsorted(distinct, order)]


FEW_CODES = 64  # distinct cells of a block up to which parse_block numbers all columns at once


def parse_block(block: np.ndarray) -> list[ParsedColumn]:
    """:func:`parse_column` of each column of a 2-D object array (rows × columns), factorised at once.

    Decision (issue 12): a workbook's cells are made row by row, so hashing them column by column
    visits memory out of order (most of the cost of factorising 300 columns one at a time). The
    block is factorised once in row order; each column then numbers its codes in its own order of
    first appearance and reads the first cell of each (equal values share a code: 1.0 and True in
    different columns stay apart this way) — the same codes, cells and counts as :func:`parse_column`.
    A block of ratings holds a handful of distinct cells, so every column's codes are counted and
    numbered at once (:func:`_numbered_at_once`: a pass per distinct cell, not per column); a block
    of many distinct texts is numbered column by column.
    """
    rows, width = block.shape
    codes, _ = pd.factorize(np.ascontiguousarray(block).ravel(), use_na_sentinel=True)
    codes = codes.reshape(rows, width)
    distinct = int(codes.max(initial=-1)) + 1
    numbered = _numbered_at_once(codes, distinct) if distinct <= FEW_CODES else _numbered_by_column(codes, distinct)
    return [
        ParsedColumn(local, [parse_cell(block[row, j]) for row in first], counts, blanks)
        for j, (local, first, counts, blanks) in enumerate(numbered)
    ]


Numbered = tuple[np.ndarray, np.ndarray, np.ndarray, int]  # a column's codes, first row of each, counts, blanks


FIRST_ROWS_HEAD = 256  # rows searched first for each code's first row: a rating column shows its answers early


def _numbered_at_once(codes: np.ndarray, distinct: int) -> list[Numbered]:
    """Each column's codes renumbered in its order of first appearance, all columns at once."""
    width = codes.shape[1]
    slots = distinct + 1  # slot 0: no value (-1)
    keys = codes + 1  # (column, code + 1) as one number
    keys += (np.arange(width, dtype=np.int64) * slots)[None, :]
    counts = np.bincount(keys.ravel(), minlength=width * slots).reshape(width, slots)
    seen = counts[:, 1:] > 0
    first = _first_rows_at_once(codes, seen)
    order = np.argsort(first, axis=1, kind="stable")  # each column's codes by their first row
    present = seen.sum(axis=1)
    ranks = np.arange(distinct)[None, :]
    lookup = np.full((width, slots), -1, dtype=np.int64)  # (column, code + 1) → the column's own code
    lookup[np.arange(width)[:, None], order + 1] = np.where(ranks < present[:, None], ranks, -1)
    local = np.ascontiguousarray(lookup.ravel()[keys].T)  # columns × rows: each column's codes contiguous
    numbered = []
    for j in range(width):
        kept = order[j, : present[j]]
        numbered.append((local[j], first[j, kept], counts[j, kept + 1], int(counts[j, 0])))
    return numbered


def _first_rows_at_once(codes: np.ndarray, seen: np.ndarray) -> np.ndarray:
    """(column, code) → the first row of the code in the column (``rows`` where it is not): looked
    for in the first rows, then, for the codes not met there, in the rest of their columns."""
    rows = codes.shape[0]
    first = np.full(seen.shape, rows, dtype=np.int64)
    head = codes[:FIRST_ROWS_HEAD]
    for code in np.flatnonzero(seen.any(axis=0)):
        hit = head == code
        found = hit.any(axis=0)
        first[found, code] = hit.argmax(axis=0)[found]
        late = np.flatnonzero(seen[:, code] & ~found)
        if len(late):
            first[late, code] = FIRST_ROWS_HEAD + (codes[FIRST_ROWS_HEAD:, late] == code).argmax(axis=0)
    return first


def _numbered_by_column(codes: np.ndarray, distinct: int) -> list[Numbered]:
    """:func:`_numbered_at_once`, a column at a time (a block of many distinct cells)."""
    remap = np.full(distinct + 1, -1, dtype=np.int64)  # the last slot keeps -1
    numbered = []
    for j in range(codes.shape[1]):
        column = codes[:, j]
        order = pd.unique(column)  # the column's codes in order of first appearance
        order = order[order >= 0]
        first = _first_rows(column, order)
        remap[order] = np.arange(len(order))
        local = remap[column]
        remap[order] = -1
        counts = np.bincount(local[local >= 0], minlength=len(order))
        numbered.append((local, first, counts, int((local < 0).sum())))
    return numbered


def integer_counts(columns: Iterable[ParsedColumn]) -> Counter[int]:
    """Integer ratings seen over several columns, for scale detection."""
    total: Counter[int] = Counter()
    for column in columns:
        total.update(column.integer_counts())
    return total


MISSING_POINT = -1


@dataclass
class ResolvedColumn:
    """Ratings on the scale (int16, ``MISSING_POINT`` where missing) and each missing reason's count."""

    points: np.ndarray
    reasons: Counter[str]
    label_set: str | None
    label_family: str | None

    @property
    def values(self) -> pd.arrays.IntegerArray:
        return as_nullable(self.points)


def as_nullable(points: np.ndarray) -> pd.arrays.IntegerArray:
    """int16 points with ``MISSING_POINT`` → pandas ``Int16`` with NA."""
    return pd.arrays.IntegerArray(points.astype(np.int16, copy=False), points < 0)


def _point(cell: Cell, scale: Scale, label_points: dict[str, int] | None) -> tuple[int | None, str | None]:
    if cell.reason is not None:
        return None, cell.reason
    if cell.number is not None:
        number = cell.number
        if number < 0:
            return None, NEGATIVE
        if not number.is_integer():
            return None, FRACTION
        return (int(number), None) if scale.contains(int(number)) else (None, OUT_OF_SCALE)
    if label_points is None:
        return None, UNKNOWN_TEXT
    point = label_points.get(cell.label or "")
    return (point, None) if point is not None else (None, UNKNOWN_TEXT)


def resolve_column(
    column: ParsedColumn,
    scale: Scale,
    expected_family: str | None = None,
    *,
    reverse: bool = False,
    preferred: str | None = None,
) -> ResolvedColumn:
    """Map a parsed column onto ``scale`` using the label set its labels vote for.

    ``reverse``: numbers are codes that run 1 = best, so a number n is the point
    low + high − n. Labels are never reversed; they carry their own direction. ``preferred``:
    the label set to take on a tie (see :meth:`core.intake.labels.LabelBook.choose`).
    """
    label_set, _ = label_book().choose(column.labels(), expected_family, preferred)
    five_point = scale.five_point
    label_points = label_set.points if label_set and five_point else None
    lookup = np.full(len(column.cells) + 1, MISSING_POINT, dtype=np.int16)  # last slot: NaN code -1
    reasons: Counter[str] = Counter()
    for index, (cell, n) in enumerate(zip(column.cells, column.counts, strict=True)):
        if not n:
            continue  # a value only rows left out had
        point, reason = _point(cell, scale, label_points)
        if point is not None and reverse and cell.number is not None:
            point = scale.low + scale.high - point
        if point is None:
            if reason == UNKNOWN_TEXT and cell.label is not None and label_set and not five_point:
                reason = LABEL_OFF_SCALE
            reasons[reason or UNKNOWN_TEXT] += int(n)
        else:
            lookup[index] = point
    if column.blanks:
        reasons[BLANK] += column.blanks
    points = lookup[column.codes]  # NaN's code -1 picks the last slot, which is missing
    if label_set is None:
        return ResolvedColumn(points, reasons, None, None)
    return ResolvedColumn(points, reasons, label_set.key, label_set.family)
