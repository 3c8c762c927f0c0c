"""Issue 9.1 in a real browser: a bomb uploaded in one session costs that session a message,
while a second session keeps working and the server stays up.

Before, the dimension bomb aborted the server (SIGABRT): every open session showed
"Connection error" and the server did not come back. The lying bomb used here passes the
limits check (its <dimension> says A1:B2), so it reaches the reader, in the bounded child.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import VIEWPORT, exception_texts, open_app, track_runs, wait_for_idle
from tests.hostile_files import dimension_bomb


def respondents(page) -> str:
    metric = page.locator('[data-testid="stSidebar"] [data-testid="stMetric"]').filter(has_text="Respondents")
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


@pytest.mark.timeout(400, method="signal")  # two sessions and a forkserver's first start
def test_a_bomb_in_one_session_leaves_the_other_session_and_the_server_working(page, browser, app_server, tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(dimension_bomb("lie"))
    other_context = browser.new_context(viewport=VIEWPORT)
    other = other_context.new_page()
    track_runs(other)
    try:
        open_app(page, app_server.url)
        open_app(other, app_server.url)
        server_pid = app_server.pid

        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(bomb))
        started = time.monotonic()
        # Meanwhile the other session reruns: it navigates and its pages render.
        for name in ("Job map", "Opportunities", "Data"):
            other.get_by_role("link", name=name).first.click()
            expect(other.get_by_role("heading", name=name, exact=True)).to_be_visible(timeout=60_000)
            wait_for_idle(other, timeout=60_000)
            assert respondents(other) == "600"

        expect(page.get_by_text(re.compile("needed more than 2,048 MiB of memory"))).to_be_visible(timeout=120_000)
        elapsed = time.monotonic() - started
        expect(page.get_by_role("heading", name="bomb.xlsx cannot be imported")).to_be_visible()
        assert respondents(page) == "600"
        assert not exception_texts(page) and not exception_texts(other)
        assert app_server.is_running and app_server.pid == server_pid
        print(f"lying dimension bomb: message after {elapsed:.1f} s")

        other.reload()  # a fresh run of the other session on the same server
        wait_for_idle(other, timeout=60_000)
        assert respondents(other) == "600"
    finally:
        other_context.close()
