"""Growth strategy by segment (issue 16.3): where each segment, and the whole market, sits among
the growth strategies of the jobs-to-be-done approach. SQL: ``core/sql/growth.sql``.

**Figures** per segment of a saved segmentation, each scored *within* the segment with the
workspace's scoring (core.analysis.scoring.outcome_scores with ``by='segmentation:<id>'``), and
for the whole market (everyone):

* ``share`` — the segment's respondents / all respondents;
* ``underserved_share`` — share of its scored outcomes at or above the *high* band (12);
  ``mean_opportunity`` beside it;
* ``overserved_share`` — share of its scored outcomes the scoring marks overserved
  (satisfaction above importance by more than the overserved margin, 1 point);
* ``wtp_median`` — the median willingness to pay of its respondents (core.analysis.wtp), when
  the survey has a WTP attribute;
* ``alternatives_share`` — of its underserved outcomes, the share that is white space (every
  compared competitor below the critical threshold, core.analysis.competition.white_space).

**The rule** (:func:`place`), in this order, with the defaults of :class:`GrowthRules`:

1. *discrete* — underserved (``underserved_share`` ≥ 25 %) with few alternatives: at least half
   of its underserved outcomes are white space. Needs competitor data; without it, skipped.
2. *differentiated* — underserved and willing to pay more: median WTP at least 10 % above the
   market's median. Needs WTP.
3. *dominant* — underserved but not willing to pay more: it must get better *and* cheaper.
   Needs WTP: **without WTP an underserved segment is placed differentiated, and the reason says
   that differentiated and dominant cannot be told apart** (the facilitator confirms or overrides).
4. *disruptive* — overserved (``overserved_share`` ≥ 25 %) and not willing to pay more: it
   would accept a worse solution for less. Without WTP the price condition is skipped (stated).
5. *sustaining* — the rest: served, incremental gains; also an overserved segment that pays more.

A segment's WTP counts only with at least 10 answers; fewer is treated as unknown for it.
The facilitator's override (:func:`set_override`) is stored in ``growth_overrides`` at once and
round-trips the workspace file; the whole market row uses the segmentation id ``market``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analysis.scoring import ScoringSettings
from core.sqlfiles import one_row, query
from core.workspace.database import Workspace

STRATEGIES = ("differentiated", "dominant", "disruptive", "discrete", "sustaining")
MEANINGS = {
    "differentiated": "underserved and willing to pay more for a better solution",
    "dominant": "underserved but not paying more: better and cheaper",
    "disruptive": "overserved: would accept worse for less",
    "discrete": "underserved with few alternatives",
    "sustaining": "served: incremental gains",
}
MARKET_ID = "market"
MARKET_NAME = "Whole market"
COLUMNS = [
    "segment",
    "is_market",
    "n",
    "share",
    "n_outcomes",
    "n_underserved",
    "underserved_share",
    "mean_opportunity",
    "n_overserved",
    "overserved_share",
    "wtp_n",
    "wtp_median",
    "alternatives_share",
]


class GrowthError(ValueError):
    """An override that cannot be saved; nothing was changed."""


@dataclass(frozen=True)
class GrowthRules:
    """The thresholds of the placement rule (module docstring)."""

    underserved_min: float = 0.25  # share of outcomes ≥ the high band
    overserved_min: float = 0.25  # share of overserved outcomes
    wtp_premium: float = 0.10  # median WTP at least this much above the market's: "pays more"
    wtp_min_answers: int = 10  # fewer WTP answers in a segment: its WTP is unknown
    alternatives_min: float = 0.5  # share of underserved outcomes that are white space: "few alternatives"


def growth_metrics(
    scores: pd.DataFrame,
    market: pd.DataFrame,
    scoring: ScoringSettings,
    wtp: pd.DataFrame | None = None,
    white_space: set[str] | None = None,
) -> pd.DataFrame:
    """One row per segment of ``scores`` (outcome_scores by a segmentation), then the whole market.

    ``market``: outcome_scores of everyone. ``wtp``: respondent_wtp (wtp, segment) or None when
    the survey has no WTP. ``white_space``: outcome ids nobody serves acceptably, or None without
    competitor data. Columns: :data:`COLUMNS`.
    """
    whole = market.assign(group=MARKET_NAME)
    frame = pd.concat([scores.assign(is_market=False), whole.assign(is_market=True)], ignore_index=True)
    scored = frame[frame["opportunity"].notna()].copy()
    scored["high"] = scored["opportunity"] >= scoring.high
    scored["over"] = scored["overserved"].astype(bool)
    scored["space"] = scored["high"] & scored["outcome_id"].isin(white_space or set())
    keys = ["group", "is_market"]
    sizes = frame.groupby(keys, sort=False)["group_n"].max()
    agg = scored.groupby(keys, sort=False).agg(
        n_outcomes=("outcome_id", "count"),
        n_underserved=("high", "sum"),
        mean_opportunity=("opportunity", "mean"),
        n_overserved=("over", "sum"),
        n_space=("space", "sum"),
    )
    table = pd.DataFrame({"n": sizes}).join(agg).reset_index().rename(columns={"group": "segment"})
    table = table.fillna({"n_outcomes": 0, "n_underserved": 0, "n_overserved": 0, "n_space": 0})
    total = float(table.loc[table["is_market"], "n"].max() or 0)
    table["share"] = table["n"] / total if total else np.nan
    outcomes = table["n_outcomes"].replace(0, np.nan)
    table["underserved_share"] = table["n_underserved"] / outcomes
    table["overserved_share"] = table["n_overserved"] / outcomes
    under = table["n_underserved"].replace(0, np.nan)
    table["alternatives_share"] = table["n_space"] / under if white_space is not None else np.nan
    table["wtp_n"], table["wtp_median"] = 0, np.nan
    if wtp is not None and len(wtp):
        by = wtp.dropna(subset=["segment"]).groupby("segment")["wtp"]
        table.loc[~table["is_market"], "wtp_n"] = table["segment"].map(by.size()).fillna(0)
        table.loc[~table["is_market"], "wtp_median"] = table["segment"].map(by.median())
        table.loc[table["is_market"], "wtp_n"] = len(wtp)
        table.loc[table["is_market"], "wtp_median"] = float(wtp["wtp"].median())
    table = table.sort_values(["is_market", "n"], ascending=[True, False], kind="stable")
    for column in ("n", "n_outcomes", "n_underserved", "n_overserved", "wtp_n"):
        table[column] = table[column].astype(int)
    return table[COLUMNS].reset_index(drop=True)


def _pct(value: float) -> str:
    return f"{100 * value:.0f} %"


def _amount(value: float) -> str:
    """An amount as people read it: whole when it is (nearly) whole, else one decimal."""
    return f"{value:,.0f}" if abs(value - round(value)) < 0.05 else f"{value:,.1f}"


def place(
    row: pd.Series | dict, rules: GrowthRules, market_wtp: float | None, has_competitors: bool
) -> tuple[str, str]:
    """(strategy, reason) of one row of :func:`growth_metrics` by the rule (module docstring)."""
    under_share = 0.0 if pd.isna(row["underserved_share"]) else float(row["underserved_share"])
    over_share = 0.0 if pd.isna(row["overserved_share"]) else float(row["overserved_share"])
    underserved = under_share >= rules.underserved_min
    overserved = over_share >= rules.overserved_min
    under_text = (
        f"{_pct(under_share)} of outcomes at or above the high band (underserved from {_pct(rules.underserved_min)})"
    )
    over_text = f"{_pct(over_share)} of outcomes overserved (overserved from {_pct(rules.overserved_min)})"
    median = row["wtp_median"]
    known = market_wtp is not None and not pd.isna(median) and int(row["wtp_n"]) >= rules.wtp_min_answers
    bar = (market_wtp or 0.0) * (1 + rules.wtp_premium)
    pays_more = known and float(median) >= bar
    wtp_text = (
        f"median WTP {_amount(float(median))} vs {_amount(bar)} needed to pay more "
        f"({_pct(rules.wtp_premium)} above the market's)"
        if known
        else "no willingness to pay known"
        + ("" if market_wtp is None else f" (fewer than {rules.wtp_min_answers} answers)")
    )
    if underserved:
        alternatives = row["alternatives_share"]
        if has_competitors and not pd.isna(alternatives) and float(alternatives) >= rules.alternatives_min:
            return "discrete", (
                f"{under_text}; {_pct(float(alternatives))} of them white space "
                f"(few alternatives from {_pct(rules.alternatives_min)})."
            )
        if not known:
            return "differentiated", (
                f"{under_text}; {wtp_text}: differentiated and dominant cannot be told apart without it — "
                "placed differentiated; confirm or override."
            )
        return ("differentiated" if pays_more else "dominant"), f"{under_text}; {wtp_text}."
    if overserved:
        if not known:
            return "disruptive", f"{over_text}; {wtp_text}: the price condition is skipped."
        if pays_more:
            return "sustaining", f"{over_text} but it pays more: {wtp_text}."
        return "disruptive", f"{over_text}; {wtp_text}."
    return "sustaining", f"{under_text}; {over_text}: served, incremental gains."


def placements(
    metrics: pd.DataFrame,
    rules: GrowthRules,
    has_competitors: bool,
    overrides: dict[str, str] | None = None,
    market: str | None = None,
) -> pd.DataFrame:
    """``metrics`` with ``rule_strategy``, ``reason``, ``override`` (or None) and ``strategy`` (the
    override when there is one, else the rule's). ``overrides``: segment name → strategy;
    ``market``: the whole market's override."""
    market_rows = metrics.loc[metrics["is_market"], "wtp_median"]
    market_wtp = None if market_rows.empty or pd.isna(market_rows.iloc[0]) else float(market_rows.iloc[0])
    placed = [place(row, rules, market_wtp, has_competitors) for _, row in metrics.iterrows()]  # a few segments
    table = metrics.copy()
    table["rule_strategy"] = [p[0] for p in placed]
    table["reason"] = [p[1] for p in placed]
    chosen = overrides or {}
    picked = [
        market if is_market else chosen.get(s)
        for s, is_market in zip(table["segment"], table["is_market"], strict=True)
    ]
    table["override"] = [p if p in STRATEGIES else None for p in picked]
    table["strategy"] = table["override"].where(table["override"].notna(), table["rule_strategy"])
    return table


def rule_lines(rules: GrowthRules, scoring: ScoringSettings, has_wtp: bool, has_competitors: bool) -> list[str]:
    """The placement rule in words, with the thresholds in force (shown on the page)."""
    under = f"at least {_pct(rules.underserved_min)} of its outcomes at or above the high band ({scoring.high:g})"
    pays = f"its median willingness to pay is at least {_pct(rules.wtp_premium)} above the market's"
    lines = [
        f"**Underserved**: {under}. **Overserved**: at least {_pct(rules.overserved_min)} of its outcomes "
        f"overserved (satisfaction above importance by more than {scoring.overserved_margin:g}).",
        f"**Discrete**: underserved, and at least {_pct(rules.alternatives_min)} of those outcomes are white space "
        "(every competitor below the critical threshold)."
        + ("" if has_competitors else " *This survey has no competitor data: not used.*"),
        f"**Differentiated**: underserved and {pays}. **Dominant**: underserved, not paying more.",
        "**Disruptive**: overserved and not paying more. **Sustaining**: the rest.",
    ]
    if not has_wtp:
        lines.append(
            "*This survey has no willingness-to-pay answers: underserved segments are placed differentiated "
            "(dominant cannot be told apart) and disruptive skips the price condition.*"
        )
    return lines


# --- overrides ---------------------------------------------------------------------------
def overrides(workspace: Workspace, segmentation_id: str) -> dict[str, str]:
    """Segment name → the facilitator's strategy, for one segmentation (``market``: the whole market)."""
    rows = workspace.cursor().execute(query("growth", "overrides"), {"segmentation_id": segmentation_id})
    return {str(segment): str(strategy) for segment, strategy in rows.fetchall()}


def set_override(workspace: Workspace, segmentation_id: str, segment: str, strategy: str | None) -> None:
    """Store (or with None, clear) the facilitator's strategy for one segment; saved at once."""
    if strategy is not None and strategy not in STRATEGIES:
        raise GrowthError(f"“{strategy}” is not a growth strategy: use one of {', '.join(STRATEGIES)}.")
    params = {"segmentation_id": segmentation_id, "segment": segment}
    with workspace.transaction() as cur:
        cur.execute(query("growth", "clear_override"), params)
        if strategy is not None:
            cur.execute(query("growth", "set_override"), {**params, "strategy": strategy})
    workspace.touch()


def respondent_wtp(workspace: Workspace, attribute: str, segmentation_id: str | None) -> pd.DataFrame:
    """respondent_id, wtp, segment of the respondents with a numeric answer to the WTP ``attribute``
    (core.analysis.wtp.wtp_attribute), read as core.analysis.wtp reads it (growth.sql)."""
    params = {"attribute": attribute, "segmentation_id": segmentation_id or ""}
    return workspace.cursor().execute(query("growth", "respondent_wtp"), params).df()


def segments_signature(workspace: Workspace) -> str:
    """A digest of the saved segmentations (growth.sql): a cache key that ignores overrides."""
    return str(one_row(workspace.cursor().execute(query("growth", "segments_signature")))[0])
