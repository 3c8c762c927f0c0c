"""Charts of the need clusters: the correlation heat map ordered by cluster and the dominance
views. DataFrames in, Altair charts out; no Streamlit here.

The heat map cannot label 80–150 outcomes legibly on a projector, so the clusters are named
in a strip beside it, each block is outlined, and every cell's tooltip gives both outcomes'
ids and statements.
"""

from __future__ import annotations

import warnings

import altair as alt
import numpy as np
import pandas as pd

from core.analysis.need_clusters import NeedClusters
from core.intake.limits import HEATMAP_OUTCOMES
from core.wording import count, plural
from ui.charts.heat_table import cell_text, opportunity_heat_table
from ui.charts.opportunities import label_positions
from ui.charts.reading import titled
from ui.charts.segments import COLUMNS_NOTE, SERVED_COLOUR, UNDERSERVED_COLOUR, column_label
from ui.charts.theme import INK, PALETTE, projector, themed

LABELLED_OUTCOMES = 40  # at most this many outcomes get their ids on the heat map's axes
CELLS = "correlation_cells"


def heatmap_block(outcomes: int) -> int:
    """How many outcomes one heat-map cell spans: 1 up to HEATMAP_OUTCOMES outcomes, more above.

    Decision (issue 9.4): one cell per pair of outcomes makes p² cells, which a browser cannot draw
    for many hundreds of outcomes; above the limit, each cell is the mean r of a block of
    ``block × block`` outcomes (in heat-map order), so the chart keeps at most ~150 × 150 cells.
    """
    return max(1, -(-outcomes // HEATMAP_OUTCOMES))


def heatmap_cells(clusters: NeedClusters) -> list[dict]:
    """The heat map's cells: x, y (heat-map positions), w (cells' width in outcomes) and r, the
    diagonal left out; blocks of outcomes averaged above HEATMAP_OUTCOMES (:func:`heatmap_block`)."""
    r = clusters.correlation.to_numpy().astype(float)
    block = heatmap_block(len(r))
    if block > 1:
        np.fill_diagonal(r, np.nan)
        bins = -(-len(r) // block)
        padded = np.full((bins * block, bins * block), np.nan)
        padded[: len(r), : len(r)] = r
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN block (only the diagonal of 1 outcome)
            r = np.nanmean(padded.reshape(bins, block, bins, block), axis=(1, 3))
        rows, cols = np.nonzero(~np.isnan(r))
    else:
        rows, cols = np.nonzero(~np.eye(len(r), dtype=bool))
    values = np.round(r[rows, cols], 2)
    return [
        {"x": int(x) * block, "y": int(y) * block, "w": block, "r": float(v)}
        for x, y, v in zip(cols, rows, values, strict=True)
    ]


def heatmap_spec(clusters: NeedClusters) -> dict:
    """The Vega-Lite spec of :func:`correlation_heatmap` with its cells filled in."""
    spec = correlation_heatmap(clusters).to_dict()
    spec.setdefault("datasets", {})[CELLS] = heatmap_cells(clusters)
    return spec


def _blocks(clusters: NeedClusters) -> pd.DataFrame:
    frame = clusters.assignments.groupby(["cluster", "cluster_name"], as_index=False)["position"].agg(["min", "max"])
    frame = frame.rename(columns={"min": "start", "max": "end"})
    frame["end"] = frame["end"] + 1
    frame["middle"] = (frame["start"] + frame["end"]) / 2
    frame["size"] = frame["end"] - frame["start"]
    frame["label"] = [f"{n}|{plural(s, 'outcome')}" for n, s in zip(frame["cluster_name"], frame["size"], strict=True)]
    return frame


def correlation_heatmap(clusters: NeedClusters, size: int = 440) -> alt.HConcatChart:
    """Pearson r of importance between outcomes, ordered by cluster; clusters named on the left."""
    p = len(clusters.correlation)
    r = clusters.correlation.to_numpy()
    off = ~np.eye(p, dtype=bool)
    # The cells go in as a named dataset (see heatmap_spec): 150 outcomes make 22,350 cells,
    # and Altair would validate every one of them.
    cells = alt.NamedData(name=CELLS)
    outcomes = clusters.assignments[["position", "outcome_id", "statement", "cluster_name"]]
    top = float(max(0.1, np.quantile(r[off], 0.99))) if off.any() else 1.0
    domain = alt.Scale(domain=[0, p], nice=False, zero=True)
    reversed_domain = alt.Scale(domain=[0, p], nice=False, zero=True, reverse=True)
    labelled = p <= LABELLED_OUTCOMES
    heat = (
        alt.Chart(cells)
        .transform_calculate(x2="datum.x + datum.w", y2="datum.y + datum.w")
        .transform_lookup(
            lookup="x",
            from_=alt.LookupData(outcomes, "position", ["outcome_id", "statement", "cluster_name"]),
            as_=["x_id", "x_statement", "x_cluster"],
        )
        .transform_lookup(
            lookup="y",
            from_=alt.LookupData(outcomes, "position", ["outcome_id", "statement"]),
            as_=["y_id", "y_statement"],
        )
        .mark_rect()
        .encode(
            x=alt.X("x:Q", scale=domain, axis=None),
            x2="x2:Q",
            y=alt.Y("y:Q", scale=reversed_domain, axis=None),
            y2="y2:Q",
            color=alt.Color(
                "r:Q",
                title="Correlation of importance (r)",
                scale=alt.Scale(scheme="blues", domain=[0, round(top, 2)], clamp=True),
                legend=alt.Legend(orient="bottom", gradientLength=300, format=".1f", titleLimit=400),
            ),
            tooltip=[
                alt.Tooltip("y_id:N", title="Outcome"),
                alt.Tooltip("y_statement:N", title="Statement"),
                alt.Tooltip("x_id:N", title="and outcome"),
                alt.Tooltip("x_statement:N", title="Statement"),
                alt.Tooltip("r:Q", title="r", format=".2f"),
                alt.Tooltip("x_cluster:N", title="Cluster of the second"),
            ],
        )
    )
    blocks = _blocks(clusters)
    outlines = (
        alt.Chart(blocks)
        .mark_rect(fill=None, stroke=INK, strokeWidth=2.5)
        .encode(x=alt.X("start:Q", scale=domain), x2="end:Q", y=alt.Y("start:Q", scale=reversed_domain), y2="end:Q")
    )
    layers = [heat, outlines]
    if labelled:
        ticks = clusters.assignments.assign(centre=clusters.assignments["position"] + 0.5)
        layers.append(
            alt.Chart(ticks)
            .mark_text(align="right", dx=-4, fontSize=12, color=INK)
            .encode(x=alt.value(0), y=alt.Y("centre:Q", scale=reversed_domain), text="outcome_id:N")
        )
    square = alt.layer(*layers).properties(width=size, height=size)
    colours = alt.Scale(
        domain=list(blocks["cluster_name"]), range=[PALETTE[i % len(PALETTE)] for i in range(len(blocks))]
    )
    strip = alt.Chart(blocks).encode(y=alt.Y("start:Q", scale=reversed_domain, axis=None), y2="end:Q")
    bands = strip.mark_rect(stroke="white", strokeWidth=2).encode(
        x=alt.value(0), x2=alt.value(14), color=alt.Color("cluster_name:N", scale=colours, legend=None)
    )
    names = (
        alt.Chart(blocks)
        .mark_text(align="left", x=22, fontSize=15, color=INK, limit=280, lineBreak="|", lineHeight=18)
        .encode(y=alt.Y("middle:Q", scale=reversed_domain, axis=None), text="label:N")
    )
    side = alt.layer(bands, names).properties(width=300, height=size)
    # A short title and a subtitle that fit the chart's own width (300 + 4 + size px): a longer
    # title ran past it and was clipped at 1280 px.
    blocks_note = []
    if (block := heatmap_block(p)) > 1:
        blocks_note.append(f"{p:,} outcomes: each cell is the mean r of a block of {block} × {block} outcomes")
    chart = alt.hconcat(side, square, spacing=4).properties(
        title=titled("Need clusters", "need_clusters", *blocks_note)
    )
    return themed(chart)


def dominance_chart(summary: pd.DataFrame, solid: float) -> alt.LayerChart:
    """Mean opportunity per need cluster (everyone), the solid-opportunity line, underserved clusters in orange."""
    data = summary.copy()
    data["state"] = np.where(data["underserved"], "underserved as a whole", "not underserved as a whole")
    data["text"] = [
        f"{m:.1f} · {count(u)} of {plural(n, 'outcome')} ≥ {solid:g}"
        for m, u, n in zip(data["mean_opportunity"], data["n_underserved"], data["n_outcomes"], strict=True)
    ]
    order = list(data.sort_values("cluster")["cluster_name"])
    y = alt.Y("cluster_name:N", sort=order, title=None, axis=alt.Axis(labelLimit=360))
    scale = alt.Scale(domain=[0, 20])
    bars = (
        alt.Chart(data)
        .mark_bar(height={"band": 0.7})
        .encode(
            x=alt.X("mean_opportunity:Q", scale=scale, title="Mean opportunity of the cluster's outcomes (0–20)"),
            y=y,
            color=alt.Color(
                "state:N",
                title=None,
                scale=alt.Scale(
                    domain=["underserved as a whole", "not underserved as a whole"],
                    range=[UNDERSERVED_COLOUR, SERVED_COLOUR],
                ),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("cluster_name:N", title="Cluster"),
                alt.Tooltip("mean_opportunity:Q", title="Mean opportunity", format=".1f"),
                alt.Tooltip("n_outcomes:Q", title="Outcomes"),
                alt.Tooltip("n_underserved:Q", title=f"Outcomes ≥ {solid:g}"),
                alt.Tooltip("steps:N", title="Steps"),
            ],
        )
    )
    data["label_x"] = label_positions(data["mean_opportunity"], solid)
    where = {"x": alt.X("label_x:Q", scale=scale), "y": y, "text": "text:N"}
    halo = (
        alt.Chart(data)
        .mark_text(align="left", dx=6, fontSize=15, stroke="white", strokeWidth=5, strokeJoin="round")
        .encode(**where)
    )
    text = alt.Chart(data).mark_text(align="left", dx=6, fontSize=15, color=INK).encode(**where)
    rule = (
        alt.Chart(pd.DataFrame({"x": [solid]}))
        .mark_rule(color=UNDERSERVED_COLOUR, strokeDash=[6, 4], strokeWidth=2)
        .encode(x="x:Q")
    )
    chart = alt.layer(bars, rule, halo, text).properties(
        height=max(150, 50 * len(data)),
        title=titled("Need cluster dominance: which clusters are underserved as a whole", "cluster_dominance"),
    )
    return projector(chart)


def dominance_by_segment(summary: pd.DataFrame, order: list[str]) -> alt.LayerChart:
    """Mean opportunity of each cluster (rows) within each segment (columns), value in each cell."""
    data = summary.copy()
    labels = {g: column_label(g) for g in order}
    data["column"] = data["group"].map(labels)
    data["text"] = cell_text(data["mean_opportunity"])
    rows = list(data.sort_values("cluster")["cluster_name"].drop_duplicates())
    chart = opportunity_heat_table(
        data,
        columns=[labels[g] for g in order],
        row_field="cluster_name",
        rows=rows,
        tooltip=[
            alt.Tooltip("group:N", title="Segment"),
            alt.Tooltip("cluster_name:N", title="Cluster"),
            alt.Tooltip("mean_opportunity:Q", title="Mean opportunity", format=".1f"),
            alt.Tooltip("n_underserved:Q", title="Outcomes ≥ solid"),
        ],
        title=titled(
            "Which segment each need cluster matters to (mean opportunity)", "cluster_by_segment", COLUMNS_NOTE
        ),
        row_height=48,
        font_size=16,
        label_limit=340,
    )
    return projector(chart)
