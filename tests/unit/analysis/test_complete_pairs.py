"""The counting rule: per item (default) or complete pairs, on a hand-computed fixture.

One outcome, six respondents (1–5 scale, top two = 4–5):

    R1 (5, 2)   R2 (4, 5)   R3 (5, –)   R4 (–, 1)   R5 (2, 4)   R6 (5, N/A)

Per item: importance 4 of 5 valid in the top two → 8.0; satisfaction 2 of 4 → 5.0;
opportunity 8 + 3 = 11.0.
Complete pairs (R1, R2, R5): importance 2/3 → 6.667; satisfaction 2/3 → 6.667; opportunity 6.667.
"""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.analysis.scoring import ScoringSettings, outcome_scores, read_settings, save_settings, scoring_rule
from core.analysis.segment_profiles import profile_segmentation
from core.analysis.segment_store import get_segmentation, save_segmentation
from core.exports import csv_bytes
from core.intake.importers import import_survey
from core.intake.scales import SCALES
from core.intake.store import store_survey
from core.workspace.database import open_workspace
from core.workspace.file import workspace_xlsx
from core.workspace.restore import restore
from tests.unit.survey_builders import canonical_workbook
from ui.ranking import for_download, ranked

PAIRS = [(5, 2), (4, 5), (5, None), (None, 1), (2, 4), (5, "N/A")]
TEAMS = ["a", "a", "a", "b", "b", "b"]
PER_ITEM = ScoringSettings()
PAIRED = ScoringSettings(complete_pairs=True)


@pytest.fixture
def fixture_file(tmp_path):
    return canonical_workbook(
        tmp_path / "pairs.xlsx", {"O1": ("Plan", "Minimize the time to plan")}, {"O1": PAIRS}, {"team": TEAMS}
    )


@pytest.fixture
def stored(workspace, fixture_file):
    result = import_survey(fixture_file)
    assert result.ok, result.report.to_text()
    store_survey(workspace, result.survey)
    return workspace


def _row(frame: pd.DataFrame, group: str = "All"):
    return frame[frame["group"] == group].iloc[0]


def test_per_item_counts_each_rating_over_its_own_answers(stored):
    row = _row(outcome_scores(stored, PER_ITEM))
    assert (row.n_importance, row.n_satisfaction) == (5, 4)
    assert (row.importance, row.satisfaction, row.opportunity) == pytest.approx((8.0, 5.0, 11.0))


def test_complete_pairs_count_only_respondents_who_rated_both(stored):
    row = _row(outcome_scores(stored, PAIRED))
    assert (row.n_importance, row.n_satisfaction) == (3, 3)
    assert (row.importance, row.satisfaction, row.opportunity) == pytest.approx((20 / 3, 20 / 3, 20 / 3))


def test_groups_follow_the_rule(stored):
    # team a: R1 (5,2) R2 (4,5) R3 (5,–); team b: R4 (–,1) R5 (2,4) R6 (5,N/A)
    per_item = outcome_scores(stored, PER_ITEM, by="attribute:team")
    paired = outcome_scores(stored, PAIRED, by="attribute:team")
    a, b = _row(per_item, "a"), _row(per_item, "b")
    assert (a.n_importance, a.n_satisfaction, a.importance, a.satisfaction) == (3, 2, 10.0, 5.0)
    assert (b.n_importance, b.n_satisfaction, b.importance, b.satisfaction) == (2, 2, 5.0, 5.0)
    a, b = _row(paired, "a"), _row(paired, "b")
    assert (a.n_importance, a.n_satisfaction, a.importance, a.satisfaction) == (2, 2, 10.0, 5.0)
    assert (b.n_importance, b.n_satisfaction, b.importance, b.satisfaction) == (1, 1, 0.0, 10.0)
    assert (a.group_n, b.group_n) == (3, 3)  # group sizes count every respondent of the group


def test_segment_profiles_count_with_the_rule(stored):
    assignments = pd.DataFrame({"respondent_id": [f"R{i:04d}" for i in range(1, 7)], "segment": TEAMS})
    saved = get_segmentation(stored, save_segmentation(stored, "Teams", assignments, k=2, silhouette=None, params={}))
    per_item = profile_segmentation(stored, saved, PER_ITEM).differences
    paired = profile_segmentation(stored, saved, PAIRED).differences
    assert set(per_item["segment"]) == {"a", "b"}
    n_columns = [c for c in per_item.columns if c.startswith("n_") or "_n_" in c]
    assert n_columns, per_item.columns
    assert not per_item[n_columns].equals(paired[n_columns])
    a = paired[paired["segment"] == "a"].iloc[0]
    assert a["n_importance"] == 2 and a["n_satisfaction"] == 2


