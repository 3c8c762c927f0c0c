"""The Strategy options page in Chromium (issue 16.4): "Try as scenario" on a supported pattern,
then the page link to the Focus matrix: the new scenario is the active one and the pattern's
steps sit in the Differentiate column. At 1280 × 720 every supported pattern's "Try as scenario"
button is on the first screen, without a scroll. Screenshots at 1280 × 720 for a look."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.harness import exception_texts, expect_rerun, open_app, sample_workspace, screenshot

BOARD = 'iframe[title="ui.components.focus_board"]'


def test_try_as_scenario_then_the_focus_matrix_shows_it_active_with_its_steps_differentiated(
    page, app_server, monkeypatch
):
    from core.analysis.scoring import load_settings
    from core.analysis.segmentation import run_segmentation
    from core.views.strategy_options import strategy_analysis
    from core.workspace.database import open_workspace

    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    monkeypatch.setenv("JTBD_DATA_DIR", str(app_server.data_dir))  # the server has not opened it yet
    workspace = open_workspace(token)
    try:
        run_segmentation(workspace)  # the growth tab then places segments, not only the market
        analysis = strategy_analysis(workspace, load_settings(workspace), None)
        steps = workspace.cursor().execute("SELECT step_id, step_order, name FROM steps").fetchall()
    finally:
        workspace.close()
    pattern = next(p for p in analysis.patterns if p.supported)
    labels = {int(s): f"{int(o)} · {n}" for s, o, n in steps}

    open_app(page, f"{app_server.url}/strategy_options?ws={token}")
    expect(page.get_by_role("heading", name="Strategy options").first).to_be_visible()
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible()
    page.wait_for_timeout(800)
    screenshot(page, "strategy_options_growth_1280x720")

    page.get_by_role("tab", name="Differentiation patterns").click()
    card = page.locator('[data-testid="stVerticalBlockBorderWrapper"], [data-testid="stVerticalBlock"]').filter(
        has_text=pattern.name
    )
    expect(card.first).to_be_visible()
    page.wait_for_timeout(500)
    screenshot(page, "strategy_options_patterns_1280x720")
    supported = [p for p in analysis.patterns if p.supported]
    assert len(supported) >= 3, "the sample supports three patterns: the last card must be reachable too"
    for each in supported:  # on the first screen: fully inside the 1280 × 720 viewport, nothing scrolled
        expect(page.locator(f".st-key-try_{each.key} button")).to_be_in_viewport(ratio=1)
    assert (
        page.evaluate("Math.max(window.scrollY, document.querySelector('[data-testid=stMain]')?.scrollTop || 0)") == 0
    )
    own = card.filter(has=page.locator(f".st-key-try_{pattern.key}")).last  # the pattern's card
    own.get_by_role("button", name="Evidence and rule").click()
    shown = page.get_by_text(pattern.evidence.rsplit(":", 1)[-1].strip())  # ui.text.literal joins words after ':'
    expect(shown).to_be_visible()  # the popover opens over the page
    page.keyboard.press("Escape")
    expect(shown).to_be_hidden()
    button = page.locator(f".st-key-try_{pattern.key} button")
    with expect_rerun(page):
        button.click()
    expect(page.get_by_text(re.compile(r"Scenario “.+” created and made active"))).to_be_visible()
    assert exception_texts(page) == []

    link = page.get_by_role("link", name=re.compile("Open the Focus matrix"))
    link.click()
    expect(page.get_by_role("heading", name="Focus matrix")).to_be_visible(timeout=30_000)
    expect(page.frame_locator(BOARD).locator(".sortable-item").first).to_be_visible(timeout=30_000)
    scenario = page.get_by_role("combobox", name="Scenario", exact=True)
    expect(scenario).to_be_visible()
    expect(scenario).to_have_value(re.compile("^" + re.escape(pattern.name)))
    differentiate = page.frame_locator(BOARD).locator(".sortable-container").filter(has_text="Differentiate")
    for step in pattern.steps:
        expect(differentiate.locator(".sortable-item").filter(has_text=labels[step]).first).to_be_visible()
    assert differentiate.locator(".sortable-item").count() == len(pattern.steps)
    assert exception_texts(page) == []
