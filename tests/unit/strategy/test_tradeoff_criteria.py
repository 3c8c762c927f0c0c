"""The trade-off arithmetic: normalisation, weights, weighted score, rank and sensitivity —
hand computations and hypothesis properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from core.strategy.tradeoff_criteria import (
    DEFAULT_WEIGHTS,
    IDS,
    complete_weights,
    normalise,
    quadrant,
    ranks,
    rescale,
    robust,
    sensitivity,
    weighted,
)

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


def test_normalise_by_hand() -> None:
    assert normalise(pd.Series([2.0, 4.0, 6.0, float("nan")])).tolist()[:3] == [1.0, 3.0, 5.0]
    assert math.isnan(normalise(pd.Series([2.0, 4.0, 6.0, float("nan")])).iloc[3])
    assert normalise(pd.Series([7.5])).tolist() == [3.0]  # one row: the neutral middle
    assert normalise(pd.Series([1.0, 1.0])).tolist() == [3.0, 3.0]  # all equal


@given(st.lists(st.one_of(finite, st.just(float("nan"))), min_size=1, max_size=30))
def test_normalise_range_order_and_ties(values: list[float]) -> None:
    raw = pd.Series(values)
    scored = normalise(raw)
    assert (scored.isna() == raw.isna()).all()
    present = scored.dropna()
    assert ((present >= 1 - 1e-9) & (present <= 5 + 1e-9)).all()
    known = [(a, sa) for a, sa in zip(raw, scored, strict=True) if not np.isnan(a)]
    pairs = [(a, b, sa, sb) for a, sa in known for b, sb in known]
    for a, b, sa, sb in pairs:
        if a == b:
            assert sa == sb  # ties share a score
        elif a < b:
            assert sa <= sb  # order kept
    if present.nunique() > 1:
        assert math.isclose(present.min(), 1) and math.isclose(present.max(), 5)


def test_complete_weights_default_and_rescaled() -> None:
    assert complete_weights({}) == DEFAULT_WEIGHTS and sum(DEFAULT_WEIGHTS.values()) == 100
    assert sum(complete_weights({"opportunity": 500}).values()) == 100


@given(st.dictionaries(st.sampled_from(IDS), st.integers(0, 100)), st.sampled_from(IDS), st.integers(0, 100))
def test_rescale_keeps_100_and_proportions(stored: dict[str, int], moved: str, value: int) -> None:
    weights = complete_weights({k: float(v) for k, v in stored.items()})
    after = rescale(weights, moved, value)
    assert after[moved] == value
    assert sum(after.values()) == 100 and min(after.values()) >= 0
    others = [k for k in IDS if k != moved]
    for a in others:
        for b in others:
            if weights[a] > weights[b]:
                assert after[a] >= after[b]  # proportional: the order of the others is kept


def test_rescale_by_hand() -> None:
    weights = dict.fromkeys(IDS, 0) | {"opportunity": 50, "gap": 30, "cost": 20}
    after = rescale(weights, "opportunity", 80)
    assert after["opportunity"] == 80 and after["gap"] == 12 and after["cost"] == 8


def two_rows() -> tuple[pd.DataFrame, dict[str, int]]:
    scores = pd.DataFrame(index=pd.Index(["a", "b"]), columns=list(IDS), dtype=float)
    scores["opportunity"] = [5.0, 1.0]
    scores["cost"] = [1.0, 5.0]
    weights = dict.fromkeys(IDS, 0) | {"opportunity": 55, "cost": 45}
    return scores, weights


def test_weighted_score_and_rank_by_hand() -> None:
    scores, weights = two_rows()
    score = weighted(scores, weights)
    assert score.round(6).tolist() == [3.2, 2.8]  # (55·5 + 45·1)/100, (55·1 + 45·5)/100
    assert ranks(score).tolist() == [1, 2]
    scores.loc["b", "cost"] = float("nan")  # b not scored on cost: its other criteria decide
    assert weighted(scores, weights)["b"] == 1.0
    assert ranks(pd.Series([2.0, float("nan"), 2.0])).tolist() == [1, 3, 1]


def test_sensitivity_by_hand() -> None:
    scores, weights = two_rows()
    table = sensitivity(scores, weights).set_index(["criterion", "change"])
    # opportunity 55 → 45, cost → 55: a = 2.8, b = 3.2 — both rows swap
    assert table.loc[("opportunity", -10), "changed"] == ("a", "b")
    assert table.loc[("opportunity", 10), "n_changed"] == 0
    assert ("unmet", -10) not in table.index  # no row has a score: the weight moves nothing
    assert not robust(scores.index, sensitivity(scores, weights)).any()


@settings(deadline=None, max_examples=30)
@given(st.lists(st.floats(1, 5), min_size=2, max_size=8), st.integers(1, 99))
def test_sensitivity_of_identical_rows_changes_nothing(values: list[float], opportunity: int) -> None:
    scores = pd.DataFrame({c: [values[i % len(values)]] * 4 for i, c in enumerate(IDS)}, index=list("abcd"))
    weights = rescale(DEFAULT_WEIGHTS, "opportunity", opportunity)
    table = sensitivity(scores, weights)
    assert (table["n_changed"] == 0).all()
    assert robust(scores.index, table).all()


@settings(deadline=None, max_examples=30)
@given(st.lists(st.lists(st.floats(1, 5), min_size=len(IDS), max_size=len(IDS)), min_size=1, max_size=6))
def test_sensitivity_lists_exactly_the_rows_whose_rank_moves(matrix: list[list[float]]) -> None:
    scores = pd.DataFrame(matrix, columns=list(IDS), index=[f"r{i}" for i in range(len(matrix))])
    table = sensitivity(scores, DEFAULT_WEIGHTS)
    base = ranks(weighted(scores, DEFAULT_WEIGHTS))
    for row in table.itertuples():
        moved = ranks(weighted(scores, rescale(DEFAULT_WEIGHTS, row.criterion, row.new_weight)))
        assert set(row.changed) == set(scores.index[moved.ne(base)])
        assert row.n_changed == len(row.changed) and row.new_weight == min(100, max(0, row.weight + row.change))


def test_quadrants() -> None:
    assert quadrant(4, 4) == "Pursue" and quadrant(4, 2) == "Invest to enable"
    assert quadrant(2, 4) == "Quick extras" and quadrant(2, 2) == "Deprioritise"
    assert quadrant(float("nan"), 3) == "not scored"
