"""Differentiation patterns the data supports (issue 16.4): five patterns, each with a stated rule.

Every function is pure: it reads frames the existing analyses return and gives a
:class:`Pattern` — supported or not, the evidence in numbers, the steps involved, and when not
supported the number that fell short next to its threshold. Thresholds: :class:`PatternRules`.

* **Step-specific excellence** — the one or two steps holding the most outcomes at or above the
  *high* band (12) hold at least half of them (``step_share_min``) and at least twice their
  share of all outcomes (``step_lift_min``); at least 3 high outcomes are needed to say so.
* **Need-cluster dominance** — a need cluster (core.analysis.need_clusters) spanning at least two
  steps is underserved as a whole: its mean opportunity reaches the *solid* band (10), the
  need-clusters view's own rule. The best such cluster is named; its steps are those holding its
  outcomes at or above the solid band (all its steps when none does).
* **Job-integration leadership** — two adjacent steps both hold an outcome at or above the high
  band, and their outcomes' importance ratings correlate: mean Pearson r between the two steps'
  outcomes (the need clusters' correlation matrix) at least ``integration_r_min`` (0.30).
* **Underserved-segment focus** — in a saved segmentation, a segment of at least 30 respondents
  has at least ``segment_outcomes_min`` (3) outcomes at or above the high band that the rest of the
  respondents score below the solid band. "The rest" is scored exactly from the other segments'
  rows (each score weighted by its n: top-two-box and mean scores are both shares/means of counts).
* **New job step creation** — outcomes left in a step named "Unassigned" (an import without a
  step column); or at least ``weak_outcomes_min`` (2) outcomes *weakly tied to any step*: the
  mean importance r with every step's outcomes (their own step's others included) is below
  ``weak_tie_r`` (0.10) (core.strategy.step_ties; the scenario differentiates the steps holding
  them); or a step holding white space (an important outcome every compared competitor
  serves below the critical threshold, core.analysis.competition.white_space) on which every
  compared competitor is, on average over the step's outcomes, below the critical threshold
  too: nobody serves the step acceptably. Needs competitor data for the second part.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pandas as pd

from core.analysis.scoring import ScoringSettings
from core.strategy.step_ties import WEAK_TIE_R, describe, step_ties, weakly_tied
from core.wording import plural

UNASSIGNED_STEP = "unassigned"  # core.intake.importers.draft.UNASSIGNED_STEP, compared ignoring case


@dataclass(frozen=True)
class PatternRules:
    step_share_min: float = 0.5
    step_lift_min: float = 2.0
    high_min: int = 3
    cluster_steps_min: int = 2
    integration_r_min: float = 0.30
    segment_outcomes_min: int = 3
    segment_n_min: int = 30
    weak_tie_r: float = WEAK_TIE_R
    weak_outcomes_min: int = 2


@dataclass(frozen=True)
class Pattern:
    key: str
    name: str
    rule: str  # the rule with its thresholds, in words
    supported: bool
    evidence: str  # the numbers behind the verdict (supported or not)
    shortfall: str | None = None  # when not supported: the number that fell short and the threshold
    steps: tuple[int, ...] = ()  # the steps a "try as scenario" differentiates
    subject: str = ""  # the steps, cluster or segment involved, for the scenario's name


def _pct(value: float) -> str:
    return f"{100 * value:.0f} %"


def _steps(scores: pd.DataFrame) -> pd.DataFrame:
    return scores[["step_id", "step_order", "step"]].drop_duplicates("step_id").sort_values("step_order")


def _names(scores: pd.DataFrame, step_ids: list[int]) -> str:
    steps = _steps(scores)
    labels = {
        int(s): f"{int(o)}. {n}" for s, o, n in zip(steps["step_id"], steps["step_order"], steps["step"], strict=True)
    }
    return ", ".join(labels[int(s)] for s in step_ids)


def step_excellence(scores: pd.DataFrame, scoring: ScoringSettings, rules: PatternRules = PatternRules()) -> Pattern:
    """Step-specific excellence (module docstring); ``scores``: outcome scores of everyone."""
    rule = (
        f"The 1–2 steps holding the most outcomes ≥ {scoring.high:g} hold at least {_pct(rules.step_share_min)} "
        f"of them and at least {rules.step_lift_min:g}× their share of all outcomes."
    )
    scored = scores.dropna(subset=["opportunity"])
    high = scored[scored["opportunity"] >= scoring.high]
    name, key = "Step-specific excellence", "step_excellence"
    if len(high) < rules.high_min:
        return Pattern(
            key,
            name,
            rule,
            False,
            f"{plural(len(high), 'outcome reaches', 'outcomes reach')} the high band.",
            f"{plural(len(high), 'high outcome')}; at least {rules.high_min} are needed to see a concentration.",
        )
    per_step = high.groupby("step_id").size().rename("high").to_frame()
    per_step["outcomes"] = scored.groupby("step_id").size()
    per_step = per_step.join(_steps(scores).set_index("step_id")).sort_values(
        ["high", "step_order"], ascending=[False, True]
    )
    last = ""
    for m in (1, 2):
        top = per_step.head(m)
        share = top["high"].sum() / len(high)
        lift = share / (top["outcomes"].sum() / len(scored))
        ids = [int(s) for s in top.index]
        evidence = (
            f"{_names(scores, ids)}: {int(top['high'].sum())} of {len(high)} high outcomes ({_pct(share)}), "
            f"{lift:.1f}× their share of all outcomes ({int(top['outcomes'].sum())} of {len(scored)})."
        )
        if share >= rules.step_share_min and lift >= rules.step_lift_min:
            return Pattern(key, name, rule, True, evidence, None, tuple(ids), _names(scores, ids))
        last = evidence
        short = (
            f"they hold {_pct(share)} of the high outcomes (needs {_pct(rules.step_share_min)})"
            if share < rules.step_share_min
            else f"{lift:.1f}× their share of outcomes (needs {rules.step_lift_min:g}×)"
        )
    return Pattern(key, name, rule, False, last, f"The top {plural(len(per_step.head(2)), 'step')}: {short}.")


def cluster_dominance(
    summary: pd.DataFrame,
    assignments: pd.DataFrame,
    scores: pd.DataFrame,
    scoring: ScoringSettings,
    rules: PatternRules = PatternRules(),
) -> Pattern:
    """Need-cluster dominance. ``summary``: core.analysis.need_clusters.cluster_summary of everyone
    (None-like empty frame when clusters cannot be formed); ``assignments``: NeedClusters.assignments."""
    rule = (
        f"A need cluster spanning at least {rules.cluster_steps_min} steps has a mean opportunity "
        f"≥ {scoring.solid:g} (the solid band): underserved as a whole."
    )
    name, key = "Need-cluster dominance", "cluster_dominance"
    if summary is None or summary.empty:
        return Pattern(key, name, rule, False, "No need clusters could be formed.", "No need clusters to test.")
    merged = assignments[["outcome_id", "cluster"]].merge(
        scores[["outcome_id", "step_id", "opportunity"]], on="outcome_id"
    )
    spans = merged.groupby("cluster")["step_id"].nunique()
    table = summary.assign(n_steps=summary["cluster"].map(spans).fillna(0).astype(int))
    wide = table[table["n_steps"] >= rules.cluster_steps_min].sort_values("mean_opportunity", ascending=False)
    if wide.empty:
        return Pattern(
            key,
            name,
            rule,
            False,
            "Every need cluster sits within one step.",
            f"No cluster spans {rules.cluster_steps_min} or more steps.",
        )
    best = wide.iloc[0]
    evidence = (
        f"Cluster “{best['cluster_name']}”: {int(best['n_outcomes'])} outcomes across steps {best['steps']}, "
        f"mean opportunity {best['mean_opportunity']:.1f}."
    )
    if pd.isna(best["mean_opportunity"]) or best["mean_opportunity"] < scoring.solid:
        return Pattern(
            key,
            name,
            rule,
            False,
            evidence,
            f"The best multi-step cluster's mean opportunity is {best['mean_opportunity']:.1f} "
            f"(needs {scoring.solid:g}).",
        )
    part = merged[merged["cluster"] == best["cluster"]]
    strong = part[part["opportunity"] >= scoring.solid]
    ids = sorted({int(s) for s in (strong if len(strong) else part)["step_id"]}, key=_order(scores))
    return Pattern(key, name, rule, True, evidence, None, tuple(ids), str(best["cluster_name"]))


def _order(scores: pd.DataFrame):
    orders = dict(zip(scores["step_id"].astype(int), scores["step_order"].astype(int), strict=False))
    return lambda s: orders.get(int(s), 0)


def job_integration(
    scores: pd.DataFrame,
    correlation: pd.DataFrame | None,
    scoring: ScoringSettings,
    rules: PatternRules = PatternRules(),
) -> Pattern:
    """Job-integration leadership. ``correlation``: outcomes × outcomes importance r (NeedClusters.correlation)."""
    rule = (
        f"Two adjacent steps both hold an outcome ≥ {scoring.high:g} and their outcomes' importance ratings "
        f"correlate: mean r between the two steps' outcomes ≥ {rules.integration_r_min:.2f}."
    )
    name, key = "Job-integration leadership", "job_integration"
    scored = scores.dropna(subset=["opportunity"])
    top = scored.groupby("step_id")["opportunity"].max()
    steps = _steps(scores)
    hot = [int(s) for s in steps["step_id"] if top.get(s, -1) >= scoring.high]
    ids = [int(s) for s in steps["step_id"]]
    pairs = [(a, b) for a, b in pairwise(ids) if a in hot and b in hot]
    if not pairs:
        held = _names(scores, hot) if hot else "none"
        return Pattern(
            key,
            name,
            rule,
            False,
            f"Steps holding a high outcome: {held}.",
            "No two adjacent steps both hold an outcome at or above the high band.",
        )
    if correlation is None or correlation.empty:
        return Pattern(
            key,
            name,
            rule,
            False,
            "The outcomes' correlations are not available.",
            "Correlations need at least 3 respondents and 3 rated outcomes.",
        )
    members = scored.groupby("step_id")["outcome_id"].apply(list)
    known = set(correlation.index)
    best: tuple[float, int, int] | None = None
    for a, b in pairs:
        left = [o for o in members.get(a, []) if o in known]
        right = [o for o in members.get(b, []) if o in known]
        if left and right:
            r = float(np.nanmean(correlation.loc[left, right].to_numpy()))
            if best is None or r > best[0]:
                best = (r, a, b)
    if best is None:
        return Pattern(key, name, rule, False, "No correlations for these steps.", "No correlated outcomes.")
    r, a, b = best
    evidence = f"{_names(scores, [a, b])}: both hold a high outcome; mean r between their outcomes {r:.2f}."
    if r < rules.integration_r_min:
        return Pattern(
            key,
            name,
            rule,
            False,
            evidence,
            f"The best adjacent pair's mean r is {r:.2f} (needs {rules.integration_r_min:.2f}).",
        )
    return Pattern(key, name, rule, True, evidence, None, (a, b), _names(scores, [a, b]))


def rest_scores(segment_scores: pd.DataFrame) -> pd.DataFrame:
    """Per segment and outcome, the score of everyone *else* in the segmentation, from the other
    segments' rows weighted by their n (exact for top-two-box and mean scores)."""
    frame = segment_scores.dropna(subset=["importance", "satisfaction"])
    frame = frame.assign(
        wi=frame["importance"] * frame["n_importance"], ws=frame["satisfaction"] * frame["n_satisfaction"]
    )
    totals = frame.groupby("outcome_id")[["wi", "ws", "n_importance", "n_satisfaction"]].sum()
    joined = frame.merge(totals, left_on="outcome_id", right_index=True, suffixes=("", "_all"))
    ni = joined["n_importance_all"] - joined["n_importance"]
    ns = joined["n_satisfaction_all"] - joined["n_satisfaction"]
    importance = (joined["wi_all"] - joined["wi"]) / ni.replace(0, np.nan)
    satisfaction = (joined["ws_all"] - joined["ws"]) / ns.replace(0, np.nan)
    rest = importance + (importance - satisfaction).clip(lower=0)
    return joined[["group", "group_n", "outcome_id", "step_id", "opportunity"]].assign(rest_opportunity=rest)


