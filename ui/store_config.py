"""Which workspace store this app process uses (issue 17, item 3; core.workspace.store).

The store URL is ``$JTBD_STORE_URL`` or the Streamlit secret ``store_url`` (the environment wins);
unset means local files. The secret is read here, since core never imports streamlit, and the
store is opened once per process and URL (``st.cache_resource``): its one PostgreSQL connection
serves every session, under the store's lock.

A URL that names no known store, or a database that cannot be reached at start, stops every page
with a message saying what was seen and what to change: a hosted app must not quietly keep
workshops on a disk that the next restart wipes.
"""

from __future__ import annotations

import streamlit as st

from core.workspace.link_index import StoreLinkIndex
from core.workspace.links import set_link_index
from core.workspace.store import SECRET_KEY, WorkspaceStore, configured_url, store_from_url
from core.workspace.store_sync import stored_workspace_exists
from core.workspace.store_types import StoreConfigError, StoreUnavailable
from ui.errors import log_with_reference


def store_secret() -> str | None:
    """The ``store_url`` secret, or None when there is no secrets file or no such key."""
    try:
        value = st.secrets.get(SECRET_KEY)
    except FileNotFoundError:  # no secrets.toml anywhere (StreamlitSecretNotFoundError)
        return None
    return None if value is None else str(value)


@st.cache_resource(show_spinner="Connecting to the workspace store…")
def _store(url: str | None) -> WorkspaceStore:
    store = store_from_url(url)
    if store.durable:  # links live in the store too, and a workspace exists when the store has it
        set_link_index(StoreLinkIndex(store), lambda workspace_id: stored_workspace_exists(workspace_id, store))
    return store


def active_store() -> WorkspaceStore:
    """The process's store; stops the page with a message when it is misconfigured or unreachable."""
    try:
        return _store(configured_url(store_secret()))
    except (StoreConfigError, StoreUnavailable) as error:
        reference = log_with_reference(error, "workspace store could not be opened")
        st.error(f"**The workspace store cannot be used.** {error}", icon=":material/cloud_off:")
        st.caption(f"Reference for whoever runs this app: {reference}")
        st.stop()
        raise  # not reached: st.stop ends the run
