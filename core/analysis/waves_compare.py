"""Comparing two survey waves per outcome and per step, with a significance test (issue 14.5).

Per outcome, from each wave's scores (core.analysis.scoring.outcome_scores, one query per wave):
n, importance, satisfaction and opportunity in each wave, the change of each (second − first),
and a two-sided p-value for the importance and the satisfaction change, computed from the counts
(vectorised over outcomes, no loop per respondent):

* **top-two-box** method: the two-proportion z-test on the top-box shares, pooled standard error
  ``z = (p₂ − p₁) / √(p(1 − p)(1/n₁ + 1/n₂))`` with ``p = (k₁ + k₂)/(n₁ + n₂)``;
* **mean** method: Welch's t-test from each wave's mean, standard deviation and n, with the
  Welch–Satterthwaite degrees of freedom.

A change is **significant** when p < 0.05 (:data:`ALPHA`). No p-value (None) when a wave has no
rating of the outcome (or fewer than two under the mean method). The waves are independent samples
of respondents; a respondent who answered both waves is not paired (the counts do not say who).

Per step: the mean of its outcomes' scores in each wave (as core.analysis.scoring.step_scores),
the change, and how many of its outcomes rose or fell significantly. A step gets no p-value of
its own: one respondent's ratings of a step's outcomes are not independent, so pooling them into
one test would overstate the evidence; the counts of significant outcomes say it plainly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import ndtr, stdtr

ALPHA = 0.05
MEASURES = ("importance", "satisfaction", "opportunity")
METHOD_NOTES = {
    "top2box": "two-proportion z-test on the top-two-box shares",
    "mean": "Welch's t-test on the mean ratings",
}


def proportion_p_values(k1, n1, k2, n2) -> np.ndarray:
    """Two-sided p-values of the pooled two-proportion z-test, elementwise (NaN without data)."""
    k1, n1, k2, n2 = (np.asarray(a, dtype=float) for a in (k1, n1, k2, n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = (k1 + k2) / (n1 + n2)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        diff = k2 / n2 - k1 / n1
        z = np.where(se > 0, diff / se, np.where(diff == 0, 0.0, np.inf))
        p = 2 * ndtr(-np.abs(z))
    return np.where((n1 > 0) & (n2 > 0), p, np.nan)


def welch_p_values(m1, s1, n1, m2, s2, n2) -> np.ndarray:
    """Two-sided p-values of Welch's t-test from means, sample sds and ns, elementwise."""
    m1, s1, n1, m2, s2, n2 = (np.asarray(a, dtype=float) for a in (m1, s1, n1, m2, s2, n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        v1, v2 = s1**2 / n1, s2**2 / n2
        se = np.sqrt(v1 + v2)
        diff = m2 - m1
        t = np.where(se > 0, diff / se, np.where(diff == 0, 0.0, np.inf))
        df = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
        df = np.where(np.isfinite(df) & (df > 0), df, 1.0)
        p = 2 * stdtr(df, -np.abs(t))
    return np.where((n1 > 1) & (n2 > 1), p, np.nan)


def _p_values(first: pd.DataFrame, second: pd.DataFrame, measure: str, method: str) -> np.ndarray:
    n1, n2 = first[f"n_{measure}"].to_numpy(float), second[f"n_{measure}"].to_numpy(float)
    if method == "mean":
        return welch_p_values(
            first[f"{measure}_mean"], first[f"{measure}_sd"], n1, second[f"{measure}_mean"], second[f"{measure}_sd"], n2
        )
    # the score is 10 × top / n with top a whole count: recovered exactly by rounding
    k1 = np.round(first[measure].to_numpy(float) * n1 / 10)
    k2 = np.round(second[measure].to_numpy(float) * n2 / 10)
    return proportion_p_values(k1, n1, k2, n2)


def compare_scores(first: pd.DataFrame, second: pd.DataFrame, method: str, key: str = "outcome_id") -> pd.DataFrame:
    """Per ``key`` (outcome_id; or competitor and outcome_id): each wave's n and scores, the changes,
    the p-values and whether each change is significant. ``first`` and ``second`` are
    outcome_scores frames on the same outcomes (the keys are aligned, missing ones count as unrated)."""
    keys = [key] if isinstance(key, str) else list(key)
    left = first.set_index(keys)
    right = second.set_index(keys).reindex(left.index)
    out = pd.DataFrame(index=left.index)
    for measure in ("importance", "satisfaction"):
        out[f"first_n_{measure}"] = left[f"n_{measure}"].fillna(0).astype(int)
        out[f"second_n_{measure}"] = right[f"n_{measure}"].fillna(0).astype(int)
    for measure in MEASURES:
        out[f"first_{measure}"] = left[measure].astype(float)
        out[f"second_{measure}"] = right[measure].astype(float)
        out[f"{measure}_change"] = out[f"second_{measure}"] - out[f"first_{measure}"]
    right = right.fillna({"n_importance": 0, "n_satisfaction": 0})
    for measure in ("importance", "satisfaction"):
        p = _p_values(left, right, measure, method)
        out[f"{measure}_p_value"] = p
        # None (not False) without a p-value: "no significant change" would be a claim
        significant = [None if np.isnan(value) else bool(value < ALPHA) for value in p]  # per outcome, not rating
        out[f"{measure}_significant"] = pd.Series(significant, index=out.index, dtype=object)
    return out.reset_index()


def outcome_comparison(first: pd.DataFrame, second: pd.DataFrame, method: str) -> pd.DataFrame:
    """:func:`compare_scores` per outcome, with the statement and the step (in job order)."""
    compared = compare_scores(first, second, method)
    labels = first[["outcome_id", "statement", "step_id", "step", "step_order"]]
    return labels.merge(compared, on="outcome_id", how="left")


def step_comparison(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Per step: mean scores in each wave, the changes, and the outcomes that rose or fell
    significantly (importance and satisfaction)."""
    frame = outcomes.copy()
    for measure in ("importance", "satisfaction"):
        significant = frame[f"{measure}_significant"].fillna(False).astype(bool)
        frame[f"{measure}_rose"] = significant & (frame[f"{measure}_change"] > 0)
        frame[f"{measure}_fell"] = significant & (frame[f"{measure}_change"] < 0)
    keys = ["step_order", "step_id", "step"]
    grouped = frame.groupby(keys, sort=False)
    means = grouped[[f"{side}_{m}" for m in MEASURES for side in ("first", "second")]].mean()
    sums = grouped[[f"{m}_{way}" for m in ("importance", "satisfaction") for way in ("rose", "fell")]].sum()
    steps = pd.concat([grouped["outcome_id"].count().rename("n_outcomes"), means, sums], axis=1).reset_index()
    for measure in MEASURES:
        steps[f"{measure}_change"] = steps[f"second_{measure}"] - steps[f"first_{measure}"]
    return steps.sort_values("step_order").reset_index(drop=True)


def significant_only(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows whose importance or satisfaction changed significantly."""
    mask = frame["importance_significant"].fillna(False) | frame["satisfaction_significant"].fillna(False)
    return frame[mask.astype(bool)]
