"""Which workspace this browser session works in.

The workspace token lives in the URL (``?ws=…``) so a refresh, a bookmark or a second laptop
reopens the same workshop. An unknown token is refused with an offer to start fresh; it never
reveals another workspace. A workspace file that cannot be opened (damaged, or held by another
app process) gets a page that says so, without server paths, and offers a way on.

First visits (issue 9.6, decision): a first visit shows the bundled sample from one read-only
database shared by every first visitor (:mod:`core.workspace.samples`), held per session in a
copy-on-write handle. No file is created and the URL has no token until the first change: then
core copies the sample to a new workspace, :func:`_materialised` puts its token in the session
and the URL, and later runs open it like any other workspace.

Workspace store (issue 17, item 3): workspaces open through core.workspace.store_sync with the
process's store (ui/store_config.py). With PostgreSQL the local file is a working copy: rebuilt
from the store when missing, refreshed at the start of every run (view links too: they pull and never
push), and every change is pushed.

Connections (issue 9.6): a workspace's connection is per session (``scope="session"``) and
closed when the session ends; DuckDB shares one database instance between the connections
of one process to one file, so sessions on the same workshop see each other's changes and the
instance (with its memory) is released when the last of them ends. Streamlit closes a session's
connection whatever the session's threads are doing; one that another thread is in a call on is
closed once that call returns (core.workspace.closing), instead of staying open until collected.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from core.intake.loading import sample_files
from core.workspace.database import Workspace, WorkspaceNotFound, open_workspace, workspace_exists
from core.workspace.links import Resolved, Role, resolve
from core.workspace.opening_errors import WorkspaceInUse, WorkspaceUnreadable
from core.workspace.samples import is_sample_token, materialise, open_built_sample, open_sample
from core.workspace.store_sync import attach, open_stored_workspace, refresh, sync_of
from core.workspace.store_types import StoreUnavailable
from ui.errors import log_with_reference
from ui.store_config import active_store

WS_PARAM = "ws"
TOKEN_KEY = "workspace_token"  # the link token of the URL (edit, view or vote)
ROLE_KEY = "workspace_role"  # what that token grants: Resolved(workspace id, role), checked every run
SAMPLE_HANDLE_KEY = "sample_workspace"  # the session's copy-on-write handle, until its first change
_own = threading.local()  # a background thread's own handle (own_handle)


@st.cache_resource(show_spinner=False, max_entries=4)
def _shared_sample(sample: str) -> Workspace:
    """The built sample, read-only, one per server process (the first visit builds it)."""
    return open_built_sample(Path(sample))


def shared_sample() -> Workspace:
    """The bundled sample's shared read-only handle, built on first use (the server's start-up
    builds it before the first visit: ui/startup.py; a visit meanwhile waits for that build)."""
    return _shared_sample(str(sample_files()[0]))


def _default_sample() -> Workspace:
    with st.spinner("Preparing the sample survey…"):
        return shared_sample()


def _close(workspace: Workspace) -> None:
    workspace.close()


@st.cache_resource(show_spinner=False, max_entries=8, scope="session", on_release=_close)
def _session_open(token: str) -> Workspace:
    """This session's connection to the workspace ``token``, closed when the session ends (its
    working copy, rebuilt from the workspace store when missing: ui/store_config.py)."""
    return open_stored_workspace(token, active_store())


@st.cache_resource(show_spinner=False, max_entries=8, scope="session", on_release=_close)
def _session_view(workspace_id: str, votes: bool = False) -> Workspace:
    """This session's read-only handle (a view or vote link): core refuses every write through it,
    except, for a vote link (``votes``), the participant's votes (core.strategy.votes). With the
    PostgreSQL store, a missing working copy is rebuilt from the store first, and the handle is
    attached to the store: a vote reaches it at once, and a view link's copy is pulled at the start
    of every run (it never pushes), so an app process serving only viewers follows the facilitator."""
    store = active_store()
    if store.durable and not workspace_exists(workspace_id):
        open_stored_workspace(workspace_id, store).close()
    return attach(open_workspace(workspace_id, refuse_writes=True, votes=votes), store)


def role() -> Role:
    """What this session's link grants (the first visit's sample: edit, it becomes the visitor's own)."""
    resolved = st.session_state.get(ROLE_KEY)
    return resolved.role if isinstance(resolved, Resolved) else Role.EDIT


