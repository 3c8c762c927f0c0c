"""Data: load a survey, read what the import found, preview it, and set how it is scored.

Tabs in workflow order; only the open tab runs. A file waiting for confirmation (or refused)
shows above the tabs, whichever tab asked for it.
"""

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core.analysis.scoring import METHODS, ScoringSettings, load_settings, save_settings, scoring_rule
from core.intake.loading import sample_files
from core.intake.scales import SCALES
from core.intake.store import SurveyInfo, latest_import_report
from core.intake.survey_queries import respondents_preview
from core.wording import plural
from core.workspace.change_marks import ChangedElsewhere
from core.workspace.database import Workspace
from ui import page_views, stale_views
from ui.guide import render_guide
from ui.partial_setting import keep_partial_setting
from ui.report_view import render_report
from ui.router import workspace
from ui.settings_notice import show_settings_warnings
from ui.sidebar import METHOD_NAMES
from ui.text import literal
from ui.upload import (
    JUST_STORED,
    propose_rescale,
    render_mapping,
    render_notice,
    render_pending,
    sample_picker,
    scale_widget_key,
    size_note,
    upload_widget,
)
from ui.view_only import view_note
from ui.wave_picker import data_page_waves

TABS_KEY = "data_tab"
LOAD, REPORT, PREVIEW, SETTINGS = "Load data", "Import report", "Preview", "Scoring settings"
PREVIEW_ROWS = 200
SETTING_KEYS = {
    "method": "scoring_method",
    "solid": "scoring_solid",
    "high": "scoring_high",
    "extreme": "scoring_extreme",
    "overserved_margin": "scoring_margin",
    "complete_pairs": "scoring_complete_pairs",
}
SETTINGS_ERROR = "scoring_error"
SETTINGS_VIEW = "data:scoring settings"  # ui/stale_views.py
RESCALE_REQUEST = "data_rescale_request"
METHOD_HELP = {
    "top2box": "Share of valid ratings in the scale's top two points, × 10.",
    "mean": "Mean rating rescaled to 0–10: (mean − min) / (max − min) × 10.",
}


def save_from_widgets(ws: Workspace) -> None:
    """Persist the scoring settings as soon as a widget changes; keep a readable error if invalid."""
    try:
        chosen = {field: st.session_state[key] for field, key in SETTING_KEYS.items()}
        drawn = stale_views.drawn(SETTINGS_VIEW)  # refused when another tab changed them since (issue 17.4)
        save_settings(ws, ScoringSettings(**chosen, wave=load_settings(ws).wave), drawn=drawn)  # the wave stays
    except ChangedElsewhere as exc:
        st.session_state[SETTINGS_ERROR] = str(exc)
        stored = load_settings(ws)  # the widgets show the current settings, not the refused ones
        for field, key in SETTING_KEYS.items():
            value = getattr(stored, field)
            st.session_state[key] = value if field in ("method", "complete_pairs") else float(value)
    except ValueError as exc:
        st.session_state[SETTINGS_ERROR] = str(exc)
    else:
        st.session_state.pop(SETTINGS_ERROR, None)


def start_widgets(settings: ScoringSettings) -> None:
    """Widgets that were not on screen in the last run start from the saved settings (and no error)."""
    for field, key in SETTING_KEYS.items():
        if key not in st.session_state:
            value = getattr(settings, field)
            st.session_state[key] = value if field in ("method", "complete_pairs") else float(value)
            st.session_state.pop(SETTINGS_ERROR, None)


def reset_settings(ws: Workspace) -> None:
    defaults = ScoringSettings(wave=load_settings(ws).wave)  # the wave is no scoring setting to reset
    save_settings(ws, defaults)
    for field, key in SETTING_KEYS.items():
        st.session_state[key] = getattr(defaults, field)
    st.session_state.pop(SETTINGS_ERROR, None)


def request_rescale(key: str) -> None:
    st.session_state[RESCALE_REQUEST] = st.session_state[key]


def load_tab(ws: Workspace, pending: DeltaGenerator | None) -> None:
    """Upload or pick a sample; a checked file shows in ``pending`` (above the tabs) in this run."""
    upload, sample = st.columns([3, 2], gap="large")
    with upload:
        st.subheader("Upload a survey")
        upload_widget(ws, pending)
        keep_partial_setting(ws)
        with st.expander("Accepted layouts"):
            st.markdown(
                "- A workbook with a **job_map** sheet (step_order, step, outcome_id, statement) and a "
                "**responses** sheet (respondent_id, attribute columns, `imp_<outcome_id>` and "
                "`sat_<outcome_id>` columns); optionally a **competitors** sheet.\n"
                "- The **responses** table alone, as .csv, .tsv or .xlsx.\n"
                "- A long table with columns respondent_id, outcome_id, importance, satisfaction.\n"
                "- Either table as .parquet, with the same columns (what a data warehouse exports).\n\n"
                "Blanks, N/A, don't know, out-of-scale numbers and negative codes are read as missing, "
                "never as zero, and counted in the import report."
            )
            st.markdown(size_note())
    with sample:
        st.subheader("Or start from a sample")
        sample_picker(ws, sample_files(), pending)
        st.caption("Samples are realistic synthetic surveys, handy for a first look or a rehearsal.")


