"""Chart specs of the focus matrix: the strategy profile, the competitive advantage map and the
scenario comparison. DataFrames in, Vega-Lite specs out; no Streamlit here.

Building an Altair chart costs 30–60 ms even when it is small: too slow for a board that must
answer a move at once. Each chart is therefore built once per shape (``functools.cache``) on
*named* datasets, and a move only puts the new rows into the spec's ``datasets``
(:func:`with_data`), which costs well under a millisecond. Choices are shown by colour *and*
by their name, so the charts read in black and white and for colour-blind viewers.
"""

from __future__ import annotations

import copy
from functools import cache

import altair as alt
import pandas as pd

from core.strategy.focus import ACCEPT, COLUMNS, DIFFERENTIATE, LABELS, MEET, UNASSIGNED, Assignment
from ui.charts.reading import titled
from ui.charts.theme import COMPETITOR_PALETTE, INK, MUTED, themed

CHOICE_COLOURS = {UNASSIGNED: "#FFFFFF", DIFFERENTIATE: "#0072B2", MEET: "#E69F00", ACCEPT: "#9AA4B1"}
CHOICE_LETTERS = {UNASSIGNED: "–", DIFFERENTIATE: "D", MEET: "M", ACCEPT: "A"}
THRESHOLD_COLOUR = "#B22222"
OUR_TARGET = "Our target"
PROFILE_PICK = "profile_pick"
_CHOICE_DOMAIN = [LABELS[c] for c in COLUMNS]
_CHOICE_RANGE = [CHOICE_COLOURS[c] for c in COLUMNS]


def _choice_colour() -> alt.Color:
    """Colour by choice (Unassigned, Differentiate, Meet, Accept), legend under the chart."""
    return alt.Color(
        "choice_label:N",
        title=None,
        scale=alt.Scale(domain=_CHOICE_DOMAIN, range=_CHOICE_RANGE),
        legend=alt.Legend(orient="bottom", direction="horizontal", symbolStrokeColor=MUTED),
    )


def with_data(template: dict, **datasets: pd.DataFrame) -> dict:
    """A copy of a cached spec with its named datasets filled in."""
    spec = copy.deepcopy(template)
    spec["datasets"] = dict(datasets)
    return spec


def step_name(order: int, name: str) -> str:
    return f"{int(order)} · {name}"


# --- strategy profile --------------------------------------------------------------------
def profile_rows(steps: pd.DataFrame, assignment: Assignment) -> pd.DataFrame:
    """One row per step: where it sits in the job, its opportunity and its choice."""
    choices = [assignment.get(int(s), UNASSIGNED) for s in steps["step_id"]]
    opportunity = steps["mean_opportunity"].astype(float).fillna(0.0)
    return pd.DataFrame(
        {
            "step_id": steps["step_id"].astype(int).to_numpy(),
            "step_order": steps["step_order"].astype(int).to_numpy(),
            "step_label": [step_name(o, n) for o, n in zip(steps["step_order"], steps["step"], strict=True)],
            "opportunity": opportunity.to_numpy(),
            "underserved": steps["n_attractive"].astype(int).to_numpy(),
            "choice": choices,
            "choice_label": [LABELS[c] for c in choices],
            "letter": [CHOICE_LETTERS[c] for c in choices],
        }
    )


CHART_HEIGHT = 360  # the whole chart (axes and legend included): Streamlit fits the spec to it


