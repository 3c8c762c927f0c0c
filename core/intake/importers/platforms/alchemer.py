"""Alchemer (SurveyGizmo) exports (.csv, .xlsx) (docs/FORMATS.md §6).

One header row: ``Response ID, Time Started, Date Submitted, Status, …`` then the questions;
grid columns are ``Row label:Question text`` (the question is the part after a colon that
several columns share; ``Other word(s)::Question`` too). ``Status`` is Complete / Partial /
Disqualified: partial responses are dropped unless kept on request, disqualified ones always.
Cells are reporting values (the label by default; numbers when the author set them, so
their direction is unknown). Headers may hold no-break spaces and the file Windows-1252 text.
"""

from __future__ import annotations

from collections import Counter

from core.intake.importers.options import ImportOptions
from core.intake.importers.platforms.single_header import as_grid_row, describe_columns
from core.intake.importers.platforms.table import (
    PlatformTable,
    header_keys,
    lowered,
    one_header_row,
    partial_responses,
    sheet_with,
)
from core.intake.importers.reading import SourceFile
from core.intake.importers.wording import measure_in

NAME = "Alchemer"
META_NAMES = {
    "time started",
    "date submitted",
    "status",
    "contact id",
    "legacy comments",
    "comments",
    "language",
    "referer",
    "sessionid",
    "user agent",
    "extended referer",
    "extended user agent",
    "tags",
    "ip address",
    "longitude",
    "latitude",
    "country",
    "city",
    "state/region",
    "postal",
    "date started",
    "url variable",
}
DISQUALIFIED = "responses Alchemer marked Disqualified"


def _signature(row: list[str]) -> bool:
    """``Status`` with ``Time Started``/``Date Submitted`` (and ``Response ID``), but no LimeSurvey ``Last page``."""
    keys = header_keys(row)
    return bool(
        "status" in keys
        and {"time started", "date submitted"} & keys
        and not {"last page", "lastpage"} & keys
        and ("response id" in keys or {"time started", "date submitted"} <= keys)
    )


def detect(source: SourceFile) -> float:
    """1.0 for ``Response ID``/``Time Started``, ``Date Submitted`` and ``Status`` in the header."""
    return 1.0 if sheet_with(source, _signature) is not None else 0.0


def colon_split(headers: list[str]) -> list[tuple[str, str] | None]:
    """``Row:Question`` → (question, row) where the question is shared by several columns (or, for a
    grid of one row, where it asks how important or satisfied)."""

    def candidates(header: str) -> list[tuple[str, str]]:
        return [
            (header[:i].rstrip(":").strip(), header[i + 1 :].lstrip(":").strip())
            for i, ch in enumerate(header)
            if ch == ":" and header[i + 1 :].lstrip(":").strip()
        ]

    shared = Counter(question for h in headers for _, question in set(candidates(h)))
    found: list[tuple[str, str] | None] = []
    for header in headers:
        options = [(q, row) for row, q in candidates(header) if row and (shared[q] >= 2 or measure_in(q))]
        found.append(max(options, key=lambda o: len(o[0])) if options else None)
    return found


def parse(source: SourceFile, options: ImportOptions) -> PlatformTable:
    """Grid columns split at the colon; Partial and Disqualified responses filtered."""
    sheet = sheet_with(source, _signature)
    assert sheet is not None
    grid, headers = one_header_row(sheet)
    splits = colon_split(headers)
    found = describe_columns(
        grid,
        headers,
        id_names={"response id"},
        meta_names=META_NAMES,
        question=lambda column: as_grid_row(column, splits[column.index]),
    )
    by_name = found.by_name
    table = PlatformTable(
        NAME,
        "Alchemer export",
        sheet.name,
        source.where(sheet),
        [headers],
        found.columns,
        grid.row_numbers,
        id_column=found.id_column,
        numbers_are_codes=True,
    )
    if "status" in by_name:
        status = lowered(grid.columns[by_name["status"]])
        table.drop(DISQUALIFIED, status == "disqualified")
        partial_responses(
            table, status == "partial", "partial Alchemer responses (Status: Partial)", options.keep_partial
        )
    return table
