"""The metric list with status badges, and the templates by family (one click adds a metric).

The list is a read-only table (names are data in dataframe cells, shown as typed), its status
cells coloured by status. A template button adds the method's metric and selects it; a blank
metric starts from a name typed in the field under the templates.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.strategy import metrics
from core.strategy.metric_templates import FAMILIES
from core.views.metrics import MetricsView
from core.workspace.database import Workspace
from ui.charts.metrics import STATUS_COLOURS
from ui.metrics_state import SELECTED_KEY, change

NEW_KEY = "metrics_new_name"
NEW_FAMILY_KEY = "metrics_new_family"
LIST_COLUMNS = {
    "status": "Status",
    "name": "Metric",
    "family_label": "Family",
    "owner": "Owner",
    "latest": "Latest",
    "target": "Target",
    "unit": "Unit",
    "target_date": "By",
}


def _tint(status: object) -> str:
    colour = STATUS_COLOURS.get(str(status))
    return f"background-color: {colour}33; font-weight: 600" if colour else ""


def metric_list(v: MetricsView) -> None:
    """Every metric with its status, family, owner, latest value and target, in list order."""
    frame = v.metrics[list(LIST_COLUMNS)].copy()
    frame["target_date"] = [None if pd.isna(d) else pd.Timestamp(d).strftime("%Y-%m-%d") for d in frame["target_date"]]
    frame = frame.rename(columns=LIST_COLUMNS)
    styled = frame.style.map(_tint, subset=["Status"]).format({"Latest": "{:,.4g}", "Target": "{:,.4g}"}, na_rep="—")
    st.dataframe(styled, hide_index=True, width="stretch", height=35 * (len(frame) + 1) + 3)
    counts = ", ".join(f"{n} {s}" for s, n in v.counts.items() if n)
    st.caption(f"{len(frame)} metric{'s' if len(frame) != 1 else ''}: {counts}.")


def _add_template(workspace: Workspace, key: str, name: str) -> None:
    def add() -> None:
        st.session_state[SELECTED_KEY] = metrics.add_from_template(workspace, key)

    change(add, f"Added {name}")


def _add_blank(workspace: Workspace) -> None:
    name = str(st.session_state.get(NEW_KEY) or "").strip()
    family = st.session_state.get(NEW_FAMILY_KEY) or "perception"

    def add() -> None:
        st.session_state[SELECTED_KEY] = metrics.add_metric(workspace, name, family=family)

    if change(add, f"Added {name}"):
        st.session_state[NEW_KEY] = ""


def templates(workspace: Workspace, v: MetricsView) -> None:
    """Four columns, one per family, one button per template (a tick when the workspace has it)."""
    st.caption("One click adds the method's metric with its definition, unit and direction; edit any of it after.")
    for column, (family, label) in zip(st.columns(4), FAMILIES.items(), strict=True):
        column.markdown(f"**{label}**")
        rows = v.templates[v.templates["family"] == family]
        for key, name, definition, used in zip(
            rows["key"], rows["name"], rows["definition"], rows["used"], strict=True
        ):
            column.button(
                name,
                key=f"metrics_template_{key}",
                help=definition,
                icon=":material/check:" if used else ":material/add:",
                on_click=_add_template,
                args=(workspace, key, name),
                width="stretch",
            )
    name, family, button = st.columns([3, 2, 1], vertical_alignment="bottom")
    name.text_input(
        "Or a metric of your own", key=NEW_KEY, max_chars=metrics.MAX_NAME, placeholder="e.g. Demo requests"
    )
    family.selectbox("Family", list(FAMILIES), format_func=FAMILIES.get, key=NEW_FAMILY_KEY)
    button.button("Add", icon=":material/add:", key="metrics_add_blank", on_click=_add_blank, args=(workspace,))
