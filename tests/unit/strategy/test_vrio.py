"""core.strategy.vrio: the VRIO implication of all 16 combinations, written out by hand, and the
pure figures (levels, requirement, unlock, gaps) on hand-made frames."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from core.strategy import vrio

D, P, T, U, S = vrio.DISADVANTAGE, vrio.PARITY, vrio.TEMPORARY, vrio.UNUSED, vrio.SUSTAINED
# (valuable, rare, inimitable, organized) → implication, every combination typed out.
TABLE = {
    (0, 0, 0, 0): D, (0, 0, 0, 1): D, (0, 0, 1, 0): D, (0, 0, 1, 1): D,
    (0, 1, 0, 0): D, (0, 1, 0, 1): D, (0, 1, 1, 0): D, (0, 1, 1, 1): D,
    (1, 0, 0, 0): P, (1, 0, 0, 1): P, (1, 0, 1, 0): P, (1, 0, 1, 1): P,
    (1, 1, 0, 0): T, (1, 1, 0, 1): T, (1, 1, 1, 0): U, (1, 1, 1, 1): S,
}  # fmt: skip


def test_the_table_covers_all_16_combinations():
    assert set(TABLE) == set(itertools.product((0, 1), repeat=4))


@pytest.mark.parametrize(("answers", "expected"), sorted(TABLE.items()))
def test_implication_of_every_combination(answers, expected):
    assert vrio.implication(*(bool(a) for a in answers)) == expected


def test_unanswered_counts_as_no():
    assert vrio.implication(True, None, None, None) == P
    assert vrio.implication(None, True, True, True) == D
    assert vrio.implication(True, True, True, None) == U


@pytest.mark.parametrize(
    ("value", "points"),
    [("low", 1.0), ("Medium", 2.0), (" high ", 3.0), ("2.5", 2.5), ("4,5", 4.5), (7, 7.0), (None, None), ("", None)],
)
def test_level_points(value, points):
    assert vrio.level_points(value) == points


@pytest.mark.parametrize("value", ["lots", "-1", "nan", "inf"])
def test_level_points_refuses_what_is_not_a_level(value):
    with pytest.raises(ValueError, match=value.strip()):
        vrio.level_points(value)


def test_requirement_is_cost_plus_effort_or_the_one_known():
    assert vrio.requirement("low", "high") == 4.0
    assert vrio.requirement("2.5", None) == 2.5
    assert vrio.requirement(None, "medium") == 2.0
    assert vrio.requirement(None, "") is None


LINKS = pd.DataFrame(
    [("a", "O1", 3), ("a", "O3", 1), ("b", "O5", 2), ("b", "O2", 3), ("c", "O1", 2)],
    columns=["capability_id", "outcome_id", "strength"],
)
COLUMNS = pd.DataFrame(
    {"outcome_id": ["O1", "O3", "O5"], "opportunity": [17.0, 12.0, 10.0], "must_cover": [True, False, True]}
)


def test_unlock_weights_each_link_by_its_level_over_the_columns_only():
    unlocked = vrio.unlock(LINKS, COLUMNS)
    assert unlocked["a"] == pytest.approx(17 * 1 + 12 / 3)
    assert unlocked["b"] == pytest.approx(10 * 2 / 3)  # O2 is not a column
    assert unlocked["c"] == pytest.approx(17 * 2 / 3)


def test_gaps_need_an_enabling_link_from_a_strong_enough_capability():
    caps = pd.DataFrame({"capability_id": ["a", "b", "c"], "strength": [1, 3, None]})
    gaps = vrio.gaps(COLUMNS, LINKS, caps)
    # O1: a is critical but strength 1, c enables but unrated → gap; O5: b enables with strength 3 → covered.
    assert gaps["outcome_id"].tolist() == ["O1"]
    caps.loc[caps["capability_id"] == "c", "strength"] = 2
    assert vrio.gaps(COLUMNS, LINKS, caps).empty


def test_gaps_are_ordered_by_opportunity():
    caps = pd.DataFrame({"capability_id": ["a"], "strength": [0]})
    columns = COLUMNS.assign(must_cover=True)
    assert vrio.gaps(columns, LINKS, caps)["outcome_id"].tolist() == ["O1", "O3", "O5"]


def test_derived_valuable_needs_enables_on_a_high_need():
    scores = pd.DataFrame({"outcome_id": ["O1", "O2", "O3", "O5"], "opportunity": [17.0, 11.0, 12.0, 10.0]})
    assert vrio.derived_valuable(LINKS, scores, high=12.0) == {"a", "c"}
    assert vrio.derived_valuable(LINKS, scores, high=10.5) == {"a", "b", "c"}


def test_summary_line():
    line = vrio.summary_line("OCR", T, 2, 12.04, 1)
    assert line == "OCR — temporary advantage; strength 2/3; unlocks 12.0 across 1 need"
    assert vrio.summary_line("X", D, None, 0.0, 3).endswith("strength not rated; unlocks 0.0 across 3 needs")
