"""The pages' views (core/views), cached by workspace revision and settings.

``cached(build, workspace, *args)`` returns ``build(workspace, *args)``, computed once per
workspace revision and arguments (the page's settings): every change to a workspace bumps its
revision, so an entry never serves stale data, and reruns that change nothing (a click on a
chart, a filter) reuse it. ``key`` replaces the revision when a view depends on less than the
whole workspace (the focus matrix keys by the survey's signature, so a card move, which bumps
the revision, recomputes nothing). Entries are evicted oldest first beyond ``MAX_ENTRIES``.

Builders are named by module and function (not hashed as objects), so any module-level
function ``(workspace, *args)`` works: the views of core/views and the chart specs of
ui/view_charts.py alike.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any, TypeVar

import streamlit as st

from core.strategy.focus_data import survey_signature
from core.workspace.database import Workspace
from ui.session import opened_workspace

T = TypeVar("T")
MAX_ENTRIES = 256
CACHE_TTL = "1h"  # bounded in count and age: a long-running server gives memory back (issue 9.6)


@st.cache_data(show_spinner=False, max_entries=MAX_ENTRIES, ttl=CACHE_TTL)
def _build(module: str, function: str, token: str, key: object, args: tuple, personal: str = "{}") -> Any:
    return getattr(import_module(module), function)(opened_workspace(token), *args)


def cached(build: Callable[..., T], workspace: Workspace, *args: Any, key: object = None) -> T:
    """``build(workspace, *args)``, cached by workspace token, revision (or ``key``) and ``args``, and
    by a viewer's own choices (``Workspace.personal_key``: the scenario or wave a view link shows)."""
    return _build(
        build.__module__,
        build.__qualname__,
        workspace.token,
        workspace.revision if key is None else key,
        args,
        workspace.personal_key,
    )


def survey_key(workspace: Workspace) -> str:
    """A ``key`` for views that depend on the survey data and their settings only: a digest of
    the survey (core.strategy.focus_data.survey_signature) that, unlike the revision, stays the same
    when a card moves, a capability or a weight changes, so such edits recompute none of them."""
    return cached(survey_signature, workspace)
