"""The survey waves feed the perception metrics (issue 14.5): satisfaction where we differentiate.

The template "Satisfaction where we differentiate" (customer perception) is computed from the
waves (core.analysis.waves.wave_scores): per wave, the mean satisfaction score (0–10, the
workspace's scoring rule, everyone) of the outcomes of the steps chosen *differentiate* in the
active focus scenario. Its value now is that of the wave the scores are shown from ("Scores from
wave", the base by default); "Record one value per wave" stores every wave's value as a
measurement dated on the day that wave was fielded. Decision: a wave without a fielded date is
not dated by guess (its import day could be months after the fieldwork): recording asks for the
dates first, naming the waves that lack one.
"""

from __future__ import annotations

import pandas as pd

from core.analysis.scoring import load_settings
from core.analysis.waves import wave_scores
from core.strategy.metric_measurements import add_measurement
from core.strategy.metrics import MetricError
from core.views.capabilities import active_scenario, differentiate_steps
from core.workspace.database import Workspace

TEMPLATE_KEY = "satisfaction_differentiated"
RULE = (
    "Mean satisfaction (0–10, the scoring rule) of the outcomes of the steps chosen to differentiate in the "
    "active focus scenario, per survey wave (Waves page)."
)
MISSING = "Needs an active focus scenario that differentiates a step whose outcomes the survey rates."
COLUMNS = ["wave_id", "label", "fielded_on", "satisfaction", "outcomes"]


def by_wave(workspace: Workspace) -> pd.DataFrame:
    """Per wave (COLUMNS): the mean satisfaction of the differentiated steps' outcomes and how many
    outcomes it averages; empty without a scenario that differentiates a rated step."""
    scenario_id, _ = active_scenario(workspace)
    steps = differentiate_steps(workspace, scenario_id)
    if not steps:
        return pd.DataFrame(columns=COLUMNS)
    scores = wave_scores(workspace)
    chosen = scores[scores["step_id"].astype(int).isin(steps)].dropna(subset=["satisfaction"])
    if chosen.empty:
        return pd.DataFrame(columns=COLUMNS)
    grouped = chosen.groupby(["wave_id", "label"], sort=False)
    frame = grouped.agg(
        fielded_on=("fielded_on", "first"), satisfaction=("satisfaction", "mean"), outcomes=("outcome_id", "nunique")
    )
    return frame.reset_index()[COLUMNS]


def satisfaction_now(workspace: Workspace) -> float | None:
    """The value of the wave the scores are shown from (the base wave unless another is chosen)."""
    frame = by_wave(workspace)
    if frame.empty:
        return None
    chosen = frame[frame["wave_id"].astype(int) == int(load_settings(workspace).wave or 0)]
    row = chosen if len(chosen) else frame[frame["wave_id"].astype(int) == 0]
    return float(row["satisfaction"].iloc[0]) if len(row) else None


def record_waves(workspace: Workspace, metric_id: str) -> int:
    """Store one measurement per wave, dated on its fielded date (source ``computed``, the wave's
    label and the number of outcomes in the note); returns how many. MetricError when there is
    nothing to record or a wave has no fielded date (named, with where to set it)."""
    frame = by_wave(workspace)
    if frame.empty:
        raise MetricError(f"Nothing to record. {MISSING}")
    undated = [str(label) for label, day in zip(frame["label"], frame["fielded_on"], strict=True) if pd.isna(day)]
    if undated:
        names = ", ".join(f"“{label}”" for label in undated)
        raise MetricError(
            f"Set the fielded date of {names} on the Waves page first: each value is dated on the day its wave "
            "was fielded."
        )
    rows = zip(frame["label"], frame["fielded_on"], frame["satisfaction"], frame["outcomes"], strict=True)
    for label, fielded_on, satisfaction, outcomes in rows:  # one row per wave: a handful
        note = f"{label}: mean over {outcomes} outcomes"
        add_measurement(workspace, metric_id, fielded_on, round(float(satisfaction), 2), note, "computed")
    return len(frame)
