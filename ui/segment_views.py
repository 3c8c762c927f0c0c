"""Streamlit pieces of the Segments page: the profile tables and the need-clusters tab."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.analysis.bootstrap import BootstrapIntervals, distinguishable_text, not_distinguishable
from core.analysis.segment_profiles import SIGNIFICANCE, top_outcomes
from core.wording import decimal, plural
from core.workspace.database import Workspace
from ui import page_views, presentation, segment_page_views
from ui.chart_downloads import chart_downloads
from ui.segment_charts import cluster_charts
from ui.settings_notice import scores_note
from ui.text import literal

TOP = 8
# Widths (px) that fit the 1280 × 720 layout with the sidebar open (~790 px of table): the
# outcome gets most of it, and rows tall enough for a statement on two lines.
WRAPPED_ROWS = 56
DIFFERENCES = 10
CLUSTER_AUTO, CLUSTER_FIXED = "Automatic (best separated)", "Fixed"


def top_outcomes_table(scores: pd.DataFrame, segment: str, intervals: BootstrapIntervals | None = None) -> None:
    """The segment's highest-opportunity outcomes, with everyone's opportunity beside them, and the
    segment's 95 % bootstrap interval with "not distinguishable from rank N+1" (issue 16.2)."""
    rows = top_outcomes(scores, segment, TOP)
    own = intervals.outcomes[intervals.outcomes["group"] == segment] if intervals is not None else None
    if own is not None and len(own):
        rows = rows.merge(own[["outcome_id", "opportunity_low", "opportunity_high"]], on="outcome_id", how="left")
    else:
        rows = rows.assign(opportunity_low=float("nan"), opportunity_high=float("nan"))
    marks = not_distinguishable(rows["opportunity"], rows["opportunity_low"], rows["opportunity_high"])
    rows = rows.assign(
        interval=[
            f"{decimal(lo)}–{decimal(hi)}" if pd.notna(lo) and pd.notna(hi) else ""
            for lo, hi in zip(rows["opportunity_low"], rows["opportunity_high"], strict=True)
        ],
        distinct=distinguishable_text(marks),
    )
    st.dataframe(
        rows[["statement", "opportunity", "interval", "distinct", "overall_opportunity", "n_importance", "step"]],
        hide_index=True,
        row_height=WRAPPED_ROWS,
        column_config={
            "statement": st.column_config.TextColumn("Outcome", width=380),
            "step": st.column_config.TextColumn("Job step", width=150),
            "opportunity": st.column_config.ProgressColumn(
                "Opportunity here", format="%.1f", min_value=0, max_value=20, width=130
            ),
            "interval": st.column_config.TextColumn(
                "95% CI", width=90, help="Bootstrap over the segment's respondents"
            ),
            "distinct": st.column_config.TextColumn("Next rank", width=110),
            "overall_opportunity": st.column_config.NumberColumn("Everyone", format="%.1f", width=80),
            "n_importance": st.column_config.NumberColumn("n", width=50),
        },
    )


def differences_table(differences: pd.DataFrame, segment: str) -> None:
    """The outcomes on which the segment differs significantly from the other segments."""
    rows = differences[(differences["segment"] == segment) & differences["significant"]].head(DIFFERENCES)
    total = int(((differences["segment"] == segment) & differences["significant"]).sum())
    if rows.empty:
        st.info("No outcome differs significantly from the other segments.")
        return
    shown = rows.assign(
        verdict=[_verdict(r) for r in rows.itertuples()],
        importance=_shares(rows, "importance"),
        satisfaction=_shares(rows, "satisfaction"),
        n=[f"{a} vs {b}" for a, b in zip(rows["n_importance"], rows["rest_n_importance"], strict=True)],
        p=rows[["importance_p", "satisfaction_p"]].min(axis=1),
    )
    st.dataframe(
        shown[["statement", "verdict", "importance", "satisfaction", "n", "p"]],
        hide_index=True,
        row_height=WRAPPED_ROWS,
        column_config={
            "statement": st.column_config.TextColumn("Outcome", width=330),
            "verdict": st.column_config.TextColumn("This segment is…", width=130),
            "importance": st.column_config.TextColumn("Important", width=95, help="Segment vs the rest"),
            "satisfaction": st.column_config.TextColumn("Satisfied", width=95, help="Segment vs the rest"),
            "n": st.column_config.TextColumn("n", width=85, help="Segment vs the rest"),
            "p": st.column_config.NumberColumn("p", format="%.3f", width=50),
        },
    )
    st.caption(
        f"{plural(total, 'outcome differs', 'outcomes differ')} at p < 0.05 (* marks the significant share; "
        "two-proportion z-test on top-two-box shares, segment vs the other segments; "
        f"the strongest {min(total, DIFFERENCES)} are shown). "
        "Tests are not corrected for multiple comparisons: expect about 1 in 20 outcomes flagged by chance."
    )


