"""Competitors: how well each solution satisfies each need, where it leads and lags, white space.

The facilitator marks which competitor is "us" and sets the critical threshold; both are saved
in the workspace (shared with the focus matrix) as soon as they change.
"""

from dataclasses import replace

import pandas as pd
import streamlit as st

from core.analysis.competition import (
    LEADS_COLUMNS,
    SETTINGS_KEY,
    CompetitionSettings,
    load_competition_settings,
    save_competition_settings,
)
from core.wording import count, decimal, named, plural
from core.workspace.change_marks import ChangedElsewhere
from ui import page_views, presentation, stale_views
from ui.chart_downloads import chart_downloads
from ui.router import workspace
from ui.session import current
from ui.settings_notice import scores_note, show_scoring_rule, show_settings_warnings
from ui.text import literal
from ui.view_charts import competitor_charts
from ui.view_only import view_note
from ui.wave_picker import base_wave_caption

US_KEY, THRESHOLD_KEY, STEP_KEY = "comp_us", "comp_threshold", "comp_step"
IMPORTANT_KEY, MARGIN_KEY, MIN_N_KEY = "comp_important", "comp_margin", "comp_min_n"
ALL_STEPS = "All job steps"
FIELDS = {
    US_KEY: "us",
    THRESHOLD_KEY: "critical_threshold",
    IMPORTANT_KEY: "important_min",
    MARGIN_KEY: "lead_margin",
    MIN_N_KEY: "min_respondents",
}
HIGHLIGHT = "background-color: #CFE3F3; color: #111418"
SETTINGS_ERROR = "comp_settings_error"


def save_setting(key: str) -> None:
    """Persist one setting the moment its widget changes."""
    ws = current()
    value = st.session_state[key]
    if key == US_KEY:
        value = value or None
    drawn = stale_views.drawn(stale_views.setting(SETTINGS_KEY))  # issue 17.4: refused if changed elsewhere
    try:
        save_competition_settings(ws, replace(load_competition_settings(ws), **{FIELDS[key]: value}), drawn)
    except ChangedElsewhere as exc:  # the widgets show the current settings, not the refused one
        st.session_state[SETTINGS_ERROR] = str(exc)
        stored = load_competition_settings(ws)
        for widget, field in FIELDS.items():
            value = getattr(stored, field)
            st.session_state[widget] = (
                value or "" if widget == US_KEY else int(value) if widget == MIN_N_KEY else float(value)
            )


def setting_widget(widget, label: str, key: str, value, **kwargs) -> None:
    """A widget showing the stored ``value`` that saves its changes at once."""
    if key not in st.session_state or ("options" in kwargs and st.session_state[key] not in kwargs["options"]):
        st.session_state[key] = value
    if current().refuses_writes:  # a view link sees the facilitator's settings, greyed (issue 17.1)
        kwargs["disabled"] = True
    widget(label, key=key, on_change=save_setting, args=(key,), **kwargs)


def _steps(numbers: list[str]) -> str:
    """``step 3`` or ``steps 2, 5``."""
    return named(numbers, "step")


def us_sentence(leads: pd.DataFrame, us: str, margin: float) -> str:
    """Where "us" leads or trails the best rival by at least the lead margin."""
    gaps = leads.dropna(subset=["us_gap"]) if "us_gap" in leads else pd.DataFrame()
    if gaps.empty:
        return ""
    ahead = [count(o) for o, g in zip(gaps["step_order"], gaps["us_gap"], strict=True) if g >= margin]
    behind = [count(o) for o, g in zip(gaps["step_order"], gaps["us_gap"], strict=True) if g <= -margin]
    parts = [
        f"**{literal(us)}** leads the best rival by at least {margin:g} point on {_steps(ahead)}"
        if ahead
        else f"**{literal(us)}** leads on no step by {margin:g} point or more"
    ]
    parts.append(f"trails it on {_steps(behind)}" if behind else "trails on no step")
    return "; ".join(parts) + "."


SLIDE_MAP = 215  # px of the advantage map's plot on a slide (1280 × 720 with the pickers above it)

ws = workspace()
stale_views.remember(stale_views.setting(SETTINGS_KEY), ws.revision)  # before reading the settings shown
st.title("Competitors")
view_note(ws)
if error := st.session_state.pop(SETTINGS_ERROR, None):
    st.error(literal(error))
show_settings_warnings(ws, "scoring", "competition")
show_scoring_rule(ws)
base_wave_caption(ws)
if page_views.survey(ws).info is None:
    st.info("Load a survey on the **Data** page first.")
    st.stop()
view = page_views.competitors(ws)
analysis = view.analysis
for note in analysis.notes:
    st.warning(literal(note))
if not view.has_competitors:
    st.stop()
cs: CompetitionSettings = analysis.settings
source = (
    "the competitors sheet (each respondent rates the solutions they know)"
    if analysis.source == "competitors sheet"
    else f"the “{literal(analysis.source)}” column (each solution's own users rate it)"
)
if not presentation.presenting():  # a slide: the chart's reading line says it
    st.caption(
        f"Satisfaction (0–10, the workspace's scoring method) of each solution, from {source}. "
        "A step's satisfaction is the mean over its outcomes."
    )

names = analysis.names
left, middle, right = st.columns([2, 2, 3])
with left:
    setting_widget(
        st.selectbox,
        "Which competitor is us?",
        US_KEY,
        cs.us or "",
        options=["", *names],
        format_func=lambda n: n or "None of them",
    )
