"""The Focus matrix in Chromium: a real mouse drag on the board, a keyboard move in the list,
the same board after a reload and a server restart, and two scenarios compared."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.e2e.harness import exception_texts, expect_rerun, open_app, sample_workspace, screenshot, wait_for_idle

BOARD = 'iframe[title="ui.components.focus_board"]'
NOTE = 'iframe[title="ui.components.step_note"]'


def token_of(url: str) -> str:
    return parse_qs(urlparse(url).query)["ws"][0]


def open_focus(page, server) -> str:
    """A fresh workspace (first visit), then its Focus matrix page; returns the token."""
    open_app(page, server.url)
    token = sample_workspace(server)
    open_app(page, f"{server.url}/focus_matrix?ws={token}")
    expect(page.get_by_role("heading", name="Focus matrix")).to_be_visible()
    expect(page.frame_locator(BOARD).locator(".sortable-item").first).to_be_visible(timeout=30_000)
    return token


def metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text()


def column(page, header: str):
    return page.frame_locator(BOARD).locator(".sortable-container").filter(has_text=header)


def card(page, label_start: str):
    return page.frame_locator(BOARD).locator(".sortable-item").filter(has_text=re.compile("^" + re.escape(label_start)))


def drag(page, source, target) -> None:
    """Press on the card, move in small steps (the board starts a drag after 5 px), release."""
    page.locator(BOARD).scroll_into_view_if_needed()
    start, end = source.bounding_box(), target.bounding_box()
    assert start and end
    x0, y0 = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
    x1, y1 = end["x"] + end["width"] / 2, end["y"] + min(end["height"] / 2, 60)
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x0 + 15, y0 + 15, steps=4)
    page.mouse.move(x1, y1, steps=20)
    page.wait_for_timeout(150)
    page.mouse.up()


def profile_chart(page):
    return page.locator('[data-testid="stVegaLiteChart"]').first


def fragment_reruns(page) -> list[str]:
    """The fragment id of every rerun the browser asks for ("" for a whole-page rerun)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    seen: list[str] = []

    def sent(payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            message = BackMsg.FromString(payload)
            if message.WhichOneof("type") == "rerun_script":
                seen.append(message.rerun_script.fragment_id)

    page.on("websocket", lambda ws: ws.on("framesent", sent))
    return seen


def test_a_mouse_drag_moves_a_card_and_the_metrics_and_chart_follow(page, app_server):
    reruns = fragment_reruns(page)
    token = open_focus(page, app_server)
    assert metric(page, "Opportunity targeted") == "0%"
    profile_chart(page).scroll_into_view_if_needed()
    before = profile_chart(page).screenshot()
    screenshot(page, "focus-board-start")

    with expect_rerun(page):
        drag(
            page,
            card(page, "6 · Resolve exceptions"),
            column(page, "DIFFERENTIATE").locator(".sortable-container-body"),
        )
    wait_for_idle(page)
    assert reruns and reruns[-1], "the drag reran the whole page, not the board's fragment"
    expect(column(page, "DIFFERENTIATE")).to_contain_text("6 · Resolve exceptions")
    expect(column(page, "UNASSIGNED")).not_to_contain_text("6 · Resolve exceptions")
    page.get_by_text("Opportunity targeted").first.scroll_into_view_if_needed()
    assert metric(page, "Opportunity targeted") != "0%"
    assert metric(page, "Differentiated") == "1"
    expect(page.get_by_text("ClearMatch already leads")).to_be_visible()  # the sample's leader of step 6
    screenshot(page, "focus-after-drag")
    profile_chart(page).scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    assert profile_chart(page).screenshot() != before  # the strategy profile was redrawn
    screenshot(page, "focus-charts-after-drag")
    assert not exception_texts(page)

    page.reload()
    wait_for_idle(page, timeout=60_000)
    expect(column(page, "DIFFERENTIATE")).to_contain_text("6 · Resolve exceptions", timeout=30_000)
    app_server.restart()
    open_app(page, f"{app_server.url}/focus_matrix?ws={token}")
    expect(column(page, "DIFFERENTIATE")).to_contain_text("6 · Resolve exceptions", timeout=30_000)
    assert metric(page, "Differentiated") == "1"
    screenshot(page, "focus-after-restart")


def test_a_step_moves_with_the_keyboard_in_the_list(page, app_server):
    open_focus(page, app_server)
    with expect_rerun(page):
        page.get_by_role("radio", name="List (keyboard & touch)").click()
    row = page.locator('[data-testid="stHorizontalBlock"]').filter(has_text="4 · Validate invoice details").last
    options = row.get_by_role("radio")
    expect(options).to_have_count(3)
    options.first.focus()  # Tab stop of the step's choices
    page.keyboard.press("ArrowRight")  # to "Meet"
    with expect_rerun(page):
        page.keyboard.press("Space")
    wait_for_idle(page)
    expect(row.get_by_role("radio", name="Meet")).to_have_attribute("aria-checked", "true")
    assert metric(page, "Opportunity targeted") == "0%"  # Meet targets no opportunity…
    expect(page.get_by_role("button", name=re.compile(r"Undo \(1\)"))).to_be_enabled()  # …but it is saved
    screenshot(page, "focus-list-keyboard")

    with expect_rerun(page):
        page.get_by_role("radio", name="Drag board").click()
    expect(column(page, "MEET")).to_contain_text("4 · Validate invoice details", timeout=30_000)
    assert not exception_texts(page)


def test_clicking_a_bar_opens_its_step_with_a_note_and_a_target(page, app_server):
    open_focus(page, app_server)
    bars = profile_chart(page).locator("g.mark-rect path")
    expect(bars).to_have_count(11)
    bars.nth(4).scroll_into_view_if_needed()
    with expect_rerun(page):
        bars.nth(4).click()  # step 5
    wait_for_idle(page)
    picker = page.get_by_role("combobox", name=re.compile("^Step"))
    expect(picker).to_have_value("5 · Match invoices to orders and receipts")
    expect(page.get_by_text("O30", exact=True)).to_be_attached()  # its most underserved outcome heads the table
    note = page.frame_locator(NOTE).get_by_label("Note on this step")
    note.fill("Own three-way matching")
    expect(page.frame_locator(NOTE).locator("#status")).to_have_text("Saved", timeout=30_000)  # as typed
    page.reload()
    wait_for_idle(page, timeout=60_000)
    bars = profile_chart(page).locator("g.mark-rect path")
    bars.nth(4).scroll_into_view_if_needed()
    with expect_rerun(page):
        bars.nth(4).click()
    wait_for_idle(page)
    expect(page.frame_locator(NOTE).get_by_label("Note on this step")).to_have_value(
        "Own three-way matching", timeout=30_000
    )  # saved, not lost
    page.get_by_role("combobox", name=re.compile("^Step")).scroll_into_view_if_needed()
    screenshot(page, "focus-step-detail")
    assert not exception_texts(page)


def test_save_a_copy_and_compare_two_scenarios(page, app_server):
    open_focus(page, app_server)
    with expect_rerun(page):
        page.get_by_role("button", name="Suggest").click()
    wait_for_idle(page)
    expect(column(page, "DIFFERENTIATE")).to_contain_text("3 · Capture invoice data", timeout=30_000)

    page.get_by_role("button", name="Manage").click()
    name = page.get_by_label("Save a copy as")
    name.fill("Bold bet")
    name.press("Enter")
    wait_for_idle(page)
    with expect_rerun(page):
        page.get_by_role("button", name="Save copy").click()
    page.keyboard.press("Escape")  # close the menu
    wait_for_idle(page)
    expect(page.get_by_role("combobox", name="Scenario")).to_have_value("Bold bet")

    with expect_rerun(page):
        drag(
            page, card(page, "11 · Close the period"), column(page, "DIFFERENTIATE").locator(".sortable-container-body")
        )
    expect(column(page, "DIFFERENTIATE")).to_contain_text("11 · Close the period", timeout=30_000)

    with expect_rerun(page):
        page.get_by_role("radio", name="Compare scenarios").click()
    wait_for_idle(page)
    expect(page.get_by_text("Choices side by side").first).to_be_attached()
    table = page.locator('[data-testid="stDataFrame"]').first
    expect(table).to_be_visible()
    screenshot(page, "focus-compare-grid")
    table.scroll_into_view_if_needed()
    screenshot(page, "focus-compare-metrics")
    page.locator('[data-testid="stVegaLiteChart"]').last.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    screenshot(page, "focus-compare-targets")
    assert not exception_texts(page)
