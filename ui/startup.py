"""The server's head start: the first visit prepared as the server starts (issue 12.5).

A just-started server's first visitor waited 3.5–3.9 s for the landscape (bench/browser_bench.py,
2 Dec 2026) against 1.9 s on a warm server: their run imported the app (pandas, DuckDB, PyArrow:
0.5–0.8 s), built the bundled sample's database (core.workspace.samples: reading its workbook and
importing it, 1.0 s) and computed the first screens' views, all after the browser had connected.
That is every first visit after ``make run``, a new release or a new Community Cloud container.

How (decision): app.py serves the workbench as an ``st.App`` whose :func:`lifespan` runs as the
server starts, before any visit:

0. on a new data dir or release, it starts building the bundled sample's database in a child
   process (:func:`build_sample_in_child`, core.workspace.sample_builds), which imports and builds
   on the machine's other core while this process imports and serves the first visitor's page
   (in this process the build held the interpreter for a second, and the page's files waited:
   a just-started server's first visit of the landscape 3.53 → 3.36 s, 3 Dec 2026);
1. it imports the router and with it what every run needs (:func:`import_app`), before the server
   serves: a run never imports them alongside another thread (two threads importing modules that
   import each other can collide, ui/warm_imports.py), and a visitor would have waited for them
   anyway;
2. then a daemon thread opens the bundled sample through the app's own cached handle
   (ui.session.shared_sample): the build lock makes it wait for the child's build and open its
   file (it builds here only if the child ended without building);
3. and computes what a first visit's run computes before its first chart, on the Data page and the
   Opportunities landscape (:func:`first_screen_views`), through the same cached functions, so that
   run finds them in Streamlit's cache; it reads the sample as a prefetch does (ui.prefetch.build:
   the shared handle as this thread's own, the settings read once).

The other pages' background imports (ui/warm_imports.py) still start after the first visit's run,
not here: they take 2–3 s of the interpreter, and a visitor who came in the middle of them waited
2.8 s for the landscape instead of 1.9 s (visited 2 s after the server answered, 2 Dec 2026).

A visit that arrives while the thread works is not served a duplicate: its run waits for the sample
and for each view in Streamlit's cache, which computes a value once and makes a second caller wait
for it (a lock per cached value). A failure is logged and left for the first visit, which prepares
and reports as it always did. ``streamlit run workbench.py`` (and AppTest) runs without a head
start; ``JTBD_STARTUP=0`` turns it off under app.py (bench/browser_bench.py measures the
just-started server both ways).

``st.App`` opens no browser on start, unlike ``streamlit run`` of a script, so :func:`lifespan`
does what Streamlit's own start does: it opens the app's URL unless the server is headless.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
import subprocess
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import TYPE_CHECKING, Any

from streamlit import cli_util, config
from streamlit.web.server import server_util

from core.workspace.paths import sample_files
from core.workspace.sample_builds import start_in_child

if TYPE_CHECKING:
    from core.workspace.database import Workspace

IMPORTED = ("ui.router", "ui.opportunity_charts")  # what the first visit's run and first_screen_views import
RUN_CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"

_log = logging.getLogger(__name__)
_lock = threading.Lock()
_thread: threading.Thread | None = None


def enabled() -> bool:
    return os.environ.get("JTBD_STARTUP", "1") != "0"


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """The st.App's start-up (app.py): the app's imports, then the head start on its thread; and,
    unless headless, a browser opens once the server serves."""
    if enabled():
        builder = build_sample_in_child()
        import_app()
        start(builder)
    asyncio.get_running_loop().call_soon(open_browser)
    yield


def import_app() -> bool:
    """Import :data:`IMPORTED` now, before the server serves: a run (a deep link runs its page's
    script before the router) then never imports them alongside this module's thread, which can
    collide. False when an import failed: it is logged, and the first run fails on it visibly."""
    began = time.perf_counter()
    try:
        with _outside_a_run():
            for module in IMPORTED:
                importlib.import_module(module)
    except Exception:
        _log.exception("start-up: importing the app failed")
        return False
    _log.info("start-up: the app was imported in %.2f s", time.perf_counter() - began)
    return True


def build_sample_in_child() -> subprocess.Popen | None:
    """Start building the bundled sample in a child process, when it is not built yet: the child
    imports and builds on the machine's other core while this process imports the app and serves
    the first visitor's page (core.workspace.sample_builds). None when there is nothing to build
    or the child could not start (the thread then builds it here, as without a child)."""
    try:
        return start_in_child(sample_files()[0])
    except Exception:
        _log.exception("start-up: the sample's build could not start in a child process")
        return None


def start(builder: subprocess.Popen | None = None) -> threading.Thread | None:
    """Start preparing the first visit, once per process; the thread, or None when turned off.
    ``builder``: the child building the sample (:func:`build_sample_in_child`), waited for there."""
    global _thread
    if not enabled():
        return None
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_prepare, args=(builder,), name="startup", daemon=True)
            _thread.start()
        return _thread


def wait(timeout: float | None = None) -> bool:
    """Wait for the head start (tests); True when it has ended."""
    thread = _thread
    if thread is None:
        return False
    thread.join(timeout)
    return not thread.is_alive()


def first_screen_views(workspace: Workspace) -> None:
    """What a first visit's run computes before its first chart, cached as the run caches it: the
    survey's facts and the competitors (the sidebar of every page, the Data page), the scores of
    everyone and the Opportunities landscape's spec."""
    from core.views.opportunities import EVERYONE
    from ui import page_views
    from ui.opportunity_charts import opportunity_charts

    page_views.survey(workspace)
    page_views.competitors(workspace)
    page_views.opportunities(workspace)
    opportunity_charts(workspace, None, EVERYONE, False)


