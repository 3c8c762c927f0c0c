"""A job-map file uploaded on the Job map page in Chromium puts outcomes in new steps at once."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.harness import (
    exception_texts,
    expect_rerun,
    open_app,
    open_selectbox,
    sample_workspace,
    screenshot,
    wait_for_idle,
)
from tests.unit.xlsx_helpers import write_xlsx


def sidebar_metric(page, label: str) -> str:
    metric = page.locator('[data-testid="stSidebar"] [data-testid="stMetric"]').filter(has_text=label)
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def test_a_job_map_file_adds_its_steps_to_the_job_map(page, app_server, tmp_path):
    by_statement = "minimize the time it takes to ESTIMATE the cash needed for the next payment run"  # O03
    rows = [
        ["step", "outcome_id", "statement"],
        ["Triage in the browser", "O01", None],
        ["Triage in the browser", "O02", None],
        ["Checks in the browser", None, by_statement],
    ]
    path = write_xlsx(tmp_path / "browser_map.xlsx", {"job_map": rows})
    open_app(page, app_server.url)
    token = sample_workspace(app_server)  # a first visit makes no workspace until its first change
    open_app(page, f"{app_server.url}/job_map?ws={token}")
    assert sidebar_metric(page, "Job steps") == "11"
    # At 1280 x 720 the bulk block's buttons show their whole label (the Move button was cut to "M…").
    for key in ("job_map_bulk_move", "job_map_bulk_undo"):
        button = page.locator(f".st-key-{key} button")
        button.scroll_into_view_if_needed()
        clipped = button.evaluate(  # Streamlit cuts a label in its stMarkdownEllipsis box (text-overflow)
            "b => [...b.querySelectorAll('*')].some(e => getComputedStyle(e).textOverflow == 'ellipsis'"
            " && e.scrollWidth > e.clientWidth + 1)"
        )
        assert not clipped, (key, button.inner_text())

    uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="Job-map file")
    with expect_rerun(page):
        uploader.locator('input[type="file"]').set_input_files(str(path))
    wait_for_idle(page, timeout=60_000)
    # "Applied browser_map.xlsx: 2 steps (2 new)…" is a toast that may be gone by the time the rerun is
    # idle on a loaded machine; what lasts is checked instead: the steps, the report and the undo.
    assert sidebar_metric(page, "Job steps") == "13"
    expect(page.get_by_text(re.compile(r"77 outcomes of the survey are not in the file"))).to_be_visible()
    expect(page.get_by_text("Undoes: job map from browser_map.xlsx")).to_be_visible()

    # The new steps are in the job map: the outcome filter lists them, first in order.
    listed = open_selectbox(page, "Show outcomes of").all_inner_texts()
    assert listed[1:3] == ["Triage in the browser", "Checks in the browser"], listed
    page.keyboard.press("Escape")
    assert not exception_texts(page)
    screenshot(page, "job-map-file")

    with expect_rerun(page):
        page.get_by_role("button", name="Undo the last bulk change").click()
    wait_for_idle(page)
    assert sidebar_metric(page, "Job steps") == "11"
