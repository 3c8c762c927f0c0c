"""Segments and Competitors in Chromium: a real click runs a segmentation, "us" is chosen, charts render."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
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

pytestmark = pytest.mark.timeout(180, method="signal")


# Put an element at the top of the view, below Streamlit's header (about 60 px high).
SCROLL_TO_TOP = """element => {
    element.scrollIntoView({block: "start"});
    let box = element.parentElement;
    while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
    if (box) box.scrollBy(0, -70);
}"""


def token_of(url: str) -> str:
    return parse_qs(urlparse(url).query)["ws"][0]


def charts(page):
    return page.locator('[data-testid="stVegaLiteChart"]')


def show(page, locator, name: str) -> None:
    """Scroll ``locator`` to the top of the view and take a projector-sized screenshot."""
    locator.scroll_into_view_if_needed()
    locator.evaluate(SCROLL_TO_TOP)
    page.wait_for_timeout(400)  # let Vega finish drawing
    screenshot(page, name)


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label``."""
    open_selectbox(page, label)
    with expect_rerun(page):
        page.get_by_role("option", name=option, exact=True).click()


def test_segments_page_runs_a_segmentation_and_profiles_it(page, app_server):
    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    open_app(page, f"{app_server.url}/segments?ws={token}")
    expect(page.get_by_role("heading", name="Segments", exact=True)).to_be_visible()
    expect(page.get_by_text("No segmentation yet")).to_be_visible()
    screenshot(page, "segments-empty")

    with expect_rerun(page, timeout=60_000):
        page.get_by_role("button", name="Run segmentation").click()
    wait_for_idle(page, timeout=60_000)
    expect(page.get_by_text("Segmentation saved")).to_be_visible(timeout=60_000)  # a background job (ui/jobs.py)
    expect(page.get_by_text("Underserved on:").first).to_be_visible()
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Segments")
    expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text("4")
    expect(charts(page).nth(1)).to_be_attached()  # charts draw after the metrics: wait, not count at once
    assert not exception_texts(page)
    show(page, charts(page).first, "segments-sizes")
    show(page, charts(page).nth(1), "segments-steps")
    profile = page.get_by_role("heading", name="Segment profile")
    show(page, profile, "segments-profile")
    wtp = page.get_by_role("heading", name=re.compile("pay more"))
    expect(wtp).to_be_visible()
    show(page, wtp, "segments-wtp")

    with expect_rerun(page):
        page.get_by_role("tab", name="Need clusters").click()
    wait_for_idle(page, timeout=60_000)
    expect(page.get_by_text("Need cluster dominance").first).to_be_attached()
    expect(charts(page).nth(2)).to_be_attached()
    show(page, charts(page).first, "clusters-dominance")
    show(page, charts(page).nth(1), "clusters-by-segment")
    show(page, charts(page).nth(2), "clusters-heatmap")
    assert not exception_texts(page)

    # The saved segments are a group filter on the Opportunities page.
    open_app(page, f"{app_server.url}/opportunities?ws={token}")
    choose(page, "Show scores for", "Segments: Segmentation 1 (4 segments)")
    expect(page.get_by_text(re.compile(r"\d+ respondents in this group"))).to_be_visible()
    assert not exception_texts(page)
    screenshot(page, "opportunities-by-segment")


def test_competitors_page_marks_us_and_zooms_into_a_step(page, app_server):
    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    open_app(page, f"{app_server.url}/competitors?ws={token}")
    expect(page.get_by_role("heading", name="Competitors", exact=True)).to_be_visible()
    expect(charts(page).first).to_be_visible()
    show(page, charts(page).first, "competitors-map")

    choose(page, "Which competitor is us?", "Invoxa")
    expect(page.get_by_text(re.compile("Invoxa leads the best rival"))).to_be_visible()
    show(page, charts(page).first, "competitors-map-us")
    show(page, page.get_by_role("heading", name="Leads and lags by job step"), "competitors-leads")
    show(page, page.get_by_role("heading", name=re.compile("White space")), "competitors-white-space")

    choose(page, "Show", "5. Match invoices to orders and receipts")
    expect(page.get_by_role("heading", name=re.compile("Leaders on the outcomes of 5"))).to_be_visible()
    show(page, charts(page).first, "competitors-step")
    assert not exception_texts(page)

    page.reload()
    wait_for_idle(page, timeout=60_000)
    expect(page.get_by_role("combobox", name="Which competitor is us?")).to_have_value("Invoxa")  # persisted
