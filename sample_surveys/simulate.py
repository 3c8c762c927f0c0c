"""Simulate a survey from a :class:`~sample_surveys.model.JobSpec`.

Latent model (all quantities in rating points on the 1–5 scale), for respondent *i* in
segment *s* using solution *k*, and outcome *j* in need cluster *c* and job step *t*:

    importance*   = base_imp[j] + w[j]·seg_imp[s, c] + LOADING·factor[i, c] + style_imp[i] + e
    satisfaction* = base_sat[j] + w[j]·seg_sat[s, c] + LEAD·leads(k, t) + style_sat[i] + e

``base_*`` depend on whether the outcome is planted as under/overserved, ``w[j]`` is a per-outcome
weight around 1, ``factor[i, c]`` is a standard-normal need-cluster factor (the source of the
need clusters), ``seg_*`` are the segment shifts from the spec (the source of the segments) and
``leads`` is 1 on the steps the solution leads. The rating is ``clip(round(x), 1, 5)``; a few
cells are then blanked or replaced by ``N/A`` / ``Don't know``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from sample_surveys.model import OVERSERVED, UNDERSERVED, JobSpec

IMPORTANCE_LEVELS = {UNDERSERVED: (4.2, 4.5), OVERSERVED: (1.9, 2.4), "": (2.8, 3.6)}
SATISFACTION_LEVELS = {UNDERSERVED: (2.5, 2.8), OVERSERVED: (4.0, 4.4), "": (2.8, 3.6)}
OUTCOME_WEIGHT = (0.8, 1.2)
LOADING = 0.5
STYLE_SD = 0.15
NOISE_SD = 0.6
LEAD = 0.7
OTHER_SOLUTION_NOISE_SD = 0.4
WTP_SIGMA = 0.35
BLANK_RATE = 0.015
TEXT_RATE = 0.003
MISSING_TEXTS = ("N/A", "Don't know")


@dataclass(frozen=True)
class SurveyFrames:
    """A simulated survey: the canonical sheets plus the planted ground truth."""

    job_map: pd.DataFrame
    responses: pd.DataFrame
    competitors: pd.DataFrame | None
    truth: dict[str, Any]


@dataclass(frozen=True)
class _Layout:
    ids: list[str]
    step: np.ndarray
    cluster: np.ndarray
    served: list[str]
    cluster_names: list[str]


def _ids(prefix: str, n: int, min_width: int) -> list[str]:
    width = max(min_width, len(str(n)))
    return [f"{prefix}{i:0{width}d}" for i in range(1, n + 1)]


def _layout(spec: JobSpec) -> _Layout:
    cluster_names = list(spec.clusters)
    steps, clusters, served = [], [], []
    for step_index, step in enumerate(spec.steps):
        for outcome in step.outcomes:
            steps.append(step_index)
            clusters.append(cluster_names.index(outcome.cluster))
            served.append(outcome.served)
    return _Layout(
        ids=_ids("O", len(steps), 2),
        step=np.array(steps),
        cluster=np.array(clusters),
        served=served,
        cluster_names=cluster_names,
    )


def _assign_segments(spec: JobSpec, n: int, rng: np.random.Generator) -> np.ndarray:
    """Exact segment sizes (largest remainder on the shares), in random respondent order."""
    shares = np.array([segment.share for segment in spec.segments], dtype=float)
    quotas = shares / shares.sum() * n
    counts = np.floor(quotas).astype(int)
    remainder_order = np.argsort(-(quotas - counts), kind="stable")
    counts[remainder_order[: n - counts.sum()]] += 1
    return rng.permutation(np.repeat(np.arange(len(counts)), counts))


def _levels(layout: _Layout, table: dict[str, tuple[float, float]], rng: np.random.Generator) -> np.ndarray:
    bounds = np.array([table[kind] for kind in layout.served])
    return rng.uniform(bounds[:, 0], bounds[:, 1])


def _segment_shifts(spec: JobSpec, layout: _Layout, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Per segment × outcome shifts of latent importance and satisfaction."""
    weight = rng.uniform(*OUTCOME_WEIGHT, size=len(layout.ids))
    imp = np.zeros((len(spec.segments), len(layout.ids)))
    sat = np.zeros_like(imp)
    for s, segment in enumerate(spec.segments):
        for name, shift in segment.importance.items():
            imp[s, layout.cluster == layout.cluster_names.index(name)] = shift
        for name, shift in segment.satisfaction.items():
            sat[s, layout.cluster == layout.cluster_names.index(name)] = shift
    return imp * weight, sat * weight


