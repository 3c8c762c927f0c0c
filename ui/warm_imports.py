"""Import every page's modules in the background once the first page has been served (issue 12.5).

A page's first visit on a new server pays for importing what it needs: the Segments page SciPy
and scikit-learn, the chart pages Altair, the newer pages their own modules — one to two seconds
that a facilitator sees as a frozen click in front of the room. The first visit must not pay for
them (tests/app/test_first_visit_imports.py), so they are imported here, on a daemon thread that
starts after the first routed run has finished and waits ``DELAY_S`` more, while the room reads
the first page.

Once Altair is imported it builds one tiny Altair spec, for the imports Altair makes only on its first
spec (:func:`_first_spec`). After the imports it builds every chart template of ``ui/charts`` that is
cached and takes no argument (:func:`chart_templates`): Altair takes 35–125 ms to build one the first
time in a process (measured on 2 Dec 2026: Trade-offs 123 ms, Capabilities 99, Growth 52, Focus
profile 40, Communication 35), which each page's first visit after a restart paid before its chart.

What to import is read from ``pages/*.py`` itself (their top-level ``import``/``from … import``
lines), so a new page is warmed without a list to keep. They are read as text, never with
``ast.parse``: on Python 3.11 before 3.11.9 (CPython gh-106905) converting an AST on two threads at
once (this one, and Streamlit compiling a page script on its first visit) can fail with "AST
constructor recursion depth mismatch", which crashed that page. Importing on a second thread is safe: each module is
imported under its own import lock, and a page that asks for a module while it is being imported
here simply waits for it, no longer than it would have taken anyway — except when two packages
import each other (scikit-learn and narwhals): then Python's deadlock detection fails one of the two
imports. When that is the page's, the router waits for the warm-up and runs the page again
(:func:`collided`). A module that fails to import here is logged and skipped; the page that needs
it reports the error as it always would.

The warm-up gives way to the room: before each import it waits while a script run is under way
(the router counts them, :func:`script_run`), for at most ``YIELD_LIMIT_S`` so that a server that
is never idle still gets warm. Altair, then SciPy and scikit-learn are imported first, in steps
(:data:`HEAVY_FIRST`, the longest 0.45 s), not as one 2 s import a click could land in: a
facilitator who clicks a page a second after the app appeared no longer shares the interpreter
with the whole of scikit-learn's import. (The Segments page shows saved segmentations without
scikit-learn, which loads only to cluster: core.analysis.segmentation.)

``JTBD_WARM_IMPORTS=0`` turns it off (the first-visit import test measures a page's own imports).
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import logging
import os
import pkgutil
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

PAGES = Path(__file__).resolve().parents[1] / "pages"
DELAY_S = 1.0
YIELD_LIMIT_S = 2.0  # the longest the warm-up waits for a quiet moment before each import
# first Altair, which every chart page but Opportunities draws with (0.2 s, then its first spec);
# then what running a segmentation needs, in steps of at most ~0.45 s each (measured on 1 Dec 2026)
HEAVY_FIRST = (
    "altair",
    "scipy.linalg",
    "scipy.sparse",
    "scipy.stats",
    "sklearn.utils",
    "sklearn.metrics",
    "sklearn.cluster",
)
CHARTS = "ui.charts"  # the package whose cached templates are built (:func:`chart_templates`)
SKIPPED = ("streamlit", "ui.router")  # the router runs the pages; Streamlit is loaded already

_IMPORT = re.compile(r"^import\s+(?P<names>[\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*)\s*(?:#.*)?$")
_FROM = re.compile(r"^from\s+(?P<module>\w[\w.]*)\s+import\b")
_log = logging.getLogger(__name__)
_lock = threading.Lock()
_thread: threading.Thread | None = None
_runs = 0  # script runs under way in this process (ui.router)
_waiting = 0  # of them, those waiting for the warm-up to end (:func:`wait`): they do not hold it back
_in_run = threading.local()  # whether this thread is inside a counted script run
_quiet = threading.Condition()


def page_modules(pages: Path = PAGES) -> list[str]:
    """The modules the page scripts import, in the order they first appear (page files by name)."""
    found: dict[str, None] = {}
    for script in sorted(pages.glob("*.py")):
        for line in script.read_text(encoding="utf-8").splitlines():
            if match := _IMPORT.match(line):
                names = [part.split()[0] for part in match["names"].split(",")]
            elif match := _FROM.match(line):
                names = [match["module"]]
            else:
                continue
            found.update(dict.fromkeys(n for n in names if not n.startswith(SKIPPED) and n != "__future__"))
    return list(found)


@contextlib.contextmanager
def script_run() -> Iterator[None]:
    """Count a script run for as long as it lasts (the router wraps every run in it)."""
    global _runs
    with _quiet:
        _runs += 1
    _in_run.active = True
    try:
        yield
    finally:
        _in_run.active = False
        with _quiet:
            _runs -= 1
            _quiet.notify_all()


def wait_quiet(limit_s: float = YIELD_LIMIT_S) -> bool:
    """Wait until no script run is under way, at most ``limit_s``; True when it is quiet."""
    with _quiet:
        return _quiet.wait_for(lambda: _runs == _waiting, timeout=limit_s)


def _warm(delay_s: float) -> None:
    time.sleep(delay_s)
    started = time.perf_counter()
    for name in [*HEAVY_FIRST, *page_modules()]:
        wait_quiet()
        try:
            importlib.import_module(name)
            if name == "altair":
                _first_spec()  # the parts Altair imports on its first spec, as soon as it is there
        except Exception:  # the page that needs it shows the error; here it only costs the warm-up
            _log.exception("warm import of %s failed", name)
    try:
        templates = chart_templates()
    except Exception:  # the pages build their templates themselves, as without the warm-up
        _log.exception("the chart templates of %s could not be listed", CHARTS)
        templates = []
    for template in templates:
        wait_quiet()
        try:
            template()
        except Exception:  # the page that draws it shows the error
            _log.exception("warm chart template %s.%s failed", template.__module__, template.__name__)
    _log.info("page modules and chart templates warmed in the background in %.2f s", time.perf_counter() - started)


def chart_templates(package: str = CHARTS) -> list[Callable[[], object]]:
    """The chart templates the warm-up builds: in every module of ``package``, the functions
    defined there that are cached (``functools.cache``) and take no argument. A template that
    took the data as arguments would be left to its page, so templates leave the data out and
    have it put in by the chart's function (the advantage map's competitor names, for one)."""
    found: list[Callable[[], object]] = []
    for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
        module = importlib.import_module(f"{package}.{info.name}")
        for value in vars(module).values():
            wrapped = getattr(value, "__wrapped__", None)
            if (
                callable(value)
                and hasattr(value, "cache_info")
                and getattr(value, "__module__", None) == module.__name__
                and wrapped is not None
                and not inspect.signature(wrapped).parameters
            ):
                found.append(value)
    return found


def _first_spec() -> None:
    """Altair's first spec from a pandas frame imports narwhals' pandas support, lazily (50–130 ms
    that the first Altair page of a session would pay before its first chart): pay it here."""
    import altair as alt  # here, on the warm-up thread: a first visit must not load Altair

    alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q").to_dict(validate=False)


def start(delay_s: float = DELAY_S) -> None:
    """Start the warm-up once per process (later calls do nothing); off when JTBD_WARM_IMPORTS=0."""
    global _thread
    if os.environ.get("JTBD_WARM_IMPORTS", "1") == "0":
        return
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_warm, args=(delay_s,), name="warm-imports", daemon=True)
            _thread.start()


def collided(error: BaseException) -> bool:
    """True when ``error`` is Python's import deadlock detection (``_DeadlockError``), anywhere in
    its chain: a page imported a package (scikit-learn and narwhals import each other) while this
    thread was importing it too. Nothing is wrong with the page: ui/router.py runs it again once
    the warm-up has finished."""
    seen: BaseException | None = error
    while seen is not None:
        if type(seen).__name__ == "_DeadlockError":
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def wait(timeout: float | None = None) -> bool:
    """Wait for the warm-up (a page whose import met the warm-up's; tests and benchmarks); True
    when it has run to its end. A script run that waits here does not hold the warm-up back."""
    global _waiting
    thread = _thread
    if thread is None:
        return False
    held = int(getattr(_in_run, "active", False))  # a script run waiting here must not hold the warm-up back
    with _quiet:
        _waiting += held
        _quiet.notify_all()
    try:
        thread.join(timeout)
    finally:
        with _quiet:
            _waiting -= held
    return not thread.is_alive()
