"""Chart text that does not collide (issue 10, item 7): rank labels, value labels and the dashed
threshold, titles that fit their chart, a square landscape. Spec checks on the real chart builders;
what Chromium draws is measured in tests/e2e/test_layout.py."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from core.analysis.competition import load_competition_settings
from core.analysis.need_clusters import need_clusters
from core.analysis.scoring import ScoringSettings, load_settings, outcome_scores, step_scores
from core.intake.loading import sample_files
from core.strategy.focus import step_table
from core.strategy.tradeoff_store import load_tradeoff_settings
from core.strategy.tradeoffs import tradeoff_data
from core.views.tradeoffs import tradeoffs_view
from core.workspace.database import open_workspace
from tests.unit.survey_builders import store_workbook
from ui.charts.clusters import correlation_heatmap
from ui.charts.focus import compare_grid, compare_targets
from ui.charts.opportunities import (
    DIGIT_WIDTH,
    LABEL_HEIGHT,
    LANDSCAPE_BELOW,
    LANDSCAPE_SIDE,
    landscape,
    place_rank_labels,
    step_bars,
)
from ui.charts.tradeoffs import chart_rows

CHAR_WIDTH = 0.56  # of the font size: a generous average for Source Sans / Helvetica


@pytest.fixture(scope="module")
def sample():
    workspace = open_workspace()
    store_workbook(workspace, sample_files()[0])
    yield workspace
    workspace.close()


def label_boxes(frame: pd.DataFrame, size: float) -> list[tuple[float, float, float, float]]:
    unit = size / 10
    boxes = []
    for rank, x, y in zip(frame["rank"], frame["label_x"], frame["label_y"], strict=True):
        half_w, half_h = DIGIT_WIDTH * len(str(rank)) / 2, LABEL_HEIGHT / 2
        boxes.append((x * unit - half_w, (10 - y) * unit - half_h, x * unit + half_w, (10 - y) * unit + half_h))
    return boxes


def overlap(a, b) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def test_rank_labels_of_a_tight_cluster_do_not_overlap():
    points = pd.DataFrame(
        {"rank": range(1, 9), "importance": [8.0, 8.1, 8.05, 8.2, 7.95, 8.15, 8.0, 8.1], "satisfaction": [2.0] * 8}
    )
    points["satisfaction"] += [0, 0.05, 0.1, 0.0, 0.1, 0.15, 0.2, 0.25]
    placed = place_rank_labels(points, points, size=420)
    boxes = label_boxes(placed, 420)
    assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if overlap(a, b)]


def test_the_landscape_is_square_and_draws_ranks_where_they_were_placed(sample):
    spec = landscape(outcome_scores(sample), ScoringSettings())
    assert spec["width"] - LANDSCAPE_SIDE == spec["height"] - LANDSCAPE_BELOW  # the plot itself is square
    ranks = next(
        layer
        for layer in spec["layer"]
        if layer.get("mark", {}).get("type") == "text"
        and "text" in layer["encoding"]
        and layer["encoding"]["text"].get("field") == "rank"
    )
    assert ranks["encoding"]["x"]["field"] == "label_x" and ranks["encoding"]["y"]["field"] == "label_y"
    labels = pd.DataFrame(spec["datasets"][ranks["data"]["name"]])
    boxes = label_boxes(labels, spec["height"] - LANDSCAPE_BELOW)
    assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if overlap(a, b)]


def test_step_value_labels_start_right_of_the_dashed_line(sample):
    settings = ScoringSettings()
    steps = step_scores(sample, outcome_scores(sample), settings)
    spec = step_bars(steps, settings)
    text = next(layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "text")
    assert text["encoding"]["x"]["field"] == "label_x"
    rows = pd.DataFrame(spec["datasets"][text["data"]["name"]])
    assert (rows["label_x"] >= settings.solid).all()
    assert (rows["label_x"] >= rows["mean_opportunity"]).all()
    assert not rows["detail"].str.contains(r"\d\.0 of|of \d+\.0").any()  # counts are whole numbers


def title_lines(title) -> list[tuple[str, float]]:
    if isinstance(title, str):
        return [(title, 19)]
    lines = [(title["text"], 19)]
    subtitle = title.get("subtitle", [])
    for line in [subtitle] if isinstance(subtitle, str) else subtitle:
        lines.append((line, title.get("subtitleFontSize", 12)))
    return lines


def test_the_need_cluster_heat_map_title_fits_the_chart(sample):
    clusters = need_clusters(sample)
    spec = correlation_heatmap(clusters, size=440).to_dict()
    width = sum(part.get("width", 0) for part in spec["hconcat"]) + 4
    for text, font in title_lines(spec["title"]):
        assert len(text) * font * CHAR_WIDTH <= width, text


def test_scenario_compare_titles_fit_and_do_not_meet_an_axis_title(sample):
    settings = ScoringSettings()
    steps = step_table(step_scores(sample, outcome_scores(sample), settings), outcome_scores(sample), settings)
    grid = compare_grid(steps, {"A": {}, "B": {}})
    for layer in grid.get("layer", []):
        assert layer["encoding"]["x"].get("axis", {}).get("orient", "bottom") != "top"
    targets = compare_targets({}, pd.DataFrame(columns=["step_order", "best", "leader"]), 5.0)
    for text, font in title_lines(targets["title"]):
        assert len(text) * font * CHAR_WIDTH <= 600, text  # half of a 1280 px page's main area and more


def test_trade_off_rank_labels_of_near_rows_do_not_overlap(sample):
    """The Trade-offs chart at 1280 px (a third of the page, ~170 × 190 px of plot for 0.8–5.2):
    before any feasibility score every row sits on the middle line, many within a label's height.
    Drawn labels (left-aligned, 10 px right of their point) must not overlap, and every rank is in one."""
    settings = (load_settings(sample), load_competition_settings(sample), load_tradeoff_settings(sample))
    summary = tradeoffs_view(sample, tradeoff_data(sample, *settings)).summary
    rows = chart_rows(summary)
    drawn = rows[rows["label"] != ""]
    x_unit, y_unit, char = 170 / 4.4, 190 / 4.4, 14 * CHAR_WIDTH
    boxes = [
        (f * x_unit + 10, -v * y_unit - 8 - 7.5, f * x_unit + 10 + char * len(label), -v * y_unit - 8 + 7.5)
        for label, v, f in zip(drawn["label"], drawn["value"], drawn["feasibility"], strict=True)
    ]
    assert len(rows) > len(drawn) > 1  # the sample's rows crowd the middle line: some labels are shared
    assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if overlap(a, b)]
    named = sorted(int(r) for label in drawn["label"] for r in label.lstrip("#").split(", "))
    assert named == sorted(rows["rank"].tolist())
