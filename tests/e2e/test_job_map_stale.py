"""Two people at once on the Job map (issue 17.4): an edit typed into a steps table drawn before
another browser changed the job map is not applied, and the page says so and shows the current
table; it is never dropped without a word."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import exception_texts, open_app, sample_workspace, screenshot, type_into_cell

MARKER_PX = 36  # the row checkboxes of a table that can add and delete rows
ORDER_PX = 72  # ui/jobmap_editor.py: the Order column
HEADER_PX, ROW_PX = 35, 76  # the header row and a wrapped row (WRAP_PX)


def _steps_table(page):
    table = page.locator('[data-testid="stDataFrame"]').first
    expect(table).to_be_visible(timeout=30_000)
    page.wait_for_timeout(800)
    return table


def _rename_first_step(page, name: str) -> None:
    table = _steps_table(page)
    cell = {"x": MARKER_PX + ORDER_PX + 60, "y": HEADER_PX + ROW_PX / 2}
    type_into_cell(page, table, cell, name)


@pytest.mark.timeout(300, method="signal")
def test_an_edit_in_a_stale_steps_table_is_refused_with_a_message(page, second_page, app_server):
    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    open_app(page, f"{app_server.url}/job_map?ws={token}")
    open_app(second_page, f"{app_server.url}/job_map?ws={token}")
    _steps_table(page)

    # B renames step 1 from its table: saved, B's own edit is no stale one.
    _rename_first_step(second_page, "Plan the payment run")
    toast = second_page.locator('[data-testid="stToast"]').filter(has_text="Plan the payment run")
    expect(toast).to_be_visible(timeout=30_000)
    assert not second_page.get_by_text("Not saved", exact=False).count()

    # A, not refreshed, still shows the old table and renames the same step: refused, said, current shown.
    _rename_first_step(page, "Plan the payment cycle and calendar")
    expect(page.get_by_text("drawn before the job map changed elsewhere", exact=False)).to_be_visible(timeout=30_000)
    screenshot(page, "job-map-stale-edit")
    picker = page.get_by_role("combobox", name="Step", exact=True)  # names the first step: the current name
    expect(picker).to_have_value("Plan the payment run")
    assert not page.locator('[data-testid="stToast"]').filter(has_text="Plan the payment cycle and calendar").count()

    # A's next edit, in the table it now shows, is saved as usual.
    _rename_first_step(page, "Plan the payment calendar")
    expect(picker).to_have_value("Plan the payment calendar", timeout=30_000)
    assert not page.get_by_text("drawn before the job map changed elsewhere", exact=False).count()
    assert not exception_texts(page) and not exception_texts(second_page)
