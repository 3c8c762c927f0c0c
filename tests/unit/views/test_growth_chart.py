"""The Strategy options growth chart (ui.charts.growth): bubble names
never sit on top of each other, however close the bubbles are."""

from __future__ import annotations

import itertools

import pandas as pd

from ui.charts.growth import CHART_HEIGHT, LABEL_LINE_PX, growth_chart

# The sample's segmentation as the page drew it: three bubbles within a few points of each other.
CLOSE = pd.DataFrame(
    {
        "segment": [
            "Underserved on: time to find the root cause",
            "Underserved on: time to escalate an overdue approval",
            "Underserved on: risk of paying a duplicate invoice",
            "Whole market",
        ],
        "underserved_share": [0.25, 0.25, 0.276, 0.06],
        "overserved_share": [0.45, 0.36, 0.35, 0.15],
        "n": [300, 420, 250, 1000],
        "wtp_median": [None, 120.0, 95.0, 100.0],
        "strategy": ["dominant", "dominant", "dominant", "sustaining"],
    }
)


def _labels(spec: dict) -> pd.DataFrame:
    return spec["datasets"]["points"]


def test_close_bubbles_get_names_a_line_apart():
    spec = growth_chart(CLOSE, 0.25, 0.25)
    points = _labels(spec)
    y_max = next(
        layer["encoding"]["y"]["scale"]["domain"][1] for layer in spec["layer"] if "y" in layer.get("encoding", {})
    )
    px = points["label_y"].to_numpy() * CHART_HEIGHT / y_max
    close = points["segment"].str.startswith("Underserved").to_numpy()
    gaps = sorted(px[close])
    # The three names overlap on the x axis: each sits at least one line from the next.
    assert all(b - a >= LABEL_LINE_PX - 1e-6 for a, b in itertools.pairwise(gaps)), gaps
    # A bubble far from the others keeps its name at its own height.
    market = points.set_index("segment").loc["Whole market"]
    assert market["label_y"] == market["overserved"]
    # The highest bubble's name stays beside it; the names are data, never Markdown.
    top = points.set_index("segment").loc["Underserved on: time to find the root cause"]
    assert top["label_y"] == top["overserved"]
    labels = next(layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "text")
    assert labels["encoding"]["text"]["field"] == "segment"


def test_names_near_the_floor_move_up_instead():
    floor = CLOSE.assign(overserved_share=[0.01, 0.0, 0.005, 0.30])
    points = _labels(growth_chart(floor, 0.25, 0.25))
    low = points[points["segment"].str.startswith("Underserved")]["label_y"]
    assert (low >= 0).all(), low.tolist()
    assert low.nunique() == 3
