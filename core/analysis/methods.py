"""Other ways of scoring, side by side with the opportunity score (issue 16.1).

Every method reads the scores of core.analysis.scoring (one scoring query, run under each method's
footing), so no second scoring path exists:

* ``opportunity`` — the default: top-two-box importance I and satisfaction S (0–10),
  opportunity = I + max(I − S, 0);
* ``opportunity_mean`` — the same formula on the means rescaled to 0–10 (the ``mean`` method);
* ``ipa`` — importance–performance analysis on the rescaled means: quadrants at the grand means
  Ī and S̄ (the mean over the outcomes): *concentrate here* (I ≥ Ī, S < S̄), *keep up the good work*
  (I ≥ Ī, S ≥ S̄), *low priority* (I < Ī, S < S̄), *possible overkill* (I < Ī, S ≥ S̄). IPA has no
  score of its own, so it ranks by quadrant in that order — importance decides first, as IPA is
  read — and within a quadrant by (I − Ī) − (S − S̄), how far toward the "concentrate" corner;
* ``gap`` — importance − satisfaction on the rescaled means (−10…10).

IPA and the gap use the means because that is how both are defined (mean importance, mean
performance); they share the 0–10 footing of the other methods.

Ranks: 1 = the highest score; ties broken by importance, then job order, so every outcome has a
distinct rank (the ranks the Opportunities page shows). An outcome without a score under a method
has no rank there. Agreement with the default: Spearman's ρ on the scores (ties share their mean
rank) over the outcomes both rank, and how many of the default's top 10 the method's top 10 holds.
The outcomes whose rank moves most get a reason derived from their numbers (core/analysis/method_reasons.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analysis.method_reasons import Context, reason
from core.analysis.scoring import ScoringSettings, outcome_scores, with_settings
from core.intake.scales import Scale
from core.intake.store import survey_info
from core.workspace.database import Workspace

DEFAULT = "opportunity"
METHODS = ("opportunity", "opportunity_mean", "ipa", "gap")
LABELS = {
    "opportunity": "Opportunity score (top-two-box)",
    "opportunity_mean": "Opportunity score (means, 0–10)",
    "ipa": "Importance–performance analysis",
    "gap": "Gap score",
}
FORMULAS = {
    "opportunity": "I + max(I − S, 0); I, S = 10 × share of valid ratings in the top two points",
    "opportunity_mean": "I + max(I − S, 0); I, S = mean rating rescaled to 0–10: 10 × (mean − low) / (high − low)",
    "ipa": "quadrant at the grand means Ī, S̄ of the rescaled means (concentrate here → keep up the good work → "
    "low priority → possible overkill), then (I − Ī) − (S − S̄)",
    "gap": "I − S on the means rescaled to 0–10 (−10…10)",
}
QUADRANTS = ("concentrate here", "keep up the good work", "low priority", "possible overkill")
TOP = 10
MOVERS = 5


@dataclass(frozen=True)
class MethodsComparison:
    """Every outcome under every method, the agreement with the default and the biggest movers."""

    outcomes: pd.DataFrame  # one row per outcome: scores, ipa_quadrant, rank_<method>
    agreement: pd.DataFrame  # method, label, formula, spearman, top_overlap, top_n, compared
    movers: pd.DataFrame  # method, label, outcome_id, statement, step, rank_default, rank_method, shift, why
    grand_importance: float  # Ī of the rescaled means (NaN without scores)
    grand_satisfaction: float  # S̄


def ranks(scores: pd.Series, importance: pd.Series) -> pd.Series:
    """Distinct ranks, 1 = highest score, ties by importance then the given (job) order; NaN where no score."""
    frame = pd.DataFrame({"score": scores, "importance": importance, "order": np.arange(len(scores))})
    ranked = frame.dropna(subset=["score"]).sort_values(
        ["score", "importance", "order"], ascending=[False, False, True], na_position="last"
    )
    return pd.Series(np.arange(1, len(ranked) + 1, dtype=float), index=ranked.index).reindex(scores.index)


def spearman(a: pd.Series, b: pd.Series) -> float | None:
    """Spearman's ρ of two score series over the items both have; None when fewer than two or
    when one of them does not vary (ρ is undefined then)."""
    both = pd.DataFrame({"a": a, "b": b}).dropna()
    if len(both) < 2 or both["a"].nunique() < 2 or both["b"].nunique() < 2:
        return None
    return float(both["a"].rank().corr(both["b"].rank()))


def top_overlap(rank_a: pd.Series, rank_b: pd.Series, top: int = TOP) -> tuple[int, int]:
    """(how many of a's top ``top`` are in b's top ``top``, the size of the top compared)."""
    both = pd.DataFrame({"a": rank_a, "b": rank_b}).dropna()
    size = min(top, len(both))
    in_a = set(both.sort_values("a").index[:size])
    in_b = set(both.sort_values("b").index[:size])
    return len(in_a & in_b), size


def quadrants(importance: pd.Series, satisfaction: pd.Series) -> tuple[pd.Series, float, float]:
    """IPA quadrant of each outcome at the grand means (returned too); None without scores."""
    grand_i, grand_s = float(importance.mean()), float(satisfaction.mean())
    high_i, high_s = importance >= grand_i, satisfaction >= grand_s
    names = np.select(
        [high_i & ~high_s, high_i & high_s, ~high_i & ~high_s, ~high_i & high_s], list(QUADRANTS), default=""
    )
    named = pd.Series(names, index=importance.index, dtype=object)
    return named.mask(named.eq("") | importance.isna() | satisfaction.isna()), grand_i, grand_s


def method_scores(top2box: pd.DataFrame, means: pd.DataFrame) -> tuple[pd.DataFrame, float, float]:
    """One row per outcome (in job order) with each method's score and the numbers behind it.

    ``top2box`` and ``means``: outcome_scores of one group under the top-two-box and the mean method."""
    frame = top2box[["outcome_id", "statement", "step", "step_order", "n_importance", "n_satisfaction"]].copy()
    frame["importance"], frame["satisfaction"] = top2box["importance"], top2box["satisfaction"]
    frame["opportunity"] = top2box["opportunity"]
    m = means.set_index("outcome_id").reindex(frame["outcome_id"])
    for column in ("importance", "satisfaction", "opportunity"):
        frame[f"{column}_mean10"] = m[column].to_numpy()
    for column in ("importance_mean", "satisfaction_mean", "importance_sd", "satisfaction_sd"):
        frame[column] = m[column].to_numpy()
    frame["gap"] = frame["importance_mean10"] - frame["satisfaction_mean10"]
    quadrant, grand_i, grand_s = quadrants(frame["importance_mean10"], frame["satisfaction_mean10"])
    frame["ipa_quadrant"] = quadrant
    lean = (frame["importance_mean10"] - grand_i) - (frame["satisfaction_mean10"] - grand_s)
    priority = quadrant.map({q: len(QUADRANTS) - i for i, q in enumerate(QUADRANTS)})
    frame["ipa"] = priority * 100 + lean  # the quadrant first (lean stays within ±20), then the lean
    return frame.reset_index(drop=True), grand_i, grand_s


SCORE_OF = {"opportunity": "opportunity", "opportunity_mean": "opportunity_mean10", "ipa": "ipa", "gap": "gap"}
IMPORTANCE_OF = {"opportunity": "importance", "opportunity_mean": "importance_mean10", "ipa": "importance_mean10"}


def compare(top2box: pd.DataFrame, means: pd.DataFrame, scale: Scale, *, top: int = TOP) -> MethodsComparison:
    """Rank every outcome under every method and compare each with the default (pure)."""
    frame, grand_i, grand_s = method_scores(top2box, means)
    for method in METHODS:
        importance = frame[IMPORTANCE_OF.get(method, "importance_mean10")]
        frame[f"rank_{method}"] = ranks(frame[SCORE_OF[method]], importance)
    rows, movers = [], []
    context = Context(frame, scale, grand_i, grand_s)
    for method in METHODS:
        overlap, size = top_overlap(frame[f"rank_{DEFAULT}"], frame[f"rank_{method}"], top)
        compared = int(frame[[f"rank_{DEFAULT}", f"rank_{method}"]].notna().all(axis=1).sum())
        rho = spearman(frame[SCORE_OF[DEFAULT]], frame[SCORE_OF[method]])
        rows.append((method, LABELS[method], FORMULAS[method], rho, overlap, size, compared))
        if method != DEFAULT:
            movers.append(_movers(frame, method, context))
    agreement = pd.DataFrame(
        rows, columns=["method", "label", "formula", "spearman", "top_overlap", "top_n", "compared"]
    )
    moved = pd.concat(movers, ignore_index=True) if movers else pd.DataFrame()
    return MethodsComparison(frame, agreement, moved, grand_i, grand_s)


def _movers(frame: pd.DataFrame, method: str, context: Context) -> pd.DataFrame:
    shift = frame[f"rank_{method}"] - frame[f"rank_{DEFAULT}"]
    moved = frame.assign(shift=shift, size=shift.abs()).dropna(subset=["shift"])
    moved = moved[moved["size"] > 0].sort_values(["size", f"rank_{DEFAULT}"], ascending=[False, True]).head(MOVERS)
    return pd.DataFrame(
        {
            "method": method,
            "label": LABELS[method],
            "outcome_id": moved["outcome_id"],
            "statement": moved["statement"],
            "step": moved["step"],
            "rank_default": moved[f"rank_{DEFAULT}"].astype(int),
            "rank_method": moved[f"rank_{method}"].astype(int),
            "shift": moved["shift"].astype(int),
            "why": [reason(method, int(index), context) for index in moved.index],
        }
    )


def methods_comparison(
    workspace: Workspace, settings: ScoringSettings | None = None, *, by: str | None = None, group: str = "All"
) -> MethodsComparison:
    """The comparison for one group (``"All"``: everyone) under the workspace's counting rule and
    bands; the method setting does not matter — every method is computed."""
    settings = settings or ScoringSettings()
    info = survey_info(workspace)
    scale = info.scale if info else Scale(1, 5, (4, 5))
    scored = {}
    for method in ("top2box", "mean"):
        frame = outcome_scores(workspace, with_settings(settings, method=method), by=by)
        scored[method] = frame[frame["group"] == group].reset_index(drop=True)
    return compare(scored["top2box"], scored["mean"], scale)
