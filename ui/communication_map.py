"""The map itself: pick a column (element) and a segment variant, write its messages at every
touchpoint in one st.data_editor (saved at each edit), with wording hints; the coverage heat map
beside it, so a message written and the cell it turns are on one screen (1280 × 720).

User text goes into selectbox options, dataframe cells and the chart's data, which show plain
text; captions go through ui.text.literal.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.strategy.communication import choice_label
from core.strategy.communication_messages import PROOF_KINDS, apply_message_table
from core.views.communication import CommunicationView
from core.workspace.database import Workspace
from ui import presentation
from ui.chart_downloads import chart_downloads
from ui.charts.communication import coverage_chart
from ui.communication_data import editor
from ui.text import literal

ELEMENT_KEY = "communication_element"
VARIANT_KEY = "communication_variant"
EVERYONE = ""
TABLE = ["touchpoint_id", "touchpoint", "text", "proof_kind", "proof", "timing"]
ROW_PX = 35
TOUCHPOINT_PX = 130


def element_names(view: CommunicationView) -> dict[str, str]:
    """element_id → "name · choice" for the shown columns."""
    return {
        str(e): f"{n} · {choice_label(c) if k == 'step' else k}"
        for e, n, c, k in zip(view.columns["element_id"], view.columns["name"], view.columns["choice"],
                              view.columns["kind"], strict=True)
    }  # fmt: skip


def variant_names(view: CommunicationView) -> dict[str, str]:
    """segment key → "segment (segmentation)", after "Everyone"."""
    names = {EVERYONE: "Everyone"}
    for key, segment, segmentation in zip(
        view.segments["key"], view.segments["segment"], view.segments["segmentation"], strict=True
    ):
        names[str(key)] = f"{segment} ({segmentation})"
    return names


def message_frame(view: CommunicationView, element_id: str, segment: str | None) -> pd.DataFrame:
    """One row per touchpoint with the element's message there (for ``segment``, None = everyone)."""
    frame = view.messages[
        (view.messages["element_id"] == element_id) & (view.messages["segment"].fillna("") == (segment or ""))
    ].set_index("touchpoint_id")
    table = pd.DataFrame({"touchpoint_id": view.touchpoints["touchpoint_id"], "touchpoint": view.touchpoints["name"]})
    for field in TABLE[2:]:
        table[field] = table["touchpoint_id"].map(frame[field]).astype("string")
    return table[TABLE]


def message_editor(workspace: Workspace, view: CommunicationView, element_id: str, segment: str | None) -> None:
    """The element's messages at every touchpoint; each edit saved at once."""
    editor(
        workspace,
        f"messages_{element_id}_{segment or ''}",
        message_frame(view, element_id, segment),
        lambda ws, edited: apply_message_table(ws, element_id, segment, edited),
        hide_index=True,
        num_rows="fixed",
        column_order=TABLE[1:],
        height=ROW_PX * (len(view.touchpoints) + 1) + 3,
        placeholder="",
        column_config={
            "touchpoint": st.column_config.TextColumn("Touchpoint", disabled=True, width=TOUCHPOINT_PX, pinned=True),
            "text": st.column_config.TextColumn("Message", width=230, max_chars=1000),
            "proof_kind": st.column_config.SelectboxColumn("Proof kind", options=list(PROOF_KINDS), width=120),
            "proof": st.column_config.TextColumn("Proof point", width=170, max_chars=1000),
            "timing": st.column_config.TextColumn("When to emphasise", width=150, max_chars=160),
        },
    )


def wording_hints(view: CommunicationView, element_id: str, segment: str | None) -> None:
    """The most underserved outcomes of the element (for the segment, when a variant is picked)."""
    hints = view.hints[(view.hints["element_id"] == element_id) & (view.hints["segment"].fillna("") == (segment or ""))]
    if hints.empty:
        return
    who = "everyone" if segment is None else variant_names(view).get(segment, segment)
    lines = [f"{literal(s)} ({o:.1f})" for s, o in zip(hints["statement"], hints["opportunity"], strict=True)]
    st.caption(f"Wording hints — most underserved for {literal(who)}: " + " · ".join(lines))


def map_section(workspace: Workspace, view: CommunicationView) -> None:
    """Pickers, the messages editor and hints (left), the coverage heat map (right)."""
    if view.columns.empty:
        st.info(
            "No column yet: choose steps to *differentiate* on the Focus matrix, or add an element "
            "(a capability, a proof or a text) under “Rows and columns”."
        )
        return
    if view.touchpoints.empty:
        st.info("No touchpoint: add one under “Rows and columns”.")
        return
    left, right = st.columns([3, 2], gap="small")
    with left:
        names = element_names(view)
        pick, variant = st.columns([3, 2])
        element_id = pick.selectbox("Element", list(names), format_func=names.get, key=ELEMENT_KEY)
        variants = variant_names(view)
        chosen = variant.selectbox(
            "Variant", list(variants), format_func=variants.get, key=VARIANT_KEY,
            disabled=len(variants) == 1, help="A per-segment variant of the message (saved segmentations).",
        )  # fmt: skip
        segment = chosen or None
        message_editor(workspace, view, str(element_id), segment)
        wording_hints(view, str(element_id), segment)
    with right:
        coverage = coverage_chart(view.coverage, view.columns, view.touchpoints)
        st.vega_lite_chart(presentation.chart(coverage), theme=None, width="stretch")
        chart_downloads(coverage, "message-coverage")