def test_the_rule_is_named():
    assert scoring_rule(PER_ITEM) == "Scores: top-two-box, per item"
    assert scoring_rule(ScoringSettings(method="mean", complete_pairs=True)) == (
        "Scores: mean (rescaled), complete pairs only"
    )


def test_the_setting_round_trips_through_the_workspace_file(stored, tmp_path):
    save_settings(stored, PAIRED)
    restored = open_workspace()
    try:
        restore(restored, workspace_xlsx(stored))
        loaded = read_settings(restored)
        assert loaded.settings.complete_pairs is True
        assert loaded.warnings == ()
        row = _row(outcome_scores(restored))
        assert (row.n_importance, row.n_satisfaction) == (3, 3)
    finally:
        restored.close()


def test_a_stored_non_boolean_takes_the_default_with_a_warning(workspace):
    workspace.set_setting("scoring", {"complete_pairs": "yes"})
    loaded = read_settings(workspace)
    assert loaded.settings.complete_pairs is False
    assert any("complete_pairs" in w and "true or false" in w for w in loaded.warnings)


def test_cli_score_flag(cli, fixture_file):
    default = cli("score", str(fixture_file), "--format", "json")
    paired = cli("score", str(fixture_file), "--format", "json", "--complete-pairs")
    assert default.returncode == paired.returncode == 0
    (d,), (p,) = json.loads(default.stdout), json.loads(paired.stdout)
    assert (d["n_importance"], d["n_satisfaction"], d["opportunity"]) == (5, 4, 11.0)
    assert (p["n_importance"], p["n_satisfaction"], p["opportunity"]) == (3, 3, 6.667)
    assert "Scores: top-two-box, per item" in default.stderr
    assert "complete pairs only" in paired.stderr


def test_cli_segment_flag_is_accepted_and_named(cli, tmp_path):
    ratings = {f"O{o}": [((r + o) % 5 + 1, (r * o) % 5 + 1) for r in range(40)] for o in range(1, 5)}
    ratings["O1"][0] = (None, 3)
    path = canonical_workbook(tmp_path / "seg.xlsx", {o: ("Plan", f"Minimize outcome {o}") for o in ratings}, ratings)
    ran = cli("segment", str(path), "--k", "2", "--format", "json", "--complete-pairs")
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout)["scoring"] == "Scores: top-two-box, complete pairs only"


def _long_csv(cells: list[tuple[int, int]], n_outcomes: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["respondent_id", "outcome_id", "importance", "satisfaction"])
    for index, (imp, sat) in enumerate(cells):
        writer.writerow([f"R{index // n_outcomes}", f"O{index % n_outcomes}", imp, sat])
    return out.getvalue().encode()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n_respondents=st.integers(1, 15),
    n_outcomes=st.integers(1, 3),
    method=st.sampled_from(["top2box", "mean"]),
    data=st.data(),
)
def test_without_missing_ratings_the_rules_agree(n_respondents, n_outcomes, method, data):
    size = n_respondents * n_outcomes
    pair = st.tuples(st.integers(1, 5), st.integers(1, 5))
    cells = data.draw(st.lists(pair, min_size=size, max_size=size))
    result = import_survey(_long_csv(cells, n_outcomes), "complete.csv", scale=SCALES["1-5"])
    assert result.ok, result.report.to_text()
    ws = open_workspace()
    try:
        store_survey(ws, result.survey)
        per_item = outcome_scores(ws, ScoringSettings(method=method))
        paired = outcome_scores(ws, ScoringSettings(method=method, complete_pairs=True))
        pd.testing.assert_frame_equal(per_item, paired)
    finally:
        ws.close()


def test_the_ranked_download_names_the_rule(stored):
    download = for_download(ranked(outcome_scores(stored, PAIRED)), scoring_rule(PAIRED))
    assert list(download["Scoring"]) == ["top-two-box, complete pairs only"]
    assert "top-two-box, complete pairs only" in csv_bytes(download).decode("utf-8-sig")
