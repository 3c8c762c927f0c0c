"""Read untrusted files in a child process with a memory and a time limit.

A spreadsheet reader that allocates 512 GiB aborts its whole process; a zip bomb keeps it busy
for minutes. Reading an upload in the server process would take every session down with it,
so the app, the restore and the CLI read through :func:`run_bounded`:

- the work runs in a child process forked from a **forkserver** (started once, with the
  importers preloaded: a read costs a fork, not a fresh interpreter; the server's threads are
  never forked). A process with no other Python thread (the CLI, a script, a test) forks
  itself directly, which costs no second interpreter;
- the child may hold :data:`MEMORY_MIB` (``JTBD_READ_MEMORY_MIB``, default 2048) of resident
  memory beyond what it held after preloading (it says so first thing): the parent reads its
  ``VmRSS`` every :data:`WATCH_SECONDS` and kills it past that.
  Resident memory, not address space, is what the machine gives: a reader reserves far more
  address space than it touches (a growing vector reserves its doubled capacity), so a cap on
  address space at the budget refused a 50,000 × 150 workbook that needs 1.4 GiB resident and
  2.4 GiB of address space. The address space is still capped (``RLIMIT_AS``), at
  :data:`ADDRESS_SPACE_FACTOR` × the budget above what the child had after preloading, so that
  one huge allocation (a lying sheet dimension asking for 512 GiB) fails at once instead of
  waiting for the watch. No core file is written, and the kernel's out-of-memory killer is told
  to pick the child first;
- the parent waits at most :data:`SECONDS` (``JTBD_READ_SECONDS``, default 60) and then kills it;
- the child talks over a pipe: progress messages and questions the parent answers (the column
  mapping a workspace saved for the file's header). Its result is pickled into a private
  temporary file the parent named, read back once and deleted: a 20 M-rating survey is 240 MB
  of arrays, which a pipe carries in 200 KB pieces at a quarter of the speed of a file read
  from the page cache (the pipe stays the way when the file cannot be written);
- a child that runs out of memory, is killed, crashes or times out becomes :class:`ReadAborted`
  with a message that says what happened and what to do, never a traceback;
- ``cancelled`` (a callable the parent polls every :data:`WATCH_SECONDS`) kills the child on request
  and raises :class:`Cancelled` (the app's Cancel buttons, ui/jobs.py).

Tests and benchmarks can still call the readers in-process; this module only adds the bounds.
"""

from __future__ import annotations

import contextlib
import faulthandler
import multiprocessing
import os
import pickle
import resource
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import forkserver
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

MEMORY_MIB = int(os.environ.get("JTBD_READ_MEMORY_MIB", "2048"))
SECONDS = float(os.environ.get("JTBD_READ_SECONDS", "60"))
ADDRESS_SPACE_FACTOR = 2  # address space beyond the preloaded child's, in budgets (see the docstring)
WATCH_SECONDS = 0.1  # how often the parent reads the child's resident memory
PRELOAD = ["core.intake.importers", "core.intake.importers.pipeline", "core.workspace.restore"]
_FORKSERVER = multiprocessing.get_context("forkserver")
_FORKSERVER.set_forkserver_preload(PRELOAD)
_FORK = multiprocessing.get_context("fork")
FIX = (
    "Check that the file holds only the survey (no huge empty ranges, images or hidden sheets), "
    "or export the responses as CSV; split a very large survey into smaller files."
)


class ReadAborted(RuntimeError):
    """The child reading a file was stopped: ``problem`` says why, ``fix`` what to do;
    ``out_of_memory`` when it was stopped for memory (the caller may then say which limit the
    file is beyond: core.intake.importers.spreadsheet_limits.refusal_after_abort)."""

    def __init__(self, problem: str, fix: str = FIX, *, out_of_memory: bool = False):
        super().__init__(f"{problem} {fix}")
        self.problem = problem
        self.fix = fix
        self.out_of_memory = out_of_memory


class Cancelled(RuntimeError):
    """The work was stopped on request (a Cancel button); nothing was changed."""


@dataclass(frozen=True)
class Budget:
    """What one read may use: memory beyond the preloaded child's, and wall-clock seconds."""

    memory_mib: int = MEMORY_MIB
    seconds: float = SECONDS


class Channel:
    """The child's side of the pipe: report progress, ask the parent a question."""

    def __init__(self, connection: Connection):
        self._connection = connection

    def progress(self, fraction: float, message: str) -> None:
        self._connection.send(("progress", (fraction, message)))

    def ask(self, question: Any) -> Any:
        self._connection.send(("ask", question))
        return self._connection.recv()


_warming: list[threading.Thread] = []
_bounded = False  # True in a child started by run_bounded


def in_bounded_child() -> bool:
    """Whether this process is a bounded child (:func:`run_bounded`): its memory limit stops a
    reader that allocates too much, so a check that only guards that allocation may be left to it
    (core.intake.importers.spreadsheet_limits)."""
    return _bounded


