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
from core.workspace.database import Workspace
from ui.customers_data import change, percent
from ui.customers_edit import edit_customer
from ui.text import literal

PER_ROW = 3


def known_key(fact_id: str, known: bool) -> str:
    return f"customers_known_{fact_id}_{int(known)}"


def _toggle(workspace: Workspace, fact_id: str, key: str, text: str) -> None:
    known = bool(st.session_state.get(key))
    change(lambda: store.set_known(workspace, fact_id, known), f"{'Marked' if known else 'Unmarked'}: {text}")


def _header(row: pd.Series) -> str:
    share = percent(row["share_known"])
    lines = [f"**{literal(row['name'])}** · **{share}** known ({row['known']} of {row['facts']})"]
    details = []
    if row["tags"]:
        details.append(":material/sell: " + ", ".join(literal(t) for t in row["tags"]))
    if row["segment_label"]:
        details.append(f":material/groups: {literal(row['segment_label'])}")
    if row["blurry"]:
        details.append(":orange[cannot tell apart]")
    if details:
        lines.append(" · ".join(details))
    return "  \n".join(lines)


def card(workspace: Workspace, row: pd.Series, facts: pd.DataFrame) -> None:
    """One customer's card."""
    st.markdown(_header(row))
    if isinstance(row["note"], str) and row["note"]:
        st.caption(literal(row["note"]))
    if facts.empty:
        st.caption("No facts yet: add one above (what makes this customer unique?).")
    for kind in KINDS:
        mine = facts[facts["kind"] == kind]
        if mine.empty:
            continue
        st.caption(KIND_TITLES[kind])
        for fact_id, text, known in zip(mine["fact_id"], mine["text"], mine["known"], strict=True):
            key = known_key(fact_id, bool(known))
            st.checkbox(
                literal(text), value=bool(known), key=key, on_change=_toggle, args=(workspace, fact_id, key, text)
            )
    if st.button("Edit", icon=":material/edit:", key=f"customers_edit_{row['customer_id']}"):
        edit_customer(workspace, str(row["customer_id"]))


def grid(workspace: Workspace, v: CustomersView, shown: pd.DataFrame) -> None:
    """The cards of ``shown`` (board rows), :data:`PER_ROW` per row."""
    by_customer = dict(tuple(v.facts.groupby("customer_id"))) if len(v.facts) else {}
    empty = v.facts.iloc[0:0]
    for start in range(0, len(shown), PER_ROW):
        columns = st.columns(PER_ROW)
        for column, (_, row) in zip(columns, shown.iloc[start : start + PER_ROW].iterrows(), strict=False):
            with column.container(border=True):
                card(workspace, row, by_customer.get(row["customer_id"], empty))
