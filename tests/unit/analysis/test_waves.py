"""Survey waves (issue 14.5): counts of a wave, matching, scores from a wave, the comparison and
its p-values, the workspace .xlsx round trip — on real DuckDB and real .xlsx files (openpyxl)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from core.analysis.competition import CompetitionSettings
from core.analysis.scoring import ScoringSettings, load_settings, outcome_scores
from core.analysis.waves import (
    BASE_LABEL,
    add_wave,
    choose_wave,
    delete_wave,
    list_waves,
    rename_wave,
    set_fielded_on,
    wave_scores,
)
from core.analysis.waves_compare import proportion_p_values, welch_p_values
from core.analysis.waves_match import WaveError, match_outcomes, normalised, survey_wave
from core.intake.importers import import_survey
from core.intake.scales import SCALES
from core.intake.store import store_survey
from core.strategy.scenarios import create_scenario, set_active, set_choice
from core.views.waves import waves_view
from core.workspace.database import Workspace, open_workspace
from core.workspace.file import workspace_xlsx
from core.workspace.restore import restore
from tests.unit.survey_builders import canonical_workbook, write_xlsx

OUTCOMES = {
    "O1": ("Plan", "Minimize the time it takes to plan the week"),
    "O2": ("Plan", "Minimize the likelihood of missing a deadline"),
    "O3": ("Do", "Increase the ability to finish on time"),
}


def ratings(n: int, seed: int, shift: int = 0) -> dict[str, list[tuple]]:
    rng = random.Random(seed)

    def pair() -> tuple:
        imp = rng.choice([1, 2, 3, 4, 5, 5])
        sat = min(5, max(1, rng.choice([1, 2, 2, 3, 4]) + shift))
        return (imp if rng.random() > 0.05 else None, sat)

    return {o: [pair() for _ in range(n)] for o in OUTCOMES}


def survey_file(path: Path, n: int, seed: int, shift: int = 0, outcomes=OUTCOMES) -> Path:
    data = ratings(n, seed, shift)
    return canonical_workbook(path, outcomes, dict(zip(outcomes, data.values(), strict=True)))


def imported(path: Path, scale=None):
    result = import_survey(path, scale=scale)
    assert result.ok, result.report.to_text()
    return result.survey


def base_workspace(path: Path) -> Workspace:
    ws = open_workspace()
    store_survey(ws, imported(path))
    return ws


@pytest.fixture
def two(tmp_path: Path) -> tuple[Workspace, Path]:
    first = survey_file(tmp_path / "first.xlsx", 120, seed=1)
    second = survey_file(tmp_path / "second.xlsx", 150, seed=2, shift=2)
    return base_workspace(first), second


# --- p-values --------------------------------------------------------------------------------
def test_proportion_p_values_equal_scipy_chi_square_without_correction():
    k1, n1, k2, n2 = np.array([40, 10, 0]), np.array([100, 50, 30]), np.array([55, 10, 3]), np.array([110, 40, 30])
    ours = proportion_p_values(k1, n1, k2, n2)
    for i in range(3):
        table = [[k1[i], n1[i] - k1[i]], [k2[i], n2[i] - k2[i]]]
        assert ours[i] == pytest.approx(stats.chi2_contingency(table, correction=False).pvalue, rel=1e-9)


def test_proportion_p_value_by_hand():
    # 30/100 vs 45/100: pooled 0.375, se = sqrt(0.375·0.625·0.02) = 0.0684653, z = 2.19089
    assert proportion_p_values(30, 100, 45, 100)[()] == pytest.approx(2 * stats.norm.sf(2.1908902), rel=1e-6)
    assert np.isnan(proportion_p_values(0, 0, 5, 10)[()])
    assert proportion_p_values(10, 10, 20, 20)[()] == 1.0  # both 100 %: no difference


def test_welch_p_values_equal_scipy_from_stats():
    ours = welch_p_values([3.1, 2.0], [1.2, 0.5], [40, 12], [3.6, 2.1], [0.9, 1.5], [55, 9])
    for i, (m1, s1, n1, m2, s2, n2) in enumerate([(3.1, 1.2, 40, 3.6, 0.9, 55), (2.0, 0.5, 12, 2.1, 1.5, 9)]):
        expected = stats.ttest_ind_from_stats(m1, s1, n1, m2, s2, n2, equal_var=False).pvalue
        assert ours[i] == pytest.approx(expected, rel=1e-9)


# --- matching --------------------------------------------------------------------------------
def test_match_by_id_then_by_normalised_statement_and_list_the_rest():
    base = pd.DataFrame({"outcome_id": ["O1", "O2", "O3"], "statement": ["Plan the week", "Miss a deadline", "Finish"]})
    wave = pd.DataFrame(
        {"outcome_id": ["O1", "X9", "X7"], "statement": ["anything", "  MISS a deadline!! ", "Something new"]}
    )
    matching = match_outcomes(base, wave)
    assert dict(zip(matching.pairs["wave_outcome_id"], matching.pairs["base_id"], strict=True)) == {
        "O1": "O1",
        "X9": "O2",
    }
    assert list(matching.pairs["matched_by"]) == ["id", "statement"]
    assert list(matching.unmatched["outcome_id"]) == ["X7"]
    assert list(matching.missing["outcome_id"]) == ["O3"]
    text = " ".join(matching.messages())
    assert "X7 “Something new”" in text and "O3 “Finish”" in text and "matched by statement" in text
    assert normalised("Miss, a  DEADLINE.") == "miss a deadline"
    assert list(matching.reworded["outcome_id"]) == ["O1"]  # same id, another statement: said, not hidden
    assert "O1 “anything”" in text and "another statement" in text


def test_a_wave_that_matches_no_outcome_is_refused(two, tmp_path: Path):
    ws, _ = two
    other = {"Z1": ("Cook", "Cook fast"), "Z2": ("Cook", "Increase taste"), "Z3": ("Eat", "Minimize mess")}
    path = survey_file(tmp_path / "other.xlsx", 40, seed=3, outcomes=other)
    with pytest.raises(WaveError, match=r"No outcome of other\.xlsx matches"):
        add_wave(ws, survey_wave(imported(path)))
    assert list(list_waves(ws)["wave_id"]) == [0]


def test_a_wave_on_another_scale_is_refused(two, tmp_path: Path):
    ws, second = two
    with pytest.raises(WaveError, match="1-7 scale, the base wave is on 1-5"):
        add_wave(ws, survey_wave(imported(second, scale=SCALES["1-7"])))


# --- scores of a wave --------------------------------------------------------------------------
@pytest.mark.parametrize("settings", [ScoringSettings(), ScoringSettings(method="mean", complete_pairs=True)])
def test_a_wave_scores_as_its_file_scored_on_its_own(two, settings: ScoringSettings):
    ws, second = two
    wave_id, matching = add_wave(ws, survey_wave(imported(second)), "Q3")
    assert matching.messages() == []
    alone = base_workspace(second)
    ours = outcome_scores(ws, settings, wave=wave_id)
    theirs = outcome_scores(alone, settings)
    columns = ["outcome_id", "group_n", "n_importance", "n_satisfaction", "importance", "satisfaction", "opportunity"]
    columns += ["importance_low", "satisfaction_high", "importance_sd", "band"]
    pd.testing.assert_frame_equal(ours[columns], theirs[columns])
    base = outcome_scores(ws, settings)
    assert not np.allclose(base["satisfaction"], ours["satisfaction"])  # really another wave


def test_scores_from_wave_is_a_persisted_choice_and_deleting_it_goes_back_to_the_base(two):
    ws, second = two
    wave_id, _ = add_wave(ws, survey_wave(imported(second)))
    before = outcome_scores(ws)
    choose_wave(ws, wave_id)
    assert load_settings(ws).wave == wave_id
    assert outcome_scores(ws)["satisfaction"].tolist() == outcome_scores(ws, wave=wave_id)["satisfaction"].tolist()
    delete_wave(ws, wave_id)
    assert load_settings(ws).wave == 0
    pd.testing.assert_frame_equal(outcome_scores(ws), before)


def test_wave_scores_lists_every_wave_and_outcome(two):
    ws, second = two
    wave_id, _ = add_wave(ws, survey_wave(imported(second)), "Autumn", dt.date(2026, 10, 1))
    scores = wave_scores(ws)
    assert list(scores.columns) == [
        "wave_id",
        "label",
        "fielded_on",
        "outcome_id",
        "step_id",
        "n_importance",
        "n_satisfaction",
        "importance",
        "satisfaction",
        "opportunity",
    ]
    assert sorted(set(scores["wave_id"])) == [0, wave_id] and len(scores) == 2 * len(OUTCOMES)
    assert set(scores.loc[scores["wave_id"] == wave_id, "label"]) == {"Autumn"}


def test_labels_are_checked_and_the_base_wave_can_be_renamed_and_dated(two):
    ws, second = two
    wave_id, _ = add_wave(ws, survey_wave(imported(second)))
    waves = list_waves(ws)
    assert list(waves["label"]) == [BASE_LABEL, "Wave 2"]
    with pytest.raises(WaveError, match="already labelled"):
        rename_wave(ws, wave_id, " wave 1 ")
    with pytest.raises(WaveError, match="needs a label"):
        rename_wave(ws, wave_id, "   ")
    rename_wave(ws, 0, "Spring")
    set_fielded_on(ws, 0, dt.date(2026, 4, 1))
    set_fielded_on(ws, wave_id, dt.date(2026, 1, 1))  # fielded earlier than the base: listed first
    waves = list_waves(ws)
    assert list(waves["label"]) == ["Wave 2", "Spring"]
    with pytest.raises(WaveError, match="base wave is the survey itself"):
        delete_wave(ws, 0)


# --- the comparison --------------------------------------------------------------------------
def test_the_comparison_p_values_match_scipy_on_the_raw_ratings(two, tmp_path: Path):
    ws, second = two
    wave_id, _ = add_wave(ws, survey_wave(imported(second)))
    first_raw = imported(tmp_path / "first.xlsx").ratings
    second_raw = imported(second).ratings
    for method in ("top2box", "mean"):
        view = waves_view(ws, ScoringSettings(method=method), CompetitionSettings())
        assert (view.first, view.second) == (0, wave_id)
        row = view.outcomes.set_index("outcome_id").loc["O2"]
        a = first_raw.loc[first_raw["outcome_id"] == "O2", "satisfaction"].dropna().astype(int).to_numpy()
        b = second_raw.loc[second_raw["outcome_id"] == "O2", "satisfaction"].dropna().astype(int).to_numpy()
        if method == "mean":
            expected = stats.ttest_ind(a, b, equal_var=False).pvalue
        else:
            table = [[(a >= 4).sum(), (a < 4).sum()], [(b >= 4).sum(), (b < 4).sum()]]
            expected = stats.chi2_contingency(table, correction=False).pvalue
        assert row["satisfaction_p_value"] == pytest.approx(expected, rel=1e-6)
        assert row["satisfaction_significant"] is True  # satisfaction was shifted up by 2 points
        assert row["first_n_satisfaction"] == len(a) and row["second_n_satisfaction"] == len(b)
    steps = view.steps.set_index("step")
    assert steps.loc["Plan", "satisfaction_rose"] == 2 and steps.loc["Plan", "n_outcomes"] == 2


def _with_competitors(path: Path, n: int, seed: int, rival_shift: int) -> Path:
    rng = random.Random(seed)
    data = ratings(n, seed)
    job_map = [["step_order", "step", "outcome_id", "statement"]] + [
        [1 if s == "Plan" else 2, s, o, t] for o, (s, t) in OUTCOMES.items()
    ]
    rows = [["respondent_id", *(f"imp_{o}" for o in OUTCOMES), *(f"sat_{o}" for o in OUTCOMES)]]
    rows += [[f"R{i}", *(data[o][i][0] for o in OUTCOMES), *(data[o][i][1] for o in OUTCOMES)] for i in range(n)]
    rivals = [["respondent_id", "outcome_id", "competitor", "satisfaction"]]
    for i in range(n):
        for o in OUTCOMES:
            rivals.append([f"R{i}", o, "Us", rng.choice([3, 4, 5])])
            rivals.append([f"R{i}", o, "Rival", min(5, rng.choice([1, 2, 3]) + rival_shift)])
    return write_xlsx(path, {"job_map": job_map, "responses": rows, "competitors": rivals})


def test_erosion_warning_when_a_competitor_catches_up_on_a_differentiated_step(tmp_path: Path):
    ws = base_workspace(_with_competitors(tmp_path / "a.xlsx", 200, 1, rival_shift=0))
    add_wave(ws, survey_wave(imported(_with_competitors(tmp_path / "b.xlsx", 200, 2, rival_shift=2))))
    scenario = create_scenario(ws, "Plan first")
    set_active(ws, scenario)
    plan = int(outcome_scores(ws).set_index("outcome_id").loc["O1", "step_id"])
    set_choice(ws, scenario, plan, "differentiate")
    view = waves_view(ws, ScoringSettings(), CompetitionSettings(us="Us"))
    assert view.us is not None and view.us.note == ""
    assert list(view.us.steps["step_id"]) == [plan]
    erosion = view.us.erosion
    assert list(erosion["competitor"]) == ["Rival"] and list(erosion["step_id"]) == [plan]
    assert (erosion["second_gap"] < erosion["first_gap"]).all()
    nobody = waves_view(ws, ScoringSettings(), CompetitionSettings())
    assert nobody.us is not None and "“us”" in nobody.us.note


# --- the workspace file ------------------------------------------------------------------------
def test_waves_round_trip_through_the_workspace_xlsx_with_a_formula_like_label(two):
    ws, second = two
    wave_id, _ = add_wave(ws, survey_wave(imported(second)), '=HYPERLINK("x")', dt.date(2026, 9, 30))
    rename_wave(ws, 0, "+Base")
    choose_wave(ws, wave_id)
    content = workspace_xlsx(ws)
    restored = open_workspace()
    restore(restored, content, "ws.xlsx")
    pd.testing.assert_frame_equal(
        list_waves(restored).drop(columns="imported_at"), list_waves(ws).drop(columns="imported_at")
    )
    assert list(list_waves(restored)["label"]) == ['=HYPERLINK("x")', "+Base"]  # dated first
    pd.testing.assert_frame_equal(wave_scores(restored), wave_scores(ws))
    assert load_settings(restored).wave == wave_id
    cells = pd.read_excel(pd.io.common.BytesIO(content), sheet_name="waves", engine="openpyxl")
    assert all(str(label).startswith("'") for label in cells["label"])  # neutralised in the file
