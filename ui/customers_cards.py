"""The customer cards: a grid of bordered containers, three per row, each with the customer's
name, share known, tags and segment, and its facts grouped by kind, each with a "they know we
know" checkbox saved the moment it is ticked.

A checkbox's key holds the stored mark (``…_<fact_id>_<0|1>``): after any change, on this
screen or another, the widget shows what is stored, never a stale tick.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.strategy import customers as store
from core.strategy.customers import KIND_TITLES, KINDS
from core.views.customers import CustomersView
from core.wording import percent
from core.workspace.database import Workspace
from ui.customers_data import change
from ui.customers_edit import edit_customer
from ui.text import literal
from ui.view_only import writable

PER_ROW = 3


def known_key(fact_id: str, known: bool) -> str:
    return f"customers_known_{fact_id}_{int(known)}"


def _toggle(workspace: Workspace, fact_id: str, key: str, text: str) -> None:
    known = bool(st.session_state.get(key))
    change(lambda: store.set_known(workspace, fact_id, known), f"{'Marked' if known else 'Unmarked'}: {text}")


def _header(row: dict) -> str:
    share = percent(row["share_known"])
    lines = [f"**{literal(row['name'])}** · **{share}** known ({row['known']} of {row['facts']})"]
    details = []
    if row["tags"]:
        details.append(":material/sell: " + ", ".join(literal(t) for t in row["tags"]))
    if isinstance(row["segment_label"], str):
        details.append(f":material/groups: {literal(row['segment_label'])}")
    if row["blurry"]:
        details.append(":orange[cannot tell apart]")
    if details:
        lines.append(" · ".join(details))
    return "  \n".join(lines)


def card(workspace: Workspace, row: dict, facts: list[tuple[str, str, str, bool]]) -> None:
    """One customer's card; ``facts``: (fact_id, kind, text, known) in order."""
    st.markdown(_header(row))
    if isinstance(row["note"], str) and row["note"]:
        st.caption(literal(row["note"]))
    viewer = not writable(workspace)  # a view link: the ticks show, greyed; nothing to edit
    if not facts:
        st.caption("No facts yet." if viewer else "No facts yet: add one above (what makes this customer unique?).")
    for kind in KINDS:
        mine = [f for f in facts if f[1] == kind]
        if not mine:
            continue
        st.caption(KIND_TITLES[kind])
        for fact_id, _, text, known in mine:
            key = known_key(fact_id, known)
            st.checkbox(
                literal(text),
                value=known,
                key=key,
                on_change=_toggle,
                args=(workspace, fact_id, key, text),
                disabled=viewer,
            )
    if not viewer and st.button("Edit", icon=":material/edit:", key=f"customers_edit_{row['customer_id']}"):
        edit_customer(workspace, str(row["customer_id"]))


def grid(workspace: Workspace, v: CustomersView, shown: pd.DataFrame) -> None:
    """The cards of ``shown`` (board rows), :data:`PER_ROW` per row. Plain Python rows, not
    pandas ones: a card is read field by field, and pandas indexing per field was most of the
    redraw's time."""
    wanted = set(shown["customer_id"])
    by_customer: dict[str, list[tuple[str, str, str, bool]]] = {}
    facts = v.facts[v.facts["customer_id"].isin(wanted)]
    for fact_id, customer_id, kind, text, known in zip(
        facts["fact_id"], facts["customer_id"], facts["kind"], facts["text"], facts["known"], strict=True
    ):
        by_customer.setdefault(customer_id, []).append((fact_id, kind, text, bool(known)))
    rows = shown.to_dict("records")
    for start in range(0, len(rows), PER_ROW):
        columns = st.columns(PER_ROW)
        for column, row in zip(columns, rows[start : start + PER_ROW], strict=False):
            with column.container(border=True, key=f"customer_card_{row['customer_id']}"):
                card(workspace, row, by_customer.get(row["customer_id"], []))
