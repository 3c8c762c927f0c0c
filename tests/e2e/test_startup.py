"""``streamlit run app.py`` serves the workbench as an st.App that prepares the first visit as it
starts (ui/startup.py): on an empty data dir the bundled sample's database exists before anyone
visits, and a first visit of the landscape draws it; ``JTBD_STARTUP=0`` is the control, whose
server builds nothing until a visit asks."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import exception_texts, open_app

pytestmark = pytest.mark.e2e

BUILD_WAIT_S = 60.0


def built_samples(data_dir: Path) -> list[Path]:
    return sorted((data_dir / ".samples").glob("*.duckdb"))


def wait_for_sample(data_dir: Path, timeout: float = BUILD_WAIT_S) -> list[Path]:
    deadline = time.monotonic() + timeout
    while not (found := built_samples(data_dir)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return found


def test_a_new_server_builds_the_sample_before_the_first_visit(app_server_factory, page) -> None:
    server = app_server_factory()
    assert wait_for_sample(server.data_dir), f"no sample built without a visit\n{server.logs()}"
    assert "start-up:" not in server.logs()  # nothing failed on the way
    open_app(page, f"{server.url}/opportunities")
    expect(page.get_by_role("heading", name="Opportunities", exact=True)).to_be_visible()
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible(timeout=30_000)
    assert exception_texts(page) == []


def test_without_the_head_start_nothing_is_built_until_a_visit(app_server_factory, page) -> None:
    server = app_server_factory(env={"JTBD_STARTUP": "0"})
    time.sleep(3)  # the head start builds it in about a second on this hardware
    assert built_samples(server.data_dir) == []
    open_app(page, server.url)
    expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible()
    assert wait_for_sample(server.data_dir)
    assert exception_texts(page) == []