def segment_focus(
    segment_scores: pd.DataFrame | None,
    segmentation: str | None,
    scores: pd.DataFrame,
    scoring: ScoringSettings,
    rules: PatternRules = PatternRules(),
) -> Pattern:
    """Underserved-segment focus. ``segment_scores``: outcome_scores by ``segmentation:<id>``."""
    rule = (
        f"A segment of at least {rules.segment_n_min} respondents has at least {rules.segment_outcomes_min} "
        f"outcomes ≥ {scoring.high:g} that the rest of the respondents score below {scoring.solid:g}."
    )
    name, key = "Underserved-segment focus", "segment_focus"
    if segment_scores is None or segment_scores.empty:
        return Pattern(
            key,
            name,
            rule,
            False,
            "No saved segmentation.",
            "Save a segmentation on the Segments page to test this pattern.",
        )
    rows = rest_scores(segment_scores)
    rows = rows[rows["group_n"] >= rules.segment_n_min]
    hits = rows[(rows["opportunity"] >= scoring.high) & (rows["rest_opportunity"] < scoring.solid)]
    counts = hits.groupby("group").size().sort_values(ascending=False)
    if counts.empty:
        return Pattern(
            key,
            name,
            rule,
            False,
            f"Segmentation “{segmentation}”: no segment stands out.",
            f"No segment has an outcome ≥ {scoring.high:g} that the rest score below {scoring.solid:g} "
            f"(needs {rules.segment_outcomes_min}).",
        )
    segment, count = str(counts.index[0]), int(counts.iloc[0])
    mine = hits[hits["group"] == segment]
    n = int(rows.loc[rows["group"] == segment, "group_n"].iloc[0])
    evidence = (
        f"Segment “{segment}” ({n} respondents, segmentation “{segmentation}”): {plural(count, 'outcome')} ≥ "
        f"{scoring.high:g} for it and below {scoring.solid:g} for the rest."
    )
    if count < rules.segment_outcomes_min:
        return Pattern(
            key, name, rule, False, evidence, f"{plural(count, 'such outcome')} (needs {rules.segment_outcomes_min})."
        )
    by_step = mine.groupby("step_id").size().sort_values(ascending=False).head(3)
    ids = sorted((int(s) for s in by_step.index), key=_order(scores))
    return Pattern(key, name, rule, True, evidence + f" Steps: {_names(scores, ids)}.", None, tuple(ids), segment)


