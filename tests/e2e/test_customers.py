"""The Customers page in Chromium (issue 14.6): add a customer and facts, tick "they know we know"
and see the card's share and the summary's share change on the same screen; a screenshot at
1280 × 720 for a look."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.harness import exception_texts, expect_rerun, open_app, sample_workspace, screenshot

BOARD = {
    "Acme Logistics": (["key account"], [("quirk", "Buys only in Q4", True), ("plan", "New hub in Rotterdam", False),
                                         ("challenge", "Driver shortage", True), ("value", "Punctuality", True)]),
    "Globex": (["EMEA"], [("strength", "Own fleet", False), ("plan", "Going electric by 2028", False)]),
    "=Initech": ([], [("value", "Lowest price", True)]),
    "**Umbrella** [Corp](http://x.org)": (["key account"], [("quirk", "Weekly calls", False),
                                                            ("challenge", "Seasonal peaks", False),
                                                            ("strength", "Data team", True)]),
}  # fmt: skip


def metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text()


def seed(token: str, data_dir, monkeypatch) -> None:
    from core.strategy import customers as cs
    from core.workspace.database import open_workspace

    monkeypatch.setenv("JTBD_DATA_DIR", str(data_dir))  # the server has not opened it yet
    workspace = open_workspace(token)
    try:
        for name, (tags, facts) in BOARD.items():
            customer = cs.add_customer(workspace, name, tags=tags)
            for kind, text, known in facts:
                cs.add_fact(workspace, customer, kind, text, known)
    finally:
        workspace.close()


def card(page, name: str):
    return page.locator('[class*="st-key-customer_card_"]').filter(has_text=name)


def test_add_a_customer_and_facts_tick_one_and_the_shares_change(page, app_server, monkeypatch):
    open_app(page, app_server.url)
    token = sample_workspace(app_server)
    seed(token, app_server.data_dir, monkeypatch)
    open_app(page, f"{app_server.url}/customers?ws={token}")
    expect(page.get_by_role("heading", name="Customers").first).to_be_visible()
    assert metric(page, "Customers") == "4"
    assert metric(page, "Share known") == "50 %"  # 5 of 10 facts
    expect(page.get_by_text("**Umbrella** [Corp](http", exact=False).first).to_be_visible()  # literal, not bold

    page.get_by_role("button", name="Customer").click()
    name = page.get_by_label("New customer")
    name.fill("Hooli")
    with expect_rerun(page):
        name.press("Enter")
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Customers")).to_contain_text("5")
    fact = page.get_by_label("What makes them unique")
    for text in ("Plans a second plant", "Hates long contracts"):  # the fact picker is on the new customer
        fact.fill(text)
        with expect_rerun(page):
            fact.press("Enter")
        expect(card(page, "Hooli")).to_contain_text(text)
    page.keyboard.press("Escape")  # close the new-customer popover
    hooli = card(page, "Hooli")
    expect(hooli).to_contain_text("0 % known (0 of 2)")
    assert metric(page, "Facts") == "12"
    assert metric(page, "Share known") == "42 %"  # 5 of 12

    hooli.scroll_into_view_if_needed()
    with expect_rerun(page):
        hooli.locator('[data-testid="stCheckbox"]').filter(has_text="Plans a second plant").locator("label").click()
    expect(hooli).to_contain_text("50 % known (1 of 2)")
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Share known")).to_contain_text("50 %")  # 6/12
    assert exception_texts(page) == []
    screenshot(page, "customers_1280x720")
    page.mouse.wheel(0, -5000)
    page.wait_for_timeout(300)
    screenshot(page, "customers_top_1280x720")

    open_app(page, f"{app_server.url}/customers?ws={token}")  # saved: a reload shows the same
    expect(card(page, "Hooli")).to_contain_text("50 % known (1 of 2)")
    checkbox = card(page, "Hooli").get_by_role("checkbox", name="Plans a second plant")
    expect(checkbox).to_be_checked()
    card(page, "Hooli").get_by_role("button", name="Edit").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_label("Name")).to_have_value("Hooli")
    screenshot(page, "customers_edit_1280x720")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    page.get_by_role("button", name="Rules").click()
    expect(page.get_by_role("dialog")).to_contain_text("A segment is known deeply")
    expect(page.get_by_role("dialog").locator('[data-testid="stDataFrame"]').first).to_be_visible()
    page.wait_for_timeout(1500)  # the table's canvas draws after it shows
    screenshot(page, "customers_rules_1280x720")
    assert exception_texts(page) == []
