"""Survey waves in Chromium (issue 14.6): import a second wave through the file input, confirm it,
and see the comparison — significant satisfaction rises on the first step; a screenshot at
1280 × 720 for a look."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.harness import (
    exception_texts,
    expect_rerun,
    open_app,
    sample_workspace,
    screenshot,
    wait_for_idle,
)
from tests.wave_files import second_wave


def metric(page, label: str) -> int:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return int(box.locator('[data-testid="stMetricValue"]').inner_text())


def test_import_a_second_wave_and_see_the_comparison(page, app_server, tmp_path):
    wave = second_wave(tmp_path / "invoice survey Q3.xlsx", rename="O10")
    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    open_app(page, f"{app_server.url}/waves?ws={token}")
    expect(page.get_by_role("heading", name="Waves").first).to_be_visible()
    expect(page.get_by_text("Only the base wave so far")).to_be_visible()

    with expect_rerun(page):
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(wave))
    wait_for_idle(page, timeout=90_000)
    add = page.get_by_role("button", name="Add this wave")
    expect(add).to_be_visible(timeout=90_000)
    expect(page.get_by_text(re.compile("N99 “Minimize the time it takes to onboard"))).to_be_visible()
    label = page.get_by_label("Label of this wave")
    label.fill("Q3 *2026*")
    with expect_rerun(page):
        add.click()
    wait_for_idle(page, timeout=60_000)

    expect(page.get_by_role("tab", name="Compare")).to_be_visible()
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Satisfaction rose (sig.)")).to_be_visible()
    assert metric(page, "Satisfaction rose (sig.)") >= 3
    assert metric(page, "Satisfaction fell (sig.)") == 0
    expect(page.get_by_text("Added the wave “Q3 *2026*”", exact=False)).to_be_visible()  # literal, not italic
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    expect(chart).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]').get_by_text("Scores from wave")).to_be_visible()
    assert exception_texts(page) == []
    page.mouse.wheel(0, 250)
    page.wait_for_timeout(800)
    screenshot(page, "waves_1280x720")
