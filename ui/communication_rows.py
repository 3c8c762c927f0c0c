"""Rows and columns of the map: the touchpoints editor (rename, stage, add, reorder by the Order
column, delete — a touchpoint holding messages only after an explicit prompt naming how many
messages go with it) and the columns (add a capability, a proof or a text; hide a default step;
delete an added element or the messages of a step no longer differentiated)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.strategy import communication as comm
from core.strategy.capabilities import capabilities
from core.strategy.communication_rows import apply_touchpoint_table
from core.views.communication import CommunicationView
from core.wording import plural
from core.workspace.database import Workspace
from ui.communication_data import change, editor
from ui.text import literal
from ui.view_only import writable

PENDING_KEY = "communication_delete_pending"
KIND_KEY = "communication_new_kind"
TEXT_KEY = "communication_new_text"
CAPABILITY_KEY = "communication_new_capability"
ROW_PX = 35
TABLE = ["touchpoint_id", "order", "name", "stage", "messages"]


def touchpoint_frame(view: CommunicationView) -> pd.DataFrame:
    frame = view.touchpoints[["touchpoint_id", "name", "stage"]].copy()
    frame["order"] = range(1, len(frame) + 1)
    counts = view.messages.groupby("touchpoint_id").size()
    frame["messages"] = frame["touchpoint_id"].map(counts).fillna(0).astype(int)
    frame["stage"] = frame["stage"].astype("string")
    return frame[TABLE]


def touchpoints_editor(workspace: Workspace, view: CommunicationView) -> None:
    """The touchpoints table, saved at every edit."""
    editor(
        workspace,
        "touchpoints",
        touchpoint_frame(view),
        apply_touchpoint_table,
        num_rows="dynamic",
        hide_index=True,
        column_order=TABLE[1:],
        height=ROW_PX * (len(view.touchpoints) + 2) + 3,
        column_config={
            "order": st.column_config.NumberColumn("Order", min_value=1, step=1, format="%d", width=64,
                                                   help="Type a new position to move the row."),
            "name": st.column_config.TextColumn("Touchpoint", required=True, width=220, max_chars=comm.MAX_NAME),
            "stage": st.column_config.SelectboxColumn("Journey stage", options=list(comm.STAGES), width=140),
            "messages": st.column_config.NumberColumn("Messages", disabled=True, width=90),
        },
    )  # fmt: skip
    if writable(workspace):  # a view link deletes nothing
        delete_prompt(workspace, view)


def _delete(workspace: Workspace, touchpoint_id: str, name: str) -> None:
    st.session_state.pop(PENDING_KEY, None)
    change(lambda: comm.delete_touchpoint(workspace, touchpoint_id), f"Deleted {name} and its messages")


def delete_prompt(workspace: Workspace, view: CommunicationView) -> None:
    """Delete a touchpoint that holds messages: pick it, then confirm a sentence naming the count."""
    counts = {str(k): int(v) for k, v in view.messages.groupby("touchpoint_id").size().items()}
    names = dict(zip(view.touchpoints["touchpoint_id"], view.touchpoints["name"], strict=True))
    held = [t for t in names if counts.get(t)]
    if not held:
        return
    with st.expander("Delete a touchpoint and its messages"):
        pick, button = st.columns([3, 1], vertical_alignment="bottom")
        chosen = pick.selectbox(
            "Touchpoint",
            held,
            format_func=lambda t: f"{names[t]} ({plural(counts[t], 'message')})",
            key="communication_del",
        )
        if button.button("Delete…", key="communication_del_go"):
            st.session_state[PENDING_KEY] = chosen
        pending = st.session_state.get(PENDING_KEY)
        if pending in names:
            st.warning(
                f"Delete **{literal(names[pending])}** and its **{plural(counts.get(pending, 0), 'message')}**? "
                "They are not kept anywhere else (download the workspace on the Export page first to keep a copy)."
            )
            yes, no = st.columns(2)
            yes.button("Yes, delete", type="primary", key="communication_del_yes", on_click=_delete,
                       args=(workspace, pending, names[pending]))  # fmt: skip
            no.button("Cancel", key="communication_del_no", on_click=st.session_state.pop, args=(PENDING_KEY, None))


def _add(workspace: Workspace) -> None:
    kind = st.session_state.get(KIND_KEY) or "proof"
    if kind == "capability":
        capability_id = st.session_state.get(CAPABILITY_KEY)
        change(lambda: comm.add_element(workspace, kind, capability_id=capability_id), "Added a column")
    elif change(lambda: comm.add_element(workspace, kind, st.session_state.get(TEXT_KEY)), "Added a column"):
        st.session_state[TEXT_KEY] = ""


def add_column(workspace: Workspace) -> None:
    """Add an element: a capability of the Capabilities page, a proof or a free text."""
    kind, what, button = st.columns([1.3, 3, 1], vertical_alignment="bottom")
    chosen = kind.selectbox("Add a column", list(comm.ELEMENT_KINDS), format_func=comm.ELEMENT_KINDS.get,
                            key=KIND_KEY)  # fmt: skip
    if chosen == "capability":
        caps = capabilities(workspace)
        options = dict(zip(caps["capability_id"], caps["name"], strict=True))
        what.selectbox("Capability", list(options), format_func=options.get, key=CAPABILITY_KEY,
                       placeholder="none yet: add one on the Capabilities page", index=None)  # fmt: skip
    else:
        what.text_input("Proof or text", key=TEXT_KEY, max_chars=comm.MAX_NAME * 2,
                        placeholder="e.g. 99.9 % uptime, audited")  # fmt: skip
    button.button("Add", icon=":material/add:", key="communication_add", on_click=_add, args=(workspace,))


def columns_control(workspace: Workspace, view: CommunicationView) -> None:
    """Every element with what it is and the one thing that can be done to it (greyed for a view link)."""
    viewer = not writable(workspace)
    if not viewer:
        add_column(workspace)
    for row in view.elements.itertuples():
        if row.kind == "step" and not (row.differentiated or row.hidden or row.messages_held):
            continue  # a step not chosen to differentiate and without messages is no column
        name, held = literal(row.name), int(row.messages_held)  # type: ignore[arg-type]
        text, action = st.columns([4, 1.4], vertical_alignment="center")
        key = f"communication_el_{row.element_id}"
        if row.kind == "step" and (row.differentiated or row.hidden):
            hidden = " (hidden)" if row.hidden else ""
            text.markdown(f"**{name}** — differentiated step{hidden}, {plural(held, 'message')}")
            action.button("Show" if row.hidden else "Hide", key=key, on_click=change, disabled=viewer,
                          args=(lambda s=int(row.step_id), h=not row.hidden: comm.hide_step(workspace, s, h),  # type: ignore[arg-type]
                                "Columns changed"))  # fmt: skip
        elif row.kind == "step":
            text.markdown(f"**{name}** — {comm.choice_label(row.choice)}, {plural(held, 'message')}")
            action.button(f"Delete {plural(held, 'message')}", key=key, on_click=change, disabled=viewer,
                          args=(lambda e=str(row.element_id): comm.delete_step_messages(workspace, e),
                                "Messages deleted"))  # fmt: skip
        else:
            text.markdown(f"**{name}** — {comm.ELEMENT_KINDS[str(row.kind)].lower()}, {plural(held, 'message')}")
            action.button("Delete" + (f" with {plural(held, 'message')}" if held else ""), key=key, on_click=change,
                          disabled=viewer,
                          args=(lambda e=str(row.element_id): comm.delete_element(workspace, e),
                                "Column deleted"))  # fmt: skip
