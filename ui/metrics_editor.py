"""The selected metric's editor: every field saved the moment it changes, move and delete.

Each field is one widget whose key carries the workspace revision (ui.metrics_state.widget_key):
its on_change stores the field through core.strategy.metrics.update_metric, the revision grows,
and the next run shows the stored value. A refused value (a target that is not a number) shows
why and leaves the stored value as it was. Numbers are typed as text so that ``12,5`` and
``45 %`` work as on the rest of the page.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.strategy import metrics
from core.strategy.metric_templates import DIRECTIONS, FAMILIES
from core.views.metrics import MetricsView
from core.wording import plural
from core.workspace.database import Workspace
from ui.metrics_state import SELECTED_KEY, change, widget_key
from ui.view_only import writable


def _save(workspace: Workspace, metric_id: str, field: str, key: str) -> None:
    value = st.session_state.get(key)
    if field == "segment":
        segmentation, _, segment = str(value or "").partition("\x1f")
        fields: dict[str, object] = {"segmentation_id": segmentation or None, "segment": segment or None}
    else:
        fields = {field: value}
    change(
        lambda: metrics.update_metric(workspace, metric_id, **fields), f"{field.replace('_', ' ').capitalize()} saved"
    )


def _number_text(value: object) -> str:
    return "" if value is None or pd.isna(value) else f"{float(value):g}"  # type: ignore[arg-type]


def _day(value: object) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()  # type: ignore[arg-type]


def field_editor(workspace: Workspace, v: MetricsView, metric_id: str) -> None:
    """Name, family, direction, definition, unit, baseline (and date), target (and date), owner, links;
    greyed, without the order and delete buttons, for a view link."""
    row = v.row(metric_id)
    if row is None:
        return
    viewer = not writable(workspace)

    def key(field: str) -> str:
        return widget_key(f"field_{field}", workspace, metric_id)

    def on(field: str) -> dict:
        args = (workspace, metric_id, field, key(field))
        return {"key": key(field), "on_change": _save, "args": args, "disabled": viewer}

    def text(value: object) -> str:
        return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)  # type: ignore[arg-type]

    name, family, direction = st.columns([3, 2, 2])
    name.text_input("Name", value=text(row["name"]), max_chars=metrics.MAX_NAME, **on("name"))
    families = list(FAMILIES)
    family.selectbox(
        "Family", families, index=_index(families, row["family"]), format_func=FAMILIES.get, **on("family")
    )
    directions = list(DIRECTIONS)
    direction.selectbox(
        "Better when", directions, index=_index(directions, row["direction"]), format_func=DIRECTIONS.get,
        **on("direction"),
    )  # fmt: skip
    st.text_area("Definition", value=text(row["definition"]), height=68, max_chars=metrics.MAX_TEXT, **on("definition"))
    unit, owner = st.columns([1, 2])
    unit.text_input("Unit", value=text(row["unit"]), max_chars=40, **on("unit"))
    owner.text_input("Owner", value=text(row["owner"]), max_chars=metrics.MAX_NAME, **on("owner"))
    baseline, baseline_date, target, target_date = st.columns(4)
    baseline.text_input("Baseline", value=_number_text(row["baseline"]), **on("baseline"))
    baseline_date.date_input(
        "Baseline date", value=_day(row["baseline_date"]), format="YYYY-MM-DD", **on("baseline_date")
    )
    target.text_input("Target", value=_number_text(row["target"]), **on("target"))
    target_date.date_input("Target date", value=_day(row["target_date"]), format="YYYY-MM-DD", **on("target_date"))
    links(v, row, on)
    if not viewer:
        order(workspace, v, metric_id)


def _index(options: list, value: object) -> int | None:
    return options.index(value) if value in options else None


def links(v: MetricsView, row: dict, on) -> None:
    """The optional link to a job step and to a segment (option labels are plain text in a selectbox)."""
    step, segment = st.columns(2)
    steps = dict(zip(v.steps["step_id"].astype(int), v.steps["name"].astype(str), strict=True))
    step_options: list[int | None] = [None, *steps]
    current = None if pd.isna(row["step_id"]) else int(row["step_id"])
    if current is not None and current not in steps:
        steps[current] = f"step {current} (no longer in the job map)"
    step.selectbox(
        "Job step", step_options, index=_index(step_options, current) or 0,
        format_func=lambda s: "none" if s is None else steps.get(s, str(s)), **on("step_id"),
    )  # fmt: skip
    labels = {
        f"{g}\x1f{s}": f"{s} ({n})"
        for g, n, s in zip(
            v.segments["segmentation_id"], v.segments["segmentation"], v.segments["segment"], strict=True
        )
    }
    linked = f"{row['segmentation_id']}\x1f{row['segment']}" if isinstance(row["segment"], str) else ""
    if linked and linked not in labels:
        labels[linked] = f"{row['segment']} (segmentation gone)"
    options = ["", *labels]
    segment.selectbox(
        "Segment", options, index=options.index(linked), format_func=lambda s: labels.get(s, "none"), **on("segment"),
        help="Run a segmentation on the Segments page to link a metric to a segment." if not len(v.segments) else None,
    )  # fmt: skip


def order(workspace: Workspace, v: MetricsView, metric_id: str) -> None:
    """Move the metric up or down the list, or delete it with its measurements (after a confirmation)."""
    up, down, delete, _ = st.columns([1, 1, 1.4, 2])
    ids = v.metrics["metric_id"].astype(str).tolist()
    position = ids.index(metric_id)
    up.button(
        "Up", icon=":material/arrow_upward:", key=widget_key("up", workspace, metric_id), disabled=position == 0,
        on_click=lambda: change(lambda: metrics.move_metric(workspace, metric_id, -1), "Moved up"),
    )  # fmt: skip
    down.button(
        "Down", icon=":material/arrow_downward:", key=widget_key("down", workspace, metric_id),
        disabled=position == len(ids) - 1,
        on_click=lambda: change(lambda: metrics.move_metric(workspace, metric_id, 1), "Moved down"),
    )  # fmt: skip
    with delete.popover("Delete", icon=":material/delete:"):
        n = int(v.row(metric_id)["n"])  # type: ignore[index]
        st.write(f"Delete this metric and its {plural(n, 'measurement')}?")
        st.button(
            "Delete for good", type="primary", key=widget_key("delete", workspace, metric_id),
            on_click=lambda: _delete(workspace, metric_id),
        )  # fmt: skip


def _delete(workspace: Workspace, metric_id: str) -> None:
    if change(lambda: metrics.delete_metric(workspace, metric_id), "Deleted the metric"):
        st.session_state.pop(SELECTED_KEY, None)
