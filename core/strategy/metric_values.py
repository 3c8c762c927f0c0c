"""Reading numbers and dates the way people type or paste them (issue 14.4): pure functions.

**Numbers**: spaces (also non-breaking and thin spaces) and one leading or trailing currency sign
(€ $ £ ¥) or ``%`` are ignored, so ``45 %`` is 45 (a percentage is stored as its number of
percent). ``12,5`` is 12.5 (decimal comma). When both ``.`` and ``,`` occur, the last one is the
decimal separator and the other groups thousands (``1.234,5`` and ``1,234.5`` are 1234.5). A
single comma is always a decimal comma: ``1,234`` is 1.234 (in a comma-separated file such a
value must be quoted anyway). NaN and infinities are refused.

**Dates**: ISO ``2026-01-31`` (a time part is ignored only when it is midnight), ``2026/01/31``,
``31.01.2026`` (day first), ``31 Jan 2026``, ``Jan 31, 2026``, ``January 31 2026``. Slashed
dates ``a/b/yyyy`` are day first or month first: :func:`slash_order` decides once for a whole
paste from the rows that can only be read one way (a first number above 12 → day first, a
second above 12 → month first); when no row decides and the parts differ (``03/04/2026``), the
date is refused as ambiguous, with the ISO spelling as the fix. Years 1900–2200.
"""

from __future__ import annotations

import datetime as dt
import math
import re

CURRENCY = "€$£¥"
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_NUMBER = re.compile(r"^[+-]?(\d+|\d*\.\d+|\d+\.)$")
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_WORDS = ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y", "%d-%b-%Y")
DAY_FIRST, MONTH_FIRST = "day first", "month first"
MIN_YEAR, MAX_YEAR = 1900, 2200


class ValueProblem(ValueError):
    """A typed value that cannot be read; the message says what was seen and how to write it."""


def parse_number(value: object) -> float:
    """A number from a cell or typed text (module docstring); raises ValueProblem."""
    if isinstance(value, bool):
        raise ValueProblem(f"“{value}” is not a number.")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = _SPACES.sub("", str(value)).strip(CURRENCY).removesuffix("%").strip(CURRENCY)
        if "," in text and "." in text:
            decimal = "," if text.rfind(",") > text.rfind(".") else "."
            text = text.replace("." if decimal == "," else ",", "").replace(",", ".")
        elif text.count(",") == 1:
            text = text.replace(",", ".")
        if not _NUMBER.match(text):
            raise ValueProblem(f"“{value}” is not a number: write it like 42, 12.5, 12,5 or 45 %.")
        number = float(text)
    if not math.isfinite(number):
        raise ValueProblem(f"“{value}” is not a finite number.")
    return number


def slash_order(texts: list[str]) -> str | None:
    """DAY_FIRST or MONTH_FIRST for the slashed dates among ``texts`` (module docstring), or None."""
    day_first = month_first = False
    for text in texts:
        match = _SLASHED.match(str(text).strip())
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            day_first |= first > 12
            month_first |= second > 12
    if day_first and not month_first:
        return DAY_FIRST
    if month_first and not day_first:
        return MONTH_FIRST
    return None


def _make(year: int, month: int, day: int, seen: object) -> dt.date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueProblem(f"“{seen}” has the year {year}; use a year from {MIN_YEAR} to {MAX_YEAR}.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueProblem(f"“{seen}” is not a day of the calendar.") from None


def parse_date(value: object, order: str | None = None) -> dt.date:
    """A date from a cell or typed text (module docstring); ``order`` reads slashed dates."""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise ValueProblem(f"“{value}” has a time of day; give the date only, like 2026-01-31.")
        return _make(value.year, value.month, value.day, value)
    if isinstance(value, dt.date):
        return _make(value.year, value.month, value.day, value)
    text = " ".join(str(value).split())
    if match := _ISO.match(text):
        return _make(int(match.group(1)), int(match.group(2)), int(match.group(3)), value)
    if match := _DOTTED.match(text):
        return _make(int(match.group(3)), int(match.group(2)), int(match.group(1)), value)
    if match := _SLASHED.match(text):
        first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        if first == second or order == DAY_FIRST or (order is None and first > 12):
            return _make(year, second, first, value)
        if order == MONTH_FIRST or (order is None and second > 12):
            return _make(year, first, second, value)
        raise ValueProblem(
            f"“{value}” could be {first} {_month(second)} or {second} {_month(first)}: "
            f"write it as {year}-{second:02d}-{first:02d} (year-month-day)."
        )
    for pattern in _WORDS:
        try:
            parsed = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        return _make(parsed.year, parsed.month, parsed.day, value)
    raise ValueProblem(f"“{value}” is not a date: write it like 2026-01-31, 31.01.2026 or 31 Jan 2026.")


def _month(number: int) -> str:
    return dt.date(2000, number, 1).strftime("%B") if 1 <= number <= 12 else f"month {number}"
