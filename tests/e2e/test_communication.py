"""The Communication page in Chromium at 1280 × 720 (issue 14.6): write a message in the map's
editor and see its coverage cell change beside it; screenshots for a look."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.harness import exception_texts, open_app, sample_workspace, screenshot, type_into_cell

HEADER_PX = 35  # the data editor's header and row height
TOUCHPOINT_PX = 130  # the width of its first (Touchpoint) column, ui/communication_map.py


def prepare(app_server, monkeypatch) -> str:
    """A sample workspace whose active scenario differentiates the first two steps; its token."""
    from core.strategy import scenarios
    from core.workspace.database import open_workspace

    open_app_first = sample_workspace(app_server)
    monkeypatch.setenv("JTBD_DATA_DIR", str(app_server.data_dir))  # the server has not opened it yet
    workspace = open_workspace(open_app_first)
    try:
        rows = workspace.cursor().execute("SELECT step_id FROM steps ORDER BY step_order").fetchall()
        steps = [int(r[0]) for r in rows]
        scenario = scenarios.active_scenario(workspace)
        scenarios.set_assignment(workspace, scenario, {steps[0]: "differentiate", steps[1]: "differentiate"})
    finally:
        workspace.close()
    return open_app_first


def test_write_a_message_and_the_coverage_map_changes(page, app_server, monkeypatch):
    open_app(page, app_server.url)
    token = prepare(app_server, monkeypatch)
    open_app(page, f"{app_server.url}/communication?ws={token}")
    expect(page.get_by_role("heading", name="Communication").first).to_be_visible()
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    expect(chart).to_be_visible(timeout=30_000)
    grid = page.locator('[data-testid="stDataFrame"]').first
    expect(grid).to_be_visible()
    page.wait_for_timeout(800)
    for element_box in (chart.bounding_box(), grid.bounding_box()):  # cause and effect on one screen
        assert element_box and element_box["y"] + 120 <= 720, element_box
    screenshot(page, "communication_1280x720_before")
    before = chart.screenshot()
    silent = page.get_by_text(re.compile(r"^Website:\W*nothing to say"))  # ui.text.literal adds a joiner
    page.get_by_role("tab", name="Checks").click()
    expect(silent).to_be_visible()
    page.get_by_role("tab", name="Map and coverage").click()
    expect(grid).to_be_visible()
    page.wait_for_timeout(500)

    cell = {"x": TOUCHPOINT_PX + 60, "y": HEADER_PX + HEADER_PX / 2}  # Message, Website row
    type_into_cell(page, grid, cell, "Close the books in one day")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    for _ in range(30):  # the cell turns from grey "–" to amber "1" (the toast "Saved." may be gone by now)
        page.wait_for_timeout(500)
        if chart.screenshot() != before:
            break
    else:
        raise AssertionError("the coverage map did not change after the message was written")
    assert exception_texts(page) == []
    screenshot(page, "communication_1280x720_after")

    page.get_by_role("tab", name="Story").click()
    expect(page.get_by_text("The differentiation story").first).to_be_visible()
    screenshot(page, "communication_story_1280x720")
    page.get_by_role("tab", name="Checks").click()
    expect(page.get_by_text("Touchpoints with nothing to say").first).to_be_visible()
    expect(page.get_by_text(re.compile(r"at Website:\W*no proof point")).first).to_be_visible()
    expect(silent).to_have_count(0)
    screenshot(page, "communication_checks_1280x720")
    assert exception_texts(page) == []
    page.get_by_role("tab", name="Rows and columns").click()
    expect(page.get_by_text("Add a column").first).to_be_visible()
    page.wait_for_timeout(500)
    screenshot(page, "communication_rows_1280x720")
    assert exception_texts(page) == []
