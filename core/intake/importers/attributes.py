"""Respondent attribute columns → typed columns with internal names, and the respondents table.

A column whose answers are all numbers becomes BIGINT (all whole) or DOUBLE; anything else
is text. Blank cells and the usual non-answers (N/A, don't know, …) are NULL.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.intake.importers.headers import header_key, internal_names
from core.intake.labels import label_book, normalise_text
from core.intake.report import ValidationReport


@dataclass
class TypedColumn:
    values: pd.api.extensions.ExtensionArray | np.ndarray
    data_type: str  # BIGINT | DOUBLE | VARCHAR


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        return None if math.isnan(float(value)) else float(value)
    try:
        return float(str(value).strip().replace(",", ""))
    except ValueError:
        return None


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
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    missing = np.array([_is_missing(u) for u in uniques] + [True], dtype=bool)
    numbers = [_number(u) for u in uniques]
    present = [n for n, m in zip(numbers, missing[:-1], strict=True) if not m]
    mask = missing[codes]
    if present and all(n is not None for n in present):
        lookup = np.array([n if n is not None else np.nan for n in numbers] + [np.nan])
        floats = lookup[codes]
        if all(float(n).is_integer() and abs(n) < 2**53 for n in present):  # type: ignore[arg-type]
            return TypedColumn(pd.arrays.IntegerArray(np.where(mask, 0, floats).astype("int64"), mask), "BIGINT")
        return TypedColumn(pd.arrays.FloatingArray(np.where(mask, 0.0, floats), mask), "DOUBLE")
    texts = [None if m else _text(u) for u, m in zip(uniques, missing[:-1], strict=True)]
    texts = np.array([*texts, None], dtype=object)
    return TypedColumn(texts[codes], "VARCHAR")


def respondent_table(
    ids: np.ndarray, attributes: list[tuple[str, np.ndarray]], report: ValidationReport, where: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The respondents table (id + one typed column per attribute, internal names) and its catalogue."""
    headers = [h for h, _ in attributes]
    names = internal_names(headers, reserved={"respondent_id"})
    _warn_shared_headers(headers, names, report, where)
    data: dict[str, object] = {"respondent_id": ids}
    types = []
    for name, (_, values) in zip(names, attributes, strict=True):
        typed = type_column(values)
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
