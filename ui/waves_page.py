"""The Waves page's body (issue 14.5): compare two waves, manage the waves, import one.

The comparison is the cached :func:`core.views.waves.waves_view` (keyed by the workspace revision,
the scoring and competition settings and the two waves); the table and the slope chart read it.
Every edit of the waves list (label, fielded date, delete) is saved at once.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.analysis.competition import load_competition_settings
from core.analysis.scoring import load_settings
from core.analysis.waves import BASE_WAVE, WaveError, delete_wave, rename_wave, set_fielded_on
from core.analysis.waves_compare import significant_only
from core.views.waves import WavesView, waves_view
from core.workspace.database import Workspace
from ui import presentation
from ui.chart_downloads import chart_downloads
from ui.charts.waves import slope_chart, slope_rows
from ui.editor_saves import toast_saved
from ui.fragments import workspace_fragment
from ui.text import literal
from ui.view_cache import cached
from ui.waves_import import COMPARE_WITH, NOTICE, import_section, show_notice

FIRST, SECOND = "waves_first", COMPARE_WITH
LEVEL, MEASURE, ONLY_SIGNIFICANT = "waves_level", "waves_measure", "waves_significant"
PER_OUTCOME, PER_STEP = "Per outcome", "Per step"
LIST_EDITOR = "waves_list_editor"


def _pair(ws: Workspace) -> tuple[int | None, int | None]:
    return st.session_state.get(FIRST), st.session_state.get(SECOND)


def view(ws: Workspace) -> WavesView:
    first, second = _pair(ws)
    return cached(waves_view, ws, load_settings(ws), load_competition_settings(ws), first, second)


def _pickers(v: WavesView) -> None:
    labels = dict(zip(v.waves["wave_id"].astype(int), v.waves["label"].astype(str), strict=True))
    st.session_state[FIRST], st.session_state[SECOND] = v.first, v.second
    left, right, level, measure = st.columns([2, 2, 2, 2])
    left.selectbox("From wave", list(labels), format_func=labels.get, key=FIRST)
    right.selectbox("To wave", list(labels), format_func=labels.get, key=SECOND)
    level.radio("Compare", (PER_OUTCOME, PER_STEP), key=LEVEL, horizontal=True)
    measure.radio("Chart", ("satisfaction", "importance"), key=MEASURE, horizontal=True, format_func=str.capitalize)


def _outcome_table(frame: pd.DataFrame) -> pd.DataFrame:
    columns = {
        "step": "Job step",
        "outcome_id": "Outcome",
        "statement": "Statement",
        "first_n_satisfaction": "n 1",
        "second_n_satisfaction": "n 2",
        "first_importance": "Imp 1",
        "second_importance": "Imp 2",
        "importance_change": "Δ imp",
        "importance_p_value": "p imp",
        "first_satisfaction": "Sat 1",
        "second_satisfaction": "Sat 2",
        "satisfaction_change": "Δ sat",
        "satisfaction_p_value": "p sat",
        "first_opportunity": "Opp 1",
        "second_opportunity": "Opp 2",
        "opportunity_change": "Δ opp",
    }
    return frame[list(columns)].rename(columns=columns)


def _step_table(frame: pd.DataFrame) -> pd.DataFrame:
    columns = {
        "step": "Job step",
        "n_outcomes": "Outcomes",
        "first_importance": "Imp 1",
        "second_importance": "Imp 2",
        "importance_change": "Δ imp",
        "first_satisfaction": "Sat 1",
        "second_satisfaction": "Sat 2",
        "satisfaction_change": "Δ sat",
        "satisfaction_rose": "Sat ↑ (sig.)",
        "satisfaction_fell": "Sat ↓ (sig.)",
        "importance_rose": "Imp ↑ (sig.)",
        "importance_fell": "Imp ↓ (sig.)",
        "first_opportunity": "Opp 1",
        "second_opportunity": "Opp 2",
    }
    return frame[list(columns)].rename(columns=columns)


def _step_significance(steps: pd.DataFrame, measure: str) -> pd.Series:
    rose = (steps[f"{measure}_rose"] > 0) & (steps[f"{measure}_change"] > 0)
    fell = (steps[f"{measure}_fell"] > 0) & (steps[f"{measure}_change"] < 0)
    return (rose | fell).astype(object)


def comparison(v: WavesView) -> None:
    _pickers(v)
    first, second = v.label(v.first), v.label(v.second)
    if v.first == v.second:
        st.info("Choose two different waves to compare.")
        return
    st.caption(
        f"Change = “{literal(second)}” − “{literal(first)}”. Significance: {v.method}, two-sided, marked at "
        "p < 0.05. Per step: the mean of its outcomes, and how many of them changed significantly."
    )
    outcomes = v.outcomes
    sat_up = int(((outcomes["satisfaction_significant"] == True) & (outcomes["satisfaction_change"] > 0)).sum())  # noqa: E712
    sat_down = int(((outcomes["satisfaction_significant"] == True) & (outcomes["satisfaction_change"] < 0)).sum())  # noqa: E712
    imp = int((outcomes["importance_significant"] == True).sum())  # noqa: E712
    a, b, c, d = st.columns(4)
    a.metric("Outcomes compared", int(outcomes["second_n_satisfaction"].gt(0).sum()))
    b.metric("Satisfaction rose (sig.)", sat_up)
    c.metric("Satisfaction fell (sig.)", sat_down)
    d.metric("Importance changed (sig.)", imp)
    only = st.toggle("Only significant changes", key=ONLY_SIGNIFICANT)
    measure = st.session_state.get(MEASURE, "satisfaction")
    if st.session_state.get(LEVEL, PER_OUTCOME) == PER_STEP:
        steps = v.steps.assign(significant=_step_significance(v.steps, measure))
        shown = steps[steps["significant"] == True] if only else steps  # noqa: E712
        chart = slope_rows(shown, measure, "step", first, second, "significant")
        table = _step_table(shown)
    else:
        shown = significant_only(outcomes) if only else outcomes
        chart = slope_rows(shown, measure, "statement", first, second, f"{measure}_significant")
        table = _outcome_table(shown)
    if chart.empty:
        st.info("No change is significant at p < 0.05." if only else "Nothing to compare.")
    else:
        slope = slope_chart(chart, measure, first, second)
        st.vega_lite_chart(presentation.chart(slope), theme=None, width="stretch")
        chart_downloads(slope, f"waves-{measure}")
    number = st.column_config.NumberColumn(format="%.1f")
    config = {c: number for c in table.columns if c.split()[0] in ("Imp", "Sat", "Opp", "Δ")}
    config |= {c: st.column_config.NumberColumn(format="%.4f") for c in ("p imp", "p sat") if c in table.columns}
    st.dataframe(table, hide_index=True, column_config=config, height=320)
    us_section(v)


def us_section(v: WavesView) -> None:
    st.subheader("Our differentiated steps")
    if v.us is None or v.us.note:
        st.caption(literal(v.us.note if v.us else ""))
        return
    scenario = f"focus scenario “{literal(v.scenario)}”" if v.scenario else "the active focus scenario"
    st.caption(
        f"Steps chosen *differentiate* in the {scenario}. Improved: our mean satisfaction on the step rose and at "
        "least one of its outcomes rose significantly. Erosion warning: a competitor's satisfaction on the step "
        "rose (at least one outcome significantly) and its gap to us shrank."
    )
    steps = v.us.steps.rename(
        columns={"step": "Job step", "first_us": "Us 1", "second_us": "Us 2", "change": "Δ", "status": "Status"}
    )
    st.dataframe(steps[["Job step", "Us 1", "Us 2", "Δ", "Status"]], hide_index=True)
    for row in v.us.erosion.itertuples():
        st.warning(
            f"Erosion warning on “{literal(row.step)}”: {literal(row.competitor)} rose from {row.first:.1f} to "
            f"{row.second:.1f}; our lead went from {row.first_gap:+.1f} to {row.second_gap:+.1f}.",
            icon=":material/trending_down:",
        )
    if v.us.erosion.empty:
        st.caption("No competitor is catching up on a differentiated step.")


def _save_list(ws: Workspace, waves: pd.DataFrame) -> None:
    edits = st.session_state.get(LIST_EDITOR, {}).get("edited_rows", {})
    done, problems = [], []
    for index, change in edits.items():
        wave_id, label = int(waves.iloc[int(index)]["wave_id"]), str(waves.iloc[int(index)]["label"])
        try:
            if "label" in change:
                rename_wave(ws, wave_id, change["label"])
                done.append(f"“{label}” renamed “{change['label']}”")
            if "fielded_on" in change:
                value = change["fielded_on"]
                set_fielded_on(ws, wave_id, dt.date.fromisoformat(str(value)[:10]) if value else None)
                done.append(f"“{label}”: fielded date set")
        except (WaveError, ValueError) as exc:
            problems.append(str(exc))
    if problems:
        st.session_state[NOTICE] = ("error", " ".join(problems))
    elif done:
        toast_saved(done)


def waves_list(ws: Workspace, v: WavesView) -> None:
    waves = v.waves.copy()
    waves["fielded_on"] = pd.to_datetime(waves["fielded_on"]).dt.date
    waves["kind"] = ["base (the Data page's survey)" if w == BASE_WAVE else "counts" for w in waves["wave_id"]]
    st.data_editor(
        waves[["label", "fielded_on", "respondents", "file_name", "kind", "match_note"]],
        key=LIST_EDITOR,
        hide_index=True,
        disabled=ws.refuses_writes or ["respondents", "file_name", "kind", "match_note"],
        on_change=_save_list,
        args=(ws, waves),
        placeholder="",  # a wave without a fielded date shows an empty cell, not "None"
        column_config={
            "label": st.column_config.TextColumn("Label", required=True, max_chars=80, width=150),
            "fielded_on": st.column_config.DateColumn("Fielded on", format="YYYY-MM-DD", width=110),
            "respondents": st.column_config.NumberColumn("Respondents", format="%d", width=100),
            "file_name": st.column_config.TextColumn("File", width=150),
            "kind": st.column_config.TextColumn("Kept as", width=150),
            "match_note": st.column_config.TextColumn("Outcomes not matched", width=200),
        },
    )
    others = waves[waves["wave_id"] != BASE_WAVE]
    if ws.refuses_writes or others.empty:
        return
    labels = dict(zip(others["wave_id"].astype(int), others["label"].astype(str), strict=True))
    pick, button = st.columns([3, 1], vertical_alignment="bottom")
    chosen = pick.selectbox("Delete a wave", list(labels), format_func=labels.get, key="waves_delete_pick")
    if button.button("Delete", icon=":material/delete:", key="waves_delete"):
        delete_wave(ws, int(chosen))
        st.session_state.pop(SECOND, None)
        st.session_state[NOTICE] = ("success", f"Deleted the wave “{labels[int(chosen)]}” and its counts.")
        st.rerun()


@workspace_fragment
def waves_body(ws: Workspace) -> None:
    show_notice()
    v = view(ws)
    if v.first is None:
        st.info(
            "Only the base wave so far: the survey on the Data page. Import a later (or earlier) wave of the same "
            "survey below to compare them."
        )
        with st.container(border=True):
            st.subheader("Import a wave")
            import_section(ws)
        st.subheader("Stored waves")
        waves_list(ws, v)
        return
    compare_tab, list_tab, import_tab = st.tabs(["Compare", "Waves", "Import a wave"])
    with compare_tab:
        comparison(v)
    with list_tab:
        waves_list(ws, v)
    with import_tab:
        import_section(ws)
