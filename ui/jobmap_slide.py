"""The Job map page as a slide (presentation mode, issue 15.3): the job's steps as a grid of
cards on one projector screen.

Decision: while presenting, the room sees the job, not the editor — each step a card in job
order: its number and name, how many outcomes it holds, their mean opportunity and the top
one's. Four cards a row up to 12 steps, five up to 20, six beyond, so a long job still fits
1280 × 720 (the statements and the editor stay on the normal page; the Opportunities slide
names the top outcomes).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.wording import decimal, plural
from ui.text import literal

SLIDE_KEY = "jobmap_slide"  # container key: presentation_css.JOBMAP_SLIDE styles its cards


def per_row(steps: int) -> int:
    """Cards a row: four up to 12 steps, five up to 20, six beyond."""
    return 4 if steps <= 12 else 5 if steps <= 20 else 6


def _score(value: object) -> str:
    return "–" if pd.isna(value) else decimal(value)  # type: ignore[arg-type]


def card_caption(n_outcomes: object, mean: object, top: object) -> str:
    """ "6 outcomes · mean 6.1 · top 9.5" (opportunities; "–" where a step has no score)."""
    count = 0 if pd.isna(n_outcomes) else int(n_outcomes)  # type: ignore[arg-type]
    return f"{plural(count, 'outcome')} · mean {_score(mean)} · top {_score(top)}"


def jobmap_slide(steps: pd.DataFrame, summary: pd.DataFrame) -> None:
    """Every step as a card, in job order."""
    table = steps.merge(
        summary[["step_id", "n_outcomes", "mean_opportunity", "top_opportunity"]], on="step_id", how="left"
    )
    width = per_row(len(table))
    with st.container(key=SLIDE_KEY):
        for start in range(0, len(table), width):
            columns = st.columns(width, gap="small")
            chunk = table.iloc[start : start + width]
            for number, column, row in zip(
                range(start + 1, start + width + 1), columns, chunk.itertuples(), strict=False
            ):
                with column.container(border=True):
                    st.markdown(f"**{number} · {literal(row.name)}**")
                    st.caption(card_caption(row.n_outcomes, row.mean_opportunity, row.top_opportunity))
