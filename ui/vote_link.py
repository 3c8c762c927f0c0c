"""The vote link for the facilitator: its address and its QR code (issue 17.2).

The QR code is drawn by segno (pure Python) as an inline SVG of our own making (no user text in
it), shown with ``st.html``. The vote link is issued on first need (core.workspace.links.link),
so opening the Vote popover while presenting is enough to get one.
"""

from __future__ import annotations

import segno
import streamlit as st

from core.workspace.links import LinkRefused, Role, link
from ui.session import TOKEN_KEY, is_viewer


def _base_url() -> str:
    return str(st.context.url or "").split("?", 1)[0]


def vote_url() -> str | None:
    """The vote link's address for an edit session (issued when missing), else None."""
    token = st.session_state.get(TOKEN_KEY)
    if not token or is_viewer():
        return None
    try:
        return f"{_base_url()}?ws={link(token, Role.VOTE)}"
    except LinkRefused:
        return None


def qr_svg(url: str, *, scale: int = 6) -> str:
    """The QR code of ``url`` as an inline SVG element (dark on white, with its quiet zone)."""
    return segno.make(url, error="m").svg_inline(scale=scale, dark="#000", light="#fff")


def vote_popover(container: st.delta_generator.DeltaGenerator) -> None:
    """A small "Vote" popover in ``container`` with the QR code and the link (edit sessions only)."""
    url = vote_url()
    if url is None:
        return
    with container.popover("Vote", icon=":material/qr_code_2:", key="present_vote"):
        st.markdown("**Scan to vote** — on your phone")
        st.html(f'<div data-testid="vote-qr" style="background:#fff;padding:8px;width:fit-content">{qr_svg(url)}</div>')
        st.code(url, language=None, wrap_lines=True)
