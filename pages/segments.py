"""Segments: outcome-based segments of the respondents, their profiles, and the need clusters.

A segmentation runs on a click (never on a rerun), is saved by name, and its segments become a
group filter on every page. It runs as a background job (ui/jobs.py): the page shows its progress
and a Cancel button, and other sessions keep answering meanwhile. Two tabs; only the open one runs.
"""

import streamlit as st

from core.analysis.scoring import load_settings
from core.analysis.segment_store import SegmentationError, delete_segmentation, rename_segmentation, rename_segments
from core.analysis.segmentation import AUTO_K, SegmentationOptions
from core.analysis.segmentation_worker import Cancelled, run_segmentation_bounded
from core.workspace.database import Workspace
from ui import jobs, page_views, presentation, segment_page_views
from ui.chart_downloads import chart_downloads
from ui.pickers import pick_saved
from ui.router import workspace
from ui.segment_charts import attribute_mix_chart_spec, segmentation_charts
from ui.segment_views import differences_table, need_clusters_tab, top_outcomes_table
from ui.segments_slide import segments_slide
from ui.session import job_workspace
from ui.settings_notice import scores_note, show_scoring_rule, show_settings_warnings
from ui.text import literal
from ui.view_only import view_note
from ui.wave_picker import base_wave_caption

TABS_KEY = "seg_tab"
SEGMENTS, CLUSTERS = "Segments", "Need clusters"
SELECTED = "seg_selected"
MESSAGE = "seg_message"
CLEAR_NAME = "seg_clear_name"
AUTO, FIXED = "Automatic (best separated, 2–8)", "Fixed"
JOB = "segmentation"


def run_form(ws: Workspace, first: bool) -> None:
    """The form that runs a segmentation (folded away once one exists)."""
    if st.session_state.pop(CLEAR_NAME, False):
        st.session_state["seg_name"] = ""  # the name was used; the next run needs another one
    place = st.container() if first else st.expander("Run a new segmentation", icon=":material/add:")
    with place, st.form("seg_run", border=first):
        if first:
            st.markdown("**Run a new segmentation**")
        name_col, mode_col, k_col = st.columns([3, 3, 2])
        name = name_col.text_input("Name", key="seg_name", placeholder="e.g. Need-based segments")
        mode = mode_col.radio("Number of segments", (AUTO, FIXED), key="seg_mode", horizontal=True)
        k = k_col.slider("Segments when fixed", AUTO_K.start, AUTO_K.stop - 1, 4, key="seg_k")
        submitted = st.form_submit_button("Run segmentation", type="primary", icon=":material/groups:")
    if not submitted:
        return
    ws = job_workspace(ws)
    info = page_views.survey(ws).info
    options, settings = SegmentationOptions(k=k if mode == FIXED else None), load_settings(ws)
    jobs.start(
        JOB,
        f"Segmenting {info.respondents:,} respondents on {info.outcomes} outcomes",
        lambda job: run_segmentation_bounded(
            ws, options, name=name, settings=settings, cancelled=job.cancelled, progress=job.progress
        ),
    )
    st.rerun()  # the progress panel replaces the form while the job runs


def segmentation_job() -> bool:
    """Take a finished segmentation's outcome; show a running one's progress. True while one runs."""
    if job := jobs.collect(JOB):
        try:
            segmentation_id = job.outcome()
        except Cancelled:
            st.session_state[MESSAGE] = ("info", "The segmentation was cancelled; nothing was saved.")
        except SegmentationError as exc:
            st.session_state[MESSAGE] = ("error", f"No segmentation was saved: {literal(exc)}")
        else:
            st.session_state[SELECTED] = segmentation_id
            st.session_state[CLEAR_NAME] = True
            st.session_state[MESSAGE] = (
                "success",
                "Segmentation saved. Its segments are now a group filter on every page.",
            )
    return jobs.panel(JOB, "Cancel segmentation")


def show_message() -> None:
    if message := st.session_state.pop(MESSAGE, None):
        kind, text = message
        {"error": st.error, "info": st.info}.get(kind, st.success)(text)


def manage(ws: Workspace, segmentation_id: str, names: list[str], current: str) -> None:
    if ws.refuses_writes:  # a view link renames and deletes nothing
        return
    with st.expander("Rename segments, rename or delete this segmentation"):
        with st.form(f"seg_rename_{segmentation_id}", border=False):
            new = {
                old: st.text_input(f"Segment {i}", value=old, key=f"seg_rn_{segmentation_id}_{i}")
                for i, old in enumerate(names, start=1)
            }
            title = st.text_input("Segmentation name", value=current, key=f"seg_title_{segmentation_id}")
            if st.form_submit_button("Save names", icon=":material/edit:"):
                try:
                    rename_segments(ws, segmentation_id, {o: n for o, n in new.items() if n.strip() != o})
                    if title.strip() != current:
                        rename_segmentation(ws, segmentation_id, title)
                except SegmentationError as exc:
                    st.session_state[MESSAGE] = ("error", f"Names not saved: {literal(exc)}")
                else:
                    st.session_state[MESSAGE] = ("success", "Names saved.")
                st.rerun()
        if st.button("Delete this segmentation", icon=":material/delete:", key=f"seg_delete_{segmentation_id}"):
            delete_segmentation(ws, segmentation_id)
            st.session_state.pop(SELECTED, None)
            st.session_state[MESSAGE] = ("success", f"“{literal(current)}” was deleted.")
            st.rerun()


