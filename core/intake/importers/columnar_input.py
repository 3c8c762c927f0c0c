"""Columnar reading of a canonical table (CSV or Parquet) straight into a :class:`Draft` (issue 12).

A survey of millions of ratings must not become millions of Python cells: when the file is a
plain canonical table — a long table (one row per respondent and outcome) or a responses table
(one row per respondent, ``imp_``/``sat_`` columns) — Arrow's multi-threaded CSV reader (every
column read as text, as the ``csv`` module reads it) or its Parquet reader loads the columns,
which are then held as codes into their distinct values (:mod:`core.intake.importers.coded`).
Ratings are parsed once per distinct value; nothing is done per cell in Python.

The columnar reader is used only when it reads exactly what :func:`core.intake.importers.reading.read_source`
would, so reports and row numbers are the same: UTF-8 text, the delimiter the same sniffing
picks, one line per row (no quoted line breaks, no blank or all-blank lines — the check counts
newlines), every row as wide as the header, and no survey platform's header. Which layout the
header shows is decided as :func:`core.intake.importers.canonical.detect` decides it (a
responses table first). Anything else returns None and takes the general path.
"""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from core.intake.importers import canonical
from core.intake.importers.coded import Coded, plain_texts
from core.intake.importers.draft import Draft
from core.intake.importers.headers import header_text
from core.intake.importers.parquet_input import PARQUET_MAGIC
from core.intake.importers.platforms import recognise
from core.intake.importers.reading import SNIFF_CHARS, SourceFile, Table, delimiter_name, has_value, sniff_delimiter

SAMPLE_ROWS = 50


def _cell_text(value: object) -> str:
    return header_text(value) if value not in (None, "") else ""


WIDE, LONG = "canonical responses table", "canonical long table"


def _layout(file_name: str, kind: str, sample: list[list[Any]]) -> str | None:
    """The canonical layout the header shows (a responses table before a long one, as
    :func:`canonical.detect` decides), or None — also when a platform signature matches."""
    headers = [_cell_text(h) for h in sample[0]] if sample else []
    layout = WIDE if canonical.is_wide_header(headers) else LONG if canonical.is_long_header(headers) else None
    if layout is None or recognise(SourceFile(file_name, kind, [Table(Path(file_name).stem or "data", sample)])):
        return None
    return layout


def read_columns(data: bytes, file_name: str) -> tuple[Draft, list[str]] | None:
    """The draft of a plain canonical table and the reader's notes, or None when the general reader must read it."""
    try:
        if data.startswith(PARQUET_MAGIC):
            return _parquet(data, file_name)
        return _csv(data, file_name)
    except (pa.ArrowException, UnicodeDecodeError, csv.Error):  # ragged rows, bad UTF-8, a damaged file
        return None  # the general path reads it and says what is wrong


def text_layout(data: bytes, file_name: str) -> str | None:
    """The canonical layout the first rows of a text file show (no platform header), or None: a
    check of the head only, for the mapping proposal, which needs no more than the layout."""
    try:
        found = _head(data, file_name)
    except (UnicodeDecodeError, csv.Error):
        return None
    return found[2] if found is not None else None


def _draft(layout: str, headers: list[str], columns: list[Coded], file_name: str, n: int) -> Draft:
    build = canonical.wide_draft if layout == WIDE else canonical.long_draft
    return build(headers, columns, Path(file_name).stem or "data", f"file '{file_name}'", range(2, n + 2))


