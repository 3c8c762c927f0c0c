"""The guided start and the Method page in Chromium (issue 15, item 4), at 1280 × 720.

Decision checked here: with the guide open on a first visit, the Data page's upload drop zone is
still wholly above the fold (the guide is three short paragraphs and a link-style button). The
Method page's worked example shows the numbers core computes for the sample's top outcome.
Screenshots in tests/artifacts/ (guide-*, method-*, reading-*)."""

from __future__ import annotations

from playwright.sync_api import expect

from core.analysis.competition import load_competition_settings
from core.analysis.scoring import load_settings
from core.views.method import method_view
from core.workspace.database import open_workspace
from tests.e2e.harness import VIEWPORT, exception_texts, expect_rerun, open_app, sample_workspace, screenshot

GUIDE = "Getting started."


def test_the_first_visit_guide_keeps_the_upload_above_the_fold_and_stays_dismissed(page, app_server):
    open_app(page, app_server.url)
    guide = page.get_by_text(GUIDE)
    expect(guide).to_be_visible()
    expect(page.get_by_text("Loaded now: the bundled sample “B2b invoice processing”")).to_be_visible()
    expect(page.get_by_text("1. Data → 2. Job map → 3. Opportunities")).to_be_visible()
    dropzone = page.locator('[data-testid="stFileUploaderDropzone"]').first
    expect(dropzone).to_be_visible()
    box = dropzone.bounding_box()
    assert box is not None
    screenshot(page, "guide-first-visit-1280x720")
    assert box["y"] + box["height"] <= VIEWPORT["height"], box  # the upload is above the fold
    assert page.evaluate("document.scrollingElement.scrollTop") == 0

    with expect_rerun(page):
        page.get_by_role("button", name="Hide the guide").click()
    expect(guide).to_have_count(0)
    page.wait_for_url("**ws=*")  # the dismissal is the first change: it made the workspace
    url = page.url
    open_app(page, url)  # a refresh
    expect(page.get_by_role("button", name="Show the guide")).to_be_visible()
    expect(guide).to_have_count(0)
    screenshot(page, "guide-dismissed-1280x720")
    with expect_rerun(page):
        page.get_by_role("button", name="Show the guide").click()
    expect(guide).to_be_visible()
    assert exception_texts(page) == []


def test_the_method_page_works_the_example_of_the_top_outcome(page, app_server, monkeypatch):
    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    spare = sample_workspace(app_server)  # the same sample, never opened by the server: read it here
    monkeypatch.setenv("JTBD_DATA_DIR", str(app_server.data_dir))
    ws = open_workspace(spare)
    try:
        example = method_view(ws, load_settings(ws), load_competition_settings(ws)).example
    finally:
        ws.close()
    assert example is not None
    open_app(page, f"{app_server.url}/method?ws={token}")
    expect(page.get_by_role("heading", name="Worked example")).to_be_visible()
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text(example.statement)
    i = example.importance
    expect(main).to_contain_text(f"{i.top:,} of {i.n:,} valid importance ratings are 4 or 5")
    expect(main).to_contain_text(f"10 × {i.top:,} / {i.n:,} = {i.score:.2f}")
    expect(main).to_contain_text(example.opportunity_formula)
    screenshot(page, "method-worked-example-1280x720")

    search = page.get_by_label("Search the terms")
    search.fill("minimum acceptable")
    with expect_rerun(page):
        search.press("Enter")
    expect(main).to_contain_text("Critical threshold")
    expect(main.get_by_text("Opportunity —", exact=False)).to_have_count(0)
    screenshot(page, "method-search-1280x720")
    assert exception_texts(page) == []


def test_reading_lines_under_the_chart_titles_for_a_look(page, app_server):
    """Screenshots of the charts with their how-to-read lines (projector size), to look at."""
    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    for name in ("opportunities", "focus_matrix", "competitors"):
        open_app(page, f"{app_server.url}/{name}?ws={token}")
        chart = page.locator('[data-testid="stVegaLiteChart"]').first
        chart.locator("canvas, svg").first.wait_for()
        chart.scroll_into_view_if_needed()
        screenshot(page, f"reading-{name}-1280x720")
    assert exception_texts(page) == []
