""" "What this scenario wins" on the Focus matrix (issue 16.5): a compact panel inside the board's
fragment, under the board (while presenting, one line floating at the top of the screen, like the
slide bar, so the board and both charts keep their room), so it updates with every move and never
pushes the board down; and the "won" rows of the scenario comparison.

The per-survey basis (core.strategy.wins.wins_basis, one SQL pass) is cached by the survey's
signature like the focus view, so a move only re-counts (core.strategy.wins.scenario_wins).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.strategy.focus import Assignment
from core.strategy.focus_data import load_focus_settings
from core.strategy.wins import (
    Wins,
    WinsBasis,
    rule_summary,
    rule_text,
    scenario_wins,
    wins_basis,
    wins_segmentation,
)
from core.workspace.database import Workspace
from ui.session import opened_workspace
from ui.text import literal
from ui.view_cache import CACHE_TTL, MAX_ENTRIES, cached, survey_key

LAST_WON = "focus_wins_last"  # (scenario_id, won) of the previous run: the delta a move made
PANEL_KEY = "focus_wins"
TOP_GROUPS = 4  # rows of each small table (the rest are summed into "others")


@st.cache_resource(max_entries=MAX_ENTRIES, ttl=CACHE_TTL, show_spinner=False)
def _basis(token: str, key: str, segmentation: str | None) -> WinsBasis:
    """Held as it is (a resource, not a pickled copy per hit like ui.view_cache): the basis is never
    changed after it is built, and unpickling 5,000 respondents' rows on every move cost more than
    the count itself (bench/wins_bench.py)."""
    return wins_basis(opened_workspace(token), segmentation)


def focus_wins_basis(workspace: Workspace) -> WinsBasis:
    """The wins basis of the survey, segments by the "serves best" grouping (or the newest segmentation)."""
    key = survey_key(workspace)
    segmentation = cached(wins_segmentation, workspace, load_focus_settings(workspace).group_by, key=key)
    return _basis(workspace.token, key, segmentation)


def money(value: float | None) -> str:
    """An amount as people read it: 49,670 (no currency: the survey does not say which)."""
    return "–" if value is None else f"{value:,.0f}"


def won_label(wins: Wins) -> str:
    return f"{wins.won:,}" + ("" if wins.share is None else f" ({wins.share:.0%})")


def _small_table(table: pd.DataFrame, column: str, title: str, us: str | None) -> str:
    """The biggest groups as a Markdown table "title | won | of" (user text escaped), the rest
    summed into one "others" row. Markdown, not st.dataframe: a few rows need no Arrow table."""
    shown = table.head(TOP_GROUPS)
    rows = [
        (literal(name) + (" (us: kept)" if us and name == us else ""), int(won), int(n))
        for name, won, n in zip(shown[column], shown["won"], shown["n"], strict=True)
    ]
    rest = table.iloc[TOP_GROUPS:]
    if not rest.empty:
        rows.append((f"{len(rest)} others", int(rest["won"].sum()), int(rest["n"].sum())))
    lines = [f"| {literal(title)} | Won | of |", "|:--|--:|--:|"]
    lines += [f"| {name} | **{won:,}** | {n:,} |" for name, won, n in rows]
    return "\n".join(lines)


def _delta(scenario_id: str, wins: Wins) -> str | None:
    """The change the last move made ("+12"), None on a scenario's first run or without a change."""
    before = st.session_state.get(LAST_WON)
    st.session_state[LAST_WON] = (scenario_id, wins.won)
    if not before or before[0] != scenario_id or before[1] == wins.won:
        return None
    return f"{wins.won - before[1]:+,} since the last move"


def _floating_css(dark: bool) -> str:
    """While presenting the panel floats at the top right of the screen, under the slide bar (fixed,
    like it): it takes no room from the board and both charts, and the warnings' toasts (top centre,
    ui/presentation_css.py) leave it in view."""
    ground, line = ("rgba(17, 20, 24, 0.96)", "#C9D1D9") if dark else ("rgba(255, 255, 255, 0.94)", "#8C96A3")
    return (
        f"<style>.st-key-{PANEL_KEY} {{ position: fixed; top: 62px; right: 14px; z-index: 999989; "
        f"width: auto !important; max-width: 420px; flex-wrap: nowrap !important; "
        f"background: {ground}; border: 1px solid {line}; border-radius: 10px; padding: 4px 14px; "
        f"box-shadow: 0 2px 10px rgba(0, 0, 0, 0.18); }} "
        f".st-key-{PANEL_KEY} p {{ font-size: 1.05rem !important; line-height: 1.6; margin: 0; white-space: nowrap; "
        f"overflow: hidden; text-overflow: ellipsis; }}</style>"
    )


