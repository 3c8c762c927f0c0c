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
from core.wording import plural
from core.workspace.database import Workspace
from ui.charts.metrics import STATUS_COLOURS
from ui.metrics_state import SELECTED_KEY, change

NEW_KEY = "metrics_new_name"
NEW_FAMILY_KEY = "metrics_new_family"
LIST_COLUMNS = ["Status", "Metric", "Family", "Owner", "Latest", "Target", "By"]


def _tint(status: object) -> str:
    colour = STATUS_COLOURS.get(str(status))
    return f"background-color: {colour}33; font-weight: 600" if colour else ""


def _figure(value: object, unit: object) -> str:
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return "—"
    number = f"{float(value):,.4g}"  # type: ignore[arg-type]
    return f"{number} {unit}" if isinstance(unit, str) and unit else number


def list_frame(v: MetricsView) -> pd.DataFrame:
    """The list as text: figures with their unit, "—" when unknown (cells are plain text)."""
    rows = v.metrics
    return pd.DataFrame(
        {
            "Status": rows["status"].astype(str).to_numpy(),
            "Metric": rows["name"].astype(str).to_numpy(),
            "Family": rows["family"].astype(str).str.capitalize().to_numpy(),  # short: the list fits 1280 px
            "Owner": [o if isinstance(o, str) else "" for o in rows["owner"]],
            "Latest": [_figure(x, u) for x, u in zip(rows["latest"], rows["unit"], strict=True)],
            "Target": [_figure(x, u) for x, u in zip(rows["target"], rows["unit"], strict=True)],
            "By": ["" if pd.isna(d) else pd.Timestamp(d).strftime("%Y-%m-%d") for d in rows["target_date"]],
        },
        columns=LIST_COLUMNS,
    )


def metric_list(v: MetricsView) -> None:
    """Every metric with its status, family, owner, latest value and target, in list order."""
    frame = list_frame(v)
    styled = frame.style.map(_tint, subset=["Status"])
    widths = {"Status": 80, "Metric": 230, "Family": 90, "Owner": 120, "Latest": 95, "Target": 95, "By": 90}
    config = {name: st.column_config.Column(name, width=width) for name, width in widths.items()}
    st.dataframe(styled, hide_index=True, width="stretch", height=35 * (len(frame) + 1) + 3, column_config=config)
    counts = ", ".join(f"{n} {s}" for s, n in v.counts.items() if n)
    st.caption(f"{plural(len(frame), 'metric')}: {counts}.")


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
    columns = [c for _ in range(2) for c in st.columns(2)]  # a 2 × 2 grid: whole names fit on a laptop
    for column, (family, label) in zip(columns, FAMILIES.items(), strict=True):
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
