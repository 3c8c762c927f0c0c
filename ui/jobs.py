"""Heavy work off the script thread: background jobs per session, a progress panel, a Cancel button.

Streamlit runs every session's script on its own thread of one server process. A script run
that segments 20,000 respondents keeps its own session waiting, and its Python work competes
for the GIL with every other session's reruns. So a page starts such work as a **job**
(decision):

- :func:`start` runs ``work(job)`` on a small thread pool, registered under (session, kind);
  the work reports ``job.progress(fraction, message)`` and polls ``job.cancelled``; the
  CPU-heavy part runs in a child process (e.g. :mod:`core.analysis.segmentation_worker`);
- the page draws :func:`panel` while the job runs: a fragment that reruns itself every half
  second (only itself, not the page) showing the progress and a Cancel button; when the job ends
  it reruns the whole page once, and the page takes the outcome with :func:`collect`;
- the script run that starts a job ends at once, so the session stays usable meanwhile.

Any work fits: a segmentation (returns the saved id), storing a confirmed upload (ui/upload.py;
returns nothing, a cancel rolls it back), and later rendering a report (would return its bytes
for a download button). The work must not touch ``st.*``: it runs outside the script, so the
page turns its outcome into messages and session state after :func:`collect`. Labels and
progress messages are plain text (a file name may be in them); the panel shows them literally.

A job belongs to the session that started it; a closed tab leaves it to finish (its result is
saved by the work itself) and the registry forgets it when its outcome is collected or, at the
latest, when the next job of that session and kind starts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui.text import literal

POLL_SECONDS = 0.5
# The threads mostly wait on a child process or on DuckDB (which releases the GIL); more jobs queue.
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="jtbd-job")
_JOBS: dict[tuple[str, str], Job] = {}
_LOCK = threading.Lock()


@dataclass
class Job:
    """One background job: its progress, its cancel flag and, once done, its result or error."""

    kind: str
    label: str  # plain text (a file name may be in it): the panel shows it literally, as the messages
    fraction: float = 0.0
    message: str = "Waiting for a free worker"
    _cancel: threading.Event = field(default_factory=threading.Event)
    future: Future | None = None

    def progress(self, fraction: float, message: str) -> None:
        self.fraction, self.message = min(max(float(fraction), 0.0), 1.0), message

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def done(self) -> bool:
        return self.future is not None and self.future.done()

    def outcome(self) -> Any:
        """The work's return value; re-raises the exception it raised."""
        assert self.future is not None
        return self.future.result()


def _session() -> str:
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else "no-session"


def start(kind: str, label: str, work: Callable[[Job], Any]) -> Job:
    """Run ``work(job)`` in the background for this session; one job per (session, kind)."""
    job = Job(kind, label)
    with _LOCK:
        _JOBS[(_session(), kind)] = job
    job.future = _POOL.submit(work, job)
    return job


def running(kind: str) -> Job | None:
    """This session's job of ``kind``, running or finished but not yet collected."""
    with _LOCK:
        return _JOBS.get((_session(), kind))


def collect(kind: str) -> Job | None:
    """This session's finished job of ``kind``, removed from the registry; None while it runs."""
    with _LOCK:
        job = _JOBS.get((_session(), kind))
        if job is None or not job.done:
            return None
        return _JOBS.pop((_session(), kind))


@st.fragment(run_every=POLL_SECONDS)
def _panel(kind: str, cancel_label: str) -> None:
    job = running(kind)
    if job is None or job.done:
        st.rerun(scope="app")  # the page takes the outcome (collect) and shows the result
        return
    st.progress(job.fraction, text=literal(f"{job.label}: {job.message}…"))
    if job.cancelled():
        st.caption("Cancelling…")
    elif st.button(cancel_label, icon=":material/cancel:", key=f"job_cancel_{kind}"):
        job.cancel()
        st.caption("Cancelling…")


def panel(kind: str, cancel_label: str = "Cancel") -> bool:
    """Show the progress and Cancel button of this session's running ``kind`` job; True if one runs."""
    job = running(kind)
    if job is None or job.done:
        return False
    _panel(kind, cancel_label)
    return True