@cache
def _profile_template() -> dict:
    pick = alt.selection_point(name=PROFILE_PICK, fields=["step_id"], on="click", clear="dblclick")
    x = alt.X("step_order:O", title="Job step (numbers as on the board)", axis=alt.Axis(labelAngle=0))
    y = alt.Y("opportunity:Q", title="Step opportunity", scale=alt.Scale(zero=True, nice=True))
    data = alt.NamedData(name="profile")
    bars = (
        alt.Chart(data)
        .mark_bar(width={"band": 0.78}, stroke=MUTED, strokeWidth=1.5, cursor="pointer")
        .encode(
            x=x,
            y=y,
            color=_choice_colour(),
            strokeDash=alt.condition(alt.datum.choice == UNASSIGNED, alt.value([5, 3]), alt.value([1, 0])),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.4)),
            tooltip=[
                alt.Tooltip("step_label:N", title="Step"),
                alt.Tooltip("choice_label:N", title="Choice"),
                alt.Tooltip("opportunity:Q", title="Step opportunity", format=".1f"),
                alt.Tooltip("underserved:Q", title="Underserved outcomes"),
            ],
        )
        .add_params(pick)
    )
    letters = (
        alt.Chart(data)
        .mark_text(baseline="bottom", dy=-4, fontSize=17, fontWeight="bold", color=INK)
        .encode(x=x, y=y, text="letter:N")
    )
    chart = alt.layer(bars, letters).properties(
        height=CHART_HEIGHT, title=titled("Strategy profile", "strategy_profile")
    )
    return themed(chart).to_dict(validate=False)


def strategy_profile(steps: pd.DataFrame, assignment: Assignment) -> dict:
    """Bars in job order = step opportunity (mean of its outcomes); colour and letter = the choice
    (D, M, A; dashed outline = unassigned). Click a bar to open its step below (the
    ``profile_pick`` selection; double-click clears)."""
    return with_data(_profile_template(), profile=profile_rows(steps, assignment))


# --- competitive advantage map -----------------------------------------------------------
def _segments(values: pd.Series) -> list[int]:
    """A run number per row: consecutive rows with a value share one, so lines break at gaps."""
    run, runs, previous = 0, [], False
    for present in values.notna():
        if present and not previous:
            run += 1
        runs.append(run)
        previous = present
    return runs


def competitor_lines(steps: pd.DataFrame, competitor_steps: pd.DataFrame) -> pd.DataFrame:
    """The map's competitor dataset (it does not change with the choices, so it is cached)."""
    order = dict(zip(steps["step_id"].astype(int), steps["step_order"].astype(int), strict=True))
    names = dict(zip(steps["step_id"].astype(int), steps["step"], strict=True))
    lines = competitor_steps[competitor_steps["step_id"].isin(order)].copy()
    lines["step_order"] = lines["step_id"].map(order)
    lines["step_label"] = [step_name(order[s], names[s]) for s in lines["step_id"]]
    lines = lines.rename(columns={"competitor": "series"}).sort_values(["series", "step_order"])
    return lines[["series", "step_order", "step_label", "satisfaction"]].reset_index(drop=True)


def target_rows(targets: pd.DataFrame) -> pd.DataFrame:
    """The map's target dataset: steps with a target, a segment number per unbroken run."""
    target = targets.sort_values("step_order").copy()
    target["segment"] = _segments(target["target"])
    target = target.dropna(subset=["target"])
    target["series"] = OUR_TARGET
    target["step_label"] = [step_name(o, n) for o, n in zip(target["step_order"], target["step"], strict=True)]
    target["choice_label"] = [LABELS[c] for c in target["choice"]]
    return target[["series", "step_order", "step_label", "target", "segment", "choice_label"]]


MAP_LEGEND_COLUMNS = 3  # the map's legend under the board (presenting: one row)
SHORT_Y_TITLE = "Satisfaction"  # presenting: the chart is low, and a title longer than the plot is
# high pushes the chart title out of the top of the chart


