"""A page body's fragment reruns in the session's workspace, not in a handle closed since the
page's last full run (ui/fragments.py), in a real browser against ``streamlit run``."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import exception_texts, expect_rerun, open_app

pytestmark = pytest.mark.e2e

PROBE = "tests/e2e/apps/fragment_workspace_probe.py"


@pytest.fixture(scope="module")
def probe_server(app_server_factory):
    return app_server_factory(script=PROBE)


def test_a_fragment_rerun_reads_the_workspace_after_its_handle_was_released(probe_server, page) -> None:
    open_app(page, probe_server.url)
    status = page.get_by_text("Workspace: revision")
    expect(status).to_have_text("Workspace: revision 0, full runs 1")

    with expect_rerun(page):
        page.get_by_role("button", name="Release the session's handle").click()
    with expect_rerun(page):
        page.get_by_role("button", name="Rerun the fragment").click()

    assert exception_texts(page) == []
    # Still "full runs 1": both clicks reran the fragment alone, with the page's first handle as its
    # argument, and that handle is closed by now.
    expect(status).to_have_text("Workspace: revision 0, full runs 1")


def test_a_fragment_rerun_after_the_link_was_revoked_reruns_the_whole_page(probe_server, page) -> None:
    """ui.fragments.session_workspace: a fragment rerun whose workspace no longer opens reruns the
    page (here the probe's full run says so; in the app the router shows its page), never an
    exception inside the fragment. Room votes' refreshing panel opens its workspace the same way."""
    open_app(page, probe_server.url)
    expect(page.get_by_text("Workspace: revision")).to_have_text("Workspace: revision 0, full runs 1")

    with expect_rerun(page):
        page.get_by_role("button", name="Revoke the session's link").click()
    page.get_by_role("button", name="Rerun the fragment").click()

    gone = page.get_by_text("The workspace no longer opens")
    expect(gone).to_have_text("The workspace no longer opens (full runs 2)")
    assert exception_texts(page) == []
