"""The Competitors page and the Focus matrix read one competitive analysis under one set of
settings (issue 10, item 2): whatever the facilitator changes, both views compare the same
competitors, see the same satisfaction by step and agree on who leads."""

from __future__ import annotations

import pandas as pd
import pytest

from core.analysis.advantage import target_profile
from core.analysis.competition import CompetitionSettings, load_competition_settings, save_competition_settings
from core.analysis.scoring import load_settings
from core.intake.loading import load_sample, sample_files
from core.strategy.focus import ACCEPT, DIFFERENTIATE, MEET, conflicts
from core.strategy.focus_data import load_focus_settings
from core.views.competitors import competitors_view
from core.views.focus import focus_view
from core.workspace.database import open_workspace

# consumer_meal_planning: CartCrate 246, Mealwise 244, PrepBox 164 and Platewell 146 respondents
SETTINGS = {
    "defaults": CompetitionSettings(),
    "fewest respondents drops Platewell": CompetitionSettings(min_respondents=150),
    "fewest respondents leaves one": CompetitionSettings(min_respondents=245),
    "us": CompetitionSettings(us="Mealwise"),
    "us left out by fewest respondents": CompetitionSettings(us="Platewell", min_respondents=150),
    "lead margin": CompetitionSettings(lead_margin=3.4),
    "no lead margin": CompetitionSettings(lead_margin=0.0),
    "critical threshold": CompetitionSettings(critical_threshold=8.5),
    "important from": CompetitionSettings(important_min=2.0),
}


@pytest.fixture(scope="module")
def consumer():
    ws = open_workspace()
    load_sample(ws, next(p for p in sample_files() if p.stem == "consumer_meal_planning"))
    yield ws
    ws.close()


@pytest.mark.parametrize("name", list(SETTINGS))
def test_both_views_read_the_same_analysis(consumer, name):
    save_competition_settings(consumer, SETTINGS[name])
    scoring, stored = load_settings(consumer), load_competition_settings(consumer)
    page = competitors_view(consumer, scoring, stored)
    matrix = focus_view(consumer, scoring, load_focus_settings(consumer), stored)
    analysis = page.analysis

    assert matrix.competition == page.settings
    assert sorted(set(matrix.competitor_steps["competitor"])) == sorted(analysis.names)
    if name == "fewest respondents drops Platewell":
        assert "Platewell" not in set(matrix.competitor_steps["competitor"]) | set(matrix.leading["rival"])
    ours = matrix.competitor_steps.sort_values(["competitor", "step_id"]).reset_index(drop=True)
    theirs = analysis.steps[["competitor", "step_id", "satisfaction"]].sort_values(["competitor", "step_id"])
    pd.testing.assert_frame_equal(ours, theirs.reset_index(drop=True))
    pd.testing.assert_frame_equal(matrix.leading, analysis.leads)
    assert set(matrix.outcome_detail["best_competitor"].dropna()) <= set(analysis.names)

    # Conflicts on the matrix are the steps where the Competitors page shows a rival ahead:
    # of us by the lead margin when "us" is compared, else a clear leader.
    steps = matrix.steps
    everything = dict.fromkeys(steps["step_id"].astype(int), DIFFERENTIATE)
    flagged = {c.step_id for c in conflicts(steps, everything, matrix.leading, scoring) if c.kind == "competitor leads"}
    leads = analysis.leads
    if page.settings.us in analysis.names:
        ahead = leads[leads["us_gap"] <= -page.settings.lead_margin]
    else:
        ahead = leads[leads["status"] == "leads"] if len(leads) else leads
    assert flagged == set(ahead["step_id"].astype(int) if len(ahead) else [])

    # The target profile plans against the same competitors and the same critical threshold.
    plan = {int(s): (MEET if i % 2 else ACCEPT) for i, s in enumerate(steps["step_id"])}
    targets = target_profile(steps, plan, matrix.leading, matrix.competition).set_index("step_id")["target"]
    threshold = page.settings.critical_threshold
    for step_id, choice in plan.items():
        rivals = analysis.steps[
            (analysis.steps["step_id"] == step_id) & (analysis.steps["competitor"] != page.settings.us)
        ]
        expected = threshold if choice == ACCEPT else max(rivals["satisfaction"].max(), threshold)
        assert targets[step_id] == pytest.approx(expected), (name, step_id, choice)


def test_raising_fewest_respondents_changes_who_the_matrix_sees_as_leader(consumer):
    """The defect of issue 10: Platewell, left out on the Competitors page, kept leading steps 8–9
    on the matrix (so differentiating there raised a conflict the Competitors page did not show)."""
    save_competition_settings(consumer, CompetitionSettings())
    scoring = load_settings(consumer)
    before = focus_view(consumer, scoring, load_focus_settings(consumer), load_competition_settings(consumer))
    save_competition_settings(consumer, CompetitionSettings(min_respondents=150))
    after = focus_view(consumer, scoring, load_focus_settings(consumer), load_competition_settings(consumer))
    assert "Platewell" in set(before.leading["rival"]) and "Platewell" not in set(after.leading["rival"])
    assert any("Platewell (146 respondents)" in note for note in after.analysis.notes)
