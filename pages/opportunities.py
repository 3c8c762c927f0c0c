"""Opportunities: the landscape, the ranked outcomes and opportunity by step."""

import streamlit as st

from core.analysis.scoring import load_settings, scoring_rule
from core.exports import csv_bytes, xlsx_bytes
from core.wording import plural
from ui import page_views, presentation
from ui.chart_downloads import chart_downloads
from ui.group_filter import group_filter
from ui.opportunity_charts import opportunity_charts
from ui.opportunity_slide import opportunity_slide
from ui.ranking import RANKED_COLUMNS, SHOWN_COLUMNS, SHOWN_WIDTHS, for_download, ranked, selected_outcomes
from ui.router import workspace
from ui.settings_notice import scores_note, show_scoring_rule, show_settings_warnings
from ui.text import literal

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

ws = workspace()
st.title("Opportunities")
show_settings_warnings(ws, "scoring")
show_scoring_rule(ws)
if page_views.survey(ws).info is None:
    st.info("Load a survey on the **Data** page first.")
    st.stop()

choice = group_filter(ws, key="opportunities")
scores = page_views.opportunities(ws, choice.by).scores_of(choice.group)
if presentation.presenting():  # one projector screen (ui/opportunity_slide.py)
    opportunity_slide(ws, choice, scores)
    st.stop()
charts = opportunity_charts(ws, choice.by, choice.group)

st.caption(
    "Each point is a desired outcome; below the diagonal it is underserved. "
    "Click a point (shift-click for more) or drag a box to filter the ranked table; numbers are ranks.",
    help="Opportunity = importance + max(importance − satisfaction, 0). The dashed lines join outcomes of equal "
    "opportunity (10, 12, 15): the further down and right, the bigger the opportunity. Shaded: underserved (orange), "
    "overserved (blue).",
)
event = st.vega_lite_chart(
    presentation.chart(charts.landscape),
    theme=None,
    key=f"landscape_{choice.by}_{choice.group}",
    on_select="rerun",
    width="content",
)
chart_downloads(charts.landscape, "opportunity-landscape", note=scores_note(ws))
table = ranked(scores)
picked = selected_outcomes(event.get("selection") if event else None, scores)
if picked is not None:
    table = table[table["outcome_id"].isin(picked)]
    st.markdown(
        f"**{plural(len(table), 'selected outcome')}** — click an empty spot on the chart to clear the selection."
    )

st.subheader(f"Ranked outcomes · {literal(choice.label)}")
st.dataframe(
    table,
    column_order=SHOWN_COLUMNS,
    column_config={
        **{k: st.column_config.Column(v, width=SHOWN_WIDTHS.get(k)) for k, v in RANKED_COLUMNS.items()},
        "statement": st.column_config.TextColumn("Outcome", width=SHOWN_WIDTHS["statement"]),
        "importance": st.column_config.NumberColumn("Importance", format="%.1f", width=SHOWN_WIDTHS["importance"]),
        "satisfaction": st.column_config.NumberColumn(
            "Satisfaction", format="%.1f", width=SHOWN_WIDTHS["satisfaction"]
        ),
        "opportunity": st.column_config.ProgressColumn(
            "Opportunity", format="%.1f", min_value=0, max_value=20, width=SHOWN_WIDTHS["opportunity"]
        ),
    },
    hide_index=True,
    height=380,
)
download = for_download(table, scoring_rule(load_settings(ws)))
downloads = st.container(horizontal=True)  # buttons at their natural width: never "Downlo…"
downloads.download_button(
    "Download .csv", lambda: csv_bytes(download), "opportunities.csv", "text/csv", icon=":material/download:"
)
downloads.download_button(
    "Download .xlsx",
    lambda: xlsx_bytes({"Opportunities": download}),
    "opportunities.xlsx",
    XLSX_MIME,
    icon=":material/download:",
)

st.vega_lite_chart(presentation.chart(charts.step_bars), theme=None, width="stretch")
chart_downloads(charts.step_bars, "opportunity-by-step", note=scores_note(ws))
