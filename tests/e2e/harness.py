"""End-to-end harness: a real Streamlit server plus a real (Debian) Chromium.

The pytest fixtures live in ``tests/e2e/conftest.py``; this module holds the
plain-Python parts so tests can import the helpers directly::

    from tests.e2e.harness import expect_rerun, open_app, screenshot, wait_for_idle

How "the rerun has finished" is detected (Streamlit 1.67 frontend):

* ``[data-testid="stApp"]`` carries ``data-test-connection-state`` (``INITIAL``,
  ``PINGING_SERVER``, ``CONNECTING``, ``CONNECTED``, ``DISCONNECTED_FOREVER``, ...)
  and ``data-test-script-state``, which is ``initial`` until the first run
  starts, then one of ``running``, ``notRunning``, ``rerunRequested``,
  ``stopRequested``, ``compilationError``.
* ``[data-testid="stStatusWidgetRunningIcon"]`` (inside
  ``[data-testid="stStatusWidget"]``) is the "Running..." indicator; it only
  shows up for runs that last a while, so it is a secondary signal.
* The DOM alone has a race: after a click the frontend sends the rerun request
  but keeps ``notRunning`` until the server answers, so "idle" can be observed
  *before* the rerun starts. The harness therefore also watches the page's
  ``/_stcore/stream`` websocket (Playwright ``framesent``/``framereceived``)
  and decodes the protobufs: a ``BackMsg.rerun_script`` is a request, a
  ``ForwardMsg.session_status_changed(script_is_running=True)`` a start, and a
  ``ForwardMsg.script_finished`` whose status is not ``FINISHED_EARLY_FOR_RERUN``
  a completed run.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import weakref
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "tests" / "artifacts"

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 720}  # projector size

HOST = "127.0.0.1"
STARTUP_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0

APP_SELECTOR = '[data-testid="stApp"]'
RUNNING_ICON_SELECTOR = '[data-testid="stStatusWidgetRunningIcon"]'
IDLE_SCRIPT_STATES = ("notRunning", "compilationError")


# --------------------------------------------------------------------------
# Chromium
# --------------------------------------------------------------------------


def running_under_ci(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return env.get("CI", "").strip().lower() in {"true", "1"}


def require_chromium(environ: Mapping[str, str] | None = None) -> str:
    """Path of the Chromium to drive; fail under CI, skip elsewhere, if missing.

    ``CHROMIUM_PATH`` overrides the Debian default ``/usr/bin/chromium``.
    Never downloads a browser.
    """
    env = os.environ if environ is None else environ
    path = env.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    message = (
        f"Chromium not found at {path!r} (set CHROMIUM_PATH, or install "
        "Debian's package: apt-get install chromium). The e2e tests never "
        "download a browser."
    )
    if running_under_ci(env):
        pytest.fail(f"{message} Missing Chromium is a failure under CI=true.", pytrace=False)
    pytest.skip(message)


# --------------------------------------------------------------------------
# Streamlit server
# --------------------------------------------------------------------------

# The child runs ``python -m streamlit`` through runpy after asking Linux to
# SIGTERM it when the process that started it dies (PR_SET_PDEATHSIG = 1).
# start_new_session shields the server from a Ctrl-C aimed at pytest's process
# group, so without this a SIGKILLed pytest could leave a server behind.
_BOOTSTRAP = """\
import os, sys
if sys.platform.startswith("linux"):
    try:
        import ctypes, signal
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
    except Exception:
        pass
    if os.getppid() != int(os.environ.get("JTBD_E2E_PARENT_PID", os.getppid())):
        sys.exit("e2e harness: parent died before the server started")
