"""Scenarios on the Focus matrix page: switch, create, duplicate, rename, delete (confirmed), and
compare two or more side by side. Every action is written to the workspace at once."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.analysis import advantage
from core.strategy import focus, scenarios
from core.strategy.focus import LABELS, UNASSIGNED
from core.strategy.scenarios import ScenarioError
from core.workspace.change_marks import ChangedElsewhere
from core.workspace.database import Workspace
from ui import presentation, stale_views
from ui.chart_downloads import chart_downloads
from ui.charts.focus import CHOICE_COLOURS, compare_grid, compare_targets, step_name
from ui.focus_view import focus_group_totals, focus_view
from ui.pickers import picked, relabel
from ui.text import literal

PICKER = "focus_scenario_pick"
COMPARE = "focus_compare"
MODE = "focus_mode"
DECIDE, COMPARE_MODE = "Decide", "Compare scenarios"
NAMES_VIEW = "focus:scenario names"


def _run(action, *args) -> object:
    try:
        return action(*args)
    except (ScenarioError, ChangedElsewhere) as exc:
        st.session_state["focus_scenario_error"] = str(exc)
        return None


def _activate(ws: Workspace, scenario_id: str | None) -> None:
    if scenario_id:
        _run(scenarios.set_active, ws, scenario_id)


def _switch(ws: Workspace) -> None:
    _activate(ws, picked(PICKER))


def _create(ws: Workspace) -> None:
    _activate(ws, _run(scenarios.create_scenario, ws, None))


def _rename(ws: Workspace, scenario_id: str, key: str) -> None:
    drawn = stale_views.drawn(NAMES_VIEW)  # refused when renamed elsewhere since (issue 17.4)
    _run(scenarios.rename_scenario, ws, scenario_id, st.session_state.get(key, ""), drawn)


def _save_copy(ws: Workspace, scenario_id: str, key: str) -> None:
    _activate(ws, _run(scenarios.duplicate_scenario, ws, scenario_id, st.session_state.get(key) or None))


def _delete(ws: Workspace, scenario_id: str) -> None:
    _run(scenarios.delete_scenario, ws, scenario_id)


def _suggest_names(active: str, name: str, fields: dict[str, str]) -> None:
    """Fill the Manage fields from the scenario's stored name, again whenever that name changed
    (a rename here or on another screen), so "Save a copy as" never proposes an old name."""
    seen = f"focus_names_of_{active}"
    if st.session_state.get(seen) != name or any(key not in st.session_state for key in fields):
        for key, value in fields.items():
            st.session_state[key] = value
        st.session_state[seen] = name


def _manage(ws: Workspace, active: str, names: dict[str, str]) -> None:
    """The Manage popover: save a copy under a name, start an empty one, rename, delete (confirmed)."""
    name = names[active]
    copy_key, rename_key = f"focus_copy_name_{active}", f"focus_rename_{active}"
    _suggest_names(active, name, {copy_key: f"{name} (copy)", rename_key: name})
    st.text_input("Save a copy as", key=copy_key, max_chars=scenarios.MAX_NAME)
    st.button(
        "Save copy",
        icon=":material/content_copy:",
        on_click=_save_copy,
        args=(ws, active, copy_key),
        key="focus_duplicate",
        type="primary",
        help="A copy of this scenario's choices, notes and targets.",
    )
    st.button(
        "New empty scenario",
        icon=":material/add:",
        on_click=_create,
        args=(ws,),
        key="focus_new",
        help="Every step unassigned.",
    )
    st.divider()
    st.text_input("Rename this scenario", key=rename_key, max_chars=scenarios.MAX_NAME)
    st.button(
        "Save name", icon=":material/edit:", on_click=_rename, args=(ws, active, rename_key), key="focus_rename_save"
    )
    st.divider()
    if len(names) == 1:
        st.caption("This is the only scenario: save a copy or start a new one before deleting it.")
        return
    sure = st.checkbox(
        f"Yes, delete “{literal(name)}” with its choices, notes and targets", key=f"focus_delete_sure_{active}"
    )
    st.button(
        "Delete scenario",
        icon=":material/delete:",
        on_click=_delete,
        args=(ws, active),
        key="focus_delete_confirm",
        disabled=not sure,
    )


def scenario_bar(ws: Workspace) -> str:
    """The scenario picker, its Manage menu and the Decide / Compare switch; returns the active id."""
    seen = ws.revision  # before the names it goes with (ui/stale_views.py)
    active = scenarios.active_scenario(ws)
    table = scenarios.list_scenarios(ws)
    stale_views.remember(NAMES_VIEW, seen)
    names = dict(zip(table["scenario_id"], table["name"], strict=True))
    relabel(PICKER, names, active)
    pick, manage, mode = st.columns([3, 1.3, 2.7], vertical_alignment="bottom")
    pick.selectbox(
        "Scenario",
        list(names),
        format_func=names.get,
        key=PICKER,
        on_change=_switch,
        args=(ws,),
        help="Every change is saved the moment it happens; a refresh or a restart reopens this scenario.",
    )
    if not ws.refuses_writes:  # a view link switches scenarios (for itself) but manages none
        with manage.popover("Manage", icon=":material/folder_managed:", width="stretch"):
            _manage(ws, active, names)
    if st.session_state.get(MODE) is None:
        st.session_state[MODE] = DECIDE
    mode.segmented_control("View", [DECIDE, COMPARE_MODE], key=MODE, label_visibility="collapsed")
    if error := st.session_state.pop("focus_scenario_error", None):
        st.error(literal(error))
    return active


def view_mode() -> str:
    return st.session_state.get(MODE) or DECIDE


def _choices_table(steps: pd.DataFrame, assignments: dict[str, focus.Assignment]) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "Step": [step_name(o, n) for o, n in zip(steps["step_order"], steps["step"], strict=True)],
            "Opportunity": steps["mean_opportunity"].round(1).to_numpy(),
        }
    )
    for name, assignment in assignments.items():
        table[name] = [LABELS[assignment.get(int(s), UNASSIGNED)] for s in steps["step_id"]]
    return table


def _colour(value: object) -> str:
    for choice, label in LABELS.items():
        if value == label and choice != UNASSIGNED:
            ink = "white" if choice == "differentiate" else "#111418"
            return f"background-color: {CHOICE_COLOURS[choice]}; color: {ink}; font-weight: 600"
    return ""


def compare_view(ws: Workspace) -> None:
    """Pick two or more scenarios: their choices, metrics and target profiles side by side."""
    table = scenarios.list_scenarios(ws)
    names = dict(zip(table["scenario_id"], table["name"], strict=True))
    if len(names) < 2:
        st.info("There is only one scenario. Create or duplicate one (buttons above) to compare them.")
        return
    if not [s for s in st.session_state.get(COMPARE, []) if s in names]:
        st.session_state[COMPARE] = list(names)[:4]
    chosen = st.multiselect("Scenarios to compare", list(names), format_func=names.get, key=COMPARE)
    if len(chosen) < 2:
        st.info("Pick two or more scenarios to compare.")
        return
    view = focus_view(ws)
    steps, scoring, settings, competition = view.steps, view.scoring, view.focus, view.competition
    everything = scenarios.all_assignments(ws)
    assignments = {names[s]: everything.get(s, {}) for s in chosen}
    leading = view.leading
    grouping = settings.group_by if settings.group_by in view.groupings else next(iter(view.groupings), None)
    totals = focus_group_totals(ws, grouping) if grouping else {}

    st.vega_lite_chart(presentation.chart(grid := compare_grid(steps, assignments)), theme=None, width="stretch")
    chart_downloads(grid, "scenario-comparison")
    rows = {}
    for name, assignment in assignments.items():
        m = focus.scenario_metrics(steps, assignment, leading, totals, scoring, settings)
        rows[name] = {
            "Opportunity targeted": "–" if m.share is None else f"{m.share:.0%}",
            "Differentiated steps": f"{m.counts['differentiate']}" + (" ⚠ over the limit" if m.over_focus else ""),
            "Met steps": str(m.counts["meet"]),
            "Accepted steps": str(m.counts["accept"]),
            "Unassigned steps": str(m.counts[UNASSIGNED]),
            "Conflicts": str(len(m.conflicts)),
            f"Serves best ({view.groupings.get(grouping, '–')})": "–"
            if m.best_group is None
            else f"{m.best_group} ({m.best_group_share:.0%})",
        }
    st.markdown("**Metrics**")
    st.dataframe(pd.DataFrame(rows), width="stretch")
    st.markdown("**Choices**")
    choices = _choices_table(steps, assignments)
    st.dataframe(
        choices.style.map(_colour).format({"Opportunity": "{:.1f}"}),
        hide_index=True,
        width="stretch",
        height="content",
    )
    if view.competitor_steps.empty:
        st.info("This survey has no competitor ratings, so target profiles cannot be overlaid.")
        return
    targets = {
        name: advantage.target_profile(steps, a, leading, competition, default_margin=settings.target_margin)
        for name, a in assignments.items()
    }
    best = leading.merge(steps[["step_id", "step_order"]], on="step_id")
    st.vega_lite_chart(
        presentation.chart(compared := compare_targets(targets, best, competition.critical_threshold)),
        theme=None,
        width="stretch",
    )
    chart_downloads(compared, "scenario-targets")
