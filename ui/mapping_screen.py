"""The column-mapping screen: what each column of a survey-platform export rates.

Shown when an export has columns no rule could place, or numbers whose direction the file
cannot tell, and on request from the confirmation box. Each column gets a role (importance,
satisfaction, a competitor's satisfaction, respondent attribute, current solution, ignore), the
outcome it belongs to, its step and competitor; the detected mapping is the default. Applying saves the
mapping (and the direction) under the file's header signature, so the next export of the same
survey is mapped the same way without asking.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from core.intake.importers.mapping import ColumnMapping, MappingProposal, save_mapping
from core.intake.mapping_table import ROLE_LABELS, mapping_from_table, mapping_table, save_direction
from core.wording import plural
from core.workspace.database import Workspace
from ui.text import literal

MAPPING_DRAFT = "data_mapping_draft"
DIRECTIONS = {
    "as_is": "1 is the lowest answer (not at all important / not at all satisfied)",
    "reverse": "1 is the best answer (extremely important / extremely satisfied)",
}

# The first columns of the table and their widths in px: the column and the role the user sets come
# first, so at 1280 x 720 (sidebar open, ~770 px of table) both are in view without scrolling
# sideways; the role used to come after a 400-px question text and was cut off at the right edge.
WIDTHS = {"column": 220, "role": 190, "question": 360, "answers": 150, "outcome": 300}


@dataclass(frozen=True)
class MappingDraft:
    """An export waiting for its column mapping to be confirmed."""

    content: bytes
    file_name: str
    proposal: MappingProposal
    mapping: ColumnMapping
    direction: str | None


def _named(proposal: MappingProposal, index: int) -> str:
    """A column as the warning names it: its header, and its question text when the export has one."""
    text = proposal.texts[index] if index < len(proposal.texts) else ""
    shown = f"{text[:60]}…" if len(text) > 60 else text
    return f"“{literal(proposal.headers[index])}”" + (f" ({literal(shown)})" if shown else "")


def open_screen(draft: MappingDraft) -> None:
    st.session_state[MAPPING_DRAFT] = draft


def close_screen() -> None:
    st.session_state.pop(MAPPING_DRAFT, None)


def render_mapping_screen(workspace: Workspace) -> tuple[MappingDraft, ColumnMapping, str] | None:
    """Draw the screen; returns (draft, edited mapping, direction) when the user applies it."""
    draft: MappingDraft | None = st.session_state.get(MAPPING_DRAFT)
    if draft is None:
        return None
    proposal = draft.proposal
    with st.container(border=True):
        st.subheader(f"Map the columns of {literal(draft.file_name)}")
        st.markdown(
            f"Recognised as **{proposal.layout or proposal.platform}**. Check what each column rates; "
            "the detected mapping is filled in. Columns of one outcome share its name in **Outcome**."
        )
        if proposal.unrecognised:
            names = ", ".join(_named(proposal, i) for i in proposal.unrecognised[:6])
            more = "…" if len(proposal.unrecognised) > 6 else ""
            st.warning(
                f"{plural(len(proposal.unrecognised), 'column was', 'columns were')} not recognised ({names}{more}); "
                "they are proposed as "
                "respondent attributes. Mark them as ratings, attributes or ignore."
            )
        table = mapping_table(proposal, draft.mapping)
        edited = st.data_editor(
            table,
            key=f"mapping_editor_{proposal.signature}",
            hide_index=True,
            disabled=["index", "column", "question", "answers", "decided_by"],
            column_order=[*WIDTHS, "step", "competitor", "decided_by"],
            column_config={
                "column": st.column_config.TextColumn("Column", width=WIDTHS["column"]),
                "role": st.column_config.SelectboxColumn(
                    "Role", options=list(ROLE_LABELS.values()), required=True, width=WIDTHS["role"]
                ),
                "question": st.column_config.TextColumn(
                    "Question text", width=WIDTHS["question"], help="What the export says the column asks"
                ),
                "answers": st.column_config.TextColumn("Sample answers", width=WIDTHS["answers"]),
                "outcome": st.column_config.TextColumn("Outcome", width=WIDTHS["outcome"]),
                "step": st.column_config.TextColumn("Job step"),
                "competitor": st.column_config.TextColumn("Competitor"),
                "decided_by": st.column_config.TextColumn("Decided by"),
            },
            height=min(420, 38 * (len(table) + 1)),
        )
        direction = draft.direction
        if proposal.asks_direction:
            st.markdown(
                f"**{plural(len(proposal.direction_unknown), 'rating column holds', 'rating columns hold')} numbers "
                "only**, and this export cannot "
                "tell which end of the scale is the best. How do the numbers run?"
            )
            direction = st.radio(
                "Numeric answers",
                list(DIRECTIONS),
                format_func=DIRECTIONS.get,
                key="mapping_direction",
                index=list(DIRECTIONS).index(direction) if direction in DIRECTIONS else None,
                label_visibility="collapsed",
            )
        with st.container(horizontal=True):
            apply = st.button(
                "Import with this mapping",
                type="primary",
                icon=":material/check:",
                disabled=proposal.asks_direction and direction is None,
                key="mapping_apply",
            )
            if st.button("Cancel", key="mapping_cancel"):
                close_screen()
                st.rerun()
        if not apply:
            return None
        try:
            mapping = mapping_from_table(draft.mapping, pd.DataFrame(edited))
        except ValueError as exc:
            st.error(literal(exc))
            return None
    save_mapping(workspace, proposal.signature, mapping)
    if direction in DIRECTIONS:
        save_direction(workspace, proposal.signature, direction)
    close_screen()
    return draft, mapping, direction or "ask"
