"""Alchemer (SurveyGizmo) exports (.csv, .xlsx) (FORMATS.md §6).

One header row: ``Response ID, Time Started, Date Submitted, Status, …`` then the questions;
grid columns are ``Row label:Question text`` (the question is the part after a colon that
several columns share; ``Other word(s)::Question`` too). ``Status`` is Complete / Partial /
Disqualified: partial responses are dropped unless kept on request, disqualified ones always.
Cells are reporting values (the label by default; numbers when the author set them, so
their direction is unknown). Headers may hold no-break spaces and the file Windows-1252 text.
"""

from __future__ import annotations

from collections import Counter

from core.importers.options import ImportOptions
from core.importers.platforms.table import (
    ID,
    META,
    PlatformTable,
    SurveyColumn,
    first_rows,
    header_keys,
    lowered,
    one_header_row,
    partial_responses,
)
from core.importers.reading import SourceFile, Table
from core.importers.wording import measure_in

NAME = "Alchemer"
META_NAMES = {"time started", "date submitted", "status", "contact id", "legacy comments", "comments", "language",
              "referer", "sessionid", "user agent", "extended referer", "extended user agent", "tags", "ip address",
              "longitude", "latitude", "country", "city", "state/region", "postal", "date started", "url variable"}
DISQUALIFIED = "responses Alchemer marked Disqualified"


def _find(source: SourceFile) -> Table | None:
    for table, rows in first_rows(source, 1):
        keys = header_keys(rows[0])
        if "status" in keys and {"time started", "date submitted"} & keys and not {"last page", "lastpage"} & keys \
                and ("response id" in keys or {"time started", "date submitted"} <= keys):
            return table
    return None


def detect(source: SourceFile) -> float:
    """1.0 for ``Response ID``/``Time Started``, ``Date Submitted`` and ``Status`` in the header."""
    return 1.0 if _find(source) is not None else 0.0


def colon_split(headers: list[str]) -> list[tuple[str, str] | None]:
    """``Row:Question`` → (question, row) where the question is shared by several columns (or, for a
    grid of one row, where it asks how important or satisfied)."""
    def candidates(header: str) -> list[tuple[str, str]]:
        return [(header[:i].rstrip(":").strip(), header[i + 1:].lstrip(":").strip())
                for i, ch in enumerate(header) if ch == ":" and header[i + 1:].lstrip(":").strip()]

    shared = Counter(question for h in headers for _, question in set(candidates(h)))
    found: list[tuple[str, str] | None] = []
    for header in headers:
        options = [(q, row) for row, q in candidates(header) if row and (shared[q] >= 2 or measure_in(q))]
        found.append(max(options, key=lambda o: len(o[0])) if options else None)
    return found


def parse(source: SourceFile, options: ImportOptions) -> PlatformTable:
    """Grid columns split at the colon; Partial and Disqualified responses filtered."""
    sheet = _find(source)
    assert sheet is not None
    grid, headers = one_header_row(sheet)
    splits = colon_split(headers)
    columns, by_name = [], {}
    for i, header in enumerate(headers):
        column = SurveyColumn(i, header, grid.columns[i], question=header, codebook_keys=(header,))
        name = header.lower()
        if name == "response id" and "response id" not in by_name:
            column.kind = ID
        elif name in META_NAMES:
            column.kind = META
        elif splits[i]:
            column.question, column.statement = splits[i]
            column.block = column.question
            column.codebook_keys = (column.question, header)
        by_name.setdefault(name, i)
        columns.append(column)
    table = PlatformTable(NAME, "Alchemer export", sheet.name, source.where(sheet), [headers], columns,
                          grid.row_numbers, id_column=by_name.get("response id"), numbers_are_codes=True)
    if "status" in by_name:
        status = lowered(grid.columns[by_name["status"]])
        table.drop(DISQUALIFIED, status == "disqualified")
        partial_responses(table, status == "partial", "partial Alchemer responses (Status: Partial)",
                          options.keep_partial)
    return table
