"""Numbers and counted words as people read them, for every message the app and the CLI print.

- :func:`plural` — ``1 step``, ``3 steps``: never "1 steps" (the one helper; import it from here).
- :func:`agree` — the words that agree with a count, without it: ``it was`` / ``they were``.
- :func:`named` — a noun that agrees with the things it names: ``sheet decisions``, ``columns a, b``.
- :func:`first_few` — the first few of many things a message names: ``O3, O7, …``.
- :func:`row_list` — the rows a message points at: ``row 5``, ``rows 5, 6, …``.
- :func:`decimal` — one decimal, and never ``-0.0``: a value that rounds to zero is ``0.0``.
- :func:`count` — whole numbers as whole numbers (``3``, not ``3.0``), even when a table's
  missing values turned the column into floats; a missing count is ``–``.
- :func:`readable_header` — a header written as an identifier (``company_size``) reads
  ``Company size`` on screen; internal column names never reach a page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

MISSING = "–"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``plural(1, "step")`` → ``1 step``; ``plural(3, "step")`` → ``3 steps``;
    ``plural(2, "column was", "columns were")`` → ``2 columns were``."""
    n = int(n)
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def agree(n: float, one: str, many: str) -> str:
    """The words that agree with a count of ``n``, the count left out: ``agree(1, "was", "were")``
    → ``was``; ``agree(3, "it is", "they are")`` → ``they are``; ``agree(0.5, "point", "points")``
    → ``points`` (only exactly one is singular)."""
    return one if n == 1 else many


def named(items: Sequence[object], word: str, many: str | None = None) -> str:
    """``named(["choice"], "column")`` → ``column choice``; ``named(["a", "b"], "column")`` → ``columns a, b``."""
    return f"{agree(len(items), word, many or word + 's')} {', '.join(map(str, items))}"


def first_few(items: Sequence[object], total: int | None = None, shown: int = 5, sep: str = ", ") -> str:
    """The first ``shown`` of ``total`` things (``len(items)`` by default), and ``…`` when there are
    more: ``first_few(["O3", "O7"])`` → ``O3, O7``; seven ids → ``O1, O2, O3, O4, O5, …``; names
    that hold commas themselves are listed with ``sep="; "``."""
    total = len(items) if total is None else total
    return sep.join(map(str, list(items[:shown]))) + (f"{sep}…" if total > shown else "")


def row_list(numbers: Sequence[object], total: int, shown: int = 5) -> str:
    """The first ``shown`` of ``total`` spreadsheet rows a message points at: ``row 5`` for one,
    ``rows 5, 6`` for two, ``rows 5, 6, 7, 8, 9, …`` for more than ``shown``."""
    return f"{agree(total, 'row', 'rows')} {first_few(numbers, total, shown)}"


def no_negative_zero(value: float, digits: int) -> float:
    """``value`` rounded to ``digits``, with −0.0 turned into 0.0."""
    return round(float(value), digits) + 0.0


def decimal(value: object, digits: int = 1, *, signed: bool = False) -> str:
    """``-0.04`` → ``0.0`` (not ``-0.0``); ``signed``: ``+1.2`` / ``-1.2``, and zero unsigned."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    rounded = no_negative_zero(float(value), digits)  # type: ignore[arg-type]
    text = f"{abs(rounded):.{digits}f}"
    if rounded < 0:
        return f"-{text}"
    return f"+{text}" if signed and rounded > 0 else text


def percent(value: object) -> str:
    """A share (0–1) as "67 %", or "–" when there is none."""
    if value is None or value != value:  # None or NaN
        return "–"
    return f"{float(value) * 100:.0f} %"  # type: ignore[arg-type]


def count(value: object) -> str:
    """A count as a whole number: ``3.0`` → ``3``; None or NaN → ``–``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    return f"{int(value):,}"  # type: ignore[call-overload]


_IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z][a-z0-9]*")


def readable_header(header: object) -> str:
    """A spreadsheet header as people read it on screen: headers written as identifiers
    (``company_size``, ``role``) read ``Company size`` and ``Role``; any other header is shown
    exactly as typed (``Company size``, ``NPS``, ``Größe``). Decision: the column catalogue keeps
    the original; only the display changes, so ``--by company_size`` still matches on the CLI."""
    text = str(header)
    if not _IDENTIFIER.fullmatch(text):
        return text
    words = text.replace("_", " ")
    return words[:1].upper() + words[1:]
