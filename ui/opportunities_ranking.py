"""The Opportunities page's first tab: the landscape, the ranked outcomes and opportunity by step,
with the 95 % bootstrap interval of every opportunity (issue 16.2)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.analysis.bootstrap import RESAMPLES, SEED, distinguishable_text, not_distinguishable, with_intervals
from core.analysis.scoring import load_settings, scoring_rule
from core.exports import csv_bytes, xlsx_bytes
from core.wording import decimal, plural
from core.workspace.database import Workspace
from ui import page_views, presentation
from ui.chart_downloads import chart_downloads
from ui.group_filter import GroupChoice
from ui.opportunity_charts import opportunity_charts
from ui.ranking import RANKED_COLUMNS, SHOWN_COLUMNS, SHOWN_WIDTHS, for_download, ranked, selected_outcomes
from ui.settings_notice import scores_note
from ui.text import literal

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INTERVALS_TOGGLE = "opportunities_intervals"
BOOTSTRAP_RULE = (
    f"Opportunity 95% CI: percentile bootstrap over respondents ({RESAMPLES:,} resamples, seed {SEED}). "
    "“Not distinguishable from rank N+1”: its interval overlaps the next outcome's, so the data cannot "
    "tell the two apart."
)


def ranking_tab(ws: Workspace, choice: GroupChoice) -> None:
    shown = st.toggle(
        "Show 95 % intervals on the charts",
        key=INTERVALS_TOGGLE,
        help="Error bars: importance and satisfaction (Wilson) on the landscape; the bootstrap interval of each "
        "step's mean opportunity on the step bars.",
    )
    charts = opportunity_charts(ws, choice.by, choice.group, bool(shown))
    st.caption(
        "Each point is a desired outcome; below the diagonal it is underserved. "
        "Click a point (shift-click for more) or drag a box to filter the ranked table; numbers are ranks.",
        help="Opportunity = importance + max(importance − satisfaction, 0). The dashed lines join outcomes of equal "
        "opportunity (10, 12, 15): the further down and right, the bigger the opportunity. Shaded: underserved "
        "(orange), overserved (blue).",
    )
    event = st.vega_lite_chart(
        presentation.chart(charts.landscape),
        theme=None,
        key=f"landscape_{choice.by}_{choice.group}",
        on_select="rerun",
        width="content",
    )
    chart_downloads(charts.landscape, "opportunity-landscape", note=scores_note(ws))
    # the intervals after the landscape: a survey's first view draws its chart before the resamples
    boot = page_views.opportunity_intervals(ws, choice.by)
    scores = with_intervals(page_views.opportunities(ws, choice.by).scores_of(choice.group), boot.outcomes)
    table = ranked(scores)
    picked = selected_outcomes(event.get("selection") if event else None, scores)
    if picked is not None:
        table = table[table["outcome_id"].isin(picked)]
        st.markdown(
            f"**{plural(len(table), 'selected outcome')}** — click an empty spot on the chart to clear the selection."
        )
    st.subheader(f"Ranked outcomes · {literal(choice.label)}")
    st.dataframe(
        table,
        column_order=SHOWN_COLUMNS,
        column_config={
            **{k: st.column_config.Column(v, width=SHOWN_WIDTHS.get(k)) for k, v in RANKED_COLUMNS.items()},
            "statement": st.column_config.TextColumn("Outcome", width=SHOWN_WIDTHS["statement"]),
            "importance": st.column_config.NumberColumn("Importance", format="%.1f", width=SHOWN_WIDTHS["importance"]),
            "satisfaction": st.column_config.NumberColumn(
                "Satisfaction", format="%.1f", width=SHOWN_WIDTHS["satisfaction"]
            ),
            "opportunity": st.column_config.ProgressColumn(
                "Opportunity", format="%.1f", min_value=0, max_value=20, width=SHOWN_WIDTHS["opportunity"]
            ),
        },
        hide_index=True,
        height=380,
    )
    st.caption(boot.note or BOOTSTRAP_RULE)
    download = for_download(table, scoring_rule(load_settings(ws)))
    downloads = st.container(horizontal=True)  # buttons at their natural width: never "Downlo…"
    downloads.download_button(
        "Download .csv", lambda: csv_bytes(download), "opportunities.csv", "text/csv", icon=":material/download:"
    )
    downloads.download_button(
        "Download .xlsx",
        lambda: xlsx_bytes({"Opportunities": download}),
        "opportunities.xlsx",
        XLSX_MIME,
        icon=":material/download:",
    )
    st.vega_lite_chart(presentation.chart(charts.step_bars), theme=None, width="stretch")
    chart_downloads(charts.step_bars, "opportunity-by-step", note=scores_note(ws))
    steps = page_views.opportunities(ws, choice.by).steps_of(choice.group)
    with st.expander("Job steps ranked, with 95 % intervals"):
        st.dataframe(
            step_table(with_intervals(steps, boot.steps, keys=("group", "step_id"))),
            hide_index=True,
            column_config={
                "Mean opportunity": st.column_config.NumberColumn(format="%.1f"),
                "Step": st.column_config.TextColumn(width="medium"),
            },
        )


def step_table(steps: pd.DataFrame) -> pd.DataFrame:
    """Steps by mean opportunity, highest first, with the interval and the "not distinguishable" mark."""
    frame = steps.dropna(subset=["mean_opportunity"]).sort_values("mean_opportunity", ascending=False)
    marks = not_distinguishable(
        frame["mean_opportunity"], frame["mean_opportunity_low"], frame["mean_opportunity_high"]
    )
    return pd.DataFrame(
        {
            "Rank": range(1, len(frame) + 1),
            "Step": [f"{int(o)}. {s}" for o, s in zip(frame["step_order"], frame["step"], strict=True)],
            "Mean opportunity": frame["mean_opportunity"],
            "95% CI": [
                f"{decimal(lo)}–{decimal(hi)}" if pd.notna(lo) and pd.notna(hi) else ""
                for lo, hi in zip(frame["mean_opportunity_low"], frame["mean_opportunity_high"], strict=True)
            ],
            "Next rank": distinguishable_text(marks),
            "Outcomes": frame["n_outcomes"],
        }
    )
