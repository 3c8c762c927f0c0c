"""Columns of a one-header-row export (Typeform, LimeSurvey, Alchemer, Microsoft Forms, Google Forms,
a table mapped by hand): each header makes one :class:`SurveyColumn`, the first one named like a
respondent id is the id, metadata names are metadata, and the platform describes the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from core.intake.importers.platforms.table import ID, META, Grid, SurveyColumn


@dataclass
class HeaderColumns:
    """The described columns, where each header name first stands, and the respondent id column."""

    columns: list[SurveyColumn]
    by_name: dict[str, int]  # lower-case header → its first column
    id_column: int | None


def describe_columns(
    grid: Grid,
    headers: list[str],
    *,
    id_names: Collection[str] = (),
    meta_names: Collection[str] = (),
    question: Callable[[SurveyColumn], object] | None = None,
    statement_headers: bool = False,
) -> HeaderColumns:
    """One column per header (lower-cased for the name checks): the first named in ``id_names`` is the
    respondent id, those named in ``meta_names`` are metadata, and ``question`` describes the others.

    The header is the column's question, or with ``statement_headers`` its statement (Microsoft
    Forms); either way it is the column's codebook key.
    """
    columns: list[SurveyColumn] = []
    by_name: dict[str, int] = {}
    id_column: int | None = None
    for i, header in enumerate(headers):
        column = SurveyColumn(i, header, grid.columns[i], codebook_keys=(header,))
        if statement_headers:
            column.statement = header
        else:
            column.question = header
        name = header.lower()
        if name in id_names and id_column is None:
            column.kind, id_column = ID, i
        elif name in meta_names:
            column.kind = META
        elif question is not None:
            question(column)
        by_name.setdefault(name, i)
        columns.append(column)
    return HeaderColumns(columns, by_name, id_column)


def as_grid_row(column: SurveyColumn, split: tuple[str, str] | None, *, keyed: bool = True) -> bool:
    """Make ``column`` a row of a grid from ``split`` = (question, statement): the question is its block
    and, when ``keyed``, its first codebook key (before the header). False, column untouched, without
    a split."""
    if split is None:
        return False
    column.question, column.statement = split
    column.block = column.question
    if keyed:
        column.codebook_keys = (column.question, column.header)
    return True
