"""Small custom components written in plain HTML/JS and shipped in this folder (no npm build,
no network at run time), served by ``st.components.v1.declare_component(path=...)``.

- ``focus_board``: the Focus matrix's drag board (see ui/focus_board.py for its protocol).
- ``step_note``: a note field that saves as it is typed (see ui/focus_note.py).
"""

from __future__ import annotations

from pathlib import Path

import streamlit.components.v1 as components

_HERE = Path(__file__).parent

focus_board = components.declare_component("focus_board", path=str(_HERE / "focus_board"))
step_note = components.declare_component("step_note", path=str(_HERE / "step_note"))

__all__ = ["focus_board", "step_note"]
