"""The Waves page's view (issue 14.5): the waves, and the comparison of two of them.

The comparison is computed from the counts of each wave through the one scoring query
(core.analysis.scoring.outcome_scores with ``wave``), compared by core.analysis.waves_compare and,
when "us" is set, core.analysis.waves_us on the steps the active focus scenario differentiates
(read, never created here). ``first``/``second`` default to the base wave and the latest one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from core.analysis.competition import CompetitionSettings
from core.analysis.scoring import ScoringSettings, outcome_scores
from core.analysis.waves import BASE_WAVE, latest_pair, list_waves
from core.analysis.waves_compare import METHOD_NOTES, outcome_comparison, step_comparison
from core.analysis.waves_us import UsChanges, us_changes
from core.views.capabilities import active_scenario, differentiate_steps
from core.workspace.database import Workspace


@dataclass(frozen=True)
class WavesView:
    """What the Waves page shows."""

    waves: pd.DataFrame  # core.analysis.waves.list_waves
    first: int | None  # the compared waves (None with one wave)
    second: int | None
    outcomes: pd.DataFrame  # core.analysis.waves_compare.outcome_comparison
    steps: pd.DataFrame  # core.analysis.waves_compare.step_comparison
    us: UsChanges | None
    method: str  # "two-proportion z-test on the top-two-box shares" …
    scenario: str | None  # the active focus scenario's name

    def label(self, wave_id: int | None) -> str:
        hit = self.waves.loc[self.waves["wave_id"] == wave_id, "label"]
        return str(hit.iloc[0]) if len(hit) else ""


def waves_view(
    workspace: Workspace,
    scoring: ScoringSettings,
    competition: CompetitionSettings,
    first: int | None = None,
    second: int | None = None,
) -> WavesView:
    waves = list_waves(workspace)
    known = {int(w) for w in waves["wave_id"]}
    pair = latest_pair(waves)
    if pair is None:
        empty = pd.DataFrame()
        return WavesView(waves, None, None, empty, empty, None, METHOD_NOTES[scoring.method], None)
    first = first if first in known else pair[0]
    second = second if second in known else pair[1]
    scoring = replace(scoring, wave=BASE_WAVE)  # each wave is asked for by id below
    scores = [outcome_scores(workspace, scoring, wave=w) for w in (first, second)]
    outcomes = outcome_comparison(scores[0], scores[1], scoring.method)
    steps = step_comparison(outcomes)
    scenario_id, scenario = active_scenario(workspace)
    # the competitors of each wave only when "us" is set: without it there is nothing to say about them
    competitors = (
        [outcome_scores(workspace, scoring, by="competitors", wave=w) for w in (first, second)]
        if competition.us
        else [pd.DataFrame(columns=["group", "outcome_id"])] * 2
    )
    us = us_changes(
        competitors[0],
        competitors[1],
        scores[0][["outcome_id", "step_id", "step", "step_order"]],
        scoring.method,
        competition.us,
        differentiate_steps(workspace, scenario_id),
    )
    return WavesView(waves, first, second, outcomes, steps, us, METHOD_NOTES[scoring.method], scenario)
