"""The Customers page through AppTest: customers and facts added from the page are in the workspace
at once, ticking "they know we know" saves and changes the shares shown, filters narrow the cards,
the setting is saved, refusals are said, and user text stays literal."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.strategy import customers as cs
from core.views.customers import customers_view
from core.workspace.database import open_workspace
from tests.app.app_helpers import new_app, shown, texts, visit
from ui.customers_cards import known_key
from ui.customers_page import FACT_FOR_KEY, FACT_KIND_KEY, FACT_TEXT_KEY, NEW_NAME_KEY, NEW_TAGS_KEY, TAG_FILTER_KEY

PAGE = "pages/customers.py"
HOSTILE = "**Big** [deal](http://x.org)"


@pytest.fixture
def at(sample_token) -> AppTest:
    return visit(new_app(sample_token), PAGE)


def stored(token: str):
    ws = open_workspace(token)
    try:
        return customers_view(ws)
    finally:
        ws.close()


def seed(token: str) -> tuple[str, list[str]]:
    ws = open_workspace(token)
    try:
        a = cs.add_customer(ws, HOSTILE, tags=["key"])
        facts = [cs.add_fact(ws, a, k, f"{k} fact {n}") for n, k in enumerate(("quirk", "plan", "value", "value"))]
        cs.add_customer(ws, "Globex", tags=["new"])
        return a, facts
    finally:
        ws.close()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.main.metric if m.label == label)


def test_the_empty_board_invites_the_first_customer(at):
    assert metric(at, "Customers") == "0"
    assert "Add your top customers above" in texts(at.info)


def test_adding_a_customer_and_a_fact_from_the_page_saves_them(at, sample_token):
    at.text_input(key=NEW_TAGS_KEY).input("key account, EMEA")
    at.text_input(key=NEW_NAME_KEY).input(HOSTILE).run()
    assert not at.exception, at.exception
    v = stored(sample_token)
    assert v.customers["name"].tolist() == [HOSTILE]
    assert v.customers["tags"].tolist() == [("EMEA", "key account")]
    assert metric(at, "Customers") == "1"
    assert HOSTILE in texts(at.toast)
    assert at.selectbox(key=FACT_FOR_KEY).value == v.customers["customer_id"].iloc[0]  # the new customer
    at.selectbox(key=FACT_KIND_KEY).set_value("plan")
    at.text_input(key=FACT_TEXT_KEY).input("=cmd|' /C calc'!A0").run()
    assert not at.exception, at.exception
    facts = stored(sample_token).facts
    assert facts[["kind", "text", "known"]].values.tolist() == [["plan", "=cmd|' /C calc'!A0", False]]
    assert metric(at, "Facts") == "1"
    # shown literally: the Markdown source is escaped, the browser shows the text as typed
    header = next(m.value for m in at.main.markdown if "known (" in m.value)
    assert "**Big**" not in header and HOSTILE in shown(header)


def test_ticking_a_fact_saves_it_and_the_shares_change(at, sample_token):
    _, facts = seed(sample_token)
    at.run()
    assert metric(at, "Share known") == "0 %"
    assert metric(at, "Cannot tell apart") == "1"  # Globex has no facts
    at.checkbox(key=known_key(facts[0], False)).check().run()
    assert not at.exception, at.exception
    assert stored(sample_token).facts.set_index("fact_id").loc[facts[0], "known"]
    assert metric(at, "Share known") == "25 %"
    header = next(shown(m.value) for m in at.main.markdown if HOSTILE in shown(m.value))
    assert "**25 %** known (1 of 4)" in header and "key" in header
    at.checkbox(key=known_key(facts[0], True)).uncheck().run()  # the key follows the stored mark
    assert not stored(sample_token).facts["known"].any()
    assert metric(at, "Share known") == "0 %"


def test_the_tag_filter_narrows_the_cards(at, sample_token):
    seed(sample_token)
    at.run()
    assert "Showing 1–2 of 2 customers" in texts(at.caption)
    at.selectbox(key=TAG_FILTER_KEY).set_value("new").run()
    assert "Showing 1–1 of 1 customers" in texts(at.caption)
    assert not any(HOSTILE in shown(m.value) for m in at.main.markdown)


def test_a_repeated_name_is_refused_with_a_message(at, sample_token):
    seed(sample_token)
    at.run()
    at.text_input(key=NEW_NAME_KEY).input("GLOBEX").run()
    assert "There is already a customer called “GLOBEX”" in texts(at.error)
    assert len(stored(sample_token).customers) == 2


def test_the_fewest_facts_setting_is_saved_and_moves_the_count(at, sample_token):
    seed(sample_token)
    at.run()
    assert metric(at, "Cannot tell apart") == "1"
    at.button(key="customers_rules").click().run()  # the rules dialog
    assert "A segment is known deeply" in texts(at.markdown)
    box = next(n for n in at.number_input if n.label == "Fewest facts to tell a customer apart")
    box.set_value(5).run()
    assert not at.exception, at.exception
    assert stored(sample_token).settings.min_facts == 5
    assert metric(at, "Cannot tell apart") == "2"  # 4 facts < 5 now


def test_the_edit_dialog_renames_and_tags_a_customer(at, sample_token):
    customer, _ = seed(sample_token)
    at.run()
    at.button(key=f"customers_edit_{customer}").click().run()
    assert not at.exception, at.exception
    name = next(t for t in at.text_input if t.label == "Name")
    assert name.value == HOSTILE
    name.input("Acme").run()
    assert not at.exception, at.exception
    assert stored(sample_token).customers["name"].tolist() == ["Acme", "Globex"]


def test_a_bad_stored_setting_is_said_and_its_default_used(at, sample_token):
    seed(sample_token)
    ws = open_workspace(sample_token)
    ws.set_setting("customers", {"min_facts": "**many**"})
    ws.close()
    at.run()
    assert not at.exception, at.exception
    assert "min_facts = “**many**”, which is not a whole number" in texts(at.warning)
    assert metric(at, "Cannot tell apart") == "1"  # the default 3: Globex (no facts)
