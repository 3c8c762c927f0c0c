"""The Customers page's summary strip, its rules and setting, and the per-segment and per-kind tables."""

from __future__ import annotations

import streamlit as st

from core.strategy.customer_figures import DEEP, SETTINGS_KEY, CustomerSettings, save_customer_settings
from core.strategy.customers import KIND_TITLES
from core.views.customers import CustomersView
from core.wording import percent
from core.workspace.database import Workspace
from ui import stale_views
from ui.customers_data import change, show_feedback, view
from ui.view_only import writable

MIN_FACTS_KEY = "customers_min_facts"
DEEP_KEY = "customers_deep"


def summary_strip(v: CustomersView) -> None:
    """Customers, facts, the overall share known, customers we cannot tell apart, segments known deeply."""
    t = v.totals
    people, facts, share, blurry, deep = st.columns(5)
    people.metric("Customers", t["customers"])
    facts.metric("Facts", t["facts"])
    share.metric("Share known", percent(t["share_known"]), help="Facts the customer knows we understand / all facts.")
    blurry.metric(
        "Cannot tell apart",
        t["blurry"],
        help=f"Customers with fewer than {v.settings.min_facts} facts: they look like any other.",
    )
    segments = v.by_segment
    deep.metric(
        "Segments known",
        f"{int((segments['depth'] == DEEP).sum())} of {len(segments)}" if len(segments) else "–",
        help="Segments known deeply; the rest we know only as a statistic (their survey scores). See “Rules”.",
    )


def _save_settings(workspace: Workspace, min_key: str, deep_key: str) -> None:
    """Save both number inputs (their keys hold the stored values, so a change elsewhere resets them)."""

    def save() -> None:
        settings = CustomerSettings(
            min_facts=int(st.session_state[min_key]), deep_customers=int(st.session_state[deep_key])
        )
        save_customer_settings(workspace, settings, stale_views.drawn(stale_views.setting(SETTINGS_KEY)))

    change(save, "Board settings")


@st.dialog("Rules, settings and figures", width="large")
def rules_dialog(workspace: Workspace) -> None:
    """The rules, the two settings (saved at once) and the tables by segment and by kind.
    A dialog, not part of the board: its tables are not redrawn at every tick."""
    show_feedback()
    stale_views.remember(stale_views.setting(SETTINGS_KEY), workspace.revision)  # before the settings shown
    v = view(workspace)
    s = v.settings
    st.markdown(
        f"- **Share known**: facts the customer knows we understand (ticked) / all its facts; overall, all ticked "
        f"facts / all facts.\n"
        f"- **Cannot tell apart**: fewer than **{s.min_facts}** facts — too little written down to tell this "
        f"customer from any other.\n"
        f"- **A segment is known deeply** when at least **{s.deep_customers}** of the customers linked to it can "
        f"be told apart; otherwise we know it **only as a statistic** (its survey scores)."
    )
    suffix = f"{s.min_facts}_{s.deep_customers}"
    min_key, deep_key = f"{MIN_FACTS_KEY}_{suffix}", f"{DEEP_KEY}_{suffix}"
    left, right = st.columns(2)
    viewer = not writable(workspace)  # a view link reads the facilitator's two settings, greyed
    left.number_input(
        "Fewest facts to tell a customer apart",
        min_value=1,
        max_value=50,
        value=s.min_facts,
        key=min_key,
        on_change=_save_settings,
        args=(workspace, min_key, deep_key),
        disabled=viewer,
    )
    right.number_input(
        "Customers told apart for a segment known deeply",
        min_value=1,
        max_value=50,
        value=s.deep_customers,
        key=deep_key,
        on_change=_save_settings,
        args=(workspace, min_key, deep_key),
        disabled=viewer,
    )
    if len(v.by_segment):
        st.markdown("**By segment**")
        table = v.by_segment[
            ["segmentation", "segment", "respondents", "customers", "told_apart", "facts", "share_known", "depth"]
        ]
        st.dataframe(table, hide_index=True, column_config=_columns(), width="stretch")
    else:
        st.caption("No saved segmentation yet: save one on the Segments page to link customers to segments.")
    st.markdown("**By kind of fact**")
    kinds = v.by_kind.assign(kind=v.by_kind["kind"].map(KIND_TITLES))
    st.dataframe(kinds, hide_index=True, column_config=_columns(), width="stretch")


def _columns() -> dict:
    return {
        "told_apart": st.column_config.NumberColumn("told apart"),
        "share_known": st.column_config.ProgressColumn("share known", min_value=0.0, max_value=1.0, format="percent"),
    }
