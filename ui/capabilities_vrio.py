"""VRIO per capability (an st.data_editor: valuable derived / yes / no, rare, inimitable with its
barrier, organized; the implication beside it), the one-line summaries and the count per
implication, and the investment priorities (chart and table)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.strategy.capability_tables import VALUABLE_OPTIONS, apply_vrio_table
from core.strategy.vrio import BARRIERS, IMPLICATIONS
from core.views.capabilities import CapabilitiesView
from core.workspace.database import Workspace
from ui import presentation
from ui.capabilities_data import editor
from ui.chart_downloads import chart_downloads
from ui.charts.capabilities import investment_chart
from ui.text import literal

VRIO_TABLE = [
    "capability_id", "name", "derived", "valuable", "rare", "inimitable", "barrier", "organized", "implication"
]  # fmt: skip
ROW_PX = 35


def vrio_frame(rows: pd.DataFrame) -> pd.DataFrame:
    words = {None: "derived", True: "yes", False: "no"}
    frame = pd.DataFrame(
        {
            "capability_id": rows["capability_id"],
            "name": rows["name"],
            "derived": rows["valuable_derived"].map({True: "yes", False: "no"}),
            "valuable": [words[None if pd.isna(v) else bool(v)] for v in rows["valuable"]],
            **{f: rows[f].fillna(False).astype(bool) for f in ("rare", "inimitable", "organized")},
            "barrier": rows["barrier"].astype("string"),
            "implication": rows["implication"],
        }
    )
    return frame[VRIO_TABLE]


def vrio_editor(workspace: Workspace, view: CapabilitiesView) -> None:
    editor(
        workspace,
        "vrio",
        vrio_frame(view.rows),
        apply_vrio_table,
        hide_index=True,
        column_order=VRIO_TABLE[1:],
        disabled=["capability_id", "name", "derived", "implication"],
        height=ROW_PX * (len(view.rows) + 1) + 16,  # + the horizontal scroll bar
        column_config={
            "name": st.column_config.TextColumn("Capability", width=140),
            "derived": st.column_config.TextColumn(
                "High need", width=85,
                help="Derived: linked at enables or critical to a need at or above the high band.",
            ),
            "valuable": st.column_config.SelectboxColumn(
                "Valuable", options=list(VALUABLE_OPTIONS), required=True, width=85,
                help="derived = as the matrix says; yes / no overrides it.",
            ),
            "rare": st.column_config.CheckboxColumn("Rare", width=55),
            "inimitable": st.column_config.CheckboxColumn("Inimitable", width=85),
            "barrier": st.column_config.SelectboxColumn("Barrier", options=list(BARRIERS), width=125),
            "organized": st.column_config.CheckboxColumn("Organized", width=85),
            "implication": st.column_config.TextColumn("Implication", width=160),
        },
    )  # fmt: skip


def vrio_summary(view: CapabilitiesView) -> None:
    """A count per implication, then one line per capability."""
    for column, name in zip(st.columns(len(IMPLICATIONS)), IMPLICATIONS, strict=True):
        column.metric(name.capitalize(), view.counts.get(name, 0))
    for line in view.rows["summary"]:
        st.markdown(f"- {literal(line)}")


def investment(view: CapabilitiesView) -> None:
    """The chart (unlock vs requirement) and the ranked table."""
    st.vega_lite_chart(presentation.chart(investment := investment_chart(view.priorities)), theme=None, width="stretch")
    chart_downloads(investment, "capability-investment")
    unsized = view.priorities[view.priorities["requirement"].isna()]
    if len(unsized):
        names = ", ".join(str(n) for n in unsized["name"])
        st.caption(f"Not on the chart (no cost or effort yet): {literal(names)}")
    st.dataframe(
        view.priorities[["name", "unlock", "requirement", "strength", "implication"]],
        hide_index=True,
        width="stretch",
        column_config={
            "name": st.column_config.TextColumn("Capability", width=240),
            "unlock": st.column_config.NumberColumn("Opportunity unlocked", format="%.1f"),
            "requirement": st.column_config.NumberColumn("Requirement (points)", format="%g"),
            "strength": st.column_config.NumberColumn("Strength now", format="%d"),
            "implication": st.column_config.TextColumn("VRIO"),
        },
    )
