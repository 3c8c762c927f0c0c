"""The real app in Chromium: first visit, landscape selection, workspace persistence."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.e2e.harness import (
    drag_until_rerun,
    exception_texts,
    expect_rerun,
    open_app,
    sample_workspace,
    screenshot,
    wait_for_idle,
)


def token_of(url: str) -> str:
    return parse_qs(urlparse(url).query)["ws"][0]


def sidebar_metric(page, label: str) -> str:
    metric = page.locator('[data-testid="stSidebar"] [data-testid="stMetric"]').filter(has_text=label)
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def goto_page(page, base_url: str, path: str, token: str) -> None:
    open_app(page, f"{base_url}/{path}?ws={token}")


def test_first_visit_opens_on_the_shared_sample_without_creating_a_workspace(page, app_server):
    open_app(page, app_server.url)
    assert "ws" not in parse_qs(urlparse(page.url).query)  # no workspace until the first change
    assert list(app_server.data_dir.glob("*.duckdb")) == []
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("b2b invoice processing")
    assert sidebar_metric(page, "Respondents") == "600"
    assert sidebar_metric(page, "Outcomes") == "80"
    assert not exception_texts(page)
    screenshot(page, "first-visit")


def test_landscape_renders_and_a_box_selection_filters_the_table(page, app_server):
    open_app(page, app_server.url)
    goto_page(page, app_server.url, "opportunities", sample_workspace(app_server))
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    expect(chart).to_be_visible()
    chart.scroll_into_view_if_needed()
    heading = page.get_by_role("heading", name=re.compile("Ranked outcomes"))
    expect(heading).to_be_visible()
    expect(page.get_by_text(re.compile(r"\d+ selected outcomes?\b"))).to_have_count(0)
    screenshot(page, "opportunities")

    # Drag a box over the bottom-right of the plot: the most underserved outcomes.
    plot = chart.locator("canvas, svg").first
    box = plot.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 200
    with expect_rerun(page):
        drag_until_rerun(page, plot, [(0.45, 0.60), (0.555, 0.765), (0.66, 0.93)])
    wait_for_idle(page)
    selected = page.get_by_text(re.compile(r"(\d+) selected outcomes?\b"))
    expect(selected).to_be_visible()
    count = int(re.match(r"(\d+)", selected.inner_text()).group(1))
    assert 1 <= count < 80
    screenshot(page, "opportunities-selected")
    assert not exception_texts(page)


def test_reload_and_server_restart_keep_the_workspace(page, app_server):
    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    workspaces_before = sorted(app_server.data_dir.glob("*.duckdb"))
    goto_page(page, app_server.url, "opportunities", token)
    page.reload()
    wait_for_idle(page, timeout=60_000)
    assert token_of(page.url) == token
    assert sidebar_metric(page, "Respondents") == "600"

    app_server.restart()
    goto_page(page, app_server.url, "opportunities", token)  # a deep link on a fresh server
    assert token_of(page.url) == token
    expect(page.get_by_role("heading", name="Opportunities", exact=True)).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav).to_contain_text("Job map")
    expect(nav).not_to_contain_text("app")  # the router's navigation, not the legacy one
    assert sidebar_metric(page, "Respondents") == "600"
    assert sorted(app_server.data_dir.glob("*.duckdb")) == workspaces_before  # reopened, none created


def test_unknown_workspace_link_is_refused_without_revealing_anything(page, app_server):
    open_app(page, app_server.url)  # a real workspace exists on this server
    open_app(page, f"{app_server.url}/?ws=NoSuchWorkspaceTokenHere123")
    expect(page.get_by_text("does not match any workspace")).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"] [data-testid="stMetric"]')).to_have_count(0)
    with expect_rerun(page):
        page.get_by_role("button", name="Start a fresh workspace").click()
    wait_for_idle(page, timeout=60_000)
    assert "ws" not in parse_qs(urlparse(page.url).query)  # a fresh start: the sample, no workspace yet
    assert sidebar_metric(page, "Respondents") == "600"


def test_deep_links_on_a_cold_server_keep_the_workspace(page, app_server):
    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    # The Data page is the default page: its link is the root URL.
    for path, heading in (("", "Data"), ("job_map", "Job map"), ("opportunities", "Opportunities")):
        app_server.restart()  # a cold server: Streamlit's legacy pages/ mode is active until the router runs
        goto_page(page, app_server.url, path, token)
        assert token_of(page.url) == token, path
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        expect(page.get_by_text("Page not found")).to_have_count(0)
        assert sidebar_metric(page, "Respondents") == "600"
        assert not exception_texts(page)


def test_a_workbook_uploads_through_the_file_input_and_the_counts_change(page, app_server, tmp_path):
    from tests.unit.survey_builders import canonical_workbook

    outcomes = {f"O{i}": (f"Step {1 + i // 3}", f"Minimize the time it takes to do thing {i}") for i in range(7)}
    ratings = {o: [(5, 1), (4, 2), (2, 4)] * 14 for o in outcomes}  # 42 respondents
    workbook = canonical_workbook(tmp_path / "workshop_survey.xlsx", outcomes, ratings)
    open_app(page, app_server.url)
    assert sidebar_metric(page, "Respondents") == "600"
    workspaces_before = set(app_server.data_dir.glob("*.duckdb"))

    with expect_rerun(page):
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(workbook))
    wait_for_idle(page, timeout=60_000)
    confirm = page.get_by_role("button", name=re.compile("^Replace"))
    expect(confirm).to_be_visible()
    expect(page.get_by_text("Kept", exact=True)).to_be_visible()
    screenshot(page, "upload-confirm")
    with expect_rerun(page):
        confirm.click()
    wait_for_idle(page, timeout=60_000)
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("workshop survey")
    assert sidebar_metric(page, "Respondents") == "42"
    assert sidebar_metric(page, "Outcomes") == "7"
    assert sidebar_metric(page, "Job steps") == "3"
    assert not exception_texts(page)
    screenshot(page, "upload-done")
    # the upload was this first visit's first change: it created one workspace and put it in the link
    (created,) = set(app_server.data_dir.glob("*.duckdb")) - workspaces_before
    assert token_of(page.url) == created.stem
