"""The Capabilities page in Chromium (issue 13.5): add a capability, link it to a need, see the
gap list shrink; a screenshot at 1280 × 720 for a look."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.harness import exception_texts, expect_rerun, open_app, open_selectbox, sample_workspace, screenshot


def metric(page, label: str) -> int:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return int(box.locator('[data-testid="stMetricValue"]').inner_text())


def pick(page, label: str, option: str | re.Pattern) -> None:
    options = open_selectbox(page, label)
    with expect_rerun(page):
        options.filter(has_text=option).first.click()


def test_add_a_capability_link_it_and_the_gap_list_shrinks(page, app_server):
    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    open_app(page, f"{app_server.url}/capabilities?ws={token}")
    expect(page.get_by_role("heading", name="Capabilities").first).to_be_visible()
    gaps = metric(page, "Critical gaps")
    assert gaps > 0
    heading = page.get_by_role("heading", name=re.compile(r"^Critical gaps \(\d+\)"))
    expect(heading).to_have_text(f"Critical gaps ({gaps})")

    pick(page, "Strength now", "2 · solid")
    name = page.get_by_label("New capability")
    name.fill("Real-time *inventory* data")
    with expect_rerun(page):
        name.press("Enter")
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Capabilities")).to_contain_text("1")
    assert metric(page, "Capabilities") == 1

    # link it to the need with the highest opportunity: "Whole column" starts on it, at "enables"
    expect(page.get_by_role("combobox", name="Whole column: need")).to_be_visible()
    with expect_rerun(page):
        page.get_by_role("button", name="Set column").click()
    expect(heading).to_have_text(f"Critical gaps ({gaps - 1})")
    assert metric(page, "Critical gaps") == gaps - 1
    assert exception_texts(page) == []
    page.mouse.wheel(0, -5000)
    screenshot(page, "capabilities_1280x720")


def test_investment_chart_and_vrio_at_projector_size(page, app_server, monkeypatch):
    from core.strategy import capabilities
    from core.workspace.database import open_workspace

    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    monkeypatch.setenv("JTBD_DATA_DIR", str(app_server.data_dir))  # the server has not opened it yet
    workspace = open_workspace(token)
    try:
        needs = workspace.cursor().execute("SELECT outcome_id FROM outcomes ORDER BY outcome_id").fetchall()
        for number, (name, cost, effort, level) in enumerate(
            [("OCR engine", "high", "high", "critical"), ("Supplier network", "low", "medium", "enables"),
             ("=Brand trust", "medium", "low", "supports")]
        ):  # fmt: skip
            capability = capabilities.add_capability(workspace, name, strength=number + 1, cost=cost, effort=effort)
            capabilities.set_row(workspace, capability, [n for (n,) in needs[number * 20 : number * 20 + 40]], level)
    finally:
        workspace.close()
    open_app(page, f"{app_server.url}/capabilities?ws={token}")
    page.get_by_role("tab", name="Investment").click()
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    expect(chart).to_be_visible()
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    screenshot(page, "capabilities_investment_1280x720")
    page.get_by_role("tab", name="VRIO").click()
    expect(page.get_by_text("=Brand trust — competitive disadvantage", exact=False)).to_be_visible()
    screenshot(page, "capabilities_vrio_1280x720")
    assert exception_texts(page) == []
