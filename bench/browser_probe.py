"""What the browser benchmark (bench/browser_bench.py) times in a page: each figure is wall time
in this process from the action (a navigation, a click on a sidebar link, a file set on the
uploader) to the moment the browser shows the thing, polled once per animation frame.

"Shown" is read from the DOM of Streamlit 1.67: an element counts only when its
``stElementContainer`` is not ``data-stale`` (an element left over from the previous run or
page), and only after the page's own ``h1`` title is live, so a chart of the page we left is
never mistaken for the new one. A chart is drawn when a ``stVegaLiteChart`` holds Vega's
``canvas`` or ``svg.marks`` with a non-zero width; a grid (the Job map,
which has no Vega chart) when a ``stDataFrame`` holds a canvas of non-zero width.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

CHART, GRID, TITLE = "chart", "grid", "title"
TIMEOUT_MS = 120_000

_SHOWN = """
([title, kind]) => {
  const live = '[data-testid="stElementContainer"]:not([data-stale="true"])';
  const titled = [...document.querySelectorAll(live + ' h1')]
    .some((h) => h.textContent.trim().startsWith(title));
  if (!titled) return false;
  if (kind === "title") return true;
  const inner = kind === "grid"
    ? ['[data-testid="stDataFrame"] canvas']
    : ['[data-testid="stVegaLiteChart"] canvas', '[data-testid="stVegaLiteChart"] svg.marks'];
  return inner.some((sel) => [...document.querySelectorAll(live + ' ' + sel)]
    .some((e) => e.getBoundingClientRect().width > 0));
}
"""


@dataclass
class Figure:
    """One measured figure: its runs (seconds), its goal and the baseline it is divided by."""

    label: str
    goal: float | None = None
    baseline: str | None = None  # the label of the baseline figure
    runs: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        ordered = sorted(self.runs)
        middle = len(ordered) // 2
        return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def wait_shown(page, title: str, kind: str, timeout: float = TIMEOUT_MS) -> None:
    """Block until the page titled ``title`` shows its first ``kind`` (CHART, GRID or TITLE)."""
    page.wait_for_function(_SHOWN, arg=[title, kind], polling="raf", timeout=timeout)


def first_visit(context, url: str, title: str, kind: str) -> float:
    """Seconds from opening ``url`` in a new tab of ``context`` to its first ``kind`` shown."""
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    wait_shown(page, title, kind)
    return time.perf_counter() - start


def navigate(page, path: str, title: str, kind: str) -> float:
    """Seconds from a click on the sidebar link to ``path`` to the page's first ``kind`` shown."""
    link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]')
    link.wait_for(state="visible", timeout=TIMEOUT_MS)
    start = time.perf_counter()
    link.click()
    wait_shown(page, title, kind)
    return time.perf_counter() - start


@dataclass
class UploadTiming:
    total: float  # file set on the input → the result shown
    transfer: float  # file set on the input → the upload request answered


_VISIBLE = """
([pattern, flags, role]) => {
  const wanted = new RegExp(pattern, flags);
  const live = '[data-testid="stElementContainer"]:not([data-stale="true"])';
  const named = (button) => {  // its text without the icon's ligature ("swap_horiz"), as its accessible name
    const copy = button.cloneNode(true);
    copy.querySelectorAll('[data-testid="stIconMaterial"], [aria-hidden="true"]').forEach((i) => i.remove());
    return copy.textContent.trim();
  };
  const found = role === "button"
    ? [...document.querySelectorAll(live + ' button')].filter((b) => wanted.test(named(b)))
    : [...document.querySelectorAll(live)].filter((c) => wanted.test(c.innerText));
  return found.some((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
}
"""


def upload(page, path: str, shown: str | re.Pattern[str], *, role: str = "button") -> UploadTiming:
    """Set ``path`` on the page's file input; time the upload request and the result (a button
    whose text matches ``shown``, or an element holding that text when ``role`` is ``"text"``)
    becoming visible in a live element, polled once per animation frame like the other figures.
    (Playwright's ``locator.wait_for`` polls with a back-off that reaches 500 ms after a quarter of
    a second: it read a report shown at 1.6 s as late as 2.1 s.)"""
    answered: list[float] = []

    def on_finished(request) -> None:
        if "/_stcore/upload_file" in request.url and request.method == "PUT":
            answered.append(time.perf_counter())

    page.on("requestfinished", on_finished)
    pattern = shown if isinstance(shown, re.Pattern) else re.compile(re.escape(shown), re.IGNORECASE)
    flags = "i" if pattern.flags & re.IGNORECASE else ""
    start = time.perf_counter()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(path)
    page.wait_for_function(_VISIBLE, arg=[pattern.pattern, flags, role], polling="raf", timeout=TIMEOUT_MS)
    end = time.perf_counter()
    page.remove_listener("requestfinished", on_finished)
    return UploadTiming(end - start, (answered[0] if answered else end) - start)
