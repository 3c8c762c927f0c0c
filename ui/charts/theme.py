"""Projector-ready chart styling: big fonts, a colour-blind-safe palette, shapes as well as colour."""

from __future__ import annotations

import altair as alt

from ui.charts.palette import (  # noqa: F401  (re-exported: the chart builders import them from here)
    AXIS,
    COMPETITOR_PALETTE,
    FONT,
    INK,
    LABEL_LIMIT,
    LEGEND,
    MUTED,
    OVERSERVED_FILL,
    PALETTE,
    SHAPES,
    TITLE,
    UNDERSERVED_FILL,
    dark_config,
    dark_spec,
    step_encodings,
)


def themed(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Axis labels ≥ 14 px, titles 16 px, legends 14 px, no chart border."""
    return (
        chart.configure(font=FONT)
        .configure_axis(**AXIS)
        .configure_legend(**LEGEND)
        .configure_title(**TITLE)
        .configure_view(strokeWidth=0)
    )


def projector(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Themed, and fitted to the page's width only: the declared height stays the plot's height.

    (Streamlit otherwise fits the whole chart, axes and legend included, into that height.)
    """
    return themed(chart).properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
