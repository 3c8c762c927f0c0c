"""The Trade-off Decision Matrix's arithmetic (issue 13.2): criteria, normalisation, weights,
weighted score, rank and sensitivity. Pure functions over DataFrames and dicts; the data
criteria themselves are derived in core.strategy.tradeoffs, stored choices in
core.strategy.tradeoff_store.

Decisions:

* **Normalisation** of a data criterion to 1–5: min–max over the rows that have a value — the
  lowest → 1, the highest → 5, linear in between. When every row has the same value (also: a
  single row) each gets 3, the neutral middle: the criterion does not separate the rows. Rows
  without a value (a hand-added row, a step without competitor ratings) stay empty.
* **Hand criteria** (cost, time to market, risk, strategic fit) are scored 1–5 where 5 is always
  the favourable end: cheapest, fastest, least risky, best fit. Unscored cells stay empty.
* **Weights** are whole percentages summing to 100. Moving one to ``v`` rescales the others
  proportionally to share ``100 − v`` (when all others are 0 they share it equally); whole
  numbers by the largest remainder, ties to the earlier criterion.
* **Weighted score** of a row = Σ weight × score / Σ weight over the criteria the row has a
  score for (1–5); a criterion empty for the row (no competitors, no WTP, not scored yet) leaves
  the rest of the weights to decide instead of counting as 0. Rank 1 is the highest score;
  equal scores share a rank; rows without any score come last.
* **Value vs feasibility**: the same weighted mean over the value criteria (opportunity, unmet
  share, competitive gap, reach, WTP, strategic fit) and over the feasibility criteria
  (capability fit, cost, time to market, risk); quadrants split at the middle, 3.
* **Sensitivity**: each weight is moved by −10 and +10 points (kept within 0–100, the others
  rescaled as above) and the ranks recomputed; a row whose rank changes under any such move
  hangs on that weight, a row whose rank never changes is robust.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Criterion:
    criterion_id: str
    name: str
    short: str  # the slider's label
    kind: str  # "data" | "hand"
    group: str  # "value" | "feasibility"
    weight: int  # default weight, %
    help: str


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "opportunity",
        "Opportunity size",
        "Opportunity",
        "data",
        "value",
        25,
        "mean opportunity of the row's outcomes (0–20)",
    ),
    Criterion(
        "unmet", "Unmet share", "Unmet", "data", "value", 10, "share of the row's outcomes at or above the high band"
    ),
    Criterion(
        "gap", "Competitive gap", "Gap", "data", "value", 15, "ours (or the critical threshold) − best competitor"
    ),
    Criterion("reach", "Segment reach", "Reach", "data", "value", 10, "share of respondents underserved on the row"),
    Criterion("wtp", "Willingness to pay", "WTP", "data", "value", 10, "median WTP of the respondents the row reaches"),
    Criterion(
        "capability", "Capability fit", "Capability", "data", "feasibility", 10, "from the Capabilities matrix (0–1)"
    ),
    Criterion("cost", "Cost", "Cost", "hand", "feasibility", 5, "1 = very costly … 5 = cheap"),
    Criterion("time", "Time to market", "Time", "hand", "feasibility", 5, "1 = years … 5 = weeks"),
    Criterion("risk", "Risk", "Risk", "hand", "feasibility", 5, "1 = very risky … 5 = safe"),
    Criterion("fit", "Strategic fit", "Fit", "hand", "value", 5, "1 = off-strategy … 5 = core to it"),
)
BY_ID = {c.criterion_id: c for c in CRITERIA}
IDS = tuple(c.criterion_id for c in CRITERIA)
DATA_IDS = tuple(c.criterion_id for c in CRITERIA if c.kind == "data")
HAND_IDS = tuple(c.criterion_id for c in CRITERIA if c.kind == "hand")
VALUE_IDS = tuple(c.criterion_id for c in CRITERIA if c.group == "value")
FEASIBILITY_IDS = tuple(c.criterion_id for c in CRITERIA if c.group == "feasibility")
DEFAULT_WEIGHTS = {c.criterion_id: c.weight for c in CRITERIA}
NORMALISATION_RULE = (
    "Data criteria → 1–5 by min–max over the rows with a value: lowest 1, highest 5, linear between; "
    "all equal (or one row) → 3. Hand scores: 5 is always the favourable end."
)
STEP = 10  # sensitivity: each weight ± this many points
MIDDLE = 3.0
HAND_RANGE = (1, 5)  # a hand score: 1 unfavourable … 5 favourable
ROUNDING = 9  # scores equal to 9 decimals are a tie: float noise never splits equal rows


def normalise(values: pd.Series) -> pd.Series:
    """Min–max to 1–5 (module docstring); NaN stays NaN, all equal → 3."""
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    present = numbers.dropna()
    if present.empty:
        return numbers
    low, high = float(present.min()), float(present.max())
    if high - low <= 1e-12 * max(1.0, abs(high)):
        return numbers.where(numbers.isna(), MIDDLE)
    return 1.0 + 4.0 * (numbers - low) / (high - low)


def whole_percentages(shares: dict[str, float], total: int) -> dict[str, int]:
    """Non-negative ``shares`` scaled to whole numbers summing to ``total`` (largest remainder)."""
    if not shares:
        return {}
    mass = sum(shares.values())
    exact = {k: (v / mass * total if mass > 0 else total / len(shares)) for k, v in shares.items()}
    result = {k: int(np.floor(v + 1e-9)) for k, v in exact.items()}
    left = total - sum(result.values())
    order = sorted(exact, key=lambda k: (-(exact[k] - result[k]), list(shares).index(k)))
    for k in order[:left]:
        result[k] += 1
    return result


def complete_weights(stored: dict[str, float]) -> dict[str, int]:
    """Every criterion's weight: stored values (defaults for the missing ones), scaled to sum 100."""
    merged = {c: max(0.0, float(stored.get(c, DEFAULT_WEIGHTS[c]))) for c in IDS}
    return whole_percentages(merged, 100)