def segments_tab(ws: Workspace) -> None:
    if not segmentation_job() and not ws.refuses_writes:  # a view link looks at saved segmentations, runs none
        run_form(ws, first=not page_views.survey(ws).segmentations)
    show_message()
    saved = {s.segmentation_id: s for s in page_views.survey(ws).segmentations}
    if not saved:
        st.info("No segmentation yet: run one above. It takes a few seconds.")
        return
    segmentation_id = pick_saved(
        "Saved segmentations", saved, SELECTED, lambda s: f"{s.name} · {s.k} segments · {s.created_at:%d %b %H:%M}"
    )
    chosen = saved[segmentation_id]
    try:
        view = segment_page_views.segmentation(ws, segmentation_id)
        charts = segmentation_charts(ws, segmentation_id)
    except SegmentationError as exc:
        st.warning(literal(exc))
        return
    profiles, order = view.profiles, view.order
    params = chosen.params
    k_how = "chosen by silhouette" if params.get("k_requested") == "auto" else "fixed"
    cols = st.columns(4)
    cols[0].metric("Segments", chosen.k, help=f"k {k_how}")
    cols[1].metric("Respondents segmented", f"{chosen.n_respondents:,}")
    cols[2].metric(
        "Silhouette",
        f"{chosen.silhouette:.2f}" if chosen.silhouette is not None else "–",
        help="How well separated the segments are: −1 to 1; above 0.25 is a usable structure.",
    )
    cols[3].metric("Left out", params.get("n_excluded", 0), help="Respondents who rated fewer than half the outcomes.")
    st.vega_lite_chart(presentation.chart(charts.sizes), theme=None, width="stretch")
    chart_downloads(charts.sizes, "segment-sizes", note=scores_note(ws))
    with st.expander(f"Why {chosen.k} segments?"):
        st.vega_lite_chart(presentation.chart(charts.silhouettes), theme=None, width="stretch")
        chart_downloads(charts.silhouettes, "segment-silhouettes")
        st.caption(
            "k-means on each respondent's standardised opportunity vector (importance + max(importance − "
            "satisfaction, 0) per outcome), reduced to its first principal components, 10 restarts, fixed seed. "
            "The silhouette compares how close respondents are to their own segment and to the next one."
        )
    st.caption(f"Use these segments anywhere: choose **Segments: {literal(chosen.name)}** under “Show scores for”.")
    st.vega_lite_chart(presentation.chart(charts.steps), theme=None, width="stretch")
    chart_downloads(charts.steps, "segment-step-heatmap", note=scores_note(ws))

    st.subheader("Segment profile")
    segment = st.selectbox("Segment", order, key=f"seg_profile_{segmentation_id}")
    size = profiles.sizes.set_index("segment").loc[segment]
    st.markdown(
        f"**{literal(segment)}** — {int(size['n']):,} respondents ({size['share']:.0%}), "
        f"mean opportunity {size['mean_opportunity']:.1f}"
    )
    st.markdown("**Most underserved outcomes in this segment**")
    top_outcomes_table(profiles.scores, segment, page_views.segmentation_intervals(ws, segmentation_id))
    st.markdown("**Where it differs from the other segments** (p < 0.05)")
    differences_table(profiles.differences, segment)
    attributes = profiles.attribute_mix.drop_duplicates("attribute")
    if len(attributes):
        headers = dict(zip(attributes["attribute"], attributes["header"], strict=True))
        attribute = st.selectbox(
            "Respondent attribute mix", list(headers), format_func=headers.get, key=f"seg_attr_{segmentation_id}"
        )
        st.vega_lite_chart(
            presentation.chart(mix := attribute_mix_chart_spec(ws, segmentation_id, attribute)),
            theme=None,
            width="stretch",
        )
        chart_downloads(mix, "segment-attribute-mix")
    if charts.wtp is not None:
        st.subheader("Would underserved segments pay more?")
        wtp = view.wtp.merge(profiles.sizes, on="segment", suffixes=("", "_size"))
        top = wtp.sort_values("mean_opportunity", ascending=False).iloc[0]
        others = wtp[wtp["segment"] != top["segment"]]["median"]
        if len(others):
            st.markdown(
                f"The most underserved segment, **{literal(top['segment'])}** (mean opportunity "
                f"{top['mean_opportunity']:.1f}), would pay a median of **{top['median']:,.0f}**, against "
                f"{others.min():,.0f}–{others.max():,.0f} for the others."
            )
        st.vega_lite_chart(presentation.chart(charts.wtp), theme=None, width="stretch")
        chart_downloads(charts.wtp, "segment-wtp")
        st.caption(
            f"From the survey's “{literal(view.wtp_attribute.header)}” answers. Bars: medians; black lines: the "
            "middle half of the answers (25–75 %)."
        )
    manage(ws, segmentation_id, order, chosen.name)


ws = workspace()
st.title("Segments")
view_note(ws)
show_settings_warnings(ws, "scoring")
show_scoring_rule(ws)
base_wave_caption(ws)
if page_views.survey(ws).info is None:
    st.info("Load a survey on the **Data** page first.")
    st.stop()
if presentation.presenting():  # one projector screen (ui/segments_slide.py)
    segments_slide(ws, SELECTED)
    st.stop()
st.caption(
    "Pooled scores hide opportunities: a need served well overall can be badly underserved for a third of "
    "the market. Segments group respondents by which needs are underserved for them; need clusters group "
    "outcomes that respondents rate together."
)
segments, clusters = st.tabs([SEGMENTS, CLUSTERS], key=TABS_KEY, on_change="rerun")
with segments:
    if segments.open:
        segments_tab(ws)
with clusters:
    if clusters.open:
        need_clusters_tab(ws)