def warm_up() -> None:
    """Start the forkserver in the background (once per process), so that the first upload does
    not wait for it; the app calls this when it shows the upload widget, after the page's work."""
    if not _warming:
        _warming.append(threading.Thread(target=forkserver.ensure_running, name="forkserver-warm-up", daemon=True))
        _warming[0].start()


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def resident_mib(pid: int | None) -> float:
    """Resident memory of process ``pid`` in MiB (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _child(
    connection: Connection,
    memory_mib: int,
    result_path: str | None,
    target: Callable[..., Any],
    args: tuple,
    kwargs: dict,
) -> None:
    global _bounded
    _bounded = True
    os.environ["RUST_BACKTRACE"] = "0"  # a reader that cannot allocate says so in one line, not 50
    faulthandler.disable()  # a forked test process would dump every thread's stack on the abort
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:  # if the machine runs out of memory anyway, the kernel ends this child, not the server
        with open("/proc/self/oom_score_adj", "w") as adjust:
            adjust.write("1000")
    except OSError:
        pass
    limit = _address_space() + ADDRESS_SPACE_FACTOR * memory_mib * (1 << 20)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    connection.send(("started", resident_mib(os.getpid())))  # the budget is counted from here
    try:
        result = target(*args, channel=Channel(connection), **kwargs)
    except MemoryError:
        connection.send(("memory", None))
        return
    except Exception as exc:  # sent to the parent as text: it decides what the user sees
        connection.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    if result_path is not None and _written(result_path, result):
        connection.send(("result", (True, None)))
    else:  # no temporary folder, or no room in it: the pipe is slower but needs neither
        connection.send(("result", (False, result)))


def _written(path: str, result: Any) -> bool:
    """Whether ``result`` could be pickled into the file at ``path``."""
    try:
        with open(path, "wb") as out:
            pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        return False
    return True


def _result_file() -> str | None:
    """A new empty file only this user can read, for the child's result (None when the temporary
    folder refuses one: the result then comes through the pipe)."""
    try:
        handle, path = tempfile.mkstemp(prefix="jtbd-read-", suffix=".pickle")
    except OSError:
        return None
    os.close(handle)
    return path


def run_bounded(
    target: Callable[..., Any],
    *args: Any,
    what: str,
    budget: Budget | None = None,
    progress: Callable[[float, str], None] | None = None,
    answer: Callable[[Any], Any] | None = None,
    cancelled: Callable[[], bool] | None = None,
    meanwhile: Callable[[], object] | None = None,
    **kwargs: Any,
) -> Any:
    """``target(*args, channel=…, **kwargs)`` in a bounded child; its result, or :class:`ReadAborted`.

    ``target`` must be a module-level function (it is pickled by name); ``what`` names the work in
    messages ("Reading survey.xlsx"); ``progress`` receives the child's progress messages and
    ``answer`` replies to its questions; ``cancelled()`` true kills the child and raises
    :class:`Cancelled`; ``meanwhile()`` is run here once the child has started (work this process
    needs next, done while the child reads: the CLI opens its workspace). Raises ``RuntimeError``
    with the child's error text when the target itself raised (a bug, not the file).
    """
    budget = budget or Budget()
    context = _FORK if threading.active_count() == 1 else _FORKSERVER
    parent, child = context.Pipe()
    result_path = _result_file()
    process = context.Process(
        target=_child, args=(child, budget.memory_mib, result_path, target, args, kwargs), daemon=True
    )
    resident_limit = float("inf")  # until the child says what it holds after preloading
    start = time.monotonic()
    process.start()
    child.close()
    try:
        if meanwhile is not None:
            meanwhile()
        while True:
            if cancelled is not None and cancelled():
                raise Cancelled(f"{what} was cancelled. Nothing was changed.")
            if resident_mib(process.pid) > resident_limit:
                raise _out_of_memory(what, budget)  # the finally below kills the child
            remaining = budget.seconds - (time.monotonic() - start)
            if remaining <= 0:
                raise ReadAborted(
                    f"{what} took longer than {budget.seconds:.0f} seconds, the limit for reading one file, and was "
                    "stopped. Nothing was changed."
                )
            if not parent.poll(min(remaining, WATCH_SECONDS)):
                if not process.is_alive() and not parent.poll(0):
                    raise _died(process, what, budget)
                continue
            try:
                kind, payload = parent.recv()
            except (EOFError, OSError):
                raise _died(process, what, budget) from None
            if kind == "started":
                resident_limit = payload + budget.memory_mib
            elif kind == "progress" and progress is not None:
                progress(*payload)
            elif kind == "ask":
                parent.send(answer(payload) if answer is not None else None)
            elif kind == "memory":
                raise _out_of_memory(what, budget)
            elif kind == "error":
                raise RuntimeError(f"{what} failed: {payload}")
            elif kind == "result":
                in_file, result = payload
                if in_file and result_path is not None:
                    with open(result_path, "rb") as stored:
                        result = pickle.load(stored)
                return result
    finally:
        parent.close()
        if process.is_alive():
            process.kill()
        process.join(5)
        if result_path is not None:
            with contextlib.suppress(OSError):
                os.unlink(result_path)


def _out_of_memory(what: str, budget: Budget) -> ReadAborted:
    return ReadAborted(
        f"{what} needed more than {budget.memory_mib:,} MiB of memory, the limit for reading one file, and was "
        "stopped. Nothing was changed; other users were not affected.",
        out_of_memory=True,
    )


def _died(process: BaseProcess, what: str, budget: Budget) -> ReadAborted:
    process.join(5)
    code = process.exitcode
    if code in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV, -signal.SIGBUS):
        return _out_of_memory(what, budget)  # a reader that cannot allocate aborts (or is killed)
    return ReadAborted(f"{what} stopped unexpectedly (exit code {code}). Nothing was changed.")
