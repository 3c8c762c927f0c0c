"""Probe app for ui/fragments.py (tests/e2e/test_fragment_workspace.py).

The page's full run passes the session's workspace handle to a fragment; a button in the fragment
releases that handle from the session's cache (closing it, as when the cache evicts it), and the
next fragment rerun must still read the workspace. Another button makes the session's link one
that opens nothing (as a revoked link does): the next fragment rerun must rerun the whole page,
which says so, instead of raising inside the fragment.
"""

import streamlit as st

from core.workspace.database import Workspace, WorkspaceNotFound, create_workspace
from ui import session
from ui.fragments import workspace_fragment

if session.TOKEN_KEY not in st.session_state:
    created = create_workspace()
    st.session_state[session.TOKEN_KEY] = created.token
    created.close()
st.session_state.full_runs = st.session_state.get("full_runs", 0) + 1


@workspace_fragment
def body(ws: Workspace, label: str) -> None:
    st.text(f"{label}: revision {ws.revision}, full runs {st.session_state.full_runs}")
    if st.button("Release the session's handle"):
        session._session_open.clear()  # stands in for the cache evicting (and closing) the handle
    if st.button("Revoke the session's link"):
        st.session_state[session.TOKEN_KEY] = "revoked"  # resolves to no workspace
    st.button("Rerun the fragment")


try:
    opened = session.current()
except WorkspaceNotFound:  # what the router's own page says, in short
    st.text(f"The workspace no longer opens (full runs {st.session_state.full_runs})")
    st.stop()
body(opened, "Workspace")
