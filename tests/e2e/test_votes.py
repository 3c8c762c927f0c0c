"""Participant voting in Chromium (issue 17.2): two participants vote on phone-sized screens, the
facilitator's Focus matrix shows the tally within a few seconds without a reload, and the votes
are still there after the server restarts."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from core.strategy import votes
from core.workspace.database import open_workspace
from core.workspace.links import Role, link
from tests.e2e.harness import exception_texts, expect_rerun, open_app, track_runs, wait_for_idle
from tests.e2e.test_focus_matrix import open_focus

PHONE = {"width": 390, "height": 844}


def _vote(page, nth: int, choice: str) -> None:
    control = page.locator('[class*="st-key-vote_step_"]').nth(nth)
    with expect_rerun(page):
        control.get_by_role("radio", name=choice, exact=True).click()
    wait_for_idle(page, settle_ms=500)


def _stored(server, monkeypatch, token: str) -> list[tuple]:
    server.stop()
    monkeypatch.setenv("JTBD_DATA_DIR", str(server.data_dir))
    workspace = open_workspace(token)
    try:
        rows = workspace.cursor().execute("SELECT participant_id, step_id, choice FROM votes ORDER BY ALL").fetchall()
        return [*rows, votes.counts(workspace)["participants"]]
    finally:
        workspace.close()
        server.start()


@pytest.mark.timeout(420, method="signal")
def test_two_phones_vote_and_the_facilitator_sees_it_live(page, browser, app_server, monkeypatch):
    token = open_focus(page, app_server)
    monkeypatch.setenv("JTBD_DATA_DIR", str(app_server.data_dir))
    vote = link(token, Role.VOTE)
    expect(page.get_by_text("No votes yet", exact=False)).to_be_visible(timeout=30_000)

    phones = [browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True) for _ in range(2)]
    try:
        participants = []
        for number, context in enumerate(phones):
            phone = context.new_page()
            track_runs(phone)
            open_app(phone, f"{app_server.url}/?ws={vote}")
            expect(phone.get_by_role("heading", name="Your vote")).to_be_visible()
            expect(phone.get_by_text("Focus matrix")).to_have_count(0)  # no navigation
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"the vote page is wider than the phone: {width}px"
            _vote(phone, 0, "Differentiate")
            _vote(phone, 1, "Meet" if number == 0 else "Accept")
            participants.append(phone)
        _vote(participants[1], 0, "Accept")  # a change of mind replaces the vote
        assert not exception_texts(participants[0]) and not exception_texts(participants[1])

        # The facilitator's page refreshes the panel by itself (no reload, no click).
        expect(page.get_by_text("2 participants", exact=False)).to_be_visible(timeout=10_000)
        expect(page.get_by_text("4 step votes", exact=False)).to_be_visible(timeout=10_000)
        assert not exception_texts(page)
        voter_url = participants[0].url
    finally:
        for context in phones:
            context.close()

    stored = _stored(app_server, monkeypatch, token)  # a restart: stop, read the file, start again
    assert stored[-1] == 2 and len(stored) == 5
    assert sorted(choice for _, _, choice in stored[:-1]) == ["accept", "accept", "differentiate", "meet"]
    again = browser.new_context(viewport=PHONE)
    try:
        phone = again.new_page()
        track_runs(phone)
        open_app(phone, voter_url)  # the participant's own link (with ?voter=) after the restart
        first = phone.locator('[class*="st-key-vote_step_"]').nth(0)
        expect(first.get_by_role("radio", name="Differentiate", exact=True)).to_have_attribute("aria-checked", "true")
        expect(first.get_by_role("radio", name="Meet", exact=True)).to_have_attribute("aria-checked", "false")
    finally:
        again.close()
    open_app(page, f"{app_server.url}/focus_matrix?ws={token}")
    expect(page.get_by_text("2 participants", exact=False)).to_be_visible(timeout=30_000)
