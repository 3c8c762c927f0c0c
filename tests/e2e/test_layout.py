"""Layouts measured in Chromium (issue 10, item 7): at 1280 × 720 with the sidebar open the ranked
table shows the Opportunity column and the download buttons their whole label; the landscape stays
near square, at 1280 and at 1920 px."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.harness import open_app, sample_workspace, screenshot, wait_for_idle
from ui.ranking import SHOWN_COLUMNS, SHOWN_WIDTHS


def opportunities(page, app_server) -> None:
    open_app(page, app_server.url)
    token = sample_workspace(app_server)  # a first visit makes no workspace until its first change
    open_app(page, f"{app_server.url}/opportunities?ws={token}")
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    wait_for_idle(page)


def landscape_box(page) -> dict:
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.locator("canvas, svg").first.wait_for()
    box = chart.locator("canvas, svg").first.bounding_box()
    assert box is not None
    return box


def test_at_1280_the_ranked_table_and_its_downloads_fit(page, app_server):
    opportunities(page, app_server)
    buttons = page.locator('[data-testid="stDownloadButton"] button')
    assert buttons.count() == 2
    for i in range(2):
        label = buttons.nth(i)
        label.scroll_into_view_if_needed()
        assert label.inner_text().strip().endswith((".csv", ".xlsx"))
        clipped = label.evaluate(
            "b => [...b.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1 && e.children.length == 0)"
        )
        assert not clipped, label.inner_text()
    table = page.locator('[data-testid="stDataFrame"]').first
    table.scroll_into_view_if_needed()
    # Glide draws its accessible header row after the canvas, later on a loaded machine.
    expect(table.locator('[role="columnheader"]').nth(2)).to_have_text("Opportunity", timeout=30_000)
    screenshot(page, "layout-1280-ranked-table")
    frame = table.bounding_box()
    assert frame is not None
    headers = table.locator('[role="columnheader"]').all_inner_texts()
    assert [h.strip() for h in headers[:3]] == ["Rank", "Outcome", "Opportunity"], headers
    # Glide draws the grid on a canvas: the columns' widths are the ones the page asks for.
    through_opportunity = SHOWN_COLUMNS[: SHOWN_COLUMNS.index("opportunity") + 1]
    assert sum(SHOWN_WIDTHS[c] for c in through_opportunity) <= frame["width"], frame


def test_the_landscape_keeps_a_near_square_aspect_on_wide_screens(page, app_server):
    widths = {}
    for width in (1280, 1920):
        page.set_viewport_size({"width": width, "height": 1080 if width == 1920 else 720})
        opportunities(page, app_server)
        box = landscape_box(page)
        screenshot(page, f"layout-{width}-landscape")
        assert box["width"] / box["height"] < 1.9, (width, box)  # plot + legend beside it, not stretched
        widths[width] = box["width"]
    assert abs(widths[1920] - widths[1280]) < 40, widths
