"""The sidebar's Share menu, the view-only notice, workspace deletion and the workspaces opened
from this browser (issues 17.1 and 17.6).

- A session on a view link sees one line, "View-only link", and no Share menu.
- The facilitator (edit link) gets a "Share" popover: the view link and the edit link, each in a
  copyable box; "Revoke view link" (a new one replaces it, the old opens nothing) and "Re-issue edit
  link" (the old edit link, including the workspace's first one, stops working; this session moves
  to the new one). The list of workspaces opened from this browser lives in the browser's
  localStorage (ui/components/recent_workspaces), never on the server. "Delete this workspace"
  asks first, then removes its files and links (core.workspace.housekeeping).
- The expiry sweep (``JTBD_WORKSPACE_EXPIRY_DAYS``) runs once per server process, at its first session.
"""

from __future__ import annotations

import hashlib
import logging

import streamlit as st

from core.wording import plural
from core.workspace.database import Workspace, WorkspaceNotFound
from core.workspace.housekeeping import delete_workspace, expiry_setting, sweep_expired
from core.workspace.links import LinkRefused, Role, link, reissue
from ui import page_views
from ui.components import recent_workspaces
from ui.session import ROLE_KEY, TOKEN_KEY, WS_PARAM, is_viewer
from ui.store_config import active_store

VIEW_ONLY = "View-only link: look at every page, switch scenarios and present; nothing can be changed from here."
_log = logging.getLogger(__name__)


@st.cache_resource(show_spinner=False)
def sweep_once() -> list[str]:
    """Delete the workspaces untouched for longer than the configured expiry, once per process."""
    setting = expiry_setting()
    if setting.problem:
        _log.warning(setting.problem)
    deleted = sweep_expired(setting.days) if setting.days else []
    if deleted:
        _log.info("expired %s", plural(len(deleted), "untouched workspace"))
    return deleted


def _base_url() -> str:
    url = str(st.context.url or "")
    return url.split("?", 1)[0]


def share_url(token: str) -> str:
    """The address that opens this app on ``token``."""
    return f"{_base_url()}?ws={token}"


def _switch_token(token: str) -> None:
    st.session_state[TOKEN_KEY] = token
    st.session_state.pop(ROLE_KEY, None)
    st.query_params[WS_PARAM] = token


def _reissue(token: str, role: Role) -> None:
    try:
        new = reissue(token, role)
    except (LinkRefused, WorkspaceNotFound) as error:
        st.session_state["share_error"] = str(error)
        return
    if role is Role.EDIT:
        _switch_token(new)
    st.session_state["share_notice"] = (
        "New edit link: the old one no longer opens this workspace. Bookmark this page again."
        if role is Role.EDIT
        else f"New {role.value} link: the old one no longer opens this workspace. Send the new one instead."
    )


def _delete_now(workspace_id: str) -> None:
    """The confirmed deletion (a callback: it runs before the next run draws anything)."""
    try:
        delete_workspace(workspace_id, active_store())
    except WorkspaceNotFound as error:
        st.session_state["share_error"] = str(error)
    st.session_state.pop(TOKEN_KEY, None)
    st.session_state.pop(ROLE_KEY, None)
    st.query_params.clear()


@st.dialog("Delete this workspace?")
def _confirm_delete(workspace_id: str, name: str) -> None:
    st.write(
        f"“{name}” and everything in it (survey, scenarios, frameworks, links) will be deleted from the server, "
        "for everyone who has a link to it. This cannot be undone; download a workspace file on the Export "
        "page first if you may need it again."
    )
    left, right = st.columns(2)
    if left.button(
        "Delete for good",
        type="primary",
        icon=":material/delete_forever:",
        key="share_delete_yes",
        on_click=_delete_now,
        args=(workspace_id,),
    ):
        st.rerun()
    if right.button("Keep it", key="share_delete_no"):
        st.rerun()


def _workspace_name(workspace: Workspace) -> str:
    info = page_views.survey(workspace).info
    return info.name if info is not None else "Untitled workspace"


def recent_list(workspace: Workspace, token: str | None) -> None:
    """The workspaces opened from this browser, this one first (kept in the browser only)."""
    current = None
    if token is not None and workspace.token is not None:
        key = hashlib.sha256(workspace.token.encode()).hexdigest()[:16]
        current = {"key": key, "token": token, "name": _workspace_name(workspace)}
    recent_workspaces(current=current, base=_base_url(), key="recent_workspaces", default=None)


# The links a facilitator hands out, each revocable: (role, who it is for, what a revoke keeps).
SHARED_LINKS = (
    (Role.VIEW, "executives see every page, and change nothing.", ""),
    (
        Role.VOTE,
        "participants vote on their phones (a QR code while presenting the Focus matrix).",
        " (votes already cast stay)",
    ),
)


def _share_menu(workspace: Workspace, token: str) -> None:
    for role, about, stops in SHARED_LINKS:
        st.markdown(f"**{role.value.capitalize()} link** — {about}")
        st.code(share_url(link(token, role)), language=None, wrap_lines=True)
        st.button(
            f"Revoke {role.value} link",
            icon=":material/link_off:",
            key=f"share_revoke_{role.value}",
            on_click=_reissue,
            args=(token, role),
            help=f"The current {role.value} link stops working at once{stops}; a new one replaces it.",
        )
    st.markdown("**Edit link** — everything, like you. Keep it for the facilitators.")
    st.code(share_url(token), language=None, wrap_lines=True)
    st.button(
        "Re-issue edit link",
        icon=":material/key:",
        key="share_reissue_edit",
        on_click=_reissue,
        args=(token, Role.EDIT),
        help="The current edit link stops working at once (for everyone); this window moves to the new one.",
    )
    st.divider()
    st.markdown("**Workspaces opened in this browser**")
    recent_list(workspace, token)
    st.divider()
    if st.button("Delete this workspace…", icon=":material/delete:", key="share_delete"):
        assert workspace.token is not None
        _confirm_delete(workspace.token, _workspace_name(workspace))


def render(workspace: Workspace) -> None:
    """The sidebar's sharing part for this session (see the module docstring)."""
    sweep_once()
    with st.sidebar:
        if is_viewer():
            st.info(VIEW_ONLY, icon=":material/visibility:")
            return
        token = st.session_state.get(TOKEN_KEY)
        if workspace.copy_on_write or not token:
            return  # the first visit's sample: nothing to share until the first change makes it a workspace
        for kind, show in (("share_error", st.error), ("share_notice", st.success)):
            if message := st.session_state.pop(kind, None):
                show(message)
        with st.popover("Share", icon=":material/share:", width="stretch"):
            _share_menu(workspace, token)
