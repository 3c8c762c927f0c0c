"""Small custom components written in plain HTML/JS and shipped in this folder (no npm build,
no network at run time), served by ``st.components.v1.declare_component(path=...)``.

- ``focus_board``: the Focus matrix's drag board (see ui/focus_board.py for its protocol).
- ``step_note``: a note field that saves as it is typed (see ui/focus_note.py).
- ``recent_workspaces``: the workspaces opened from this browser, kept in its localStorage (ui/sharing.py).

Streamlit registers a declared component only when it is declared inside a script run; this
module may first be imported outside one (tests, benchmarks, a warm-up), so each call makes
sure its component is registered with the running server before drawing it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit.components.v1 as components
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

_HERE = Path(__file__).parent

_board = components.declare_component("focus_board", path=str(_HERE / "focus_board"))
_note = components.declare_component("step_note", path=str(_HERE / "step_note"))
_recent = components.declare_component("recent_workspaces", path=str(_HERE / "recent_workspaces"))


def _draw(component, **kwargs: Any) -> Any:
    if get_script_run_ctx() is not None and Runtime.exists():
        registry = Runtime.instance().component_registry
        if registry.get_component_path(component.name) is None:
            registry.register_component(component)
    return component(**kwargs)


def focus_board(**kwargs: Any) -> Any:
    """The drag board (arguments: see ui/focus_board.drag_board)."""
    return _draw(_board, **kwargs)


def step_note(**kwargs: Any) -> Any:
    """The note field (arguments: see ui/focus_note.note_field)."""
    return _draw(_note, **kwargs)


def recent_workspaces(**kwargs: Any) -> Any:
    """The list of workspaces opened from this browser (arguments: see ui/sharing.recent_list)."""
    return _draw(_recent, **kwargs)


__all__ = ["focus_board", "recent_workspaces", "step_note"]
