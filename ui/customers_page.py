"""The Customers page's body as one ``st.fragment``: ticking a fact reruns only this part (not the
sidebar), and the summary strip, the card and its share change together.

Layout for 1280 × 720: the summary strip, one line to add a customer, one to add a fact, the
filters, then the cards three per row (ui/customers_cards.py), nine per page: with 400
checkboxes on one screen a tick took over 600 ms to redraw, with nine cards it stays under 200 ms
(bench/customers_bench.py). Filters and sort apply before the paging.
"""

from __future__ import annotations

import math

import streamlit as st

from core.strategy import customers as store
from core.strategy.customers import KINDS
from core.views.customers import SORTS, UNLINKED, CustomersView, board
from core.workspace.database import Workspace
from ui.customers_cards import grid
from ui.customers_data import ERROR_KEY, change, show_feedback, view
from ui.customers_summary import rules_dialog, summary_strip
from ui.fragments import workspace_fragment
from ui.text import literal
from ui.view_only import writable

NEW_NAME_KEY = "customers_new_name"
NEW_TAGS_KEY = "customers_new_tags"
FACT_FOR_KEY = "customers_fact_for"
FACT_KIND_KEY = "customers_fact_kind"
FACT_TEXT_KEY = "customers_fact_text"
TAG_FILTER_KEY = "customers_filter_tag"
SEGMENT_FILTER_KEY = "customers_filter_segment"
SORT_KEY = "customers_sort"
PAGE_KEY = "customers_page"
PAGE_SIZE = 9  # three rows of three cards: a tick redraws at most 9 cards (bench/customers_bench.py)
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
    if change(lambda: store.add_fact(workspace, customer_id, kind, text), f"Added {text}"):
        st.session_state[FACT_TEXT_KEY] = ""


def _customer_fields(workspace: Workspace) -> None:
    st.text_input(
        "New customer", key=NEW_NAME_KEY, placeholder="e.g. Acme Logistics", max_chars=store.MAX_NAME,
        on_change=_add_customer, args=(workspace, False),
    )  # fmt: skip
    st.text_input("Its tags (optional, separated by commas)", key=NEW_TAGS_KEY, placeholder="e.g. key account, EMEA")
    st.button("Add customer", icon=":material/person_add:", on_click=_add_customer, args=(workspace, True))


def quick_add(workspace: Workspace, v: CustomersView) -> None:
    """One line: a fact (customer, kind, text) and, in a popover, a new customer (name, tags).
    On an empty board the customer's fields show at once."""
    if v.customers.empty:
        _customer_fields(workspace)
        return
    names = dict(zip(v.customers["customer_id"], v.customers["name"], strict=True))
    if st.session_state.get(FACT_FOR_KEY) not in names:
        st.session_state[FACT_FOR_KEY] = next(iter(names))
    who, kind, text, add, new = st.columns([2, 1.4, 3.6, 1.2, 1.9], vertical_alignment="bottom")
    who.selectbox("Fact about", list(names), key=FACT_FOR_KEY, format_func=names.get)
    kind.selectbox("Kind", KINDS, key=FACT_KIND_KEY, format_func=str.capitalize)
    text.text_input(
        "What makes them unique", key=FACT_TEXT_KEY, placeholder="e.g. Plans a plant in Ohio next year",
        max_chars=store.MAX_FACT, on_change=_add_fact, args=(workspace, False),
    )  # fmt: skip
    add.button("Add", icon=":material/add:", help="Add the fact", on_click=_add_fact, args=(workspace, True))
    with new.popover("Customer", icon=":material/person_add:", use_container_width=True):
        _customer_fields(workspace)


def filters(workspace: Workspace, v: CustomersView) -> tuple[str | None, str | None, str]:
    """Tag, segment and sort pickers, and the rules (a dialog: drawn only when open); returns
    (tag, segment key, sort)."""
    tag_col, segment_col, sort_col, rules_col = st.columns([2.6, 3, 2.8, 1.5], vertical_alignment="bottom")
    tag = tag_col.selectbox("Tag", [ALL, *v.tags], key=TAG_FILTER_KEY)
    labels = {UNLINKED: UNLINKED, **dict(zip(v.segments["segment_key"], v.segments["label"], strict=True))}
    segment = segment_col.selectbox(
        "Segment", [ALL, *labels], key=SEGMENT_FILTER_KEY, format_func=lambda k: labels.get(k, k)
    )
    sort = sort_col.selectbox("Sort", list(SORTS), key=SORT_KEY, format_func=SORTS.get)
    if rules_col.button("Rules", icon=":material/rule:", use_container_width=True, key="customers_rules"):
        rules_dialog(workspace)
    return (None if tag == ALL else tag), (None if segment == ALL else segment), sort or "board"


@workspace_fragment
def customers_body(ws: Workspace) -> None:
    """Summary strip, quick add, rules, filters and the cards."""
    show_feedback()
    v = view(ws)
    for warning in v.warnings:
        st.warning(literal(warning), icon=":material/tune:")
    summary_strip(v)
    if writable(ws):  # a view link adds nothing (issue 17.1)
        quick_add(ws, v)
    if v.customers.empty:
        st.info(
            "Add your top customers above, then what makes each of them unique."
            if writable(ws)
            else "No customer on the board yet: the facilitator adds them with the edit link."
        )
        return
    tag, segment, sort = filters(ws, v)
    shown = board(v, tag, segment, sort)
    pages = max(1, math.ceil(len(shown) / PAGE_SIZE))
    note, pager = st.columns([5, 1.2], vertical_alignment="center")
    page = 1
    if pages > 1:
        page = pager.selectbox(
            "Page", range(1, pages + 1), key=PAGE_KEY, format_func=lambda n: f"Page {n} of {pages}",
            label_visibility="collapsed",
        )  # fmt: skip
    first = (page - 1) * PAGE_SIZE
    ticks = "tick a fact when" if writable(ws) else "a tick means"  # a view link: the ticks are greyed
    note.caption(
        f"{ticks.capitalize()} the customer knows we understand it (“they know we know”)"
        f"{'; saved at once' if writable(ws) else ''}. "
        f"Showing {first + 1 if len(shown) else 0}–{min(first + PAGE_SIZE, len(shown))} of {len(shown)} "
        f"customers ({len(v.customers)} on the board)."
    )
    grid(ws, v, shown.iloc[first : first + PAGE_SIZE])
