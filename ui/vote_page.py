"""The participants' page (issue 17.2): opened by the vote link, phone-sized, hidden from the navigation.

- Who: a participant id in the URL (``?voter=…``, random, made on the first visit), so a reload,
  or the phone's browser reopening the tab, keeps their votes; the name is optional (anonymous).
- What: each job step as a segmented control Differentiate / Meet / Accept (clicking the chosen
  one again withdraws the vote), then the dot votes (a multiselect capped at N).
- Every change is saved at once, through :func:`core.strategy.votes.cast_vote` / ``set_dots`` in a
  widget callback on the session's handle (a vote link's handle writes votes only).
- User text (step names, outcome statements) is shown literally (ui.text.literal); option labels of
  the multiselect are plain text already.
"""

from __future__ import annotations

import secrets

import streamlit as st

from core.intake.survey_queries import outcomes_table, steps_table
from core.strategy import votes
from core.strategy.focus import CHOICES, LABELS
from core.strategy.votes import VoteError
from core.wording import plural
from core.workspace.database import Workspace, WorkspaceReadOnly
from ui.session import current
from ui.text import literal

VOTER_PARAM = "voter"
_ERROR = "vote_error"
_SAVED = "vote_saved"
PHONE_STYLE = """
<style>
[data-testid="stMainBlockContainer"] { max-width: 440px; padding: 3.5rem 1rem 4rem 1rem; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none; }
</style>
"""


def participant_id() -> str:
    """This browser's participant id, from the URL (made and put there on the first visit)."""
    pid = st.query_params.get(VOTER_PARAM)
    if not pid or len(pid) < 8 or len(pid) > 64:
        pid = st.session_state.get(VOTER_PARAM) or secrets.token_urlsafe(12)
        st.query_params[VOTER_PARAM] = pid
    st.session_state[VOTER_PARAM] = pid
    return pid


def _name() -> str | None:
    return st.session_state.get("vote_name") or None


def _saved(what: str) -> None:
    st.session_state[_SAVED] = what


def _refused(error: Exception) -> None:
    st.session_state[_ERROR] = str(error)


def _vote(step_id: int, step_name: str) -> None:
    choice = st.session_state.get(f"vote_step_{step_id}")
    try:
        votes.cast_vote(current(), st.session_state[VOTER_PARAM], step_id, choice, name=_name())
    except (VoteError, WorkspaceReadOnly) as error:
        _refused(error)
        return
    _saved(f"{step_name}: {LABELS[choice]}" if choice else f"{step_name}: vote withdrawn")


def _dots() -> None:
    chosen = st.session_state.get("vote_dots") or []
    try:
        votes.set_dots(current(), st.session_state[VOTER_PARAM], list(chosen), name=_name())
    except (VoteError, WorkspaceReadOnly) as error:
        _refused(error)
        return
    _saved(plural(len(chosen), "dot vote"))


def _rename() -> None:
    try:
        votes.set_name(current(), st.session_state[VOTER_PARAM], st.session_state.get("vote_name"))
    except (VoteError, WorkspaceReadOnly) as error:
        _refused(error)
        return
    _saved("Your name" if _name() else "Anonymous")


def _feedback() -> None:
    if error := st.session_state.pop(_ERROR, None):
        st.error(f"**Not saved:** {literal(error)}", icon=":material/error:")
    if saved := st.session_state.pop(_SAVED, None):
        st.toast(f"**Saved.** {literal(saved)}", icon=":material/check_circle:")


def vote_body(ws: Workspace) -> None:
    """The whole vote page for this participant."""
    st.html(PHONE_STYLE)
    st.title("Your vote")
    if not ws.accepts_votes:
        st.info("This link can only look: ask the facilitator for the vote link.", icon=":material/visibility:")
        return
    steps = steps_table(ws)
    if steps.empty:
        st.info("The facilitator has not loaded a survey yet. Reload this page in a moment.")
        return
    pid = participant_id()
    mine, dots = votes.my_votes(ws, pid), votes.my_dots(ws, pid)
    if "vote_name" not in st.session_state:
        st.session_state["vote_name"] = votes.my_name(ws, pid) or ""
    _feedback()
    st.text_input(
        "Your name (optional)",
        key="vote_name",
        on_change=_rename,
        max_chars=votes.MAX_NAME,
        placeholder="Leave empty to vote anonymously",
    )
    st.caption("For each step of the job: should we **differentiate** (excel), **meet** (parity) or **accept** it?")
    for step_id, name in steps[["step_id", "name"]].itertuples(index=False):
        step_id = int(step_id)
        key = f"vote_step_{step_id}"
        st.session_state[key] = mine.get(step_id)
        st.markdown(f"**{literal(name)}**")
        st.segmented_control(
            literal(name),
            CHOICES,
            format_func=LABELS.get,
            key=key,
            on_change=_vote,
            args=(step_id, str(name)),
            label_visibility="collapsed",
            width="stretch",
        )
    limit = votes.dot_limit(ws)
    if limit:
        outcomes = outcomes_table(ws)
        statements = dict(zip(outcomes["outcome_id"].astype(str), outcomes["statement"].astype(str), strict=True))
        st.session_state["vote_dots"] = [o for o in dots if o in statements]
        st.subheader("Dot votes")
        st.multiselect(
            f"Pick up to {limit} outcomes that matter most",
            list(statements),
            format_func=statements.get,
            key="vote_dots",
            max_selections=limit,
            on_change=_dots,
        )
    st.caption("Every choice is saved at once; you can change it until the facilitator closes the vote.")