def preview_tab(ws: Workspace, info: SurveyInfo) -> None:
    outcomes = page_views.survey(ws).outcomes
    st.subheader(f"Outcomes by job step ({len(outcomes)})")
    st.dataframe(
        outcomes[["step_order", "step", "outcome_id", "statement"]],
        hide_index=True,
        height=300,
        column_config={
            "step_order": st.column_config.NumberColumn("Step", width="small"),
            "step": st.column_config.TextColumn("Job step", width="medium"),
            "outcome_id": st.column_config.TextColumn("Outcome", width="small"),
            "statement": st.column_config.TextColumn("Desired outcome statement", width="large"),
        },
    )
    preview = respondents_preview(ws, limit=PREVIEW_ROWS)
    st.subheader("Respondents")
    st.caption(f"The first {len(preview):,} of {info.respondents:,} respondents, with their attributes.")
    st.dataframe(preview, hide_index=True, height=300)


def settings_tab(ws: Workspace, info: SurveyInfo) -> None:
    stale_views.remember(SETTINGS_VIEW, ws.revision)  # before reading what the widgets show
    settings = load_settings(ws)
    scale_name = info.scale.name
    start_widgets(settings)
    save = {"on_change": save_from_widgets, "args": (ws,)}
    st.caption("Changes are saved at once and apply to every page of this workspace.")
    st.subheader("Scoring method")
    st.radio(
        "Scoring method",
        METHODS,
        format_func=METHOD_NAMES.get,
        captions=[METHOD_HELP[m] for m in METHODS],
        horizontal=True,
        key=SETTING_KEYS["method"],
        label_visibility="collapsed",
        **save,
    )
    st.toggle(
        "Complete pairs only",
        key=SETTING_KEYS["complete_pairs"],
        help="Off (per item, the default): each rating counts over its own valid answers. On: an outcome is "
        "scored only over the respondents who rated both its importance and its satisfaction.",
        **save,
    )
    st.caption(scoring_rule(settings))
    st.subheader("Opportunity bands")
    st.caption("Opportunity = importance + max(importance − satisfaction, 0), from 0 to 20.")
    solid, high, extreme, margin = st.columns(4)
    threshold = {"min_value": 0.0, "max_value": 20.0, "step": 0.5, "format": "%.1f", **save}
    solid.number_input("Solid from", key=SETTING_KEYS["solid"], **threshold)
    high.number_input("High from", key=SETTING_KEYS["high"], **threshold)
    extreme.number_input("Extreme from", key=SETTING_KEYS["extreme"], **threshold)
    margin.number_input(
        "Overserved margin",
        min_value=0.0,
        max_value=10.0,
        step=0.1,
        format="%.1f",
        key=SETTING_KEYS["overserved_margin"],
        help="An outcome is overserved when its satisfaction exceeds its importance by more than this.",
        **save,
    )
    if error := st.session_state.get(SETTINGS_ERROR):
        saved = f"{settings.solid:g} / {settings.high:g} / {settings.extreme:g}"
        st.error(f"Not saved: {error} The saved bands are still solid / high / extreme = {saved}.")
    st.button("Reset to the defaults", on_click=reset_settings, args=(ws,), icon=":material/restart_alt:")

    st.subheader("Rating scale")
    names = list(SCALES)
    key = scale_widget_key(info.scale)
    st.selectbox(
        "Scale the ratings were given on",
        names,
        index=names.index(scale_name) if scale_name in names else 0,
        key=key,
        on_change=request_rescale,
        args=(key,),
        help="Declaring another scale reads the stored file again; you confirm before anything changes.",
    )
    top_points = ", ".join(map(str, info.scale.top_points))
    st.caption(f"Top-two-box points: {top_points}. Ratings outside the scale are read as missing.")
    if (requested := st.session_state.pop(RESCALE_REQUEST, None)) and requested != scale_name:
        propose_rescale(ws, SCALES[requested])


ws = workspace()
info = page_views.survey(ws).info
st.title("Data")
view_note(ws)
show_settings_warnings(ws, "scoring")
viewer = ws.refuses_writes  # a view link: nothing here can be loaded or changed (issue 17.1)
guided = not viewer and render_guide(ws, info)  # the guide says which survey is loaded
if info is not None and not guided:
    st.caption(
        f"Current survey: **{literal(info.name)}**, from {literal(info.file_name)} — "
        f"{plural(info.respondents, 'respondent')}, "
        f"{plural(info.outcomes, 'outcome')} in {plural(info.steps, 'job step')}, {info.scale.name} scale."
    )
if info is not None:  # stored waves are listed under the guide too; the offer to import one is not
    data_page_waves(ws, offer_import=not guided and not viewer)
render_notice()
render_mapping(ws)
pending = render_pending(ws)
if st.session_state.pop(JUST_STORED, False):
    st.session_state[TABS_KEY] = REPORT
load, report, preview, settings = st.tabs([LOAD, REPORT, PREVIEW, SETTINGS], key=TABS_KEY, on_change="rerun")
with load:
    if load.open and viewer:
        st.info("View-only link: only the facilitator (edit link) can load a survey.", icon=":material/visibility:")
    elif load.open:
        load_tab(ws, pending)
with report:
    if report.open:
        stored = latest_import_report(ws)
        if stored is None:
            st.info("No file imported yet: load one on the **Load data** tab.")
        else:
            render_report(stored)
for tab, render in ((preview, preview_tab), (settings, settings_tab)):
    with tab:
        if not tab.open:
            continue
        if info is None:
            st.info("No survey loaded yet: load one on the **Load data** tab.")
        elif viewer and render is settings_tab:
            st.info(
                "View-only link: the scoring settings are the facilitator's (see the sidebar).",
                icon=":material/visibility:",
            )
        else:
            render(ws, info)