def link_role() -> Role | None:
    """What the URL's (or the session's) link grants, without opening anything; None when unknown."""
    token = st.query_params.get(WS_PARAM) or st.session_state.get(TOKEN_KEY)
    if token is None:
        return None
    try:
        return resolve(token).role
    except WorkspaceNotFound:
        return None


def is_viewer() -> bool:
    """True when this session came through a view (or vote) link: nothing stored can change."""
    return role() is not Role.EDIT


@contextmanager
def own_handle(workspace: Workspace) -> Iterator[None]:
    """On this thread, :func:`opened_workspace` of ``workspace``'s token gives ``workspace``: a
    background thread (ui/prefetch.py) reads through a handle of its own, never the session's,
    which Streamlit closes when the session ends, even while another thread is using it."""
    _own.workspace = workspace
    try:
        yield
    finally:
        _own.workspace = None


def opened_workspace(workspace_id: str) -> Workspace:
    """The workspace ``workspace_id`` (its internal id, ``Workspace.token``) for this session: a
    sample token reads the shared sample; a view link's session gets its read-only handle."""
    own = getattr(_own, "workspace", None)
    if own is not None and own.token == workspace_id:
        return own
    if is_sample_token(workspace_id):
        shared = _default_sample()
        if shared.token != workspace_id:
            raise WorkspaceNotFound("That sample is no longer available; reload the page.")
        return shared
    resolved = st.session_state.get(ROLE_KEY)
    if isinstance(resolved, Resolved) and resolved.workspace_id == workspace_id and resolved.role is not Role.EDIT:
        return _session_view(workspace_id, resolved.role is Role.VOTE)
    return _session_open(workspace_id)


def job_workspace(workspace: Workspace) -> Workspace:
    """The handle a background job (ui/jobs.py) writes through.

    On a first visit the job's change is the first one: it creates the workspace here, on the script
    thread, and the job gets the session's own handle on it, because the next run drops (and closes)
    the first visit's copy-on-write handle, which would close the job's connection under it.
    """
    if not workspace.copy_on_write:
        return workspace
    workspace.touch()
    return opened_workspace(workspace.token)


def _materialised(built: Path) -> Workspace:
    """The first change of a first visit: a real workspace, its token in the session and the URL."""
    workspace = attach(materialise(built), active_store())  # with PostgreSQL: pushed whole, then each change
    st.session_state[TOKEN_KEY] = workspace.token
    st.session_state.pop(ROLE_KEY, None)
    st.query_params[WS_PARAM] = workspace.token
    return workspace


def _sample_handle() -> Workspace:
    """This session's copy-on-write handle on the sample (created on the first visit)."""
    handle = st.session_state.get(SAMPLE_HANDLE_KEY)
    if handle is None:
        shared = _default_sample()
        handle = open_sample(Path(shared.path), _materialised, shared=shared)
        st.session_state[SAMPLE_HANDLE_KEY] = handle
    return handle


def _drop_sample_handle() -> None:
    handle = st.session_state.pop(SAMPLE_HANDLE_KEY, None)
    if handle is not None:
        handle.close()  # closes only the connection it got by materialising, never the shared sample


def _start_fresh() -> None:
    st.session_state.pop(TOKEN_KEY, None)
    st.session_state.pop(ROLE_KEY, None)
    st.query_params.clear()


def _refuse_unknown_token() -> None:
    st.error(
        "**This workspace link does not match any workspace on this server.** "
        "The link may be incomplete, or the workspace was deleted. Check the link you were given, "
        "or start a fresh workspace."
    )
    if st.button("Start a fresh workspace", type="primary"):
        _start_fresh()
        st.rerun()
    st.stop()


