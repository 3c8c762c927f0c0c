"""Bootstrap intervals on the opportunity scores (issue 16.2): resampling respondents, seeded, vectorised.

Decision. The Wilson intervals of core/sql/scoring.sql bound importance and satisfaction one at a
time; the opportunity score combines both through a ``max``, so it gets its own 95 % interval by
the percentile bootstrap over respondents:

* draw B resamples of the group's respondents with replacement (B = :data:`RESAMPLES` = 1,000,
  seed :data:`SEED` = 16, both overridable); a resample is a weight per respondent — how often
  it was drawn — so the B resamples are one weight matrix W (B × respondents);
* each measure is two respondent × outcome matrices: *valid* (1 where the counting rule counts the
  rating) and *value* (1 in the top two points under top-two-box; rating − scale low under the
  mean method). Four matrix products W·valid and W·value give every resample's counts at once, so
  its importance, satisfaction and opportunity follow from the formulas of core/analysis/scoring.py
  (an outcome with no valid rating in a resample has no score there and is left out of it);
* the interval is the 2.5th and 97.5th percentile of the B opportunities. A percentile interval
  of a score with a ``max`` in it can, rarely, miss its own point estimate (when importance and
  satisfaction are nearly equal); the interval is then widened to reach it, so it always contains
  the score it is shown next to.

W is drawn in chunks of at most :data:`CELLS_PER_CHUNK` weights, so memory stays bounded for any
number of respondents. Groups (attribute values, segments) are resampled within themselves, each
from its own seed (the run's seed and the group's name), so adding a group changes no other group's
interval. A step's mean opportunity gets its interval from the same resamples (the mean of its
outcomes in each resample): a respondent's ratings of a step's outcomes move together, which is why
the respondents' own rows are resampled and not each outcome's counts.

A wave other than the base (``Scores from wave``) is kept as counts, not respondents
(core/analysis/waves.py): it gets no bootstrap interval, and :attr:`BootstrapIntervals.note` says so.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.analysis.scoring import (
    ScoringSettings,
    load_settings,
    outcome_scores,
    scored_wave,
    step_scores,
    wave_cursor,
)
from core.intake.scales import Scale
from core.intake.store import survey_info
from core.sqlfiles import query
from core.workspace.database import Workspace

RESAMPLES = 1000
SEED = 16
LEVEL = 0.95
CELLS_PER_CHUNK = 2_000_000  # resample weights held at once (8 MB of float32)
OUTCOME_COLUMNS = ["group", "outcome_id", "opportunity_low", "opportunity_high"]
STEP_COLUMNS = ["group", "step_id", "mean_opportunity_low", "mean_opportunity_high"]


@dataclass(frozen=True)
class RatingMatrices:
    """One group's ratings as respondent × outcome matrices (float32; 0 where not counted)."""

    group: str
    importance_valid: np.ndarray
    importance_value: np.ndarray
    satisfaction_valid: np.ndarray
    satisfaction_value: np.ndarray

    @property
    def respondents(self) -> int:
        return self.importance_valid.shape[0]


@dataclass(frozen=True)
class BootstrapIntervals:
    """95 % percentile-bootstrap intervals of every outcome's opportunity and every step's mean."""

    resamples: int
    seed: int
    outcomes: pd.DataFrame  # OUTCOME_COLUMNS; NaN where the score is null
    steps: pd.DataFrame  # STEP_COLUMNS; NaN where the step has no scored outcome
    note: str | None = None  # why there are no intervals (a wave kept as counts)


def matrices_of(
    ratings: dict[str, Any], names: list[str], outcomes: int, scale: Scale, settings: ScoringSettings
) -> list[RatingMatrices]:
    """Per group, the four matrices under ``settings``' method and counting rule. ``ratings``: the
    columns of the respondent_ratings query (grp index, row, col, importance, satisfaction; −1 =
    missing), in any order; ``names``: the group names (the group_names query)."""
    groups = []
    if len(names) > 1:
        order = np.argsort(ratings["grp"], kind="stable")
        ratings = {key: values[order] for key, values in ratings.items()}
    bounds = np.searchsorted(ratings["grp"], np.arange(len(names) + 1))
    for index, name in enumerate(names):
        part = slice(bounds[index], bounds[index + 1])
        rows, cols = ratings["row"][part], ratings["col"][part]
        importance, satisfaction = ratings["importance"][part], ratings["satisfaction"][part]
        valid_i, valid_s = importance >= 0, satisfaction >= 0
        if settings.complete_pairs:
            valid_i = valid_s = valid_i & valid_s
        shape = (int(rows.max()) + 1 if len(rows) else 0, outcomes)
        matrices = []
        for values, valid in ((importance, valid_i), (satisfaction, valid_s)):
            if settings.method == "mean":
                value = np.where(valid, values - scale.low, 0)
            else:
                value = valid & (values >= scale.top_min)
            valid_matrix, value_matrix = np.zeros(shape, np.float32), np.zeros(shape, np.float32)
            valid_matrix[rows, cols], value_matrix[rows, cols] = valid, value
            matrices += [valid_matrix, value_matrix]
        groups.append(RatingMatrices(str(name), *matrices))
    return groups


