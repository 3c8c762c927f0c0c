"""Opportunities: the landscape, the ranked outcomes and opportunity by step; other scoring methods."""

import streamlit as st

from ui import page_views, presentation
from ui.group_filter import group_filter
from ui.opportunities_methods import methods_tab
from ui.opportunities_ranking import ranking_tab
from ui.opportunity_slide import opportunity_slide
from ui.router import workspace
from ui.settings_notice import show_scoring_rule, show_settings_warnings
from ui.view_only import view_note

TABS_KEY = "opportunities_tab"
RANKING, METHODS = "Landscape and ranking", "Methods"

ws = workspace()
st.title("Opportunities")
view_note(ws)
show_settings_warnings(ws, "scoring")
show_scoring_rule(ws)
if page_views.survey(ws).info is None:
    st.info("Load a survey on the **Data** page first.")
    st.stop()

choice = group_filter(ws, key="opportunities")
if presentation.presenting():  # one projector screen (ui/opportunity_slide.py)
    opportunity_slide(ws, choice, page_views.opportunities(ws, choice.by).scores_of(choice.group))
    st.stop()
ranking, methods = st.tabs([RANKING, METHODS], key=TABS_KEY, on_change="rerun")
with ranking:
    if ranking.open:
        ranking_tab(ws, choice)
with methods:
    if methods.open:
        methods_tab(ws, choice)
