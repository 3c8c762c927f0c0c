"""Which workspace this browser session works in.

The workspace token lives in the URL (``?ws=…``) so a refresh, a bookmark or a second laptop
reopens the same workshop. A first visit creates a workspace and loads the first bundled
sample, so every page shows real content before any upload. An unknown token is refused
with an offer to start fresh; it never reveals another workspace.
"""

from __future__ import annotations

import streamlit as st

from core.intake.loading import load_sample
from core.workspace.database import Workspace, create_workspace, open_workspace, workspace_exists

WS_PARAM = "ws"
TOKEN_KEY = "workspace_token"


@st.cache_resource(show_spinner=False, max_entries=64)
def opened_workspace(token: str) -> Workspace:
    """One connection per workspace per server process, shared by its sessions' threads."""
    return open_workspace(token)


def _new_workspace() -> str:
    with st.spinner("Setting up a new workspace with a sample survey…"):
        workspace = create_workspace()
        token = workspace.token
        load_sample(workspace)
        workspace.close()
    return token


def _refuse_unknown_token() -> None:
    st.error(
        "**This workspace link does not match any workspace on this server.** "
        "The link may be incomplete, or the workspace was deleted. Check the link you were given, "
        "or start a fresh workspace."
    )
    if st.button("Start a fresh workspace", type="primary"):
        st.session_state.pop(TOKEN_KEY, None)
        st.query_params.clear()
        st.session_state[TOKEN_KEY] = _new_workspace()
        st.query_params[WS_PARAM] = st.session_state[TOKEN_KEY]
        st.rerun()
    st.stop()


def current_workspace() -> Workspace:
    """The session's workspace; called once per run by the router before any page."""
    token = st.query_params.get(WS_PARAM) or st.session_state.get(TOKEN_KEY)
    if token is None:
        token = _new_workspace()
    elif not workspace_exists(token):
        _refuse_unknown_token()
    st.session_state[TOKEN_KEY] = token
    if st.query_params.get(WS_PARAM) != token:
        st.query_params[WS_PARAM] = token
    return opened_workspace(token)


def current() -> Workspace:
    """The session's workspace without routing: for widget callbacks (they run before the page)."""
    return opened_workspace(st.session_state[TOKEN_KEY])