def _refuse_unopenable(error: WorkspaceUnreadable | WorkspaceInUse | StoreUnavailable) -> None:
    """The page for a workspace file that exists but cannot be opened: no traceback, no path."""
    reference = log_with_reference(error, f"workspace could not be opened: {getattr(error, 'detail', '')}")
    st.error(f"**This workspace cannot be opened.** {error}", icon=":material/error:")
    if isinstance(error, WorkspaceUnreadable):
        st.write(
            "A workspace file (.xlsx) downloaded from the Export page holds the whole workshop: start "
            "afresh, then restore it on the Export page. The damaged file stays on the server untouched."
        )
        left, right = st.columns(2)
        if left.button("Restore from a workspace file", type="primary", key="unreadable_restore"):
            _start_fresh()
            st.switch_page("pages/export.py")
        if right.button("Start a fresh workspace", key="unreadable_fresh"):
            _start_fresh()
            st.rerun()
    elif st.button("Try again", type="primary", key="in_use_retry"):
        st.rerun()
    st.caption(f"Reference for whoever runs this app: {reference}")
    st.stop()


def current_workspace() -> Workspace:
    """The session's workspace; called once per run by the router before any page."""
    token = st.query_params.get(WS_PARAM) or st.session_state.get(TOKEN_KEY)
    if token is None:
        handle = _sample_handle()
        if handle.copy_on_write:
            return handle
        token = handle.token  # materialised in a run that ended before the URL was read again
    _drop_sample_handle()
    try:
        resolved = _resolved(token)
    except StoreUnavailable as error:
        _refuse_unopenable(error)
        raise  # not reached: _refuse_unopenable stops the run
    st.session_state[TOKEN_KEY] = token
    st.session_state[ROLE_KEY] = resolved
    if st.query_params.get(WS_PARAM) != token:
        st.query_params[WS_PARAM] = token
    try:
        workspace = opened_workspace(resolved.workspace_id)
    except WorkspaceNotFound:
        _refuse_unknown_token()
        raise  # not reached: _refuse_unknown_token stops the run
    except (WorkspaceUnreadable, WorkspaceInUse, StoreUnavailable) as error:
        _refuse_unopenable(error)
        raise  # not reached: _refuse_unopenable stops the run
    _refresh_from_store(workspace)
    return workspace


def _refresh_from_store(workspace: Workspace) -> None:
    """The start of every run: bring the working copy up to date with the workspace store (one
    cheap query when nothing changed elsewhere) and say when the store is not reachable."""
    try:
        refresh(workspace)
    except WorkspaceNotFound:  # deleted from another copy of the app
        _refuse_unknown_token()
    except StoreUnavailable as error:
        reference = log_with_reference(error, "workspace store unreachable at the start of a run")
        st.warning(
            f"The workspace store cannot be reached, so changes made from other copies of the app may not "
            f"show yet; this server's copy is shown. (Reference: {reference})",
            icon=":material/cloud_off:",
        )
    sync = sync_of(workspace)
    if sync is not None and sync.problem:
        st.warning(sync.problem, icon=":material/cloud_off:")


def _resolved(token: str) -> Resolved:
    """What ``token`` opens (core.workspace.links), checked on every run: a revoked link stops here.
    The store is opened first: with PostgreSQL, links and workspaces are looked up there."""
    active_store()
    try:
        return resolve(token)
    except WorkspaceNotFound:
        st.session_state.pop(ROLE_KEY, None)
        _refuse_unknown_token()
        raise  # not reached: _refuse_unknown_token stops the run


def current() -> Workspace:
    """The session's workspace without routing: for widget callbacks (they run before the page).
    The link is resolved again, so a callback of a session whose link was revoked writes nothing."""
    token = st.session_state.get(TOKEN_KEY)
    if token is None:
        return _sample_handle()
    resolved = resolve(token)
    st.session_state[ROLE_KEY] = resolved
    return opened_workspace(resolved.workspace_id)
