"""One rule for "nothing to score", in every layout.

Opportunity needs an importance AND a satisfaction rating of the same outcome. When no outcome
has both — a canonical table with ``imp_a`` and ``sat_b``, an importance-only long table, a
platform export whose questions say nothing about importance or satisfaction — the import stops
with the same message: how many importance and satisfaction columns were found, that no outcome
has both, which other columns looked like ratings and why they were not used, and what to do.
The same holds for the ratings themselves (:func:`nothing_rated`): columns that pair up but whose
cells give no outcome a valid rating of both measures (a long table with every satisfaction cell
blank, ``sat_o1`` empty) stop the import too, instead of scoring outcomes with no opportunity.
"""

from __future__ import annotations

import pandas as pd

from core.intake.importers.draft import IMPORTANCE, SATISFACTION, Draft
from core.intake.importers.headers import outcome_key
from core.wording import agree, plural

SCREEN_FIX = "pair them on the column-mapping screen or rename them imp_<id>/sat_<id>"


def _count(n: int, what: str) -> str:
    return plural(n, f"{what} column")


def paired_outcomes(draft: Draft) -> set[str]:
    """The outcomes with both an importance and a satisfaction column (long table: all, when it has both)."""
    if draft.long is not None:
        both = draft.long.importance_header is not None and draft.long.satisfaction_header is not None
        return {"*"} if both else set()
    rated = {IMPORTANCE: set(), SATISFACTION: set()}
    for column in draft.wide:
        rated.setdefault(column.measure, set()).add(outcome_key(column.outcome_id))  # imp_O1 pairs with sat_o1
    return rated[IMPORTANCE] & rated[SATISFACTION]


def counts(draft: Draft) -> tuple[int, int]:
    """(importance columns, satisfaction columns) found."""
    if draft.long is not None:
        return int(draft.long.importance_header is not None), int(draft.long.satisfaction_header is not None)
    return (
        sum(c.measure == IMPORTANCE for c in draft.wide),
        sum(c.measure == SATISFACTION for c in draft.wide),
    )


def _short(header: str) -> str:
    """A header short enough to list: its start and its end (where a grid row's label is)."""
    return f"'{header[:24]}…{header[-32:]}'" if len(header) > 60 else f"'{header}'"


def _unplaced(draft: Draft) -> str:
    """Which columns looked like ratings and why they were not used, grouped by the reason."""
    if not draft.unplaced:
        return ""
    by_reason: dict[str, list[str]] = {}
    for header, why in draft.unplaced:
        by_reason.setdefault(why, []).append(header)
    parts = []
    for why, headers in by_reason.items():
        shown = ", ".join(_short(h) for h in headers[:5]) + (
            f" and {len(headers) - 5} more" if len(headers) > 5 else ""
        )
        parts.append(f"{shown} ({why})")
    n = len(draft.unplaced)
    return f" {plural(n, 'column')} looked like ratings but {agree(n, 'was', 'were')} not used: {'; '.join(parts)}."


def nothing_to_score(draft: Draft) -> tuple[str, str] | None:
    """(message, fix) when no outcome has both measures; None when something can be scored."""
    if paired_outcomes(draft):
        return None
    importance, satisfaction = counts(draft)
    text = (
        f"Nothing to score: {_count(importance, 'importance')}, {_count(satisfaction, 'satisfaction')}, "
        f"no outcome has both.{_unplaced(draft)}"
    )
    if draft.long is not None:
        fix = (
            "Give the table both an 'importance' and a 'satisfaction' column (one row per respondent and "
            f"outcome); for a wide table, {SCREEN_FIX}."
        )
    elif draft.platform is not None:
        fix = (
            f"Mark the rating columns on the column-mapping screen (importance and satisfaction of each "
            "outcome); or reword the questions so they ask how important / how satisfied; or export the "
            f"answer text (labels), which says it. In a table: {SCREEN_FIX}."
        )
    else:
        fix = f"Give each outcome both an importance and a satisfaction column: {SCREEN_FIX} (the same <id> for both)."
    return text, fix


def _outcomes(n: int) -> str:
    return plural(n, "outcome")


def nothing_rated(ratings: pd.DataFrame) -> tuple[str, str] | None:
    """(message, fix) when no outcome has a valid importance AND a valid satisfaction rating in the
    imported cells (``ratings``: outcome_id, importance, satisfaction; invalid cells already NULL);
    None when something can be scored. One respondent rating both settles it without a grouping."""
    if (ratings["importance"].notna() & ratings["satisfaction"].notna()).any():
        return None
    rated = ratings.groupby("outcome_id", observed=True)[["importance", "satisfaction"]].count() > 0
    importance, satisfaction = int(rated["importance"].sum()), int(rated["satisfaction"].sum())
    if (rated["importance"] & rated["satisfaction"]).any():
        return None  # both measures, from different respondents: per item, it scores
    text = (
        f"Nothing to score: {_outcomes(importance)} with valid importance ratings, {_outcomes(satisfaction)} "
        "with valid satisfaction ratings, no outcome has both (the other rating cells are blank or not on "
        "the scale)."
    )
    fix = (
        "Check that both rating columns hold ratings on the scale (numbers or Likert labels) for the same "
        "outcomes, or declare the scale if it is not the one detected."
    )
    return text, fix
