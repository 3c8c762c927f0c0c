"""The survey's signature: the cache key of the views that depend on the survey data only
(ui.view_cache.survey_key). It must stay put when only choices change and move whenever the data do."""

from __future__ import annotations

import random
from pathlib import Path

from core.analysis.competition import CompetitionSettings, save_competition_settings
from core.strategy import scenarios
from core.strategy.capabilities import add_capability, set_link
from core.strategy.focus import DIFFERENTIATE
from core.strategy.focus_data import survey_signature
from core.strategy.tradeoff_criteria import IDS
from core.strategy.tradeoff_store import set_weight
from core.workspace.database import Workspace, open_workspace
from core.workspace.file import workspace_xlsx
from core.workspace.restore import restore
from tests.unit.survey_builders import canonical_workbook, store_workbook


def survey(path: Path, seed: int) -> Path:
    """3 steps × 2 outcomes, 30 respondents: the same shape for every seed, other ratings."""
    rng = random.Random(seed)
    outcomes = {f"O{i}": (f"Step {(i - 1) // 2 + 1}", f"Minimise the time it takes to do {i}") for i in range(1, 7)}
    ratings = {o: [(rng.randint(1, 5), rng.randint(1, 5)) for _ in range(30)] for o in outcomes}
    return canonical_workbook(path, outcomes, ratings, {"Current solution": [rng.choice("AB") for _ in range(30)]})


def stored(path: Path, seed: int) -> Workspace:
    ws = open_workspace()
    store_workbook(ws, survey(path, seed))
    return ws


def test_choices_leave_the_signature_and_data_move_it(tmp_path):
    ws = stored(tmp_path / "a.xlsx", seed=1)
    before = survey_signature(ws)
    scenarios.set_assignment(ws, scenarios.active_scenario(ws), {1: DIFFERENTIATE})
    capability = add_capability(ws, "OCR engine")
    set_link(ws, capability, "O1", "enables")
    save_competition_settings(ws, CompetitionSettings(critical_threshold=4.0))
    set_weight(ws, IDS[0], 60)
    assert survey_signature(ws) == before

    store_workbook(ws, survey(tmp_path / "b.xlsx", seed=2))
    assert survey_signature(ws) != before


def test_restoring_another_survey_of_the_same_size_moves_it(tmp_path):
    # Same number of ratings, other values: the restore's new import moves the signature.
    ws, other = stored(tmp_path / "a.xlsx", seed=1), stored(tmp_path / "b.xlsx", seed=2)
    before = survey_signature(ws)
    restore(ws, workspace_xlsx(other))
    assert survey_signature(ws) != before
