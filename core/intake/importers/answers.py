"""What a column's answers look like, read once per column: ratings or not, which label family,
numbers only; and which columns are ratings by the company they keep."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from core.intake.importers.draft import IMPORTANCE, SATISFACTION
from core.intake.importers.platforms.table import SurveyColumn
from core.intake.labels import label_book, normalise_text
from core.intake.ratings import parse_block, parse_column

RATED_SHARE = 0.9  # a column is ratings when this share of its answers are scale numbers or known labels


@dataclass
class Profile:
    """What a column's answers look like."""

    rating_like: bool
    family: str | None  # importance / satisfaction when the labels say so decisively
    numeric_only: bool  # answered, and only with numbers
    answered: bool = True  # at least one answer


def profile(column: SurveyColumn) -> Profile:
    """Read a column's distinct answers once (kept on the column): ratings or not, label family, numbers only."""
    if column.parsed is None:
        column.parsed = parse_column(column.values)
    parsed = column.parsed
    book = label_book()
    rated = answered = 0
    family_votes: Counter[str] = Counter()
    has_labels = False
    for cell, n in zip(parsed.cells, parsed.counts, strict=True):
        if cell.reason is not None or (cell.number is not None and cell.number < 0):
            continue  # missing, or a negative code (-99: seen but unanswered)
        answered += int(n)
        if cell.number is not None:
            rated += int(n) if cell.number.is_integer() and 0 <= cell.number <= 10 else 0
            if cell.words:  # "5 - Extremely important": the words say which end is which
                has_labels = True
                family_votes.update(book.families_known(cell.words))
        elif cell.label is not None:
            has_labels = True
            families = book.families_known(cell.label)
            if families:
                rated += int(n)
                family_votes.update(families)
    ranked = family_votes.most_common()
    decisive = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
    return Profile(
        answered > 0 and rated >= RATED_SHARE * answered,
        decisive if decisive in (IMPORTANCE, SATISFACTION) else None,
        answered > 0 and not has_labels,
        answered > 0,
    )


def read_at_once(columns: list[SurveyColumn]) -> None:
    """Read the answers of every column not read yet in one pass (:func:`core.intake.ratings.parse_block`),
    as :func:`profile` would one column at a time.

    Decision (issue 12): factorising 303 answer columns of a 5,000-row Qualtrics export one by one
    cost 0.35–0.46 s, most of it pandas' per-call checks and hashing column by column; one
    factorisation of the block gives the same codes, cells and counts. Only columns of Python
    objects of one length are read this way (a platform's answer columns are); any other column
    is read on its own when profiled, as before.
    """
    unread = [c for c in columns if c.parsed is None and isinstance(c.values, np.ndarray) and c.values.dtype == object]
    lengths = {len(c.values) for c in unread}
    if len(unread) < 2 or len(lengths) != 1:
        return
    block = np.empty((lengths.pop(), len(unread)), dtype=object)
    for j, column in enumerate(unread):
        block[:, j] = column.values
    for column, parsed in zip(unread, parse_block(block), strict=True):
        column.parsed = parsed


def ratings_by_company(questions: list[SurveyColumn]) -> set[int]:
    """Columns that are ratings by the company they keep, whatever stray text they hold (it is counted
    as invalid, not taken for an attribute): the columns of grids most of whose columns hold ratings,
    and unanswered columns whose statement a rating column also has or that repeats (Microsoft Forms).
    Wording alone never makes a column a rating: an unanswered column with "important" in its text
    (a display text, a consent text) has no rating values, so it is no rating."""
    read_at_once(questions)  # every question is profiled below
    votes: dict[str, list[bool]] = defaultdict(list)
    for column in questions:
        if column.block:
            votes[column.block].append(profile(column).rating_like)
    grids = {block for block, rated in votes.items() if sum(rated) > len(rated) / 2}
    seen = Counter(normalise_text(c.statement) for c in questions if c.statement)
    statements = {normalise_text(c.statement) for c in questions if c.statement and profile(c).rating_like}
    statements |= {key for key, n in seen.items() if n > 1}
    unanswered = [c for c in questions if not profile(c).answered]
    return {c.index for c in questions if c.block in grids} | {
        c.index for c in unanswered if c.statement and normalise_text(c.statement) in statements
    }