def new_step(
    scores: pd.DataFrame,
    competitor_steps: pd.DataFrame | None,
    white_space: pd.DataFrame | None,
    critical: float,
    correlation: pd.DataFrame | None = None,
    rules: PatternRules = PatternRules(),
) -> Pattern:
    """New job step creation. ``competitor_steps``: Competition.steps (competitor, step_id,
    satisfaction); ``white_space``: Competition.white_space (outcome_id, …); None without competitors.
    ``correlation``: outcomes × outcomes importance r (NeedClusters.correlation), None when unknown."""
    rule = (
        f"Outcomes are left in an “Unassigned” step; or at least {rules.weak_outcomes_min} outcomes are weakly tied "
        f"to any step (mean importance r with every step's outcomes below {rules.weak_tie_r:.2f}); or a step "
        "holding white space (an important outcome nobody serves) has every compared competitor below the "
        f"critical threshold ({critical:g}) on average."
    )
    name, key = "New job step creation", "new_step"
    steps = _steps(scores)
    loose = steps[steps["step"].str.strip().str.casefold() == UNASSIGNED_STEP]
    if len(loose):
        ids = [int(s) for s in loose["step_id"]]
        n = int(scores["step_id"].isin(ids).sum())
        evidence = f"{plural(n, 'outcome is', 'outcomes are')} in a step named “Unassigned”."
        return Pattern(key, name, rule, True, evidence, None, tuple(ids), "unassigned outcomes")
    ties = step_ties(scores, correlation)
    weak = weakly_tied(ties, rules.weak_tie_r)
    if len(weak) >= rules.weak_outcomes_min:
        ids = sorted({int(s) for s in weak["step_id"]}, key=_order(scores))
        evidence = f"{plural(len(weak), 'outcome')} weakly tied to any step: {describe(scores, weak)}."
        return Pattern(key, name, rule, True, evidence, None, tuple(ids), "weakly tied outcomes")
    if ties.empty:
        tied = "The outcomes' correlations are not available, so ties to the steps are untested."
    else:
        weakest = ties.sort_values("best_r").iloc[0]
        tied = (
            f"{plural(len(weak), 'outcome')} weakly tied to any step (needs {rules.weak_outcomes_min}); the weakest, "
            f"{weakest['outcome_id']}, has a strongest tie r {weakest['best_r']:.2f} "
            f"(weak below {rules.weak_tie_r:.2f})."
        )
    return _white_space_step(scores, steps, competitor_steps, white_space, critical, rule, tied)


