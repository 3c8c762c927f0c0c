""" "What this scenario wins" on the Focus matrix (issue 16.5): a compact panel inside the board's
fragment, under the board (beside the charts' column while presenting), so it updates with every
move and never pushes the board down; and the "won" rows of the scenario comparison.

The per-survey basis (core.strategy.wins.wins_basis, one SQL pass) is cached by the survey's
signature like the focus view, so a move only re-counts (core.strategy.wins.scenario_wins).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.strategy.focus import Assignment
from core.strategy.focus_data import load_focus_settings
from core.strategy.wins import Wins, WinsBasis, rule_text, scenario_wins, wins_basis, wins_segmentation
from core.workspace.database import Workspace
from ui.text import literal
from ui.view_cache import cached, survey_key

LAST_WON = "focus_wins_last"  # (scenario_id, won) of the previous run: the delta a move made
PANEL_KEY = "focus_wins"
TOP_GROUPS = 4  # rows of each small table (the rest are summed into "others")


def focus_wins_basis(workspace: Workspace) -> WinsBasis:
    """The wins basis of the survey, segments by the "serves best" grouping (or the newest segmentation)."""
    key = survey_key(workspace)
    segmentation = cached(wins_segmentation, workspace, load_focus_settings(workspace).group_by, key=key)
    return cached(wins_basis, workspace, segmentation, key=key)


def money(value: float | None) -> str:
    """An amount as people read it: 49,670 (no currency: the survey does not say which)."""
    return "–" if value is None else f"{value:,.0f}"


def won_label(wins: Wins) -> str:
    return f"{wins.won:,}" + ("" if wins.share is None else f" ({wins.share:.0%})")


def _small_table(table: pd.DataFrame, column: str, title: str, us: str | None) -> pd.DataFrame:
    """The biggest groups as "title | won | of n", the rest summed into one "others" row."""
    shown = table.head(TOP_GROUPS)
    names = [f"{name} (us: kept)" if us and name == us else str(name) for name in shown[column]]
    frame = pd.DataFrame({title: names, "Won": shown["won"].astype(int), "of": shown["n"].astype(int)})
    rest = table.iloc[TOP_GROUPS:]
    if not rest.empty:
        others = {title: f"{len(rest)} others", "Won": int(rest["won"].sum()), "of": int(rest["n"].sum())}
        frame = pd.concat([frame, pd.DataFrame([others])], ignore_index=True)
    return frame


def _delta(scenario_id: str, wins: Wins) -> str | None:
    """The change the last move made ("+12"), None on a scenario's first run or without a change."""
    before = st.session_state.get(LAST_WON)
    st.session_state[LAST_WON] = (scenario_id, wins.won)
    if not before or before[0] != scenario_id or before[1] == wins.won:
        return None
    return f"{wins.won - before[1]:+,} since the last move"


def wins_panel(ws: Workspace, scenario_id: str, assignment: Assignment, us: str | None, compact: bool) -> Wins:
    """The panel; ``compact`` (presenting) keeps it to one row: the numbers and the top competitors."""
    basis = focus_wins_basis(ws)
    wins = scenario_wins(basis, assignment)
    rule = rule_text(basis.scale)
    delta = _delta(scenario_id, wins)
    with st.container(border=True, key=PANEL_KEY):
        cols = st.columns([1.1, 1.1, 1.6, 1.6] if not compact else [1, 1, 2])
        cols[0].metric(
            "Respondents won",
            won_label(wins),
            delta=delta,
            delta_color="normal",
            help=f"{rule} Out of all {wins.sample:,} respondents; "
            f"{wins.with_underserved:,} have an underserved outcome.",
        )
        cols[1].metric(
            f"{literal(basis.wtp)} of the won" if basis.wtp else "Willingness to pay",
            money(wins.wtp_sum),
            delta=None if wins.wtp_mean is None else f"mean {money(wins.wtp_mean)} · {wins.wtp_n:,} answered",
            delta_color="off",
            delta_arrow="off",
            help="The sum of the amounts the won respondents gave (mean and how many answered below)."
            if basis.wtp
            else "This survey has no willingness-to-pay question.",
        )
        if compact:
            top = wins.by_solution.head(3)
            text = " · ".join(f"{literal(r.solution)} {r.won:,}" for r in top.itertuples())
            cols[2].caption(f"**Won from** {text}" if text else "No current-solution question in this survey.")
            return wins
        _tables(cols[2], cols[3], wins, basis, us)
        st.caption(f"**Who counts as won.** {rule}")
    return wins


def _tables(left, right, wins: Wins, basis: WinsBasis, us: str | None) -> None:
    if wins.by_solution.empty:
        left.caption("No current-solution question in this survey: nothing to say whom we would take from whom.")
    else:
        left.dataframe(
            _small_table(wins.by_solution, "solution", f"Won from ({basis.solution})", us),
            hide_index=True,
            width="stretch",
        )
    if wins.by_segment.empty:
        right.caption("No saved segmentation: save one on the **Segments** page to see the won by segment.")
    else:
        right.dataframe(
            _small_table(wins.by_segment, "segment", f"Segment ({basis.segmentation})", None),
            hide_index=True,
            width="stretch",
        )


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
