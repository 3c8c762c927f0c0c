"""Bootstrap intervals on opportunity scores (core/analysis/bootstrap.py): hand-computed cases and
properties on real surveys (openpyxl → importer → DuckDB)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.analysis.bootstrap import (
    bootstrap_intervals,
    matrices_of,
    not_distinguishable,
    resample_weights,
    weighted_scores,
    with_intervals,
)
from core.analysis.scoring import ScoringSettings, outcome_scores
from core.intake.importers import import_survey
from core.intake.scales import SCALES
from core.intake.store import store_survey
from core.sqlfiles import query
from core.workspace.database import open_workspace
from tests.unit.survey_builders import canonical_workbook, store_workbook

B = 300  # resamples in the tests: enough to see the properties, quick


def load(tmp_path, workspace, ratings, attributes=None, name="s.xlsx", steps=None):
    outcomes = {o: ((steps or {}).get(o, "Plan"), f"statement {o}") for o in ratings}
    store_workbook(workspace, canonical_workbook(tmp_path / name, outcomes, ratings, attributes))


def test_identical_respondents_give_a_zero_width_interval(tmp_path, workspace):
    load(tmp_path, workspace, {"O1": [(5, 1)] * 12, "O2": [(3, 4)] * 12})
    intervals = bootstrap_intervals(workspace, resamples=B).outcomes.set_index("outcome_id")
    assert (intervals.loc["O1", "opportunity_low"], intervals.loc["O1", "opportunity_high"]) == (20.0, 20.0)
    assert (intervals.loc["O2", "opportunity_low"], intervals.loc["O2", "opportunity_high"]) == (0.0, 0.0)


def test_resample_weights_are_multinomial_counts():
    weights = resample_weights(np.random.default_rng(1), 7, 50)
    assert weights.shape == (50, 7)
    assert (weights.sum(axis=1) == 7).all() and (weights >= 0).all() and (weights == np.round(weights)).all()


@pytest.mark.parametrize("method", ["top2box", "mean"])
@pytest.mark.parametrize("complete_pairs", [False, True])
def test_weights_of_one_reproduce_the_sql_scores(tmp_path, workspace, method, complete_pairs):
    ratings = {
        "O1": [(5, 1), (4, None), (2, 5), (None, 3), (5, 5)],
        "O2": [(1, 2), (3, 4), (5, 5), (4, 1), (None, None)],
    }
    load(tmp_path, workspace, ratings)
    scoring = ScoringSettings(method=method, complete_pairs=complete_pairs)
    raw = workspace.cursor().execute(query("bootstrap", "respondent_ratings"), {"grouping": ""}).fetchnumpy()
    (matrices,) = matrices_of(raw, ["All"], 2, SCALES["1-5"], scoring)
    importance, satisfaction = weighted_scores(np.ones((1, matrices.respondents)), matrices, method, SCALES["1-5"])
    sql = outcome_scores(workspace, scoring)
    assert importance[0] == pytest.approx(sql["importance"].to_numpy())
    assert satisfaction[0] == pytest.approx(sql["satisfaction"].to_numpy())


def test_not_distinguishable_marks_overlapping_neighbours():
    values = pd.Series([10.0, 9.0, 5.0, 4.0])
    low, high = pd.Series([8.0, 8.5, 4.0, np.nan]), pd.Series([11.0, 9.5, 6.0, np.nan])
    # 1 and 2 overlap (8.5–9.5 inside 8–11); 2 and 3 do not (9.5 vs 4–6); 4 has no interval
    assert not_distinguishable(values, low, high) == [2, None, None, None]


def test_groups_are_resampled_within_themselves(tmp_path, workspace):
    pairs = [(5, 1), (4, 2), (5, 3), (2, 2), (5, 1), (3, 1)] * 3 + [(1, 5), (2, 4), (1, 5)] * 4
    sizes = ["small"] * 18 + ["large"] * 12
    load(tmp_path, workspace, {"O1": pairs}, {"Size": sizes})
    by = "attribute:size"
    intervals = with_intervals(
        outcome_scores(workspace, by=by), bootstrap_intervals(workspace, by=by, resamples=B).outcomes
    )
    rows = intervals.set_index("group")
    assert set(rows.index) == {"small", "large"}
    for group in rows.index:
        assert (
            rows.loc[group, "opportunity_low"] <= rows.loc[group, "opportunity"] <= rows.loc[group, "opportunity_high"]
        )
    assert rows.loc["large", "opportunity_high"] <= 2.0  # everyone in "large" is well served: opportunity near 0


def test_step_intervals_contain_the_step_mean(tmp_path, workspace):
    ratings = {
        "A": [(5, 1), (4, 2), (3, 3), (5, 2), (2, 5)] * 4,
        "B": [(4, 1), (5, 4), (2, 2), (5, 5), (4, 1)] * 4,
        "C": [(1, 5), (2, 5), (3, 3), (2, 4), (5, 1)] * 4,
    }
    load(tmp_path, workspace, ratings, steps={"A": "Plan", "B": "Plan", "C": "Run"})
    from core.analysis.scoring import step_scores

    scores = outcome_scores(workspace)
    steps = with_intervals(
        step_scores(workspace, scores), bootstrap_intervals(workspace, resamples=B).steps, ("group", "step_id")
    )
    assert (steps["mean_opportunity_low"] <= steps["mean_opportunity"]).all()
    assert (steps["mean_opportunity"] <= steps["mean_opportunity_high"]).all()
    assert (steps["mean_opportunity_high"] > steps["mean_opportunity_low"]).all()


def test_a_null_score_has_a_null_interval(tmp_path, workspace):
    load(tmp_path, workspace, {"O1": [(5, 1)] * 5, "O2": [(None, 3)] * 5})
    intervals = bootstrap_intervals(workspace, resamples=B).outcomes.set_index("outcome_id")
    bounds = ["opportunity_low", "opportunity_high"]
    assert intervals.loc["O2", bounds].isna().all() and intervals.loc["O1", bounds].notna().all()


rating = st.one_of(st.integers(1, 5), st.none())


@st.composite
def surveys(draw):
    n = draw(st.integers(5, 20))
    outcomes = draw(st.integers(1, 3))
    return {f"O{o}": draw(st.lists(st.tuples(rating, rating), min_size=n, max_size=n)) for o in range(outcomes)}


PROPERTY = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def long_csv(ratings) -> bytes:
    """The survey as a long CSV (one row per respondent and outcome): quicker to import than a workbook."""
    lines = ["respondent_id,outcome_id,importance,satisfaction"]
    for outcome, pairs in ratings.items():
        for r, (i, s) in enumerate(pairs):
            lines.append(f"R{r},{outcome},{'' if i is None else i},{'' if s is None else s}")
    return "\n".join(lines).encode()


def opened(ratings):
    result = import_survey(long_csv(ratings), "random.csv", scale=SCALES["1-5"])
    assert result.ok, result.report.to_text()
    workspace = open_workspace()
    store_survey(workspace, result.survey)
    return workspace


def scored(workspace, method="top2box", seed=16):
    scoring = ScoringSettings(method=method)
    boot = bootstrap_intervals(workspace, scoring, resamples=B, seed=seed)
    return with_intervals(outcome_scores(workspace, scoring), boot.outcomes).set_index("outcome_id")


def has_a_score(ratings) -> bool:
    """Some outcome has an importance and a satisfaction rating (else the import refuses the
    survey: nothing to score)."""
    return any(
        any(i is not None for i, _ in pairs) and any(s is not None for _, s in pairs) for pairs in ratings.values()
    )


@PROPERTY
@given(ratings=surveys(), method=st.sampled_from(["top2box", "mean"]))
def test_intervals_contain_the_point_estimate(ratings, method):
    if not has_a_score(ratings):
        return
    workspace = opened(ratings)
    frame = scored(workspace, method)
    workspace.close()
    present = frame["opportunity"].notna()
    assert frame.loc[present, "opportunity_low"].le(frame.loc[present, "opportunity"] + 1e-9).all()
    assert frame.loc[present, "opportunity_high"].ge(frame.loc[present, "opportunity"] - 1e-9).all()
    assert frame.loc[~present, ["opportunity_low", "opportunity_high"]].isna().all().all()


@PROPERTY
@given(ratings=surveys())
def test_intervals_shrink_as_n_grows(ratings):
    if not has_a_score(ratings):
        return
    small_ws, large_ws = opened(ratings), opened({o: pairs * 4 for o, pairs in ratings.items()})  # 4× n, same shares
    small, large = scored(small_ws), scored(large_ws)
    small_ws.close(), large_ws.close()
    width_small = (small["opportunity_high"] - small["opportunity_low"]).fillna(0).sum()
    width_large = (large["opportunity_high"] - large["opportunity_low"]).fillna(0).sum()
    if width_small > 0:
        assert width_large < width_small
    else:
        assert width_large == 0


@PROPERTY
@given(ratings=surveys(), seed=st.integers(0, 2**31))
def test_the_same_seed_gives_identical_intervals(ratings, seed):
    if not has_a_score(ratings):
        return
    workspace = opened(ratings)
    first, again = scored(workspace, seed=seed), scored(workspace, seed=seed)
    workspace.close()
    pd.testing.assert_frame_equal(first, again)
