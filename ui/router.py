"""Navigation in workflow order, and the guarantee that every page runs through it.

Streamlit still scans ``pages/`` the legacy way: on a new session or after a server restart,
a deep link such as ``/opportunities`` runs ``pages/opportunities.py`` directly, without
``app.py``. Pages therefore call :func:`ui.session.workspace` first, which calls
:func:`ensure_routed`: when no routed run is under way, it runs the router (which resolves
the same URL to the same page, runs it, and renders the shared sidebar) and stops the
unrouted run. URL paths are the files' stems, so both navigations agree on every link.
"""

from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st

# A local image: a ":material/…:" page icon makes every browser fetch the favicon from
# fonts.gstatic.com, and no page may contact another host.
PAGE_ICON = str(Path(__file__).with_name("page_icon.png"))

_local = threading.local()  # Streamlit runs each script run on its own thread


def pages() -> list[st.Page]:
    return [
        st.Page("pages/data.py", title="Data", icon=":material/upload_file:", default=True),
        st.Page("pages/job_map.py", title="Job map", icon=":material/account_tree:"),
        st.Page("pages/opportunities.py", title="Opportunities", icon=":material/scatter_plot:"),
        st.Page("pages/segments.py", title="Segments", icon=":material/groups:"),
        st.Page("pages/competitors.py", title="Competitors", icon=":material/leaderboard:"),
        st.Page("pages/focus_matrix.py", title="Focus matrix", icon=":material/view_kanban:"),
        st.Page("pages/export.py", title="Export", icon=":material/download:"),
    ]


def run_router() -> None:
    """Page config, the session's workspace, the navigation and sidebar, then the chosen page.

    The page config is set here, not only in app.py, because a rerouted deep link never runs app.py.
    """
    from ui.session import current_workspace
    from ui.sidebar import render_sidebar

    st.set_page_config(page_title="JTBD Differentiation Workbench", page_icon=PAGE_ICON, layout="wide")
    workspace = current_workspace()
    page = st.navigation(pages())
    render_sidebar(workspace)
    _local.routed = True
    try:
        page.run()
    finally:
        _local.routed = False


def ensure_routed() -> None:
    """Called by pages before anything else; reroutes a page run outside the router."""
    if not getattr(_local, "routed", False):
        run_router()
        st.stop()
