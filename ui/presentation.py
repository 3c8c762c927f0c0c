"""Presentation mode (issue 15.3): the one module that reads the mode, injects its CSS once per
run, draws its toggles in the sidebar and, while presenting, the slide bar (← 3 / 6 →, Dark, Exit)
with a ←/→ keyboard listener. The rules (URL flags, slide order) are in ui/slides.py, the style
sheets in ui/presentation_css.py.

The slide bar floats in the top-right corner (fixed position), so it takes no room from the
page: on the Focus matrix the board and both charts keep the whole screen. The ←/→ listener is a
hidden st.iframe (same origin) that listens on the app's document and clicks the
bar's buttons, so a key does exactly what a click does; keys typed into a field, a table or a
segmented control, or into the drag board (its own ←/→ move a focused card), are left alone.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ui.charts.palette import dark_spec  # not ui.charts.theme: that imports Altair
from ui.presentation_css import BAR, KEYS, style_sheet
from ui.slides import DARK_PARAM, PRESENT_PARAM, Mode, follow_ups, position, resolve_mode, slide_order, url_params

MODE_KEY = "presentation_mode"
PRESENT_TOGGLE, DARK_TOGGLE = "presentation_toggle", "presentation_dark_toggle"
BAR_DARK = "slide_dark"
FOCUS_PAGE = "focus_matrix"

# Clicks the slide bar's buttons on ←/→. `doc` is captured once: the handler must not go
# through this iframe's window, which is gone once the bar is no longer drawn.
_KEY_LISTENER = """<script>
(function () {
  const doc = window.parent.document, host = window.parent;
  const SKIP = 'input, textarea, select, [contenteditable="true"], [role="slider"], [role="radio"], ' +
    '[role="radiogroup"], [role="tab"], [role="listbox"], [role="option"], [role="grid"], [role="menu"], ' +
    '[data-testid="stDataFrame"], [data-testid="stDataEditor"], [data-baseweb="select"]';
  if (host.__slideKeys) doc.removeEventListener("keydown", host.__slideKeys);
  host.__slideKeys = function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const target = event.target;
    if (target && target.closest && target.closest(SKIP)) return;
    const which = event.key === "ArrowRight" ? "next" : "prev";
    const button = doc.querySelector(".st-key-slide_" + which + " button");
    if (button && !button.disabled) { event.preventDefault(); button.click(); }
  };
  doc.addEventListener("keydown", host.__slideKeys);
})();
</script>"""


def mode() -> Mode:
    """This run's mode (set by :func:`apply`, which the router calls before any page)."""
    kept = st.session_state.get(MODE_KEY)
    return kept if isinstance(kept, Mode) else Mode()


def presenting() -> bool:
    return mode().present


def _store(new: Mode) -> None:
    st.session_state[MODE_KEY] = new
    for name, value in url_params(new).items():
        if value is None:
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != value:
            st.query_params[name] = value


def apply(page_stem: str) -> Mode:
    """Read the mode from the URL and the session, keep it in both, inject this run's CSS."""
    current = resolve_mode({k: st.query_params.get(k) for k in (PRESENT_PARAM, DARK_PARAM)}, mode())
    _store(current)
    st.html(f"<style>{style_sheet(current.present, current.dark, page_stem == FOCUS_PAGE)}</style>")
    return current


def chart(spec: dict, *, slide_height: int | None = None) -> dict:
    """``spec`` as this run shows it: the dark variant (ui/charts/theme.py) in a dark room, and,
    while presenting, ``slide_height`` px high when given (a slide's chart sized to fit one
    projector screen; the page's own height otherwise)."""
    if slide_height is not None and presenting():
        spec = {**spec, "height": slide_height}
    return dark_spec(spec) if mode().dark_shown else spec


def _toggled() -> None:
    state = st.session_state
    _store(Mode(bool(state.get(PRESENT_TOGGLE)), bool(state.get(DARK_TOGGLE))))


def _exit() -> None:
    _store(Mode(False, mode().dark))


def sidebar_toggles() -> None:
    """The two switches in the sidebar (hidden while presenting: the slide bar has Dark and Exit)."""
    current = mode()
    st.session_state[PRESENT_TOGGLE] = current.present
    st.session_state[DARK_TOGGLE] = current.dark
    with st.sidebar:
        st.divider()
        st.toggle(
            "Presentation mode",
            key=PRESENT_TOGGLE,
            on_change=_toggled,
            help="For a projector: no sidebar or menus, larger text, each page on one screen, slides moved "
            "with ← and →. Add ?present=1 to a link to open it this way.",
        )
        st.toggle(
            "Dark room (high contrast)",
            key=DARK_TOGGLE,
            on_change=_toggled,
            help="White on black while presenting, charts included.",
        )


def _stem(page: st.Page) -> str:
    return page.url_path


def slide_bar(pages: list[st.Page], current: st.Page, extra: Callable[[DeltaGenerator], None] | None = None) -> None:
    """The floating bar of presentation mode: previous / "3 / 6" / next, Dark, Exit, and ←/→;
    ``extra`` may add one more control to the bar (the Vote QR code on the Focus matrix)."""
    by_stem = {_stem(p): p for p in pages if _stem(p)}
    slides = [s for s in slide_order(list(by_stem)) if s in by_stem]
    where = position(slides, _stem(current))
    st.session_state[BAR_DARK] = mode().dark
    bar = st.container(key=BAR, horizontal=True, vertical_alignment="center", gap="small", width="content")
    back = bar.button(
        "",
        icon=":material/arrow_back:",
        key="slide_prev",
        disabled=where.previous is None,
        help="Previous slide (← key)",
    )
    bar.markdown(f"**{where.label}**", width="content")
    forward = bar.button(
        "",
        icon=":material/arrow_forward:",
        key="slide_next",
        disabled=where.next is None,
        help="Next slide (→ key)",
    )
    bar.toggle("Dark", key=BAR_DARK, on_change=_toggled_dark, help="White on black, for a dark room.")
    if extra is not None:
        extra(bar)
    bar.button("Exit", icon=":material/close_fullscreen:", key="present_exit", on_click=_exit)
    with bar.container(key=KEYS):
        st.iframe(_KEY_LISTENER, height=1)
    if back and where.previous:
        st.switch_page(by_stem[where.previous])
    if forward and where.next:
        st.switch_page(by_stem[where.next])


def _toggled_dark() -> None:
    _store(Mode(mode().present, bool(st.session_state.get(BAR_DARK))))


def next_steps(pages: list[st.Page]) -> list[st.Page]:
    """The router's pages that come after the focus decision (for the Next steps slide)."""
    by_stem = {_stem(p): p for p in pages if _stem(p)}
    return [by_stem[s] for s in follow_ups(list(by_stem))]
