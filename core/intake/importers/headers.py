"""Header matching and internal column names.

Headers match case-insensitively, ignoring surrounding spaces, and treating spaces, hyphens
and underscores alike (``Respondent ID`` = ``respondent_id``). Respondent-attribute headers
become internal names (:func:`internal_names`) so spreadsheet text never reaches SQL.
"""

from __future__ import annotations

import math
import re

from core.intake.labels import normalise_text

_NON_WORD = re.compile(r"[^a-z0-9]+")


def header_key(header: object) -> str:
    """``"  Respondent-ID "`` → ``"respondent_id"``."""
    text = normalise_text(str(header)) if header is not None else ""
    return _NON_WORD.sub("_", text).strip("_")


def find_column(headers: list[str], *aliases: str) -> int | None:
    """Index of the first header matching any alias (by :func:`header_key`), else None."""
    keys = [header_key(h) for h in headers]
    for alias in aliases:
        if alias in keys:
            return keys.index(alias)
    return None


def internal_names(headers: list[str], reserved: set[str] | None = None, max_length: int = 48) -> list[str]:
    """Unique lower-case ``[a-z0-9_]`` names for attribute headers."""
    taken = set(reserved or ())
    names = []
    for header in headers:
        base = header_key(header)[:max_length] or "column"
        if base[0].isdigit():
            base = f"c_{base}"
        name, suffix = base, 2
        while name in taken:
            name, suffix = f"{base}_{suffix}", suffix + 1
        taken.add(name)
        names.append(name)
    return names


def header_text(cell: object) -> str:
    """A header cell as clean display text."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return re.sub(r"\s+", " ", str(cell).replace("\xa0", " ")).strip()


def id_text(value: object) -> str:
    """A respondent or outcome id cell as text: ``1001.0`` → ``"1001"``, blanks and NaN → ``""``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def outcome_key(outcome_id: str) -> str:
    """How outcome ids are compared: case-insensitive, ignoring surrounding spaces."""
    return outcome_id.strip().lower()


def order_number(text: str) -> float | None:
    """A step or outcome order as written in a job map (``"2"``, ``"2.5"``); None when blank or not a number."""
    try:
        return float(text) if text else None
    except ValueError:
        return None
