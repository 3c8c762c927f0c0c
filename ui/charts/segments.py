"""Charts of the Segments page: DataFrames in, Altair charts out. No Streamlit here.

Projector rules (ui.charts.theme): fonts ≥ 14 px, the colour-blind-safe palette, and every colour
backed by a text label, so nothing is told by colour alone.
"""

from __future__ import annotations

import textwrap

import altair as alt
import numpy as np
import pandas as pd

from core.analysis.segment_profiles import NAME_PREFIX, WELL_SERVED_PREFIX
from core.wording import plural
from ui.charts.heat_table import cell_text, opportunity_heat_table
from ui.charts.opportunities import step_label
from ui.charts.reading import titled
from ui.charts.theme import INK, LABEL_LIMIT, PALETTE, projector

UNDERSERVED_COLOUR = "#D55E00"
SERVED_COLOUR = "#0072B2"


def wrapped(text: str, width: int = 26, lines: int = 3) -> str:
    """Text with ``|`` between lines (at most ``lines``, the last cut with "…"), for labelExpr."""
    parts = textwrap.wrap(str(text), width) or [str(text)]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], textwrap.shorten(" ".join(parts[lines - 1 :]), width, placeholder="…")]
    return "|".join(parts)


def column_label(segment: str) -> str:
    """A segment's name as a narrow column header: without "Underserved on:", on up to 3 lines."""
    text = segment.removeprefix(NAME_PREFIX)
    if text.startswith(WELL_SERVED_PREFIX):
        text = "well served: " + text.removeprefix(WELL_SERVED_PREFIX)
    return wrapped(text, 15)


COLUMNS_NOTE = "Columns: segments, named after the need each is most underserved on"


def segment_colours(segments: list[str]) -> alt.Scale:
    """A fixed palette colour per segment, in the given (size) order."""
    return alt.Scale(domain=segments, range=[PALETTE[i % len(PALETTE)] for i in range(len(segments))])


def sizes_chart(sizes: pd.DataFrame) -> alt.LayerChart:
    """Share of respondents per segment, largest first, labelled with n, share and mean opportunity."""
    data = sizes.copy()
    order = list(data["segment"])
    data["text"] = [
        f"{plural(n, 'respondent')} · {share:.0%} · mean opportunity {opp:.1f}"
        for n, share, opp in zip(data["n"], data["share"], data["mean_opportunity"], strict=True)
    ]
    y = alt.Y("segment:N", sort=order, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT))
    # No x axis: each bar is labelled with its numbers, and the domain leaves room for them.
    top = float(data["share"].max() or 1) * 3.6
    x = alt.X("share:Q", axis=None, scale=alt.Scale(domain=[0, top]))
    bars = (
        alt.Chart(data)
        .mark_bar(height={"band": 0.7})
        .encode(
            x=x,
            y=y,
            color=alt.Color("segment:N", scale=segment_colours(order), legend=None),
            tooltip=[
                alt.Tooltip("segment:N", title="Segment"),
                alt.Tooltip("n:Q", title="Respondents", format=","),
                alt.Tooltip("share:Q", title="Share", format=".0%"),
                alt.Tooltip("mean_opportunity:Q", title="Mean opportunity", format=".1f"),
            ],
        )
    )
    text = alt.Chart(data).mark_text(align="left", dx=6, fontSize=15, color=INK).encode(x=x, y=y, text="text:N")
    chart = alt.layer(bars, text).properties(
        height=max(140, 56 * len(data)), title=titled("Segment sizes", "segment_sizes")
    )
    return projector(chart)


def silhouette_chart(silhouettes: dict[str, float], chosen: int) -> alt.LayerChart:
    """Silhouette by number of segments, the chosen k marked: why this k."""
    data = pd.DataFrame({"k": [int(k) for k in silhouettes], "silhouette": list(silhouettes.values())})
    data["chosen"] = np.where(data["k"] == chosen, "chosen", "tried")
    x = alt.X("k:O", title="Number of segments (k)", axis=alt.Axis(labelAngle=0))
    y = alt.Y("silhouette:Q", title="Silhouette (higher = better separated)")
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "chosen:N", scale=alt.Scale(domain=["chosen", "tried"], range=[SERVED_COLOUR, "#B8C2CC"]), legend=None
            ),
            tooltip=[alt.Tooltip("k:O"), alt.Tooltip("silhouette:Q", format=".3f")],
        )
    )
    text = (
        alt.Chart(data)
        .mark_text(dy=-8, fontSize=14, color=INK)
        .encode(x=x, y=y, text=alt.Text("silhouette:Q", format=".2f"))
    )
    return projector(
        alt.layer(bars, text).properties(height=220, title=titled("How well the segments separate", "silhouette"))
    )


