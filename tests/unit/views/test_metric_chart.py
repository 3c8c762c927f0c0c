"""The Metrics page's chart builder (ui.charts.metrics): a valid Vega-Lite spec, the status colour,
baseline and target rules, the plan line only when all four ends are known, user text as data."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from core.strategy.metric_status import NO_DATA, OFF_TRACK, ON_TRACK
from ui.charts.metrics import STATUS_COLOURS, TARGET_COLOUR, metric_chart

SERIES = pd.DataFrame(
    {
        "measured_on": pd.to_datetime(["2026-03-31", "2026-01-31"]),
        "value": [14.5, 12.0],
        "note": ['=HYPERLINK("http://x")', None],
        "source": ["hand", "csv"],
    }
)


def marks(spec: dict) -> list[str]:
    return [layer["mark"]["type"] for layer in spec["layer"]]


def test_a_full_chart_is_valid_and_draws_points_rules_and_plan():
    spec = metric_chart(
        SERIES, unit="**%**", status=OFF_TRACK, baseline=10, target=20,
        baseline_date=dt.date(2026, 1, 1), target_date=dt.date(2026, 12, 31),
    )  # fmt: skip
    validate_jsonschema(spec, load_schema())
    assert marks(spec) == ["line", "point", "rule", "text", "rule", "text", "line"]
    points = spec["layer"][1]["data"]["values"]
    assert [p["day"] for p in points] == ["2026-01-31", "2026-03-31"]  # oldest first
    assert points[1]["note"] == '=HYPERLINK("http://x")' and points[0]["note"] == ""
    assert spec["layer"][0]["mark"]["color"] == STATUS_COLOURS[OFF_TRACK]
    assert spec["layer"][1]["encoding"]["y"]["title"] == "**%**"  # the unit is an axis title: plain text
    assert [spec["layer"][i]["data"]["values"][0]["label"] for i in (3, 5)] == ["Baseline 10", "Target 20"]
    assert spec["layer"][4]["mark"]["color"] == TARGET_COLOUR
    plan = spec["layer"][6]["data"]["values"]
    assert plan == [{"day": "2026-01-01", "value": 10.0}, {"day": "2026-12-31", "value": 20.0}]


def test_without_a_target_or_dates_only_what_is_known_is_drawn():
    spec = metric_chart(SERIES, unit=None, status=ON_TRACK, baseline=None, target=20)
    validate_jsonschema(spec, load_schema())
    assert marks(spec) == ["line", "point", "rule", "text"]
    bare = metric_chart(SERIES, unit=None, status=NO_DATA, baseline=None, target=None)
    assert marks(bare) == ["line", "point"] and bare["layer"][0]["mark"]["color"] == "#55606E"