def resample_weights(rng: np.random.Generator, respondents: int, resamples: int) -> np.ndarray:
    """(resamples × respondents) multinomial counts: how often each respondent was drawn."""
    draws = rng.integers(0, respondents, size=(resamples, respondents), dtype=np.int64)
    draws += (np.arange(resamples, dtype=np.int64) * respondents)[:, None]
    counts = np.bincount(draws.ravel(), minlength=resamples * respondents)
    return counts.reshape(resamples, respondents).astype(np.float32)


def weighted_scores(
    weights: np.ndarray, matrices: RatingMatrices, method: str, scale: Scale
) -> tuple[np.ndarray, np.ndarray]:
    """Importance and satisfaction (0–10) of every outcome under each row of respondent ``weights``
    (rows × respondents): four matrix products. A row of ones gives the survey's own scores."""
    per_point = 10.0 / (scale.high - scale.low) if method == "mean" else 10.0
    scores = []
    for valid, value in (
        (matrices.importance_valid, matrices.importance_value),
        (matrices.satisfaction_valid, matrices.satisfaction_value),
    ):
        counted, summed = weights @ valid, weights @ value
        with np.errstate(invalid="ignore", divide="ignore"):
            scores.append(np.where(counted > 0, per_point * summed / counted, np.nan))
    return scores[0], scores[1]


def resampled_scores(
    matrices: RatingMatrices, method: str, scale: Scale, resamples: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Importance and satisfaction (0–10) of every outcome in every resample: (resamples × outcomes)
    each, NaN where a resample holds no valid rating of the outcome. W is drawn in chunks."""
    rng = np.random.default_rng([seed, zlib.crc32(matrices.group.encode())])
    n = matrices.respondents
    outcomes = matrices.importance_valid.shape[1]
    importance, satisfaction = np.empty((resamples, outcomes)), np.empty((resamples, outcomes))
    chunk = max(1, min(resamples, CELLS_PER_CHUNK // max(n, 1)))
    for start in range(0, resamples, chunk):
        stop = min(resamples, start + chunk)
        weights = resample_weights(rng, n, stop - start)
        importance[start:stop], satisfaction[start:stop] = weighted_scores(weights, matrices, method, scale)
    return importance, satisfaction


def opportunities(importance: np.ndarray, satisfaction: np.ndarray) -> np.ndarray:
    """importance + max(importance − satisfaction, 0), elementwise; NaN when either is NaN."""
    return importance + np.maximum(importance - satisfaction, 0.0)


def percentile_interval(samples: np.ndarray, point: np.ndarray, level: float = LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """Per column of ``samples`` (resamples × items): the central ``level`` percentile interval,
    widened to contain ``point``; NaN where the point is NaN or no resample has a value."""
    tail = (1 - level) / 2
    low, high = column_quantile(samples, tail), column_quantile(samples, 1 - tail)
    missing = np.isnan(point) | np.isnan(low)
    low, high = np.fmin(low, point), np.fmax(high, point)
    low[missing], high[missing] = np.nan, np.nan
    return low, high


def column_quantile(samples: np.ndarray, q: float) -> np.ndarray:
    """The ``q`` quantile of each column's non-NaN values (linear interpolation, as numpy's
    default), NaN for a column without one: one sort, no loop over columns (np.nanquantile loops)."""
    ordered = np.sort(samples, axis=0)  # NaN sort last
    present = (~np.isnan(samples)).sum(axis=0)
    position = q * np.maximum(present - 1, 0)
    below = np.floor(position).astype(int)
    above = np.minimum(below + 1, np.maximum(present - 1, 0))
    columns = np.arange(samples.shape[1])
    low, high = ordered[below, columns], ordered[above, columns]
    value = low + (position - below) * (high - low)
    return np.where(present > 0, value, np.nan)


def step_means(samples: np.ndarray, step_of: np.ndarray, steps: int) -> np.ndarray:
    """(resamples × steps): the mean of each step's outcomes with a value, per resample."""
    membership = np.zeros((samples.shape[1], steps))
    membership[np.arange(samples.shape[1]), step_of] = 1.0
    present = ~np.isnan(samples)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (np.where(present, samples, 0.0) @ membership) / (present @ membership)


