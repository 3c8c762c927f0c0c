"""The column-mapping screen at 1280 × 720 (issue 11, items 1 and 6): opened by a survey with
rating-like columns but no importance/satisfaction evidence, its table shows each column and the
role to set for it without scrolling sideways."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.harness import exception_texts, expect_rerun, open_app, screenshot, wait_for_idle
from tests.platform_exports.non_jtbd import limesurvey_wellbeing
from ui.mapping_screen import WIDTHS


def test_at_1280_the_mapping_table_shows_each_column_and_its_role(page, app_server, tmp_path):
    path = tmp_path / "results-survey-wellbeing.csv"
    path.write_bytes(limesurvey_wellbeing())
    open_app(page, app_server.url)
    with expect_rerun(page):
        page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(path))
    wait_for_idle(page, timeout=90_000)
    expect(page.get_by_text("Map the columns of results-survey-wellbeing.csv")).to_be_visible(timeout=30_000)
    table = page.locator('[class*="st-key-mapping_editor_"] [data-testid="stDataFrame"]')
    table.scroll_into_view_if_needed()
    # Glide draws its accessible header row after the canvas, later on a loaded machine.
    expect(table.locator('[role="columnheader"]').nth(1)).to_have_text("Role", timeout=30_000)
    screenshot(page, "layout-1280-mapping-screen")
    headers = [h.strip() for h in table.locator('[role="columnheader"]').all_inner_texts()]
    assert headers[:2] == ["Column", "Role"], headers
    frame = table.bounding_box()
    assert frame is not None
    # Glide draws the grid on a canvas: the columns' widths are the ones the page asks for.
    assert WIDTHS["column"] + WIDTHS["role"] <= frame["width"], frame
    assert not exception_texts(page)