def _head(data: bytes, file_name: str) -> tuple[str, list[list[str]], str] | None:
    """The delimiter, the first rows and the layout, when they show a plain canonical table."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff", PARQUET_MAGIC)):
        return None
    head = data[: SNIFF_CHARS * 4].decode("utf-8-sig", errors="strict" if len(data) <= SNIFF_CHARS * 4 else "ignore")
    sample_text = head if len(head) <= SNIFF_CHARS else head[:SNIFF_CHARS].rsplit("\n", 1)[0]
    delimiter = sniff_delimiter(head)
    sample = list(itertools.islice(csv.reader(io.StringIO(sample_text, newline=""), delimiter=delimiter), SAMPLE_ROWS))
    if not sample or not any(has_value(c) for c in sample[0]):
        return None
    layout = _layout(file_name, "csv", sample)
    return (delimiter, sample, layout) if layout is not None else None


def _csv(data: bytes, file_name: str) -> tuple[Draft, list[str]] | None:
    found = _head(data, file_name)
    if found is None:
        return None
    delimiter, sample, layout = found
    width = len(sample[0])
    names = [f"c{i}" for i in range(width)]
    table = pacsv.read_csv(
        pa.py_buffer(data),
        read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, block_size=_block_size(len(data))),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=False, ignore_empty_lines=True),
        convert_options=pacsv.ConvertOptions(
            column_types=_column_types(names, sample),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if table.num_rows == 0 or lines != table.num_rows + 1:
        return None  # blank lines or line breaks inside cells: row numbers need the general reader
    n = table.num_rows
    columns = [Coded.of_arrow(table.column(i)) for i in range(width)]
    del table  # the codes hold everything now
    if _has_blank_row(columns, n):
        return None  # an all-blank row is skipped by the general reader, which shifts row numbers
    headers = [_cell_text(h) for h in sample[0]]
    return _draft(layout, headers, columns, file_name, n), [
        f"Read as delimited text ({delimiter_name(delimiter)}-separated)."
    ]


def _column_types(names: list[str], sample: list[list[str]]) -> dict[str, pa.DataType]:
    """How Arrow reads each column: straight into codes (a dictionary; the chunks' dictionaries
    unify in order of first appearance), except a column whose first rows hold single characters
    (ratings on a scale of up to 9 points), read as text and coded from its bytes by
    :func:`core.intake.importers.coded.single_characters` — a dictionary costs a hash per row, and
    0.3 s for each such column of 20 M ratings. Should a longer value come further down, the
    column is hashed after all (the same codes, a little later)."""
    rows = sample[1:]
    short = [bool(rows) and all(len(row[i]) <= 1 for row in rows if i < len(row)) for i in range(len(names))]
    return {
        name: pa.string() if one_character else pa.dictionary(pa.int32(), pa.string())
        for name, one_character in zip(names, short, strict=True)
    }


def _has_blank_row(columns: list[Coded], n: int) -> bool:
    """Whether a row is blank in every column. A column without a single blank value (the usual
    respondent id) settles it at once, with no lookup per row."""
    filled_by_column = []
    for column in columns:
        filled = plain_texts(column.uniques)  # no Python call per distinct id
        others = np.flatnonzero(~filled)
        filled[others] = [has_value(u) for u in column.uniques[others]]
        if filled.all() and (not len(column.codes) or column.codes.min() >= 0):  # -1: a missing cell
            return False
        filled_by_column.append(filled)
    blank = np.ones(n, dtype=bool)
    for column, filled in zip(columns, filled_by_column, strict=True):
        blank &= ~np.append(filled, False)[column.codes]
    return bool(blank.any())


def _block_size(size: int) -> int:
    """Bytes per block of Arrow's CSV reader: its 1 MiB default cuts a 360 MB file into 344
    blocks, whose dictionaries then take 0.4 s to unify, and parses it 30 % slower than 16 MiB
    blocks do; a small file keeps blocks small enough for every core to parse one."""
    return min(16 << 20, max(1 << 20, size // 16))


def _parquet(data: bytes, file_name: str) -> tuple[Draft, list[str]] | None:
    table = pq.read_table(pa.BufferReader(data))
    headers = [_cell_text(name) for name in table.column_names]
    sample = [list(table.column_names)] + [list(row.values()) for row in table.slice(0, SAMPLE_ROWS).to_pylist()]
    layout = _layout(file_name, "parquet", sample) if table.num_rows else None
    if layout is None:
        return None
    columns = [Coded.of_arrow(table.column(i)) for i in range(table.num_columns)]
    if _has_blank_row(columns, table.num_rows):
        return None  # a row of nulls only is skipped by the general reader, which shifts row numbers
    return _draft(layout, headers, columns, file_name, table.num_rows), ["Read as a Parquet file."]
