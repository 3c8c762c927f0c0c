"""The server's head start (ui/startup.py): started before any visit, it builds the bundled sample in
an empty data dir and computes the first screens' views, so a first visit of the landscape builds
and computes none of them; without it the same visit does each. Failures are logged, never raised."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit import cli_util, config
from streamlit.runtime.scriptrunner import get_script_run_ctx

import core.views.competitors
import core.views.opportunities
import core.views.survey
import core.workspace.samples
import ui.opportunity_charts
from tests.app.app_helpers import new_app, recorded_calls, visit
from ui import session, startup, view_cache

BUILT = (  # what a first visit of the landscape builds and computes before its chart
    (core.workspace.samples, "load_sample"),  # the sample's import into its database
    (core.views.survey, "survey_view"),
    (core.views.competitors, "competitors_view"),
    (core.views.opportunities, "opportunities_view"),
    (ui.opportunity_charts, "build_opportunity_charts"),
)


@pytest.fixture
def new_server(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A process as a just-started server has it: an empty data dir, nothing cached, no head start yet."""
    monkeypatch.setattr(startup, "_thread", None)
    monkeypatch.delenv("JTBD_STARTUP", raising=False)
    session._shared_sample.clear()
    view_cache._build.clear()
    yield data_dir
    startup.wait(120)
    session._shared_sample.clear()
    view_cache._build.clear()


def first_visit_of_the_landscape() -> None:
    at = visit(new_app(), "pages/opportunities.py")
    assert not at.exception
    assert at.main.get("vega_lite_chart"), "the landscape was not drawn"


def built_samples(data_dir: Path) -> list[Path]:
    return sorted((data_dir / ".samples").glob("*.duckdb"))


def test_the_head_start_builds_the_sample_and_the_first_visit_computes_nothing(new_server, monkeypatch):
    calls = recorded_calls(monkeypatch, BUILT)
    assert built_samples(new_server) == []
    assert startup.start() is not None
    assert startup.wait(120)
    assert len(built_samples(new_server)) == 1  # built before anyone visited
    ran = Counter((c.name, c.thread) for c in calls)
    assert ran == Counter((name, "startup") for _, name in BUILT)  # each once, on its thread
    calls.clear()
    first_visit_of_the_landscape()
    assert calls == []  # the visit found the sample built and every view in the cache


def test_a_visit_while_the_child_builds_the_sample_waits_for_it_and_builds_nothing(new_server, monkeypatch):
    calls = recorded_calls(monkeypatch, BUILT)
    builder = startup.build_sample_in_child()  # as the lifespan does, before the app's imports
    assert builder is not None
    assert startup.start(builder) is not None
    first_visit_of_the_landscape()  # arrives while the child is still importing and building
    assert builder.wait(120) == 0
    assert startup.wait(120)
    assert len(built_samples(new_server)) == 1
    ran = Counter(c.name for c in calls)
    assert ran == Counter(name for _, name in BUILT if name != "load_sample")  # each view once
    assert startup.build_sample_in_child() is None  # built: no second child


def test_without_the_head_start_the_first_visit_builds_and_computes_each(new_server, monkeypatch):
    monkeypatch.setenv("JTBD_STARTUP", "0")
    calls = recorded_calls(monkeypatch, BUILT)
    assert startup.start() is None
    first_visit_of_the_landscape()
    assert {c.name for c in calls} == {name for _, name in BUILT}
    assert {c.thread for c in calls} != {"startup"}
    assert len(built_samples(new_server)) == 1


def test_a_failing_head_start_is_logged_and_the_first_visit_prepares_it(new_server, monkeypatch, caplog):
    def broken(workspace):
        raise RuntimeError("no views today")

    monkeypatch.setattr(startup, "first_screen_views", broken)
    startup.start()
    assert startup.wait(120)
    assert "start-up: preparing the first visit failed" in caplog.text
    assert "no views today" in caplog.text
    calls = recorded_calls(monkeypatch, BUILT)
    first_visit_of_the_landscape()
    assert "opportunities_view" in {c.name for c in calls}


def test_an_import_that_fails_is_logged_not_raised(monkeypatch, caplog):
    monkeypatch.setattr(startup, "IMPORTED", ("ui.router", "ui.no_such_module"))
    assert startup.import_app() is False
    assert "start-up: importing the app failed" in caplog.text
    monkeypatch.setattr(startup, "IMPORTED", ("ui.router",))
    assert startup.import_app() is True


def test_the_lifespan_imports_starts_and_opens_no_browser_when_headless(new_server, monkeypatch):
    calls = recorded_calls(monkeypatch, BUILT)
    opened: list[str] = []
    monkeypatch.setattr(cli_util, "open_browser", opened.append)
    monkeypatch.setattr(startup, "IMPORTED", ("ui.router",))

    async def serve() -> None:
        async with startup.lifespan(None):
            await asyncio.sleep(0)  # the loop runs what the start-up scheduled
        await asyncio.sleep(0)

    headless = config.get_option("server.headless")
    try:
        config.set_option("server.headless", True)
        server = threading.Thread(target=asyncio.run, args=(serve(),))  # a loop of its own, as uvicorn's
        server.start()
        server.join(120)
    finally:
        config.set_option("server.headless", headless)
    assert opened == []
    assert startup._thread is not None and startup.wait(120)
    assert len(built_samples(new_server)) == 1
    assert "load_sample" not in {c.name for c in calls}  # built in a child process, not in this one


def test_the_browser_opens_on_the_app_unless_headless(monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(cli_util, "open_browser", opened.append)
    headless = config.get_option("server.headless")
    try:
        config.set_option("server.headless", False)
        startup.open_browser()
    finally:
        config.set_option("server.headless", headless)
    port = config.get_option("server.port")
    assert opened == [f"http://localhost:{port}"]


def test_only_the_missing_run_context_warnings_of_this_thread_are_dropped():
    logger = logging.getLogger(startup.RUN_CONTEXT_LOGGER)
    records: list[logging.LogRecord] = []
    collect = logging.Handler()
    collect.emit = records.append  # type: ignore[method-assign]
    level = logger.level
    logger.setLevel(logging.WARNING)  # another test may have raised it (bench/browser_bench.first_screen_file)
    logger.addHandler(collect)
    try:
        with startup._outside_a_run():
            get_script_run_ctx()  # this thread: dropped
            other = threading.Thread(target=get_script_run_ctx, name="another")
            other.start()
            other.join()
            logger.warning("something else")
        get_script_run_ctx()  # after the block: kept
    finally:
        logger.removeHandler(collect)
        logger.setLevel(level)
    here = threading.current_thread().name
    messages = [(record.threadName, record.getMessage()) for record in records]
    assert [thread for thread, text in messages if "missing ScriptRunContext" in text] == ["another", here]
    assert (here, "something else") in messages
