"""Issue 12: a canonical workbook's sheets are read without Python work per row or per cell.

Which rows are blank (skipped, and their numbers kept for the report) is decided on each row's
first cell through its distinct values; a competitors sheet (one row per respondent × outcome ×
solution) is read the same way. The results must be exactly the row-by-row ones.
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from core.intake.importers import import_survey
from core.intake.importers.canonical import _filled, _headers, _split
from core.intake.importers.reading import Table, has_value
from tests.unit.xlsx_helpers import xlsx_bytes

CELL = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "\t", "R1", " R1 ", "r1", "N/A", "0"]),
    st.integers(-3, 3),
    st.sampled_from([0.0, 1.0, 1001.0, math.nan]),
    st.booleans(),
)


@st.composite
def grids(draw) -> list[list[object]]:
    width = draw(st.integers(0, 4))
    return draw(st.lists(st.lists(CELL, min_size=width, max_size=width), max_size=12))


@settings(max_examples=300, deadline=None)
@given(grids())
def test_blank_rows_are_found_as_row_by_row(rows):
    expected = [any(has_value(c) for c in row) for row in rows]
    assert _filled(rows).tolist() == expected
    numbered = [n for n, filled in enumerate(expected, 1) if filled]
    grid = _split(Table("sheet", rows))
    assert grid.row_numbers == numbered[1:]
    assert grid.rows == [rows[n - 1] for n in numbered[1:]]
    assert grid.headers == _headers(Table("sheet", rows))


def test_a_ragged_grid_with_empty_rows_is_read_too():
    rows = [["respondent_id", "x"], [], [None, "  "], ["", 5], ["R1", 2]]
    assert _filled(rows).tolist() == [True, False, False, True, True]
    assert _split(Table("sheet", rows)).row_numbers == [4, 5]


def competitors_workbook(respondents: int, outcomes: int, solutions: int) -> bytes:
    ids = [f"O{k}" for k in range(1, outcomes + 1)]
    job_map = [["step_order", "step", "outcome_id", "statement"]] + [
        [1, "Step", o, f"Minimise the time to do {o}"] for o in ids
    ]
    responses = [["respondent_id", *[f"{m}_{o}" for o in ids for m in ("imp", "sat")]]] + [
        [f"R{r}", *[(r + k) % 5 + 1 for k in range(2 * outcomes)]] for r in range(respondents)
    ]
    competitors = [["respondent_id", "outcome_id", "competitor", "satisfaction"]] + [
        [f"R{r}", o, f"Solution {s}", (r + s) % 5 + 1]
        for r in range(respondents)
        for o in ids
        for s in range(solutions)
    ]
    competitors[5][0] = None  # a row without a respondent: skipped and counted
    competitors[7] = ["", "", "", ""]  # a blank row: not a competitor rating at all
    competitors[9][:3] = [f" {competitors[9][0]} ", competitors[9][1].lower(), f"  {competitors[9][2]}"]
    return xlsx_bytes({"job_map": job_map, "responses": responses, "competitors": competitors})


def test_a_competitors_sheet_is_read_by_columns_with_every_skipped_row_counted():
    """Blank rows are not ratings; a row without a respondent is skipped and counted with its row
    number; ids with other case or stray spaces match (speed: bench/import_bench.py --case competitors)."""
    data = competitors_workbook(40, 25, 4)
    result = import_survey(data, "competitors.xlsx")
    assert result.ok, result.report.to_text()
    ratings = result.survey.competitor_ratings
    assert len(ratings) == 40 * 25 * 4 - 2
    assert set(ratings["competitor"]) == {f"Solution {s}" for s in range(4)}
    assert set(ratings["outcome_id"]) == {f"O{k}" for k in range(1, 26)}
    warnings = " ".join(w.text for w in result.report.warnings)
    assert "1 competitor row whose respondent is not among the kept respondents was skipped (row 6)" in warnings
