"""Finding two header rows when a publisher edited the top of an export.

People who pass an export on often type a title above it ("Customer survey 2022, all
responses") or delete columns. :func:`two_header_rows` looks at the first few non-blank rows
of each sheet and tries each pair that follows only title rows — a row with at most two cells,
followed by a wider row — so a platform's signature can be checked on the real header.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from core.intake.importers.platforms.table import clean_text
from core.intake.importers.reading import SourceFile, Table, has_value

MAX_TITLE_ROWS = 2


@dataclass
class HeaderPair:
    """Two header rows of ``table``: where the first stands (0-based row index) and their cleaned text."""

    table: Table
    start: int
    top: list[str]
    sub: list[str]
    title_rows: int  # title rows above the header


def _leading(table: Table, n: int) -> list[tuple[int, list[str]]]:
    found = []
    for index, row in enumerate(table.rows):
        if any(has_value(c) for c in row):
            found.append((index, [clean_text(c) for c in row]))
            if len(found) == n:
                break
    return found


def _filled(row: list[str]) -> int:
    return sum(1 for c in row if c)


def two_header_rows(source: SourceFile) -> Iterator[HeaderPair]:
    """Each candidate pair of header rows, sheet by sheet: the first two non-blank rows, then the
    pairs below one or two title rows."""
    for table in source.tables:
        rows = _leading(table, MAX_TITLE_ROWS + 2)
        for k in range(min(MAX_TITLE_ROWS, len(rows) - 2) + 1):
            if k and not (_filled(rows[k - 1][1]) <= 2 and _filled(rows[k][1]) > _filled(rows[k - 1][1])):
                break
            width = max(len(rows[k][1]), len(rows[k + 1][1]))
            top = rows[k][1] + [""] * (width - len(rows[k][1]))
            sub = rows[k + 1][1] + [""] * (width - len(rows[k + 1][1]))
            yield HeaderPair(table, rows[k][0], top, sub, k)


def best_pair(source: SourceFile, score: Callable[[HeaderPair], float]) -> tuple[HeaderPair, float] | None:
    """The candidate pair ``score`` rates highest (above 0), the nearest the top on ties."""
    best: tuple[HeaderPair, float] | None = None
    for pair in two_header_rows(source):
        found = score(pair)
        if found > 0 and (best is None or found > best[1]):
            best = (pair, found)
    return best
