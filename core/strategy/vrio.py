"""The Capability–Need Connection Matrix's rules, as pure functions (issue 13.1).

Everything here takes plain values or DataFrames and returns them; the workspace side is
core.strategy.capabilities and the page's view core.views.capabilities.

**VRIO** (Barney): each capability is asked in order Valuable? Rare? Inimitable? Organized to
exploit? The implication is decided by the first "no" on that path, except that being organized
only matters once the first three hold:

==========  ======  ==========  =========  ==========================
Valuable    Rare    Inimitable  Organized  implication
==========  ======  ==========  =========  ==========================
no          any     any         any        competitive disadvantage
yes         no      any         any        competitive parity
yes         yes     no          any        temporary advantage
yes         yes     yes         no         unused advantage
yes         yes     yes         yes        sustained advantage
==========  ======  ==========  =========  ==========================

Decisions for the combinations the framework leaves open: a capability that is not valuable is a
disadvantage whatever else holds (effort spent on it buys nothing); not rare means parity even
when it is hard to copy (competitors already have it); valuable and rare but imitable is a
temporary advantage whether or not it is organized (V+R+O without I, and V+R without I or O). A
question not answered yet counts as "no" (the cautious reading).

**Valuable, derived**: a capability is valuable when it has a link at *enables* or *critical* to a
need whose opportunity is at or above the "high" band; the facilitator can override it.

**Unlock** (investment priority): the opportunity a capability unlocks is the sum, over the needs
shown as columns, of the need's opportunity × the link's weight: supports ⅓, enables ⅔,
critical 1 (the link level / 3: a critical capability unlocks the whole opportunity of the need).

**Resource requirement**: cost + effort, each low / medium / high = 1 / 2 / 3 points, or a number
the facilitator typed (read as points on the same scale). When only one is known, that one
counts; when neither is, the capability is "not sized" and left off the chart.

**Critical gap**: a column whose need was chosen to differentiate on (its step is *differentiate*
in the active focus scenario) or is an extreme opportunity, with no capability linked at
*enables* or better whose current strength is at least 2. Gaps are listed by opportunity, highest first.
"""

from __future__ import annotations

import math

import pandas as pd

from core.wording import plural

NONE, SUPPORTS, ENABLES, CRITICAL = 0, 1, 2, 3
LINK_LABELS = {NONE: "none", SUPPORTS: "supports", ENABLES: "enables", CRITICAL: "critical"}
LINK_WEIGHTS = {NONE: 0.0, SUPPORTS: 1 / 3, ENABLES: 2 / 3, CRITICAL: 1.0}
LEVEL_POINTS = {"low": 1.0, "medium": 2.0, "high": 3.0}
STRONG_ENOUGH = 2  # current strength (0..3) a capability needs to close a gap
BARRIERS = ("proprietary data", "network effect", "know-how", "patents", "brand", "culture")

DISADVANTAGE = "competitive disadvantage"
PARITY = "competitive parity"
TEMPORARY = "temporary advantage"
UNUSED = "unused advantage"
SUSTAINED = "sustained advantage"
IMPLICATIONS = (DISADVANTAGE, PARITY, TEMPORARY, UNUSED, SUSTAINED)


def implication(valuable: bool | None, rare: bool | None, inimitable: bool | None, organized: bool | None) -> str:
    """The VRIO implication of one capability (table in the module docstring; None counts as no)."""
    if not valuable:
        return DISADVANTAGE
    if not rare:
        return PARITY
    if not inimitable:
        return TEMPORARY
    return SUSTAINED if organized else UNUSED


def level_points(value: object) -> float | None:
    """A cost or effort as points: low/medium/high → 1/2/3, a number as itself, blank → None.

    Raises ValueError with a sentence for anything else (a negative number, a word).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip().lower()
    if not text:
        return None
    if text in LEVEL_POINTS:
        return LEVEL_POINTS[text]
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        raise ValueError(f"“{value}” is not low, medium, high or a number.") from None
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"“{value}” is not a number of points of 0 or more.")
    return number


def requirement(cost: object, effort: object) -> float | None:
    """cost + effort in points; the one known when the other is blank; None when neither is."""
    known = [p for p in (level_points(cost), level_points(effort)) if p is not None]
    return sum(known) if known else None


def unlock(links: pd.DataFrame, columns: pd.DataFrame) -> pd.Series:
    """Opportunity unlocked per capability_id: Σ over column needs of opportunity × link weight.

    ``links``: capability_id, outcome_id, strength; ``columns``: outcome_id, opportunity.
    Capabilities without a link to a column are absent (the caller fills 0).
    """
    merged = links.merge(columns[["outcome_id", "opportunity"]], on="outcome_id")
    weights = merged["strength"].map(LINK_WEIGHTS).fillna(0.0)
    merged = merged.assign(unlocked=merged["opportunity"].fillna(0.0) * weights)
    return merged.groupby("capability_id")["unlocked"].sum()


def derived_valuable(links: pd.DataFrame, opportunities: pd.DataFrame, high: float) -> set[str]:
    """Capabilities with a link ≥ enables to a need whose opportunity is ≥ ``high``."""
    merged = links.merge(opportunities[["outcome_id", "opportunity"]], on="outcome_id")
    chosen = merged[(merged["strength"] >= ENABLES) & (merged["opportunity"] >= high)]
    return set(chosen["capability_id"])


def covered_needs(links: pd.DataFrame, capabilities: pd.DataFrame) -> set[str]:
    """Needs with a link ≥ enables from a capability whose current strength is ≥ 2."""
    strong = set(capabilities.loc[capabilities["strength"].fillna(0) >= STRONG_ENOUGH, "capability_id"])
    enabling = links[(links["strength"] >= ENABLES) & links["capability_id"].isin(strong)]
    return set(enabling["outcome_id"])


def gaps(columns: pd.DataFrame, links: pd.DataFrame, capabilities: pd.DataFrame) -> pd.DataFrame:
    """The critical gaps among ``columns`` (which carry a boolean ``must_cover``), by opportunity.

    A gap is a column that must be covered (chosen to differentiate on, or extreme) and is not
    (see :func:`covered_needs`). Returns the gap columns' rows, highest opportunity first.
    """
    covered = covered_needs(links, capabilities)
    mask = columns["must_cover"] & ~columns["outcome_id"].isin(covered)
    return columns[mask].sort_values("opportunity", ascending=False, kind="stable").reset_index(drop=True)


def summary_line(name: str, verdict: str, strength: object, unlocked: float, n_needs: int) -> str:
    """One line per capability: "OCR engine — temporary advantage; strength 2/3; unlocks 12.0 across 2 needs"."""
    rated = "not rated" if strength is None or pd.isna(strength) else f"{int(strength)}/3"  # type: ignore[arg-type]
    return f"{name} — {verdict}; strength {rated}; unlocks {unlocked:.1f} across {plural(n_needs, 'need')}"