with middle:
    setting_widget(
        st.number_input,
        "Critical threshold (satisfaction 0–10)",
        THRESHOLD_KEY,
        float(cs.critical_threshold),
        min_value=0.0,
        max_value=10.0,
        step=0.5,
        format="%.1f",
        help="The minimum acceptable satisfaction. With top-two-box scoring, 5.0 = half of the users satisfied.",
    )
step_labels: dict[int | None, str] = {None: ALL_STEPS} | view.step_labels
with right:
    step_id = st.selectbox("Show", list(step_labels), format_func=step_labels.get, key=STEP_KEY)

charts = competitor_charts(ws, step_id)
st.vega_lite_chart(presentation.chart(charts.map, slide_height=SLIDE_MAP), theme=None, width="stretch")
chart_downloads(charts.map, "competitive-advantage-map", note=scores_note(ws))
if cs.us:
    st.markdown(us_sentence(analysis.leads, cs.us, cs.lead_margin))
if presentation.presenting():  # one projector screen: the map is the slide
    st.stop()

if step_id is None:
    st.subheader("Leads and lags by job step")
    table = view.leads_table
    competitors = [c for c in table.columns if c not in LEADS_COLUMNS]
    styled = table.style.highlight_max(axis=1, subset=competitors, props=HIGHLIGHT).format(precision=1, na_rep="–")
    if "Us vs best rival" in table:
        styled = styled.format(lambda v: decimal(v, signed=True), subset=["Us vs best rival"])
    st.dataframe(
        styled,
        hide_index=True,
        height=36 * (len(table) + 1) + 4,
        column_config={"Step": st.column_config.TextColumn("Step", width="medium")},
    )
    st.caption(
        f"A competitor leads a step when its satisfaction beats the runner-up's by at least {cs.lead_margin:g} "
        "point (highlighted: the highest). It lags when it is below the critical threshold "
        f"({cs.critical_threshold:.1f}) while another competitor reaches it."
    )
else:
    st.subheader(f"Leaders on the outcomes of {literal(step_labels[step_id])}")
    outcome_leads = view.outcome_leads(step_id)
    st.dataframe(
        outcome_leads[["outcome_id", "statement", "leader", "leader_satisfaction", "margin", "status"]],
        hide_index=True,
        column_config={
            "outcome_id": "Outcome",
            "statement": st.column_config.TextColumn("Statement", width="large"),
            "leader": "Highest",
            "leader_satisfaction": st.column_config.NumberColumn("Its satisfaction", format="%.1f"),
            "margin": st.column_config.NumberColumn("Ahead by", format="%.1f"),
            "status": "Verdict",
        },
    )

st.vega_lite_chart(presentation.chart(charts.lead), theme=None, width="stretch")
chart_downloads(charts.lead, "who-leads-where", note=scores_note(ws))
summary = analysis.summary.assign(
    leads=lambda f: f["leads"].map(lambda s: ", ".join(map(count, s)) or "–"),
    lags=lambda f: f["lags"].map(lambda s: ", ".join(map(count, s)) or "–"),
)
st.dataframe(
    summary[["competitor", "leads", "lags", "mean_satisfaction", "n"]],
    hide_index=True,
    column_config={
        "competitor": "Competitor",
        "leads": "Leads on steps",
        "lags": "Lags on steps (below the threshold where a rival is above)",
        "mean_satisfaction": st.column_config.NumberColumn("Mean satisfaction", format="%.1f"),
        "n": st.column_config.NumberColumn("Respondents"),
    },
)

st.subheader("White space: important needs nobody serves well")
space = analysis.white_space
if space.empty:
    st.info(
        f"No outcome with importance ≥ {cs.important_min:.1f} is left below the critical threshold by every competitor."
    )
else:
    st.caption(
        f"{plural(len(space), 'outcome')} with importance ≥ {cs.important_min:.1f} on which every competitor's "
        f"satisfaction is below {cs.critical_threshold:.1f}."
    )
    st.dataframe(
        space[["statement", "importance", "opportunity", "best_competitor", "best_satisfaction", "step", "outcome_id"]],
        hide_index=True,
        column_config={
            "outcome_id": "Outcome",
            "statement": st.column_config.TextColumn("Outcome", width="large"),
            "step": "Job step",
            "importance": st.column_config.NumberColumn("Importance", format="%.1f"),
            "opportunity": st.column_config.ProgressColumn("Opportunity", format="%.1f", min_value=0, max_value=20),
            "best_competitor": "Best served by",
            "best_satisfaction": st.column_config.NumberColumn("Its satisfaction", format="%.1f"),
        },
    )

if charts.wtp is not None:
    st.subheader("Do less satisfied respondents pay more?")
    st.vega_lite_chart(presentation.chart(charts.wtp), theme=None, width="stretch")
    chart_downloads(charts.wtp, "wtp-by-satisfaction")
    st.caption(
        "Respondents in thirds by their mean satisfaction across all outcomes (0–10). Bars: median willingness to "
        "pay; black lines: the middle half of the answers."
    )

with st.expander("Analysis settings"):
    a, b, c = st.columns(3)
    with a:
        setting_widget(
            st.number_input,
            "Important from (importance 0–10)",
            IMPORTANT_KEY,
            float(cs.important_min),
            min_value=0.0,
            max_value=10.0,
            step=0.5,
            format="%.1f",
            help="Outcomes this important count for white space.",
        )
    with b:
        setting_widget(
            st.number_input,
            "Lead margin (points)",
            MARGIN_KEY,
            float(cs.lead_margin),
            min_value=0.0,
            max_value=10.0,
            step=0.5,
            format="%.1f",
        )
    with c:
        setting_widget(
            st.number_input,
            "Fewest respondents per competitor",
            MIN_N_KEY,
            int(cs.min_respondents),
            min_value=1,
            max_value=1000,
            step=1,
        )
