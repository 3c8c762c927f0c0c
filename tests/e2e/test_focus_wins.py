""" "What this scenario wins" in Chromium (issue 16.5): a real mouse drag on the Focus matrix changes
the "Respondents won" number in the board's fragment, while the board stays where it was — on the
page and, while presenting, on one projector screen with the panel under it. Screenshots land in
tests/artifacts/ (focus-wins-*.png)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import exception_texts, expect_rerun, open_app, screenshot, wait_for_idle
from tests.e2e.test_focus_matrix import BOARD, card, column, drag, metric, open_focus
from tests.e2e.test_presentation import CHART, inside, new_page, overlap
from tests.e2e.test_presentation import workspace_token as workspace_token  # a fixture

WON = "Respondents won"
PANEL = ".st-key-focus_wins"


def on_page(page, selector: str) -> dict:
    """The element's box measured from the page's title, which scrolls with it (Streamlit scrolls
    its main block, not the window): only a change of layout moves it."""
    return page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " const top = document.querySelector('h1').getBoundingClientRect().top;"
        " return {y: r.top - top, height: r.height}; }",
        selector,
    )


def title_text(page) -> dict:
    """The box of the page title's text (the h1 element itself spans the page's width)."""
    return page.evaluate(
        "() => { const range = document.createRange(); range.selectNodeContents(document.querySelector('h1 span')"
        " || document.querySelector('h1')); const r = range.getBoundingClientRect();"
        " return {x: r.left, y: r.top, width: r.width, height: r.height}; }"
    )


def test_a_drag_changes_won_and_the_board_stays_put(page, app_server):
    open_focus(page, app_server)
    expect(page.locator(PANEL)).to_be_visible(timeout=30_000)
    assert metric(page, WON) == "0 (0%)"
    board, panel = on_page(page, BOARD), on_page(page, PANEL)
    assert panel["y"] >= board["y"] + board["height"], "the panel is not under the board"

    with expect_rerun(page):
        drag(
            page,
            card(page, "6 · Resolve exceptions"),
            column(page, "DIFFERENTIATE").locator(".sortable-container-body"),
        )
    wait_for_idle(page)
    expect(column(page, "DIFFERENTIATE")).to_contain_text("6 · Resolve exceptions")
    expect(page.locator(PANEL).locator('[data-testid="stMetricValue"]').first).not_to_have_text("0 (0%)")
    after = on_page(page, BOARD)
    assert abs(after["y"] - board["y"]) < 1, (board, after)  # the board never moved down
    won = metric(page, WON)
    assert won != "0 (0%)" and "(" in won
    expect(page.locator(PANEL)).to_contain_text("since the last move")
    expect(page.locator(PANEL)).to_contain_text("From (Current solution)")
    page.locator(PANEL).scroll_into_view_if_needed()
    screenshot(page, "focus-wins-after-drag")

    with expect_rerun(page):
        drag(page, card(page, "5 · Match"), column(page, "DIFFERENTIATE").locator(".sortable-container-body"))
    wait_for_idle(page)
    expect(page.locator(PANEL).locator('[data-testid="stMetricValue"]').first).not_to_have_text(won)
    assert not exception_texts(page)


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_presenting_the_board_and_the_won_number_share_one_screen(browser, app_server, workspace_token, width, height):
    page = new_page(browser, width, height)
    try:
        open_app(page, f"{app_server.url}/focus_matrix?ws={workspace_token}&present=1")
        expect(page.frame_locator(BOARD).locator(".sortable-item").first).to_be_visible(timeout=30_000)
        expect(page.locator(PANEL)).to_be_visible(timeout=30_000)
        page.wait_for_timeout(800)
        screenshot(page, f"focus-wins-presenting-{width}x{height}-start")
        board = inside(page, BOARD)
        panel = inside(page, PANEL)
        assert not overlap(panel, title_text(page)), "the panel covers the title"
        for other in (BOARD, CHART, ".st-key-slide_bar"):
            for i in range(page.locator(other).count()):
                assert not overlap(panel, page.locator(other).nth(i).bounding_box()), other
        before = page.locator(PANEL).inner_text()
        assert before.startswith("Won 0 (0%)"), before
        with expect_rerun(page):
            drag(page, card(page, "5 · Match"), column(page, "DIFFERENTIATE").locator(".sortable-container-body"))
        wait_for_idle(page)
        expect(page.locator(PANEL)).not_to_have_text(before)
        page.wait_for_timeout(500)
        after = inside(page, BOARD)
        assert abs(after["y"] - board["y"]) < 1, (board, after)
        inside(page, PANEL)  # the number that changed is on the screen with the board
        inside(page, CHART, 0)
        inside(page, CHART, 1)
        panel = inside(page, PANEL)
        assert not overlap(panel, page.locator(".st-key-slide_bar").bounding_box())
        toasts = page.locator('[data-testid="stToast"]')  # the conflict the move raised
        for i in range(toasts.count()):
            assert not overlap(panel, toasts.nth(i).bounding_box()), "a toast covers the won number"
        screenshot(page, f"focus-wins-presenting-{width}x{height}")
        assert not exception_texts(page)
    finally:
        page.context.close()