def _lead_matrix(spec: JobSpec, layout: _Layout) -> np.ndarray:
    """Competitor × outcome satisfaction bonus on the steps each competitor leads."""
    leads = np.zeros((len(spec.competitors), len(layout.ids)))
    for k, competitor in enumerate(spec.competitors):
        leads[k, np.isin(layout.step + 1, competitor.leads)] = LEAD
    return leads


def _discretise(latent: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(latent), 1, 5).astype(np.int64)


def _with_missing(ratings: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Object array of Python ints, with blanks (None) and a few ``N/A`` / ``Don't know`` texts."""
    cells = ratings.astype(object)
    draw = rng.random(ratings.shape)
    text_choice = rng.integers(0, len(MISSING_TEXTS), size=ratings.shape)
    cells[draw < BLANK_RATE] = None
    is_text = (draw >= BLANK_RATE) & (draw < BLANK_RATE + TEXT_RATE)
    cells[is_text] = np.array(MISSING_TEXTS, dtype=object)[text_choice[is_text]]
    return cells


def _draw_attributes(spec: JobSpec, segment: np.ndarray, rng: np.random.Generator) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {}
    for attribute in spec.attributes:
        values = np.empty(len(segment), dtype=object)
        for s, seg in enumerate(spec.segments):
            weights = np.array(attribute.by_segment.get(seg.name, attribute.weights), dtype=float)
            members = np.flatnonzero(segment == s)
            picks = rng.choice(len(attribute.values), size=len(members), p=weights / weights.sum())
            values[members] = [attribute.values[p] for p in picks]
        columns[attribute.name] = values.tolist()
    return columns


def _draw_wtp(spec: JobSpec, segment: np.ndarray, rng: np.random.Generator) -> list[float]:
    medians = np.array([seg.wtp_median for seg in spec.segments])[segment]
    raw = medians * np.exp(rng.normal(0.0, WTP_SIGMA, size=len(segment)))
    step = spec.wtp_rounding
    return [float(v) for v in np.maximum(step, np.round(raw / step) * step)]


def _job_map(spec: JobSpec, layout: _Layout) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "step_order": layout.step + 1,
            "step": [spec.steps[t].name for t in layout.step],
            "outcome_id": layout.ids,
            "statement": [outcome.statement for outcome in spec.outcomes],
        }
    )


