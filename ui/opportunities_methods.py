"""The Opportunities page's Methods tab (issue 16.1): would another way of scoring change the priorities?"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.analysis.methods import DEFAULT, LABELS
from core.analysis.scoring import RULE_LABELS
from core.workspace.database import Workspace
from ui import page_views, presentation
from ui.chart_downloads import chart_downloads
from ui.charts.methods import method_ranks
from ui.group_filter import GroupChoice
from ui.settings_notice import scores_note
from ui.text import literal

SHORT = {
    "opportunity": "Opportunity",
    "opportunity_mean": "Opportunity (means)",
    "ipa": "IPA",
    "gap": "Gap",
}


def agreement_table(agreement: pd.DataFrame) -> pd.DataFrame:
    """One row per method: its formula and its agreement with the opportunity score."""
    return pd.DataFrame(
        {
            "Method": agreement["label"],
            "Formula": agreement["formula"],
            "Spearman ρ": agreement["spearman"],
            "Top 10 overlap": [f"{o}/{n}" for o, n in zip(agreement["top_overlap"], agreement["top_n"], strict=True)],
        }
    )


def ranks_table(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Every outcome's rank under every method, by the default's rank, with its IPA quadrant and gap."""
    frame = outcomes.sort_values(f"rank_{DEFAULT}", na_position="last")
    table = pd.DataFrame({"Outcome": frame["statement"], "Job step": frame["step"]})
    for method, short in SHORT.items():
        table[short] = frame[f"rank_{method}"].astype("Int64")
    table["IPA quadrant"] = frame["ipa_quadrant"]
    table["Gap (I − S)"] = frame["gap"]
    return table


def methods_tab(ws: Workspace, choice: GroupChoice) -> None:
    view = page_views.scoring_methods(ws, choice.by, choice.group)
    comparison = view.comparison
    st.caption(
        "Would another way of scoring change the priorities? Every method below ranks the same outcomes "
        f"of {literal(choice.label)}, counted {RULE_LABELS[view.scoring.complete_pairs]}, against the default "
        "opportunity score (top-two-box)."
    )
    if comparison.outcomes[f"rank_{DEFAULT}"].notna().sum() < 2:
        st.info("Fewer than two outcomes have a score here: there is nothing to compare.")
        return
    st.dataframe(
        agreement_table(comparison.agreement),
        hide_index=True,
        column_config={
            "Formula": st.column_config.TextColumn(width="large"),
            "Spearman ρ": st.column_config.NumberColumn(format="%.2f", help="Rank correlation with the default"),
            "Top 10 overlap": st.column_config.TextColumn(help="How many of the default's top 10 this method's holds"),
        },
    )
    movers = set(comparison.movers["outcome_id"]) if len(comparison.movers) else set()
    spec = method_ranks(comparison.outcomes, LABELS, movers)
    st.vega_lite_chart(presentation.chart(spec), theme=None, width="stretch")
    chart_downloads(spec, "methods-ranks", note=scores_note(ws))
    st.subheader("Where the methods disagree most")
    if not movers:
        st.markdown("No outcome changes rank: every method orders them the same way.")
    else:
        moved = comparison.movers
        st.dataframe(
            pd.DataFrame(
                {
                    "Method": moved["label"],
                    "Outcome": moved["statement"],
                    "Rank (default → method)": [
                        f"{a} → {b}" for a, b in zip(moved["rank_default"], moved["rank_method"], strict=True)
                    ],
                    "Why": moved["why"],
                }
            ),
            hide_index=True,
            row_height=56,
            column_config={
                "Outcome": st.column_config.TextColumn(width="medium"),
                "Why": st.column_config.TextColumn(width="large"),
            },
        )
    grand = f"Ī = {comparison.grand_importance:.1f}, S̄ = {comparison.grand_satisfaction:.1f}"
    st.subheader("Every outcome under every method")
    st.caption(
        f"Ranks: 1 = the highest score; ties by importance, then job order. IPA quadrants at the grand means ({grand})."
    )
    st.dataframe(
        ranks_table(comparison.outcomes),
        hide_index=True,
        column_config={
            "Outcome": st.column_config.TextColumn(width="large"),
            "Gap (I − S)": st.column_config.NumberColumn(format="%.1f"),
        },
    )
