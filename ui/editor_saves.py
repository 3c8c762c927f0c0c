"""What the pages whose data editors save on the next run share (Job map, Capabilities): whether
an editor holds unsaved edits, and the toast that confirms a save."""

from __future__ import annotations

import streamlit as st

from ui.text import literal

SHOWN = 4


def toast_saved(changes: list[str]) -> None:
    """Toast "Saved." with the first changes and how many more there were."""
    shown = "  \n".join(literal(change) for change in changes[:SHOWN])
    shown += f"  \n… and {len(changes) - SHOWN} more" if len(changes) > SHOWN else ""
    st.toast(f"**Saved.** {shown}", icon=":material/check_circle:")


def has_edits(key: str) -> bool:
    """True when the data editor under ``key`` holds edits not yet saved."""
    state = st.session_state.get(key) or {}
    return any(state.get(part) for part in ("edited_rows", "added_rows", "deleted_rows"))