def _verdict(row) -> str:
    words = []
    for measure, more, less in (
        ("importance", "more important", "less important"),
        ("satisfaction", "more satisfied", "less satisfied"),
    ):
        if getattr(row, f"{measure}_p") < SIGNIFICANCE:
            words.append(more if getattr(row, f"{measure}_share") > getattr(row, f"rest_{measure}_share") else less)
    return ", ".join(words)


def _shares(rows: pd.DataFrame, measure: str) -> list[str]:
    """Top-two-box shares, "62 % vs 35 %", starred when the difference is significant."""
    return [
        f"{a:.0%} vs {b:.0%}" + (" *" if p < SIGNIFICANCE else "")
        for a, b, p in zip(rows[f"{measure}_share"], rows[f"rest_{measure}_share"], rows[f"{measure}_p"], strict=True)
    ]


def need_clusters_tab(ws: Workspace) -> None:
    """Heat map ordered by cluster, cluster table, dominance overall and by segment."""
    left, right, pick = st.columns([2, 2, 3])
    mode = left.radio("Number of clusters", (CLUSTER_AUTO, CLUSTER_FIXED), key="nc_mode", horizontal=True)
    fixed = right.slider("Clusters when fixed", 2, 12, 5, key="nc_k")
    saved = {s.segmentation_id: s.name for s in page_views.survey(ws).segmentations}
    segmentation_id = ""
    if saved:
        segmentation_id = (
            pick.selectbox(
                "Compare across the segments of",
                ["", *saved],
                format_func=lambda s: saved.get(s, "(none)"),
                index=len(saved),
                key="nc_segmentation",
            )
            or ""
        )
    k = fixed if mode == CLUSTER_FIXED else None
    view = segment_page_views.need_clusters(ws, k, segmentation_id)
    clusters, charts = view.clusters, cluster_charts(ws, k, segmentation_id)
    if clusters is None or charts is None:
        st.warning(literal(view.problem or ""))
        return
    summary, settings = view.summary, view.scoring
    underserved = summary[summary["underserved"]]
    if underserved.empty:
        st.markdown(
            f"**No need cluster is underserved as a whole for everyone** (mean opportunity ≥ {settings.solid:g})."
            + (" Compare across segments below: clusters often are, for one segment." if saved else "")
        )
    else:
        names = ", ".join(f"**{literal(n)}**" for n in underserved["cluster_name"])
        st.markdown(f"Underserved as a whole (mean opportunity ≥ {settings.solid:g}): {names}.")
    st.vega_lite_chart(presentation.chart(charts.dominance), theme=None, width="stretch")
    chart_downloads(charts.dominance, "need-cluster-dominance", note=scores_note(ws))
    if charts.by_segment is not None:
        st.vega_lite_chart(presentation.chart(charts.by_segment), theme=None, width="stretch")
        chart_downloads(charts.by_segment, "need-clusters-by-segment", note=scores_note(ws))
    st.vega_lite_chart(presentation.chart(charts.heatmap), theme=None, width="content")
    chart_downloads(charts.heatmap, "need-cluster-heatmap")
    st.caption(
        f"{clusters.k} clusters (average linkage on 1 − r of importance ratings"
        + (f", silhouette {clusters.silhouette:.2f}" if clusters.silhouette is not None else "")
        + "). Hover a cell for both outcomes."
    )
    st.dataframe(
        summary[["cluster_name", "n_outcomes", "steps", "mean_opportunity", "n_underserved"]],
        hide_index=True,
        column_config={
            "cluster_name": st.column_config.TextColumn("Need cluster", width="large"),
            "n_outcomes": st.column_config.NumberColumn("Outcomes"),
            "steps": st.column_config.TextColumn("Job steps it spans"),
            "mean_opportunity": st.column_config.ProgressColumn(
                "Mean opportunity", format="%.1f", min_value=0, max_value=20
            ),
            "n_underserved": st.column_config.NumberColumn(f"Outcomes ≥ {settings.solid:g}"),
        },
    )
    with st.expander("The outcomes of each cluster"):
        st.dataframe(
            clusters.assignments[["cluster_name", "outcome_id", "statement", "step_order", "step"]],
            hide_index=True,
            column_config={
                "cluster_name": st.column_config.TextColumn("Need cluster"),
                "outcome_id": st.column_config.TextColumn("Outcome"),
                "statement": st.column_config.TextColumn("Statement", width="large"),
                "step_order": st.column_config.NumberColumn("Step"),
                "step": st.column_config.TextColumn("Job step"),
            },
        )