def step_heatmap(steps_by_segment: pd.DataFrame, everyone: pd.DataFrame, order: list[str]) -> alt.LayerChart:
    """Mean opportunity per job step (rows) for everyone and each segment (columns), value in each cell.

    Shows what pooled scores hide: a step that looks served overall can be underserved for a segment.
    """
    frame = pd.concat([everyone.assign(group="Everyone"), steps_by_segment], ignore_index=True)
    frame["step_label"] = [step_label(o, n) for o, n in zip(frame["step_order"], frame["step"], strict=True)]
    columns = ["Everyone", *order]
    labels = {c: column_label(c) for c in columns}
    frame["column"] = frame["group"].map(labels)
    frame["text"] = cell_text(frame["mean_opportunity"])
    rows = list(dict.fromkeys(frame.sort_values("step_order")["step_label"]))
    chart = opportunity_heat_table(
        frame,
        columns=[labels[c] for c in columns],
        row_field="step_label",
        rows=rows,
        tooltip=[
            alt.Tooltip("group:N", title="Respondents"),
            alt.Tooltip("step_label:N", title="Step"),
            alt.Tooltip("mean_opportunity:Q", title="Mean opportunity", format=".1f"),
            alt.Tooltip("top_outcome:N", title="Top outcome"),
        ],
        title=titled("Mean opportunity by job step: everyone vs each segment", "segment_steps", COLUMNS_NOTE),
        row_height=34,
        font_size=15,
        label_limit=300,
    )
    return projector(chart)


def attribute_mix_chart(mix: pd.DataFrame, order: list[str]) -> alt.LayerChart:
    """One respondent attribute: the share of each value within each segment and for everyone."""
    everyone = mix.groupby("value", as_index=False)["n"].sum()
    everyone["segment"] = "Everyone"
    everyone["share"] = everyone["n"] / everyone["n"].sum()
    frame = pd.concat([mix[["segment", "value", "n", "share"]], everyone], ignore_index=True)
    values = list(everyone.sort_values("n", ascending=False)["value"])
    frame["rank"] = frame["value"].map({v: i for i, v in enumerate(values)})
    frame["text"] = [f"{v} {s:.0%}" if s >= 0.09 else "" for v, s in zip(frame["value"], frame["share"], strict=True)]
    rows = ["Everyone", *order]
    y = alt.Y("segment:N", sort=rows, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT))
    x = alt.X("share:Q", stack="normalize", title="Share within the segment", axis=alt.Axis(format="%"))
    colour = alt.Color(
        "value:N",
        sort=values,
        title=None,
        scale=alt.Scale(domain=values, range=[PALETTE[i % len(PALETTE)] for i in range(len(values))]),
        legend=alt.Legend(orient="bottom", columns=min(len(values), 5)),
    )
    bars = (
        alt.Chart(frame)
        .mark_bar(height={"band": 0.72}, stroke="white", strokeWidth=1)
        .encode(
            x=x,
            y=y,
            color=colour,
            order=alt.Order("rank:Q"),
            tooltip=[
                alt.Tooltip("segment:N", title="Segment"),
                alt.Tooltip("value:N", title="Value"),
                alt.Tooltip("n:Q", title="Respondents"),
                alt.Tooltip("share:Q", title="Share", format=".0%"),
            ],
        )
    )
    text = (
        alt.Chart(frame)
        .mark_text(fontSize=14, color="white", fontWeight="bold")
        .encode(x=alt.X("share:Q", stack="normalize", bandPosition=0.5), y=y, text="text:N", order=alt.Order("rank:Q"))
    )
    return projector(
        alt.layer(bars, text).properties(
            height=max(150, 50 * len(rows)), title=titled("Attribute mix by segment", "attribute_mix")
        )
    )
