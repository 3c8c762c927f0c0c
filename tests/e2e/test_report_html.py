"""The HTML report in Chromium with the network blocked (issue 15.5): every chart drawn from its
inline SVG, the bundled font loaded from the page itself, user text shown literally."""

from __future__ import annotations

from core.report.build import build_report
from core.report.html import render_html
from core.workspace.database import open_workspace
from tests.e2e.harness import screenshot
from tests.unit.report.report_survey import MARKDOWN, SCENARIO, SCRIPT, TOP_STATEMENT, hostile_workspace


def test_html_report_offline_in_chromium(page, tmp_path):
    workspace = hostile_workspace(open_workspace(), tmp_path)
    report = build_report(workspace)
    path = tmp_path / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    requested: list[str] = []
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    def block(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            requested.append(route.request.url)
            route.abort()

    page.route("**/*", block)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    charts = sum(len(s.charts) for s in report.sections)
    sizes = page.evaluate("[...document.querySelectorAll('figure svg')].map(s => s.getBoundingClientRect().width)")
    assert len(sizes) == charts == 3 and all(w > 300 for w in sizes)
    marks = "document.querySelectorAll('figure svg .mark-symbol path, figure svg .mark-rect path').length"
    assert page.evaluate(marks) > 5
    assert page.evaluate("document.fonts.check('16px \"DejaVu Sans\"')")
    assert page.evaluate("[...document.fonts].some(f => f.family.includes('DejaVu Sans') && f.status === 'loaded')")
    text = page.inner_text("body")
    for literal in (TOP_STATEMENT, SCRIPT, MARKDOWN, SCENARIO, "<b>Plan</b>"):
        assert literal in text, literal
    assert page.locator("script").count() == 0 and page.locator("b", has_text="Plan").count() == 0
    assert not requested, f"the report asked the network for {requested}"
    assert not dialogs
    screenshot(page, "report-html")