@cache
def _map_template() -> dict:
    """The advantage map without its competitors: :func:`advantage_map` puts the survey's names and
    colours into the colour scale (:func:`_with_series`). Kept free of them so the template is built
    once per process, by the background warm-up (ui/warm_imports.py), not on a page's first visit
    of each survey (about 45 ms)."""
    colour = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=[OUR_TARGET], range=[INK]),
        legend=alt.Legend(orient="bottom", columns=MAP_LEGEND_COLUMNS, labelLimit=150, symbolStrokeWidth=4),
    )
    x = alt.X("step_order:O", title="Job step (numbers as on the board)", axis=alt.Axis(labelAngle=0))
    y = alt.Y("satisfaction:Q", title="Satisfaction (0–10)", scale=alt.Scale(domain=[0, 10]))
    lines = (
        alt.Chart(alt.NamedData(name="competitors"))
        .mark_line(point=alt.OverlayMarkDef(size=50), strokeWidth=2.5, opacity=0.8)
        .encode(
            x=x,
            y=y,
            color=colour,
            tooltip=[
                alt.Tooltip("series:N", title="Competitor"),
                alt.Tooltip("step_label:N", title="Step"),
                alt.Tooltip("satisfaction:Q", title="Satisfaction", format=".1f"),
            ],
        )
    )
    target_y = alt.Y("target:Q", scale=alt.Scale(domain=[0, 10]))
    target_data = alt.NamedData(name="target")
    target_line = (
        alt.Chart(target_data).mark_line(strokeWidth=4.5).encode(x=x, y=target_y, color=colour, detail="segment:N")
    )
    target_points = (
        alt.Chart(target_data)
        .mark_point(filled=True, size=190, stroke=INK, strokeWidth=1.5, shape="diamond")
        .encode(
            x=x,
            y=target_y,
            fill=alt.Fill(
                "choice_label:N",
                title="Our choice",
                scale=alt.Scale(domain=_CHOICE_DOMAIN[1:], range=_CHOICE_RANGE[1:]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("step_label:N", title="Step"),
                alt.Tooltip("choice_label:N", title="Choice"),
                alt.Tooltip("target:Q", title="Our target", format=".1f"),
            ],
        )
    )
    threshold = alt.Chart(alt.NamedData(name="threshold"))
    rule = threshold.mark_rule(color=THRESHOLD_COLOUR, strokeDash=[8, 4], strokeWidth=2.5).encode(y="threshold:Q")
    label = threshold.mark_text(
        align="right",
        baseline="top",
        x={"expr": "width"},
        dy=4,
        fontSize=14,
        fontWeight="bold",
        color=THRESHOLD_COLOUR,
    ).encode(y="threshold:Q", text="label:N")
    chart = alt.layer(lines, target_line, target_points, rule, label).properties(
        height=CHART_HEIGHT, title=titled("Competitive advantage map", "focus_advantage")
    )
    return themed(chart).to_dict(validate=False)


def advantage_map(lines: pd.DataFrame, targets: pd.DataFrame, threshold: float, one_line_legend: bool = False) -> dict:
    """Each competitor's satisfaction by step (``lines``: :func:`competitor_lines`), our planned
    target profile (thick black line, diamonds coloured by choice; no target for unassigned
    steps; ``targets``: core.analysis.advantage.target_profile) and the critical threshold.
    ``one_line_legend``: the legend on one row (presentation mode, where the chart is low)."""
    line = pd.DataFrame({"threshold": [float(threshold)], "label": [f"Critical threshold {threshold:.1f}"]})
    competitors = sorted(lines["series"].unique())
    spec = with_data(_map_template(), competitors=lines, target=target_rows(targets), threshold=line)
    return _with_series(spec, competitors, one_line_legend)


def _with_series(spec: dict, competitors: list[str], one_line_legend: bool) -> dict:
    """``spec`` (a copy of :func:`_map_template`) with the competitors and our target in its colour
    scale, each competitor in the palette's colour of its place in ``competitors``; presenting
    (``one_line_legend``), the legend on one row and the short vertical axis title."""
    domain = [*competitors, OUR_TARGET]
    colours = [COMPETITOR_PALETTE[i % len(COMPETITOR_PALETTE)] for i in range(len(competitors))] + [INK]
    for layer in spec["layer"]:
        colour = layer["encoding"].get("color", {})
        if colour.get("field") == "series":
            colour["scale"] = {**colour["scale"], "domain": domain, "range": colours}
            if one_line_legend:
                colour["legend"] = {**colour["legend"], "columns": len(domain)}
    if one_line_legend:
        spec["layer"][0]["encoding"]["y"]["title"] = SHORT_Y_TITLE
    return spec


# --- comparing scenarios -----------------------------------------------------------------
def compare_grid(steps: pd.DataFrame, assignments: dict[str, Assignment]) -> dict:
    """Scenarios (rows) × job steps (columns): each cell coloured and lettered by the choice."""
    rows = []
    for scenario, assignment in assignments.items():
        for row in profile_rows(steps, assignment).itertuples():
            rows.append(
                {
                    "scenario": scenario,
                    "step_order": row.step_order,
                    "step_label": row.step_label,
                    "choice_label": row.choice_label,
                    "letter": CHOICE_LETTERS[row.choice],
                    "opportunity": row.opportunity,
                }
            )
    data = pd.DataFrame(rows)
    # The step axis sits below the grid: on top, its title collided with the chart title and vanished.
    x = alt.X("step_order:O", title="Job step", axis=alt.Axis(labelAngle=0))
    y = alt.Y("scenario:N", title=None, sort=list(assignments), axis=alt.Axis(labelLimit=260))
    cells = (
        alt.Chart(data)
        .mark_rect(stroke="white", strokeWidth=3)
        .encode(
            x=x,
            y=y,
            color=_choice_colour(),
            tooltip=[
                alt.Tooltip("scenario:N", title="Scenario"),
                alt.Tooltip("step_label:N", title="Step"),
                alt.Tooltip("choice_label:N", title="Choice"),
                alt.Tooltip("opportunity:Q", title="Step opportunity", format=".1f"),
            ],
        )
    )
    letters = alt.Chart(data).mark_text(fontSize=18, fontWeight="bold", color=INK).encode(x=x, y=y, text="letter:N")
    chart = alt.layer(cells, letters).properties(
        height=150 + 56 * max(1, len(assignments)), title=titled("Choices side by side", "compare_grid")
    )
    return themed(chart).to_dict(validate=False)


def compare_targets(targets: dict[str, pd.DataFrame], best: pd.DataFrame, threshold: float) -> dict:
    """Each scenario's target profile as a line over the job steps, with the best competitor
    (grey, dashed) and the critical threshold (red) for reference."""
    frames = []
    for scenario, frame in targets.items():
        part = frame.sort_values("step_order").copy()
        part["segment"] = [f"{scenario}-{s}" for s in _segments(part["target"])]
        part["scenario"] = scenario
        frames.append(part.dropna(subset=["target"]))
    data = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    x = alt.X("step_order:O", title="Job step", axis=alt.Axis(labelAngle=0))
    y = alt.Y("target:Q", title="Planned satisfaction (0–10)", scale=alt.Scale(domain=[0, 10]))
    lines = (
        alt.Chart(data)
        .mark_line(strokeWidth=3.5, point=alt.OverlayMarkDef(size=70))
        .encode(
            x=x,
            y=y,
            detail="segment:N",
            strokeDash=alt.StrokeDash("scenario:N", sort=list(targets), legend=None),
            color=alt.Color(
                "scenario:N",
                title="Scenario",
                sort=list(targets),
                scale=alt.Scale(range=COMPETITOR_PALETTE),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("scenario:N", title="Scenario"),
                alt.Tooltip("step:N", title="Step"),
                alt.Tooltip("choice:N", title="Choice"),
                alt.Tooltip("target:Q", title="Target", format=".1f"),
            ],
        )
    )
    layers = [lines]
    if not best.empty:
        layers.append(
            alt.Chart(best)
            .mark_line(color=MUTED, strokeDash=[4, 4], strokeWidth=2)
            .encode(
                x=x,
                y=alt.Y("best:Q", scale=alt.Scale(domain=[0, 10])),
                tooltip=[alt.Tooltip("rival:N", title="Best competitor"), alt.Tooltip("best:Q", format=".1f")],
            )
        )
    layers.append(
        alt.Chart(pd.DataFrame({"y": [threshold]}))
        .mark_rule(color=THRESHOLD_COLOUR, strokeDash=[8, 4], strokeWidth=2)
        .encode(y="y:Q")
    )
    chart = alt.layer(*layers).properties(
        height=320,
        title=titled("Target profiles overlaid", "compare_targets"),
    )
    return themed(chart).to_dict(validate=False)
