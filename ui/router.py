"""Navigation in workflow order, and the guarantee that every page runs through it.

Streamlit still scans ``pages/`` the legacy way: on a new session or after a server restart,
a deep link such as ``/opportunities`` runs ``pages/opportunities.py`` directly, without
``workbench.py``. Pages therefore call :func:`workspace` first, which calls
:func:`ensure_routed`: when no routed run is under way, it runs the router (which resolves
the same URL to the same page, runs it, and renders the shared sidebar) and stops the
unrouted run. URL paths are the files' stems, so both navigations agree on every link.
"""

from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st

from core.workspace.database import Workspace, WorkspaceReadOnly
from core.workspace.links import Role
from ui import prefetch, presentation, sharing, warm_frontend, warm_imports
from ui.errors import show_unexpected
from ui.session import current, current_workspace, link_role
from ui.sidebar import render_sidebar
from ui.slides import Mode
from ui.vote_link import vote_popover

# A local image: a ":material/…:" page icon makes every browser fetch the favicon from
# fonts.gstatic.com, and no page may contact another host.
PAGE_ICON = str(Path(__file__).with_name("page_icon.png"))

_local = threading.local()  # Streamlit runs each script run on its own thread
_IMPORT_RETRY = "router_import_retry"  # a page run again after its import met the warm-up's


def pages() -> list[st.Page]:
    return [
        st.Page("pages/data.py", title="Data", icon=":material/upload_file:", default=True),
        st.Page("pages/job_map.py", title="Job map", icon=":material/account_tree:"),
        st.Page("pages/opportunities.py", title="Opportunities", icon=":material/scatter_plot:"),
        st.Page("pages/segments.py", title="Segments", icon=":material/groups:"),
        st.Page("pages/competitors.py", title="Competitors", icon=":material/leaderboard:"),
        st.Page("pages/strategy_options.py", title="Strategy options", icon=":material/alt_route:"),
        st.Page("pages/focus_matrix.py", title="Focus matrix", icon=":material/view_kanban:"),
        # The last slide of presentation mode; not in the navigation (ui/presentation.py).
        st.Page("pages/next_steps.py", title="Next steps", icon=":material/flag:", visibility="hidden"),
        # The participants' page, opened by the vote link only (ui/vote_page.py).
        st.Page("pages/vote.py", title="Vote", icon=":material/how_to_vote:", visibility="hidden"),
        st.Page("pages/capabilities.py", title="Capabilities", icon=":material/hub:"),
        st.Page("pages/trade_offs.py", title="Trade-offs", icon=":material/balance:"),
        st.Page("pages/communication.py", title="Communication", icon=":material/campaign:"),
        st.Page("pages/customers.py", title="Customers", icon=":material/badge:"),
        st.Page("pages/metrics.py", title="Metrics", icon=":material/monitoring:"),
        st.Page("pages/waves.py", title="Waves", icon=":material/timeline:"),
        st.Page("pages/method.py", title="Method", icon=":material/school:"),
        st.Page("pages/export.py", title="Export", icon=":material/download:"),
    ]


# The navigation's sections, by the stages of the method (docs/ARCHITECTURE.md): fifteen pages in
# one list would fold into "View N more" and hide Export, so the sidebar shows every page, grouped.
SECTIONS = {
    "Understand": ("Data", "Job map", "Opportunities", "Segments", "Competitors"),
    "Decide": ("Strategy options", "Focus matrix", "Next steps", "Vote", "Capabilities", "Trade-offs"),
    "Follow through": ("Communication", "Customers", "Metrics", "Waves"),
    "Reference": ("Method", "Export"),
}


def sections(listed: list[st.Page]) -> dict[str, list[st.Page]]:
    """``listed`` grouped under :data:`SECTIONS` (by page title), in list order; a page no section
    names goes last, under "More", so a new page is never lost from the navigation."""
    named = {title for titles in SECTIONS.values() for title in titles}
    grouped = {section: [p for p in listed if p.title in titles] for section, titles in SECTIONS.items()}
    rest = [p for p in listed if p.title not in named]
    return {**grouped, **({"More": rest} if rest else {})}


def run_router() -> None:
    """Page config, the session's workspace, the navigation and sidebar, then the chosen page.

    The page config is set here, where a rerouted deep link (which never runs workbench.py) also sets it.
    An exception a page raises becomes a short message with a reference id (ui/errors.py);
    Streamlit's control flow (st.stop, st.rerun, st.switch_page) is a BaseException and passes.
    """
    with warm_imports.script_run():  # the background imports give way while a page runs
        _route()


def _route() -> None:
    st.set_page_config(page_title="JTBD Differentiation Workbench", page_icon=PAGE_ICON, layout="wide")
    listed = pages()
    if link_role() is Role.VOTE:  # a participant: the vote page only, no navigation, no sidebar
        _run_vote([p for p in listed if p.title == "Vote"])
        return
    page = st.navigation(sections(listed), expanded=True)  # before the workspace: its error pages switch pages
    mode = presentation.apply(page.url_path)  # presentation mode and print styles (ui/presentation.py)
    workspace = current_workspace()
    with workspace.settings_snapshot():  # one settings query per run (Workspace.settings_snapshot)
        _show(listed, page, mode, workspace)


def _show(listed: list[st.Page], page: st.Page, mode: Mode, workspace: Workspace) -> None:
    """The sidebar and the chosen page, once the session's workspace is open."""
    try:
        render_sidebar(workspace)
        sharing.render(workspace)
    except Exception as error:  # a sidebar problem must not hide the page
        with st.sidebar:
            show_unexpected(error, "sidebar")
    presentation.sidebar_toggles()
    if mode.present:
        extra = vote_popover if page.url_path == presentation.FOCUS_PAGE else None
        presentation.slide_bar(listed, page, extra)
    _local.routed = True
    try:
        page.run()
        st.session_state.pop(_IMPORT_RETRY, None)
        warm_frontend.warm_once()  # the other pages' browser code, while this one is read
        prefetch.after_run(page.url_path, workspace)  # the Focus matrix's views, while this page is read
    except WorkspaceReadOnly:  # a view link reached something only the facilitator can create or change
        st.info(
            "**View-only link:** this part of the page needs a change only the facilitator can make "
            "(with the edit link). Everything already there can be looked at.",
            icon=":material/visibility:",
        )
    except Exception as error:  # the last line of defence: never a traceback in the browser
        if warm_imports.collided(error) and not st.session_state.get(_IMPORT_RETRY):
            st.session_state[_IMPORT_RETRY] = True  # once: the page's import met the warm-up's
            warm_imports.wait(60)
            st.rerun()
        show_unexpected(error, page.title)
    finally:
        _local.routed = False
        warm_imports.start()  # the other pages' modules, on a background thread (ui/warm_imports.py)


def _run_vote(vote_page: list[st.Page]) -> None:
    """A vote link's run: the vote page, whatever the URL's path (ui/vote_page.py)."""
    page = st.navigation(vote_page, position="hidden")
    with current_workspace().settings_snapshot():
        _local.routed = True
        try:
            page.run()
        except Exception as error:
            show_unexpected(error, page.title)
        finally:
            _local.routed = False


def ensure_routed() -> None:
    """Called by pages before anything else; reroutes a page run outside the router."""
    if not getattr(_local, "routed", False):
        run_router()
        st.stop()


def workspace() -> Workspace:
    """For pages, called first: the workspace the router opened for this run.

    A page file run on its own (a deep link on a new session) is sent through the router.
    """
    ensure_routed()
    return current()
