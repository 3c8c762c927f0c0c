"""Profiles of a saved segmentation: each segment re-scored within itself, against the rest.

* **Scores**: :func:`core.analysis.scoring.outcome_scores` with ``by='segmentation:<id>'`` (the
  workspace's scoring method, within each segment), plus each outcome's opportunity for
  everyone and the **lift** = segment opportunity − everyone's opportunity.
* **Size**: respondents and share of the segmented respondents; the segment's mean
  opportunity over all outcomes.
* **Differences from the rest**: a two-proportion z-test per outcome, segment vs the other
  segmented respondents, on the **top-two-box share** of importance and, separately, of
  satisfaction (whatever the scoring method, since these are proportions)::

      p = (k1 + k2) / (n1 + n2);  z = (k1/n1 − k2/n2) / √(p (1 − p) (1/n1 + 1/n2))
      p-value = 2 · (1 − Φ(|z|))

  An outcome differs significantly when either p-value is below 0.05. The tests are per
  outcome and not corrected for multiple comparisons (with 80 outcomes, about 4 false flags
  per measure are expected by chance); n is shown with every figure.
* **Attribute mix**: the share of each value of each respondent attribute with 2–30 values,
  within the segment and among all segmented respondents.
* **Names**: "Underserved on: <outcome>" after the segment's most underserved outcome among
  those where it is clearly more underserved than everyone (see :func:`readable_names`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy.special import ndtr

from core.analysis.outcome_text import short_statement, unique_names
from core.analysis.scoring import ScoringSettings, load_settings, outcome_scores
from core.analysis.segment_store import SavedSegmentation, segment_sizes
from core.intake.scales import DEFAULT_SCALE
from core.intake.store import survey_info
from core.intake.survey_queries import attribute_groups
from core.sqlfiles import query
from core.workspace import segment_counts
from core.workspace.database import Workspace
from core.workspace.rating_counts import counted_cursor

SIGNIFICANCE = 0.05
NAME_PREFIX = "Underserved on: "
WELL_SERVED_PREFIX = "Well served on: "
NAME_CANDIDATES = 6
NAME_LENGTH = 40
LIFT_MIN = 1.0


@dataclass(frozen=True)
class SegmentProfiles:
    """Everything the Segments page and the CLI show about one segmentation."""

    segmentation: SavedSegmentation
    sizes: pd.DataFrame  # segment, n, share, mean_opportunity — largest first
    scores: pd.DataFrame  # outcome_scores columns + segment, overall_opportunity, lift
    differences: pd.DataFrame  # segment × outcome: shares, p-values, significant, finding
    attribute_mix: pd.DataFrame  # segment, attribute, header, value, n, share, overall_share


def two_proportion_test(k1: ArrayLike, n1: ArrayLike, k2: ArrayLike, n2: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Pooled two-proportion z-test, element-wise: (z, two-sided p). p = 1 when undefined."""
    k1, n1, k2, n2 = (np.asarray(a, dtype=float) for a in (k1, n1, k2, n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = (k1 + k2) / (n1 + n2)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        z = (k1 / n1 - k2 / n2) / se
    z = np.where(np.isfinite(z), z, 0.0)
    return z, 2 * ndtr(-np.abs(z))  # norm.sf(|z|) without importing scipy.stats (0.5 s)


def segment_scores(
    workspace: Workspace, segmentation: SavedSegmentation, settings: ScoringSettings | None = None
) -> pd.DataFrame:
    """Outcome scores within each segment, with everyone's opportunity and the lift."""
    settings = settings or load_settings(workspace)
    scores = outcome_scores(workspace, settings, by=segmentation.grouping).rename(columns={"group": "segment"})
    overall = outcome_scores(workspace, settings)[["outcome_id", "opportunity"]]
    scores = scores.merge(overall.rename(columns={"opportunity": "overall_opportunity"}), on="outcome_id")
    scores["lift"] = scores["opportunity"] - scores["overall_opportunity"]
    return scores


def readable_names(scores: pd.DataFrame, segments: list[str]) -> list[str]:
    """A distinct name per segment, after its most underserved outcome that sets it apart.

    Candidates are the segment's outcomes whose opportunity in the segment exceeds everyone's
    by at least ``LIFT_MIN`` points (lift), highest segment opportunity first:
    "Underserved on: <short statement>". Without such an outcome, those with any positive
    lift; without any, the segment is named after its most negative lift: "Well served on: …".
    Names never repeat within a segmentation (the next candidate is taken).
    """
    candidates = []
    for segment in segments:
        rows = scores[(scores["segment"] == segment) & scores["lift"].notna()]
        distinct = rows[rows["lift"] >= LIFT_MIN]
        positive = distinct if len(distinct) else rows[rows["lift"] > 0]
        if len(positive):
            top = positive.sort_values(["opportunity", "lift"], ascending=False).head(NAME_CANDIDATES)
            candidates.append([NAME_PREFIX + short_statement(s, NAME_LENGTH) for s in top["statement"]])
        elif len(rows):
            low = rows.sort_values("lift").head(NAME_CANDIDATES)
            candidates.append([WELL_SERVED_PREFIX + short_statement(s, NAME_LENGTH) for s in low["statement"]])
        else:
            candidates.append([])
    return unique_names(candidates)


def size_table(sizes: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """segment, n, share (of segmented respondents), mean_opportunity — largest first."""
    frame = sizes.rename(columns={"grp": "segment"}).copy()
    frame["share"] = frame["n"] / frame["n"].sum() if len(frame) else []
    means = scores.groupby("segment")["opportunity"].mean()
    frame["mean_opportunity"] = frame["segment"].map(means)
    return frame.reset_index(drop=True)


def segment_differences(
    workspace: Workspace, segmentation: SavedSegmentation, scores: pd.DataFrame, complete_pairs: bool = False
) -> pd.DataFrame:
    """Per segment and outcome: top-two-box shares in the segment and the rest, z-test p-values.

    ``complete_pairs`` counts the rule of :class:`ScoringSettings` (both ratings valid)."""
    info = survey_info(workspace)
    scale = info.scale if info else DEFAULT_SCALE
    cur = counted_cursor(workspace.cursor(), read_only=workspace.read_only)
    counts = cur.execute(
        query("segmentation", "segment_counts"),
        {
            "segmentation_id": segmentation.segmentation_id,
            "top_min": scale.top_min,
            "complete_pairs": complete_pairs,
            "counted": segment_counts.counted(cur, segmentation.grouping),
        },
    ).df()
    for measure in ("importance", "satisfaction"):
        top, n = counts[f"{measure}_top"], counts[f"n_{measure}"]
        rest_top, rest_n = counts[f"rest_{measure}_top"], counts[f"rest_n_{measure}"]
        counts[f"{measure}_share"] = top / n.where(n > 0)
        counts[f"rest_{measure}_share"] = rest_top / rest_n.where(rest_n > 0)
        counts[f"{measure}_z"], counts[f"{measure}_p"] = two_proportion_test(top, n, rest_top, rest_n)
    counts["significant"] = (counts["importance_p"] < SIGNIFICANCE) | (counts["satisfaction_p"] < SIGNIFICANCE)
    counts["strength"] = np.maximum(counts["importance_z"].abs(), counts["satisfaction_z"].abs())
    counts["finding"] = [_finding(row) for row in counts.itertuples()]
    described = scores[["segment", "outcome_id", "statement", "step", "step_order", "opportunity", "lift"]]
    frame = counts.merge(described, on=["segment", "outcome_id"], how="left")
    return frame.sort_values(["segment", "significant", "strength"], ascending=[True, False, False])


def _finding(row) -> str:
    parts = []
    for measure, more, less in (
        ("importance", "more important", "less important"),
        ("satisfaction", "more satisfied", "less satisfied"),
    ):
        if getattr(row, f"{measure}_p") < SIGNIFICANCE:
            seg, rest = getattr(row, f"{measure}_share"), getattr(row, f"rest_{measure}_share")
            word = more if seg > rest else less
            parts.append(f"{word} ({seg:.0%} vs {rest:.0%} top-two-box)")
    return "; ".join(parts)


def attribute_mix(workspace: Workspace, segmentation: SavedSegmentation) -> pd.DataFrame:
    """segment, attribute, header, value, n, share (within the segment), overall_share."""
    groups = attribute_groups(workspace)[["attribute", "header"]]
    mix = (
        workspace.cursor()
        .execute(query("segmentation", "attribute_mix"), {"segmentation_id": segmentation.segmentation_id})
        .df()
    )
    mix = mix.merge(groups, on="attribute")
    if mix.empty:
        return mix.assign(share=pd.Series(dtype=float), overall_share=pd.Series(dtype=float))
    mix["share"] = mix["n"] / mix.groupby(["segment", "attribute"])["n"].transform("sum")
    overall = mix.groupby(["attribute", "value"])["n"].sum()
    overall = overall / overall.groupby(level="attribute").transform("sum")
    mix["overall_share"] = [overall[(a, v)] for a, v in zip(mix["attribute"], mix["value"], strict=True)]
    return mix


def profile_segmentation(
    workspace: Workspace, segmentation: SavedSegmentation, settings: ScoringSettings | None = None
) -> SegmentProfiles:
    """Sizes, re-scored outcomes, significant differences and attribute mix of every segment."""
    settings = settings or load_settings(workspace)
    scores = segment_scores(workspace, segmentation, settings)
    sizes = size_table(segment_sizes(workspace, segmentation.segmentation_id), scores)
    return SegmentProfiles(
        segmentation=segmentation,
        sizes=sizes,
        scores=scores,
        differences=segment_differences(workspace, segmentation, scores, settings.complete_pairs),
        attribute_mix=attribute_mix(workspace, segmentation),
    )


def top_outcomes(scores: pd.DataFrame, segment: str, n: int = 5) -> pd.DataFrame:
    """The segment's most underserved outcomes: highest opportunity within the segment first."""
    rows = scores[scores["segment"] == segment].dropna(subset=["opportunity"])
    return rows.sort_values(["opportunity", "importance"], ascending=False).head(n)