def _competitor_frame(
    spec: JobSpec,
    respondent_ids: list[str],
    current: np.ndarray,
    sat_cells: np.ndarray,
    other_latent: np.ndarray,
    layout: _Layout,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Long table: each respondent rates their current solution plus one or two others they know.

    The current solution's ratings are the respondent's ``sat_`` answers; cells that are missing
    there are omitted here (the sheet holds valid ratings only), as are ~1.5 % of the others.
    """
    leads = _lead_matrix(spec, layout)
    n_outcomes = len(layout.ids)
    chunks = []
    for i, rid in enumerate(respondent_ids):
        others = rng.permutation([k for k in range(len(spec.competitors)) if k != current[i]])
        for k in [current[i], *others[: rng.integers(1, 3)]]:
            if k == current[i]:
                ratings = np.array([v if isinstance(v, int) else 0 for v in sat_cells[i]])
            else:
                ratings = _discretise(other_latent[i] + leads[k])
                ratings[rng.random(n_outcomes) < BLANK_RATE] = 0
            keep = np.flatnonzero(ratings > 0)
            chunks.append((rid, spec.competitors[k].name, keep, ratings[keep]))
    return pd.DataFrame(
        {
            "respondent_id": np.repeat([c[0] for c in chunks], [len(c[2]) for c in chunks]),
            "outcome_id": np.array(layout.ids)[np.concatenate([c[2] for c in chunks])],
            "competitor": np.repeat([c[1] for c in chunks], [len(c[2]) for c in chunks]),
            "satisfaction": np.concatenate([c[3] for c in chunks]).astype(np.int64),
        }
    )


def _truth(spec: JobSpec, layout: _Layout, respondent_ids: list[str], segment: np.ndarray, seed: int) -> dict[str, Any]:
    counts = np.bincount(segment, minlength=len(spec.segments))
    profiles = {
        seg.name: {
            "share": seg.share,
            "n": int(counts[s]),
            "description": seg.description,
            "higher_importance": [c for c, v in seg.importance.items() if v > 0],
            "lower_importance": [c for c, v in seg.importance.items() if v < 0],
            "lower_satisfaction": [c for c, v in seg.satisfaction.items() if v < 0],
            "importance_shift": dict(seg.importance),
            "satisfaction_shift": dict(seg.satisfaction),
            "wtp_median": seg.wtp_median,
        }
        for s, seg in enumerate(spec.segments)
    }
    return {
        "job": spec.job,
        "executor": spec.executor,
        "seed": seed,
        "n_respondents": len(respondent_ids),
        "n_steps": len(spec.steps),
        "n_outcomes": len(layout.ids),
        "segments": {rid: spec.segments[s].name for rid, s in zip(respondent_ids, segment, strict=True)},
        "segment_profiles": profiles,
        "need_clusters": {oid: layout.cluster_names[c] for oid, c in zip(layout.ids, layout.cluster, strict=True)},
        "need_cluster_profiles": dict(spec.clusters),
        "underserved_outcomes": [o for o, k in zip(layout.ids, layout.served, strict=True) if k == UNDERSERVED],
        "overserved_outcomes": [o for o, k in zip(layout.ids, layout.served, strict=True) if k == OVERSERVED],
        "competitor_leads": {c.name: list(c.leads) for c in spec.competitors},
        "wtp_unit": spec.wtp_unit,
    }


def _latent_ratings(
    spec: JobSpec, layout: _Layout, segment: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Latent importance and satisfaction (before the current solution's lead bonus)."""
    n, n_out = len(segment), len(layout.ids)
    imp_shift, sat_shift = _segment_shifts(spec, layout, rng)
    base_imp = _levels(layout, IMPORTANCE_LEVELS, rng)
    base_sat = _levels(layout, SATISFACTION_LEVELS, rng)
    factors = rng.normal(size=(n, len(layout.cluster_names)))
    style_imp, style_sat = rng.normal(0.0, STYLE_SD, size=(2, n, 1))
    imp = (
        base_imp
        + imp_shift[segment]
        + LOADING * factors[:, layout.cluster]
        + style_imp
        + rng.normal(0.0, NOISE_SD, size=(n, n_out))
    )
    sat = base_sat + sat_shift[segment] + style_sat + rng.normal(0.0, NOISE_SD, size=(n, n_out))
    return imp, sat


def build_survey(spec: JobSpec, n_respondents: int, seed: int) -> SurveyFrames:
    """Simulate ``n_respondents`` answers to the survey described by ``spec``.

    Deterministic: the same ``spec``, ``n_respondents`` and ``seed`` give identical frames.
    """
    spec.validate()
    rng = np.random.default_rng(seed)
    layout = _layout(spec)
    n, n_out = n_respondents, len(layout.ids)
    respondent_ids = _ids("R", n, 4)

    segment = _assign_segments(spec, n, rng)
    shares = np.array([c.share for c in spec.competitors], dtype=float)
    current = rng.choice(len(spec.competitors), size=n, p=shares / shares.sum())
    imp_latent, sat_core = _latent_ratings(spec, layout, segment, rng)
    sat_latent = sat_core + _lead_matrix(spec, layout)[current]

    cells = _with_missing(np.hstack([_discretise(imp_latent), _discretise(sat_latent)]), rng)
    ratings = pd.DataFrame(cells, columns=[f"imp_{o}" for o in layout.ids] + [f"sat_{o}" for o in layout.ids])
    attributes = pd.DataFrame(
        {
            "respondent_id": respondent_ids,
            "current_solution": [spec.competitors[k].name for k in current],
            **_draw_attributes(spec, segment, rng),
            "willingness_to_pay": _draw_wtp(spec, segment, rng),
        }
    )
    competitors = None
    if spec.competitor_sheet:
        other = sat_core + rng.normal(0.0, OTHER_SOLUTION_NOISE_SD, size=(n, n_out))
        competitors = _competitor_frame(spec, respondent_ids, current, cells[:, n_out:], other, layout, rng)
    return SurveyFrames(
        job_map=_job_map(spec, layout),
        responses=pd.concat([attributes, ratings], axis=1),
        competitors=competitors,
        truth=_truth(spec, layout, respondent_ids, segment, seed),
    )
