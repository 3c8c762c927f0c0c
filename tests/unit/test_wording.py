"""core.wording: counted words and numbers as people read them."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.wording import agree, count, decimal, first_few, named, plural, row_list


@pytest.mark.parametrize(
    ("n", "word", "many", "expected"),
    [
        (1, "step", None, "1 step"),
        (0, "step", None, "0 steps"),
        (3, "step", None, "3 steps"),
        (1, "selected outcome", None, "1 selected outcome"),
        (2, "column was", "columns were", "2 columns were"),
        (1200, "respondent", None, "1,200 respondents"),
        (1.0, "step", None, "1 step"),  # a count that arrived as a float is still one step
    ],
)
def test_plural(n, word, many, expected):
    assert plural(n, word, many) == expected


@pytest.mark.parametrize(
    ("numbers", "total", "expected"),
    [
        ([5], 1, "row 5"),
        ([5, 9], 2, "rows 5, 9"),
        ([2, 3, 4, 5, 6], 5, "rows 2, 3, 4, 5, 6"),
        ([2, 3, 4, 5, 6, 7], 6, "rows 2, 3, 4, 5, 6, …"),  # only the first five are named
        ([2, 3, 4, 5, 6], 1200, "rows 2, 3, 4, 5, 6, …"),
    ],
)
def test_row_list(numbers, total, expected):
    assert row_list(numbers, total) == expected


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "it was"), (0, "they were"), (2, "they were"), (1.0, "it was"), (1200, "they were")]
)
def test_agree_picks_the_words_for_the_count(n, expected):
    assert agree(n, "it was", "they were") == expected


@pytest.mark.parametrize(
    ("items", "word", "many", "expected"),
    [
        (["choice"], "column", None, "column choice"),
        (["a", "b"], "column", None, "columns a, b"),
        (["decisions", "votes"], "sheet", None, "sheets decisions, votes"),
        (["x"], "matrix", "matrices", "matrix x"),
        (["x", "y"], "matrix", "matrices", "matrices x, y"),
    ],
)
def test_named_agrees_with_the_things_it_names(items, word, many, expected):
    assert named(items, word, many) == expected


@pytest.mark.parametrize(
    ("items", "total", "shown", "expected"),
    [
        (["O3"], None, 5, "O3"),
        (["O3", "O7"], None, 5, "O3, O7"),
        ([f"O{i}" for i in range(1, 6)], None, 5, "O1, O2, O3, O4, O5"),
        ([f"O{i}" for i in range(1, 8)], None, 5, "O1, O2, O3, O4, O5, …"),  # seven: the first five, then …
        (["O1", "O2"], 40, 5, "O1, O2, …"),  # a total larger than the items handed over
        ([f"S{i}" for i in range(1, 8)], None, 6, "S1, S2, S3, S4, S5, S6, …"),
        ([], None, 5, ""),
    ],
)
def test_first_few_names_the_first_and_marks_the_rest(items, total, shown, expected):
    assert first_few(items, total, shown) == expected


def test_first_few_lists_names_that_hold_commas_with_another_separator():
    blocks = ["'Q1_1' … 'Q1_9' (9 columns)", "'Q2, speed'", "'Q3'", "'Q4'", "'Q5'"]
    assert (
        first_few(blocks[:4], len(blocks), shown=4, sep="; ")
        == "'Q1_1' … 'Q1_9' (9 columns); 'Q2, speed'; 'Q3'; 'Q4'; …"
    )
    assert first_few(blocks[:2], 2, shown=4, sep="; ") == "'Q1_1' … 'Q1_9' (9 columns); 'Q2, speed'"


@given(st.floats(min_value=-0.0499, max_value=0.0499))
def test_values_that_round_to_zero_never_read_minus_zero(value):
    assert decimal(value) == "0.0"
    assert decimal(value, signed=True) == "0.0"


@pytest.mark.parametrize(
    ("value", "signed", "expected"),
    [(1.26, False, "1.3"), (-1.26, False, "-1.3"), (1.26, True, "+1.3"), (-1.26, True, "-1.3"), (None, False, "–")],
)
def test_decimal(value, signed, expected):
    assert decimal(value, signed=signed) == expected


@pytest.mark.parametrize(("value", "expected"), [(3, "3"), (3.0, "3"), (1234.0, "1,234"), (math.nan, "–"), (None, "–")])
def test_count_is_a_whole_number(value, expected):
    assert count(value) == expected
