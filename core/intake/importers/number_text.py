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
_SPACE = "'\u00a0\u202f "  # thousands separators that are never decimal separators
_NUMBER = (
    r"[+-]?(?:\d+(?:[.,]\d+)?"  # 1234  12.5  12,5
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 9,524.50  1,234,567
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 9.524,50  1.234.567
    rf"|\d{{1,3}}(?:[{_SPACE}]\d{{3}})+(?:[.,]\d+)?)"  # 12 500,5  12'500.5
)
_AMBIGUOUS = r"[+-]?\d{1,3}[.,]\d{3}"  # 1,234 or 1.234
_LEADING_ZERO = r"[+-]?0\d+(?:[.,]\d+)?"  # 02100, but not 0,5 or 0.5


def _evidence(separators: str) -> str | None:
    """The convention a number's separators (its text without digits and sign) show, if any."""
    marks = separators.strip(_SPACE + "+-").translate({ord(c): None for c in _SPACE})
    if len(marks) == 1:
        return POINT if marks == "." else COMMA  # a decimal separator (unless the number is ambiguous)
    if len(marks) > 1 and set(marks[:-1]) == {"."}:
        return COMMA  # 1.234.567 or 9.524,50
    if len(marks) > 1 and set(marks[:-1]) == {","}:
        return POINT  # 1,234,567 or 9,524.50
    return None


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
    """Read the distinct, non-missing ``texts`` of one column as numbers (pandas string
    operations over the texts, and a Python step only per distinct *pattern of separators*)."""
    series = pd.Series(texts, dtype=object).astype(str).str.strip()
    empty = np.full(len(series), np.nan)
    if series.empty:
        return NumberReading(empty, POINT, None, [], [])
    if not series.str.fullmatch(_NUMBER).all():
        return NumberReading(empty, None, "not all answers are numbers", [], [])
    zeros = series.str.fullmatch(_LEADING_ZERO).to_numpy(bool)
    if zeros.any():
        return NumberReading(empty, None, "leading zeros", [], list(series[zeros][:3]))
    ambiguous = series.str.fullmatch(_AMBIGUOUS).to_numpy(bool)
    codes, patterns = pd.factorize(series.str.replace(r"\d", "", regex=True))
    evidence = np.array([_evidence(p) for p in patterns] + [None], dtype=object)[codes]
    for_comma, for_point = (evidence == COMMA) & ~ambiguous, (evidence == POINT) & ~ambiguous
    # 1,234 next to 1.234 with nothing else to decide: one of them is misread either way
    comma_ambiguous = ambiguous & (evidence == COMMA)
    if comma_ambiguous.any() and (ambiguous & ~comma_ambiguous).any():
        for_comma, for_point = for_comma | (ambiguous & ~comma_ambiguous), for_point | comma_ambiguous
    if for_comma.any() and for_point.any():
        shown = [*series[for_point][:2], *series[for_comma][:2]]
        return NumberReading(empty, None, "mixed conventions", [], shown)
    convention = COMMA if for_comma.any() else POINT
    decisive = list(series[for_comma if convention == COMMA else for_point][:3])
    grouping, decimal = (rf"[.{_SPACE}]", ",") if convention == COMMA else (rf"[,{_SPACE}]", ".")
    plain = series.str.replace(grouping, "", regex=True).str.replace(decimal, ".", regex=False)
    values = pd.to_numeric(plain, errors="coerce").to_numpy(float)
    return NumberReading(values, convention, None, list(series[ambiguous]), decisive)
