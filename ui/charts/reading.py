"""How to read each chart: one line per chart, in one place (issue 15, item 4).

Every chart builder titles its chart with :func:`titled`, which puts the chart's line from
:data:`READING` directly under the title as the Vega-Lite ``subtitle``. Decision: the line lives
in the spec, not in a ``st.caption`` next to the chart, because the title is drawn inside the
chart: only the subtitle sits *under* it, on every page, in print, and in every image or report
made from the same spec. tests/app/test_chart_reading.py runs every page and fails on a chart
whose title has no line from here.

Vega does not wrap titles, so the line is wrapped here: at :data:`WRAP` characters (15 px text,
under 600 px: the narrowest full-width charts, such as the landscape), and at
:data:`NARROW_WRAP` for the charts drawn in half of the page (:data:`NARROW`: the Focus matrix's
live charts), at :data:`THIRD_WRAP` for the Trade-offs chart drawn in a third of it (its line is
short: the axes say 1–5 and the dashed lines the split at 3), so at 1280 px no line runs past its
chart. Imports no Altair:
the Opportunities page's specs are plain dicts (ui/charts/opportunities.py).
"""

from __future__ import annotations

import textwrap

from ui.charts.palette import MUTED

WRAP = 70  # characters per subtitle line
NARROW_WRAP = 48  # … on a chart drawn in half of the page
NARROW = frozenset({"strategy_profile", "focus_advantage", "coverage", "metric"})
THIRD_WRAP = 26  # … on a chart drawn in a third of the page (~225 px at 1280 with the sidebar open)
THIRD = frozenset({"tradeoffs"})  # the Trade-offs chart, beside the weights and the ranking
SUBTITLE_SIZE = 15

READING: dict[str, str] = {
    "landscape": "Each point is an outcome: further right is more important, lower is less satisfied, "
    "so the bottom right holds the biggest opportunities.",
    "step_bars": "Longer bars: job steps whose outcomes are more underserved on average; "
    "the dashed line marks the solid band.",
    "method_ranks": "Each line is an outcome's rank under each method (1 on top): flat lines agree; "
    "the coloured ones move most between methods.",
    "investment": "Top left pays best: much opportunity unlocked for few resource points "
    "(dashed lines: the medians); colour: the VRIO verdict.",
    "need_clusters": "Darker cells: outcomes whose importance respondents rate together; "
    "the dark squares along the diagonal are the clusters.",
    "cluster_dominance": "Longer bars: clusters whose outcomes are more underserved; "
    "past the dashed line a cluster is underserved as a whole.",
    "cluster_by_segment": "Darker cells: higher mean opportunity; read across a row "
    "to see which segment that need cluster matters to most.",
    "advantage_steps": "Higher is more satisfied; below the dashed critical threshold a solution "
    "is not good enough; the top line on a step leads it.",
    "advantage_outcomes": "Higher is more satisfied; below the dashed critical threshold a solution "
    "is not good enough on that outcome.",
    "leads": "Longer bars: more job steps on which that competitor beats the runner-up by at least the lead margin.",
    "strategy_profile": "Opportunity per step, coloured by our choice: tall Differentiate bars are the focus.",
    "focus_advantage": "Thin lines: competitors; thick: our targets; below the dashed line is not acceptable.",
    "compare_grid": "One row per scenario, one column per job step: "
    "see where the scenarios differentiate, meet or accept differently.",
    "compare_targets": "Each line is a scenario's planned satisfaction per step; "
    "above the grey dashed best competitor, that scenario leads.",
    "segment_sizes": "Longer bars: larger segments; each bar gives its respondents, "
    "its share and its mean opportunity.",
    "silhouette": "Higher bars: segments that are more clearly apart; "
    "the highlighted bar is the number of segments used.",
    "segment_steps": "Darker cells: higher mean opportunity; compare a segment's column "
    "with Everyone's to see what sets it apart.",
    "attribute_mix": "Each bar splits a segment (and everyone) by the attribute's values; "
    "compare a segment's bar with Everyone's.",
    "wtp": "Bars: median willingness to pay of each group; the black line spans the middle half of the answers.",
    "tradeoffs": "Top right first: high value and feasibility.",
    "coverage": "The number in a cell is its messages; the colour says whether one has a proof point.",
    "waves": "Each line joins one outcome (or step) from one wave to the other; thick lines changed "
    "significantly (p < 0.05).",
    "growth": "Right: more underserved; up: more overserved; bubble: respondents; "
    "colour: median WTP (grey: unknown); dashed: the rule's thresholds.",
    "metric": "Dots: the measurements; dashed: the baseline; solid: the target; colour: the status.",
}


def reading_lines(chart: str) -> list[str]:
    """The chart's how-to-read line, wrapped to fit a narrow chart; KeyError for an unknown chart."""
    width = THIRD_WRAP if chart in THIRD else NARROW_WRAP if chart in NARROW else WRAP
    return textwrap.wrap(READING[chart], width)


def titled(text: str, chart: str, *more: str) -> dict:
    """A Vega-Lite title: ``text``, then the chart's line from :data:`READING`, then ``more`` lines."""
    return {
        "text": text,
        "subtitle": [*reading_lines(chart), *more],
        "subtitleFontSize": SUBTITLE_SIZE,
        "subtitleColor": MUTED,
    }
