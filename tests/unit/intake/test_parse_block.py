"""Issue 12: a workbook's rating block is factorised at once, row by row (ratings.parse_block),
and reads every column exactly as parsing it alone does."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from core.intake.importers.answers import read_at_once
from core.intake.importers.platforms.table import SurveyColumn
from core.intake.ratings import parse_block, parse_column

CELLS = st.sampled_from(
    [
        1.0,
        2.0,
        3,
        4.0,
        5,
        5.0,
        2.5,
        -99,
        0.0,
        math.nan,
        None,
        "",
        " ",
        "N/A",
        "4",
        "Very important",
        True,
        False,
        "#DIV/0!",
    ]
)


def assert_each_column_reads_as_alone(block: np.ndarray) -> None:
    for j, parsed in enumerate(parse_block(block)):
        alone = parse_column(block[:, j].copy())
        assert parsed.codes.tolist() == alone.codes.tolist()
        assert parsed.cells == alone.cells
        assert parsed.counts.tolist() == alone.counts.tolist() and parsed.blanks == alone.blanks


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 12), st.integers(1, 5), st.data())
def test_each_column_of_a_block_reads_as_it_does_alone(rows, width, data):
    block = np.empty((rows, width), dtype=object)
    for i in range(rows):
        for j in range(width):
            block[i, j] = data.draw(CELLS)
    assert_each_column_reads_as_alone(block)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 12), st.integers(2, 5), st.data())
def test_answer_columns_read_at_once_read_as_they_do_alone(rows, width, data):
    """A platform's answer columns are read in one block (answers.read_at_once); a column of
    another type, or one read already, is left as it is."""
    columns = []
    for j in range(width):
        values = np.empty(rows, dtype=object)
        for i in range(rows):
            values[i] = data.draw(CELLS)
        columns.append(SurveyColumn(j, f"Q{j}", values))
    numbers = SurveyColumn(width, "numbers", np.arange(rows, dtype=float))
    done = SurveyColumn(width + 1, "read", columns[0].values.copy())
    done.parsed = before = parse_column(done.values)
    read_at_once([*columns, numbers, done])
    assert numbers.parsed is None and done.parsed is before
    for column in columns:
        alone = parse_column(column.values)
        assert column.parsed is not None
        assert column.parsed.codes.tolist() == alone.codes.tolist()
        assert column.parsed.cells == alone.cells
        assert column.parsed.counts.tolist() == alone.counts.tolist()
        assert column.parsed.blanks == alone.blanks


def test_a_true_in_one_column_is_not_a_1_in_another():
    block = np.array([[True, 1.0], [2.0, 1.0]], dtype=object)
    first, second = parse_block(block)  # factorised together, True and 1.0 share a code
    assert second.integer_counts() == {1: 2}
    assert first.integer_counts() == {2: 1}  # True is no rating


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=3), min_size=1, max_size=80))
def test_a_column_of_many_distinct_texts_reads_as_it_does_alone(texts):
    block = np.array([[t, 1.0] for t in texts], dtype=object)
    parsed = parse_block(block)[0]
    alone = parse_column(block[:, 0].copy())
    assert parsed.codes.tolist() == alone.codes.tolist() and parsed.cells == alone.cells


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 400), st.integers(1, 120), st.integers(1, 4), st.data())
def test_answers_first_met_far_down_a_column_read_as_they_do_alone(same, rest, width, data):
    """ratings.parse_block looks for each answer's first row among the first rows of the block
    (FIRST_ROWS_HEAD), then further down only where it was not met: a column that repeats one
    answer for hundreds of rows reads as it does alone."""
    rows = same + rest
    block = np.empty((rows, width), dtype=object)
    for j in range(width):
        block[:same, j] = data.draw(CELLS)
        for i in range(same, rows):
            block[i, j] = data.draw(CELLS)
    assert_each_column_reads_as_alone(block)
