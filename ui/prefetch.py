"""The Focus matrix's views, built in the background while the room reads another page (issue 12.5).

The Focus matrix is where the workshop decides, and its first visit after a survey is opened (or a
server restart) was the slowest navigation of the app: 1.0 s cold against 0.5 s warm, its server
run computing the focus view, the wins basis, the "serves best" totals and the advantage map's
lines before the first chart could be sent (bench/browser_bench.py, 2 Dec 2026). These depend on
the survey and its settings only (cached by the survey's signature, ui/focus_view.py), so they are
built once per survey and settings change, the moment another page's run has ended.

How (decision): after a full run of any other page, the router calls :func:`after_run`. When this
session's workspace is at a revision not yet prefetched, a daemon thread carrying the session's
script-run context waits for the background imports to end (ui/warm_imports.py: two threads
importing packages that import each other can collide) and for a quiet moment
(ui.warm_imports.wait_quiet: script runs go first), then calls the pages' own cached functions
(:data:`PREFETCHED`), so the page's run finds them in the cache. It reads through a handle of its
own that refuses writes (:func:`build`), never the session's: Streamlit closes that one when the
session ends, and a session ending mid-prefetch then failed to close a connection in use (the
deployment test caught it). A viewer's own choices (a scenario or wave only they look at) are not
carried, so a view link's first visit of such a view computes it as before. A page visited while its
prefetch still runs waits for it in Streamlit's cache (a lock per cached value) instead of
computing the same view twice. A failure is logged and left for the page, which computes and
reports as it would have. ``JTBD_PREFETCH=0`` turns it off (the app tests do, so their page runs
compute what they check; tests/app/test_prefetch.py turns it on).
"""

from __future__ import annotations

import importlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable

from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from core.workspace.database import Workspace, open_workspace
from core.workspace.samples import is_sample_token
from ui import session, warm_imports

PREFETCHED = {"focus_matrix": "ui.focus_live:prefetch_views"}  # url path → "module:function(workspace)"
WARM_UP_WAIT_S = 60.0  # the longest a prefetch waits for the background imports (ui/warm_imports.py)
REMEMBERED = 64  # (workspace, revision) pairs remembered as prefetched, newest kept

_log = logging.getLogger(__name__)
_lock = threading.Lock()
_done: OrderedDict[tuple[str, int], None] = OrderedDict()
_running: set[str] = set()  # sessions with a prefetch under way


def enabled() -> bool:
    return os.environ.get("JTBD_PREFETCH", "1") != "0"


def after_run(page_path: str, workspace: Workspace) -> threading.Thread | None:
    """Start building the views of :data:`PREFETCHED` pages other than ``page_path`` for
    ``workspace`` (see the module docstring); the thread, or None when there is nothing to do."""
    ctx = get_script_run_ctx()
    targets = [target for path, target in PREFETCHED.items() if path != page_path]
    if not enabled() or ctx is None or not targets or workspace.token is None:
        return None
    done = (workspace.token, workspace.revision)
    with _lock:
        if done in _done or ctx.session_id in _running:
            return None
        _running.add(ctx.session_id)
    thread = threading.Thread(target=_prefetch, args=(targets, done, ctx.session_id), daemon=True)
    thread.name = "prefetch-views"
    add_script_run_ctx(thread, ctx)
    thread.start()
    return thread


def build(prefetch_views: Callable[[Workspace], None], token: str) -> None:
    """``prefetch_views`` on a handle of this thread's own (ui.session.own_handle): the session's
    may be closed under it (Streamlit releases it when the session ends, and then could not close a
    connection in use). The shared sample is never closed, so a first visit's prefetch reads it,
    taken as ui.session.shared_sample: ``opened_workspace`` would show the page's "Preparing the
    sample" spinner from this thread, into the session's page (and raise StopException there
    once the session had moved on). The server's head start (ui/startup.py) builds its views here too."""
    if is_sample_token(token):
        shared = session.shared_sample()
        if shared.token == token:
            with session.own_handle(shared):
                _views(prefetch_views, shared)
        return
    workspace = open_workspace(token, refuse_writes=True)  # a prefetch never writes
    try:
        with session.own_handle(workspace):
            _views(prefetch_views, workspace)
    finally:
        workspace.close()


def _views(prefetch_views: Callable[[Workspace], None], workspace: Workspace) -> None:
    with workspace.settings_snapshot():  # one moment's settings, as in the page's run
        prefetch_views(workspace)


def _prefetch(targets: list[str], done: tuple[str, int], session_id: str) -> None:
    try:
        warm_imports.start()  # started here too: the router starts it only after this run's prefetch
        warm_imports.wait(WARM_UP_WAIT_S)  # its imports first: importing the same packages on two threads can collide
        for target in targets:
            warm_imports.wait_quiet()
            module, function = target.split(":")
            try:
                build(getattr(importlib.import_module(module), function), done[0])
            except Exception:  # the page computes it again and reports what fails
                _log.exception("prefetching %s failed", target)
                return
        with _lock:
            _done[done] = None
            while len(_done) > REMEMBERED:
                _done.popitem(last=False)
    finally:
        with _lock:
            _running.discard(session_id)


__all__ = ["PREFETCHED", "after_run", "build", "enabled"]
