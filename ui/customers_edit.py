"""Editing one customer in a dialog: name, note, tags, segment, its facts (kind, text, delete),
its place on the board, and deleting it. Each field is saved the moment it changes (the dialog
reruns alone); "Done" closes it and redraws the board.

Field keys hold the workspace revision, so after each save the fields restart from what is stored.
"""

from __future__ import annotations

import streamlit as st

from core.strategy import customers as store
from core.strategy.customers import KINDS
from core.views.customers import UNLINKED, split_key
from core.workspace.database import Workspace
from ui.customers_data import change, show_feedback, view
from ui.text import literal


def _key(workspace: Workspace, name: str) -> str:
    return f"customers_dialog_{name}_{workspace.revision}"


def _save(workspace: Workspace, key: str, action, done: str) -> None:
    value = st.session_state.get(key)
    change(lambda: action(value), done)


def _segment(workspace: Workspace, customer_id: str, value: str) -> None:
    segmentation_id, segment = (None, None) if value == UNLINKED else split_key(value)
    store.link_segment(workspace, customer_id, segmentation_id, segment)


@st.dialog("Edit customer", width="large")
def edit_customer(workspace: Workspace, customer_id: str) -> None:
    """The dialog for one customer."""
    v = view(workspace)
    rows = v.customers[v.customers["customer_id"] == customer_id]
    show_feedback()
    if rows.empty:
        st.info("This customer was deleted.")
        if st.button("Close", key="customers_dialog_close"):
            st.rerun()
        return
    row = rows.iloc[0]
    cid = customer_id
    name_key, note_key, tags_key, seg_key = (_key(workspace, n) for n in ("name", "note", "tags", "segment"))
    st.text_input(
        "Name", value=row["name"], key=name_key, max_chars=store.MAX_NAME,
        on_change=_save, args=(workspace, name_key, lambda x: store.update_customer(workspace, cid, name=x), "Name"),
    )  # fmt: skip
    st.text_area(
        "Note", value=row["note"] if isinstance(row["note"], str) else "", key=note_key, max_chars=store.MAX_NOTE,
        on_change=_save,
        args=(workspace, note_key, lambda x: store.update_customer(workspace, cid, note=x or None), "Note"),
    )  # fmt: skip
    st.text_input(
        "Tags, separated by commas", value=", ".join(row["tags"]), key=tags_key,
        on_change=_save,
        args=(workspace, tags_key, lambda x: store.set_tags(workspace, cid, store.split_tags(x)), "Tags"),
    )  # fmt: skip
    options = [UNLINKED, *v.segments["segment_key"]]
    labels = dict(zip(v.segments["segment_key"], v.segments["label"], strict=True))
    current = row["segment_key"] if row["segment_key"] in labels else UNLINKED
    if row["segment_gone"]:
        st.warning(f"Linked to {literal(row['segment_label'])}: pick a saved segment, or none.")
    st.selectbox(
        "Segment", options, index=options.index(current), key=seg_key, format_func=lambda k: labels.get(k, k),
        on_change=_save, args=(workspace, seg_key, lambda x: _segment(workspace, cid, x), "Segment"),
        help="Link the customer to a segment of a saved segmentation (Segments page).",
    )  # fmt: skip
    facts = v.facts_of(customer_id)
    st.markdown(f"**Facts** ({len(facts)})")
    for fact_id, kind, text in zip(facts["fact_id"], facts["kind"], facts["text"], strict=True):
        kind_col, text_col, delete_col = st.columns([1.3, 5, 0.8], vertical_alignment="bottom")
        k_key, t_key = _key(workspace, f"kind_{fact_id}"), _key(workspace, f"text_{fact_id}")
        set_kind = lambda x, f=fact_id: store.update_fact(workspace, f, kind=x)  # noqa: E731
        set_text = lambda x, f=fact_id: store.update_fact(workspace, f, text=x)  # noqa: E731
        kind_col.selectbox(
            "Kind", KINDS, index=KINDS.index(kind), key=k_key, format_func=str.capitalize,
            label_visibility="collapsed", on_change=_save, args=(workspace, k_key, set_kind, "Kind"),
        )  # fmt: skip
        text_col.text_input(
            "Fact", value=text, key=t_key, max_chars=store.MAX_FACT, label_visibility="collapsed",
            on_change=_save, args=(workspace, t_key, set_text, "Fact"),
        )  # fmt: skip
        delete_col.button(
            "", icon=":material/delete:", key=f"customers_dialog_delete_{fact_id}", help="Delete this fact",
            on_click=change, args=(lambda f=fact_id: store.delete_fact(workspace, f), "Deleted a fact"),
        )  # fmt: skip
    earlier, later, done = st.columns(3)
    earlier.button(
        "Move earlier", icon=":material/arrow_back:", key="customers_dialog_earlier",
        on_click=change, args=(lambda: store.move_customer(workspace, cid, -1), "Moved"),
    )  # fmt: skip
    later.button(
        "Move later", icon=":material/arrow_forward:", key="customers_dialog_later",
        on_click=change, args=(lambda: store.move_customer(workspace, cid, 1), "Moved"),
    )  # fmt: skip
    if done.button("Done", type="primary", icon=":material/check:", key="customers_dialog_done"):
        st.rerun()
    with st.expander("Delete this customer"):
        sure = st.checkbox("Yes, delete it with its facts and tags", key=f"customers_dialog_sure_{cid}")
        if st.button(
            "Delete customer", icon=":material/delete_forever:", disabled=not sure, key="customers_dialog_del"
        ):
            change(lambda: store.delete_customer(workspace, cid), f"Deleted {row['name']}")
            st.rerun()
