"""The Metrics page in Chromium (issue 14.6): add a metric from a template, give it a baseline and
a target, add measurements and see the chart and the status change; a screenshot at 1280 × 720."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from tests.e2e.harness import exception_texts, expect_rerun, open_app, sample_workspace, screenshot

CHART = '[data-testid="stVegaLiteChart"]'


def badge(page):
    return (
        page.locator('[data-testid="stMarkdownBadge"], span')
        .filter(has_text=re.compile(r"^(No data|No target|On track|At risk|Off track)$"))
        .first
    )


def type_and_enter(page, label: str, text: str) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(text)
    with expect_rerun(page):
        box.press("Enter")


def set_date(page, day: dt.date) -> None:
    """Type a day into the entry row's date field (inside the form: no rerun until "Add")."""
    field = page.get_by_role("group", name="Date", exact=True)
    field.get_by_role("spinbutton").first.click()
    page.keyboard.type(f"{day:%Y%m%d}")  # year, month, day segments: each moves on when full


def test_template_then_measurements_change_the_chart_and_status(page, app_server):
    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    open_app(page, f"{app_server.url}/metrics?ws={token}")
    expect(page.get_by_role("heading", name="Metrics").first).to_be_visible()
    expect(page.get_by_text("No metric yet")).to_be_visible()

    with expect_rerun(page):
        page.get_by_role("button", name="Retention").click()
    expect(badge(page)).to_have_text("No data")
    expect(page.get_by_text("No measurement yet: add the first one")).to_be_visible()

    page.get_by_role("tab", name="Edit metric").click()
    type_and_enter(page, "Baseline", "80")
    type_and_enter(page, "Target", "90")
    expect(badge(page)).to_have_text("No data")
    page.mouse.wheel(0, -5000)

    month_ago = dt.date.today() - dt.timedelta(days=30)
    set_date(page, month_ago)
    type_and_enter(page, "Value (%)", "78,5")  # worse than the baseline
    expect(badge(page)).to_have_text("Off track")
    chart = page.locator(CHART).first
    expect(chart).to_be_visible()
    expect(page.locator(f"{CHART} .mark-symbol path")).to_have_count(1)
    page.wait_for_timeout(300)
    screenshot(page, "metrics_first_measurement_1280x720")

    set_date(page, dt.date.today())
    value = page.get_by_label("Value (%)", exact=True)
    value.fill("86")
    with expect_rerun(page):
        page.get_by_role("button", name="Add measurement").click()
    expect(badge(page)).to_have_text("On track")
    expect(page.get_by_text("60 % of the way from 80 to 90")).to_be_visible()
    expect(page.locator(f"{CHART} .mark-symbol path")).to_have_count(2)
    assert exception_texts(page) == []
    page.mouse.wheel(0, -5000)
    page.wait_for_timeout(500)
    screenshot(page, "metrics_1280x720")


def test_the_list_with_statuses_and_the_templates_at_projector_size(page, app_server, monkeypatch):
    from core.strategy import metric_measurements, metrics
    from core.workspace.database import open_workspace

    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    monkeypatch.setenv("JTBD_DATA_DIR", str(app_server.data_dir))  # the server has not opened it yet
    today = dt.date.today()
    start, end = today - dt.timedelta(days=180), today + dt.timedelta(days=180)
    workspace = open_workspace(token)
    try:
        for key, owner, values in (
            ("win_rate_differentiated", "=1+1", [22, 26, 31]),  # 30 → 40: 10 % of the way at half time
            ("retention", "Customer success", [80, 84, 86]),
            ("acquisition_efficiency", "*Marketing*", [500, 470, 450]),
            ("margin", None, []),
        ):
            metric = metrics.add_from_template(
                workspace, key, owner=owner, baseline=values[0] if values else None,
                target=values[0] * (0.8 if key == "acquisition_efficiency" else 1.25) if values else None,
                baseline_date=start, target_date=end,
            )  # fmt: skip
            for week, value in enumerate(values):
                day = start + dt.timedelta(days=60 * (week + 1))
                metric_measurements.add_measurement(workspace, metric, day, value, "[link](http://x.org)")
    finally:
        workspace.close()
    open_app(page, f"{app_server.url}/metrics?ws={token}")
    expect(page.locator(CHART).first).to_be_visible()
    page.wait_for_timeout(500)
    screenshot(page, "metrics_plan_1280x720")
    page.get_by_role("tab", name="All metrics").click()
    table = page.locator('[data-testid="stDataFrame"]').first
    table.scroll_into_view_if_needed()
    expect(table).to_be_visible()
    page.wait_for_timeout(500)
    screenshot(page, "metrics_list_1280x720")
    with expect_rerun(page):
        page.get_by_text("Every metric's chart").click()
    expect(page.locator(CHART)).to_have_count(4)  # the selected metric's + the three with values
    page.locator(CHART).nth(2).scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    screenshot(page, "metrics_all_charts_1280x720")
    page.get_by_role("tab", name="Add a metric").click()
    page.get_by_role("button", name="Lifetime value").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    screenshot(page, "metrics_templates_1280x720")
    assert exception_texts(page) == []


def test_a_csv_upload_adds_points_and_reports_the_bad_row(page, app_server, monkeypatch, tmp_path):
    from core.strategy import metrics
    from core.workspace.database import open_workspace

    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    monkeypatch.setenv("JTBD_DATA_DIR", str(app_server.data_dir))
    workspace = open_workspace(token)
    try:
        metrics.add_from_template(workspace, "advocacy", baseline=10, target=30)
    finally:
        workspace.close()
    csv = tmp_path / "advocacy.csv"
    csv.write_text("Date;Value;Note\n31.01.2026;12,5;wave 1\n2026-02-30;13;typo\n2026-03-31;18;wave 2\n", "utf-8")
    open_app(page, f"{app_server.url}/metrics?ws={token}")
    page.get_by_role("tab", name="Paste or upload").click()
    with expect_rerun(page):
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(csv))
    with expect_rerun(page):
        page.get_by_role("button", name="Import").click()
    report = page.get_by_test_id("stAlertContentWarning")  # not the toast, which says the same for a while
    expect(report).to_have_text("Imported 2 measurements; 1 row skipped.")
    expect(page.locator('[data-testid="stDataFrame"]').last).to_contain_text("Line 3")
    expect(page.locator(f"{CHART} .mark-symbol path")).to_have_count(2)
    expect(badge(page)).to_have_text("On track")
    assert exception_texts(page) == []
    screenshot(page, "metrics_upload_1280x720")
