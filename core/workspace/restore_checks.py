"""Checking each sheet of a workspace file before anything is written (core.workspace.restore).

Every problem is a :class:`WorkspaceFileError` whose message names the sheet, the row (as the
spreadsheet numbers it: the header is row 1) and the column, says what was seen and how to fix
it. Values are read column by column (``to_int``, ``to_float``, …), never per cell in Python
loops over the whole survey: the survey's own sheets (job_map, responses, competitors) are read
by the importer, these checks cover the small sheets around it.

Row limits (:data:`MAX_ROWS`) keep a hand-made file from flooding the app: a job map of more
than 200 steps or 5,000 outcomes, more than 500 scenarios, 1,000 settings, 200 segmentations or
10,000 entries in a framework table is refused.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from collections.abc import Iterable
from typing import Any, cast

import duckdb
import pandas as pd

from core.sqlfiles import script
from core.wording import agree, named
from core.workspace.file import FRAMEWORK_TABLES, WorkspaceFileError, sql

MAX_ROWS = {
    "steps": 200,
    "job_map": 5_000,
    "attributes": 2_000,
    "settings": 1_000,
    "scenarios": 500,
    "decisions": 100_000,  # at most scenarios × steps, checked by its duplicate rule
    "segmentations": 200,
    **dict.fromkeys(FRAMEWORK_TABLES, 10_000),
    # a wave's counts: up to (scale points + 1)² rows per outcome (and competitor), 121 on 0–10
    **dict.fromkeys(("wave_counts", "wave_competitor_counts"), 1_000_000),
}
FIX = "Download the workspace again, or undo the change made to the file."
_NAME = re.compile(r"^\w+$")


def row_number(index: int) -> int:
    """The spreadsheet row of a body row (the header is row 1)."""
    return int(index) + 2


def _show(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 60 else text[:57] + "…"


def fail(sheet: str, index: int | None, column: str | None, problem: str) -> WorkspaceFileError:
    """An error naming where: sheet, row, column."""
    where = f"The sheet '{sheet}'"
    if index is not None:
        where += f", row {row_number(index)}"
    if column is not None:
        where += f", column '{column}'"
    return WorkspaceFileError(f"{where}: {problem} {FIX}")


def check_height(sheet: str, rows: int) -> None:
    """Refuse a sheet with more body rows than :data:`MAX_ROWS` allows (before reading its cells)."""
    limit = MAX_ROWS.get(sheet)
    if limit is not None and rows > limit:
        raise WorkspaceFileError(
            f"The sheet '{sheet}' has {rows:,} rows; a workspace holds at most {limit:,}. "
            f"The file was not made by this app or was changed by hand. {FIX}"
        )


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _first_bad(sheet: str, column: str, values: pd.Series, convert, kind: str, required: bool) -> pd.Series:
    converted = []
    # small sheets only (see the module docstring); a sheet is read with the row index 0, 1, …
    for index, value in cast(Iterable[tuple[int, Any]], values.items()):
        if _blank(value):
            if required:
                raise fail(sheet, index, column, f"the cell is empty; it must hold {kind}.")
            converted.append(None)
            continue
        try:
            converted.append(convert(value))
        except (TypeError, ValueError, OverflowError):
            raise fail(sheet, index, column, f"{_show(value)} is not {kind}.") from None
    return pd.Series(converted, index=values.index, dtype=object)


def _int(value: object) -> int:
    if isinstance(value, bool):
        raise TypeError
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        return int(value)
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not re.fullmatch(r"[+-]?\d{1,12}", text):
        raise ValueError
    return int(text)


def _float(value: object) -> float:
    if isinstance(value, bool):
        raise TypeError
    number = float(value)  # type: ignore[arg-type]
    if not math.isfinite(number):
        raise ValueError
    return number


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _timestamp(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    stamp = pd.Timestamp(str(value))
    if pd.isna(stamp):
        raise ValueError
    return stamp.strftime("%Y-%m-%d %H:%M:%S.%f")


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise ValueError


def _date(value: object) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    stamp = pd.Timestamp(str(value).strip())
    if pd.isna(stamp) or stamp != stamp.normalize():
        raise ValueError
    return stamp.strftime("%Y-%m-%d")


def _json_object(value: object) -> str:
    text = str(value)
    if not isinstance(json.loads(text), dict):
        raise ValueError
    return text


KINDS = {
    "int": (_int, "a whole number"),
    "float": (_float, "a number"),
    "text": (_text, "a text"),
    "bool": (_bool, "true or false"),
    "timestamp": (_timestamp, "a date and time like 2026-01-31 14:05:00"),
    "date": (_date, "a date like 2026-01-31"),
    "json object": (_json_object, 'a set of named values in JSON, like {"k": 4}'),
}


def typed(sheet: str, frame: pd.DataFrame, column: str, kind: str, *, required: bool = True) -> pd.Series:
    """The column converted to ``kind`` (a key of :data:`KINDS`); raises naming the first bad cell."""
    convert, described = KINDS[kind]
    return _first_bad(sheet, column, frame[column], convert, described, required)


def unique(sheet: str, frame: pd.DataFrame, columns: list[str], what: str) -> None:
    """Refuse a repeated id (or combination), naming both rows."""
    repeated = frame.duplicated(subset=columns, keep=False)
    if repeated.any():
        rows = frame.index[repeated][:2]
        values = ", ".join(_show(frame.loc[rows[0], c]) for c in columns)
        raise fail(
            sheet,
            None,
            " and ".join(columns),
            f"{what} {values} appears more than once (rows {row_number(rows[0])} and {row_number(rows[1])}); "
            "each must be unique.",
        )


def known(sheet: str, values: pd.Series, column: str, allowed: set, what: str) -> None:
    """Refuse a value outside ``allowed`` (e.g. a step id the steps sheet lacks)."""
    bad = values[values.notna() & ~values.isin(allowed)]
    if len(bad):
        index = bad.index[0]
        raise fail(sheet, index, column, f"{_show(bad.iloc[0])} names {what} that the file does not hold.")


@functools.cache
def framework_schema() -> dict[str, list[tuple[str, str, bool, bool]]]:
    """Per framework table: (column, kind, required, part of the primary key), read from
    core/sql/schema_frameworks.sql in a scratch in-memory database."""
    connection = duckdb.connect(":memory:")
    try:
        connection.execute(script("schema_frameworks"))
        result: dict[str, list[tuple[str, str, bool, bool]]] = {}
        for table in FRAMEWORK_TABLES:
            rows = connection.execute(sql("table_schema"), {"table": table}).fetchall()
            columns = []
            for name, data_type, not_null, primary in rows:
                kind = "int" if "INT" in data_type else "float" if data_type in ("DOUBLE", "FLOAT") else "text"
                kind = "bool" if data_type == "BOOLEAN" else kind
                kind = "date" if data_type == "DATE" else kind
                columns.append((name, kind, bool(not_null) or bool(primary), bool(primary)))
            result[table] = columns
        return result
    finally:
        connection.close()


def framework_frame(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A framework sheet with the table's columns, typed; unknown columns are left out, missing
    optional ones stay empty."""
    schema = framework_schema()[table]
    missing = [name for name, _, required, _ in schema if required and name not in frame.columns]
    if missing:
        raise fail(table, None, None, f"the {named(missing, 'column')} {agree(len(missing), 'is', 'are')} missing.")
    typed_frame = pd.DataFrame(index=frame.index)
    for name, kind, required, _ in schema:
        if name in frame.columns:
            typed_frame[name] = typed(table, frame, name, kind, required=required)
    keys = [name for name, _, _, primary in schema if primary]
    if keys:
        unique(table, typed_frame, keys, "The id")
    return typed_frame.reset_index(drop=True)


def column_names(sheet: str, values: pd.Series, column: str) -> None:
    """Attribute column names become database columns: word characters, unique, not the id."""
    for index, value in cast(Iterable[tuple[int, Any]], values.items()):  # the row index 0, 1, …
        if not _NAME.match(str(value)) or str(value).lower() == "respondent_id":
            raise fail(sheet, index, column, f"{_show(value)} is not an attribute name this app writes.")
