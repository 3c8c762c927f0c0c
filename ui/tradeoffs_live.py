"""The live part of the Trade-offs page: one ``st.fragment`` holding the weight sliders, the
ranking, the value-vs-feasibility chart, the sensitivity, the matrix with its hand scores and
"Use as scenario". A weight or a hand score change is saved at once and reruns only this
fragment; the survey-derived numbers come from the cache (ui/tradeoffs_view.py).

Weights: moving one slider rescales the others proportionally so they keep summing to 100 %
(core.strategy.tradeoff_criteria.rescale); the sliders are set from the stored weights on every
run, so a second laptop on the same workspace shows the same weights after its next rerun.
"""

from __future__ import annotations

import hashlib
import math

import pandas as pd
import streamlit as st

from core.strategy.scenarios import ScenarioError
from core.strategy.tradeoff_criteria import (
    BY_ID,
    CRITERIA,
    DATA_IDS,
    FEASIBILITY_IDS,
    HAND_IDS,
    NORMALISATION_RULE,
    VALUE_IDS,
)
from core.strategy.tradeoff_scenario import use_as_scenario
from core.strategy.tradeoff_store import TradeoffError, set_hand_score, set_weight
from core.views.tradeoffs import TradeoffsView
from core.workspace.database import Workspace
from ui import presentation
from ui.chart_downloads import chart_downloads
from ui.charts.tradeoffs import tradeoff_chart
from ui.fragments import workspace_fragment
from ui.text import literal
from ui.tradeoffs_view import trade_view
from ui.view_only import writable

WEIGHT_KEY = "tradeoff_weight_"
EDITOR_KEY = "tradeoff_matrix"
SCENARIO_DONE = "tradeoff_scenario_done"
ERROR_KEY = "tradeoff_error"


def _moved(ws: Workspace, criterion: str) -> None:
    """A slider moved: store it, rescale the others, and set their sliders to the new weights."""
    try:
        weights = set_weight(ws, criterion, int(st.session_state[WEIGHT_KEY + criterion]))
    except TradeoffError as exc:
        st.session_state[ERROR_KEY] = str(exc)
        return
    for other, weight in weights.items():
        st.session_state[WEIGHT_KEY + other] = weight


def _weights(ws: Workspace, view: TradeoffsView) -> None:
    st.markdown("**Weights** (sum 100 %)", help="Moving one weight rescales the others proportionally.")
    halves = st.columns(2, gap="small")
    for index, criterion in enumerate(CRITERIA):
        key = WEIGHT_KEY + criterion.criterion_id
        st.session_state[key] = view.weights[criterion.criterion_id]
        empty = view.reasons.get(criterion.criterion_id)
        halves[index // 5].slider(
            criterion.short,
            0,
            100,
            step=1,
            key=key,
            format="%d %%",
            help=f"{criterion.name}: {empty or criterion.help}",
            on_change=_moved,
            args=(ws, criterion.criterion_id),
            disabled=not writable(ws),  # a view link reads the facilitator's weights
        )


def _ranking(view: TradeoffsView) -> None:
    summary = view.summary
    table = pd.DataFrame(
        {
            "Rank": summary["rank"].to_numpy(),
            "Row": summary["name"].to_numpy(),
            "Score": summary["score"].round(2).to_numpy(),
            "Stable": ["✓" if r else "⚠" for r in summary["robust"]],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=min(330, 38 + 35 * len(table)),
        key="tradeoff_ranking",
        column_config={
            # 36 + 150 + 50 + 58 px and a scroll bar fit the ~316 px of the middle column at 1280 × 720
            # (the full row names: the tooltips of the chart and the matrix below)
            "Rank": st.column_config.NumberColumn("#", width=36),
            "Row": st.column_config.TextColumn(width=150),
            "Score": st.column_config.NumberColumn(format="%.2f", width=50),
            "Stable": st.column_config.TextColumn(
                width=58, help="⚠ shaky: a ±10-point move of one weight changes this row's rank; ✓ stable"
            ),
        },
    )


def _cell(criterion: str, raw: float, score: float) -> str:
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return "—"
    if criterion in ("unmet", "reach"):
        shown = f"{raw * 100:.0f} %"
    elif criterion == "gap":
        shown = f"{raw:+.1f}".replace("-", "−")
    elif criterion == "capability":
        shown = f"{raw:.2f}"
    elif criterion == "wtp":
        shown = f"{raw:,.4g}"
    else:
        shown = f"{raw:.1f}"
    return f"{shown} → {score:.1f}"


def matrix_table(view: TradeoffsView) -> pd.DataFrame:
    """The matrix as shown: job order, raw → 1–5 per data criterion, hand scores editable."""
    keys = list(view.raw.index)
    table = pd.DataFrame({"Row": [view.names[k] for k in keys]}, index=keys)
    for criterion in DATA_IDS:
        table[BY_ID[criterion].name] = [
            _cell(criterion, view.raw.at[k, criterion], view.scores.at[k, criterion]) for k in keys
        ]
    for criterion in HAND_IDS:
        table[BY_ID[criterion].name] = view.scores[criterion].to_numpy()
    return table


def _save_edits(ws: Workspace, view: TradeoffsView, keys: list[str], edits: dict) -> bool:
    """Save the hand scores the matrix editor changed; True when something was stored."""
    names = {BY_ID[c].name: c for c in HAND_IDS}
    changed = False
    try:
        for row, changes in edits.items():
            for column, value in changes.items():
                if column not in names:
                    continue
                number = None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)
                current = view.scores.at[keys[int(row)], names[column]]
                if (number is None and math.isnan(current)) or number == current:
                    continue
                set_hand_score(ws, names[column], keys[int(row)], number)
                changed = True
    except TradeoffError as exc:
        st.session_state[ERROR_KEY] = str(exc)
        return True
    return changed


