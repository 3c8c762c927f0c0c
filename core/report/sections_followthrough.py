"""The report's follow-through sections (issue 15.1 after issue 14): the Differentiation
Communication Map with its story, and the differentiation metrics.

Like the capabilities section, both describe the workspace as it stands — the Communication map
is built on the *active* focus scenario, the metrics belong to no scenario — so when the report
is of another scenario the communication section says so. Each is left out when not filled (no
message written; no metric defined).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from core.report.context import ReportContext
from core.report.formatting import DASH, count, share, table, text
from core.report.model import KeyNumber, Section
from core.views.communication import SCORE_COLUMNS, communication_view, need_scores
from core.views.metrics import metrics_view

TOP_MESSAGES = 30  # message rows in the report's table (the page holds every one)


def _number(value: object, unit: object) -> str:
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return DASH
    suffix = f" {unit}" if isinstance(unit, str) and unit and unit != "%" else ("%" if unit == "%" else "")
    return f"{float(value):,.4g}{suffix}"  # type: ignore[arg-type]


def communication_section(context: ReportContext) -> Section | None:
    workspace = context.workspace
    no_segments = pd.DataFrame(columns=["key", *SCORE_COLUMNS])  # wording hints are not reported
    view = communication_view(workspace, need_scores(workspace, context.scoring), no_segments, context.scoring)
    written = view.messages[view.messages["text"].notna() & (view.messages["text"].astype(str).str.strip() != "")]
    if written.empty:
        return None
    elements = dict(zip(view.elements["element_id"], view.elements["name"].astype(str), strict=True))
    points = view.touchpoints.set_index("touchpoint_id")
    order = {t: i for i, t in enumerate(points.index)}
    rows = written.assign(
        element=written["element_id"].map(elements).fillna("(removed)"),
        touchpoint=written["touchpoint_id"].map(points["name"]).fillna("(removed)"),
        stage=written["touchpoint_id"].map(points["stage"]),
        audience=written["segment"].map(lambda s: "everyone" if s is None or pd.isna(s) else str(s).split(":", 1)[-1]),
        rank=written["touchpoint_id"].map(order),
    ).sort_values(["rank", "element"], kind="stable")
    columns = {
        "touchpoint": ("Touchpoint", text),
        "stage": ("Stage", text),
        "element": ("Element", text),
        "audience": ("For", text),
        "text": ("Message", text),
        "proof": ("Proof point", text),
        "timing": ("Timing", text),
    }
    lines = [*view.story.summary]
    for part in view.story.parts:
        lines += [f"{part.title}: {missing}" for missing in part.missing]
    if context.scenario_id is not None and view.scenario not in (None, context.scenario_name):
        lines.append(f"The map is built on the active scenario ({view.scenario}), not on {context.scenario_name}.")
    shown = rows.head(TOP_MESSAGES)
    caption = f"{count(len(rows))} messages; the first {count(len(shown))} shown." if len(rows) > len(shown) else ""
    return Section(
        key="communication",
        title="Differentiation Communication Map",
        text=tuple(lines),
        numbers=(
            KeyNumber("Messages written", count(len(rows))),
            KeyNumber("Touchpoints", count(len(view.touchpoints))),
            KeyNumber("Message consistency", share(view.consistency)),
        ),
        tables=(table(shown, columns, caption),),
    )


def metrics_section(context: ReportContext, today: dt.date | None = None) -> Section | None:
    view = metrics_view(context.workspace, today or dt.date.today())
    frame = view.metrics
    if frame.empty:
        return None
    rows = frame.assign(
        baseline_shown=[_number(v, u) for v, u in zip(frame["baseline"], frame["unit"], strict=True)],
        latest_shown=[_number(v, u) for v, u in zip(frame["latest"], frame["unit"], strict=True)],
        target_shown=[_number(v, u) for v, u in zip(frame["target"], frame["unit"], strict=True)],
    )
    columns = {
        "family_label": ("Family", text),
        "name": ("Metric", text),
        "owner": ("Owner", text),
        "baseline_shown": ("Baseline", text),
        "latest_shown": ("Latest", text),
        "target_shown": ("Target", text),
        "status": ("Status", text),
    }
    return Section(
        key="metrics",
        title="Differentiation metrics",
        text=(f"Status as of {view.today.isoformat()}; the rule is shown on the Metrics page.",),
        numbers=tuple(KeyNumber(status, count(n)) for status, n in view.counts.items() if n),
        tables=(table(rows, columns),),
    )
