"""What a page was drawn from, so a change made on it can be checked against changes made
elsewhere since (issue 17.4, core/workspace/change_marks.py).

A page calls :func:`remember` with the workspace revision it read *before* reading what it shows;
a change made from it passes :func:`drawn` to core, which refuses it with ``ChangedElsewhere`` when
another writer changed the same item since. The writer is this browser session (one id per
session), so a session's own quick changes never conflict with each other.
"""

from __future__ import annotations

import secrets

import streamlit as st

from core.workspace.change_marks import Drawn

WRITER_KEY = "stale_views_writer"
_PREFIX = "stale_views_drawn:"
JOB_MAP = "job map"  # the Job map page: its tables, step buttons and bulk changes


def writer() -> str:
    """This session's writer id."""
    if WRITER_KEY not in st.session_state:
        st.session_state[WRITER_KEY] = secrets.token_hex(8)
    return st.session_state[WRITER_KEY]


def remember(view: str, revision: int) -> None:
    """``view`` (e.g. the focus board of a scenario) now shows the workspace at ``revision``."""
    st.session_state[_PREFIX + view] = int(revision)


def drawn(view: str) -> Drawn | None:
    """What ``view`` was last drawn from (None: never drawn in this session, nothing to check)."""
    revision = st.session_state.get(_PREFIX + view)
    return None if revision is None else Drawn(int(revision), writer())


def setting(key: str) -> str:
    """The controls of the workspace setting ``key`` (checked as ``setting:<key>``) on any page: a
    session shows one page at a time, so the page it last drew them on is the one changed from."""
    return f"setting:{key}"


def focus(scenario_id: str) -> str:
    """The Focus matrix of a scenario (its board or list, and its step notes)."""
    return f"focus:{scenario_id}"