def editor_key(keys: list[str]) -> str:
    """The matrix editor's widget key for these rows."""
    return f"{EDITOR_KEY}_{hashlib.md5('|'.join(keys).encode()).hexdigest()[:10]}"


def _matrix(ws: Workspace, view: TradeoffsView) -> None:
    st.subheader("Matrix")
    viewer = not writable(ws)  # a view link: every cell read-only
    edit = " Edit the hand scores (cost, time to market, risk, strategic fit) in the table."
    st.caption(NORMALISATION_RULE + ("" if viewer else edit))
    table = matrix_table(view)
    config: dict = {"Row": st.column_config.TextColumn(width="medium")}
    for criterion in DATA_IDS:
        help_text = view.reasons.get(criterion) or view.data.sources.get(criterion) or BY_ID[criterion].help
        config[BY_ID[criterion].name] = st.column_config.TextColumn(help=help_text)
    for criterion in HAND_IDS:
        config[BY_ID[criterion].name] = st.column_config.NumberColumn(
            min_value=1, max_value=5, step=1, format="%d", help=BY_ID[criterion].help
        )
    # The editor's edits are kept by row position: the key changes with the rows, so an edit can
    # never land on another row after a basis change or a deleted row.
    key = editor_key(list(table.index))
    st.data_editor(
        table,
        hide_index=True,
        width="stretch",
        key=key,
        column_config=config,
        disabled=True if viewer else ["Row", *(BY_ID[c].name for c in DATA_IDS)],
    )
    for criterion, reason in view.reasons.items():
        st.caption(f"**{BY_ID[criterion].name} is empty:** {literal(reason)}")
    with st.expander("Where the numbers come from"):
        for criterion in DATA_IDS:
            if source := view.data.sources.get(criterion):
                st.caption(f"**{BY_ID[criterion].name}:** {literal(source)}")


def _sensitivity(view: TradeoffsView) -> None:
    st.subheader("Sensitivity")
    table = view.sensitivity
    if table.empty:
        st.caption("No weight moves anything: no criterion has scores yet.")
        return
    names = view.names
    shaky = table[table["n_changed"] > 0]
    stable = int(view.summary["robust"].sum())
    st.caption(
        f"Each weight moved by ±10 points (the others rescaled): {stable} of {len(view.summary)} rows keep "
        "their rank under every move; the rows below hang on one weight."
    )
    if shaky.empty:
        st.success("The ranking is robust: no ±10-point move of any weight changes a rank.")
        return
    shown = pd.DataFrame(
        {
            "Weight": [BY_ID[c].name for c in shaky["criterion"]],
            "Move": [f"{w} → {n} %" for w, n in zip(shaky["weight"], shaky["new_weight"], strict=True)],
            "Rows that change rank": [", ".join(names[k] for k in keys) for keys in shaky["changed"]],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch", key="tradeoff_sensitivity")


def _use_as_scenario(ws: Workspace, view: TradeoffsView) -> None:
    try:
        _, name = use_as_scenario(ws, view.summary, view.data.label)
    except ScenarioError as exc:
        st.session_state[ERROR_KEY] = str(exc)
        return
    st.session_state[SCENARIO_DONE] = name


@workspace_fragment
def live_tradeoffs(ws: Workspace) -> None:
    """Everything that changes with a weight or a hand score."""
    view = trade_view(ws)
    # Hand scores edited in the matrix (drawn below) are saved before anything is drawn, so the
    # ranking and the chart above it show them in the same rerun.
    keys = [str(k) for k in view.raw.index]
    if _save_edits(ws, view, keys, st.session_state.get(editor_key(keys), {}).get("edited_rows", {})):
        view = trade_view(ws)
    if error := st.session_state.pop(ERROR_KEY, None):
        st.error(literal(error))
    if view.summary.empty:
        st.info("There are no rows: the job map has no step with outcomes yet, and no row was added by hand.")
        return
    left, middle, right = st.columns([1.0, 1.45, 1.05], gap="small")
    with left:
        _weights(ws, view)
    with middle:
        st.markdown("**Ranking**")
        _ranking(view)
    right.vega_lite_chart(
        presentation.chart(ranking := tradeoff_chart(view.summary)), theme=None, width="stretch", key="tradeoff_chart"
    )
    chart_downloads(ranking, "tradeoff-matrix", container=right)
    for axis, ids in (("value", VALUE_IDS), ("feasibility", FEASIBILITY_IDS)):
        if view.summary[axis].isna().all():
            names = ", ".join(BY_ID[c].name.lower() for c in ids)
            right.caption(f"No {axis} criterion is scored yet ({names}): every row sits on the middle line, 3.")
    if writable(ws):  # a view link creates no scenario
        bar = st.columns([1, 3])
        if bar[0].button("Use as scenario", icon=":material/view_kanban:", key="tradeoff_use"):
            _use_as_scenario(ws, view)
        bar[1].caption(
            "Top rows → Differentiate (up to the focus limit of the Focus matrix), the middle → Meet, the bottom → "
            "Accept; saved as a new scenario the Focus matrix opens."
        )
    if done := st.session_state.pop(SCENARIO_DONE, None):
        st.success(f"Saved as the scenario “{literal(done)}”, now active on the Focus matrix.")
        st.page_link("pages/focus_matrix.py", label="Open the Focus matrix", icon=":material/view_kanban:")
    _matrix(ws, view)
    _sensitivity(view)