def _white_space_step(
    scores: pd.DataFrame,
    steps: pd.DataFrame,
    competitor_steps: pd.DataFrame | None,
    white_space: pd.DataFrame | None,
    critical: float,
    rule: str,
    tied: str,
) -> Pattern:
    """The white-space part of :func:`new_step`; ``tied``: why the weak-tie part fell short."""
    name, key = "New job step creation", "new_step"
    if competitor_steps is None or competitor_steps.empty or white_space is None:
        evidence = f"Every outcome belongs to a step; the survey names no competitors. {tied}"
        return Pattern(key, name, rule, False, evidence, f"No unassigned outcomes, and no competitor data. {tied}")
    holding = scores.loc[scores["outcome_id"].isin(white_space["outcome_id"]), "step_id"].unique()
    best = competitor_steps.groupby("step_id")["satisfaction"].max()
    table = steps.set_index("step_id").assign(best=best).dropna(subset=["best"])
    candidates = table[table.index.isin(holding)].sort_values("best")
    if candidates.empty:
        evidence = f"Every outcome belongs to a step, and no important outcome is white space. {tied}"
        return Pattern(key, name, rule, False, evidence, f"No step holds white space (0 white-space outcomes). {tied}")
    space = candidates[candidates["best"] < critical]
    if len(space):
        ids = [int(s) for s in space.index]
        detail = "; ".join(f"{_names(scores, [s])}: best competitor {space.loc[s, 'best']:.1f}" for s in ids)
        return Pattern(key, name, rule, True, f"White space: {detail}.", None, tuple(ids), _names(scores, ids))
    where = _names(scores, [int(candidates.index[0])])
    evidence = f"Every outcome belongs to a step; of the steps holding white space, the least served is {where}. {tied}"
    short = f"Its best competitor scores {candidates['best'].iloc[0]:.1f} on average (needs below {critical:g}). {tied}"
    return Pattern(key, name, rule, False, evidence, short)