import runpy
runpy.run_module("streamlit", run_name="__main__", alter_sys=True)
"""

_LIVE_SERVERS: set[StreamlitServer] = set()  # strong refs: atexit must see them
_NO_PROXY_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ServerError(RuntimeError):
    """The Streamlit server did not start (or restart)."""


def free_port(host: str = HOST) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _health_ok(url: str) -> bool:
    try:
        with _NO_PROXY_OPENER.open(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (OSError, urllib.error.URLError):
        return False


def _tail(path: Path, limit: int = 4000) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "<no log>"
    return text if len(text) <= limit else "...\n" + text[-limit:]


class StreamlitServer:
    """``streamlit run <script>`` on 127.0.0.1:<port> with ``JTBD_DATA_DIR=data_dir``.

    Runs in its own process group; ``stop()`` SIGTERMs the group, waits
    ``STOP_TIMEOUT_S`` and then SIGKILLs it. ``restart()`` keeps the port and
    the data dir. Usable as a context manager.
    """

    def __init__(
        self,
        data_dir: str | os.PathLike[str],
        *,
        script: str = "app.py",
        port: int | None = None,
        cwd: str | os.PathLike[str] = REPO_ROOT,
        env: Mapping[str, str] | None = None,
        extra_args: Sequence[str] = (),
        log_dir: str | os.PathLike[str] | None = None,
        startup_timeout: float = STARTUP_TIMEOUT_S,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.script = script
        self.cwd = Path(cwd)
        self.extra_env = dict(env or {})
        self.extra_args = list(extra_args)
        self.startup_timeout = startup_timeout
        self._fixed_port = port is not None
        self.port = port if port is not None else free_port()
        self.log_dir = Path(log_dir) if log_dir else Path(tempfile.mkdtemp(prefix="jtbd-e2e-logs-"))
        self.stdout_log = self.log_dir / "streamlit.stdout.log"
        self.stderr_log = self.log_dir / "streamlit.stderr.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.starts = 0

    # -- public API --------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def is_running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def command(self) -> list[str]:
        return [
            sys.executable, "-c", _BOOTSTRAP,  # == sys.executable -m streamlit
            "run", self.script,
            "--server.address", HOST,
            "--server.port", str(self.port),
            "--server.headless", "true",
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
            *self.extra_args,
        ]  # fmt: skip

    def start(self) -> StreamlitServer:
        if self.is_running():
            raise ServerError(f"server already running on {self.url}")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        attempts = 1 if (self._fixed_port or self.starts) else 3
        for attempt in range(attempts):
            try:
                self._launch_and_wait()
                return self
            except _PortTaken:
                if attempt == attempts - 1:
                    raise ServerError(f"port {self.port} is taken\n{self.logs()}") from None
                self.port = free_port()  # lost a race for an ephemeral port
        raise AssertionError("unreachable")

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> int | None:
        """Terminate the whole process group; return the exit code (None if never started)."""
        proc, self.proc = self.proc, None
        if proc is None:
            return None
        _LIVE_SERVERS.discard(self)
        _signal_group(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _signal_group(proc.pid, signal.SIGKILL)
            proc.wait(timeout=timeout)
        # Leader is gone; make sure nothing else in its group survived.
        _signal_group(proc.pid, signal.SIGKILL)
        return proc.returncode

    def restart(self) -> StreamlitServer:
        """Stop, then start again on the same port with the same data dir."""
        self.stop()
        return self.start()

    def logs(self) -> str:
        return (
            f"--- streamlit stderr ({self.stderr_log}) ---\n{_tail(self.stderr_log)}\n"
            f"--- streamlit stdout ({self.stdout_log}) ---\n{_tail(self.stdout_log)}"
        )

    def __enter__(self) -> StreamlitServer:
        return self.start() if not self.is_running() else self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.is_running() else "stopped"
        return f"<StreamlitServer {self.script} {self.url} data_dir={self.data_dir} {state}>"

    # -- internals -----------------------------------------------------------

    def _launch_and_wait(self) -> None:
        self.starts += 1
        env = {
            **os.environ,
            "JTBD_DATA_DIR": str(self.data_dir),
            "JTBD_E2E_PARENT_PID": str(os.getpid()),
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }
        banner = f"\n=== start #{self.starts} on {self.url} at {time.strftime('%H:%M:%S')} ===\n"
        with open(self.stdout_log, "ab") as out, open(self.stderr_log, "ab") as err:
            out.write(banner.encode())
            err.write(banner.encode())
            out.flush()
            err.flush()
            self.proc = subprocess.Popen(
                self.command(),
                cwd=self.cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,
            )
        _LIVE_SERVERS.add(self)

        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            rc = self.proc.poll()
            if rc is not None:
                self.stop()
                logs = self.logs()
                if f"Port {self.port} is not available" in logs.rsplit("=== start #", 1)[-1]:
                    raise _PortTaken
                raise ServerError(f"streamlit exited with code {rc} before answering on {self.url}\n{logs}")
            if _health_ok(self.url):
                return
            time.sleep(0.1)
        self.stop()
        raise ServerError(
            f"streamlit did not answer 'ok' on {self.url}/_stcore/health within "
            f"{self.startup_timeout:.0f}s\n{self.logs()}"
        )


class _PortTaken(Exception):
    pass


def _signal_group(pgid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


@atexit.register
def _stop_leftover_servers() -> None:
    for server in list(_LIVE_SERVERS):
        with contextlib.suppress(Exception):
            server.stop(timeout=5)


# --------------------------------------------------------------------------
# Rerun tracking (websocket) and idle detection (DOM)
# --------------------------------------------------------------------------


@dataclass
class RunTracker:
    """Counts Streamlit script runs seen on a page's ``/_stcore/stream`` websocket."""

    connections: int = 0  # /_stcore/stream websockets opened (reconnects count)
    requested: int = 0  # BackMsg.rerun_script sent by the browser
    started: int = 0  # session_status_changed(script_is_running=True) received
    finished: int = 0  # script_finished, except FINISHED_EARLY_FOR_RERUN
    _seq: int = 0
    _last_request: int = 0
    _last_start: int = 0
    _last_finish: int = 0

    @property
    def busy(self) -> bool:
        """A rerun was requested or started after the last completed run."""
        return self._last_request > self._last_finish or self._last_start > self._last_finish

    def attach(self, page) -> None:
        page.on("websocket", self._on_websocket)

    def _on_websocket(self, ws) -> None:
        if ws.url.rstrip("/").endswith("/_stcore/stream"):
            self.connections += 1
            ws.on("framesent", self._on_sent)
            ws.on("framereceived", self._on_received)

    def _tick(self) -> int:
        self._seq += 1
        return self._seq

    def _on_sent(self, payload: bytes | str) -> None:
        if isinstance(payload, str):
            return
        from streamlit.proto.BackMsg_pb2 import BackMsg

        try:
            kind = BackMsg.FromString(payload).WhichOneof("type")
        except Exception:
            return
        if kind == "rerun_script":
            self.requested += 1
            self._last_request = self._tick()

    def _on_received(self, payload: bytes | str) -> None:
        if isinstance(payload, str):
            return
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        try:
            msg = ForwardMsg.FromString(payload)
        except Exception:
            return
        kind = msg.WhichOneof("type")
        if kind == "session_status_changed" and msg.session_status_changed.script_is_running:
            self.started += 1
            self._last_start = self._tick()
        elif (
            kind == "script_finished"
            and msg.script_finished != ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
        ):
            self.finished += 1
            self._last_finish = self._tick()


