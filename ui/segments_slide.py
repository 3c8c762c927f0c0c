"""The Segments page as a slide (presentation mode, issue 15.3): one projector screen.

Decision: while presenting, the room sees the saved segmentation under one picker: how
underserved each job step is for each segment (the heat map) and, beside it, how big each
segment is (its name, respondents, share and mean opportunity: the sizes' bar chart needs the page's full
width for its names).
Running, renaming and profiling segments, and the need clusters, stay on the normal page.
"""

from __future__ import annotations

import streamlit as st

from core.analysis.segment_store import SegmentationError
from core.wording import decimal, percent, plural
from core.workspace.database import Workspace
from ui import page_views, presentation, segment_page_views
from ui.pickers import pick_saved
from ui.segment_charts import segmentation_charts
from ui.text import literal

HEAT_HEIGHT = 280  # px: the heat map of steps × segments


def size_line(n: object, share: object, mean: object) -> str:
    """ "240 respondents · 40 % · mean opportunity 6.8"."""
    return f"{plural(int(n), 'respondent')} · {percent(share)} · mean opportunity {decimal(mean)}"  # type: ignore[arg-type]


def segments_slide(ws: Workspace, picker_key: str) -> None:
    """The picker, then the sizes and the step heat map side by side."""
    saved = {s.segmentation_id: s for s in page_views.survey(ws).segmentations}
    if not saved:
        st.info("No segmentation yet: exit presentation mode and run one on this page.")
        return
    segmentation_id = pick_saved(
        "Segmentation",
        saved,
        picker_key,
        lambda s: f"{s.name} · {s.k} segments · {s.n_respondents:,} respondents",
        width=520,
    )
    try:
        charts = segmentation_charts(ws, segmentation_id)
        sizes = segment_page_views.segmentation(ws, segmentation_id).profiles.sizes
    except SegmentationError as exc:
        st.warning(literal(exc))
        return
    left, right = st.columns([3, 2], gap="medium")
    left.vega_lite_chart(presentation.chart(charts.steps, slide_height=HEAT_HEIGHT), theme=None, width="stretch")
    with right:
        st.markdown("**Segment sizes**")
        for row in sizes.itertuples():
            st.markdown(f"**{literal(row.segment)}**  \n{size_line(row.n, row.share, row.mean_opportunity)}")
