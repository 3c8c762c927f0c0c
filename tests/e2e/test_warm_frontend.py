"""The browser loads the other pages' element code while the first page is read (ui/warm_frontend.py).

In real Chromium: the Data page's session imports every module of ``ELEMENTS`` in idle moments,
and a later visit to the Opportunities page (a chart and a table) fetches neither module again —
Streamlit's own lazy loading finds them already evaluated. With ``JTBD_WARM_FRONTEND=0`` the same
visit fetches them on the click, which is what the warm-up saves (bench/browser_bench.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import exception_texts, open_app, track_runs, wait_for_idle
from ui.warm_frontend import chunk_names

pytestmark = pytest.mark.e2e

DONE = "() => Boolean(window.__jtbdWarmFrontend && window.__jtbdWarmFrontend.done)"
FETCHED = "() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop())"
CHART_AND_TABLE = ("ArrowVegaLiteChart", "DataFrame")


def _fetched(page, element: str) -> int:
    return sum(1 for name in page.evaluate(FETCHED) if name.startswith(f"{element}.") and name.endswith(".js"))


def _open_opportunities(page) -> None:
    tracker = track_runs(page)
    before = tracker.finished
    page.locator('[data-testid="stSidebarNav"] a[href$="/opportunities"]').click()
    expect(page.get_by_role("heading", name="Opportunities", exact=True)).to_be_visible(timeout=60_000)
    wait_for_idle(page, 60_000, min_finished=before + 1)
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible(timeout=60_000)
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible(timeout=60_000)


def test_the_data_page_loads_the_other_pages_element_code_and_they_reuse_it(app_server, page) -> None:
    open_app(page, app_server.url)
    assert all(_fetched(page, element) == 0 for element in CHART_AND_TABLE)  # the Data page draws neither

    page.wait_for_function(DONE, timeout=60_000)
    loaded = page.evaluate("() => window.__jtbdWarmFrontend.loaded")
    assert sorted(loaded) == sorted(chunk_names())
    assert all(_fetched(page, element) == 1 for element in CHART_AND_TABLE)

    _open_opportunities(page)
    assert all(_fetched(page, element) == 1 for element in CHART_AND_TABLE)  # not fetched again
    assert exception_texts(page) == []

    page.reload()  # a new session sends the script again; the new document runs it again
    wait_for_idle(page, 60_000)
    page.wait_for_function(DONE, timeout=60_000)


def test_without_the_warm_up_the_first_chart_page_fetches_its_code_on_the_click(app_server_factory, page) -> None:
    server = app_server_factory(env={"JTBD_WARM_FRONTEND": "0"})
    open_app(page, server.url)
    page.wait_for_timeout(2_000)  # longer than the warm-up's delay: it would have begun
    assert page.evaluate("() => window.__jtbdWarmFrontend === undefined")
    assert all(_fetched(page, element) == 0 for element in CHART_AND_TABLE)

    _open_opportunities(page)
    assert all(_fetched(page, element) == 1 for element in CHART_AND_TABLE)