def _prepare(builder: subprocess.Popen | None = None) -> None:
    """The thread: the bundled sample (built on a new data dir or release: by ``builder``, whose
    build lock ``shared_sample`` waits for, or here) and its first screens' views."""
    from ui import prefetch, session

    began = time.perf_counter()
    try:
        shared = session.shared_sample()
        if builder is not None and builder.wait() != 0:  # built here after all, once the child ended
            _log.warning("start-up: the sample's build in a child process ended with code %s", builder.returncode)
        prefetch.build(first_screen_views, shared.token)  # as a prefetch reads the sample
    except Exception:  # the first visit prepares it again and reports what fails
        _log.exception("start-up: preparing the first visit failed")
        return
    _log.info("start-up: the first visit was prepared in %.2f s", time.perf_counter() - began)


class _ThisThreadOutsideARun(logging.Filter):
    """Drops Streamlit's "missing ScriptRunContext" warnings of one thread: the app's modules
    declare their components (ui/components) as they are imported, here outside any script run."""

    def __init__(self) -> None:
        super().__init__()
        self.thread = threading.current_thread()

    def filter(self, record: logging.LogRecord) -> bool:
        return threading.current_thread() is not self.thread or "missing ScriptRunContext" not in record.getMessage()


@contextmanager
def _outside_a_run() -> Iterator[None]:
    quiet = _ThisThreadOutsideARun()
    logger = logging.getLogger(RUN_CONTEXT_LOGGER)
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


def open_browser() -> None:
    """Open the app in a browser unless the server is headless, as ``streamlit run`` of a script does
    (bootstrap._on_server_start in Streamlit 1.67; an st.App does not)."""
    if config.get_option("server.headless"):
        return
    if config.is_manually_set("browser.serverAddress"):
        address = config.get_option("browser.serverAddress")
    elif config.is_manually_set("server.address"):
        address = server_util.get_display_address(config.get_option("server.address"))
    else:
        address = "localhost"
    cli_util.open_browser(server_util.get_url(address))


__all__ = [
    "build_sample_in_child",
    "enabled",
    "first_screen_views",
    "import_app",
    "lifespan",
    "open_browser",
    "start",
    "wait",
]