_TRACKERS: weakref.WeakKeyDictionary[object, RunTracker] = weakref.WeakKeyDictionary()


def track_runs(page) -> RunTracker:
    """Attach (once) and return the page's RunTracker. Attach before navigating."""
    tracker = _TRACKERS.get(page)
    if tracker is None:
        tracker = _TRACKERS[page] = RunTracker()
        tracker.attach(page)
    return tracker


_DOM_BUSY_REASON = """
([appSel, iconSel, idle]) => {
  const app = document.querySelector(appSel);
  if (!app) return "no stApp element yet";
  const conn = app.getAttribute("data-test-connection-state");
  if (conn !== "CONNECTED") return "connection state " + conn;
  const state = app.getAttribute("data-test-script-state");
  if (!idle.includes(state)) return "script state " + state;
  if (document.querySelector(iconSel)) return "status widget shows Running";
  return "";
}
"""


def _busy_reason(page, tracker: RunTracker | None) -> str:
    from playwright.sync_api import Error as PlaywrightError

    if tracker is not None and tracker.busy:
        return (
            f"websocket: rerun pending (requested={tracker.requested}, "
            f"started={tracker.started}, finished={tracker.finished})"
        )
    try:
        return page.evaluate(_DOM_BUSY_REASON, [APP_SELECTOR, RUNNING_ICON_SELECTOR, list(IDLE_SCRIPT_STATES)])
    except PlaywrightError as exc:  # e.g. navigation destroyed the context
        return f"page not evaluable: {exc.message.splitlines()[0]}"


