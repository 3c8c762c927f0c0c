"""Cells of the report: scores with one decimal, counts with thousands separators, shares in %,
a dash for a missing value (never "nan" or "None")."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from core.report.model import Table

DASH = "–"


def missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def score(value: object) -> str:
    return DASH if missing(value) else f"{float(value):.1f}"  # type: ignore[arg-type]


def score2(value: object) -> str:
    """Two decimals (the trade-off matrix's 1–5 scores)."""
    return DASH if missing(value) else f"{float(value):.2f}"  # type: ignore[arg-type]


def count(value: object) -> str:
    return DASH if missing(value) else f"{int(value):,}"  # type: ignore[call-overload]


def share(value: object) -> str:
    return DASH if missing(value) else f"{float(value):.0%}"  # type: ignore[arg-type]


def text(value: object) -> str:
    return DASH if missing(value) else str(value)


def step_label(order: object, name: object) -> str:
    """ "3. Capture invoice data", as on the pages."""
    return f"{int(order)}. {name}"  # type: ignore[call-overload]


def whole(value: Any) -> int:
    """A pandas cell known to hold a whole number, as int."""
    return int(value)


def table(frame: pd.DataFrame, columns: Mapping[str, tuple[str, Callable[[Any], str]]], caption: str = "") -> Table:
    """A Table of ``frame``: ``columns`` maps each source column to (header, formatter)."""
    cells = [[fmt(v) for v in frame[name]] for name, (_, fmt) in columns.items()]
    rows = tuple(tuple(row) for row in zip(*cells, strict=True)) if cells else ()
    return Table(tuple(header for header, _ in columns.values()), rows, caption)
