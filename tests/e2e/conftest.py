"""Fixtures for the browser end-to-end tests (see ``harness.py`` for the helpers).

Fixtures
--------
chromium_executable  session  -> str     ``/usr/bin/chromium`` or ``$CHROMIUM_PATH``;
                                          skips if missing, fails if ``CI=true``.
browser              session  -> Browser headless Chromium, closed at session end.
page                 function -> Page    fresh context (1280x720) + page per test,
                                          websocket run-tracking attached; a
                                          screenshot is saved if the test fails.
app_data_dir         module   -> Path    fresh dir used as ``JTBD_DATA_DIR``;
                                          override it in a test module to control it.
app_server_factory   module   -> (data_dir=None, *, script="app.py", env=None,
                                  extra_args=()) -> StreamlitServer
                                          every server it starts is stopped at
                                          module teardown.
app_server           module   -> StreamlitServer  ``app.py`` on ``app_data_dir``;
                                          ``.url``, ``.data_dir``, ``.restart()``.

Every test collected under ``tests/e2e`` is marked ``e2e`` and gets
``@pytest.mark.timeout(120, method="signal")`` unless it sets its own timeout
(signal method, so fixture teardown -- server shutdown -- still runs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from tests.e2e.harness import (
    CHROMIUM_ARGS,
    VIEWPORT,
    StreamlitServer,
    require_chromium,
    screenshot,
    track_runs,
)

E2E_DIR = Path(__file__).resolve().parent
E2E_TIMEOUT_S = 120
_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: browser end-to-end test (real Streamlit server + headless Chromium)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if E2E_DIR not in Path(item.path).resolve().parents:
            continue
        item.add_marker(pytest.mark.e2e)
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(E2E_TIMEOUT_S, method="signal"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


# --------------------------------------------------------------------------
# Browser
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    return require_chromium()


@pytest.fixture(scope="session")
def browser(chromium_executable: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest) -> Iterator[object]:
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(30_000)
    page = context.new_page()
    track_runs(page)  # before any navigation, so the app's websocket is seen
    try:
        yield page
        reports = request.node.stash.get(_REPORTS, {})
        if any(r.failed for r in reports.values()):
            try:
                path = screenshot(page, f"FAILED-{request.node.nodeid}")
                print(f"failure screenshot: {path}")
            except Exception as exc:
                print(f"failure screenshot not saved: {exc}")
    finally:
        context.close()


# --------------------------------------------------------------------------
# Streamlit server
# --------------------------------------------------------------------------


@pytest.fixture
def second_page(browser) -> Iterator[object]:
    """A second browser session (its own context, as another laptop), at the projector's size."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    track_runs(page)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``JTBD_DATA_DIR`` of ``app_server``; override per module to seed or share it."""
    return tmp_path_factory.mktemp("jtbd-data")


@pytest.fixture(scope="module")
def app_server_factory(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., StreamlitServer]]:
    """Start extra servers: ``app_server_factory(data_dir=None, *, script="app.py", env=None)``.

    ``data_dir=None`` means a fresh temporary directory. All servers started
    through the factory are stopped at the end of the module.
    """
    servers: list[StreamlitServer] = []

    def start(
        data_dir: str | Path | None = None,
        *,
        script: str = "app.py",
        env: dict[str, str] | None = None,
        extra_args: Sequence[str] = (),
    ) -> StreamlitServer:
        server = StreamlitServer(
            data_dir if data_dir is not None else tmp_path_factory.mktemp("jtbd-data"),
            script=script,
            env=env,
            extra_args=extra_args,
            log_dir=tmp_path_factory.mktemp("streamlit-logs"),
        )
        servers.append(server)
        return server.start()

    try:
        yield start
    finally:
        for server in reversed(servers):
            server.stop()


@pytest.fixture(scope="module")
def app_server(app_server_factory: Callable[..., StreamlitServer], app_data_dir: Path) -> StreamlitServer:
    return app_server_factory(app_data_dir)