def wait_for_idle(
    page,
    timeout: float = 30_000,
    *,
    settle_ms: float = 150,
    min_finished: int | None = None,
) -> None:
    """Wait until Streamlit has finished the current rerun (times in ms).

    Idle means: websocket connected, ``data-test-script-state`` is
    ``notRunning`` (or ``compilationError``), no "Running" status icon, no
    rerun requested/started after the last completed run -- continuously for
    ``settle_ms`` (covers widgets that send their rerun a beat after the
    action). ``min_finished``: also require the page's RunTracker to have
    counted at least this many completed runs. Raises ``TimeoutError``.
    """
    tracker = _TRACKERS.get(page)
    deadline = time.monotonic() + timeout / 1000
    idle_since: float | None = None
    reason = ""
    while True:
        now = time.monotonic()
        if min_finished is not None and (tracker is None or tracker.finished < min_finished):
            counts = (
                f"requested={tracker.requested}, started={tracker.started}, finished={tracker.finished}"
                if tracker
                else "untracked"
            )
            reason = f"waiting for run #{min_finished} to finish ({counts})"
        else:
            reason = _busy_reason(page, tracker)
        if reason:
            idle_since = None
        elif idle_since is None:
            idle_since = now
        elif (now - idle_since) * 1000 >= settle_ms:
            return
        if now >= deadline:
            raise TimeoutError(f"Streamlit still busy after {timeout:.0f} ms: {reason or 'settling'}")
        page.wait_for_timeout(40)  # also pumps Playwright events (websocket frames)


@contextlib.contextmanager
def expect_rerun(page, timeout: float = 30_000) -> Iterator[RunTracker]:
    """Run the body (a click, a fill + Enter...) and wait for the rerun it causes.

    Example::

        with expect_rerun(page):
            page.get_by_role("button", name="Save").click()

    Waits for a *completed* run (``script_finished``) counted after the body,
    then for the DOM to be idle; raises ``TimeoutError`` otherwise.
    """
    tracker = track_runs(page)
    before = tracker.finished
    yield tracker
    wait_for_idle(page, timeout, min_finished=before + 1)


def stable_box(locator, *, interval_ms: float = 250, timeout: float = 10_000) -> dict:
    """The locator's bounding box once two reads ``interval_ms`` apart agree.

    A chart can be re-embedded at its final width a beat after it first
    paints; a drag aimed at the first box can land on a view that is gone.
    """
    page = locator.page
    deadline = time.monotonic() + timeout / 1000
    box = locator.bounding_box()
    while True:
        page.wait_for_timeout(interval_ms)
        again = locator.bounding_box()
        if box and again == box:
            return box
        if time.monotonic() >= deadline:
            raise TimeoutError(f"{locator} still moving after {timeout:.0f} ms: {box} then {again}")
        box = again


def drag_until_rerun(page, target, points, *, attempts: int = 2, ask_ms: float = 5_000) -> None:
    """Drag the mouse along ``points`` (fractions of ``target``'s box) until the browser asks for a rerun.

    Only a drag the browser never answered with a rerun request is repeated
    (the chart was not listening yet); a slow run is waited for, not
    repeated. Use inside ``expect_rerun``.
    """
    tracker = track_runs(page)
    before = tracker.requested
    for _ in range(attempts):
        box = stable_box(target)
        path = [(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy) for fx, fy in points]
        page.mouse.move(*path[0])
        page.mouse.down()
        for x, y in path[1:]:
            page.mouse.move(x, y, steps=5)
        page.mouse.up()
        deadline = time.monotonic() + ask_ms / 1000
        while time.monotonic() < deadline:
            if tracker.requested > before:
                return
            page.wait_for_timeout(50)
    raise TimeoutError(f"{attempts} drags over {target} sent no rerun request")


