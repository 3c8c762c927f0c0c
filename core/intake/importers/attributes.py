"""Respondent attribute columns → typed columns with internal names, and the respondents table.

A column whose answers are all numbers becomes BIGINT (all whole) or DOUBLE; anything else
is text. Blank cells and the usual non-answers (N/A, don't know, …) are NULL. Numbers written
as text are read with the thousands and decimal separators the column shows
(:mod:`core.intake.importers.number_text`): ``9.524,50`` is 9524.5, never 9.5245. A column
with leading zeros (``02100``) stays text, so postcodes and ids keep their zeros; a column
whose separators are ambiguous or mixed says how it was read in the import report.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.intake.importers.headers import header_key, internal_names
from core.intake.importers.number_text import COMMA, read_numbers
from core.intake.labels import label_book, normalise_text
from core.intake.report import ValidationReport


@dataclass
class TypedColumn:
    values: pd.api.extensions.ExtensionArray | np.ndarray
    data_type: str  # BIGINT | DOUBLE | VARCHAR
    note: str | None = None  # how numbers written as text were read, when the column shows it
    warning: tuple[str, str] | None = None  # (problem, fix) when the reading is a guess or was refused


def _native_number(value: object) -> float | None:
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        return None if math.isnan(float(value)) else float(value)
    return None


def _quoted(texts: list[str]) -> str:
    return ", ".join(f"'{t}'" for t in texts[:3])


def _numbers(uniques: np.ndarray, missing: np.ndarray) -> tuple[list[float | None], str | None, tuple | None]:
    """Each distinct value as a number (None when it is none), a note and a warning (see :class:`TypedColumn`)."""
    numbers: list[float | None] = [None if m else _native_number(u) for u, m in zip(uniques, missing, strict=True)]
    textual = [i for i, (u, m) in enumerate(zip(uniques, missing, strict=True)) if not m and numbers[i] is None]
    if not textual:
        return numbers, None, None
    texts = [str(uniques[i]).strip() for i in textual]
    reading = read_numbers(texts)
    if reading.convention is None:
        if reading.reason == "leading zeros":
            return numbers, f"kept as text because {_quoted(reading.decisive)} have leading zeros", None
        if reading.reason == "mixed conventions":
            return (
                numbers,
                None,
                (
                    f"Its numbers mix decimal separators ({_quoted(reading.decisive)}), so it was kept as text "
                    "rather than read some answers a thousand times too large or too small.",
                    "Write every number in this column the same way (for example 9524.50), then upload the file again.",
                ),
            )
        return numbers, None, None
    for i, value in zip(textual, reading.values, strict=True):
        numbers[i] = float(value)
    note = None
    if reading.convention == COMMA:
        example = reading.decisive[0]
        note = f"numbers read with a decimal comma ('{example}' = {reading.values[texts.index(example)]:g})"
    warning = None
    if reading.ambiguous and not reading.decisive:
        shown = reading.ambiguous[0]
        value = reading.values[texts.index(shown)]
        warning = (
            f"Numbers such as '{shown}' could use a thousands or a decimal separator; nothing else in the column "
            f"tells which, so they were read with a decimal point ('{shown}' = {value:g}).",
            "If the separator means thousands, write the numbers without it (for example 1234) and upload again.",
        )
    return numbers, note, warning


def _missing(uniques: np.ndarray) -> np.ndarray:
    """Which distinct values are blanks or non-answers. A text holding a digit is never one (no
    non-answer has a digit), so only the other texts are normalised, one by one."""
    texts = pd.Series(uniques, dtype=object).map(lambda u: u if isinstance(u, str) else None)
    numeric = texts.str.contains(r"\d", regex=True, na=False).to_numpy(bool)
    return np.array([not n and _is_missing(u) for u, n in zip(uniques, numeric, strict=True)], dtype=bool)


def _is_missing(value: object) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    return isinstance(value, str) and normalise_text(value) in label_book().missing


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return " ".join(str(value).replace("\xa0", " ").split())


def type_column(values: list[Any] | np.ndarray) -> TypedColumn:
    """Type one attribute column, working once per distinct value."""
    codes, index = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    uniques = np.asarray(index, dtype=object)
    missing = np.append(_missing(uniques), True)
    numbers, note, warning = _numbers(uniques, missing[:-1])
    present = [n for n, m in zip(numbers, missing[:-1], strict=True) if not m]
    mask = missing[codes]
    if present and all(n is not None for n in present):
        lookup = np.array([n if n is not None else np.nan for n in numbers] + [np.nan])
        floats = lookup[codes]
        if all(float(n).is_integer() and abs(n) < 2**53 for n in present):  # type: ignore[arg-type]
            integers = pd.arrays.IntegerArray(np.where(mask, 0, floats).astype("int64"), mask)
            return TypedColumn(integers, "BIGINT", note, warning)
        return TypedColumn(pd.arrays.FloatingArray(np.where(mask, 0.0, floats), mask), "DOUBLE", note, warning)
    texts = [None if m else _text(u) for u, m in zip(uniques, missing[:-1], strict=True)]
    texts = np.array([*texts, None], dtype=object)
    return TypedColumn(texts[codes], "VARCHAR", note, warning)


def respondent_table(
    ids: np.ndarray, attributes: list[tuple[str, np.ndarray]], report: ValidationReport, where: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The respondents table (id + one typed column per attribute, internal names) and its catalogue."""
    headers = [h for h, _ in attributes]
    names = internal_names(headers, reserved={"respondent_id"})
    _warn_shared_headers(headers, names, report, where)
    data: dict[str, object] = {"respondent_id": ids}
    types = []
    for name, (header, values) in zip(names, attributes, strict=True):
        typed = type_column(values)
        if typed.note:
            report.notes.append(f"Column '{header}': {typed.note}.")
        if typed.warning:
            report.warn(typed.warning[0], f"{where}, column '{header}'", typed.warning[1])
        data[name] = typed.values
        types.append(typed.data_type)
    catalogue = pd.DataFrame(
        {
            "column_name": names,
            "original_header": headers,
            "data_type": types,
            "position": range(1, len(names) + 1),
        }
    )
    return pd.DataFrame(data), catalogue


def _warn_shared_headers(headers: list[str], names: list[str], report: ValidationReport, where: str) -> None:
    """Attribute columns whose headers differ only in case, spaces or punctuation are kept apart; say so."""
    groups: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        groups.setdefault(header_key(headers[index]) or name, []).append(index)
    for indices in groups.values():
        if len(indices) > 1:
            shown = ", ".join(f"'{headers[i]}' (kept as {names[i]})" for i in indices[:5])
            report.warn(
                f"{len(indices)} attribute columns have the same name: {shown}.",
                where,
                "Rename the columns so that each attribute has its own name, or delete the copies.",
            )