def rescale(weights: dict[str, int], moved: str, value: int) -> dict[str, int]:
    """``moved`` set to ``value`` (0–100), the others rescaled proportionally to share the rest."""
    value = int(min(100, max(0, round(float(value)))))
    others = {k: float(w) for k, w in weights.items() if k != moved}
    result = whole_percentages(others, 100 - value)
    result[moved] = value
    return {k: result[k] for k in weights}


def weighted(scores: pd.DataFrame, weights: dict[str, int], criteria: tuple[str, ...] = IDS) -> pd.Series:
    """Σ w·s / Σ w over the criteria each row has a score for (module docstring); NaN without any."""
    columns = [c for c in criteria if c in scores.columns]
    values = scores[columns].astype(float)
    w = pd.Series({c: float(weights.get(c, 0)) for c in columns})
    present = values.notna().astype(float) * w
    total = present.sum(axis=1)
    numerator = (values.fillna(0.0) * w).sum(axis=1)
    return (numerator / total).where(total > 0)


def ranks(score: pd.Series) -> pd.Series:
    """1 = highest; ties share the best rank; rows without a score rank last."""
    ranked = score.round(ROUNDING).rank(ascending=False, method="min")
    last = int(score.notna().sum()) + 1
    return ranked.fillna(last).astype(int)


def _rank_array(score: np.ndarray) -> np.ndarray:
    """:func:`ranks` on a numpy array (1 + rows scoring strictly higher; NaN last)."""
    present = ~np.isnan(score)
    filled = np.where(present, np.round(score, ROUNDING), -np.inf)
    higher = (filled[None, :] > filled[:, None]).sum(axis=1)
    return np.where(present, higher + 1, int(present.sum()) + 1)


def sensitivity(scores: pd.DataFrame, weights: dict[str, int]) -> pd.DataFrame:
    """Per criterion and move (−10, +10): the new weight and the rows whose rank changes.

    ``scores``: one row per matrix row, indexed by its key, one 1–5 column per criterion.
    Columns: criterion, change, weight, new_weight, n_changed, changed (tuple of row keys).
    Criteria no row has a score for are skipped (their weight changes nothing); a move that
    cannot change the weight (already 0 or 100) is skipped. Computed with numpy (one matrix
    product per move): the page redraws it on every weight change.
    """
    columns = [c for c in IDS if c in scores.columns]
    values = scores[columns].to_numpy(dtype=float)
    present = (~np.isnan(values)).astype(float)
    filled = np.nan_to_num(values, nan=0.0)
    keys = scores.index.to_numpy()

    def ranked(w: dict[str, int]) -> np.ndarray:
        vector = np.array([float(w.get(c, 0)) for c in columns])
        total = present @ vector
        with np.errstate(invalid="ignore", divide="ignore"):
            score = np.where(total > 0, (filled @ vector) / np.where(total > 0, total, 1.0), np.nan)
        return _rank_array(score)

    base = ranked(weights)
    rows = []
    for index, criterion in enumerate(columns):
        if not present[:, index].any():
            continue
        for change in (-STEP, STEP):
            target = min(100, max(0, weights[criterion] + change))
            if target == weights[criterion]:
                continue
            changed = ranked(rescale(weights, criterion, target)) != base
            rows.append(
                {
                    "criterion": criterion,
                    "change": change,
                    "weight": weights[criterion],
                    "new_weight": target,
                    "n_changed": int(changed.sum()),
                    "changed": tuple(str(k) for k in keys[changed]),
                }
            )
    columns_out = ["criterion", "change", "weight", "new_weight", "n_changed", "changed"]
    return pd.DataFrame(rows, columns=columns_out)


def robust(keys: pd.Index, table: pd.DataFrame) -> pd.Series:
    """Per row key: True when no ±10 move of any weight changes its rank."""
    shaky: set[str] = set()
    for changed in table["changed"]:
        shaky.update(changed)
    return pd.Series([str(k) not in shaky for k in keys], index=keys)


def quadrant(value: float, feasibility: float) -> str:
    """The trade-off chart's quadrant of a row (split at 3 on both axes)."""
    if np.isnan(value) or np.isnan(feasibility):
        return "not scored"
    if value >= MIDDLE:
        return "Pursue" if feasibility >= MIDDLE else "Invest to enable"
    return "Quick extras" if feasibility >= MIDDLE else "Deprioritise"
