"""The facilitator's "Room votes" panel on the Focus matrix (issue 17.2).

It refreshes itself every :data:`REFRESH_SECONDS` seconds as a fragment (``st.fragment(run_every=…)``),
so the board and the charts are not redrawn; it reads the tallies afresh each time (votes do not
bump the workspace revision, so nothing else is recomputed). Steps where the room's majority
differs from the active scenario's board are marked; "Apply the room's majority" creates a new
scenario (core.strategy.votes.apply_majority) and makes it the active one.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.strategy import scenarios, votes
from core.strategy.focus import CHOICES, LABELS
from core.strategy.votes import VoteError
from core.wording import plural
from core.workspace.change_marks import ChangedElsewhere
from core.workspace.database import Workspace, WorkspaceReadOnly
from ui import stale_views
from ui.fragments import session_workspace
from ui.session import current, is_viewer
from ui.text import literal

REFRESH_SECONDS = 3
_NOTICE = "room_votes_notice"


def _apply() -> None:
    workspace = current()
    try:
        created = votes.apply_majority(workspace)
    except (VoteError, WorkspaceReadOnly) as error:
        st.session_state[_NOTICE] = ("error", str(error))
        return
    scenarios.set_active(workspace, created)
    name = dict(scenarios.list_scenarios(workspace)[["scenario_id", "name"]].values)[created]
    st.session_state[_NOTICE] = ("success", f"Created the scenario “{name}” from the room's majority; it is now shown.")


def _set_dots() -> None:
    try:
        drawn = stale_views.drawn(stale_views.setting(votes.DOTS_KEY))  # issue 17.4
        votes.set_dot_limit(current(), int(st.session_state["room_votes_dots"]), drawn)
    except (VoteError, WorkspaceReadOnly, ChangedElsewhere) as error:
        st.session_state[_NOTICE] = ("error", str(error))
        st.session_state.pop("room_votes_dots", None)  # the field starts again from the stored limit


def tally_table(tally: pd.DataFrame) -> pd.DataFrame:
    """The panel's table: step, votes per choice, agreement (%), majority, board, and a flag."""
    return pd.DataFrame(
        {
            "Step": tally["step"].astype(str),
            **{LABELS[c]: tally[c].astype(int) for c in CHOICES},
            "Agreement": (tally["agreement"] * 100).round(0),
            "Room": tally["majority"].map(lambda m: LABELS.get(m, "Tie") if isinstance(m, str) else "—"),
            "Board": tally["board"].map(LABELS.get),
            "Differs": tally["disagrees"].map({True: "⚠ differs", False: ""}),
        }
    )


def _notice() -> None:
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        kind, text = notice
        (st.error if kind == "error" else st.success)(literal(text))


@st.fragment(run_every=REFRESH_SECONDS)
def _live(scenario_id: str) -> None:
    workspace = session_workspace()  # every refresh: a link revoked meanwhile reruns the page
    board = scenarios.assignment(workspace, scenario_id)
    tally = votes.step_tally(workspace, board)
    seen = votes.counts(workspace)
    _notice()
    disagreeing = int(tally["disagrees"].sum()) if len(tally) else 0
    st.markdown(
        f"**{plural(seen['participants'], 'participant')}**, {plural(seen['votes'], 'step vote')}, "
        f"{plural(seen['dots'], 'dot vote')}"
        + (f" — the room differs from the board on **{plural(disagreeing, 'step')}**" if disagreeing else "")
    )
    if seen["votes"] or seen["dots"]:
        st.dataframe(
            tally_table(tally),
            hide_index=True,
            width="stretch",
            key="room_votes_table",
            column_config={"Agreement": st.column_config.NumberColumn(format="%d%%")},
        )
        dots = votes.dot_tally(workspace).head(10)
        if len(dots):
            st.markdown("**Dot votes** (top 10)")
            st.dataframe(
                dots.rename(columns={"statement": "Outcome", "step": "Step", "dots": "Dots"})[
                    ["Outcome", "Step", "Dots"]
                ],
                hide_index=True,
                width="stretch",
                key="room_votes_dots_table",
            )
    else:
        st.caption("No votes yet: share the vote link (Share menu, or the Vote button while presenting).")


def room_votes_panel(ws: Workspace, scenario_id: str) -> None:
    """The Room votes expander: live tallies, the dot-vote limit and "Apply the room's majority"."""
    with st.expander("Room votes", icon=":material/how_to_vote:", expanded=True):
        _live(scenario_id)
        if is_viewer():
            return
        left, right = st.columns([1, 2], vertical_alignment="bottom")
        stale_views.remember(stale_views.setting(votes.DOTS_KEY), ws.revision)  # before the limit shown
        left.number_input(
            "Dot votes per participant",
            min_value=0,
            max_value=votes.MAX_DOTS,
            value=votes.dot_limit(ws),
            step=1,
            key="room_votes_dots",
            on_change=_set_dots,
        )
        right.button(
            "Apply the room's majority",
            icon=":material/groups:",
            key="room_votes_apply",
            on_click=_apply,
            help="A new scenario with each step's majority choice; a tie or an unvoted step keeps the board's choice.",
        )
