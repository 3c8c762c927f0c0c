"""core.wording: counted words and numbers as people read them."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.wording import count, decimal, plural, row_list


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
