"""Page bodies as ``st.fragment``\\ s that work in the session's workspace at every run.

Streamlit reruns a fragment with the arguments its page's last full run passed it. A workspace
handle among them can be closed by the time the fragment reruns: the next full run of a first
visit drops (and closes) the copy-on-write handle its first change materialised, and a session's
handle is released when it leaves the session's cache (ui/session.py). A move on the board would
then fail with DuckDB's "Connection already closed". So a fragment rerun looks the session's
workspace up again (:func:`ui.session.current`, which also checks the link once more); a full run
keeps the handle the router opened for it, at no extra cost.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.workspace.database import Workspace, WorkspaceNotFound
from core.workspace.opening_errors import WorkspaceInUse, WorkspaceUnreadable
from core.workspace.store_types import StoreUnavailable
from ui import session

P = ParamSpec("P")


def fragment_rerun() -> bool:
    """True while this script run reruns fragments only (a widget inside one, or ``run_every``)."""
    ctx = get_script_run_ctx()
    return ctx is not None and bool(ctx.fragment_ids_this_run)


def session_workspace() -> Workspace:
    """The session's workspace, looked up for a fragment's run (a fragment that refreshes itself
    calls this instead of :func:`ui.session.current`).

    When it no longer opens (its link revoked, the file damaged or held by another process, the
    workspace store unreachable), the whole page reruns instead: the router then shows the page
    that says so, as on any full run, where the fragment would have raised inside the page.
    """
    try:
        return session.current()
    except (WorkspaceNotFound, WorkspaceUnreadable, WorkspaceInUse, StoreUnavailable):
        st.rerun(scope="app")


def run_workspace(passed: Workspace) -> Workspace:
    """The workspace a fragment works in this run: ``passed`` on a full run, else the session's own
    (:func:`session_workspace`)."""
    return passed if not fragment_rerun() else session_workspace()


def workspace_fragment(
    body: Callable[Concatenate[Workspace, P], None],
) -> Callable[Concatenate[Workspace, P], None]:
    """``st.fragment`` for ``body(ws, …)``: on its own reruns ``ws`` is :func:`run_workspace`'s."""

    @functools.wraps(body)  # the fragment's id is made from the body's module and name
    def run(ws: Workspace, /, *args: P.args, **kwargs: P.kwargs) -> None:
        workspace = run_workspace(ws)
        with workspace.settings_snapshot():  # a fragment's own run reads the settings once, as a page run does
            body(workspace, *args, **kwargs)

    return st.fragment(run)


__all__ = ["fragment_rerun", "run_workspace", "session_workspace", "workspace_fragment"]
