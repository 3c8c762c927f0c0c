"""Load, in the browser, the code of the elements other pages draw while the first page sits idle
(issue 12.5): the browser's counterpart of ui/warm_imports.py.

Streamlit's frontend loads the code of each element type (a chart, a table, a slider …) the first
time a page draws one: 40 files and 2.5 MB for the Opportunities page's chart and table, fetched
and compiled while the facilitator waits for the page they clicked. Measured on 2 Dec 2026, a
session's first visit to a page with a chart and a table spent about 0.4 s more than one without
the table, most of it in that code.

So the first run of each browser session sends a script (:func:`warm_once`) that, once the page
is done (its script run over and nothing fetched for ``QUIET_MS``: a page opened by a link draws
its own chart first, 0.14 s sooner than with a fixed delay of 0.5 s), imports those files one by
one, each in an idle moment of the browser (``requestIdleCallback``). An import of the same URL
is what Streamlit's own lazy loading does later, so the browser then finds the module already
evaluated. The files are named by :data:`ELEMENTS`, the modules of the element types the pages
draw that the Data page does not; their hashed file names are read from the installed Streamlit
(:func:`chunk_names`), and a test checks that each is found, so an upgrade that renames one does
not silently end the warm-up. Nothing is fetched from anywhere else: the files come from the
app's own server.

``JTBD_WARM_FRONTEND=0`` turns it off (for measuring a page's cold visit without it).
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import streamlit as st

# Element modules in the order the workshop usually needs them: Opportunities (chart, table,
# downloads), the Job map's editor, Segments, Competitors, then the Focus matrix's board.
ELEMENTS = (
    "ArrowVegaLiteChart",
    "DataFrame",
    "DownloadButton",
    "Multiselect",
    "Radio",
    "Slider",
    "TextInput",
    "NumberInput",
    "ButtonGroup",
    "ComponentInstance",
)
QUIET_MS = 400  # the page fetched nothing for this long: it is drawn
_SENT = "_warm_frontend_sent"
_STATIC_JS = Path(st.__file__).parent / "static" / "static" / "js"

_SCRIPT = """<script>
(() => {
  const names = %s;
  const index = [...document.scripts].find((s) => /\\/static\\/js\\/index\\.[^/]+\\.js$/.test(s.src));
  if (!index || window.__jtbdWarmFrontend) return;
  const state = (window.__jtbdWarmFrontend = { loaded: [], done: null });  // read by the tests
  const base = index.src.slice(0, index.src.lastIndexOf("/") + 1);
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 50));
  const next = (i) => {
    if (i >= names.length) {
      state.done = performance.now();
      return;
    }
    idle(() => import(base + names[i]).then(() => state.loaded.push(names[i]), () => {}).finally(() => next(i + 1)), {
      timeout: 5000,
    });
  };
  // Begin once the page is done: its script run over and no file fetched for QUIET_MS (its own
  // element code and data loaded), so the warm-up never competes with the page being drawn.
  let last = performance.now();
  const fetches = new PerformanceObserver(() => (last = performance.now()));
  fetches.observe({ type: "resource" });
  const app = () => document.querySelector('[data-testid="stApp"]');
  const begin = () => {
    const running = app() && app().getAttribute("data-test-script-state") === "running";
    if (running || performance.now() - last < %d) setTimeout(begin, 100);
    else {
      fetches.disconnect();
      next(0);
    }
  };
  setTimeout(begin, %d);
})();
</script>"""


@functools.cache
def chunk_names() -> tuple[str, ...]:
    """The installed Streamlit's file of each of :data:`ELEMENTS` (``DataFrame.-f9-1zS0.js``),
    skipping any it does not have exactly one of."""
    found = []
    for element in ELEMENTS:
        matches = sorted(_STATIC_JS.glob(f"{element}.*.js"))
        if len(matches) == 1:
            found.append(matches[0].name)
    return tuple(found)


def script() -> str:
    return _SCRIPT % (json.dumps(list(chunk_names())), QUIET_MS, QUIET_MS)


def warm_once() -> None:
    """Send the warm-up script with the first run of this session (a reload is a new session)."""
    if st.session_state.get(_SENT) or not chunk_names() or os.environ.get("JTBD_WARM_FRONTEND", "1") == "0":
        return
    st.session_state[_SENT] = True
    st.html(script(), unsafe_allow_javascript=True)  # a script alone goes to Streamlit's hidden event block
