"""Projector-ready chart styling: big fonts, a colour-blind-safe palette, shapes as well as colour."""

from __future__ import annotations

import altair as alt

# Okabe–Ito, without the yellow that vanishes on white.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"]
# Competitors, in alphabetical order, on every page (the Okabe–Ito hues the steps don't lead with).
COMPETITOR_PALETTE = ["#56B4E9", "#CC79A7", "#009E73", "#D55E00", "#7F3C8D", "#999999", "#A6761D", "#1B9E77"]
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down"]
UNDERSERVED_FILL = "#F6D7B0"
OVERSERVED_FILL = "#CFE3F3"
INK = "#111418"
MUTED = "#55606E"
FONT = "Source Sans Pro, Helvetica, Arial, sans-serif"
LABEL_LIMIT = 440  # px of a group's name on a bar chart's axis (segments, WTP groups)


def step_encodings(labels: list[str]) -> tuple[list[str], list[str]]:
    """A distinct (colour, shape) pair per step, neighbours differing in both."""
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(labels))]
    shapes = [SHAPES[i % len(SHAPES)] for i in range(len(labels))]
    return colours, shapes


def themed(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Axis labels ≥ 14 px, titles 16 px, legends 14 px, no chart border."""
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFontSize=15, titleFontSize=17, labelColor=INK, titleColor=INK, gridColor="#E3E7EC")
        .configure_legend(labelFontSize=14, titleFontSize=15, symbolSize=140, labelLimit=320)
        .configure_title(fontSize=19, anchor="start", color=INK)
        .configure_view(strokeWidth=0)
    )


def projector(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Themed, and fitted to the page's width only: the declared height stays the plot's height.

    (Streamlit otherwise fits the whole chart, axes and legend included, into that height.)
    """
    return themed(chart).properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
