"""Workspace files that cannot be opened, in Chromium against real servers (issue 9.4): a damaged
file and a workspace another app process holds get a message, never a traceback or a server path."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.harness import exception_texts, expect_rerun, open_app, sample_workspace, wait_for_idle


def shown_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def test_a_damaged_workspace_file_offers_restore_or_a_fresh_start(page, app_server):
    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    path = app_server.data_dir / f"{token}.duckdb"
    path.write_bytes(path.read_bytes()[:6000])  # cut short, as by a full disk
    open_app(page, f"{app_server.url}/?ws={token}")
    expect(page.get_by_text("This workspace cannot be opened")).to_be_visible()
    text = shown_text(page)
    assert str(app_server.data_dir) not in text and "Traceback" not in text and ".duckdb" not in text
    assert re.search(r"Reference for whoever runs this app: [A-Z2-9]{4}-[A-Z2-9]{4}", text)
    reference = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}", text.split("Reference for whoever runs this app:")[1])[0]
    assert not exception_texts(page)
    with expect_rerun(page):
        page.get_by_role("button", name="Restore from a workspace file").click()
    wait_for_idle(page, timeout=60_000)
    expect(page.get_by_role("heading", name="Export", exact=True)).to_be_visible()
    assert reference in app_server.logs() or reference in (app_server.stderr_log.read_text())


def test_a_workspace_held_by_another_app_process_says_it_is_in_use(page, app_server, app_server_factory, browser):
    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    holder = browser.new_context().new_page()
    open_app(holder, f"{app_server.url}/?ws={token}")  # this session's server process holds the file
    second = app_server_factory(app_server.data_dir)  # another app process on the same data dir
    open_app(page, f"{second.url}/?ws={token}")
    expect(page.get_by_text("in use by another program on the server")).to_be_visible()
    text = shown_text(page)
    assert str(app_server.data_dir) not in text and "Traceback" not in text
    assert f"PID {app_server.pid}" not in text and str(app_server.pid) not in text
    assert not exception_texts(page)
    holder.context.close()