def bootstrap_intervals(
    workspace: Workspace,
    settings: ScoringSettings | None = None,
    *,
    by: str | None = None,
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> BootstrapIntervals:
    """The intervals of every outcome and step of every group of ``by`` (None: everyone), under
    ``settings``' method and counting rule, around the scores of core.analysis.scoring."""
    settings = settings or load_settings(workspace)
    if resamples < 1:
        raise ValueError("The bootstrap needs at least one resample.")
    empty = BootstrapIntervals(
        resamples, seed, pd.DataFrame(columns=OUTCOME_COLUMNS), pd.DataFrame(columns=STEP_COLUMNS)
    )
    if by == "competitors":
        return empty  # competitors' ratings are not resampled (issue 16.2 covers respondents' groups)
    cur = wave_cursor(workspace.cursor(), read_only=workspace.read_only)
    if by is None and scored_wave(cur, settings.wave):
        note = "No bootstrap interval: the scores come from a survey wave, which is kept as counts, not respondents."
        return BootstrapIntervals(resamples, seed, empty.outcomes, empty.steps, note)
    info = survey_info(workspace)
    scale = info.scale if info else Scale(1, 5, (4, 5))
    scores = outcome_scores(workspace, settings, by=by)
    steps = step_scores(workspace, scores, settings)
    columns = workspace.cursor().execute(query("bootstrap", "outcome_columns")).df()
    grouping = {"grouping": by or ""}
    ratings = workspace.cursor().execute(query("bootstrap", "respondent_ratings"), grouping).fetchnumpy()
    names = [row[0] for row in workspace.cursor().execute(query("bootstrap", "group_names"), grouping).fetchall()]
    step_ids = list(dict.fromkeys(steps["step_id"]))
    step_of = columns["step_id"].map({s: i for i, s in enumerate(step_ids)}).to_numpy()
    outcome_rows, step_rows = [], []
    for matrices in matrices_of(ratings, names, len(columns), scale, settings):
        own = scores[scores["group"] == matrices.group].set_index("outcome_id").reindex(columns["outcome_id"])
        importance, satisfaction = resampled_scores(matrices, settings.method, scale, resamples, seed)
        samples = opportunities(importance, satisfaction)
        low, high = percentile_interval(samples, own["opportunity"].to_numpy(dtype=float))
        outcome_rows.append(
            pd.DataFrame({"group": matrices.group, "outcome_id": columns["outcome_id"]}).assign(
                opportunity_low=low, opportunity_high=high
            )
        )
        means = step_means(samples, step_of, len(step_ids))
        points = steps[steps["group"] == matrices.group].set_index("step_id").reindex(step_ids)
        low, high = percentile_interval(means, points["mean_opportunity"].to_numpy(dtype=float))
        step_rows.append(
            pd.DataFrame({"group": matrices.group, "step_id": step_ids}).assign(
                mean_opportunity_low=low, mean_opportunity_high=high
            )
        )
    if not outcome_rows:
        return empty
    return BootstrapIntervals(
        resamples, seed, pd.concat(outcome_rows, ignore_index=True), pd.concat(step_rows, ignore_index=True)
    )


def with_intervals(
    scores: pd.DataFrame, intervals: pd.DataFrame, keys: Sequence[str] = ("group", "outcome_id")
) -> pd.DataFrame:
    """``scores`` with the interval columns of ``intervals`` joined on ``keys`` (NaN where absent)."""
    extra = [c for c in intervals.columns if c not in keys]
    frame = scores.drop(columns=[c for c in extra if c in scores.columns])
    right = intervals.astype({k: scores[k].dtype for k in keys}) if len(intervals) else intervals
    return frame.merge(right, on=list(keys), how="left")


def not_distinguishable(values: pd.Series, low: pd.Series, high: pd.Series) -> list[int | None]:
    """For rows in rank order (highest value first): the position (1-based) of the next row when
    the two intervals overlap — "not distinguishable from rank N+1" — else None."""
    lows, highs = low.to_numpy(dtype=float), high.to_numpy(dtype=float)
    overlap = np.fmax(lows[:-1], lows[1:]) <= np.fmin(highs[:-1], highs[1:])  # False where any is NaN
    overlap &= ~(np.isnan(lows[:-1]) | np.isnan(lows[1:]) | np.isnan(highs[:-1]) | np.isnan(highs[1:]))
    marks: list[int | None] = [i + 2 if o else None for i, o in enumerate(overlap)]
    return [*marks, None] if len(values) else []


def distinguishable_text(marks: Sequence[int | None], what: str = "rank") -> list[str]:
    """The marks of :func:`not_distinguishable` in words: "not distinguishable from rank 4"."""
    return [f"not distinguishable from {what} {m}" if m else "" for m in marks]
