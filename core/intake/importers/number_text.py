"""Numbers written as text in one attribute column: which separators they use, and their values.

A CSV from a European spreadsheet writes ``9.524,50`` (dot for thousands, comma for decimals);
an English one writes ``9,524.50``. The convention is decided once per *column* from its
distinct texts (pandas string operations, no loop per cell):

* evidence for a **decimal comma**: ``1234,50`` or ``12,5`` (a comma not followed by exactly
  three digits), ``9.524,50`` (both, the comma last), ``1.234.567`` (several dots);
* evidence for a **decimal point**: ``12.5``, ``9,524.50``, ``1,234,567``, by the same rules;
* **ambiguous**: ``1,234`` or ``1.234`` alone (one separator followed by exactly three digits)
  could be either. They are read with the decimal convention the rest of the column shows;
  when nothing else in the column decides, the decimal point is assumed (the convention of
  Excel's CSV in English and of every survey platform's export) and a warning says so.

A column with evidence for both conventions is kept as text, with a warning: guessing would
silently turn some answers a thousand times too large or small. A text with a leading zero
(``02100``, ``007``) is an identifier, not a number: its column is kept as text so the zeros
survive. Spaces (also no-break and narrow no-break) and apostrophes are accepted as thousands
separators (``12 500``, ``12'500``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

POINT = "decimal point"
COMMA = "decimal comma"
_SIGN = r"[+-]?"
_GROUP_SPACE = r"[ '\u00a0\u202f]"
_PATTERNS = {
    "plain": rf"{_SIGN}\d+",
    "point_decimal": rf"{_SIGN}\d+\.\d+",  # 12.5 (ambiguous when exactly 3 decimals after 1-3 digits)
    "comma_decimal": rf"{_SIGN}\d+,\d+",  # 12,5
    "point_grouped": rf"{_SIGN}\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?",  # 9,524.50 / 1,234,567
    "comma_grouped": rf"{_SIGN}\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?",  # 9.524,50 / 1.234.567
    "space_grouped": rf"{_SIGN}\d{{1,3}}(?:{_GROUP_SPACE}\d{{3}})+(?:[.,]\d+)?",  # 12 500,5
}
_AMBIGUOUS = r"[+-]?\d{1,3}[.,]\d{3}"  # 1,234 or 1.234
_LEADING_ZERO = r"[+-]?0\d+(?:[.,]\d+)?"  # 02100, but not 0,5 or 0.5


@dataclass(frozen=True)
class NumberReading:
    """How a column's texts read as numbers.

    ``values``: one float per text (NaN where the text is no number); ``convention``: POINT or
    COMMA, or None when the column must stay text (``reason`` says why: leading zeros, mixed
    conventions, or a text that is no number); ``ambiguous``: texts that could be read either way.
    """

    values: np.ndarray
    convention: str | None
    reason: str | None
    ambiguous: list[str]
    decisive: list[str]  # texts that showed the convention (for the note)


def read_numbers(texts: list[str]) -> NumberReading:
    """Read the distinct, non-missing ``texts`` of one column (already stripped) as numbers."""
    series = pd.Series(texts, dtype=object).astype(str).str.strip()
    empty = np.full(len(series), np.nan)
    if series.empty:
        return NumberReading(empty, POINT, None, [], [])
    match = {name: series.str.fullmatch(pattern).to_numpy(bool) for name, pattern in _PATTERNS.items()}
    numeric = np.logical_or.reduce(list(match.values()))
    if not numeric.all():
        return NumberReading(empty, None, "not all answers are numbers", [], [])
    zeros = series.str.fullmatch(_LEADING_ZERO).to_numpy(bool)
    if zeros.any():
        return NumberReading(empty, None, "leading zeros", [], list(series[zeros][:3]))
    ambiguous = series.str.fullmatch(_AMBIGUOUS).to_numpy(bool)
    comma_dot = series.str.contains(",", regex=False).to_numpy(bool) & series.str.contains(".", regex=False).to_numpy(
        bool
    )
    last_comma = series.str.rfind(",").to_numpy() > series.str.rfind(".").to_numpy()
    spaced_decimal = match["space_grouped"] & series.str.contains(r"[.,]\d+$").to_numpy(bool)
    for_comma = (
        (match["comma_decimal"] & ~ambiguous)
        | (comma_dot & last_comma)
        | (match["comma_grouped"] & (series.str.count(r"\.") > 1).to_numpy(bool))
        | (spaced_decimal & series.str.contains(",", regex=False).to_numpy(bool))
    )
    for_point = (
        (match["point_decimal"] & ~ambiguous)
        | (comma_dot & ~last_comma)
        | (match["point_grouped"] & (series.str.count(",") > 1).to_numpy(bool))
        | (spaced_decimal & series.str.contains(".", regex=False).to_numpy(bool))
    )
    # 1,234 next to 1.234 with nothing else to decide: one of them is certainly misread either way
    both_ambiguous = ambiguous & series.str.contains(",", regex=False).to_numpy(bool)
    if both_ambiguous.any() and (ambiguous & ~both_ambiguous).any():
        for_comma, for_point = for_comma | (ambiguous & ~both_ambiguous), for_point | both_ambiguous
    if for_comma.any() and for_point.any():
        shown = [*series[for_point][:2], *series[for_comma][:2]]
        return NumberReading(empty, None, "mixed conventions", [], shown)
    convention = COMMA if for_comma.any() else POINT
    decisive = list(series[for_comma if convention == COMMA else for_point][:3])
    grouping, decimal = (r"[.\s'\u00a0\u202f]", ",") if convention == COMMA else (r"[,\s'\u00a0\u202f]", ".")
    plain = series.str.replace(grouping, "", regex=True).str.replace(decimal, ".", regex=False)
    values = pd.to_numeric(plain, errors="coerce").to_numpy(float)
    return NumberReading(values, convention, None, list(series[ambiguous]), decisive)