def wins_panel(
    ws: Workspace, scenario_id: str, assignment: Assignment, us: str | None, floating: bool, dark: bool = False
) -> Wins:
    """The panel under the board; ``floating`` (presenting): one line fixed at the top of the screen."""
    basis = focus_wins_basis(ws)
    wins = scenario_wins(basis, assignment)
    rule = rule_text(basis.scale)
    delta = _delta(scenario_id, wins)
    about = f"{rule} Out of all {wins.sample:,} respondents; {wins.with_underserved:,} have an underserved outcome."
    if floating:
        st.html(_floating_css(dark))
        with st.container(key=PANEL_KEY, horizontal=True, vertical_alignment="center"):
            _one_line(wins, basis, delta, about)
        return wins
    with st.container(border=True, key=PANEL_KEY):
        numbers, left, right = st.columns([1, 1.5, 1.5])
        numbers.metric("Respondents won", won_label(wins), delta=delta, delta_color="normal", help=about)
        numbers.metric(
            literal(basis.wtp) if basis.wtp else "Willingness to pay",
            money(wins.wtp_sum),
            delta=None if wins.wtp_mean is None else f"mean {money(wins.wtp_mean)} · {wins.wtp_n:,} answered",
            delta_color="off",
            delta_arrow="off",
            help="The sum of the amounts the won respondents gave (their mean and how many of them answered below)."
            if basis.wtp
            else "This survey has no willingness-to-pay question.",
        )
        _tables(left, right, wins, basis, us)
        st.caption(f"**Won:** {rule_summary(basis.scale)} The full rule: the help (?) of “Respondents won”.")
    return wins


def _one_line(wins: Wins, basis: WinsBasis, delta: str | None, about: str) -> None:
    """ "Won 38 (6%) +38 · WTP 40,040"; whom from, in the ⓘ (the line fits beside the toasts)."""
    change = f" {delta.split()[0]}" if delta else ""
    parts = [f"Won **{won_label(wins)}**{change}"]
    if basis.wtp and wins.wtp_sum is not None:
        parts.append(f"WTP **{money(wins.wtp_sum)}**")
    top = wins.by_solution[wins.by_solution["won"] > 0].head(3)
    source = ", ".join(f"{literal(r.solution)} {r.won:,}" for r in top.itertuples())
    st.markdown(" · ".join(parts), help=(f"Won from: {source}. " if source else "") + about, width="content")


def _tables(left, right, wins: Wins, basis: WinsBasis, us: str | None) -> None:
    if wins.by_solution.empty:
        left.caption("No current-solution question in this survey: nothing to say whom we would take from whom.")
    else:
        left.markdown(_small_table(wins.by_solution, "solution", f"From ({basis.solution})", us))
    if wins.by_segment.empty:
        right.caption("No saved segmentation: save one on the **Segments** page to see the won by segment.")
    else:
        right.markdown(_small_table(wins.by_segment, "segment", f"Segment ({basis.segmentation})", None))


def compare_rows(ws: Workspace, assignments: dict[str, Assignment]) -> tuple[dict[str, dict[str, str]], str]:
    """Per compared scenario: its "won" rows for the comparison table; and the rule (a caption)."""
    basis = focus_wins_basis(ws)
    rows = {}
    for name, assignment in assignments.items():
        wins = scenario_wins(basis, assignment)
        row = {"Respondents won": won_label(wins)}
        if not wins.by_solution.empty:
            row[f"Won from ({basis.solution})"] = (
                ", ".join(f"{r.solution} {r.won:,}" for r in wins.by_solution.itertuples() if r.won) or "–"
            )
        if not wins.by_segment.empty:
            row[f"Won by segment ({basis.segmentation})"] = (
                ", ".join(f"{r.segment} {r.won:,}" for r in wins.by_segment.itertuples() if r.won) or "–"
            )
        if basis.wtp:
            row[f"{basis.wtp} of the won (sum · mean)"] = f"{money(wins.wtp_sum)} · {money(wins.wtp_mean)}"
        rows[name] = row
    return rows, rule_text(basis.scale)
