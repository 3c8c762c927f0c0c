"""The Metrics page's body as one ``st.fragment``: a change reruns only this part.

Top: the status rule in one line (in full behind "How the status is judged"), the metric picker,
and the selected metric at a glance (chart, status, entry row: ui.metrics_detail), which fits on
one screen at 1280 × 720. Below, in tabs: every metric with its status (ui.metrics_list), the
templates, the selected metric's fields (ui.metrics_editor), its measurements and the import
(ui.metrics_entry). Without a metric yet, the templates come first.
"""

from __future__ import annotations

import streamlit as st

from core.strategy.metric_status import RULE
from core.workspace.database import Workspace
from ui.fragments import workspace_fragment
from ui.metrics_detail import all_charts, detail, pick_metric
from ui.metrics_editor import field_editor
from ui.metrics_entry import import_panel, measurement_table
from ui.metrics_list import metric_list, templates
from ui.metrics_state import begin_run, selected, show_feedback, view
from ui.view_only import writable

SHORT_RULE = (
    "Status: **on track** when the progress from baseline to target keeps pace with the time gone to the "
    "target date, **at risk** up to 25 points behind, **off track** beyond that, backwards or past the date."
)


@workspace_fragment
def metrics_body(ws: Workspace) -> None:
    """The selected metric, then the list, templates, editor, measurements and import in tabs."""
    begin_run(ws)
    show_feedback()
    v = view(ws)
    metric_id = selected(v)
    if metric_id is None:
        if not writable(ws):  # a view link adds no metric (issue 17.1)
            st.info("No metric yet: the facilitator adds them with the edit link.")
            return
        st.info("No metric yet: pick the method's metrics below (one click each), or add your own.")
        templates(ws, v)
        return
    rule, how = st.columns([5, 1.3], vertical_alignment="center")
    rule.caption(SHORT_RULE)
    with how.popover("The rule", icon=":material/help:"):
        st.markdown(RULE)
    pick_metric(v)
    detail(ws, v, metric_id)
    name = str(v.row(metric_id)["name"])  # type: ignore[index]
    viewer = not writable(ws)  # a view link: the fields and measurements greyed, no import, no template
    tabs = ["All metrics", "Metric fields" if viewer else "Edit metric", "Measurements"]
    list_tab, edit_tab, values_tab, *write_tabs = st.tabs(
        tabs + ([] if viewer else ["Paste or upload", "Add a metric"])
    )
    with list_tab:
        metric_list(v)
        all_charts(v)
    with edit_tab:
        field_editor(ws, v, metric_id)
    with values_tab:
        measurement_table(ws, v, metric_id)
    if viewer:
        return
    import_tab, add_tab = write_tabs
    with import_tab:
        import_panel(ws, metric_id, name)
    with add_tab:
        templates(ws, v)
