"""The survey waves feed the perception metrics (issue 14.5): "Satisfaction where we differentiate"
is, per wave, the mean satisfaction of the differentiated steps' outcomes; recording stores one
value per wave dated on its fielded date, and asks for missing dates instead of guessing them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.analysis.scoring import outcome_scores
from core.analysis.waves import add_wave, choose_wave, set_fielded_on
from core.analysis.waves_match import survey_wave
from core.strategy import metric_sources, metric_waves, metrics
from core.strategy.metric_measurements import measurements
from core.strategy.metrics import MetricError
from core.strategy.scenarios import create_scenario, set_active, set_choice
from tests.unit.analysis.test_waves import base_workspace, imported, survey_file


@pytest.fixture
def two(tmp_path: Path):
    ws = base_workspace(survey_file(tmp_path / "first.xlsx", 120, seed=1))
    second = imported(survey_file(tmp_path / "second.xlsx", 150, seed=2, shift=2))
    wave_id, _ = add_wave(ws, survey_wave(second), "Autumn", dt.date(2026, 10, 1))
    yield ws, wave_id
    ws.close()


def differentiate(ws, step_name: str) -> int:
    step = int(ws.cursor().execute("SELECT step_id FROM steps WHERE name = ?", [step_name]).fetchone()[0])
    scenario = create_scenario(ws, "Plan A")
    set_choice(ws, scenario, step, "differentiate")
    set_active(ws, scenario)
    return step


def hand_mean(ws, step: int, wave: int | None) -> float:
    scores = outcome_scores(ws, wave=wave) if wave else outcome_scores(ws)
    everyone = scores[(scores["group"] == "All") & (scores["step_id"] == step)]
    return float(everyone["satisfaction"].mean())


def test_the_value_per_wave_is_the_mean_satisfaction_of_the_differentiated_steps(two):
    ws, wave_id = two
    metric = metrics.add_from_template(ws, metric_waves.TEMPLATE_KEY)
    assert metric_sources.current_value(ws, metric_waves.TEMPLATE_KEY) is None  # no scenario yet
    with pytest.raises(MetricError, match="Nothing to record"):
        metric_waves.record_waves(ws, metric)
    step = differentiate(ws, "Plan")
    base, autumn = hand_mean(ws, step, None), hand_mean(ws, step, wave_id)
    assert autumn > base  # the second wave's satisfaction was shifted up
    assert metric_sources.current_value(ws, metric_waves.TEMPLATE_KEY) == pytest.approx(base)
    choose_wave(ws, wave_id)  # "Scores from wave": the value now follows it
    assert metric_sources.current_value(ws, metric_waves.TEMPLATE_KEY) == pytest.approx(autumn)

    with pytest.raises(MetricError, match="Set the fielded date of “Wave 1” on the Waves page"):
        metric_waves.record_waves(ws, metric)  # the base wave has no fielded date: no guess
    assert measurements(ws).empty
    set_fielded_on(ws, 0, dt.date(2026, 4, 1))
    assert metric_waves.record_waves(ws, metric) == 2
    stored = measurements(ws)
    assert [d.date() if hasattr(d, "date") else d for d in stored["measured_on"]] == [
        dt.date(2026, 4, 1),
        dt.date(2026, 10, 1),
    ]
    assert stored["value"].tolist() == [round(base, 2), round(autumn, 2)]
    assert set(stored["source"]) == {"computed"}
    assert stored["note"].tolist() == ["Wave 1: mean over 2 outcomes", "Autumn: mean over 2 outcomes"]
