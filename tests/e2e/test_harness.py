"""Self-tests of the e2e harness: Chromium lookup and rerun/idle detection."""

from __future__ import annotations

import re
import sys

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import (
    expect_rerun,
    open_app,
    require_chromium,
    track_runs,
    wait_for_idle,
)

pytestmark = pytest.mark.e2e

PROBE = "tests/e2e/apps/rerun_probe.py"
RUNS = re.compile(r"^Runs: \d+$")


# -- Chromium lookup (no browser needed) ------------------------------------


def test_chromium_path_override_is_used() -> None:
    assert require_chromium({"CHROMIUM_PATH": sys.executable}) == sys.executable


def test_missing_chromium_skips_outside_ci() -> None:
    with pytest.raises(pytest.skip.Exception, match="/nonexistent/chromium"):
        require_chromium({"CHROMIUM_PATH": "/nonexistent/chromium"})


@pytest.mark.parametrize("ci", ["true", "TRUE", "1"])
def test_missing_chromium_fails_under_ci(ci: str) -> None:
    with pytest.raises(pytest.fail.Exception, match="failure under CI"):
        require_chromium({"CHROMIUM_PATH": "/nonexistent/chromium", "CI": ci})


# -- rerun detection against a tiny probe app --------------------------------


@pytest.fixture(scope="module")
def probe_server(app_server_factory):
    return app_server_factory(script=PROBE)


def _runs_text(page) -> str:
    # inner_text() waits for the element, never for its content: it reads
    # whatever is rendered right now, so it exposes a premature return.
    return page.get_by_text(RUNS).inner_text()


def test_open_app_waits_for_first_run(probe_server, page) -> None:
    open_app(page, probe_server.url)
    assert track_runs(page).finished == 1
    assert _runs_text(page) == "Runs: 1"
    assert page.get_by_text("JTBD_DATA_DIR=").inner_text() == (f"JTBD_DATA_DIR={probe_server.data_dir}")


def test_expect_rerun_waits_for_a_slow_rerun(probe_server, page) -> None:
    open_app(page, probe_server.url)

    with expect_rerun(page):
        page.get_by_role("button", name="Slow rerun", exact=True).click()

    assert _runs_text(page) == "Runs: 2"
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")


def test_wait_for_idle_times_out_while_the_script_runs(probe_server, page) -> None:
    open_app(page, probe_server.url)
    page.get_by_role("button", name="Very slow rerun").click()

    with pytest.raises(TimeoutError, match="busy"):
        wait_for_idle(page, timeout=1_000)
    assert _runs_text(page) == "Runs: 1"  # still the stale output of run 1

    wait_for_idle(page, timeout=15_000)
    assert _runs_text(page) == "Runs: 2"
