"""The Trade-offs page in Chromium at 1280 × 720: a weight slider moved with the keyboard
re-ranks the rows and redraws the chart (both on the first screen), and "Use as scenario" shows
up on the Focus matrix as the active scenario with the top row differentiated."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.harness import exception_texts, expect_rerun, open_app, sample_workspace, screenshot, wait_for_idle

BOARD = 'iframe[title="ui.components.focus_board"]'


def ranking(page) -> list[str]:
    """The ranking table's Row column, read from the grid's accessible cells."""
    grid = page.locator('[data-testid="stDataFrame"]').first
    expect(grid).to_be_visible()
    cells = grid.locator('[role="gridcell"]')
    texts = [t.strip() for t in cells.all_inner_texts()]
    return texts[1::4]  # Rank, Row, Score, Stable


def test_weight_slider_reranks_and_use_as_scenario_reaches_the_focus_matrix(page, app_server) -> None:
    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    open_app(page, f"{app_server.url}/trade_offs?ws={token}")
    expect(page.get_by_role("heading", name="Trade-offs")).to_be_visible()
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    expect(chart).to_be_visible(timeout=30_000)
    page.wait_for_timeout(500)
    before = ranking(page)
    assert len(before) >= 5, before
    chart_before = chart.screenshot()
    screenshot(page, "tradeoffs-1280-before")
    # the chart, the ranking and the sliders are all within the first 720 px
    for element in (chart, page.locator('[data-testid="stDataFrame"]').first):
        box = element.bounding_box()
        assert box and box["y"] + box["height"] <= 720, box

    thumb = page.get_by_role("slider").nth(3)  # Segment reach (first column: the five value criteria)
    with expect_rerun(page):
        thumb.focus()
        thumb.press("End")  # 100 %: only reach counts now
    wait_for_idle(page)
    page.wait_for_timeout(500)
    expect(thumb).to_have_value("100")
    after = ranking(page)
    assert after[:5] != before[:5], (before, after)  # the grid draws the visible rows only
    assert chart.screenshot() != chart_before
    screenshot(page, "tradeoffs-1280-after-weight")

    with expect_rerun(page):
        page.get_by_role("button", name="Use as scenario").click()
    expect(page.get_by_text("Saved as the scenario").first).to_be_visible()
    with expect_rerun(page):
        page.get_by_role("link", name="Open the Focus matrix").click()
    wait_for_idle(page)
    expect(page.get_by_role("heading", name="Focus matrix")).to_be_visible()
    picker = page.locator('[data-testid="stSelectbox"]').first
    expect(picker.locator("input")).to_have_value("Trade-offs: job steps", timeout=30_000)
    top = after[0].split(".", 1)[1].strip()
    differentiate = page.frame_locator(BOARD).locator(".sortable-container").filter(has_text="DIFFERENTIATE")
    expect(differentiate).to_contain_text(top, timeout=30_000)
    screenshot(page, "tradeoffs-scenario-on-focus-matrix")
    assert not exception_texts(page)
