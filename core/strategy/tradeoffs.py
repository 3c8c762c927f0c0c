"""The Trade-off Decision Matrix's rows and data criteria (issue 13.2); SQL in
``core/sql/tradeoffs.sql``, arithmetic in core.strategy.tradeoff_criteria.

**Rows** (the basis, core.strategy.tradeoff_store.TradeoffSettings):

* *job steps* (default): every step holding at least one outcome, in job order;
* *need clusters* (core.analysis.need_clusters): each cluster of outcomes;
* *segments* of a saved segmentation (core.analysis.segment_store): each segment; a segment
  stands for its 5 most underserved outcomes (core.analysis.segment_profiles.top_outcomes)
  wherever a criterion needs outcomes (competitive gap, capability fit) or steps (Use as scenario);
* plus the rows added by hand, which have no survey data (their data criteria stay empty).

**Data criteria**, raw values (each row's number says where it comes from, :data:`SOURCES`):

* *opportunity*: a step's mean opportunity exactly as the Opportunities page shows it
  (core.analysis.scoring.step_scores); a cluster's mean opportunity (need_clusters.cluster_summary);
  a segment's mean opportunity over all outcomes, scored within the segment.
* *unmet*: share of the row's scored outcomes with opportunity ≥ the high band (12).
* *gap*: reference − best competitor's satisfaction, each the mean over the row's outcomes
  (core.analysis.competition, the compared competitors); the reference is "us" when the
  facilitator marked one (Competitors page), else the critical threshold. Positive: the best
  rival falls short — room to differentiate.
* *reach*: share of respondents underserved on the row — importance in the top two points and
  satisfaction below them on at least half of the row's outcomes they rated; for a segment, its
  share of the respondents.
* *wtp*: median willingness to pay (core.analysis.wtp) of the respondents the row reaches; for a
  segment, of its members.
* *capability*: mean over the row's outcomes of the best (link strength/3 × capability
  strength/3) over the capabilities (0–1); computed each run (the Capabilities page may change it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from core.analysis.competition import CompetitionSettings, competition
from core.analysis.need_clusters import NeedClusterError, cluster_summary, need_clusters
from core.analysis.scoring import ScoringSettings, outcome_scores, step_scores
from core.analysis.segment_profiles import segment_scores, top_outcomes
from core.analysis.segment_store import SegmentationError, get_segmentation, list_segmentations, segment_sizes
from core.analysis.wtp import respondent_wtp, wtp_attribute
from core.intake.scales import Scale
from core.intake.store import survey_info
from core.sqlfiles import query
from core.strategy.tradeoff_store import TradeoffSettings
from core.workspace.database import Workspace

SEGMENT_OUTCOMES = 5
RAW_COLUMNS = ("opportunity", "unmet", "gap", "reach", "wtp")


@dataclass(frozen=True)
class TradeoffData:
    """The survey-derived part of the matrix (cached by the survey's signature and settings)."""

    basis: TradeoffSettings  # as applied (a basis that cannot be built falls back to steps)
    label: str  # "job steps", "need clusters (k = 4)", "segments of “…”"
    rows: pd.DataFrame  # key, name, kind, order, steps (tuple of step ids)
    members: pd.DataFrame  # row_key, outcome_id
    raw: pd.DataFrame  # indexed by key: opportunity, unmet, gap, reach, wtp (NaN when unknown)
    sources: dict[str, str]  # criterion → where its numbers come from
    reasons: dict[str, str] = field(default_factory=dict)  # criterion → why it is empty
    notes: tuple[str, ...] = ()


def _sql(name: str) -> str:
    return query("tradeoffs", name)


def _unmet(scores: pd.DataFrame, members: pd.DataFrame, high: float) -> pd.Series:
    merged = members.merge(scores[["outcome_id", "opportunity"]], on="outcome_id").dropna(subset=["opportunity"])
    return merged.assign(hit=merged["opportunity"] >= high).groupby("row_key")["hit"].mean().astype(float)


def competitive_gap(outcomes: pd.DataFrame, members: pd.DataFrame, settings: CompetitionSettings) -> pd.Series:
    """Per row key: reference − best competitor's satisfaction (module docstring)."""
    if outcomes.empty or members.empty:
        return pd.Series(dtype=float)
    merged = members.merge(outcomes[["competitor", "outcome_id", "satisfaction"]], on="outcome_id")
    means = merged.groupby(["row_key", "competitor"])["satisfaction"].mean().unstack("competitor")
    us = settings.us if settings.us in means.columns else None
    others = means.drop(columns=[us]) if us else means
    if others.shape[1] == 0:
        return pd.Series(dtype=float)
    reference = means[us] if us else pd.Series(settings.critical_threshold, index=means.index)
    return (reference - others.max(axis=1)).astype(float)


def reach_and_wtp(workspace: Workspace, members: pd.DataFrame, scale: Scale, wtp: pd.DataFrame) -> pd.DataFrame:
    """Per row key: n_respondents, n_reached, reach (share), wtp_median, n_wtp (SQL ``reach``)."""
    cur = workspace.cursor()
    cur.register("tradeoff_members", members[["row_key", "outcome_id"]])
    cur.register("tradeoff_wtp", wtp[["respondent_id", "wtp"]].astype({"respondent_id": str, "wtp": float}))
    try:
        frame = cur.execute(_sql("reach"), {"top_min": scale.top_min}).df()
    finally:
        cur.close()
    frame["reach"] = frame["n_reached"] / frame["n_respondents"].where(frame["n_respondents"] > 0)
    return frame.set_index("row_key")


def capability_fit(workspace: Workspace, members: pd.DataFrame) -> tuple[pd.Series | None, str]:
    """Per row key: the capability fit (0–1), or None and the reason when no capability exists."""
    cur = workspace.cursor()
    try:
        count = cur.execute(_sql("capability_count")).fetchall()
        if not count or not count[0][0]:
            return None, "No capability yet: add capabilities and link them to needs on the Capabilities page."
        cur.register("tradeoff_members", members[["row_key", "outcome_id"]])
        frame = cur.execute(_sql("capability_fit")).df()
    finally:
        cur.close()
    return frame.set_index("row_key")["capability_fit"].astype(float), ""


def _steps_rows(workspace: Workspace, scores: pd.DataFrame, scoring: ScoringSettings):
    steps = step_scores(workspace, scores, scoring)
    steps = steps[(steps["group"] == "All") & (steps["n_outcomes"] > 0)].sort_values("step_order")
    keys = [f"step:{int(s)}" for s in steps["step_id"]]
    rows = pd.DataFrame(
        {
            "key": keys,
            "name": [f"{int(o)}. {n}" for o, n in zip(steps["step_order"], steps["step"], strict=True)],
            "kind": "step",
            "steps": [(int(s),) for s in steps["step_id"]],
        }
    )
    members = pd.DataFrame(
        {"row_key": [f"step:{int(s)}" for s in scores["step_id"]], "outcome_id": scores["outcome_id"].astype(str)}
    )
    opportunity = pd.Series(steps["mean_opportunity"].to_numpy(dtype=float), index=keys)
    return rows, members, opportunity


def _cluster_rows(workspace: Workspace, scores: pd.DataFrame, scoring: ScoringSettings, k: int | None):
    clusters = need_clusters(workspace, k)
    summary = cluster_summary(clusters, scores, scoring)
    step_of = dict(zip(scores["outcome_id"].astype(str), scores["step_id"].astype(int), strict=True))
    assigned = clusters.assignments.assign(outcome_id=clusters.assignments["outcome_id"].astype(str))
    members = pd.DataFrame(
        {"row_key": [f"cluster:{int(c)}" for c in assigned["cluster"]], "outcome_id": assigned["outcome_id"]}
    )
    keys = [f"cluster:{int(c)}" for c in summary["cluster"]]
    steps = [
        tuple(sorted({step_of[o] for o in members.loc[members["row_key"] == key, "outcome_id"] if o in step_of}))
        for key in keys
    ]
    rows = pd.DataFrame({"key": keys, "name": summary["cluster_name"].astype(str), "kind": "cluster", "steps": steps})
    opportunity = pd.Series(summary["mean_opportunity"].to_numpy(dtype=float), index=keys)
    return rows, members, opportunity, clusters.k


def _segment_rows(workspace: Workspace, segmentation_id: str, scoring: ScoringSettings, everyone: pd.DataFrame):
    saved = get_segmentation(workspace, segmentation_id)
    scores = segment_scores(workspace, saved, scoring)
    sizes = segment_sizes(workspace, saved.segmentation_id)
    step_of = dict(zip(everyone["outcome_id"].astype(str), everyone["step_id"].astype(int), strict=True))
    total = float(sizes["n"].sum()) or 1.0
    keys, names, steps, member_rows = [], [], [], []
    for segment in sizes["grp"].astype(str):
        key = f"segment:{saved.segmentation_id}:{segment}"
        top = top_outcomes(scores, segment, SEGMENT_OUTCOMES)["outcome_id"].astype(str).tolist()
        keys.append(key)
        names.append(segment)
        steps.append(tuple(sorted({step_of[o] for o in top if o in step_of})))
        member_rows += [(key, o) for o in top]
    rows = pd.DataFrame({"key": keys, "name": names, "kind": "segment", "steps": steps})
    members = pd.DataFrame(member_rows, columns=["row_key", "outcome_id"])
    in_segment = scores.assign(row_key=[f"segment:{saved.segmentation_id}:{s}" for s in scores["segment"]])
    opportunity = in_segment.groupby("row_key")["opportunity"].mean().reindex(keys).astype(float)
    unmet_scores = in_segment.dropna(subset=["opportunity"])
    unmet = (unmet_scores["opportunity"] >= scoring.high).groupby(unmet_scores["row_key"]).mean().astype(float)
    reach = pd.Series([float(n) / total for n in sizes["n"]], index=keys)
    wtp = respondent_wtp(workspace, saved.segmentation_id)
    wtp_median = wtp.groupby("segment")["wtp"].median() if len(wtp) else pd.Series(dtype=float)
    wtp_by_key = pd.Series({k: wtp_median.get(n, float("nan")) for k, n in zip(keys, names, strict=True)}, dtype=float)
    return rows, members, opportunity, unmet, reach, wtp_by_key, saved.name


def tradeoff_data(
    workspace: Workspace, scoring: ScoringSettings, settings: CompetitionSettings, basis: TradeoffSettings
) -> TradeoffData:
    """Rows and raw data criteria of the matrix under the workspace's settings (module docstring)."""
    info = survey_info(workspace)
    scale = info.scale if info else Scale(1, 5, (4, 5))
    everyone = outcome_scores(workspace, scoring)
    everyone = everyone.assign(outcome_id=everyone["outcome_id"].astype(str))
    notes: list[str] = []
    applied = basis
    found_wtp = wtp_attribute(workspace)
    segment_parts = None
    if basis.by == "segments":
        segmentation_id = basis.segmentation_id or next(
            (s.segmentation_id for s in reversed(list_segmentations(workspace))), None
        )
        try:
            if segmentation_id is None:
                raise SegmentationError("There is no saved segmentation yet: run one on the Segments page.")
            segment_parts = _segment_rows(workspace, segmentation_id, scoring, everyone)
            applied = TradeoffSettings("segments", segmentation_id, basis.clusters)
        except SegmentationError as exc:
            notes.append(f"Rows are job steps: {exc}")
            applied = TradeoffSettings("steps", None, basis.clusters)
    cluster_k = None
    if applied.by == "clusters":
        try:
            rows, members, opportunity, cluster_k = _cluster_rows(workspace, everyone, scoring, basis.clusters)
        except NeedClusterError as exc:
            notes.append(f"Rows are job steps: {exc}")
            applied = TradeoffSettings("steps", None, basis.clusters)
    raw = pd.DataFrame(index=pd.Index([], name="key"))
    if segment_parts is not None:
        rows, members, opportunity, unmet, reach, wtp, segmentation_name = segment_parts
        label = f"segments of “{segmentation_name}”"
        raw = pd.DataFrame(
            {"opportunity": opportunity, "unmet": unmet.reindex(rows["key"]), "reach": reach, "wtp": wtp}
        )
    else:
        if applied.by == "steps":
            rows, members, opportunity = _steps_rows(workspace, everyone, scoring)
            label = "job steps"
        else:
            label = f"need clusters (k = {cluster_k})"
        wtp_frame = respondent_wtp(workspace) if found_wtp else pd.DataFrame({"respondent_id": [], "wtp": []})
        reached = reach_and_wtp(workspace, members, scale, wtp_frame).reindex(rows["key"])
        raw = pd.DataFrame(
            {
                "opportunity": opportunity.reindex(rows["key"]),
                "unmet": _unmet(everyone, members, scoring.high).reindex(rows["key"]),
                "reach": reached["reach"],
                "wtp": reached["wtp_median"] if found_wtp else float("nan"),
            }
        )
    raw.index = pd.Index(rows["key"], name="key")
    analysis = competition(workspace, scoring, settings, everyone=everyone)
    raw["gap"] = competitive_gap(analysis.outcomes, members, analysis.settings).reindex(raw.index)
    raw = raw[list(RAW_COLUMNS)].astype(float)
    reasons = _reasons(raw, analysis, found_wtp is not None)
    sources = _sources(applied.by, scoring, analysis, found_wtp.header if found_wtp else "")
    return TradeoffData(applied, label, rows.reset_index(drop=True), members, raw, sources, reasons, tuple(notes))


def _reasons(raw: pd.DataFrame, analysis, has_wtp: bool) -> dict[str, str]:
    reasons: dict[str, str] = {}
    if raw["gap"].isna().all():
        if analysis.outcomes.empty:
            detail = " ".join(analysis.notes) if analysis.notes else ""
            reasons["gap"] = (
                "No competitor ratings to compare: the survey has no competitors sheet or current-solution column, "
                "or every competitor has too few respondents (Competitors page). " + detail
            ).strip()
        else:
            reasons["gap"] = "Only “us” is rated: there is no other competitor to compare with."
    if not has_wtp:
        reasons["wtp"] = "The survey has no willingness-to-pay column."
    elif raw["wtp"].isna().all():
        reasons["wtp"] = "No respondent the rows reach gave a numeric willingness to pay."
    return reasons


def _sources(by: str, scoring: ScoringSettings, analysis, wtp_header: str) -> dict[str, str]:
    where = {
        "steps": "step's mean opportunity, as on the Opportunities page",
        "clusters": "cluster's mean opportunity (Segments page, Need clusters)",
        "segments": "segment's mean opportunity over all outcomes, scored within the segment",
    }[by]
    outcomes = "the segment's 5 most underserved outcomes" if by == "segments" else "the row's outcomes"
    us = analysis.settings.us
    reference = f"“{us}”" if us else f"the critical threshold {analysis.settings.critical_threshold:g}"
    reach = (
        "segment's share of the segmented respondents"
        if by == "segments"
        else "share of respondents with importance in the top two points and satisfaction below on ≥ half of "
        "the row's outcomes they rated"
    )
    return {
        "opportunity": f"The {where} (0–20).",
        "unmet": f"Share of the row's outcomes with opportunity ≥ the high band ({scoring.high:g}).",
        "gap": f"{reference} − the best competitor's satisfaction (0–10), means over {outcomes}.",
        "reach": f"The {reach}.",
        "wtp": f"Median “{wtp_header}” of the respondents the row reaches." if wtp_header else "",
        "capability": f"Mean over {outcomes} of the best link strength/3 × capability strength/3 (Capabilities page).",
    }