@contextlib.contextmanager
def expect_reconnect(page, timeout: float = 30_000) -> Iterator[RunTracker]:
    """Wait for an open tab to reconnect after the body restarts the server.

    Example::

        with expect_reconnect(page):
            app_server.restart()

    Note: Streamlit 1.67 reconnects but does *not* rerun the script, so the
    tab keeps showing the old elements; use ``open_app`` to load afresh.
    """
    tracker = track_runs(page)
    before = tracker.connections
    yield tracker
    deadline = time.monotonic() + timeout / 1000
    while tracker.connections <= before:
        if time.monotonic() >= deadline:
            raise TimeoutError(f"the page did not reconnect within {timeout:.0f} ms")
        page.wait_for_timeout(50)
    wait_for_idle(page, max(1.0, (deadline - time.monotonic()) * 1000))


def sample_workspace(server: StreamlitServer) -> str:
    """A new workspace holding the sample on ``server``'s data dir; returns its token.

    First visits read a shared, read-only sample and create no workspace until the first change
    (issue 9.6); tests that need a workspace link copy the sample the server built, as the app's
    first change does. Open the server once first, so the sample is built.
    """
    import secrets
    import shutil

    built = sorted((server.data_dir / ".samples").glob("*.duckdb"))
    assert built, "open the app once first: the first visit builds the sample"
    token = secrets.token_urlsafe(18)
    shutil.copyfile(built[0], server.data_dir / f"{token}.duckdb")
    return token


def open_selectbox(page, label: str, *, attempts: int = 4):
    """Open the selectbox labelled ``label``; returns the locator of its list's options.

    Retries the opening click: an open list closes when the page scrolls or re-renders under it
    (a rerun still settling on a loaded machine).
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.get_by_role("combobox", name=label, exact=True)
    options = page.get_by_role("option")
    for _ in range(attempts):
        box.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        box.click()
        try:
            options.first.wait_for(state="visible", timeout=3_000)
            return options
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError(f"the list of {label!r} did not open in {attempts} tries")


def open_app(page, url: str, *, timeout: float = 60_000):
    """Navigate to ``url`` and wait until the app has rendered and its first run finished."""
    from playwright.sync_api import expect

    tracker = track_runs(page)
    before = tracker.finished
    response = page.goto(url, wait_until="domcontentloaded", timeout=timeout)
    assert response is not None and response.ok, f"GET {url} -> {response.status if response else 'no response'}"
    expect(page.locator(APP_SELECTOR)).to_be_attached(timeout=timeout)
    wait_for_idle(page, timeout, min_finished=before + 1)
    return page


def exception_texts(page) -> list[str]:
    """Texts of the ``st.exception`` boxes (uncaught errors) currently on the page."""
    return page.locator('[data-testid="stException"]').all_inner_texts()


def screenshot(page, name: str, *, full_page: bool = False) -> Path:
    """Save a PNG to ``tests/artifacts/<name>.png`` (git-ignored) and return its path."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "screenshot"
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS_DIR / f"{safe}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled", caret="hide")
    return path


def type_into_cell(page, grid, position: dict, text: str) -> None:
    """Type ``text`` into the data editor ``grid``'s cell at ``position`` (px inside the grid) and
    press Enter; returns once the save's rerun is over. Glide draws the grid on a canvas: a click
    selects the cell, a double click opens its text editor."""
    from playwright.sync_api import expect

    grid.click(position=position)
    page.wait_for_timeout(300)
    grid.dblclick(position=position)
    page.wait_for_timeout(300)
    editor = page.locator("textarea").first
    expect(editor).to_be_visible()
    editor.fill(text)
    with expect_rerun(page):
        page.keyboard.press("Enter")
    wait_for_idle(page)
