"""The Customers page's body as one ``st.fragment``: ticking a fact reruns only this part (not the
sidebar), and the summary strip, the card and its share change together.

Layout for 1280 × 720: the summary strip, one line to add a customer, one to add a fact, the
filters, then the cards three per row (ui/customers_cards.py).
"""

from __future__ import annotations

import streamlit as st

from core.strategy import customers as store
from core.strategy.customers import KIND_TITLES, KINDS
from core.views.customers import SORTS, UNLINKED, CustomersView, board
from core.workspace.database import Workspace
from ui.customers_cards import grid
from ui.customers_data import ERROR_KEY, change, show_feedback, view
from ui.customers_summary import rules_and_figures, summary_strip

NEW_NAME_KEY = "customers_new_name"
NEW_TAGS_KEY = "customers_new_tags"
FACT_FOR_KEY = "customers_fact_for"
FACT_KIND_KEY = "customers_fact_kind"
FACT_TEXT_KEY = "customers_fact_text"
FACT_KNOWN_KEY = "customers_fact_known"
TAG_FILTER_KEY = "customers_filter_tag"
SEGMENT_FILTER_KEY = "customers_filter_segment"
SORT_KEY = "customers_sort"
ALL = "(all)"


def _add_customer(workspace: Workspace, pressed: bool) -> None:
    name = str(st.session_state.get(NEW_NAME_KEY) or "").strip()
    if not name and not pressed:
        return

    def add() -> None:
        customer_id = store.add_customer(workspace, name, tags=store.split_tags(st.session_state.get(NEW_TAGS_KEY)))
        st.session_state[FACT_FOR_KEY] = customer_id  # the next fact goes to the new customer

    if change(add, f"Added {name}"):
        st.session_state[NEW_NAME_KEY] = ""
        st.session_state[NEW_TAGS_KEY] = ""


def _add_fact(workspace: Workspace, pressed: bool) -> None:
    text = str(st.session_state.get(FACT_TEXT_KEY) or "").strip()
    if not text and not pressed:
        return
    customer_id = st.session_state.get(FACT_FOR_KEY)
    if customer_id is None:
        st.session_state[ERROR_KEY] = "Pick the customer the fact is about."
        return
    kind = st.session_state.get(FACT_KIND_KEY) or KINDS[0]
    known = bool(st.session_state.get(FACT_KNOWN_KEY))
    if change(lambda: store.add_fact(workspace, customer_id, kind, text, known), f"Added {text}"):
        st.session_state[FACT_TEXT_KEY] = ""


def quick_add(workspace: Workspace, v: CustomersView) -> None:
    """Two lines: a customer (name, tags), and a fact (customer, kind, text, already known?)."""
    name, tags, button = st.columns([3, 3, 1.2], vertical_alignment="bottom")
    name.text_input(
        "New customer", key=NEW_NAME_KEY, placeholder="e.g. Acme Logistics", max_chars=store.MAX_NAME,
        on_change=_add_customer, args=(workspace, False),
    )  # fmt: skip
    tags.text_input("Its tags (optional, separated by commas)", key=NEW_TAGS_KEY, placeholder="e.g. key account, EMEA")
    button.button("Add customer", icon=":material/person_add:", on_click=_add_customer, args=(workspace, True))
    if v.customers.empty:
        return
    names = dict(zip(v.customers["customer_id"], v.customers["name"], strict=True))
    if st.session_state.get(FACT_FOR_KEY) not in names:
        st.session_state[FACT_FOR_KEY] = next(iter(names))
    who, kind, text, known, add = st.columns([2.2, 1.3, 4, 1.3, 1.2], vertical_alignment="bottom")
    who.selectbox("Fact about", list(names), key=FACT_FOR_KEY, format_func=names.get)
    kind.selectbox("Kind", KINDS, key=FACT_KIND_KEY, format_func=KIND_TITLES.get)
    text.text_input(
        "What makes them unique", key=FACT_TEXT_KEY, placeholder="e.g. Plans to open a plant in Ohio next year",
        max_chars=store.MAX_FACT, on_change=_add_fact, args=(workspace, False),
    )  # fmt: skip
    known.checkbox("They know we know", key=FACT_KNOWN_KEY)
    add.button("Add fact", icon=":material/add:", on_click=_add_fact, args=(workspace, True))


def filters(v: CustomersView) -> tuple[str | None, str | None, str]:
    """Tag, segment and sort pickers; returns (tag, segment key, sort)."""
    tag_col, segment_col, sort_col = st.columns(3)
    tag = tag_col.selectbox("Tag", [ALL, *v.tags], key=TAG_FILTER_KEY)
    labels = {UNLINKED: UNLINKED, **dict(zip(v.segments["segment_key"], v.segments["label"], strict=True))}
    segment = segment_col.selectbox(
        "Segment", [ALL, *labels], key=SEGMENT_FILTER_KEY, format_func=lambda k: labels.get(k, k)
    )
    sort = sort_col.selectbox("Sort", list(SORTS), key=SORT_KEY, format_func=SORTS.get)
    return (None if tag == ALL else tag), (None if segment == ALL else segment), sort or "board"


@st.fragment
def customers_body(ws: Workspace) -> None:
    """Summary strip, quick add, rules, filters and the cards."""
    show_feedback()
    v = view(ws)
    for warning in v.warnings:
        st.warning(warning)
    summary_strip(v)
    quick_add(ws, v)
    with st.expander("Rules, settings, figures by segment and kind"):
        rules_and_figures(ws, v)
    if v.customers.empty:
        st.info("Add your top customers above, then what makes each of them unique.")
        return
    tag, segment, sort = filters(v)
    shown = board(v, tag, segment, sort)
    st.caption(
        f"{len(shown)} of {len(v.customers)} customers. Tick a fact when the customer knows we understand it "
        "(“they know we know”). Every change is saved at once."
    )
    grid(ws, v, shown)
