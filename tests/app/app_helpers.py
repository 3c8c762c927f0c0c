"""Small AppTest helpers shared by the app tests: open the real app, go to a page, read texts."""

from __future__ import annotations

import functools
import re
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import pytest
from streamlit.testing.v1 import AppTest

from ui.text import JOINER

REPO = Path(__file__).resolve().parents[2]


def new_app(token: str | None = None, timeout: float = 60) -> AppTest:
    """The real app (``workbench.py``, which app.py serves) on the workspace ``token`` (its ``?ws=`` link) if
    given; not run yet."""
    at = AppTest.from_file(str(REPO / "workbench.py"), default_timeout=timeout)
    if token is not None:
        at.query_params["ws"] = token
    return at


class Call(NamedTuple):
    name: str  # the function's
    thread: str  # the name of the thread it ran on
    workspace: Any  # its first argument: the handle a view builder read through


def recorded_calls(monkeypatch: pytest.MonkeyPatch, functions: Iterable[tuple[ModuleType, str]]) -> list[Call]:
    """Record every call of each (module, name) in ``functions`` from now on; each still does its
    work. The spies keep the real functions' module and name: ui/view_cache.py finds a builder by them."""
    calls: list[Call] = []
    for module, name in functions:
        real = getattr(module, name)

        @functools.wraps(real)
        def spy(workspace, *args, _real=real, _name=name, **kwargs):
            calls.append(Call(_name, threading.current_thread().name, workspace))
            return _real(workspace, *args, **kwargs)

        monkeypatch.setattr(module, name, spy)
    return calls


def page_failures(at: AppTest) -> list[str]:
    """The stand-in messages of pages (or the sidebar) that raised: the router catches what a page
    raises and shows a short error with a reference id (ui/errors.py), so ``at.exception`` stays
    empty even when the page could not be shown."""
    return [str(e.value) for e in at.error if str(e.value).startswith("Something went wrong on the ")]


def switch_to(at: AppTest, page: str, timeout: float | None = None) -> AppTest:
    """Go to ``page`` (e.g. ``pages/data.py``) and check it ran without an exception and was shown
    (no page-failure message in its place)."""
    at.switch_page(page).run(timeout=timeout)
    assert not at.exception, at.exception
    assert not page_failures(at), page_failures(at)
    return at


def visit(at: AppTest, page: str) -> AppTest:
    """Run the app (a first visit), then go to ``page``."""
    at.run()
    return switch_to(at, page)


def shown(markdown: str) -> str:
    """The text a browser shows for Markdown that went through ui.text.literal: backslash
    escapes undone, invisible joiners dropped (AppTest sees the Markdown source)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(JOINER, "")


def texts(elements) -> str:
    """The elements' texts as a browser shows them (see :func:`shown`), one per line."""
    return "\n".join(shown(str(e.value)) for e in elements)


def job_panel_shown(at: AppTest) -> bool:
    """Whether the page shows a background job's panel (ui/jobs.py): its Cancel button or, once
    cancelled, "Cancelling…" until the job has ended."""
    return any(str(b.key).startswith("job_cancel_") for b in at.button) or "Cancelling…" in texts(at.caption)


def finish_jobs(at: AppTest, timeout: float = 60) -> AppTest:
    """Rerun while a background job (ui/jobs.py) shows its panel, as the panel's polling fragment
    does in a browser, until the page has taken the job's outcome; ``timeout`` bounds the wait and
    each rerun."""
    deadline = time.monotonic() + timeout
    while job_panel_shown(at):
        assert time.monotonic() < deadline, "the background job did not finish"
        time.sleep(0.1)
        at.run(timeout=timeout)
    assert not at.exception, at.exception
    return at
