"""The Strategy options page's body as one ``st.fragment``: an override or a "try as scenario"
reruns only this part (issue 16.3, 16.4). Every user text (segment, step, cluster names) goes
through ui.text.literal; the chart takes names as data."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.strategy.growth import MARKET_ID, MEANINGS, STRATEGIES, GrowthRules
from core.strategy.patterns import Pattern
from core.views.strategy_options import StrategyOptionsView
from core.workspace.database import Workspace
from ui import presentation
from ui.chart_downloads import chart_downloads
from ui.charts.growth import growth_chart
from ui.fragments import workspace_fragment
from ui.settings_notice import scores_note
from ui.strategy_options_data import (
    SEGMENTATION_KEY,
    TRIED_KEY,
    save_override,
    show_feedback,
    try_as_scenario,
    view,
)
from ui.text import literal
from ui.view_only import writable

FOLLOW_RULE = ""


@workspace_fragment
def strategy_options_body(ws: Workspace) -> None:
    """Two tabs: growth strategy by segment, and the differentiation patterns."""
    show_feedback()
    v = view(ws)
    growth_tab, patterns_tab = st.tabs(["Growth strategy by segment", "Differentiation patterns"])
    with growth_tab:
        growth_part(ws, v)
    with patterns_tab:
        patterns_part(ws, v)


def segmentation_picker(v: StrategyOptionsView) -> None:
    saved = v.analysis.segmentations
    if not saved:
        st.info("No saved segmentation yet: only the whole market is placed. Run one on the **Segments** page.")
        return
    ids = list(saved)
    if st.session_state.get(SEGMENTATION_KEY) not in saved:
        st.session_state[SEGMENTATION_KEY] = v.analysis.segmentation_id
    st.selectbox("Segmentation", ids, key=SEGMENTATION_KEY, format_func=lambda s: saved[s])


def growth_table(growth: pd.DataFrame) -> pd.DataFrame:
    """The table as people read it (names as plain cell text: st.dataframe never renders Markdown)."""
    return pd.DataFrame(
        {
            "Segment": growth["segment"].astype(str),
            "Share": (100 * growth["share"]).round(0),
            "Underserved %": (100 * growth["underserved_share"]).round(0),
            "Mean opportunity": growth["mean_opportunity"].round(1),
            "Overserved %": (100 * growth["overserved_share"]).round(0),
            "Median WTP": growth["wtp_median"],
            "Strategy": [
                f"{s} (override)" if pd.notna(o) else s
                for s, o in zip(growth["strategy"], growth["override"], strict=True)
            ],
            "Why (the rule)": growth["reason"].astype(str),
        }
    )


def growth_part(ws: Workspace, v: StrategyOptionsView) -> None:
    rules = GrowthRules()
    growth = v.growth
    pick, override = st.columns([1, 2])
    with pick:
        segmentation_picker(v)
    if writable(ws):  # a view link reads the overrides in the table ("(override)")
        with override:
            override_control(ws, v)
    spec = growth_chart(growth, rules.underserved_min, rules.overserved_min)
    st.vega_lite_chart(presentation.chart(spec), theme=None, width="stretch")
    chart_downloads(spec, "growth-strategy", note=scores_note(ws))
    with st.expander("The rule", expanded=not presentation.presenting()):
        for line in v.rule:
            st.markdown(line)
        st.caption(" · ".join(f"**{s}**: {MEANINGS[s]}" for s in STRATEGIES))
    st.dataframe(growth_table(growth), hide_index=True, width="stretch")


def override_control(ws: Workspace, v: StrategyOptionsView) -> None:
    """Pick a segment, then its strategy: saved at once; "Follow the rule" removes the override."""
    growth = v.growth
    names = growth["segment"].astype(str).tolist()
    segment_col, strategy_col = st.columns(2)
    index = segment_col.selectbox(
        "Override the strategy of", range(len(names)), format_func=lambda i: names[i], key="growth_override_row"
    )
    row = growth.iloc[int(index or 0)]
    segmentation_id = MARKET_ID if bool(row["is_market"]) else str(v.analysis.segmentation_id)
    key = f"growth_override_{segmentation_id}_{row['segment']}_{ws.revision}"
    current = row["override"] if pd.notna(row["override"]) else FOLLOW_RULE
    options = [FOLLOW_RULE, *STRATEGIES]
    strategy_col.selectbox(
        "Strategy",
        options,
        index=options.index(current),
        key=key,
        format_func=lambda s: f"Follow the rule ({row['rule_strategy']})" if s == FOLLOW_RULE else s,
        on_change=save_override,
        args=(ws, segmentation_id, str(row["segment"]), key),
        disabled=ws.refuses_writes,
    )


def patterns_part(ws: Workspace, v: StrategyOptionsView) -> None:
    """Compact cards in two columns, supported patterns first, so every "Try as scenario" button
    is on the first screen at 1280 × 720; each card's evidence and rule (or shortfall) open from a
    popover beside its button."""
    found = sorted(v.analysis.patterns, key=lambda p: not p.supported)  # stable: the method's order within
    supported = sum(p.supported for p in found)
    st.caption(
        f"{supported} of {len(found)} patterns are supported by the data. **Try as scenario** differentiates its "
        "steps, the rest as the Focus matrix suggests (a suggested *differentiate* becomes *meet*)."
    )
    tried = st.session_state.get(TRIED_KEY)
    columns = st.columns(2)
    for i, pattern in enumerate(found):
        with columns[i % 2], st.container(border=True):
            pattern_card(ws, v, pattern, tried)


def pattern_card(ws: Workspace, v: StrategyOptionsView, pattern: Pattern, tried: tuple[str, str] | None) -> None:
    """Name and verdict, the subject under them, then one row: "Try as scenario" and a popover
    holding the evidence and the rule (the shortfall first when not supported)."""
    mark = ":green-badge[Supported]" if pattern.supported else ":gray-badge[Not supported]"
    subject = f"  \n:small[:gray[{literal(pattern.subject)}]]" if pattern.supported and pattern.subject else ""
    st.markdown(f"**{pattern.name}** {mark}{subject}")
    with st.container(horizontal=True, vertical_alignment="center"):
        if pattern.supported and writable(ws):  # a view link creates no scenario
            st.button(
                "Try as scenario",
                key=f"try_{pattern.key}",
                on_click=try_as_scenario,
                args=(ws, pattern, v.analysis.suggestion),
                disabled=ws.refuses_writes,
            )
        with st.popover("Evidence and rule" if pattern.supported else "Why not, and the rule"):
            if not pattern.supported:
                st.markdown(f"*Fell short:* {literal(pattern.shortfall)}")
            st.markdown(literal(pattern.evidence))
            st.caption(literal(pattern.rule))
    if tried and tried[0] == pattern.key:
        st.success(f"Scenario “{literal(tried[1])}” created and made active.")
        st.page_link("pages/focus_matrix.py", label="Open the Focus matrix", icon=":material/view_kanban:")
