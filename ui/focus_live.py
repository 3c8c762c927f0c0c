"""The live part of the Focus matrix page: one ``st.fragment`` holding the toolbar (Suggest,
Undo, Reset), the headline metrics, the board (or list), the two charts, the facilitator's
settings and the step detail. A move reruns only this fragment; the scores it reads are cached
by the survey's signature (ui.focus_view.focus_view, core.views.focus), so a move costs no scoring query.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from core.analysis import advantage
from core.analysis.competition import SETTINGS_KEY as COMPETITION_KEY
from core.analysis.competition import CompetitionSettings, load_competition_settings, save_competition_settings
from core.analysis.scoring import ScoringSettings
from core.strategy import focus, focus_data, scenarios
from core.strategy.focus import DIFFERENTIATE, LABELS, UNASSIGNED, Assignment
from core.views.focus import FocusView
from core.wording import plural
from core.workspace.database import Workspace
from ui import presentation, stale_views
from ui.chart_downloads import chart_downloads
from ui.charts.focus import PROFILE_PICK, advantage_map, strategy_profile
from ui.focus_board import board_css, describe_move, drag_board, list_mode, take_board_move
from ui.focus_detail import bind, step_detail
from ui.focus_view import focus_competitor_lines, focus_group_totals, focus_view
from ui.focus_wins import focus_wins_basis, wins_panel
from ui.fragments import workspace_fragment
from ui.settings_notice import scores_note
from ui.text import literal

VIEW_KEY = "focus_view"
BOARD, LIST = "Drag board", "List (keyboard & touch)"
PICK_SEEN = "focus_profile_pick_seen"
DETAIL_KEY = "focus_detail_step"
PRESENT_CHART_HEIGHT = 265  # each chart, legend included, while presenting (two fit beside the board)
TOASTED = "focus_toasted_warnings"  # the warnings already toasted while presenting
MESSAGES_HEIGHT = 150  # the fixed box under the charts that holds warnings while presenting


def _safely(action, *args) -> None:
    """Run a write; a refused change becomes a message, never a traceback."""
    try:
        action(*args)
    except ValueError as exc:  # ScenarioError, SettingsError and out-of-range settings
        st.session_state["focus_error"] = str(exc)


def _suggest(ws: Workspace, scenario_id: str, proposal: Assignment) -> None:
    drawn = stale_views.drawn(stale_views.focus(scenario_id))  # marks carry this session as the writer
    _safely(scenarios.set_assignment, ws, scenario_id, proposal, "Suggest", drawn)
    st.session_state["focus_suggested"] = True


def _undo(ws: Workspace, scenario_id: str) -> None:
    """Undo from the board as drawn: refused when another writer moved that step since (issue 17.4)."""
    _safely(scenarios.undo, ws, scenario_id, stale_views.drawn(stale_views.focus(scenario_id)))


def _choose(ws: Workspace, scenario_id: str, steps: pd.DataFrame, step_id: int, choice: str | None) -> None:
    before = scenarios.assignment(ws, scenario_id)
    after = {**before, step_id: choice or UNASSIGNED}
    label = describe_move(steps, before, after)
    drawn = stale_views.drawn(stale_views.focus(scenario_id))
    _safely(scenarios.set_choice, ws, scenario_id, step_id, choice, label, drawn)


def _grouping(settings: focus.FocusSettings, options: dict[str, str]) -> str | None:
    if settings.group_by in options:
        return settings.group_by
    return next(iter(options), None)


def prefetch_views(ws: Workspace) -> None:
    """What this page's run computes before its first chart, cached as the run caches it: the focus
    view, the "serves best" totals, the wins basis and the advantage map's lines (ui/prefetch.py
    builds them in the background, while the room reads another page)."""
    matrix = focus_view(ws)
    if matrix.steps.empty:
        return
    if grouping := _grouping(matrix.focus, matrix.groupings):
        focus_group_totals(ws, grouping)
    focus_wins_basis(ws)
    focus_competitor_lines(ws)


def _metrics(
    ws: Workspace,
    steps: pd.DataFrame,
    assignment: Assignment,
    scoring: ScoringSettings,
    settings: focus.FocusSettings,
    leading: pd.DataFrame,
    grouping: str | None,
) -> focus.ScenarioMetrics:
    totals = focus_group_totals(ws, grouping) if grouping else {}
    return focus.scenario_metrics(steps, assignment, leading, totals, scoring, settings)


def serves_best_sentence(metrics: focus.ScenarioMetrics, grouping_name: str | None) -> str:
    """ "Serves best" in words an executive reads at a glance (Markdown; user text escaped)."""
    if metrics.best_group is None or metrics.best_group_share is None or not grouping_name:
        return ""
    group = literal(metrics.best_group)
    n = "" if metrics.best_group_n is None else f" ({metrics.best_group_n:,} respondents)"
    return (
        f"Grouping respondents by {literal(grouping_name)}, this scenario serves **{group}**{n} best: "
        f"{metrics.best_group_share:.0%} of the opportunity they see lies in the steps we differentiate, "
        "the highest share of any group."
    )


def _show_metrics(metrics: focus.ScenarioMetrics, grouping_name: str | None) -> None:
    share, diff = metrics.share, metrics.counts[DIFFERENTIATE]
    cols = st.columns([1.15, 1.05, 0.7, 1.4])
    cols[0].metric(
        "Opportunity targeted",
        "–" if share is None else f"{share:.0%}",
        help="Σ opportunity of the outcomes in differentiated steps ÷ Σ opportunity of all outcomes.",
    )
    cols[1].metric(
        f"Differentiated (max {metrics.focus_limit})",
        f"{diff}",
        delta="too many" if metrics.over_focus else None,
        delta_color="inverse",
        help="Steps per column: " + " · ".join(f"{LABELS[c]} {n}" for c, n in metrics.counts.items()),
    )
    cols[2].metric(
        "Conflicts",
        len(metrics.conflicts),
        help="We differentiate where a competitor already leads, or accept a step holding an extreme opportunity.",
    )
    cols[3].metric(
        "Serves best",
        "–" if metrics.best_group is None else literal(metrics.best_group),
        delta=None if metrics.best_group is None else f"{metrics.best_group_share:.0%} of their opportunity",
        delta_color="off",
        delta_arrow="off",
        help=f"Among groups of {literal(grouping_name or '(no grouping in this survey)')}: the group with the largest "
        "share of its own opportunity inside the differentiated steps"
        + ("" if metrics.best_group_n is None else f" (n = {metrics.best_group_n})")
        + ". Change the grouping in the facilitator settings.",
    )
    if sentence := serves_best_sentence(metrics, grouping_name):
        st.caption(sentence)


def _show_warnings(metrics: focus.ScenarioMetrics) -> None:
    diff = metrics.counts[DIFFERENTIATE]
    if metrics.over_focus:
        st.warning(
            f"**Focus warning:** {diff} steps are differentiated, more than the limit of "
            f"{metrics.focus_limit}. Excelling everywhere means excelling nowhere: move some to Meet.",
            icon=":material/center_focus_weak:",
        )
    if metrics.conflicts:
        lines = "\n".join(f"- {literal(c.message)}" for c in metrics.conflicts)
        count = len(metrics.conflicts)
        st.warning(f"**{plural(count, 'conflict')} with the data**\n{lines}", icon=":material/warning:")


def _toast_new_warnings(metrics: focus.ScenarioMetrics) -> None:
    """While presenting, a warning a move just raised also pops up as a toast: the room sees it at
    once, and nothing on the page moves (the full text is in the fixed box under the charts)."""
    seen = [f"focus:{metrics.counts[DIFFERENTIATE]}"] if metrics.over_focus else []
    seen += [c.message for c in metrics.conflicts]
    before = st.session_state.get(TOASTED, [])
    st.session_state[TOASTED] = seen
    fresh = [m for m in seen if m not in before]
    if not fresh:
        return
    if metrics.over_focus and fresh[0].startswith("focus:"):
        st.toast(f"Focus warning: {metrics.counts[DIFFERENTIATE]} steps differentiated, limit {metrics.focus_limit}.")
        fresh = fresh[1:]
    for message in fresh[:2]:
        st.toast(literal(message), icon=":material/warning:")


def _toolbar(ws: Workspace, scenario_id: str, proposal: Assignment, rule: list[str], undo_size: int) -> str:
    bar = st.container(horizontal=True, vertical_alignment="center", gap="small")
    bar.button(
        "Suggest",
        icon=":material/auto_fix_high:",
        key="focus_suggest",
        type="primary",
        on_click=_suggest,
        args=(ws, scenario_id, proposal),
        help="Place every step by the rule (see Rule).",
    )
    bar.button(
        f"Undo ({undo_size})",
        icon=":material/undo:",
        key="focus_undo",
        disabled=undo_size == 0,
        on_click=_undo,
        args=(ws, scenario_id),
        help="Take back the last change of choices.",
    )
    bar.button(
        "Reset",
        icon=":material/restart_alt:",
        key="focus_reset",
        on_click=_safely,
        args=(
            scenarios.set_assignment,
            ws,
            scenario_id,
            {},
            "Reset",
            stale_views.drawn(stale_views.focus(scenario_id)),
        ),
        help="Every step back to Unassigned (undoable).",
    )
    with bar.popover("Rule", icon=":material/rule:"):
        st.markdown(
            "**How Suggest places each step**\n\n" + "\n".join(f"{i}. {line}" for i, line in enumerate(rule, 1))
        )
    if st.session_state.get(VIEW_KEY) is None:
        st.session_state[VIEW_KEY] = BOARD
    return bar.segmented_control("Edit with", [BOARD, LIST], key=VIEW_KEY, label_visibility="collapsed") or BOARD


def _save_settings(ws: Workspace, key: str) -> None:
    """Persist the facilitator setting whose widget changed (``competition`` or ``focus``), checked
    against changes made elsewhere since the settings were drawn (issue 17.4)."""
    state, drawn = st.session_state, stale_views.drawn(stale_views.setting(key))
    if key == COMPETITION_KEY:
        chosen = {"critical_threshold": float(state["focus_threshold"]), "us": state.get("focus_us") or None}
        _safely(lambda: save_competition_settings(ws, replace(load_competition_settings(ws), **chosen), drawn))
        return
    chosen = {"focus_limit": int(state["focus_limit"]), "group_by": state.get("focus_grouping")}
    _safely(lambda: focus_data.save_focus_settings(ws, replace(focus_data.load_focus_settings(ws), **chosen), drawn))


def _settings(
    ws: Workspace,
    settings: focus.FocusSettings,
    competition: CompetitionSettings,
    options: dict[str, str],
    grouping: str | None,
    competitors: list[str],
) -> None:
    bind("focus_threshold", float(competition.critical_threshold))
    bind("focus_limit", int(settings.focus_limit))
    bind("focus_grouping", grouping)
    bind("focus_us", competition.us if competition.us in competitors else "")
    with st.expander("Facilitator settings: critical threshold, focus limit, groups", icon=":material/tune:"):
        a, b, c, d = st.columns(4)
        a.number_input(
            "Critical threshold (satisfaction 0–10)",
            0.0,
            10.0,
            step=0.5,
            key="focus_threshold",
            on_change=_save_settings,
            args=(ws, COMPETITION_KEY),
            help="Minimum acceptable performance; Accept aims here. Shared with the Competitors page.",
        )
        b.number_input(
            "Focus limit (differentiated steps)",
            1,
            20,
            step=1,
            key="focus_limit",
            on_change=_save_settings,
            args=(ws, focus_data.FOCUS_KEY),
        )
        c.selectbox(
            "“Serves best” among groups of",
            list(options) or [None],
            key="focus_grouping",
            format_func=lambda g: options.get(g, "no groups in this survey"),
            disabled=not options,
            on_change=_save_settings,
            args=(ws, focus_data.FOCUS_KEY),
        )
        d.selectbox(
            "Our solution among the competitors",
            ["", *competitors],
            key="focus_us",
            format_func=lambda v: v or "Not among them",
            disabled=not competitors,
            on_change=_save_settings,
            args=(ws, COMPETITION_KEY),
        )


def _picked_step(event: object) -> int | None:
    """A newly clicked bar of the strategy profile (None: no new click)."""
    selection = getattr(event, "selection", None) or {}
    points = selection.get(PROFILE_PICK) or []
    picked = int(points[0]["step_id"]) if points and "step_id" in points[0] else None
    if picked == st.session_state.get(PICK_SEEN):
        return None
    st.session_state[PICK_SEEN] = picked
    return picked


def _charts(
    ws: Workspace, matrix: FocusView, steps: pd.DataFrame, current: Assignment, scenario_id: str, area, presenting: bool
) -> None:
    """The strategy profile and the advantage map: side by side under the board, or stacked beside
    it while presenting (lower, so both fit one projector screen with the board)."""
    competition, settings, leading = matrix.competition, matrix.focus, matrix.leading
    decisions = scenarios.decisions(ws, scenario_id)
    if presenting:
        top = area.container(key="focus_chart_profile")
        bottom = area.container(key="focus_chart_map")
        height = PRESENT_CHART_HEIGHT
    else:
        top, bottom = area.columns(2)
        height = None
    profile = strategy_profile(steps, current)
    event = top.vega_lite_chart(
        _sized(profile, height),
        theme=None,
        key="focus_profile",
        on_select="rerun",
        selection_mode=PROFILE_PICK,
        width="stretch",
    )
    if not presenting:  # image downloads: not on the projector's one screen
        chart_downloads(profile, "strategy-profile", container=top, note=scores_note(ws))
    if (picked := _picked_step(event)) is not None:
        st.session_state[DETAIL_KEY] = picked
    lines = focus_competitor_lines(ws)
    if lines.empty:
        bottom.info(
            "**Competitive advantage map:** this survey has no competitor ratings (no competitors sheet and "
            "no current-solution attribute), so there is nothing to compare our targets with. The board, "
            "the profile and the metrics work without it.",
            icon=":material/info:",
        )
        return
    margins = {s: d.target.margin for s, d in decisions.items() if d.target.margin is not None}
    targets = advantage.target_profile(steps, current, leading, competition, margins, settings.target_margin)
    advantage_spec = advantage_map(lines, targets, competition.critical_threshold, presenting)
    bottom.vega_lite_chart(_sized(advantage_spec, height), theme=None, width="stretch", key="focus_map")
    if not presenting:
        chart_downloads(advantage_spec, "focus-advantage-map", container=bottom, note=scores_note(ws))
        bottom.caption(
            f"Satisfaction from {literal(matrix.competitor_source)}. Black line: our target (diamonds coloured as "
            f"on the board): Differentiate = best competitor + {settings.target_margin:g} (or the step's margin), "
            "Meet = best competitor, Accept = the critical threshold (red)."
        )


def _sized(spec: dict, height: int | None) -> dict:
    """The spec as this run shows it (dark variant in a dark room), at ``height`` when given."""
    spec = presentation.chart(spec)
    return spec if height is None else {**spec, "height": height}


@workspace_fragment
def live_matrix(ws: Workspace, scenario_id: str) -> None:
    """Everything that changes with a move (see the module docstring)."""
    settings_seen = ws.revision  # before the settings the facilitator's widgets show (ui/stale_views.py)
    matrix = focus_view(ws)
    for key in (COMPETITION_KEY, focus_data.FOCUS_KEY):
        stale_views.remember(stale_views.setting(key), settings_seen)
    steps, scoring, settings = matrix.steps, matrix.scoring, matrix.focus
    competition = matrix.competition
    message = st.container()  # refusals show here, also one made by this run's board move
    if steps.empty:
        st.info("The job map has no steps yet: arrange it on the **Job map** page.")
        return
    leading = matrix.leading
    seen = ws.revision  # read before the assignment it goes with: a change in between is then noticed
    current = scenarios.assignment(ws, scenario_id)
    viewer = ws.refuses_writes  # a view link: the board shows, nothing moves (issue 17.1)
    view = BOARD if viewer else st.session_state.get(VIEW_KEY) or BOARD
    if not viewer and view == BOARD and (moved := take_board_move(scenario_id, steps, current)) is not None:
        label, drawn = describe_move(steps, current, moved), stale_views.drawn(stale_views.focus(scenario_id))
        _safely(scenarios.set_assignment, ws, scenario_id, moved, label, drawn)
        seen = ws.revision
        current = scenarios.assignment(ws, scenario_id)
    stale_views.remember(stale_views.focus(scenario_id), seen)
    if error := st.session_state.pop("focus_error", None):
        message.error(literal(error))

    presenting = presentation.presenting()
    if presenting:  # one projector screen: the board beside the charts, messages under the charts
        left, side = st.columns([1, 1], gap="medium")
        board_area = left.container(key="focus_board_area")
        chart_area = side.container(key="focus_side")
        messages = side.container(height=MESSAGES_HEIGHT, key="focus_messages", border=False)
    else:
        board_area = chart_area = messages = st.container()
    with board_area:
        if not viewer:
            undo_size = scenarios.history_size(ws, scenario_id)
            view = _toolbar(ws, scenario_id, matrix.proposal, list(matrix.rule), undo_size)
        # The board (or list) comes right after the fixed-height toolbar: what changes height with a
        # move (metrics with their deltas, warnings, the Suggest caption) is drawn below it (or, while
        # presenting, beside it), so the cards never move under the pointer between two quick clicks.
        if view == BOARD:
            css = board_css(presenting, presentation.mode().dark_shown)
            drag_board(scenario_id, steps, current, css, readonly=viewer)
        else:
            list_mode(scenario_id, steps, current, lambda s, c: _choose(ws, scenario_id, steps, s, c))

    options = matrix.groupings
    grouping = _grouping(settings, options)
    metrics = _metrics(ws, steps, current, scoring, settings, leading, grouping)
    with messages:
        if st.session_state.pop("focus_suggested", False):
            st.caption("Placed by the rule: " + " ".join(line.replace("**", "") for line in matrix.rule))
        if not presenting:
            _show_metrics(metrics, options.get(grouping) if grouping else None)
            wins_panel(ws, scenario_id, current, competition.us, floating=False)
        _show_warnings(metrics)
    if presenting:
        _toast_new_warnings(metrics)
        with board_area:
            _show_metrics(metrics, options.get(grouping) if grouping else None)
            wins_panel(ws, scenario_id, current, competition.us, True, presentation.mode().dark_shown)
    _charts(ws, matrix, steps, current, scenario_id, chart_area, presenting)
    decisions = scenarios.decisions(ws, scenario_id)
    competitors = sorted(matrix.analysis.names)
    if viewer:
        return  # the facilitator's settings, notes and targets: edit link only
    _settings(ws, settings, competition, options, grouping, competitors)
    step_detail(ws, scenario_id, steps, matrix.outcome_detail, current, decisions, leading, settings, DETAIL_KEY)


__all__ = ["live_matrix"]
