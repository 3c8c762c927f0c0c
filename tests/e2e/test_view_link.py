"""A view link in Chromium (issue 17.1): the Focus matrix shows the board, and a real mouse drag
moves no card, neither on screen nor in the workspace file."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from core.workspace.links import Role, link
from tests.e2e.harness import exception_texts, expect_rerun, open_app, wait_for_idle
from tests.e2e.test_focus_matrix import BOARD, card, column, drag, open_focus
from tests.e2e.test_focus_quick_moves import stored_assignment


@pytest.mark.timeout(300, method="signal")
def test_a_view_link_cannot_move_a_card(page, app_server, monkeypatch):
    token = open_focus(page, app_server)  # the facilitator's visit creates the scenario
    monkeypatch.setenv("JTBD_DATA_DIR", str(app_server.data_dir))
    view = link(token, Role.VIEW)  # the link index is plain files: no need to stop the server

    open_app(page, f"{app_server.url}/focus_matrix?ws={view}")
    expect(page.get_by_text("View-only link", exact=False).first).to_be_visible()
    expect(page.frame_locator(BOARD).locator(".sortable-item").first).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Suggest")).to_have_count(0)
    expect(page.get_by_role("button", name="Manage")).to_have_count(0)

    drag(page, card(page, "6 · Resolve exceptions"), column(page, "DIFFERENTIATE").locator(".sortable-container-body"))
    wait_for_idle(page, settle_ms=1500)
    expect(column(page, "DIFFERENTIATE")).not_to_contain_text("6 · Resolve exceptions")
    expect(column(page, "UNASSIGNED")).to_contain_text("6 · Resolve exceptions")
    assert not exception_texts(page)
    assert stored_assignment(app_server, monkeypatch, token) == {}


def _drop(page, label: str, header: str) -> None:
    with expect_rerun(page):
        drag(page, card(page, label), column(page, header).locator(".sortable-container-body"))
    wait_for_idle(page, settle_ms=1000)


@pytest.mark.timeout(360, method="signal")
def test_a_move_from_a_stale_board_is_refused_and_shows_the_current_state(page, second_page, app_server, monkeypatch):
    """Issue 17.4: A and B (two browsers) open the Focus matrix; A moves step 6; B, not refreshed,
    moves step 6 too and is told it changed elsewhere, with A's choice shown; B moving step 3 works;
    A, not refreshed, clicks Undo (it would take back B's move) and is told it changed elsewhere."""
    token = open_focus(page, app_server)
    open_app(second_page, f"{app_server.url}/focus_matrix?ws={token}")
    expect(second_page.frame_locator(BOARD).locator(".sortable-item").first).to_be_visible(timeout=30_000)

    _drop(page, "6 · Resolve exceptions", "DIFFERENTIATE")
    expect(column(page, "DIFFERENTIATE")).to_contain_text("6 · Resolve exceptions")
    expect(column(second_page, "UNASSIGNED")).to_contain_text("6 · Resolve exceptions")  # B is stale

    _drop(second_page, "6 · Resolve exceptions", "ACCEPT")
    expect(second_page.get_by_text("changed elsewhere", exact=False).first).to_be_visible(timeout=30_000)
    expect(column(second_page, "DIFFERENTIATE")).to_contain_text("6 · Resolve exceptions", timeout=30_000)
    expect(column(second_page, "ACCEPT")).not_to_contain_text("6 · Resolve exceptions")

    _drop(second_page, "3 · Capture invoice data", "MEET")
    expect(column(second_page, "MEET")).to_contain_text("3 · Capture invoice data", timeout=30_000)

    # A, not refreshed, clicks Undo: it would take back B's move of step 3, which A has not seen
    expect(column(page, "UNASSIGNED")).to_contain_text("3 · Capture invoice data")
    with expect_rerun(page):
        page.get_by_role("button", name=re.compile(r"^Undo \(")).click()
    expect(page.get_by_text("changed elsewhere", exact=False).first).to_be_visible(timeout=30_000)
    expect(column(page, "MEET")).to_contain_text("3 · Capture invoice data", timeout=30_000)  # the current board
    assert not exception_texts(page) and not exception_texts(second_page)
    stored = stored_assignment(app_server, monkeypatch, token)
    assert stored == {6: "differentiate", 3: "meet"}
