"""Smoke tests: the real app.py opens in Chromium, and a server restart works."""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import (
    exception_texts,
    expect_reconnect,
    open_app,
    screenshot,
    track_runs,
)

pytestmark = pytest.mark.e2e

HOME_HEADING = "Data"  # the default page of the router


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_app_opens_and_shows_title(app_server, page) -> None:
    open_app(page, app_server.url)

    expect(page.get_by_role("heading", name=HOME_HEADING, exact=True)).to_be_visible()
    assert exception_texts(page) == []

    path = screenshot(page, "smoke-home")
    assert path == Path(__file__).resolve().parents[1] / "artifacts" / "smoke-home.png"
    assert _png_size(path) == (1280, 720)
    assert path.stat().st_size > 5_000  # a blank page compresses to far less


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_server_gets_its_own_data_dir(app_server, app_data_dir) -> None:
    assert app_server.data_dir == app_data_dir
    assert app_data_dir.is_dir()
    environ = Path(f"/proc/{app_server.pid}/environ").read_bytes().split(b"\0")
    assert f"JTBD_DATA_DIR={app_data_dir}".encode() in environ


def test_restart_keeps_url_and_data_dir(app_server_factory, page) -> None:
    server = app_server_factory()
    open_app(page, server.url)
    url, data_dir, old_pid = server.url, server.data_dir, server.pid
    marker = data_dir / "survives-restart.txt"
    marker.write_text("still here")
    tracker = track_runs(page)

    with expect_reconnect(page):
        server.restart()

    assert server.is_running()
    assert server.pid != old_pid
    with pytest.raises(ProcessLookupError):
        os.kill(old_pid, 0)
    assert (server.url, server.data_dir) == (url, data_dir)
    assert marker.read_text() == "still here"

    # The open tab found the new process (Streamlit does not rerun on reconnect,
    # so it still shows the old elements) ...
    assert tracker.connections == 2
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-connection-state", "CONNECTED")
    # ... and a fresh load runs the app on the new process.
    open_app(page, server.url)
    expect(page.get_by_role("heading", name=HOME_HEADING, exact=True)).to_be_visible()
    assert exception_texts(page) == []
